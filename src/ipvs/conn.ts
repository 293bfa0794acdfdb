/**
 * The IPVS connection table and a connection's life (ip_vs_conn.c). Entries are hashed by
 * <protocol, caddr, cport> and matched on the full <protocol, caddr:cport, vaddr:vport> for client
 * packets (ip_vs_conn_in_get) or on <protocol, client, VIP/real server> for replies
 * (ip_vs_conn_out_get). A new entry starts in state NONE with a 3 s timeout, copies its dest's
 * connection flags (INACTIVE, plus NOOUTPUT for DR/TUN) and counts as inactive; after every packet
 * `connPut` re-arms the expiry to now + the timeout of the current state. On expiry the counters go
 * down and the entry is unhashed, unless it still controls others (then it waits 60 s more).
 * Simplified: the kernel hashes with a random seed, so `ipvsadm -Lnc` shows its entries in an
 * unpredictable order; lvslab lists them in creation order.
 */
import type { Timer } from '../net/types.js';
import { SEC } from '../net/types.js';
import type { Ip4 } from '../net/wire/addr.js';
import { formatIp4 } from '../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../net/wire/packet.js';
import type { IpvsConnSnapshot } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import { msg } from '../i18n/message.js';
import {
  type Dest,
  IP_VS_CONN_F_FULLNAT,
  IP_VS_CONN_F_FWD_MASK,
  IP_VS_CONN_F_HASHED,
  IP_VS_CONN_F_INACTIVE,
  IP_VS_CONN_F_MASQ,
  IP_VS_CONN_F_NO_CPORT,
  IP_VS_CONN_F_ONE_PACKET,
  IP_VS_CONN_F_TEMPLATE,
  IP_VS_DEST_F_OVERLOAD,
  connFlagsToFwd,
  destSnapshot,
} from './dest.js';
import type { FnatSeq } from './fnat-seq.js';
import { bindLaddr, type LocalAddr, unbindLaddr } from './laddr.js';
import { destLoadChanged } from './sched/scheduler.js';
import { IPPROTO_SCTP } from './service.js';
import type { IpvsState } from './state.js';
import type { SynproxyState } from './synproxy.js';
import { CONN_INITIAL_TIMEOUT_SEC, TCP_STATE_NAMES } from './tcp-state.js';

/** A packet's lineage, attached to the events it causes. */
export interface PacketRef {
  readonly pkt: number;
  readonly flow: number;
}

/** What identifies a connection from the client side (struct ip_vs_conn_param). */
export interface ConnParam {
  readonly protocol: number;
  readonly caddr: Ip4;
  readonly cport: number;
  readonly vaddr: Ip4;
  readonly vport: number;
}

/** Template state names (ip_vs_ctpl_state_name_table). */
const TEMPLATE_STATE_NAMES: readonly string[] = ['NONE', 'ASSURED'];

/**
 * The fields of an entry that only controlling entries (templates), FULLNAT and SYNPROXY use, kept apart so that other entries stay small.
 */
class ConnExt {
  nControl = 0;
  laddr: Ip4;
  lport: number;
  local: LocalAddr | null = null;
  fnatNext: IpvsConn | null = null;
  fnatSeq: FnatSeq | null = null;
  synproxy: SynproxyState | null = null;
  /** The timeout in ns when it is not a whole number of seconds (then the entry's `timeoutSec` is −1). */
  timeoutNs = 0;

  constructor(laddr: Ip4, lport: number) {
    this.laddr = laddr;
    this.lport = lport;
  }
}

/** Bit offsets of the four 8-bit fields packed in IpvsConn.bits. */
const STATE_SHIFT = 8;
const OLD_STATE_SHIFT = 16;
const REPORTED_SHIFT = 24;

/**
 * A connection entry (struct ip_vs_conn). Every field costs each of up to millions of entries 8
 * bytes, so small values share integers (`bits`, `ports`), the timeout is kept in whole seconds (a
 * number of ns would be a separate heap number), and rarely set fields live in a side object
 * (ConnExt).
 */
