/**
 * The per-host TCP layer: demultiplexing by 4-tuple then listening port (tcp_v4_rcv,
 * __inet_lookup), listening sockets that answer SYNs (tcp_v4_conn_request), connect() with
 * Linux's ephemeral-port choice (__inet_hash_connect: even ports first, stepping by two, a
 * small random increment after each use), and RSTs for segments no socket wants
 * (tcp_v4_send_reset, RFC 9293 §3.10.7.1) unless a capture replay claimed their 4-tuple.
 * Simplified: listeners bind every local address, no backlog limit and no SYN cookies, one
 * port-perturbation bucket per host (Linux hashes the destination into one of many), and a local
 * port in use by any socket is skipped.
 */
import type { Ip4 } from '../wire/addr.js';
import { formatIp4 } from '../wire/addr.js';
import type { IcmpMessage, Ipv4Packet, TcpOption, TcpSegment } from '../wire/packet.js';
import { ICMP_FRAG_NEEDED, IPPROTO_TCP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/packet.js';
import type { HostApi, Skb } from '../types.js';
import { msg } from '../../i18n/message.js';
import { seqAdd } from './seq.js';
import { parseSynOptions } from './options.js';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW, IP_DEFAULT_TTL } from './params.js';
import type { TcpSetupErrno } from './state.js';
import type { TcpHandlers, TcpSocketOwner } from './socket.js';
import { TcpSocket } from './socket.js';
import { icmpErrno, parseQuoted } from './icmp-err.js';

/** Called when a connection to a listening port completes; returns the handlers for it. */
export type AcceptFn = (sock: TcpSocket) => TcpHandlers;

/** A listening socket (LISTEN on every local address). */
export interface TcpListener {
  readonly port: number;
  /** Stops listening; connections already accepted are unaffected. */
  close(): void;
}

/** Options of connect(). */
export interface ConnectOptions {
  /** Bind this source port instead of an ephemeral one. */
  readonly sport?: number;
  /** Bind this source address (bind(2) before connect(2)); it must be one of the host's addresses. */
  readonly saddr?: Ip4;
}

/**
 * Receives the segments of a claimed 4-tuple (see TcpStack.claim): a program that builds its own
 * TCP segments (a capture replay) and reads the peer's answers, as through a raw socket.
 */
export type ClaimedRcv = (skb: Skb, seg: TcpSegment) => void;

/** The outcome of listen() or connect(): a value, or the errno the call returned. */
export type TcpResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errno: TcpSetupErrno };

class Listener implements TcpListener {
  open = true;
  constructor(
    private readonly stack: TcpStack,
    readonly port: number,
    readonly acceptFn: AcceptFn,
  ) {}

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.stack.unlisten(this);
  }
}

const EMPTY = new Uint8Array(0);
const NO_OPTIONS: readonly TcpOption[] = [];
const NO_IP_OPTIONS = new Uint8Array(0);

/** The TCP layer of one host. Get it with `tcpStack(host)`. */
export class TcpStack implements TcpSocketOwner {
  /** `modprobe toa` on this host: accepted sockets keep the TOA of the third handshake ACK. */
  toaLoaded = false;
  private readonly listeners = new Map<number, Listener>();
  /**
   * Connection table: local (addr, port) → the socket, or, once a second remote shares that local
   * end (a server's accepted sockets), remote (addr, port) → socket. A client with a million
   * connections thus holds no Map per connection.
   */
  private readonly conns = new Map<number, TcpSocket | Map<number, TcpSocket>>();
  /** How many sockets use each local port (listeners included). */
  private readonly portRefs = new Map<number, number>();
  /** Passive sockets still in SYN_RECV, with the listener that will accept them. */
  private readonly pendingAccept = new Map<TcpSocket, Listener>();
  /** TSval offsets by local then remote address, drawn on first use (secure_tcp_ts_off). */
  private readonly tsOffsets = new Map<number, Map<number, number>>();
  /** Linux's port_offset hash for this host (drawn on first use) and its table_perturb bucket. */
  private portOffset: number | undefined;
  private portPerturb = 0;
  /** 4-tuples a replay owns (local (addr, port) → remote (addr, port) → receiver): see claim(). */
  private readonly claims = new Map<number, Map<number, ClaimedRcv>>();

