/**
 * Route lookups with the kernel's policy around the FIB (net/ipv4/route.c, fib_frontend.c):
 * ip_route_output_key (output device, next hop, preferred source via the route's src or
 * inet_select_addr), ip_route_input_slow (martian checks, local / broadcast / multicast delivery,
 * forwarding only when the INPUT interface forwards, ICMP unreachable for a forwarding host
 * without a route) and fib_validate_source (rp_filter strict/loose with max(all, iface),
 * accept_local, "martian source" for our own addresses). Simplified: no multicast routing, no
 * route cache, no redirects, and any source address may be used for output (as raw sockets can).
 */
import type { Ip4 } from './wire/addr.js';
import { isLoopback, isMulticast } from './wire/addr.js';
import { ipText } from './ip-text.js';
import type { Msg } from '../i18n/message.js';
import type { NetDevice } from './iface.js';
import { scopeValue } from './iface.js';
import type { Fib, FibLookupOpts, FibRoute } from './route.js';
import type { ConfName } from './sysctl.js';
import type { RouteResult } from './types.js';
import { RT_SCOPE_LINK, RT_SCOPE_UNIVERSE, inetSelectAddr } from './addr-select.js';

/** What the lookups need from a host. */
export interface RouteHost {
  readonly fib: Fib;
  readonly devices: readonly NetDevice[];
  device(name: string): NetDevice | undefined;
  conf(name: ConfName, dev: string): number;
}

const LOOPBACK_ADDR = 0x7f000001;
const LIMITED_BROADCAST = 0xffffffff;
const ICMP_NET_UNREACH = 0;
const ICMP_HOST_UNREACH = 1;
const ICMP_PKT_FILTERED = 13;

/** 224.0.0.0/24: link-local multicast, never routed. */
export function isLocalMulticast(addr: Ip4): boolean {
  return addr >>> 8 === 0xe00000;
}

/** The result of an input route lookup for a received packet. */
export type InputRoute =
  | { readonly kind: 'local'; readonly type: 'local' | 'broadcast' | 'multicast' }
  | { readonly kind: 'forward'; readonly route: RouteResult; readonly fib: FibRoute }
  | {
      readonly kind: 'error';
      readonly reason: Msg;
      /** ICMP destination-unreachable code ip_error sends (only a forwarding interface sends it). */
      readonly icmpCode?: number;
    };

/** A FIB lookup without restrictions (shared: the lookup only reads it). */
const NO_LOOKUP_OPTS: FibLookupOpts = {};

/** route_localnet of a device: 127/8 may be routed to and from it. */
function routeLocalnet(host: RouteHost, d: NetDevice): boolean {
  return host.conf('route_localnet', d.name) !== 0;
}

function unreachable(dst: Ip4): RouteResult {
  return { type: 'unreachable', dev: '', nextHop: dst, src: 0, mtu: 0 };
}

/**
 * ip_route_output_key: the route a locally generated packet to `dst` takes, with its preferred
 * source. `src` (when given and non-zero) is kept; `oif` restricts the lookup to a device (and a
 * destination with no route is then assumed on-link, as the kernel does).
 */