export class IpvsConn {
  /**
   * protocol (bits 0–7), state (8–15), oldState (16–23) and the state last reported (24–31):
   * protocol numbers and IPVS states (at most the kernel's IP_VS_SCTP_S_LAST = 13) all fit in 8 bits.
   */
  declare private bits: number;
  /**
   * caddr, vaddr and daddr as int32: an IPv4 address at or above 2^31 kept as a number would cost
   * a separate heap number per field; the getters give the addresses back unsigned.
   */
  declare private readonly caddrBits: number;
  /** cport (bits 0–15) and vport (bits 16–31), both 16-bit port numbers. */
  declare private ports: number;
  declare private readonly vaddrBits: number;
  declare private readonly daddrBits: number;
  /** Mutable only for a template that ip_vs_check_template invalidates (set to 0xffff). */
  declare dport: number;
  /** The packet mark the connection was created with (fwmark services). */
  declare readonly fwmark: number;
  declare dest: Dest | null;
  /** IP_VS_CONN_F_* bits. */
  declare flags: number;
  /** The timeout of the current state in whole seconds, or −1 when ConnExt holds it in ns. */
  declare private timeoutSec: number;
  /** When the entry expires unless a packet refreshes it (ns). */
  declare expires: number;
  declare timer: Timer | null;
  /** When the pending timer fires (it may fire early and re-arm itself to `expires`). */
  declare timerAt: number;
  /** The controlling connection (persistence template, FTP control), if any. */
  declare control: IpvsConn | null;
  /** Packets received from the client side (in_pkts). */
  declare inPkts: number;
  /** The next entry of its hash chain (the kernel's c_list), and its neighbours in creation order. */
  declare hashNext: IpvsConn | null;
  declare orderPrev: IpvsConn | null;
  declare orderNext: IpvsConn | null;
  /** The rarely used fields (ConnExt), allocated on first use: null for most entries, which saves their room. */
  declare private ext: ConnExt | null;

  /** Entries come from IpvsConn.alloc. */
  private constructor() {}

  /**
   * A new entry for <p, daddr:dport> in state NONE with the initial 3 s timeout (the fields of
   * ip_vs_conn_new before binding and hashing). It is built as an object literal whose prototype
   * is IpvsConn's: V8 tracks where literals are allocated and, once it sees most of them outlive
   * a young-generation collection, allocates them straight in the old generation, whereas a
   * `new` instance would be copied by every scavenge it survives (a million live entries spent
   * more time in those copies than in everything else).
   */
  static alloc(p: ConnParam, daddr: Ip4, dport: number, fwmark: number): IpvsConn {
    return {
      __proto__: IpvsConn.prototype,
      bits: p.protocol & 0xff,
      caddrBits: p.caddr | 0,
      ports: (p.cport & 0xffff) | (p.vport << 16),
      vaddrBits: p.vaddr | 0,
      daddrBits: daddr | 0,
      dport,
      fwmark,
      dest: null,
      flags: 0,
      timeoutSec: CONN_INITIAL_TIMEOUT_SEC,
      expires: 0,
      timer: null,
      timerAt: 0,
      control: null,
      inPkts: 0,
      hashNext: null,
      orderPrev: null,
      orderNext: null,
      ext: null,
    } as unknown as IpvsConn;
  }

  /** The IP protocol (IPPROTO_*; 0 for a fwmark template). */
  get protocol(): number {
    return this.bits & 0xff;
  }

  /** Protocol state (IP_VS_TCP_S_* for TCP, 0 for UDP; IP_VS_CTPL_S_* for a template). */
  get state(): number {
    return (this.bits >>> STATE_SHIFT) & 0xff;
  }
  set state(v: number) {
    this.bits = (this.bits & ~(0xff << STATE_SHIFT)) | ((v & 0xff) << STATE_SHIFT);
  }

  /** cp->old_state. */
  get oldState(): number {
    return (this.bits >>> OLD_STATE_SHIFT) & 0xff;
  }
  set oldState(v: number) {
    this.bits = (this.bits & ~(0xff << OLD_STATE_SHIFT)) | ((v & 0xff) << OLD_STATE_SHIFT);
  }

  /** The state last reported in a trace event. */
  get reportedState(): number {
    return (this.bits >>> REPORTED_SHIFT) & 0xff;
  }
  set reportedState(v: number) {
    this.bits = (this.bits & ~(0xff << REPORTED_SHIFT)) | ((v & 0xff) << REPORTED_SHIFT);
  }

