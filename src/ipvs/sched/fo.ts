/**
 * Weighted failover (net/netfilter/ipvs/ip_vs_fo.c, §2.7): every new connection goes to the
 * server with the highest weight among those with no OVERLOAD and weight > 0; connection counts
 * are not looked at. The comparison is a strict `>`, so among equal weights the first in list
 * order (the newest server) wins. Lowering a weight (or the threshold OVERLOAD flag) fails over to
 * the next. The kernel keeps no state; lvslab answers from a tree over the list (dest-tree.ts)
 * that makes the scan's choice: highest weight is smallest 1/weight.
 */
import type { Dest } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import { type DestRank, rankedScheduler } from './dest-tree.js';
import type { SchedulerOps } from './scheduler.js';

/** ip_vs_fo_schedule's linear scan, kept as the reference the tree is tested against. */
export function foScan(svc: Service): Dest | null {
  let hweight: Dest | null = null;
  let hw = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if ((n.flags & IP_VS_DEST_F_OVERLOAD) === 0 && n.weight > hw) {
      hweight = n;
      hw = n.weight;
    }
  }
  return hweight;
}

/** fo's rank: 1/weight, so the first highest weight wins; OVERLOADed and weight-0 servers skipped. */
export const foRank: DestRank = {
  num: () => 1,
  den: (d) => ((d.flags & IP_VS_DEST_F_OVERLOAD) === 0 && d.weight > 0 ? d.weight : 0),
};

/** The fo scheduler's ops. */
export const foScheduler: SchedulerOps = rankedScheduler('fo', foRank);
