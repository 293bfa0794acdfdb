/**
 * `ip link set|show` (iproute2 ip/iplink.c, kernel do_setlink in net/core/rtnetlink.c). One
 * RTM_NEWLINK carries every change; the kernel applies the address, then the MTU (checked against
 * the device's min_mtu/max_mtu), then the flags (up/down, arp). Simplified: IFF_NOARP cannot be
 * changed (the lab's devices have fixed ARP behaviour), so `arp off` on an Ethernet device and
 * `arp on` on a tunnel are reported as not modelled.
 */
import type { Host } from '../../net/host.js';
import type { NetDevice } from '../../net/iface.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, IpLinkCommand, IpLinkSet } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { notModelled, printed, valueOffset, wordOffset } from './result.js';
import { IFF_NOARP, exactDevice, staticFlags } from './link-view.js';
import { cannotFindDevice, deviceDoesNotExist, extackError, linkHeader, linkLine, rtnetlinkError } from './iproute2.js';

/** Runs an `ip link` command. */
export function execIpLink(host: Host, entry: CommandEntry, cmd: IpLinkCommand): ExecResult {
  switch (cmd.op) {
    case 'set':
      return setLink(host, entry, cmd);
    case 'show': {
      let devs: readonly NetDevice[] = host.devices;
      if (cmd.dev !== undefined) {
        const d = exactDevice(host, cmd.dev);
        if (d === undefined) return deviceDoesNotExist(cmd.dev, devWordOffset(entry, cmd, cmd.dev));
        devs = [d];
      }
      return printed(formatIpLink(host, devs));
    }
    default:
      return assertNever(cmd);
  }
}

/** `ip link show` of the given devices. */
export function formatIpLink(host: Host, devs: readonly NetDevice[]): string {
  let out = '';
  for (const d of devs) out += linkHeader(host, d, true) + linkLine(d);
  return out;
}

function devWordOffset(entry: CommandEntry, cmd: IpLinkCommand, dev: string): number {
  return wordOffset(entry, cmd, dev);
}

/** dev->min_mtu / max_mtu: ether_setup 68..1500 raised to 65535 as veth does; lo unbounded; ipip 68..65515. */
function mtuBounds(d: NetDevice): { min: number; max: number } {
  switch (d.kind) {
    case 'ether':
      return { min: 68, max: 65535 };
    case 'loopback':
      return { min: 0, max: Number.MAX_SAFE_INTEGER };
    case 'ipip':
      return { min: 68, max: 65515 };
    default:
      return assertNever(d.kind);
  }
}

function setLink(host: Host, entry: CommandEntry, cmd: IpLinkSet): ExecResult {
  const d = exactDevice(host, cmd.dev);
  if (d === undefined) return cannotFindDevice(cmd.dev, devWordOffset(entry, cmd, cmd.dev));
  if (cmd.arp !== undefined && cmd.arp !== ((staticFlags(d) & IFF_NOARP) === 0)) {
    return notModelled(`ip link set ${d.name} arp ${cmd.arp ? 'on' : 'off'}`, valueOffset(entry, cmd, 'arp'));
  }
  if (cmd.address !== undefined) {
    if (d.kind !== 'ether') return rtnetlinkError('EOPNOTSUPP', valueOffset(entry, cmd, 'address'));
    host.setMac(d.name, cmd.address);
  }
  if (cmd.mtu !== undefined) {
    const b = mtuBounds(d);
    if (cmd.mtu < b.min) return extackError('mtu less than device minimum', valueOffset(entry, cmd, 'mtu'));
    if (cmd.mtu > b.max) return extackError('mtu greater than device maximum', valueOffset(entry, cmd, 'mtu'));
    host.setMtu(d.name, cmd.mtu);
  }
  if (cmd.up !== undefined) host.setLinkUp(d.name, cmd.up);
  return printed();
}
