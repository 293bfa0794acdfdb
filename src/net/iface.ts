/**
 * Network devices and their IPv4 addresses (net/core/dev.c, net/ipv4/devinet.c). Kinds: Ethernet
 * (`eth*`, on a segment), loopback `lo` (127.0.0.1/8 scope host, MTU 65536, no ARP) and the IPIP
 * device `tunl0` (NOARP). An alias such as `lo:0` is not a device but the LABEL of an address on
 * the base device, exactly as in Linux. The address list keeps the kernel's order
 * (__inet_insert_ifa): primaries sorted by scope, an address inside an existing primary's subnet
 * with the same prefix becomes secondary and goes last. Simplified: no IPv6, no VLAN/bond devices.
 */
import { assertNever } from '../assert-never.js';
import type { Ip4, Mac } from './wire/addr.js';
import { inPrefix, isLoopback } from './wire/addr.js';
import type { Msg } from '../i18n/message.js';
import type { AddrEntry } from '../trace/events.js';
import type { NeighTable } from './neigh.js';
import type { EthernetFrame } from './wire/packet.js';
import type { PktType } from './arp.js';
import type { NfHookState } from './types.js';

/** Device type by the kernel's link type: ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_TUNNEL. */
export type DeviceKind = 'ether' | 'loopback' | 'ipip';

/** Address scope (rtnetlink rt_scope): global 0 < link 253 < host 254. */
export type AddrScope = 'global' | 'link' | 'host';

/** The kernel's numeric value of a scope; a larger value is narrower. */
export function scopeValue(s: AddrScope): number {
  switch (s) {
    case 'global':
      return 0;
    case 'link':
      return 253;
    case 'host':
      return 254;
    default:
      return assertNever(s);
  }
}

/** One IPv4 address on a device (struct in_ifaddr). */
export interface InAddr {
  readonly local: Ip4;
  readonly prefixLen: number;
  readonly scope: AddrScope;
  /** `eth0`, or an alias label such as `lo:0`. */
  readonly label: string;
  /** IFA_F_SECONDARY: another primary on the device already covers this subnet with the same prefix. */
  readonly secondary: boolean;
  /** The broadcast address, or 0 when none was set. */
  readonly broadcast: Ip4;
}

/** An address as the trace carries it (`addr` for the kernel's ifa_local). */
export function addrEntry(a: InAddr): AddrEntry {
  return { addr: a.local, prefixLen: a.prefixLen, scope: a.scope, label: a.label, secondary: a.secondary, broadcast: a.broadcast };
}

/** What `removeAddress` did: the addresses deleted, and the secondary promoted to primary, if one was. */
export interface RemovedAddrs {
  /** The deleted address first, then the secondaries deleted with it (without promotion). */
  readonly removed: readonly InAddr[];
  /** With promote_secondaries: the first secondary of the subnet, now primary (as re-inserted). */
  readonly promoted?: InAddr;
}

/** The scope iproute2 gives an address when none is specified (ip/ipaddress.c default_scope). */
export function defaultScope(addr: Ip4): AddrScope {
  return isLoopback(addr) ? 'host' : 'global';
}

/** Standard MTUs of the modelled device kinds. */
export const MTU_ETHER = 1500;
export const MTU_LOOPBACK = 65536;
export const MTU_IPIP = 1480;

/**
 * A deterministic, locally administered unicast MAC for interface `ifIndex` of host `hostIndex`:
 * 02:00:HH:HH:HH:II (02:00:00:00:HH:II for the first 255 hosts), unique for 16 million hosts.
 */
export function deriveMac(hostIndex: number, ifIndex: number): Mac {
  return 0x02_00_00_00_00_00 + (hostIndex % 0x100_0000) * 256 + (ifIndex & 0xff);
}

/** Why an address change was refused: the RTNETLINK error iproute2 would print. */
export type AddrError =
  | { readonly code: 'exists'; readonly msg: Msg }
  | { readonly code: 'invalid'; readonly msg: Msg }
  | { readonly code: 'notFound'; readonly msg: Msg }
  | { readonly code: 'badLabel'; readonly msg: Msg };

/** One network device of a host. */
/** A packet socket's receive function: the frame and how the device classified it. */
export type PacketTap = (frame: EthernetFrame, pktType: PktType) => void;

export class NetDevice {
  /** Administrative state (IFF_UP). */
  up: boolean;
  mac: Mac;
  mtu: number;
  /** Addresses in kernel list order. */
  addrs: InAddr[] = [];
  /** Interface counters, as `ifconfig` and `ip -s link` show them (bytes of the frame, no FCS). */
  readonly stats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
  /** Joined IPv4 multicast groups (ip_mc_list); Ethernet devices join 224.0.0.1 like every Linux host. */
  readonly mcGroups = new Set<Ip4>();
  /**
   * Packet sockets bound to this device (AF_PACKET, the ptype_all list): each sees every frame the
   * device accepted, before the protocol handlers, as `tcpdump` or `arping` do.
   */
  readonly packetTaps = new Set<PacketTap>();
  /** The netfilter state of a packet received on this device at PREROUTING (made once). */
  readonly preroutingState: NfHookState;
  /** The netfilter state of a packet received on this device at LOCAL_IN (made once). */
  readonly localInState: NfHookState;