export function routeOutput(host: RouteHost, dst: Ip4, opts?: { readonly src?: Ip4; readonly oif?: string }): RouteResult {
  let src = opts?.src ?? 0;
  const oif = opts?.oif;
  if (src !== 0 && (isMulticast(src) || src === LIMITED_BROADCAST)) return unreachable(dst);
  let oifDev: NetDevice | undefined;
  if (oif !== undefined) {
    oifDev = host.device(oif);
    if (oifDev === undefined || !oifDev.up) return unreachable(dst);
    if (isLocalMulticast(dst) || dst === LIMITED_BROADCAST) {
      if (src === 0) src = inetSelectAddr(oifDev, 0, RT_SCOPE_LINK, host.devices, routeLocalnet(host, oifDev));
      return { type: dst === LIMITED_BROADCAST ? 'broadcast' : 'multicast', dev: oif, nextHop: dst, src, mtu: oifDev.mtu };
    }
    if (src === 0 && isMulticast(dst)) src = inetSelectAddr(oifDev, 0, RT_SCOPE_UNIVERSE, host.devices, routeLocalnet(host, oifDev));
  }
  if (dst === 0) {
    const lo = host.device('lo');
    return { type: 'local', dev: 'lo', nextHop: LOOPBACK_ADDR, src: src !== 0 ? src : LOOPBACK_ADDR, mtu: lo?.mtu ?? 65536 };
  }
  const r = host.fib.lookup(dst, oif === undefined ? NO_LOOKUP_OPTS : { oif });
  if (r === undefined || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit') {
    if (r === undefined && oifDev !== undefined) {
      if (src === 0) src = inetSelectAddr(oifDev, 0, RT_SCOPE_LINK, host.devices, routeLocalnet(host, oifDev));
      return { type: isMulticast(dst) ? 'multicast' : 'unicast', dev: oifDev.name, nextHop: dst, src, mtu: oifDev.mtu };
    }
    return unreachable(dst);
  }
  if (r.type === 'local') {
    const lo = host.device('lo');
    return { type: 'local', dev: 'lo', nextHop: dst, src: src !== 0 ? src : (r.src ?? dst), mtu: lo?.mtu ?? 65536 };
  }
  const dev = host.device(r.dev);
  if (dev === undefined) return unreachable(dst);
  if (r.type === 'broadcast') {
    if (src === 0) src = r.src ?? inetSelectAddr(dev, 0, RT_SCOPE_LINK, host.devices, routeLocalnet(host, dev));
    return { type: 'broadcast', dev: dev.name, nextHop: dst, src, mtu: dev.mtu };
  }
  const nextHop = r.via ?? dst;
  if (src === 0) src = r.src ?? inetSelectAddr(dev, r.via ?? 0, scopeValue(r.scope), host.devices, routeLocalnet(host, dev));
  return { type: isMulticast(dst) ? 'multicast' : 'unicast', dev: dev.name, nextHop, src, mtu: dev.mtu };
}

/** Whether any device carries `addr` (inet_lookup_ifaddr_rcu: the address hash, up or down). */
function isOwnAddress(host: RouteHost, addr: Ip4): boolean {
  for (const d of host.devices) if (d.hasAddress(addr)) return true;
  return false;
}

/** Parameters of the drop explanations of an input lookup (built only when a packet is dropped). */
function dropParams(src: Ip4, dst: Ip4, dev: NetDevice): { src: string; dst: string; iface: string } {
  return { src: ipText(src), dst: ipText(dst), iface: dev.name };
}

/** An input-route failure with reason `id`. */
function fail(id: string, src: Ip4, dst: Ip4, dev: NetDevice, icmpCode?: number): InputRoute {
  const reason: Msg = { id, params: dropParams(src, dst, dev) };
  return icmpCode === undefined ? { kind: 'error', reason } : { kind: 'error', reason, icmpCode };
}

/**
 * fib_validate_source for a packet from `src` to `dst` arriving on `dev`. Undefined when it
 * passes; otherwise the reason for the drop (martian source or reverse-path filter).
 */
export function validateSource(host: RouteHost, src: Ip4, dst: Ip4, dev: NetDevice): Msg | undefined {
  const rpf = host.conf('rp_filter', dev.name);
  const acceptLocal = host.conf('accept_local', dev.name) !== 0;
  if (rpf === 0) {
    if (acceptLocal) return undefined;
    if (isOwnAddress(host, src)) return { id: 'ip.drop.localSource', params: dropParams(src, dst, dev) };
    return undefined;
  }
  const mode: Msg = { id: rpf === 1 ? 'ip.rpFilter.mode.strict' : 'ip.rpFilter.mode.loose' };
  const r = host.fib.lookup(src, NO_LOOKUP_OPTS);
  if (r === undefined || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit') {
    return { id: 'ip.drop.rpFilter.noRoute', params: { ...dropParams(src, dst, dev), value: rpf, mode } };
  }
  if (r.type !== 'unicast' && !(r.type === 'local' && acceptLocal)) {
    return { id: r.type === 'local' ? 'ip.drop.localSource' : 'ip.drop.martianSource', params: dropParams(src, dst, dev) };
  }
  if (r.dev === dev.name || (r.type === 'local' && dev.isLoopback)) return undefined;
  if (dev.addrs.length === 0 || rpf === 1) {
    // A packet decapsulated on an IPIP device is the classic LVS-TUN case: its own explanation.
    const id = dev.kind === 'ipip' ? 'ip.drop.rpFilter.tunnel' : 'ip.drop.rpFilter.strict';
    return { id, params: { ...dropParams(src, dst, dev), value: rpf, mode, routeIface: r.dev } };
  }
  return undefined;
}