  /** The client's port. */
  get cport(): number {
    return this.ports & 0xffff;
  }

  /** The virtual port; mutable only for a template that ip_vs_check_template invalidates (set to 0xffff). */
  get vport(): number {
    return this.ports >>> 16;
  }
  set vport(v: number) {
    this.ports = (this.ports & 0xffff) | (v << 16);
  }

  /** The timeout of the current state, in ns. */
  get timeout(): number {
    const s = this.timeoutSec;
    return s >= 0 ? s * SEC : (this.ext as ConnExt).timeoutNs;
  }
  set timeout(v: number) {
    const s = v / SEC;
    if ((s | 0) === s && s >= 0 && s * SEC === v) {
      this.timeoutSec = s;
    } else {
      this.extension().timeoutNs = v;
      this.timeoutSec = -1;
    }
  }

  /** The client's address. */
  get caddr(): Ip4 {
    return this.caddrBits >>> 0;
  }

  /** The virtual address (the mark for a fwmark template). */
  get vaddr(): Ip4 {
    return this.vaddrBits >>> 0;
  }

  /** The real server's address. */
  get daddr(): Ip4 {
    return this.daddrBits >>> 0;
  }

  private extension(): ConnExt {
    return (this.ext ??= new ConnExt(this.caddr, this.cport));
  }

  /** How many connections this one controls (n_control; only templates and FTP control entries). */
  get nControl(): number {
    return this.ext === null ? 0 : this.ext.nControl;
  }
  set nControl(v: number) {
    if (v !== 0 || this.ext !== null) this.extension().nControl = v;
  }

  /** FULLNAT: the local address towards the real server (caddr for other methods). */
  get laddr(): Ip4 {
    return this.ext === null ? this.caddr : this.ext.laddr;
  }
  set laddr(v: Ip4) {
    this.extension().laddr = v;
  }

  /** FULLNAT: the local port towards the real server (cport for other methods). */
  get lport(): number {
    return this.ext === null ? this.cport : this.ext.lport;
  }
  set lport(v: number) {
    this.extension().lport = v;
  }

  /** FULLNAT: the local address entry this connection counts on (cp->local). */
  get local(): LocalAddr | null {
    return this.ext === null ? null : this.ext.local;
  }
  set local(v: LocalAddr | null) {
    if (v !== null || this.ext !== null) this.extension().local = v;
  }

  /** FULLNAT only: the next entry with the same <protocol, laddr, lport> (the reply-side chain). */
  get fnatNext(): IpvsConn | null {
    return this.ext === null ? null : this.ext.fnatNext;
  }
  set fnatNext(v: IpvsConn | null) {
    if (v !== null || this.ext !== null) this.extension().fnatNext = v;
  }

  /** FULLNAT TCP: the client ISN re-randomisation and the RS ISN + 1 (cp->fnat_seq). */
  get fnatSeq(): FnatSeq | null {
    return this.ext === null ? null : this.ext.fnatSeq;
  }
  set fnatSeq(v: FnatSeq | null) {
    if (v !== null || this.ext !== null) this.extension().fnatSeq = v;
  }

  /** SYNPROXY: the cookie ISN, the sequence delta, the held ACKs and the SYN to retransmit. */
  get synproxy(): SynproxyState | null {
    return this.ext === null ? null : this.ext.synproxy;
  }
  set synproxy(v: SynproxyState | null) {
    if (v !== null || this.ext !== null) this.extension().synproxy = v;
  }

  /** Whether this is a persistence template. */
  get template(): boolean {
    return (this.flags & IP_VS_CONN_F_TEMPLATE) !== 0;
  }
}

/** ip_vs_proto_name. */
export function connProtocolName(protocol: number): string {
  switch (protocol) {
    case 0:
      return 'IP';
    case IPPROTO_TCP:
      return 'TCP';
    case IPPROTO_UDP:
      return 'UDP';
    case IPPROTO_SCTP:
      return 'SCTP';
    default:
      return `IP_${protocol}`;
  }
}

