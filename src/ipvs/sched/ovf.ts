/**
 * Overflow (net/netfilter/ipvs/ip_vs_ovf.c, §2.8): the highest-weight server that is not full,
 * ties to the first in list order. A server is skipped when it has OVERLOAD, weight 0, or
 * `activeConns > weight`: the test is `>`, so a weight-w server still takes the connection that
 * brings it to w + 1 active connections. Only active connections count, and UDP connections are
 * always inactive, so for UDP ovf always picks the highest weight. The kernel keeps no state;
 * lvslab answers from a tree over the list (dest-tree.ts) that makes the scan's choice.
 */
import type { Dest } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import { type DestRank, rankedScheduler } from './dest-tree.js';
import type { SchedulerOps } from './scheduler.js';

/** ip_vs_ovf_schedule's linear scan, kept as the reference the tree is tested against. */
export function ovfScan(svc: Service): Dest | null {
  let h: Dest | null = null;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    const w = n.weight;
    if ((n.flags & IP_VS_DEST_F_OVERLOAD) !== 0 || n.activeConns > w || w === 0) continue;
    if (h === null || w > h.weight) h = n;
  }
  return h;
}

/** ovf's rank: 1/weight over the servers that are not full, OVERLOADed or weight 0. */
export const ovfRank: DestRank = {
  num: () => 1,
  den: (d) => {
    const w = d.weight;
    return (d.flags & IP_VS_DEST_F_OVERLOAD) !== 0 || d.activeConns > w || w === 0 ? 0 : w;
  },
};

/** The ovf scheduler's ops. */
export const ovfScheduler: SchedulerOps = rankedScheduler('ovf', ovfRank);
