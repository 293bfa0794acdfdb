/**
 * What iproute2 (6.1, as on Debian 12) prints that `ip address` and `ip link` share: the link
 * header of print_linkinfo (`2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc … qlen
 * 1000`) with print_link_flags' flag order, the `link/…` line, and the error lines of the client
 * ("Cannot find device", exit 1) and of the kernel ("RTNETLINK answers: …" or an extack
 * "Error: ….", exit 2). IPv6 is not modelled: the hosts look like hosts with IPv6 disabled.
 */
import type { Host } from '../../net/host.js';
import { assertNever } from '../../assert-never.js';
import type { NetDevice } from '../../net/iface.js';
import { formatMac } from '../../net/wire/addr.js';
import type { ExecResult } from './types.js';
import { failed } from './result.js';
import { strerror, type Errno } from './errno.js';
import {
  IFF_ALLMULTI, IFF_BROADCAST, IFF_DEBUG, IFF_LOOPBACK, IFF_LOWER_UP, IFF_MASTER, IFF_MULTICAST, IFF_NOARP,
  IFF_NOTRAILERS, IFF_POINTOPOINT, IFF_PROMISC, IFF_RUNNING, IFF_SLAVE, IFF_UP, TX_QUEUE_LEN,
  deviceFlags, operState, qdiscName,
} from './link-view.js';

/** print_link_flags' order (the order of the _PF() lines). */
const LINK_FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [IFF_LOOPBACK, 'LOOPBACK'],
  [IFF_BROADCAST, 'BROADCAST'],
  [IFF_POINTOPOINT, 'POINTOPOINT'],
  [IFF_MULTICAST, 'MULTICAST'],
  [IFF_NOARP, 'NOARP'],
  [IFF_ALLMULTI, 'ALLMULTI'],
  [IFF_PROMISC, 'PROMISC'],
  [IFF_NOTRAILERS, 'NOTRAILERS'],
  [IFF_DEBUG, 'DEBUG'],
  [IFF_MASTER, 'MASTER'],
  [IFF_SLAVE, 'SLAVE'],
  [IFF_UP, 'UP'],
  [IFF_LOWER_UP, 'LOWER_UP'],
];

/** `<BROADCAST,MULTICAST,UP,LOWER_UP>`; an up device without carrier starts with NO-CARRIER. */
export function linkFlagsText(flags: number): string {
  const names: string[] = [];
  if ((flags & IFF_UP) !== 0 && (flags & IFF_RUNNING) === 0) names.push('NO-CARRIER');
  for (const [bit, name] of LINK_FLAG_NAMES) if ((flags & bit) !== 0) names.push(name);
  return `<${names.join(',')}>`;
}

/** The device's name as iproute2 prints it: the fallback IPIP device has no lower link (`tunl0@NONE`). */
function linkName(dev: NetDevice): string {
  return dev.kind === 'ipip' ? `${dev.name}@NONE` : dev.name;
}

/** The first line of a device: `mode DEFAULT` is printed by `ip link` only. */
export function linkHeader(host: Host, dev: NetDevice, withMode: boolean): string {
  const flags = deviceFlags(host, dev);
  const mode = withMode ? 'mode DEFAULT ' : '';
  return `${dev.ifindex}: ${linkName(dev)}: ${linkFlagsText(flags)} mtu ${dev.mtu} qdisc ${qdiscName(dev)} state ${operState(host, dev)} ${mode}group default qlen ${TX_QUEUE_LEN}\n`;
}

/** The `link/…` line: hardware address and broadcast address of the link type. */
export function linkLine(dev: NetDevice): string {
  switch (dev.kind) {
    case 'ether':
      return `    link/ether ${formatMac(dev.mac)} brd ff:ff:ff:ff:ff:ff\n`;
    case 'loopback':
      return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
    case 'ipip':
      return '    link/ipip 0.0.0.0 brd 0.0.0.0\n';
    default:
      return assertNever(dev.kind);
  }
}

/** The client could not resolve a device name (ll_name_to_index failed): exit 1. */
export function cannotFindDevice(name: string, offset: number): ExecResult {
  return failed(1, `Cannot find device "${name}"\n`, offset);
}

/** A show/flush filter names a device that does not exist: exit 1. */
export function deviceDoesNotExist(name: string, offset: number): ExecResult {
  return failed(1, `Device "${name}" does not exist.\n`, offset);
}

/** The kernel refused the request without an extack message: exit 2. */
export function rtnetlinkError(e: Errno, offset: number, before = ''): ExecResult {
  return failed(2, `${before}RTNETLINK answers: ${strerror(e)}\n`, offset);
}

/** The kernel refused the request with an extack message: exit 2. */
export function extackError(text: string, offset: number): ExecResult {
  return failed(2, `Error: ${text}.\n`, offset);
}
