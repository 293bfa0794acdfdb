/**
 * Overflow (net/netfilter/ipvs/ip_vs_ovf.c, §2.8): the highest-weight server that is not full,
 * ties to the first in list order. A server is skipped when it has OVERLOAD, weight 0, or
 * `activeConns > weight`: the test is `>`, so a weight-w server still takes the connection that
 * brings it to w + 1 active connections. Only active connections count, and UDP connections are
 * always inactive, so for UDP ovf always picks the highest weight. Keeps no state.
 */
import type { Dest } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';

function ovfSchedule(svc: Service): Dest | null {
  let h: Dest | null = null;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    const w = n.weight;
    if ((n.flags & IP_VS_DEST_F_OVERLOAD) !== 0 || n.activeConns > w || w === 0) continue;
    if (h === null || w > h.weight) h = n;
  }
  return h;
}

/** The ovf scheduler's ops. */
export const ovfScheduler: SchedulerOps = {
  name: 'ovf',
  schedule: ovfSchedule,
};