/** ip_vs_state_name: the state column of /proc/net/ip_vs_conn. */
export function connStateName(cp: IpvsConn): string {
  return stateName(cp, cp.state);
}

function stateName(cp: IpvsConn, state: number): string {
  if (cp.flags & IP_VS_CONN_F_TEMPLATE) return TEMPLATE_STATE_NAMES[state] ?? 'ERR!';
  if (cp.protocol === IPPROTO_TCP) return TCP_STATE_NAMES[state] ?? 'ERR!';
  if (cp.protocol === IPPROTO_UDP) return 'UDP';
  return cp.protocol === 0 ? 'NONE' : 'ERR!';
}

/** The trace view of a connection. */
export function connSnapshot(cp: IpvsConn): IpvsConnSnapshot {
  const name = connProtocolName(cp.protocol);
  const fwd = connFlagsToFwd(cp.flags);
  return {
    protocol: name === 'TCP' || name === 'UDP' || name === 'SCTP' ? name : 'IP',
    caddr: cp.caddr,
    cport: cp.cport,
    vaddr: cp.vaddr,
    vport: cp.vport,
    daddr: cp.daddr,
    dport: cp.dport,
    fwd,
    state: connStateName(cp),
    timeout: Math.floor(cp.timeout / SEC),
    expires: cp.expires,
    template: cp.template,
    ...(fwd === 'fullnat' ? { laddr: cp.laddr, lport: cp.lport } : {}),
  };
}

/**
 * The bucket of <protocol, addr, port> in a table of `mask + 1` buckets: the kernel's
 * ip_vs_conn_hashkey mixes the same three words (with jhash and a random seed); this mixes them
 * with multiplications in 32-bit ints, without a seed, so that runs are reproducible.
 */
