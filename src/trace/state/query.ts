/**
 * Reading a host's folded state in the order the tools list it: services in the kernel's hash
 * order (ip_vs_ctl.c dumps ip_vs_svc_table bucket by bucket, then ip_vs_svc_fwm_table; a bucket
 * lists its newest service first), neighbours device by device in ifindex order, routes of a
 * table in `ip route show` order.
 */
import type { IpvsServiceSnapshot } from '../events.js';
import type { HostState, NeighEntryState, RouteState, ServiceState } from './types.js';

/** IPPROTO_* of a snapshot's protocol name. */
export function protocolNumber(p: IpvsServiceSnapshot['protocol']): number {
  return p === 'UDP' ? 17 : p === 'SCTP' ? 132 : 6;
}

/** ip_vs_svc_hashkey / ip_vs_svc_fwm_hashkey (IP_VS_SVC_TAB_BITS 8, netns taken as 0); fwmark buckets after the others. */
function bucketOf(s: IpvsServiceSnapshot): number {
  if (s.fwmark !== 0) return 256 + (s.fwmark & 255);
  return (protocolNumber(s.protocol) ^ s.vaddr ^ (s.vport >>> 8) ^ s.vport) & 255;
}

/** The host's services as the kernel dumps them (what `ipvsadm -L --nosort` shows). */
export function servicesInHashOrder(h: HostState): ServiceState[] {
  return [...h.services.values()].sort((a, b) => bucketOf(a.service) - bucketOf(b.service) || b.seq - a.seq);
}

/** The device names of a host in ifindex order: the known devices, then others by name (lo first). */
export function ifaceOrder(h: HostState): string[] {
  const names = [...h.links.keys()];
  const extra = new Set<string>();
  for (const n of h.neigh.values()) if (!h.links.has(n.iface)) extra.add(n.iface);
  for (const k of h.addrs.keys()) if (!h.links.has(k)) extra.add(k);
  const rest = [...extra].sort((a, b) => (a === 'lo' ? -1 : b === 'lo' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  return [...names, ...rest];
}

/** Neighbour entries grouped by device (ifindex order), each in creation order. */
export function neighByIface(h: HostState): { readonly iface: string; readonly entries: readonly NeighEntryState[] }[] {
  const by = new Map<string, NeighEntryState[]>();
  for (const n of h.neigh.values()) {
    let l = by.get(n.iface);
    if (l === undefined) by.set(n.iface, (l = []));
    l.push(n);
  }
  return ifaceOrder(h)
    .filter((i) => by.has(i))
    .map((iface) => ({ iface, entries: by.get(iface) ?? [] }));
}

/** The routes of one table in `ip route show` order (destination, longer prefix first, metric, insertion). */
export function routesOf(h: HostState, table: 'main' | 'local'): RouteState[] {
  return [...h.routes.values()]
    .filter((r) => r.table === table)
    .sort((a, b) => a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric || a.seq - b.seq);
}
