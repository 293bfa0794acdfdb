/**
 * A real server (struct ip_vs_dest, include/net/ip_vs.h) and a service's list of them
 * (`svc->destinations`). The list is the kernel's circular doubly linked list with a head node,
 * walked node by node as `list_for_each_entry` does. `__ip_vs_update_dest` (ip_vs_ctl.c) adds a
 * new server at the HEAD, so list order is the reverse of insertion order and every scheduler that
 * keeps "the first in list order" on a tie favours the newest server. Flag values are the kernel's
 * (include/uapi/linux/ip_vs.h).
 */
import type { Ip4 } from '../net/wire/addr.js';
import type { FwdMethod, IpvsDestSnapshot } from '../trace/events.js';
import type { Service } from './service.js';
import { IpvsStats } from './stats.js';

/** dest->flags: the server may take connections (cleared when it is deleted). */
export const IP_VS_DEST_F_AVAILABLE = 0x0001;
/** dest->flags: the upper connection threshold was reached (§7.1). */
export const IP_VS_DEST_F_OVERLOAD = 0x0002;

/** Connection flags (cp->flags, and dest->conn_flags that new connections copy). */
export const IP_VS_CONN_F_FWD_MASK = 0x0007;
export const IP_VS_CONN_F_MASQ = 0x0000;
export const IP_VS_CONN_F_LOCALNODE = 0x0001;
export const IP_VS_CONN_F_TUNNEL = 0x0002;
export const IP_VS_CONN_F_DROUTE = 0x0003;
export const IP_VS_CONN_F_BYPASS = 0x0004;
/** FULLNAT (alibaba/LVS include/net/ip_vs.h; not in mainline). */
export const IP_VS_CONN_F_FULLNAT = 0x0005;
export const IP_VS_CONN_F_SYNC = 0x0020;
export const IP_VS_CONN_F_HASHED = 0x0040;
export const IP_VS_CONN_F_NOOUTPUT = 0x0080;
export const IP_VS_CONN_F_INACTIVE = 0x0100;
export const IP_VS_CONN_F_NO_CPORT = 0x0800;
export const IP_VS_CONN_F_TEMPLATE = 0x1000;
export const IP_VS_CONN_F_ONE_PACKET = 0x2000;
/** The part of the connection flags user space sets on a dest (IP_VS_CONN_F_DEST_MASK, NFCT not modelled). */
export const IP_VS_CONN_F_DEST_MASK = IP_VS_CONN_F_FWD_MASK | IP_VS_CONN_F_ONE_PACKET;

/** The forwarding methods a real server can be configured with (`-m`, `-g`, `-i`, alibaba's `-b`). */
export type DestFwd = 'masq' | 'droute' | 'tunnel' | 'fullnat';

/** The kernel value of a forwarding method (IP_VS_CONN_F_MASQ …). */
export function fwdToConnFlags(fwd: DestFwd): number {
  switch (fwd) {
    case 'masq':
      return IP_VS_CONN_F_MASQ;
    case 'droute':
      return IP_VS_CONN_F_DROUTE;
    case 'tunnel':
      return IP_VS_CONN_F_TUNNEL;
    case 'fullnat':
      return IP_VS_CONN_F_FULLNAT;
  }
}

/** The configured method named by connection flags (LOCALNODE and BYPASS are never configured). */
export function destFwdOf(connFlags: number): DestFwd {
  switch (connFlags & IP_VS_CONN_F_FWD_MASK) {
    case IP_VS_CONN_F_MASQ:
      return 'masq';
    case IP_VS_CONN_F_TUNNEL:
      return 'tunnel';
    case IP_VS_CONN_F_FULLNAT:
      return 'fullnat';
    default:
      return 'droute';
  }
}

/** The method named by the low bits of connection flags, with the trace's vocabulary. */
export function connFlagsToFwd(connFlags: number): FwdMethod {
  switch (connFlags & IP_VS_CONN_F_FWD_MASK) {
    case IP_VS_CONN_F_MASQ:
      return 'masq';
    case IP_VS_CONN_F_LOCALNODE:
      return 'localnode';
    case IP_VS_CONN_F_TUNNEL:
      return 'tunnel';
    case IP_VS_CONN_F_DROUTE:
      return 'droute';
    case IP_VS_CONN_F_FULLNAT:
      return 'fullnat';
    default:
      return 'bypass';
  }
}

