/**
 * How a device looks to userspace: the interface flags dev_get_flags() reports (IFF_UP, IFF_RUNNING
 * and IFF_LOWER_UP follow the administrative state and the carrier), the RFC 2863 operstate
 * `ip link` prints, the root qdisc and the queue length. The lab's carrier is "plugged into a
 * segment" for Ethernet devices and always on for lo and tunl0. Simplified: the qdisc is the one
 * Debian attaches (pfifo_fast on Ethernet, noqueue on lo and on an up tunnel, noop on a down one).
 */
import type { Host } from '../../net/host.js';
import { assertNever } from '../../assert-never.js';
import type { NetDevice } from '../../net/iface.js';

export const IFF_UP = 0x1;
export const IFF_BROADCAST = 0x2;
export const IFF_DEBUG = 0x4;
export const IFF_LOOPBACK = 0x8;
export const IFF_POINTOPOINT = 0x10;
export const IFF_NOTRAILERS = 0x20;
export const IFF_RUNNING = 0x40;
export const IFF_NOARP = 0x80;
export const IFF_PROMISC = 0x100;
export const IFF_ALLMULTI = 0x200;
export const IFF_MASTER = 0x400;
export const IFF_SLAVE = 0x800;
export const IFF_MULTICAST = 0x1000;
export const IFF_LOWER_UP = 0x10000;

/** The transmit queue length every modelled device has (dev->tx_queue_len). */
export const TX_QUEUE_LEN = 1000;

/** netif_carrier_ok: an Ethernet device has carrier when it is plugged into a segment. */
export function carrierOk(host: Host, dev: NetDevice): boolean {
  return dev.kind !== 'ether' || host.segmentOf(dev.name) !== null;
}

/** The flags set at device creation (ether_setup, loopback_setup, ipip_tunnel_setup). */
export function staticFlags(dev: NetDevice): number {
  switch (dev.kind) {
    case 'ether':
      return IFF_BROADCAST | IFF_MULTICAST;
    case 'loopback':
      return IFF_LOOPBACK;
    case 'ipip':
      return IFF_NOARP;
    default:
      return assertNever(dev.kind);
  }
}

/** dev_get_flags: static flags, plus UP, and RUNNING / LOWER_UP when up with carrier. */
export function deviceFlags(host: Host, dev: NetDevice): number {
  let f = staticFlags(dev);
  if (dev.up) {
    f |= IFF_UP;
    if (carrierOk(host, dev)) f |= IFF_RUNNING | IFF_LOWER_UP;
  }
  return f;
}

/** IF_OPER_* as `ip link` prints it: lo and tunnels never report an operstate (UNKNOWN). */
export function operState(host: Host, dev: NetDevice): 'UP' | 'DOWN' | 'UNKNOWN' {
  if (!dev.up) return 'DOWN';
  if (dev.kind !== 'ether') return 'UNKNOWN';
  return carrierOk(host, dev) ? 'UP' : 'DOWN';
}

/** The root qdisc's name. */
export function qdiscName(dev: NetDevice): string {
  switch (dev.kind) {
    case 'ether':
      return 'pfifo_fast';
    case 'loopback':
      return 'noqueue';
    case 'ipip':
      return dev.up ? 'noqueue' : 'noop';
    default:
      return assertNever(dev.kind);
  }
}

/** The device with exactly this name (iproute2's ll_name_to_index: an alias label is not a device). */
export function exactDevice(host: Host, name: string): NetDevice | undefined {
  for (const d of host.devices) if (d.name === name) return d;
  return undefined;
}
