/**
 * `ip address add|del|show|flush` (iproute2 ip/ipaddress.c over RTM_NEWADDR/RTM_DELADDR, kernel
 * net/ipv4/devinet.c). Add: scope from default_scope (host for 127/8, else global), `brd +|-`
 * computed only up to /30, label defaulting to the device. Del without a prefix length is
 * iproute2's "wildcard deletion" (with its warning). Show follows print_linkinfo/print_addrinfo;
 * with `-4` the link lines and the devices without IPv4 addresses are left out. Kernel errors are
 * those of Linux 6.1 (before the 6.6 extack texts such as "ipv4: Address already assigned").
 */
import type { Host } from '../../net/host.js';
import type { InAddr, NetDevice } from '../../net/iface.js';
import { defaultScope } from '../../net/iface.js';
import { broadcastOf, formatIp4, networkOf, type Ip4 } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, IpAddrCommand, IpAddrModify } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, printed, valueOffset } from './result.js';
import { exactDevice } from './link-view.js';
import { cannotFindDevice, deviceDoesNotExist, linkHeader, linkLine, rtnetlinkError } from './iproute2.js';

/** Runs an `ip address` command. */
export function execIpAddr(host: Host, entry: CommandEntry, cmd: IpAddrCommand): ExecResult {
  switch (cmd.op) {
    case 'add':
      return addAddress(host, entry, cmd);
    case 'del':
      return delAddress(host, entry, cmd);
    case 'show': {
      let devs: readonly NetDevice[] = host.devices;
      if (cmd.dev !== undefined) {
        const d = exactDevice(host, cmd.dev);
        if (d === undefined) return deviceDoesNotExist(cmd.dev, devOffset(entry, cmd));
        devs = [d];
      }
      return printed(formatIpAddr(host, devs, inetOnly(cmd.argv)));
    }
    case 'flush': {
      const d = exactDevice(host, cmd.dev);
      if (d === undefined) return deviceDoesNotExist(cmd.dev, devOffset(entry, cmd));
      for (const a of [...d.addrs]) if (d.addrs.includes(a)) host.delAddress(d.name, a.local, a.prefixLen);
      return printed();
    }
    default:
      return assertNever(cmd);
  }
}

/** `ip -4 …` or `ip -f inet …`. */
export function inetOnly(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i] as string;
    if (!w.startsWith('-')) return false;
    if (w === '-4') return true;
    if ((w === '-f' || w === '-family') && argv[i + 1] === 'inet') return true;
  }
  return false;
}

function devOffset(entry: CommandEntry, cmd: IpAddrCommand): number {
  const i = cmd.argv.indexOf('dev', 1);
  if (i >= 0) return argOffset(entry, cmd, i + 1);
  return argOffset(entry, cmd, cmd.argv.length - 1);
}

/** Offset of the local address word (the first word that starts with it). */
function localOffset(entry: CommandEntry, cmd: IpAddrModify): number {
  const text = formatIp4(cmd.addr);
  for (let i = 3; i < cmd.argv.length; i++) {
    const w = cmd.argv[i] as string;
    if (w === text || w.startsWith(text + '/')) return argOffset(entry, cmd, i);
  }
  return argOffset(entry, cmd, 0);
}

function addAddress(host: Host, entry: CommandEntry, cmd: IpAddrModify): ExecResult {
  const d = exactDevice(host, cmd.dev);
  if (d === undefined) return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
  const prefixLen = cmd.prefixLen ?? 32;
  let broadcast: Ip4 = 0;
  if (cmd.broadcast === '+' || cmd.broadcast === '-') {
    if (prefixLen <= 30) broadcast = cmd.broadcast === '+' ? broadcastOf(cmd.addr, prefixLen) : networkOf(cmd.addr, prefixLen);
  } else if (cmd.broadcast !== undefined) {
    broadcast = cmd.broadcast;
  }
  const r = host.addAddress(d.name, cmd.addr, prefixLen, {
    label: cmd.label ?? d.name,
    scope: cmd.scope ?? defaultScope(cmd.addr),
    broadcast,
  });
  if (!('code' in r)) return printed();
  const at = localOffset(entry, cmd);
  switch (r.code) {
    case 'exists':
      return rtnetlinkError('EEXIST', at);
    case 'invalid':
    case 'badLabel':
      return rtnetlinkError('EINVAL', at);
    case 'notFound':
    case 'noDevice':
    case 'unknownSegment':
    case 'notEthernet':
      return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
    default:
      return assertNever(r);
  }
}

function delAddress(host: Host, entry: CommandEntry, cmd: IpAddrModify): ExecResult {
  const d = exactDevice(host, cmd.dev);
  if (d === undefined) return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
  let warning = '';
  const at = localOffset(entry, cmd);
  if (cmd.prefixLen === undefined) {
    const typed = formatIp4(cmd.addr);
    warning =
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
      `         Explicitly specify the prefix length (${typed}/32) to avoid this warning.\n` +
      '         This special behaviour is likely to disappear in further releases,\n' +
      '         fix your scripts!\n';
  }
  // inet_rtm_deladdr: the first address matching the local address, the label and (when given) the prefix.
  const target = d.addrs.find(
    (a) => a.local === cmd.addr && (cmd.prefixLen === undefined || a.prefixLen === cmd.prefixLen) && (cmd.label === undefined || a.label === cmd.label),
  );
  if (target === undefined) return rtnetlinkError('EADDRNOTAVAIL', at, warning);
  host.delAddress(d.name, target.local, target.prefixLen);
  return printed(warning);
}

const SCOPE_NAMES: Readonly<Record<InAddr['scope'], string>> = { global: 'global', link: 'link', host: 'host' };

/** One `inet` line and its lifetime line (print_addrinfo). */
export function formatInetLine(a: InAddr): string {
  let s = `    inet ${formatIp4(a.local)}/${a.prefixLen} `;
  if (a.broadcast !== 0) s += `brd ${formatIp4(a.broadcast)} `;
  s += `scope ${SCOPE_NAMES[a.scope]} `;
  if (a.secondary) s += 'secondary ';
  s += a.label;
  return `${s}\n       valid_lft forever preferred_lft forever\n`;
}

/** `ip address show` of the given devices. */
export function formatIpAddr(host: Host, devs: readonly NetDevice[], inet4: boolean): string {
  let out = '';
  for (const d of devs) {
    if (inet4 && d.addrs.length === 0) continue;
    out += linkHeader(host, d, false);
    if (!inet4) out += linkLine(d);
    for (const a of d.addrs) out += formatInetLine(a);
  }
  return out;
}
