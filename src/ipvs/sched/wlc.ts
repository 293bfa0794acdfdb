/**
 * Weighted least connection, the default scheduler (net/netfilter/ipvs/ip_vs_wlc.c, §2.4): the
 * server with the smallest overhead/weight, where overhead is `activeConns * 256 + inactConns`.
 * The comparison cross-multiplies (`loh * w_d > doh * w_least`, 64-bit in the kernel) so no
 * division happens, and ties keep the earlier server in list order. The arithmetic lives in
 * overhead.ts because lblc and lblcr fall back to the same choice. Keeps no state.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { wlcSelect } from './overhead.js';
import type { SchedulerOps } from './scheduler.js';

function wlcSchedule(svc: Service): Dest | null {
  return wlcSelect(svc);
}

/** The wlc scheduler's ops. */
export const wlcScheduler: SchedulerOps = {
  name: 'wlc',
  schedule: wlcSchedule,
};
