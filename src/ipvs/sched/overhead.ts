/**
 * The load arithmetic shared by the least-connection family (include/net/ip_vs.h,
 * ip_vs_dest_conn_overhead; ip_vs_wlc.c). A server's overhead is `activeConns << 8 + inactConns`
 * (the `<<5` in ip_vs_lc.c's comment is stale, §1.3). Comparisons cross-multiply with the weights
 * instead of dividing, so "minimal overhead/weight" needs no fractions; lvslab's numbers stay far
 * below 2^53, so plain doubles hold the kernel's 64-bit products exactly.
 */
import type { Dest } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';

/** ip_vs_dest_conn_overhead: activeConns * 256 + inactConns. */
export function destOverhead(dest: Dest): number {
  return dest.activeConns * 256 + dest.inactConns;
}

/**
 * The weighted-least loop of ip_vs_wlc_schedule and ip_vs_sed_schedule (§2.4, §2.5): the first
 * server in list order with no OVERLOAD and weight > 0 is the first candidate; a later server
 * without OVERLOAD replaces it when `loh * w_d > doh * w_least`. Ties keep the earlier server, and a
 * later weight-0 server can never win (0 > x is false). Null when there is no candidate.
 */
export function weightedLeast(svc: Service, overhead: (dest: Dest) => number): Dest | null {
  let least: Dest | null = null;
  let loh = 0;
  let n = svc.destinations.head.next;
  for (; !n.isHead; n = n.next) {
    if ((n.flags & IP_VS_DEST_F_OVERLOAD) === 0 && n.weight > 0) {
      least = n;
      loh = overhead(n);
      break;
    }
  }
  if (least === null) return null;
  for (n = n.next; !n.isHead; n = n.next) {
    if ((n.flags & IP_VS_DEST_F_OVERLOAD) !== 0) continue;
    const doh = overhead(n);
    if (loh * n.weight > doh * least.weight) {
      least = n;
      loh = doh;
    }
  }
  return least;
}

/** The wlc choice (§2.4), also used by lblc and lblcr: weightedLeast over `destOverhead`. */
export function wlcSelect(svc: Service): Dest | null {
  return weightedLeast(svc, destOverhead);
}