  constructor(readonly host: HostApi) {
    host.addProtocol(IPPROTO_TCP, (skb) => this.rcv(skb));
  }

  // ---------------------------------------------------------------- application calls

  /** listen(): accepts connections to `port` on every local address. */
  listen(port: number, accept: AcceptFn): TcpResult<TcpListener> {
    if (this.listeners.has(port)) return { ok: false, errno: 'EADDRINUSE' };
    const l = new Listener(this, port, accept);
    this.listeners.set(port, l);
    this.portRef(port, 1);
    this.emitListen(port, 'LISTEN');
    return { ok: true, value: l };
  }

  /** connect(): sends a SYN to `dst:dport` from the route's source address. */
  connect(dst: Ip4, dport: number, handlers: TcpHandlers, opts: ConnectOptions = {}): TcpResult<TcpSocket> {
    // bind(2) to an address the host does not have fails with EADDRNOTAVAIL, before any routing.
    if (opts.saddr !== undefined && !this.host.isLocalAddress(opts.saddr)) return { ok: false, errno: 'EADDRNOTAVAIL' };
    const route = this.host.routeOutput(dst, opts.saddr === undefined ? undefined : { src: opts.saddr });
    if (route.type === 'unreachable') return { ok: false, errno: 'ENETUNREACH' };
    const laddr = opts.saddr ?? route.src;
    let lport: number;
    if (opts.sport !== undefined) {
      if (this.lookup(laddr, opts.sport, dst, dport) !== undefined || this.listeners.has(opts.sport)) {
        return { ok: false, errno: 'EADDRINUSE' };
      }
      lport = opts.sport;
    } else {
      const port = this.pickEphemeral();
      if (port === undefined) return { ok: false, errno: 'EADDRNOTAVAIL' };
      lport = port;
    }
    const sim = this.host.sim;
    const sock = new TcpSocket(
      this,
      {
        laddr,
        lport,
        raddr: dst,
        rport: dport,
        flow: sim.nextFlowId(),
        advMss: advMssOf(route.mtu),
        iss: sim.randomInt(0, 0xffff_ffff),
        tsOffset: this.tsOffset(laddr, dst),
        ipId: sim.randomInt(0, 0xffff),
      },
      false,
    );
    sock.handlers = handlers;
    this.hash(sock);
    sock.startConnect();
    return { ok: true, value: sock };
  }

  /**
   * Hands the segments of one 4-tuple that no socket owns to `rcv` instead of answering them with
   * a RST: what tcpliveplay gets on a real host from a raw socket plus an iptables OUTPUT rule that
   * drops the kernel's RSTs. The local port counts as used while claimed (connect() skips it).
   * Returns the release function.
   */
  claim(laddr: Ip4, lport: number, raddr: Ip4, rport: number, rcv: ClaimedRcv): () => void {
    const local = laddr * 65536 + lport;
    const remote = raddr * 65536 + rport;
    let byRemote = this.claims.get(local);
    if (byRemote === undefined) {
      byRemote = new Map();
      this.claims.set(local, byRemote);
    }
    byRemote.set(remote, rcv);
    this.portRef(lport, 1);
    return () => {
      const m = this.claims.get(local);
      if (m?.get(remote) !== rcv) return;
      m.delete(remote);
      if (m.size === 0) this.claims.delete(local);
      this.portRef(lport, -1);
    };
  }

  /** The socket of a 4-tuple, if any. */
  lookup(laddr: Ip4, lport: number, raddr: Ip4, rport: number): TcpSocket | undefined {
    const at = this.conns.get(laddr * 65536 + lport);
    if (at === undefined) return undefined;
    if (at instanceof TcpSocket) return at.raddr === raddr && at.rport === rport ? at : undefined;
    return at.get(raddr * 65536 + rport);
  }

