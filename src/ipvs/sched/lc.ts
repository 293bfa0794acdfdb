/**
 * Least connection (net/netfilter/ipvs/ip_vs_lc.c, §2.3). Picks the server with the smallest
 * overhead `activeConns * 256 + inactConns` (the `<<5` in the kernel file's comment is stale),
 * skipping OVERLOADed and weight-0 servers. Weights play no other part. The comparison is a strict
 * `<`, so on a tie the first server in list order, the newest one, wins. The kernel keeps no
 * state; lvslab answers from a tree over the list (dest-tree.ts) that makes the scan's choice.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { destOverhead } from './overhead.js';
import { type DestRank, rankedScheduler } from './dest-tree.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';

/** ip_vs_lc_schedule's linear scan, kept as the reference the tree is tested against. */
export function lcScan(svc: Service): Dest | null {
  let least: Dest | null = null;
  let loh = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (!destUsable(n)) continue;
    const doh = destOverhead(n);
    if (least === null || doh < loh) {
      least = n;
      loh = doh;
    }
  }
  return least;
}

/** lc's rank: smallest overhead, OVERLOADed and weight-0 servers skipped. */
export const lcRank: DestRank = {
  num: destOverhead,
  den: (d) => (destUsable(d) ? 1 : 0),
};

/** The lc scheduler's ops. */
export const lcScheduler: SchedulerOps = rankedScheduler('lc', lcRank);
