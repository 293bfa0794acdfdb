/**
 * `ip neigh`, `ip route` + `ip route show table local`, and `ip -4 addr` of a folded host state.
 * The neighbour and route lines come from the same formatters the live commands use
 * (net/neigh-show.ts, net/route.ts formatRoute, exec/ip-addr.ts formatInetLine); the link header
 * of `ip -4 addr` follows exec/iproute2.ts linkHeader from the folded device (carrier: an
 * Ethernet device plugged into a segment; lo and tunnels always).
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIpNeigh, type NeighDeviceView, type NeighEntryView } from '../../net/neigh-show.js';
import { formatRoute } from '../../net/route.js';
import type { HostState, LinkState } from '../../trace/state/index.js';
import { ifaceOrder, neighByIface, routesOf } from '../../trace/state/index.js';
import { formatInetLine } from '../exec/ip-addr.js';
import { linkFlagsText } from '../exec/iproute2.js';
import { IFF_BROADCAST, IFF_LOOPBACK, IFF_LOWER_UP, IFF_MULTICAST, IFF_NOARP, IFF_RUNNING, IFF_UP, TX_QUEUE_LEN } from '../exec/link-view.js';

/** The folded neighbour tables as the neighbour formatters read devices. */
export function neighDevicesOf(h: HostState): NeighDeviceView[] {
  return neighByIface(h).map(({ iface, entries }) => {
    const m = new Map<Ip4, NeighEntryView>();
    for (const e of entries) m.set(e.ip, { ip: e.ip, mac: e.mac, state: e.state });
    const kind = h.links.get(iface)?.kind;
    return { name: iface, noArp: kind !== undefined && kind !== 'ether', neigh: { entries: m } };
  });
}

/** `ip neigh` output. */
export function formatNeighOf(h: HostState): string {
  return formatIpNeigh({ devices: neighDevicesOf(h) });
}

/** `ip route` then `ip route show table local`, as one output. */
export function formatRoutesOf(h: HostState): string {
  let out = '';
  for (const r of routesOf(h, 'main')) out += formatRoute(r) + '\n';
  for (const r of routesOf(h, 'local')) out += formatRoute(r) + '\n';
  return out;
}

function carrier(l: LinkState): boolean {
  return l.kind !== 'ether' || l.segment !== undefined;
}

function linkFlags(l: LinkState): number {
  let f = l.kind === 'ether' ? IFF_BROADCAST | IFF_MULTICAST : l.kind === 'loopback' ? IFF_LOOPBACK : IFF_NOARP;
  if (l.up) {
    f |= IFF_UP;
    if (carrier(l)) f |= IFF_RUNNING | IFF_LOWER_UP;
  }
  return f;
}

function linkHeaderOf(l: LinkState): string {
  const name = l.kind === 'ipip' ? `${l.name}@NONE` : l.name;
  const qdisc = l.kind === 'ether' ? 'pfifo_fast' : l.kind === 'loopback' || l.up ? 'noqueue' : 'noop';
  const oper = !l.up ? 'DOWN' : l.kind !== 'ether' ? 'UNKNOWN' : carrier(l) ? 'UP' : 'DOWN';
  return `${l.ifindex}: ${name}: ${linkFlagsText(linkFlags(l))} mtu ${l.mtu} qdisc ${qdisc} state ${oper} group default qlen ${TX_QUEUE_LEN}\n`;
}

/** `ip -4 addr` output: devices with IPv4 addresses, each with its `inet` lines. */
export function formatAddrsOf(h: HostState): string {
  let out = '';
  for (const name of ifaceOrder(h)) {
    const addrs = h.addrs.get(name);
    const link = h.links.get(name);
    if (addrs === undefined || addrs.length === 0 || link === undefined) continue;
    out += linkHeaderOf(link);
    for (const a of addrs) {
      out += formatInetLine({ local: a.addr, prefixLen: a.prefixLen, scope: a.scope, label: a.label, secondary: a.secondary, broadcast: a.broadcast });
    }
  }
  return out;
}
