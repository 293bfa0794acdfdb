/**
 * Weighted failover (net/netfilter/ipvs/ip_vs_fo.c, §2.7): every new connection goes to the
 * server with the highest weight among those with no OVERLOAD and weight > 0; connection counts
 * are not looked at. The comparison is a strict `>`, so among equal weights the first in list
 * order (the newest server) wins. Lowering a weight (or the threshold OVERLOAD flag) fails over to
 * the next. Keeps no state.
 */
import type { Dest } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';

function foSchedule(svc: Service): Dest | null {
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

/** The fo scheduler's ops. */
export const foScheduler: SchedulerOps = {
  name: 'fo',
  schedule: foSchedule,
};