function connBucket(protocol: number, addr: Ip4, port: number, mask: number): number {
  let h = Math.imul(addr ^ Math.imul(port | (protocol << 16), 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) & mask;
}

/** Buckets of a new table (a power of two; the kernel's fixed size is 2^CONFIG_IP_VS_TAB_BITS). */
const INITIAL_BUCKETS = 64;

/** Entries per bucket, on average, beyond which the table doubles (the kernel never resizes). */
const MAX_LOAD = 2;

/** A bucket array of `size` empty chains. */
function emptyBuckets(size: number): (IpvsConn | null)[] {
  return new Array<IpvsConn | null>(size).fill(null);
}

/**
 * ip_vs_conn_tab: a power-of-two array of chain heads by <protocol, caddr, cport>, new entries at
 * the head of their chain. Chains and the creation-order list are threaded through the entries
 * themselves (no array or set entry per connection), so a connection costs the table one
 * `hashNext` field plus at most a few bytes of bucket array; the array doubles when the average
 * chain grows past MAX_LOAD.
 */
export class ConnTable implements Iterable<IpvsConn> {
  /** The head entry of each chain (null when empty). */
  private buckets = emptyBuckets(INITIAL_BUCKETS);
  private mask = INITIAL_BUCKETS - 1;
  private first: IpvsConn | null = null;
  private last: IpvsConn | null = null;
  private count = 0;
  /** FULLNAT entries by their reply tuple <protocol, laddr, lport>, chained through fnatNext (the ohash side). */
  private fnatBuckets: (IpvsConn | null)[] | null = null;
  private fnatMask = 0;
  private fnatCount = 0;

  /** Number of hashed entries. */
  get size(): number {
    return this.count;
  }

  /** ip_vs_conn_hash. */
  hash(cp: IpvsConn): void {
    if (this.count >= this.buckets.length * MAX_LOAD) this.grow();
    const b = connBucket(cp.protocol, cp.caddr, cp.cport, this.mask);
    cp.hashNext = this.buckets[b] ?? null;
    this.buckets[b] = cp;
    cp.orderPrev = this.last;
    cp.orderNext = null;
    if (this.last === null) this.first = cp;
    else this.last.orderNext = cp;
    this.last = cp;
    this.count++;
    cp.flags |= IP_VS_CONN_F_HASHED;
    if (cp.local !== null) this.fnatHash(cp);
  }

  /**
   * Doubles the bucket array. Every chain holds its entries newest first, which is the reverse of
   * the creation order, so re-inserting at the heads in creation order rebuilds the very same
   * chains (and reads the entries in the order they were allocated).
   */
  private grow(): void {
    const size = this.buckets.length * 2;
    const buckets = emptyBuckets(size);
    const mask = size - 1;
    for (let cp = this.first; cp !== null; cp = cp.orderNext) {
      const b = connBucket(cp.protocol, cp.caddr, cp.cport, mask);
      cp.hashNext = buckets[b] ?? null;
      buckets[b] = cp;
    }
    this.buckets = buckets;
    this.mask = mask;
  }

  private fnatHash(cp: IpvsConn): void {
    let buckets = this.fnatBuckets;
    if (buckets === null) {
      buckets = emptyBuckets(INITIAL_BUCKETS);
      this.fnatBuckets = buckets;
      this.fnatMask = INITIAL_BUCKETS - 1;
    } else if (this.fnatCount >= buckets.length * MAX_LOAD) {
      buckets = this.fnatGrow(buckets);
    }
    const b = connBucket(cp.protocol, cp.laddr, cp.lport, this.fnatMask);
    cp.fnatNext = buckets[b] ?? null;
    buckets[b] = cp;
    this.fnatCount++;
  }

  /** Doubles the FULLNAT reply-side bucket array, keeping each chain's order. */
  private fnatGrow(old: (IpvsConn | null)[]): (IpvsConn | null)[] {
    const size = old.length * 2;
    const buckets = emptyBuckets(size);
    const mask = size - 1;
    const tails = emptyBuckets(size);
    for (let i = 0; i < old.length; i++) {
      let cp = old[i] ?? null;
      while (cp !== null) {
        const next: IpvsConn | null = cp.fnatNext;
        const b = connBucket(cp.protocol, cp.laddr, cp.lport, mask);
        const tail = tails[b] ?? null;
        if (tail === null) buckets[b] = cp;
        else tail.fnatNext = cp;
        tails[b] = cp;
        cp.fnatNext = null;
        cp = next;
      }
    }
    this.fnatBuckets = buckets;
    this.fnatMask = mask;
    return buckets;
  }

  private fnatUnhash(cp: IpvsConn): void {
    const buckets = this.fnatBuckets;
    if (buckets === null) return;
    const b = connBucket(cp.protocol, cp.laddr, cp.lport, this.fnatMask);
    let p = buckets[b] ?? null;
    if (p === cp) {
      buckets[b] = cp.fnatNext;
      this.fnatCount--;
    } else {
      for (; p !== null; p = p.fnatNext) {
        if (p.fnatNext === cp) {
          p.fnatNext = cp.fnatNext;
          this.fnatCount--;
          break;
        }
      }
    }
    cp.fnatNext = null;
  }

  /** The FULLNAT entry whose reply tuple is <protocol, daddr:dport → laddr:lport> (alibaba's out index). */
  fnatOutGet(protocol: number, daddr: Ip4, dport: number, laddr: Ip4, lport: number): IpvsConn | null {
    const buckets = this.fnatBuckets;
    if (buckets === null || this.fnatCount === 0) return null;
    for (let cp = buckets[connBucket(protocol, laddr, lport, this.fnatMask)] ?? null; cp !== null; cp = cp.fnatNext) {
      if (cp.daddr === daddr && cp.dport === dport && cp.lport === lport && cp.laddr === laddr && cp.protocol === protocol) return cp;
    }
    return null;
  }

  /** ip_vs_conn_unhash; false when the entry was not hashed. */
  unhash(cp: IpvsConn): boolean {
    if ((cp.flags & IP_VS_CONN_F_HASHED) === 0) return false;
    const b = connBucket(cp.protocol, cp.caddr, cp.cport, this.mask);
    const head = this.buckets[b] ?? null;
    if (head === cp) {
      this.buckets[b] = cp.hashNext;
    } else {
      for (let p = head; p !== null; p = p.hashNext) {
        if (p.hashNext === cp) {
          p.hashNext = cp.hashNext;
          break;
        }
      }
    }
    cp.hashNext = null;
    // Unlinked from the creation order, but `orderNext` is kept so that an iteration standing on
    // this entry still reaches the rest (list_del_rcu's rule); unhashed entries are skipped there.
    if (cp.orderPrev === null) this.first = cp.orderNext;
    else cp.orderPrev.orderNext = cp.orderNext;
    if (cp.orderNext === null) this.last = cp.orderPrev;
    else cp.orderNext.orderPrev = cp.orderPrev;
    this.count--;
    if (cp.local !== null) this.fnatUnhash(cp);
    cp.flags &= ~IP_VS_CONN_F_HASHED;
    return true;
  }

  /** ip_vs_conn_in_get: the entry for a client packet <protocol, caddr:cport → vaddr:vport>. */
  inGet(protocol: number, caddr: Ip4, cport: number, vaddr: Ip4, vport: number): IpvsConn | null {
    for (let cp = this.buckets[connBucket(protocol, caddr, cport, this.mask)] ?? null; cp !== null; cp = cp.hashNext) {
      if (
        cp.cport === cport &&
        cp.vport === vport &&
        cp.caddr === caddr &&
        cp.vaddr === vaddr &&
        (cport === 0) !== ((cp.flags & IP_VS_CONN_F_NO_CPORT) === 0) &&
        cp.protocol === protocol
      ) {
        return cp;
      }
    }
    return null;
  }

  /**
   * ip_vs_ct_in_get: the persistence template <protocol, caddr (masked), cport 0, vaddr, vport>;
   * for fwmark services protocol is 0 and vaddr holds the mark.
   */
  ctInGet(protocol: number, caddr: Ip4, vaddr: Ip4, vport: number): IpvsConn | null {
    for (let cp = this.buckets[connBucket(protocol, caddr, 0, this.mask)] ?? null; cp !== null; cp = cp.hashNext) {
      if (
        cp.caddr === caddr &&
        cp.vaddr === vaddr &&
        cp.vport === vport &&
        cp.cport === 0 &&
        (cp.flags & IP_VS_CONN_F_TEMPLATE) !== 0 &&
        cp.protocol === protocol
      ) {
        return cp;
      }
    }
    return null;
  }

  /**
   * ip_vs_conn_out_get: the entry for a reply from `saddr:sport` to the client `daddr:dport`. A NAT
   * entry matches on the real server's address and port, any other on the VIP and vport.
   */
  outGet(protocol: number, saddr: Ip4, sport: number, daddr: Ip4, dport: number): IpvsConn | null {
    const fnat = this.fnatOutGet(protocol, saddr, sport, daddr, dport);
    if (fnat !== null) return fnat;
    for (let cp = this.buckets[connBucket(protocol, daddr, dport, this.mask)] ?? null; cp !== null; cp = cp.hashNext) {
      if (cp.cport !== dport) continue;
      const masq = (cp.flags & IP_VS_CONN_F_FWD_MASK) === IP_VS_CONN_F_MASQ;
      const srcAddr = masq ? cp.daddr : cp.vaddr;
      const srcPort = masq ? cp.dport : cp.vport;
      if (sport === srcPort && cp.caddr === daddr && saddr === srcAddr && cp.protocol === protocol) return cp;
    }
    return null;
  }

  /** Entries in creation order (entries unhashed or added during the walk behave as with a Set). */
  *[Symbol.iterator](): Iterator<IpvsConn> {
    for (let cp = this.first; cp !== null; cp = cp.orderNext) {
      if ((cp.flags & IP_VS_CONN_F_HASHED) !== 0) yield cp;
    }
  }
}

function emitConn(ipvs: IpvsState, op: 'new' | 'state' | 'expire', cp: IpvsConn, m: Msg, ref?: PacketRef): void {
  if (ref === undefined) ipvs.host.emit({ kind: 'ipvs.conn', op, conn: connSnapshot(cp), msg: m });
  else ipvs.host.emit({ kind: 'ipvs.conn', op, conn: connSnapshot(cp), msg: m, pkt: ref.pkt, flow: ref.flow });
}

/** Records a change of an entry that does not touch its timer (a template becoming ASSURED). */
export function connReport(ipvs: IpvsState, cp: IpvsConn, m: Msg): void {
  cp.reportedState = cp.state;
  emitConn(ipvs, 'state', cp, m);
}

/** Emits an `ipvs.dest` counters event for `dest` (its ActiveConn/InActConn/PersistConn changed). */
export function emitDestCounters(ipvs: IpvsState, dest: Dest): void {
  const svc = dest.svc;
  if (svc === null) return;
  ipvs.host.emit({
    kind: 'ipvs.dest',
    op: 'counters',
    service: svc.snapshot(),
    dest: destSnapshot(dest),
    msg: msg('ipvs.dest.counters', {
      rs: `${formatIp4(dest.daddr)}:${dest.dport}`,
      active: dest.activeConns,
      inactive: dest.inactConns,
      persistent: dest.persistConns,
    }),
  });
}

/** activeconns + inactconns (ip_vs_dest_totalconns). */
function totalConns(dest: Dest): number {
  return dest.activeConns + dest.inactConns;
}

/** ip_vs_bind_dest: copy the dest's connection flags, count the entry, set OVERLOAD at the upper threshold. */
function bindDest(cp: IpvsConn, dest: Dest): void {
  dest.refcnt++;
  let connFlags = dest.connFlags;
  if (cp.protocol !== IPPROTO_UDP) connFlags &= ~IP_VS_CONN_F_ONE_PACKET;
  const flags = cp.flags | connFlags;
  cp.flags = flags;
  cp.dest = dest;
  if (flags & IP_VS_CONN_F_TEMPLATE) dest.persistConns++;
  else if (flags & IP_VS_CONN_F_INACTIVE) dest.inactConns++;
  else dest.activeConns++;
  if (dest.uThreshold !== 0 && totalConns(dest) >= dest.uThreshold) dest.flags |= IP_VS_DEST_F_OVERLOAD;
  destLoadChanged(dest);
}

/** ip_vs_unbind_dest: uncount the entry and clear OVERLOAD by the lower-threshold rule (§7.1). */
function unbindDest(cp: IpvsConn): Dest | null {
  const dest = cp.dest;
  if (dest === null) return null;
  if (cp.flags & IP_VS_CONN_F_TEMPLATE) dest.persistConns--;
  else if (cp.flags & IP_VS_CONN_F_INACTIVE) dest.inactConns--;
  else dest.activeConns--;
  if (dest.lThreshold !== 0) {
    if (totalConns(dest) < dest.lThreshold) dest.flags &= ~IP_VS_DEST_F_OVERLOAD;
  } else if (dest.uThreshold !== 0) {
    if (totalConns(dest) * 4 < dest.uThreshold * 3) dest.flags &= ~IP_VS_DEST_F_OVERLOAD;
  } else {
    dest.flags &= ~IP_VS_DEST_F_OVERLOAD;
  }
  dest.refcnt--;
  destLoadChanged(dest);
  return dest;
}

/**
 * ip_vs_conn_new: creates, binds and hashes an entry in state NONE with a 3 s timeout.
 * `flags` are extra IP_VS_CONN_F_* bits (ONE_PACKET, TEMPLATE); the dest adds its own.
 * Returns null when a FULLNAT entry gets no local address and port (alibaba: "bind local
 * address: no port available"); the entry is then deleted before it was ever hashed.
 */
export function connNew(
  ipvs: IpvsState,
  p: ConnParam,
  daddr: Ip4,
  dport: number,
  flags: number,
  dest: Dest | null,
  fwmark: number,
  ref?: PacketRef,
): IpvsConn | null {
  const cp = IpvsConn.alloc(p, daddr, dport, fwmark);
  cp.flags = flags;
  if (dest !== null) bindDest(cp, dest);
  // ip_vs_hbind_laddr (alibaba): a FULLNAT entry needs a local address and port, or it is deleted.
  if (dest?.svc != null && (cp.flags & (IP_VS_CONN_F_FWD_MASK | IP_VS_CONN_F_TEMPLATE)) === IP_VS_CONN_F_FULLNAT) {
    if (!bindLaddr(ipvs, cp, dest.svc)) {
      unbindDest(cp);
      return null;
    }
  }
  ipvs.conns.hash(cp);
  armTimer(ipvs, cp, ipvs.host.sim.now + cp.timeout);
  cp.reportedState = cp.state;
  const newId = cp.flags & IP_VS_CONN_F_TEMPLATE ? 'ipvs.persist.templateNew' : 'ipvs.conn.new';
  emitConn(ipvs, 'new', cp, msg(newId, { state: connStateName(cp), timeout: Math.floor(cp.timeout / SEC) }), ref);
  if (dest !== null) emitDestCounters(ipvs, dest);
  return cp;
}

/**
 * ip_vs_conn_put after a processed packet: the expiry becomes now + the timeout of the current
 * state, and an `ipvs.conn` state event records the state and the new expiry.
 */
export function connPut(ipvs: IpvsState, cp: IpvsConn, ref?: PacketRef): void {
  armTimer(ipvs, cp, ipvs.host.sim.now + cp.timeout);
  const timeout = Math.floor(cp.timeout / SEC);
  const m =
    cp.reportedState !== cp.state
      ? msg('ipvs.conn.state', { from: stateName(cp, cp.reportedState), to: connStateName(cp), timeout })
      : msg('ipvs.conn.refresh', { state: connStateName(cp), timeout });
  cp.reportedState = cp.state;
  emitConn(ipvs, 'state', cp, m, ref);
}

/** ip_vs_conn_expire_now: the entry expires as soon as the current event is done. */
export function connExpireNow(ipvs: IpvsState, cp: IpvsConn): void {
  if (cp.timer === null || !cp.timer.active) return;
  const now = ipvs.host.sim.now;
  if (cp.expires > now) armTimer(ipvs, cp, now);
}

/** Sets the expiry and makes sure a timer fires no later than it (re-arming lazily when later). */
function armTimer(ipvs: IpvsState, cp: IpvsConn, at: number): void {
  cp.expires = at;
  if (cp.timer !== null && cp.timer.active && cp.timerAt <= at) return;
  cp.timer?.cancel();
  cp.timerAt = at;
  cp.timer = ipvs.host.sim.at(at, () => onTimer(ipvs, cp));
}

function onTimer(ipvs: IpvsState, cp: IpvsConn): void {
  cp.timer = null;
  if (cp.expires > ipvs.host.sim.now) {
    armTimer(ipvs, cp, cp.expires);
    return;
  }
  connExpire(ipvs, cp);
}

/** ip_vs_conn_expire. */
function connExpire(ipvs: IpvsState, cp: IpvsConn): void {
  if (cp.synproxy !== null && cp.synproxy.retransmitOnExpire()) {
    armTimer(ipvs, cp, ipvs.host.sim.now + cp.timeout);
    return;
  }
  if (cp.nControl > 0) {
    cp.timeout = 60 * SEC;
    armTimer(ipvs, cp, ipvs.host.sim.now + cp.timeout);
    emitConn(ipvs, 'state', cp, msg('ipvs.conn.expireLater', { controlled: cp.nControl }));
    return;
  }
  if (!ipvs.conns.unhash(cp)) return;
  cp.timer?.cancel();
  cp.timer = null;
  const ct = cp.control;
  // A deleted entry (timeout 0, see connDel) takes an unused controller with it, unless that is
  // an ASSURED template.
  const dropCt = ct !== null && cp.timeout === 0;
  if (ct !== null) {
    ct.nControl--;
    cp.control = null;
  }
  const dest = unbindDest(cp);
  unbindLaddr(cp);
  emitConn(ipvs, 'expire', cp, msg('ipvs.conn.expire', { state: connStateName(cp) }));
  if (dest !== null) emitDestCounters(ipvs, dest);
  if (dropCt && ct.nControl === 0 && (!ct.template || (ct.state & IP_VS_CTPL_S_ASSURED) === 0)) connDel(ipvs, ct);
}

/** ip_vs_ctpl_state: a template whose controlled connection was established (or got a UDP reply). */
export const IP_VS_CTPL_S_ASSURED = 1;

/**
 * ip_vs_conn_del: deletes an entry at once (flush, expire_nodest_conn); with a controller its
 * timeout becomes 0 so that the expiry drops the controller too when nothing else uses it.
 */
export function connDel(ipvs: IpvsState, cp: IpvsConn): void {
  if (cp.timer === null || !cp.timer.active) return;
  if (cp.control !== null) cp.timeout = 0;
  connExpire(ipvs, cp);
}
