/**
 * net-tools `arp` (2.10): `arp -n` prints /proc/net/arp in arp_disp_2's columns (the table itself
 * comes from src/net/neigh-show.ts), `arp -a` in BSD style (`? (ADDR) at MAC [ether] on DEV`; the
 * lab has no resolver, so the name is always `?`), `-i DEV` filters ("arp: in N entries no match
 * found." when nothing matches). `arp -s ADDR MAC` is SIOCSARP: a PERMANENT entry on the device
 * the on-link route to ADDR leaves by (or `-i`); `arp -d ADDR` is SIOCDARP ("No ARP entry for
 * ADDR" when absent). Failures exit 255, as arp's `exit(-1)`.
 */
import type { Host } from '../../net/host.js';
import type { NetDevice } from '../../net/iface.js';
import { formatArpN } from '../../net/neigh-show.js';
import { isValid } from '../../net/neigh.js';
import { formatIp4, formatMac } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { ArpCommand, ArpList, ArpModify, CommandEntry } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, failed, printed, valueOffset } from './result.js';
import { strerror, type Errno } from './errno.js';
import { exactDevice } from './link-view.js';

/** Runs an `arp` command. */
export function execArp(host: Host, entry: CommandEntry, cmd: ArpCommand): ExecResult {
  switch (cmd.op) {
    case 'list':
      return list(host, cmd);
    case 'set':
    case 'del':
      return modify(host, entry, cmd);
    default:
      return assertNever(cmd);
  }
}

/** The entries /proc/net/arp lists for a device: NOARP devices and NONE/NOARP entries are skipped. */
function listedCount(d: NetDevice): number {
  if (d.noArp) return 0;
  let n = 0;
  for (const e of d.neigh.entries.values()) if (e.state !== 'NONE' && e.state !== 'NOARP') n++;
  return n;
}

function formatBsd(devs: readonly NetDevice[]): string {
  let out = '';
  for (const d of devs) {
    if (d.noArp) continue;
    for (const e of d.neigh.entries.values()) {
      if (e.state === 'NONE' || e.state === 'NOARP') continue;
      const complete = isValid(e.state) && e.mac !== undefined;
      out += `? (${formatIp4(e.ip)}) at ${complete ? `${formatMac(e.mac as number)} [ether] ` : '<incomplete> '}`;
      if (e.state === 'PERMANENT') out += 'PERM ';
      out += `on ${d.name}\n`;
    }
  }
  return out;
}

function list(host: Host, cmd: ArpList): ExecResult {
  let devs: readonly NetDevice[] = host.devices;
  if (cmd.dev !== undefined) {
    const d = exactDevice(host, cmd.dev);
    devs = d === undefined ? [] : [d];
  }
  const out = cmd.bsd ? formatBsd(devs) : formatArpN({ devices: devs });
  if (out === '' && cmd.dev !== undefined) {
    let total = 0;
    for (const d of host.devices) total += listedCount(d);
    return printed(`arp: in ${total} entries no match found.\n`);
  }
  return printed(out);
}

function ioctlError(name: string, e: Errno, offset: number): ExecResult {
  return failed(255, `${name}: ${strerror(e)}\n`, offset);
}

function modify(host: Host, entry: CommandEntry, cmd: ArpModify): ExecResult {
  const name = cmd.op === 'set' ? 'SIOCSARP' : 'SIOCDARP(dontpub)';
  const addrAt = argOffset(entry, cmd, Math.max(1, cmd.argv.indexOf(formatIp4(cmd.addr), 1)));
  let d: NetDevice | undefined;
  if (cmd.dev !== undefined) {
    d = exactDevice(host, cmd.dev);
    if (d === undefined) return ioctlError(name, 'ENODEV', valueOffset(entry, cmd, cmd.argv.includes('-i') ? '-i' : '--device'));
  } else {
    // arp_req_set/delete: ip_route_output with RTO_ONLINK, i.e. only link- or host-scope routes.
    const r = host.fib.lookup(cmd.addr, { minScope: 253 });
    if (r === undefined || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit') return ioctlError(name, 'ENETUNREACH', addrAt);
    d = r.type === 'local' ? exactDevice(host, 'lo') : exactDevice(host, r.dev);
    if (d === undefined) return ioctlError(name, 'EINVAL', addrAt);
  }
  if (cmd.op === 'del') {
    return d.neigh.delete(cmd.addr) ? printed() : failed(255, `No ARP entry for ${formatIp4(cmd.addr)}\n`, addrAt);
  }
  // arp_req_set: the hardware type must be the device's (ether), else EINVAL.
  if (d.kind !== 'ether') return ioctlError(name, 'EINVAL', addrAt);
  d.neigh.setStatic(cmd.addr, cmd.hwAddr as number, 'PERMANENT');
  return printed();
}