/** The head node of a destination list (`&svc->destinations`); an empty list points at itself. */
export class DestListHead {
  readonly isHead = true as const;
  next: DestNode = this;
  prev: DestNode = this;
}

/** A node of the circular list: the head or a dest. `node.isHead` tells them apart. */
export type DestNode = DestListHead | Dest;

/** A real server. Fields keep the kernel's names; counters are plain numbers. */
export class Dest {
  readonly isHead = false as const;
  /** n_list links; an unlinked dest keeps `next` pointing at its old successor (list_del_rcu). */
  next: DestNode = this;
  prev: DestNode = this;

  readonly daddr: Ip4;
  readonly dport: number;
  /** The identity of the service it was created for (dest->protocol, vaddr, vport, vfwmark): the trash lookup key. */
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly vfwmark: number;
  /** The service it is bound to (dest->svc); kept while the dest waits in the trash. */
  svc: Service | null = null;

  weight = 0;
  /** The latest weight that was not 0 (only mh uses it). */
  lastWeight = 0;
  /** Forwarding method and flags that new connections copy (INACTIVE, NOOUTPUT for DR/TUN). */
  connFlags = 0;
  /** IP_VS_DEST_F_AVAILABLE | IP_VS_DEST_F_OVERLOAD. */
  flags = 0;
  activeConns = 0;
  inactConns = 0;
  /** Persistence templates bound to this dest. */
  persistConns = 0;
  uThreshold = 0;
  lThreshold = 0;
  /** References the trash timer waits for (dest->refcnt): connections, and lblc/lblcr cache entries. */
  refcnt = 0;
  /** When the trash timer first saw it unreferenced (ns), 0 if not yet. */
  idleStart = 0;
  readonly stats: IpvsStats;

  constructor(svc: Service, daddr: Ip4, dport: number, stats: IpvsStats) {
    this.daddr = daddr;
    this.dport = dport;
    this.protocol = svc.protocol;
    this.vaddr = svc.vaddr;
    this.vport = svc.vport;
    this.vfwmark = svc.fwmark;
    this.stats = stats;
  }

  /** The configured forwarding method. */
  get fwd(): DestFwd {
    return destFwdOf(this.connFlags);
  }

  /** Whether the dest is linked in a service (not deleted). */
  get available(): boolean {
    return (this.flags & IP_VS_DEST_F_AVAILABLE) !== 0;
  }

  /** Whether the upper threshold marked it OVERLOADed. */
  get overloaded(): boolean {
    return (this.flags & IP_VS_DEST_F_OVERLOAD) !== 0;
  }
}

/** The trace view of a dest. */
export function destSnapshot(d: Dest): IpvsDestSnapshot {
  return {
    daddr: d.daddr,
    dport: d.dport,
    fwd: connFlagsToFwd(d.connFlags),
    weight: d.weight,
    activeConns: d.activeConns,
    inactConns: d.inactConns,
    persistConns: d.persistConns,
    uThreshold: d.uThreshold,
    lThreshold: d.lThreshold,
  };
}

/**
 * `svc->destinations`: a circular doubly linked list with a head node. Iterating yields dests in
 * kernel list order (head.next first).
 */
export class DestList implements Iterable<Dest> {
  readonly head = new DestListHead();
  private count = 0;

  /** Number of linked dests (svc->num_dests). */
  get length(): number {
    return this.count;
  }

  /** list_add_rcu(&dest->n_list, &svc->destinations): links `dest` right after the head. */
  addHead(dest: Dest): void {
    const first = this.head.next;
    dest.prev = this.head;
    dest.next = first;
    first.prev = dest;
    this.head.next = dest;
    this.count++;
  }

  /** list_del_rcu: unlinks `dest`; its `next` keeps pointing at its old successor. */
  del(dest: Dest): void {
    dest.prev.next = dest.next;
    dest.next.prev = dest.prev;
    this.count--;
  }

  *[Symbol.iterator](): Iterator<Dest> {
    for (let n = this.head.next; !n.isHead; n = n.next) yield n;
  }

  /** The dests in list order, as an array. */
  toArray(): Dest[] {
    const out: Dest[] = [];
    for (let n = this.head.next; !n.isHead; n = n.next) out.push(n);
    return out;
  }
}
