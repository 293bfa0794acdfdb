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

/** A connection entry (struct ip_vs_conn). */
export class IpvsConn {
  readonly protocol: number;
  readonly caddr: Ip4;
  readonly cport: number;
  readonly vaddr: Ip4;
  /** Mutable only for a template that ip_vs_check_template invalidates (set to 0xffff). */
  vport: number;
  readonly daddr: Ip4;
  /** Mutable only for a template that ip_vs_check_template invalidates (set to 0xffff). */
  dport: number;
  /** The packet mark the connection was created with (fwmark services). */
  readonly fwmark: number;
  dest: Dest | null = null;
  /** IP_VS_CONN_F_* bits. */
  flags = 0;
  /** Protocol state (IP_VS_TCP_S_* for TCP, 0 for UDP). */
  state = 0;
  /** cp->old_state. */
  oldState = 0;
  /** The timeout of the current state, in ns. */
  timeout = CONN_INITIAL_TIMEOUT_SEC * SEC;
  /** When the entry expires unless a packet refreshes it (ns). */
  expires = 0;
  timer: Timer | null = null;
  /** When the pending timer fires (it may fire early and re-arm itself to `expires`). */
  timerAt = 0;
  /** The controlling connection (persistence template, FTP control), if any. */
  control: IpvsConn | null = null;
  /** How many connections this one controls (n_control). */
  nControl = 0;
  /** Packets received from the client side (in_pkts). */
  inPkts = 0;
  /** The state last reported in a trace event. */
  reportedState = 0;
  /** The next entry of its hash chain (the kernel's c_list), and its neighbours in creation order. */
  hashNext: IpvsConn | null = null;
  /** FULLNAT only: the next entry with the same <protocol, laddr, lport> (the reply-side chain). */
  fnatNext: IpvsConn | null = null;
  orderPrev: IpvsConn | null = null;
  orderNext: IpvsConn | null = null;
  /** FULLNAT: the local address and port towards the real server (caddr/cport for other methods). */
  laddr: Ip4;
  lport: number;
  /** FULLNAT: the local address entry this connection counts on (cp->local). */
  local: LocalAddr | null = null;
  /** FULLNAT TCP: the client ISN re-randomisation and the RS ISN + 1 (cp->fnat_seq). */
  fnatSeq: FnatSeq | null = null;
  /** SYNPROXY: the cookie ISN, the sequence delta, the held ACKs and the SYN to retransmit. */
  synproxy: SynproxyState | null = null;

  constructor(p: ConnParam, daddr: Ip4, dport: number, fwmark: number) {
    this.protocol = p.protocol;
    this.caddr = p.caddr;
    this.cport = p.cport;
    this.vaddr = p.vaddr;
    this.vport = p.vport;
    this.daddr = daddr;
    this.dport = dport;
    this.fwmark = fwmark;
    this.laddr = p.caddr;
    this.lport = p.cport;
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

const PROTO_INDEX: Readonly<Record<number, number>> = { [IPPROTO_TCP]: 0, [IPPROTO_UDP]: 1, [IPPROTO_SCTP]: 2 };

/** The hash key of <protocol, addr, port> (the kernel hashes the client side the same way). */
function connKey(protocol: number, addr: Ip4, port: number): number {
  return (addr * 65536 + port) * 4 + (PROTO_INDEX[protocol] ?? 3);
}

/**
 * ip_vs_conn_tab: hash chains by <protocol, caddr, cport>, new entries at the head of their chain.
 * Chains and the creation-order list are threaded through the entries themselves (no array or set
 * entry per connection), which keeps a million connections within a few hundred bytes each.
 */
export class ConnTable implements Iterable<IpvsConn> {
  /** The head entry of each non-empty chain. */
  private readonly chains = new Map<number, IpvsConn>();
  private first: IpvsConn | null = null;
  private last: IpvsConn | null = null;
  private count = 0;
  /** FULLNAT entries by their reply tuple <protocol, laddr, lport>, chained through fnatNext (the ohash side). */
  private readonly fnatOut = new Map<number, IpvsConn>();

  /** Number of hashed entries. */
  get size(): number {
    return this.count;
  }

  /** ip_vs_conn_hash. */
  hash(cp: IpvsConn): void {
    const key = connKey(cp.protocol, cp.caddr, cp.cport);
    cp.hashNext = this.chains.get(key) ?? null;
    this.chains.set(key, cp);
    cp.orderPrev = this.last;
    cp.orderNext = null;
    if (this.last === null) this.first = cp;
    else this.last.orderNext = cp;
    this.last = cp;
    this.count++;
    cp.flags |= IP_VS_CONN_F_HASHED;
    if (cp.local !== null) this.fnatHash(cp);
  }

  private fnatHash(cp: IpvsConn): void {
    const key = connKey(cp.protocol, cp.laddr, cp.lport);
    cp.fnatNext = this.fnatOut.get(key) ?? null;
    this.fnatOut.set(key, cp);
  }

  private fnatUnhash(cp: IpvsConn): void {
    const key = connKey(cp.protocol, cp.laddr, cp.lport);
    const head = this.fnatOut.get(key);
    if (head === cp) {
      if (cp.fnatNext === null) this.fnatOut.delete(key);
      else this.fnatOut.set(key, cp.fnatNext);
    } else {
      for (let p: IpvsConn | null = head ?? null; p !== null; p = p.fnatNext) {
        if (p.fnatNext === cp) {
          p.fnatNext = cp.fnatNext;
          break;
        }
      }
    }
    cp.fnatNext = null;
  }

  /** The FULLNAT entry whose reply tuple is <protocol, daddr:dport → laddr:lport> (alibaba's out index). */
  fnatOutGet(protocol: number, daddr: Ip4, dport: number, laddr: Ip4, lport: number): IpvsConn | null {
    if (this.fnatOut.size === 0) return null;
    for (let cp = this.fnatOut.get(connKey(protocol, laddr, lport)) ?? null; cp !== null; cp = cp.fnatNext) {
      if (cp.daddr === daddr && cp.dport === dport) return cp;
    }
    return null;
  }

  /** ip_vs_conn_unhash; false when the entry was not hashed. */
  unhash(cp: IpvsConn): boolean {
    if ((cp.flags & IP_VS_CONN_F_HASHED) === 0) return false;
    const key = connKey(cp.protocol, cp.caddr, cp.cport);
    const head = this.chains.get(key);
    if (head === cp) {
      if (cp.hashNext === null) this.chains.delete(key);
      else this.chains.set(key, cp.hashNext);
    } else {
      for (let p: IpvsConn | null = head ?? null; p !== null; p = p.hashNext) {
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
    for (let cp = this.chains.get(connKey(protocol, caddr, cport)) ?? null; cp !== null; cp = cp.hashNext) {
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
    for (let cp = this.chains.get(connKey(protocol, caddr, 0)) ?? null; cp !== null; cp = cp.hashNext) {
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
    for (let cp = this.chains.get(connKey(protocol, daddr, dport)) ?? null; cp !== null; cp = cp.hashNext) {
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
  const cp = new IpvsConn(p, daddr, dport, fwmark);
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
