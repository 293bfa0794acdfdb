/**
 * The lab as built, before its first command runs: which host's device is cabled to which
 * segment, with its MAC, MTU, link state, addresses and the host's routes. Viewers draw the
 * topology from it, and the state folds (routes, addresses, links) start from it; every later
 * change is a `link`, `addr` or `fib` event of the trace.
 */
import type { Ip4, Mac } from '../net/wire/addr.js';
import type { AddrEntry, LinkType, RouteEntry } from './events.js';

export type TopoDeviceKind = LinkType;

export interface TopoIface {
  readonly name: string;
  readonly kind: TopoDeviceKind;
  /** The segment an Ethernet device is cabled to; absent for lo, tunnels and unplugged devices. */
  readonly segment?: string;
  readonly mac?: Mac;
  readonly mtu: number;
  readonly up: boolean;
  readonly addrs: readonly AddrEntry[];
}

export interface TopoHost {
  readonly name: string;
  /** In ifindex order (lo first). */
  readonly ifaces: readonly TopoIface[];
  /** Both tables, in `ip route show` order: main then local. */
  readonly routes: readonly RouteEntry[];
}

/** Hosts in the scenario's order. */
export type Topology = readonly TopoHost[];

/** The first address of `host` on `iface`, for labels (undefined when it has none). */
export function firstAddr(host: TopoHost, iface: string): Ip4 | undefined {
  return host.ifaces.find((i) => i.name === iface)?.addrs[0]?.addr;
}