  /** Every connection socket, in creation order (for `ss`-style views). */
  sockets(): TcpSocket[] {
    const out: TcpSocket[] = [];
    for (const at of this.conns.values()) {
      if (at instanceof TcpSocket) out.push(at);
      else for (const s of at.values()) out.push(s);
    }
    return out;
  }

  /** The listening ports, in the order they were opened. */
  listeningPorts(): number[] {
    return [...this.listeners.keys()];
  }

  /** The host crashed: every socket and listener vanishes without a packet or a trace event. */
  flush(): void {
    for (const s of this.sockets()) s.destroy();
    this.conns.clear();
    this.listeners.clear();
    this.claims.clear();
    this.portRefs.clear();
    this.pendingAccept.clear();
  }

  // ---------------------------------------------------------------- input

  /** tcp_v4_rcv: a segment delivered to this host. */
  rcv(skb: Skb): void {
    const ip = skb.ip;
    const seg = ip.payload;
    if (seg.layer !== 'tcp') {
      this.host.drop(skb, msg('tcp.drop.notTcp'));
      return;
    }
    const sock = this.lookup(ip.dst, seg.dport, ip.src, seg.sport);
    if (sock !== undefined) {
      sock.input(seg, skb);
      return;
    }
    const claimed = this.claims.get(ip.dst * 65536 + seg.dport)?.get(ip.src * 65536 + seg.sport);
    if (claimed !== undefined) {
      claimed(skb, seg);
      return;
    }
    const l = this.listeners.get(seg.dport);
    if (l !== undefined) {
      this.listenInput(l, skb, seg);
      return;
    }
    if ((seg.flags & TCP_RST) !== 0) {
      this.host.drop(skb, msg('tcp.drop.noSocketRst', { port: seg.dport }));
      return;
    }
    this.sendReset(skb, seg);
    this.host.drop(skb, msg('tcp.drop.noSocket', { port: seg.dport, peer: `${formatIp4(ip.src)}:${seg.sport}` }));
  }

  /** RFC 9293 §3.10.7.2: a segment for a listening port. */
  private listenInput(l: Listener, skb: Skb, seg: TcpSegment, isn?: number): void {
    const flags = seg.flags;
    if ((flags & TCP_RST) !== 0) {
      this.host.drop(skb, msg('tcp.drop.listenRst', { port: seg.dport }));
      return;
    }
    if ((flags & TCP_ACK) !== 0) {
      this.sendReset(skb, seg);
      this.host.drop(skb, msg('tcp.drop.listenAck', { port: seg.dport }));
      return;
    }
    if ((flags & TCP_SYN) === 0) {
      this.host.drop(skb, msg('tcp.drop.listenNoSyn', { port: seg.dport }));
      return;
    }
    const ip = skb.ip;
    const route = this.host.routeOutput(ip.src, { src: ip.dst });
    if (route.type === 'unreachable') {
      this.host.drop(skb, msg('tcp.drop.noRoute'));
      return;
    }
    const sim = this.host.sim;
    const sock = new TcpSocket(
      this,
      {
        laddr: ip.dst,
        lport: seg.dport,
        raddr: ip.src,
        rport: seg.sport,
        flow: skb.flow,
        advMss: advMssOf(route.mtu),
        iss: isn ?? sim.randomInt(0, 0xffff_ffff),
        tsOffset: this.tsOffset(ip.dst, ip.src),
        ipId: sim.randomInt(0, 0xffff),
      },
      true,
    );
    this.hash(sock);
    this.pendingAccept.set(sock, l);
    sock.startPassive(seg, parseSynOptions(seg.options));
  }