  constructor(
    readonly name: string,
    readonly kind: DeviceKind,
    readonly ifindex: number,
    mac: Mac,
    mtu: number,
    up: boolean,
    /** The neighbour table of this device (unused for NOARP devices). */
    readonly neigh: NeighTable,
  ) {
    this.mac = mac;
    this.mtu = mtu;
    this.up = up;
    this.preroutingState = { hook: 'PREROUTING', in: name, out: null };
    this.localInState = { hook: 'LOCAL_IN', in: name, out: null };
    if (kind === 'ether') this.mcGroups.add(0xe0000001);
  }

  /** IFF_NOARP: loopback and tunnels never resolve neighbours. */
  get noArp(): boolean {
    return this.kind !== 'ether';
  }

  /** IFF_LOOPBACK. */
  get isLoopback(): boolean {
    return this.kind === 'loopback';
  }

  /** The first primary address (what `ifconfig eth0` shows as `inet`), if any. */
  primaryAddress(): InAddr | undefined {
    return this.addrs.find((a) => !a.secondary);
  }

  /**
   * Inserts an address as __inet_insert_ifa does: EEXIST for the same address and prefix,
   * EINVAL for a different scope in the same subnet, secondary when a primary with the same
   * prefix covers it. Returns the inserted address or an error.
   */
  insertAddress(local: Ip4, prefixLen: number, scope: AddrScope, label: string, broadcast: Ip4): InAddr | AddrError {
    let secondary = false;
    for (let i = 0; i < this.addrs.length; i++) {
      const a = this.addrs[i] as InAddr;
      if (a.prefixLen === prefixLen && inPrefix(local, a.local, prefixLen)) {
        if (a.local === local) return { code: 'exists', msg: { id: 'addr.err.exists' } };
        if (a.scope !== scope) return { code: 'invalid', msg: { id: 'addr.err.invalid' } };
        secondary = true;
      }
    }
    const ifa: InAddr = { local, prefixLen, scope, label, secondary, broadcast };
    if (secondary) this.addrs.push(ifa);
    else this.addrs.splice(this.primarySlot(scope), 0, ifa);
    return ifa;
  }

  /** Where a primary of `scope` goes: after the last primary of the same or a narrower scope. */
  private primarySlot(scope: AddrScope): number {
    const sv = scopeValue(scope);
    let slot = 0;
    for (let i = 0; i < this.addrs.length; i++) {
      const a = this.addrs[i] as InAddr;
      if (!a.secondary && sv <= scopeValue(a.scope)) slot = i + 1;
    }
    return slot;
  }

  /**
   * Removes an address (prefix length optional, as `ip addr del` without one warns and matches the
   * first). Deleting a primary also deletes its secondaries unless `promote` (promote_secondaries),
   * in which case the first secondary becomes primary where the deleted one stood among the
   * primaries, and the others stay its secondaries (__inet_del_ifa). Returns the removed and
   * promoted addresses.
   */
  removeAddress(local: Ip4, prefixLen: number | undefined, promote: boolean): RemovedAddrs | AddrError {
    const idx = this.addrs.findIndex((a) => a.local === local && (prefixLen === undefined || a.prefixLen === prefixLen));
    if (idx < 0) return { code: 'notFound', msg: { id: 'addr.err.notFound' } };
    const gone = this.addrs[idx] as InAddr;
    this.addrs.splice(idx, 1);
    const removed = [gone];
    if (gone.secondary) return { removed };
    const sameSubnet = (a: InAddr): boolean => a.secondary && a.prefixLen === gone.prefixLen && inPrefix(a.local, gone.local, gone.prefixLen);
    if (!promote) {
      for (const a of this.addrs) if (sameSubnet(a)) removed.push(a);
      this.addrs = this.addrs.filter((a) => !sameSubnet(a));
      return { removed };
    }
    const first = this.addrs.findIndex(sameSubnet);
    if (first < 0) return { removed };
    const promoted: InAddr = { ...(this.addrs[first] as InAddr), secondary: false };
    this.addrs.splice(first, 1);
    this.addrs.splice(this.primarySlot(promoted.scope), 0, promoted);
    return { removed, promoted };
  }

  /** Whether `addr` is configured on this device. */
  hasAddress(addr: Ip4): boolean {
    for (let i = 0; i < this.addrs.length; i++) if ((this.addrs[i] as InAddr).local === addr) return true;
    return false;
  }
}
