/**
 * Never queue (net/netfilter/ipvs/ip_vs_nq.c, §2.6). Walking the list in order and skipping
 * OVERLOADed and weight-0 servers, the FIRST server with no active connection is returned at once,
 * whatever its weight: an idle weight-1 server ahead of an idle weight-100 one wins. With no idle
 * server the sed rule applies: smallest `(activeConns + 1) / weight`, cross-multiplied, ties to
 * the earlier server. Keeps no state.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';
import { sedOverhead } from './sed.js';

function nqSchedule(svc: Service): Dest | null {
  let least: Dest | null = null;
  let loh = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (!destUsable(n)) continue;
    if (n.activeConns === 0) return n;
    const doh = sedOverhead(n);
    if (least === null || loh * n.weight > doh * least.weight) {
      least = n;
      loh = doh;
    }
  }
  return least;
}

/** The nq scheduler's ops. */
export const nqScheduler: SchedulerOps = {
  name: 'nq',
  schedule: nqSchedule,
};