  /**
   * tcp_v4_err: an ICMP error (destination unreachable, time exceeded, parameter problem) whose
   * quoted packet is one of our TCP segments. The host's ICMP layer calls this.
   */
  icmpError(icmp: IcmpMessage): void {
    if (icmp.kind !== 'unreach' && icmp.kind !== 'timeExceeded' && icmp.kind !== 'other') return;
    const type = icmp.kind === 'unreach' ? 3 : icmp.kind === 'timeExceeded' ? 11 : icmp.type;
    const original = icmp.kind === 'other' ? icmp.data : icmp.original;
    const q = parseQuoted(original);
    if (q === undefined || q.protocol !== IPPROTO_TCP) return;
    const e = icmpErrno(type, icmp.code);
    if (e === undefined) return;
    const sock = this.lookup(q.src, q.sport, q.dst, q.dport);
    if (sock === undefined) return;
    if (icmp.kind === 'unreach' && icmp.code === ICMP_FRAG_NEEDED) {
      // RFC 1191 path MTU discovery (net.ipv4.ip_no_pmtu_disc = 0: the MTU the error carries).
      sock.mtuReduced(icmp.nextHopMtu, q.seq);
      return;
    }
    sock.icmpError(e.errno, e.fatal, q.seq, msg('tcp.closed.icmp', { type, code: icmp.code, errno: e.errno }));
  }

  // ---------------------------------------------------------------- TcpSocketOwner

  accept(sock: TcpSocket): TcpHandlers | undefined {
    const l = this.pendingAccept.get(sock);
    this.pendingAccept.delete(sock);
    if (l === undefined || !l.open) return undefined;
    return l.acceptFn(sock);
  }

  unhash(sock: TcpSocket): void {
    const local = sock.laddr * 65536 + sock.lport;
    const at = this.conns.get(local);
    if (at === undefined) return;
    if (at instanceof TcpSocket) {
      if (at.raddr !== sock.raddr || at.rport !== sock.rport) return;
      this.conns.delete(local);
    } else {
      if (!at.delete(sock.raddr * 65536 + sock.rport)) return;
      if (at.size === 0) this.conns.delete(local);
    }
    this.pendingAccept.delete(sock);
    this.portRef(sock.lport, -1);
  }

  reopen(skb: Skb, seg: TcpSegment, isn: number): void {
    const l = this.listeners.get(seg.dport);
    if (l !== undefined) {
      this.listenInput(l, skb, seg, isn);
      return;
    }
    this.sendReset(skb, seg);
    this.host.drop(skb, msg('tcp.drop.noSocket', { port: seg.dport, peer: `${formatIp4(skb.ip.src)}:${seg.sport}` }));
  }

  /**
   * RFC 9293 §3.10.7.1: if the segment has ACK, <SEQ=SEG.ACK><CTL=RST>; otherwise
   * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. Never in answer to a RST. Sent from the
   * control socket: no options, window 0, IP ID 0 with DF.
   */
  sendReset(skb: Skb, seg: TcpSegment): void {
    if ((seg.flags & TCP_RST) !== 0) return;
    const hasAck = (seg.flags & TCP_ACK) !== 0;
    const segLen = seg.payload.length + ((seg.flags & TCP_SYN) !== 0 ? 1 : 0) + ((seg.flags & TCP_FIN) !== 0 ? 1 : 0);
    const rst: TcpSegment = {
      layer: 'tcp',
      sport: seg.dport,
      dport: seg.sport,
      seq: hasAck ? seg.ack : 0,
      ack: hasAck ? 0 : seqAdd(seg.seq, segLen),
      flags: hasAck ? TCP_RST : TCP_RST | TCP_ACK,
      window: 0,
      urgent: 0,
      options: NO_OPTIONS,
      payload: EMPTY,
    };
    const ip: Ipv4Packet = {
      layer: 'ipv4',
      tos: 0,
      id: 0,
      df: true,
      mf: false,
      fragOffset: 0,
      ttl: IP_DEFAULT_TTL,
      protocol: IPPROTO_TCP,
      src: skb.ip.dst,
      dst: skb.ip.src,
      options: NO_IP_OPTIONS,
      payload: rst,
    };
    this.host.ipQueueXmit(this.host.newSkb(ip, skb.flow));
  }

