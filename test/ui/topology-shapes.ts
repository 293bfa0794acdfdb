/**
 * Hand-made topologies shaped like the built-in labs (two to four segments, routers and NAT
 * directors on two, a router on three, tunnels, keepalived pairs, eight clients), for the
 * topology drawing tests.
 */
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';
import type { AddrEntry } from '../../src/trace/events.js';
import type { TopoHost, TopoIface, Topology } from '../../src/trace/topology.js';

function ip(text: string): number {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(text);
  return v;
}

function addr(cidr: string, label: string, k: number): AddrEntry {
  const [a = '', len = '32'] = cidr.split('/');
  return {
    addr: ip(a),
    prefixLen: Number(len),
    scope: a.startsWith('127.') ? 'host' : 'global',
    label,
    secondary: k > 0,
    broadcast: 0,
  };
}

let macSeq = 1;

/** `eth0@lan 192.168.1.5/24 192.168.1.100/32`, `tunl0 192.168.1.100/32`, `lo`. */
function iface(spec: string): TopoIface {
  const [dev = '', ...cidrs] = spec.split(' ');
  const [name = '', segment] = dev.split('@');
  const kind = name === 'lo' ? 'loopback' : name.startsWith('tunl') ? 'ipip' : 'ether';
  const addrs = (name === 'lo' ? ['127.0.0.1/8', ...cidrs] : cidrs).map((c, k) => addr(c, name, k));
  const base = { name, kind, mtu: kind === 'ipip' ? 1480 : kind === 'loopback' ? 65536 : 1500, up: true, addrs } as const;
  if (segment === undefined) return base;
  const mac = parseMac(`02:00:00:00:00:${(macSeq++).toString(16).padStart(2, '0')}`) ?? 0;
  return { ...base, segment, mac };
}

export function host(name: string, ...ifaces: string[]): TopoHost {
  return { name, ifaces: [iface('lo'), ...ifaces.map(iface)], routes: [] };
}

export const DR_BASIC: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('router', 'eth0@internet 203.0.113.1/24', 'eth1@lan 192.168.1.1/24'),
  host('director', 'eth0@lan 192.168.1.5/24 192.168.1.100/32'),
  host('rs1', 'eth0@lan 192.168.1.11/24'),
  host('rs2', 'eth0@lan 192.168.1.12/24'),
];

export const NAT_BASIC: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('director', 'eth0@internet 203.0.113.100/24', 'eth1@lan 10.0.0.1/24'),
  host('rs1', 'eth0@lan 10.0.0.11/24'),
  host('rs2', 'eth0@lan 10.0.0.12/24'),
];

export const TUN_BASIC: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('router', 'eth0@internet 203.0.113.1/24', 'eth1@lan 192.168.1.1/24', 'eth2@remote 10.0.2.1/24'),
  host('director', 'eth0@lan 192.168.1.5/24 192.168.1.100/32'),
  host('rs1', 'eth0@lan 192.168.1.11/24', 'tunl0 192.168.1.100/32'),
  host('rs2', 'eth0@remote 10.0.2.12/24', 'tunl0 192.168.1.100/32'),
];

export const KEEPALIVED: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('router', 'eth0@internet 203.0.113.1/24', 'eth1@lan 192.168.1.1/24'),
  host('lb1', 'eth0@lan 192.168.1.5/24'),
  host('lb2', 'eth0@lan 192.168.1.6/24'),
  host('rs1', 'lo 192.168.1.100/32', 'eth0@lan 192.168.1.11/24'),
  host('rs2', 'lo 192.168.1.100/32', 'eth0@lan 192.168.1.12/24'),
];

export const EIGHT_CLIENTS: Topology = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => host(`client${k}`, `eth0@internet 203.0.113.${10 + k}/24`)),
  host('router', 'eth0@internet 203.0.113.1/24', 'eth1@lan 192.168.1.1/24'),
  host('director', 'eth0@lan 192.168.1.5/24 192.168.1.100/32'),
  ...[1, 2, 3, 4].map((k) => host(`rs${k}`, `eth0@lan 192.168.1.${10 + k}/24`)),
];

export const FULLNAT_VLANS: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('director', 'eth0@internet 203.0.113.100/24', 'eth1@vlan10 10.0.10.1/24 10.0.10.100/24'),
  host('core', 'eth0@vlan10 10.0.10.254/24', 'eth1@vlan20 10.0.20.254/24', 'eth2@vlan30 10.0.30.254/24'),
  host('rs1', 'eth0@vlan20 10.0.20.11/24'),
  host('rs2', 'eth0@vlan30 10.0.30.12/24'),
];

/** nat-wrong-gateway: a router and a director both on both segments. */
export const TWO_BRIDGES: Topology = [
  host('client', 'eth0@internet 203.0.113.10/24'),
  host('router', 'eth0@internet 203.0.113.1/24', 'eth1@lan 192.168.1.1/24'),
  host('director', 'eth0@internet 203.0.113.100/24', 'eth1@lan 192.168.1.5/24'),
  host('rs1', 'eth0@lan 192.168.1.11/24'),
];

export const SHAPES: Readonly<Record<string, Topology>> = {
  'dr-basic': DR_BASIC,
  'nat-basic': NAT_BASIC,
  'tun-basic': TUN_BASIC,
  keepalived: KEEPALIVED,
  'eight-clients': EIGHT_CLIENTS,
  'fullnat-vlans': FULLNAT_VLANS,
  'two-bridges': TWO_BRIDGES,
};
