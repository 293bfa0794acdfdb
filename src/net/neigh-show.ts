/**
 * The ARP cache as the tools print it: `ip neigh show` (iproute2 ip/ipneigh.c print_neigh: each
 * field followed by one space; NOARP entries hidden by the default filter) and `arp -n` (net-tools
 * arp.c arp_disp over /proc/net/arp: a title line, then fixed-width columns; entries that are not
 * NUD_VALID show as "(incomplete)"). Entries are listed per device in ifindex order, each table in
 * creation order (the kernel's hash order is arbitrary).
 */
import { formatIp4, formatMac } from './wire/addr.js';
import type { Ip4, Mac } from './wire/addr.js';
import type { NeighState } from '../trace/events.js';
import { isValid } from './neigh.js';

/** What the formatters read of a neighbour entry. */
export interface NeighEntryView {
  readonly ip: Ip4;
  readonly mac: Mac | undefined;
  readonly state: NeighState | 'NONE';
}

/** What the formatters read of a device (a NetDevice, or a device of a trace fold). */
export interface NeighDeviceView {
  readonly name: string;
  readonly noArp: boolean;
  readonly neigh: { readonly entries: ReadonlyMap<Ip4, NeighEntryView> };
}

/** What the formatters read from a host. */
export interface NeighView {
  readonly devices: readonly NeighDeviceView[];
}

function listed(d: NeighDeviceView): NeighEntryView[] {
  if (d.noArp) return [];
  return [...d.neigh.entries.values()].filter((n) => n.state !== 'NONE' && n.state !== 'NOARP');
}

/** `ip neigh show`: `192.168.1.1 dev eth0 lladdr 02:00:00:00:01:01 REACHABLE ` per entry. */
export function formatIpNeigh(host: NeighView): string {
  let out = '';
  for (const d of host.devices) {
    for (const n of listed(d)) {
      let line = `${formatIp4(n.ip)} dev ${d.name} `;
      if (isValid(n.state) && n.mac !== undefined) line += `lladdr ${formatMac(n.mac)} `;
      line += `${n.state} `;
      out += line + '\n';
    }
  }
  return out;
}

function pad(s: string, width: number): string {
  const cut = s.length > width ? s.slice(0, width) : s;
  return cut.padEnd(width, ' ');
}

/** `arp -n`: the net-tools table (nothing at all when the cache is empty). */
export function formatArpN(host: NeighView): string {
  let out = '';
  for (const d of host.devices) {
    for (const n of listed(d)) {
      if (out === '') out = 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
      const complete = isValid(n.state) && n.mac !== undefined;
      let flags = complete ? 'C' : '';
      if (n.state === 'PERMANENT') flags += 'M';
      let line = pad(formatIp4(n.ip), 23) + '  ';
      line += complete ? pad('ether', 8) + pad(formatMac(n.mac as number), 20) : pad('', 8) + pad('(incomplete)', 20);
      line += pad(flags, 6) + pad('', 15) + ' ' + d.name;
      out += line + '\n';
    }
  }
  return out;
}