  // ---------------------------------------------------------------- tables

  /** Called by a Listener's close(). */
  unlisten(l: Listener): void {
    if (this.listeners.get(l.port) !== l) return;
    this.listeners.delete(l.port);
    this.portRef(l.port, -1);
    this.emitListen(l.port, 'CLOSED');
  }

  private hash(sock: TcpSocket): void {
    const local = sock.laddr * 65536 + sock.lport;
    const at = this.conns.get(local);
    if (at === undefined) this.conns.set(local, sock);
    else if (at instanceof TcpSocket) {
      const byRemote = new Map<number, TcpSocket>([[at.raddr * 65536 + at.rport, at]]);
      byRemote.set(sock.raddr * 65536 + sock.rport, sock);
      this.conns.set(local, byRemote);
    } else at.set(sock.raddr * 65536 + sock.rport, sock);
    this.portRef(sock.lport, 1);
  }

  private portRef(port: number, delta: number): void {
    const n = (this.portRefs.get(port) ?? 0) + delta;
    if (n <= 0) this.portRefs.delete(port);
    else this.portRefs.set(port, n);
  }

  /**
   * __inet_hash_connect: start at this host's offset plus the perturbation, try even ports
   * stepping by two (bind(0) takes the odd ones), then odd ports. After a success the
   * perturbation grows by i + 2 where i is at least a random even number below 16.
   */
  private pickEphemeral(): number | undefined {
    const range = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
    const sim = this.host.sim;
    if (this.portOffset === undefined) this.portOffset = sim.randomInt(0, range - 1);
    const offset = ((this.portOffset + this.portPerturb) % range) & ~1;
    for (let parity = 0; parity < 2; parity++) {
      for (let i = 0; i < range; i += 2) {
        const port = EPHEMERAL_LOW + ((offset + parity + i) % range);
        if (this.portRefs.has(port)) continue;
        const step = Math.max(i, 2 * sim.randomInt(0, 7));
        this.portPerturb = (this.portPerturb + step + 2) % range;
        return port;
      }
    }
    return undefined;
  }

  /**
   * Linux gives every (saddr, daddr) pair its own random TSval offset (since 4.11), so a pair's
   * timestamps keep growing across connections, which TIME_WAIT reuse relies on.
   */
  private tsOffset(laddr: Ip4, raddr: Ip4): number {
    let byRemote = this.tsOffsets.get(laddr);
    if (byRemote === undefined) {
      byRemote = new Map();
      this.tsOffsets.set(laddr, byRemote);
    }
    let off = byRemote.get(raddr);
    if (off === undefined) {
      off = this.host.sim.randomInt(0, 0xffff_ffff);
      byRemote.set(raddr, off);
    }
    return off;
  }

  private emitListen(port: number, state: 'LISTEN' | 'CLOSED'): void {
    this.host.emit({
      kind: 'sock',
      laddr: 0,
      lport: port,
      raddr: 0,
      rport: 0,
      state,
      msg: msg(state === 'LISTEN' ? 'tcp.state.listen' : 'tcp.closed.listen', { lport: port }),
    });
  }
}

/** Linux's advmss: the route MTU (at most IP_MAX_MTU 65535) minus 40 bytes of IP and TCP header. */
function advMssOf(mtu: number): number {
  return Math.min(mtu, 65535) - 40;
}

const stacks = new WeakMap<HostApi, TcpStack>();

/**
 * The TCP layer of `host`, created (and registered as IP protocol 6) on first use. The host
 * builder should call it for every host so that a SYN to a closed port gets its RST.
 */
export function tcpStack(host: HostApi): TcpStack {
  let s = stacks.get(host);
  if (s === undefined) {
    s = new TcpStack(host);
    stacks.set(host, s);
  }
  return s;
}
