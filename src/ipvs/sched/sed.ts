/**
 * Shortest expected delay (net/netfilter/ipvs/ip_vs_sed.c, §2.5): the server with the smallest
 * `(activeConns + 1) / weight`; inactive connections do not count. Same loop as wlc: the first
 * server with no OVERLOAD and weight > 0 is the first candidate, a later one replaces it when
 * `loh * w_d > doh * w_least` (64-bit signed products in current kernels, 32-bit unsigned in old
 * ones; lvslab's numbers never reach the difference). Ties keep the earlier server. The kernel
 * keeps no state; lvslab answers from a tree over the list (dest-tree.ts) that makes the scan's choice.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { type DestRank, rankedScheduler } from './dest-tree.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';
import { weightedLeast } from './overhead.js';

/** ip_vs_sed_dest_overhead (also nq's): activeConns + 1. */
export function sedOverhead(dest: Dest): number {
  return dest.activeConns + 1;
}

/** ip_vs_sed_schedule's linear scan, kept as the reference the tree is tested against. */
export function sedScan(svc: Service): Dest | null {
  return weightedLeast(svc, sedOverhead);
}

/** sed's rank: smallest (activeConns + 1)/weight, OVERLOADed and weight-0 servers skipped. */
export const sedRank: DestRank = {
  num: sedOverhead,
  den: (d) => (destUsable(d) ? d.weight : 0),
};

/** The sed scheduler's ops. */
export const sedScheduler: SchedulerOps = rankedScheduler('sed', sedRank);
