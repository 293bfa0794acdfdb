/**
 * Weighted least connection, the default scheduler (net/netfilter/ipvs/ip_vs_wlc.c, §2.4): the
 * server with the smallest overhead/weight, where overhead is `activeConns * 256 + inactConns`.
 * The comparison cross-multiplies (`loh * w_d > doh * w_least`, 64-bit in the kernel) so no
 * division happens, and ties keep the earlier server in list order. The arithmetic lives in
 * overhead.ts because lblc and lblcr fall back to the same choice. The kernel keeps no state;
 * lvslab answers from a tree over the list (dest-tree.ts) that makes the scan's choice.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { type DestRank, rankedScheduler } from './dest-tree.js';
import { destOverhead, wlcSelect } from './overhead.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';

/** ip_vs_wlc_schedule's linear scan, kept as the reference the tree is tested against. */
export function wlcScan(svc: Service): Dest | null {
  return wlcSelect(svc);
}

/** wlc's rank: smallest overhead/weight, OVERLOADed and weight-0 servers skipped. */
export const wlcRank: DestRank = {
  num: destOverhead,
  den: (d) => (destUsable(d) ? d.weight : 0),
};

/** The wlc scheduler's ops. */
export const wlcScheduler: SchedulerOps = rankedScheduler('wlc', wlcRank);
