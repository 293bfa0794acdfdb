/**
 * Least connection (net/netfilter/ipvs/ip_vs_lc.c, §2.3). Picks the server with the smallest
 * overhead `activeConns * 256 + inactConns` (the `<<5` in the kernel file's comment is stale),
 * skipping OVERLOADed and weight-0 servers. Weights play no other part. The comparison is a strict
 * `<`, so on a tie the first server in list order, the newest one, wins. Keeps no state.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { destOverhead } from './overhead.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';

function lcSchedule(svc: Service): Dest | null {
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

/** The lc scheduler's ops. */
export const lcScheduler: SchedulerOps = {
  name: 'lc',
  schedule: lcSchedule,
};