const LOCAL_UNICAST: InputRoute = { kind: 'local', type: 'local' };
const LOCAL_BROADCAST: InputRoute = { kind: 'local', type: 'broadcast' };
const LOCAL_MULTICAST: InputRoute = { kind: 'local', type: 'multicast' };

/**
 * ip_route_input_slow for a packet from `src` to `dst` received on `dev`. `isIp` is false for
 * the lookups ARP makes (the kernel then refuses broadcast targets and same-device forwarding).
 */
export function routeInput(host: RouteHost, dst: Ip4, src: Ip4, dev: NetDevice, isIp: boolean): InputRoute {
  if (isMulticast(dst)) {
    if (!dev.mcGroups.has(dst)) return fail('ip.drop.mcastNotJoined', src, dst, dev);
    if (isMulticast(src) || src === LIMITED_BROADCAST) return fail('ip.drop.martianSource', src, dst, dev);
    if (isLoopback(src) && !routeLocalnet(host, dev)) return fail('ip.drop.martianSource', src, dst, dev);
    if (src === 0) {
      if (!isLocalMulticast(dst)) return fail('ip.drop.martianSource', src, dst, dev);
    } else {
      const v = validateSource(host, src, 0, dev);
      if (v !== undefined) return { kind: 'error', reason: v };
    }
    return LOCAL_MULTICAST;
  }
  if (isMulticast(src) || src === LIMITED_BROADCAST) return fail('ip.drop.martianSource', src, dst, dev);
  if (dst === LIMITED_BROADCAST || (src === 0 && dst === 0)) return broadcastInput(host, dst, src, dev, isIp);
  if (src === 0) return fail('ip.drop.martianSource', src, dst, dev);
  if (dst === 0) return fail('ip.drop.martianDest', src, dst, dev);
  if (isLoopback(dst)) {
    if (!routeLocalnet(host, dev)) return fail('ip.drop.martianDest', src, dst, dev);
  } else if (isLoopback(src) && !routeLocalnet(host, dev)) return fail('ip.drop.martianSource', src, dst, dev);
  const forwarding = host.conf('forwarding', dev.name) !== 0;
  const r = host.fib.lookup(dst, NO_LOOKUP_OPTS);
  if (r === undefined || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit') {
    if (!forwarding) return fail('ip.drop.notForwarding', src, dst, dev);
    if (r === undefined) return fail('ip.drop.noRoute', src, dst, dev, ICMP_NET_UNREACH);
    if (r.type === 'unreachable') return fail('ip.drop.unreachableRoute', src, dst, dev, ICMP_HOST_UNREACH);
    if (r.type === 'prohibit') return fail('ip.drop.prohibitRoute', src, dst, dev, ICMP_PKT_FILTERED);
    return fail('ip.drop.blackholeRoute', src, dst, dev);
  }
  if (r.type === 'broadcast') return broadcastInput(host, dst, src, dev, isIp);
  if (r.type === 'local') {
    const v = validateSource(host, src, dst, dev);
    if (v !== undefined) return { kind: 'error', reason: v };
    return LOCAL_UNICAST;
  }
  if (!forwarding) return fail('ip.drop.notForwarding', src, dst, dev);
  if (r.type !== 'unicast') return fail('ip.drop.martianDest', src, dst, dev);
  const out = host.device(r.dev);
  if (out === undefined) return fail('ip.drop.notForwarding', src, dst, dev);
  const v = validateSource(host, src, dst, dev);
  if (v !== undefined) return { kind: 'error', reason: v };
  if (!isIp && out === dev && host.conf('proxy_arp_pvlan', dev.name) === 0) return fail('ip.drop.martianDest', src, dst, dev);
  const nextHop = r.via ?? dst;
  return {
    kind: 'forward',
    route: { type: 'unicast', dev: out.name, nextHop, src: r.src ?? 0, mtu: out.mtu },
    fib: r,
  };
}

/** brd_input: a broadcast for us (never for ARP), after source validation. */
function broadcastInput(host: RouteHost, dst: Ip4, src: Ip4, dev: NetDevice, isIp: boolean): InputRoute {
  if (!isIp) return fail('ip.drop.martianDest', src, dst, dev);
  if (src !== 0) {
    const v = validateSource(host, src, dst, dev);
    if (v !== undefined) return { kind: 'error', reason: v };
  }
  return LOCAL_BROADCAST;
}
