/**
 * Learned path MTUs (net/ipv4/route.c: __ip_rt_update_pmtu, update_or_create_fnhe, ipv4_mtu):
 * an ICMP "fragmentation needed" that a socket accepts lowers the MTU of its route to that
 * destination for net.ipv4.route.mtu_expires (600 s). A value below net.ipv4.route.min_pmtu (552)
 * is raised to it (and the MTU locked); a value above the current MTU is ignored, so a learned MTU
 * only ever shrinks until it expires. Output routes to the destination use it (dst_mtu).
 * Simplified: one exception per destination (the kernel keys them by next hop too), no
 * `ip route flush cache`, and a crash does not forget them.
 */
import type { Ip4 } from './wire/addr.js';
import type { HostApi, RouteResult } from './types.js';
import { SEC } from './types.js';

/** net.ipv4.route.min_pmtu: 512 + 20 + 20. */
export const IP_RT_MIN_PMTU = 552;
/** net.ipv4.route.mtu_expires: how long a learned MTU lasts. */
export const IP_RT_MTU_EXPIRES = 600 * SEC;

/** One route exception (struct fib_nh_exception, its PMTU part). */
export interface PmtuException {
  readonly mtu: number;
  /** Virtual time (ns) at which it expires. */
  readonly expires: number;
}

/** The route exceptions of one host. Get it with `pmtuTable(host)`. */
export class PmtuTable {
  private readonly byDst = new Map<Ip4, PmtuException>();

  constructor(private readonly host: HostApi) {}

  /** The live exception for `dst`, if any (an expired one is forgotten). */
  get(dst: Ip4): PmtuException | undefined {
    const e = this.byDst.get(dst);
    if (e === undefined) return undefined;
    if (this.host.sim.now >= e.expires) {
      this.byDst.delete(dst);
      return undefined;
    }
    return e;
  }

  /** ipv4_mtu: the route's MTU with a learned path MTU applied (unicast routes only). */
  apply(dst: Ip4, route: RouteResult): RouteResult {
    if (route.type !== 'unicast') return route;
    const e = this.get(dst);
    return e === undefined || e.mtu >= route.mtu ? route : { ...route, mtu: e.mtu };
  }

  /**
   * __ip_rt_update_pmtu on the route to `dst`: lowers its MTU to `mtu` (at least min_pmtu).
   * Returns the route's MTU afterwards (dst_mtu), or undefined when there is no unicast route.
   */
  update(dst: Ip4, mtu: number): number | undefined {
    const route = this.apply(dst, this.host.routeOutput(dst));
    if (route.type !== 'unicast') return undefined;
    const old = route.mtu;
    if (old < mtu) return old;
    const learned = mtu < IP_RT_MIN_PMTU ? Math.min(old, IP_RT_MIN_PMTU) : mtu;
    const now = this.host.sim.now;
    const e = this.get(dst);
    // The same MTU again only refreshes the expiry once half of it has passed.
    if (e !== undefined && e.mtu === learned && now < e.expires - IP_RT_MTU_EXPIRES / 2) return learned;
    this.byDst.set(dst, { mtu: learned, expires: now + IP_RT_MTU_EXPIRES });
    return learned;
  }
}

const tables = new WeakMap<HostApi, PmtuTable>();

/** The route exceptions of `host` (created on first use). */
export function pmtuTable(host: HostApi): PmtuTable {
  let t = tables.get(host);
  if (t === undefined) {
    t = new PmtuTable(host);
    tables.set(host, t);
  }
  return t;
}
