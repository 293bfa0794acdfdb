/**
 * One TCP connection (a TCB, RFC 9293 §3.3.1): the state machine of RFC 9293 §3.10 with Linux's
 * choices (tcp_input.c, tcp_output.c, tcp_timer.c, tcp_minisocks.c). Simplified for a lab: no
 * congestion control (the sender fills the peer's window), no Nagle, no SACK blocks or fast
 * retransmit (SACK-permitted is only negotiated), no out-of-order queue (a gap gets a duplicate ACK
 * and waits for the RTO), a fixed receive window (largest multiple of our MSS ≤ 65535: 64240 for
 * MSS 1460) offered with window scale 7, no PAWS, urgent data, keepalive or persist timer.
 */
import type { Ip4 } from '../wire/addr.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../wire/packet.js';
import { IPPROTO_TCP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../wire/packet.js';
import type { HostApi, Skb } from '../types.js';
import { MS } from '../types.js';
import { msg } from '../../i18n/message.js';
import type { Msg } from '../../i18n/message.js';
import { seqAdd, seqDiff, seqGeq, seqGt, seqLeq, seqLt } from './seq.js';
import type { PeerSynOptions } from './options.js';
import { parseSynOptions, synOptions, timestampOf, timestampOptions } from './options.js';
import {
  IP_DEFAULT_TTL,
  TCP_DELACK_MIN,
  TCP_FIN_TIMEOUT,
  TCP_MAX_QUICKACKS,
  TCP_MIN_SND_MSS,
  TCP_MSS_DEFAULT,
  TCP_RETRIES2,
  TCP_RTO_MAX,
  TCP_RTO_MIN,
  TCP_SYNACK_RETRIES,
  TCP_SYN_RETRIES,
  TCP_TIMEOUT_INIT,
  TCP_TIMEWAIT_LEN,
  TCP_WSCALE,
  TCPOLEN_TSTAMP_ALIGNED,
} from './params.js';
import type { TcpErrno, TcpState } from './state.js';
import { SockTimer } from './timer.js';
import { pmtuTable } from '../pmtu.js';
import { formatIp4 } from '../wire/addr.js';

/** What the application is told about its connection. Every callback is optional. */
export interface TcpHandlers {
  /** The handshake completed (connect() returned, or accept() returned this socket). */
  connected?(sock: TcpSocket): void;
  /** In-order bytes arrived (a view into the segment's payload: no copy). */
  data?(sock: TcpSocket, data: Uint8Array): void;
  /** The peer's FIN: it will send nothing more (read() returns 0). */
  end?(sock: TcpSocket): void;
  /** The connection failed or was reset; the socket is CLOSED. */
  error?(sock: TcpSocket, errno: TcpErrno): void;
  /** The socket reached CLOSED (after TIME_WAIT, LAST_ACK, or an error). */
  closed?(sock: TcpSocket): void;
}

/** What a socket needs from its per-host stack (implemented by TcpStack). */
export interface TcpSocketOwner {
  readonly host: HostApi;
  /** Removes the socket from the connection table (and frees its port). */
  unhash(sock: TcpSocket): void;
  /** A passive socket completed its handshake: the listener's accept() hands it to the app. */
  accept(sock: TcpSocket): TcpHandlers | undefined;
  /** Sends a RST for a segment no socket wants (tcp_v4_send_reset). */
  sendReset(skb: Skb, seg: TcpSegment): void;
  /** The FULLNAT `toa` module is loaded (it hooks tcp_v4_syn_recv_sock and inet getname). */
  readonly toaLoaded: boolean;
  /** A SYN reopens a TIME_WAIT pair: hand it to the listener as a new connection. */
  reopen(skb: Skb, seg: TcpSegment, isn: number): void;
}

/** The parameters fixed when a socket is created. */
export interface TcpSocketInit {
  readonly laddr: Ip4;
  readonly lport: number;
  readonly raddr: Ip4;
  readonly rport: number;
  readonly flow: number;
  /** Our MSS option: the route MTU − 40. */
  readonly advMss: number;
  readonly iss: number;
  /** TSval offset (Linux tsoffset: random per address pair, secure_tcp_ts_off). */
  readonly tsOffset: number;
  /** First IP ID of the full socket (Linux inet_id, random). */
  readonly ipId: number;
}

/** A sent, not yet acknowledged segment (an skb on the retransmission queue). */
interface RtxSegment {
  readonly seq: number;
  /** seq + payload length + SYN + FIN. */
  readonly end: number;
  readonly flags: number;
  readonly payload: Uint8Array;
  sentAt: number;
  retransmitted: boolean;
}

/** One write() not yet fully sent; segments never span two writes. */
interface SendChunk {
  readonly data: Uint8Array;
  off: number;
}

const EMPTY = new Uint8Array(0);
const NO_OPTIONS: readonly TcpOption[] = [];
const NO_IP_OPTIONS = new Uint8Array(0);
/** The handlers of a socket no application has claimed yet (shared, never written). */
const NO_HANDLERS: TcpHandlers = Object.freeze({});
/** The empty queues every socket shares: replaced by an array of its own before a push. */
const NO_RTX: RtxSegment[] = [];
const NO_CHUNKS: SendChunk[] = [];

/** A TCP socket: connection state plus the application's handlers. */
export class TcpSocket {
  state: TcpState = 'CLOSED';
  handlers: TcpHandlers = NO_HANDLERS;

  // Addresses and sequence numbers are unsigned 32-bit values kept as int32 (`| 0`, read back with
  // `>>> 0`): V8 then stores them in the object as small integers, not as a boxed double each
  // (16 bytes apiece, ~11 per socket): a million held connections are two million sockets.
  private readonly laddr32: number;
  readonly lport: number;
  private readonly raddr32: number;
  readonly rport: number;
  readonly flow: number;

  /** Send sequence space (RFC 9293 §3.3.1). */
  private readonly iss32: number;
  private sndUna32: number;
  private sndNxt32: number;
  sndWnd = 0;
  private sndWl1_32 = 0;
  private sndWl2_32 = 0;
  private sndWscale = 0;

  /** Receive sequence space. */
  private irs32 = 0;
  private rcvNxt32 = 0;
  readonly rcvWnd: number;
  private rcvWscale = TCP_WSCALE;

  readonly advMss: number;
  /** Payload bytes per full-sized segment we send (negotiated MSS − option bytes). */
  sndMss: number;
  private rcvMss: number;
  /** The peer's MSS option (Linux rx_opt.mss_clamp): no segment's payload + options exceeds it. */
  private mssClamp = TCP_MSS_DEFAULT;
  /** The path MTU the MSS was last computed for (Linux icsk_pmtu_cookie). */
  private pmtuCookie: number;

  /** Negotiated options. */
  tsOk = true;
  sackOk = true;
  private readonly tsOffset32: number;
  private tsRecent32 = 0;

  private ipId: number;
  /** Both queues share one empty array until something is queued, and go back to it when drained. */
  private rtxQueue: RtxSegment[] = NO_RTX;
  private sendQueue: SendChunk[] = NO_CHUNKS;
  /** The application called close(): a FIN follows the queued data. */
  private finQueued = false;
  private finSent = false;
  /** The application has let go of the socket (close() or abort()): no more callbacks but closed. */
  private orphan = false;

  private rto = TCP_TIMEOUT_INIT;
  private srtt: number | undefined;
  private rttvar = 0;
  private retries = 0;
  /** After an RTO: segments below this were sent before the timeout and are resent one per ACK. */
  private recover: number | undefined;

  /** Delayed-ACK state (Linux icsk_ack). */
  private quickAcks = TCP_MAX_QUICKACKS;
  private pingpong = false;
  private lastDataRcvAt: number | undefined;
  private ackPending = false;
  private unackedBytes = 0;

  /** For a passive socket: the peer's SYN options, to build (and rebuild) the SYN-ACK. */
  private peerSyn: PeerSynOptions | undefined;
  readonly passive: boolean;

  bytesSent = 0;
  bytesReceived = 0;
  /** toa.ko's sk_user_data: the TOA option of the ACK that completed the handshake, if any. */
  toa: { readonly addr: Ip4; readonly port: number } | undefined;

  /**
   * The timers exist only while armed (created by the arm* methods, dropped when stopped): an idle
   * connection holds none, as an idle kernel socket has none pending.
   */
  private rtxTimer: SockTimer | undefined;
  private delackTimer: SockTimer | undefined;
  /** TIME_WAIT and the FIN_WAIT2 timeout. */
  private waitTimer: SockTimer | undefined;

  constructor(
    private readonly owner: TcpSocketOwner,
    init: TcpSocketInit,
    passive: boolean,
  ) {
    this.laddr32 = init.laddr | 0;
    this.lport = init.lport;
    this.raddr32 = init.raddr | 0;
    this.rport = init.rport;
    this.flow = init.flow;
    this.advMss = init.advMss;
    this.iss32 = init.iss | 0;
    this.sndUna32 = init.iss | 0;
    this.sndNxt32 = init.iss | 0;
    this.tsOffset32 = init.tsOffset | 0;
    this.ipId = init.ipId;
    this.passive = passive;
    this.rcvWnd = Math.floor(65535 / init.advMss) * init.advMss;
    this.sndMss = Math.min(init.advMss, TCP_MSS_DEFAULT);
    this.rcvMss = this.sndMss;
    this.pmtuCookie = init.advMss + 40;
  }

  get laddr(): Ip4 {
    return this.laddr32 >>> 0;
  }

  get raddr(): Ip4 {
    return this.raddr32 >>> 0;
  }

  /** Initial send sequence number. */
  get iss(): number {
    return this.iss32 >>> 0;
  }

  /** SND.UNA: the oldest unacknowledged sequence number. */
  get sndUna(): number {
    return this.sndUna32 >>> 0;
  }

  set sndUna(v: number) {
    this.sndUna32 = v | 0;
  }

  /** SND.NXT: the next sequence number to send. */
  get sndNxt(): number {
    return this.sndNxt32 >>> 0;
  }

  set sndNxt(v: number) {
    this.sndNxt32 = v | 0;
  }

  /** IRS: the peer's initial sequence number. */
  get irs(): number {
    return this.irs32 >>> 0;
  }

  set irs(v: number) {
    this.irs32 = v | 0;
  }

  /** RCV.NXT: the next sequence number expected. */
  get rcvNxt(): number {
    return this.rcvNxt32 >>> 0;
  }

  set rcvNxt(v: number) {
    this.rcvNxt32 = v | 0;
  }

  private get sndWl1(): number {
    return this.sndWl1_32 >>> 0;
  }

  private set sndWl1(v: number) {
    this.sndWl1_32 = v | 0;
  }

  private get sndWl2(): number {
    return this.sndWl2_32 >>> 0;
  }

  private set sndWl2(v: number) {
    this.sndWl2_32 = v | 0;
  }

  private get tsOffset(): number {
    return this.tsOffset32 >>> 0;
  }

  private get tsRecent(): number {
    return this.tsRecent32 >>> 0;
  }

  private set tsRecent(v: number) {
    this.tsRecent32 = v | 0;
  }

  // ---------------------------------------------------------------- application calls

  /**
   * getpeername(): the remote address and port, or, with the toa module loaded and a TOA option
   * in the handshake-completing ACK, the client address and port that option carried.
   */
  peerName(): { readonly addr: Ip4; readonly port: number } {
    return this.toa ?? { addr: this.raddr, port: this.rport };
  }

  /** Queues bytes to send (write()); false when the socket can no longer send. */
  send(data: Uint8Array): boolean {
    if (this.finQueued || this.orphan) return false;
    if (this.state !== 'SYN_SENT' && this.state !== 'SYN_RECV' && this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT') {
      return false;
    }
    if (data.length === 0) return true;
    if (this.sendQueue === NO_CHUNKS) this.sendQueue = [];
    this.sendQueue.push({ data, off: 0 });
    if (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT') this.output();
    return true;
  }

  /** close(): an orderly close; the FIN follows the queued data (tcp_close). */
  close(): void {
    if (this.orphan) return;
    this.orphan = true;
    switch (this.state) {
      case 'SYN_SENT':
        this.terminate(msg('tcp.closed.app'));
        return;
      case 'SYN_RECV':
        // The FIN waits for the handshake to complete (see the SYN_RECV → ESTABLISHED step).
        this.finQueued = true;
        return;
      case 'ESTABLISHED':
        this.finQueued = true;
        this.setState('FIN_WAIT1', msg('tcp.state.finWait1'));
        this.output();
        return;
      case 'CLOSE_WAIT':
        this.finQueued = true;
        this.setState('LAST_ACK', msg('tcp.state.lastAck'));
        this.output();
        return;
      case 'CLOSED':
      case 'LISTEN':
      case 'FIN_WAIT1':
      case 'FIN_WAIT2':
      case 'CLOSING':
      case 'LAST_ACK':
      case 'TIME_WAIT':
        return;
    }
  }

  /** Aborts with a RST (close() with SO_LINGER 0, tcp_disconnect). */
  abort(): void {
    if (this.state === 'CLOSED' || this.state === 'TIME_WAIT') return;
    this.orphan = true;
    if (this.state !== 'SYN_SENT') this.xmit(this.sndNxt, TCP_RST | TCP_ACK, EMPTY, NO_OPTIONS);
    this.terminate(msg('tcp.closed.abort'));
  }

  /** The number of bytes queued but not yet sent. */
  get unsentBytes(): number {
    let n = 0;
    for (const c of this.sendQueue) n += c.data.length - c.off;
    return n;
  }

  // ---------------------------------------------------------------- opening

  /** Active open: sends the SYN (tcp_connect). */
  startConnect(): void {
    this.setState('SYN_SENT', msg('tcp.state.synSent', { lport: this.lport }));
    this.sndNxt = seqAdd(this.iss, 1);
    this.queueAndSend(this.iss, TCP_SYN, EMPTY);
  }

  /** Passive open: answers the peer's SYN with a SYN-ACK (tcp_conn_request). */
  startPassive(seg: TcpSegment, peer: PeerSynOptions): void {
    this.peerSyn = peer;
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    this.negotiate(peer);
    if (peer.tsval !== undefined) this.tsRecent = peer.tsval;
    this.setState('SYN_RECV', msg('tcp.state.synRecv', { lport: this.lport }));
    this.sndNxt = seqAdd(this.iss, 1);
    this.queueAndSend(this.iss, TCP_SYN | TCP_ACK, EMPTY);
  }

  /** Applies what the peer's SYN or SYN-ACK offered (MSS, timestamps, SACK, window scale). */
  private negotiate(peer: PeerSynOptions): void {
    this.tsOk = peer.tsval !== undefined;
    this.sackOk = peer.sackPermitted;
    if (peer.wscale !== undefined) {
      this.sndWscale = peer.wscale;
      this.rcvWscale = TCP_WSCALE;
    } else {
      this.sndWscale = 0;
      this.rcvWscale = 0;
    }
    this.mssClamp = peer.mss ?? TCP_MSS_DEFAULT;
    const mss = Math.min(this.mssClamp, this.advMss);
    this.sndMss = mss - (this.tsOk ? TCPOLEN_TSTAMP_ALIGNED : 0);
    this.rcvMss = this.sndMss;
  }

  // ---------------------------------------------------------------- input

  /** A segment for this connection (tcp_rcv_state_process). */
  input(seg: TcpSegment, skb: Skb): void {
    switch (this.state) {
      case 'SYN_SENT':
        this.synSentInput(seg, skb);
        return;
      case 'TIME_WAIT':
        this.timeWaitInput(seg, skb);
        return;
      case 'CLOSED':
      case 'LISTEN':
        this.owner.host.drop(skb, msg('tcp.drop.closed'));
        return;
      case 'SYN_RECV':
      case 'ESTABLISHED':
      case 'FIN_WAIT1':
      case 'FIN_WAIT2':
      case 'CLOSE_WAIT':
      case 'CLOSING':
      case 'LAST_ACK':
        this.syncInput(seg, skb);
        return;
    }
  }

  /** RFC 9293 §3.10.7.3: the answer to our SYN. */
  private synSentInput(seg: TcpSegment, skb: Skb): void {
    const host = this.owner.host;
    const flags = seg.flags;
    const hasAck = (flags & TCP_ACK) !== 0;
    if (hasAck && (seqLeq(seg.ack, this.iss) || seqGt(seg.ack, this.sndNxt))) {
      if ((flags & TCP_RST) === 0) this.owner.sendReset(skb, seg);
      host.drop(skb, msg('tcp.drop.badAck', { ack: seg.ack }));
      return;
    }
    if ((flags & TCP_RST) !== 0) {
      if (hasAck) this.fail('ECONNREFUSED', msg('tcp.closed.refused'));
      else host.drop(skb, msg('tcp.drop.rstNoAck'));
      return;
    }
    if ((flags & TCP_SYN) === 0) {
      host.drop(skb, msg('tcp.drop.noSyn'));
      return;
    }
    const peer = parseSynOptions(seg.options);
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    this.negotiate(peer);
    if (peer.tsval !== undefined) this.tsRecent = peer.tsval;
    if (!hasAck) {
      // Simultaneous open (RFC 9293 Figure 8): answer with SYN-ACK, same ISS.
      this.peerSyn = peer;
      this.setState('SYN_RECV', msg('tcp.state.synRecvSimultaneous'));
      this.rtxQueue = NO_RTX;
      this.queueAndSend(this.iss, TCP_SYN | TCP_ACK, EMPTY);
      return;
    }
    this.ackAdvanced(seg);
    this.sndWnd = seg.window; // never scaled in a SYN-ACK (RFC 7323 §2.2)
    this.sndWl1 = seg.seq;
    this.sndWl2 = seg.ack;
    this.setState('ESTABLISHED', msg('tcp.state.establishedActive'));
    // Linux acknowledges the SYN-ACK at once (tcp_rcv_synsent_state_process → tcp_send_ack).
    this.sendAck();
    this.handlers.connected?.(this);
    this.output();
  }

  /**
   * TIME_WAIT (tcp_timewait_state_process): a bare ACK or RST exactly at rcv.nxt is absorbed (the
   * RST ends TIME_WAIT: tcp_rfc1337 = 0); a new SYN with a higher sequence number or a newer
   * timestamp reopens the pair (RFC 1122 §4.2.2.13) with ISN = our snd.nxt + 65537; anything else
   * (a retransmitted FIN, an old SYN) is answered with an ACK. ACKs restart the 60 s.
   */
  private timeWaitInput(seg: TcpSegment, skb: Skb): void {
    const host = this.owner.host;
    const flags = seg.flags;
    const rst = (flags & TCP_RST) !== 0;
    const segLen = seg.payload.length + ((flags & TCP_SYN) !== 0 ? 1 : 0) + ((flags & TCP_FIN) !== 0 ? 1 : 0);
    if (seg.seq === this.rcvNxt && (segLen === 0 || rst)) {
      if (rst) {
        this.terminate(msg('tcp.closed.timeWaitRst'));
        return;
      }
      this.armWait(TCP_TIMEWAIT_LEN);
      host.drop(skb, msg('tcp.drop.timeWait'));
      return;
    }
    if ((flags & (TCP_SYN | TCP_ACK | TCP_RST)) === TCP_SYN) {
      const ts = this.tsOk ? timestampOf(seg.options) : undefined;
      if (seqGt(seg.seq, this.rcvNxt) || (ts !== undefined && seqDiff(ts.tsval, this.tsRecent) > 0)) {
        const isn = seqAdd(this.sndNxt, 65535 + 2);
        this.terminate(msg('tcp.closed.timeWaitReuse'));
        this.owner.reopen(skb, seg, isn);
        return;
      }
    }
    if (!rst) {
      if ((flags & TCP_ACK) !== 0) this.armWait(TCP_TIMEWAIT_LEN);
      this.sendAck();
      if ((flags & TCP_FIN) !== 0 && seqAdd(seg.seq, seg.payload.length + 1) === this.rcvNxt) return; // retransmitted FIN, answered
    }
    host.drop(skb, msg('tcp.drop.timeWait'));
  }

  /** RFC 9293 §3.10.7.4: SYN_RECV and the synchronized states. */
  private syncInput(seg: TcpSegment, skb: Skb): void {
    const host = this.owner.host;
    const flags = seg.flags;
    const dataLen = seg.payload.length;

    if (this.state === 'SYN_RECV' && (flags & (TCP_SYN | TCP_ACK | TCP_RST)) === TCP_SYN && seg.seq === this.irs) {
      // Our SYN-ACK was lost and the peer resent its SYN: resend the SYN-ACK (tcp_check_req).
      const head = this.rtxQueue[0];
      if (head !== undefined) this.retransmit(head);
      return;
    }

    if (
      this.state === 'SYN_RECV' &&
      !this.passive &&
      (flags & (TCP_SYN | TCP_ACK | TCP_RST)) === (TCP_SYN | TCP_ACK) &&
      seqAdd(seg.seq, 1) === this.rcvNxt &&
      seg.ack === this.sndNxt
    ) {
      // Simultaneous open: the peer's SYN-ACK completes our handshake (tcp_validate_incoming).
      this.sndWnd = seg.window;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      this.ackAdvanced(seg);
      this.setState('ESTABLISHED', msg('tcp.state.establishedActive'));
      this.handlers.connected?.(this);
      this.output();
      return;
    }

    // 1. Sequence number check.
    const segLen = dataLen + ((flags & TCP_SYN) !== 0 ? 1 : 0) + ((flags & TCP_FIN) !== 0 ? 1 : 0);
    if (!this.acceptable(seg.seq, segLen)) {
      if ((flags & TCP_RST) === 0) this.sendAck();
      host.drop(skb, msg('tcp.drop.outOfWindow', { seq: seg.seq, rcvNxt: this.rcvNxt }));
      return;
    }
    const ts = this.tsOk ? timestampOf(seg.options) : undefined;
    if (ts !== undefined && seqLeq(seg.seq, this.rcvNxt)) this.tsRecent = ts.tsval;

    // 2. RST (with RFC 5961 §3.2: only an exact match resets; in-window gets a challenge ACK).
    if ((flags & TCP_RST) !== 0) {
      if (seg.seq !== this.rcvNxt) {
        this.sendAck();
        host.drop(skb, msg('tcp.drop.challengeAck'));
        return;
      }
      this.resetReceived();
      return;
    }

    // 4. SYN in a synchronized state: challenge ACK (RFC 5961 §4).
    if ((flags & TCP_SYN) !== 0) {
      this.sendAck();
      host.drop(skb, msg('tcp.drop.challengeAck'));
      return;
    }

    // 5. ACK.
    if ((flags & TCP_ACK) === 0) {
      host.drop(skb, msg('tcp.drop.noAck'));
      return;
    }
    if (this.state === 'SYN_RECV') {
      if (!(seqGt(seg.ack, this.sndUna) && seqLeq(seg.ack, this.sndNxt))) {
        this.owner.sendReset(skb, seg);
        host.drop(skb, msg('tcp.drop.badAck', { ack: seg.ack }));
        return;
      }
      this.sndWnd = seg.window << this.sndWscale;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      this.ackAdvanced(seg);
      if (this.passive && this.owner.toaLoaded) this.toa = toaOf(seg);
      this.peerSyn = undefined; // no SYN-ACK will be sent again
      this.setState('ESTABLISHED', msg(this.passive ? 'tcp.state.establishedPassive' : 'tcp.state.establishedActive'));
      if (this.finQueued) {
        this.setState('FIN_WAIT1', msg('tcp.state.finWait1'));
        this.output();
      } else {
        if (this.passive) {
          const handlers = this.owner.accept(this);
          if (handlers !== undefined) this.handlers = handlers;
        }
        this.handlers.connected?.(this);
      }
    } else {
      if (seqGt(seg.ack, this.sndNxt)) {
        this.sendAck();
        host.drop(skb, msg('tcp.drop.ackUnsent', { ack: seg.ack, sndNxt: this.sndNxt }));
        return;
      }
      if (seqGt(seg.ack, this.sndUna)) this.ackAdvanced(seg);
      if (seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && seqLeq(this.sndWl2, seg.ack))) {
        this.sndWnd = seg.window << this.sndWscale;
        this.sndWl1 = seg.seq;
        this.sndWl2 = seg.ack;
      }
    }
    if (this.finSent && this.sndUna === this.sndNxt) {
      switch (this.state) {
        case 'FIN_WAIT1':
          this.setState('FIN_WAIT2', msg('tcp.state.finWait2'));
          if (this.orphan) this.armWait(TCP_FIN_TIMEOUT);
          break;
        case 'CLOSING':
          this.enterTimeWait();
          return;
        case 'LAST_ACK':
          this.terminate(msg('tcp.closed.lastAck'));
          return;
        default:
          break;
      }
    }

    // 7. Segment text.
    let delivered: Uint8Array | undefined;
    if (dataLen > 0) {
      if (this.state !== 'ESTABLISHED' && this.state !== 'FIN_WAIT1' && this.state !== 'FIN_WAIT2') {
        host.drop(skb, msg('tcp.drop.dataAfterFin'));
        return;
      }
      const skip = seqDiff(this.rcvNxt, seg.seq);
      if (this.orphan && skip < dataLen) {
        // New data for a socket the application has closed: Linux answers with a RST and
        // drops the connection (tcp_rcv_state_process, LINUX_MIB_TCPABORTONDATA).
        this.owner.sendReset(skb, seg);
        this.terminate(msg('tcp.closed.dataAfterClose'));
        return;
      }
      if (skip < 0) {
        this.sendAck();
        host.drop(skb, msg('tcp.drop.outOfOrder', { seq: seg.seq, rcvNxt: this.rcvNxt }));
        return;
      }
      const take = Math.min(dataLen - skip, this.rcvWnd);
      delivered = skip === 0 && take === dataLen ? seg.payload : seg.payload.subarray(skip, skip + take);
      this.rcvNxt = seqAdd(this.rcvNxt, take);
      this.bytesReceived += take;
      this.unackedBytes += take;
      this.ackPending = true;
      this.lastDataRcvAt = this.owner.host.sim.now;
    }

    // 8. FIN, when it is the next thing expected.
    let finReceived = false;
    if ((flags & TCP_FIN) !== 0) {
      if (seqAdd(seg.seq, dataLen) !== this.rcvNxt) {
        this.sendAck();
        host.drop(skb, msg('tcp.drop.outOfOrder', { seq: seg.seq, rcvNxt: this.rcvNxt }));
        return;
      }
      this.rcvNxt = seqAdd(this.rcvNxt, 1);
      this.ackPending = true;
      finReceived = true;
      switch (this.state) {
        case 'ESTABLISHED':
          // tcp_fin(): CLOSE_WAIT and pingpong mode, so the ACK waits for the application's FIN.
          this.setState('CLOSE_WAIT', msg('tcp.state.closeWait'));
          this.pingpong = true;
          break;
        case 'FIN_WAIT1':
          this.setState('CLOSING', msg('tcp.state.closing'));
          this.sendAck();
          break;
        case 'FIN_WAIT2':
          this.sendAck();
          this.enterTimeWait();
          break;
        default:
          break;
      }
    }

    // Send what the window now allows (data carries the ACK), then decide about a separate ACK,
    // as __tcp_ack_snd_check does: at once for a FIN while we are closing too, for more than one
    // full-sized segment unacknowledged (RFC 9293 §3.8.6.3), or in quickack mode (the first 16
    // ACKs of a connection that is not interactive); otherwise after 40 ms, unless data we send
    // first carries it. Out-of-order and out-of-window segments were ACKed at once above. The
    // ACK goes out before the application sees the data, as the softirq runs before the reader.
    this.output();
    if (this.ackPending && this.state !== 'TIME_WAIT') {
      if (finReceived && this.state !== 'CLOSE_WAIT') this.sendAck();
      else if (this.unackedBytes > this.rcvMss || (this.quickAcks > 0 && !this.pingpong)) this.sendAck();
      else if (this.delackTimer?.armed !== true) this.armDelack(TCP_DELACK_MIN);
    }

    if (this.orphan) return;
    if (delivered !== undefined) this.handlers.data?.(this, delivered);
    if (finReceived && !this.orphan && (this.state as TcpState) !== 'CLOSED') this.handlers.end?.(this);
  }

  /** Whether a segment's sequence range touches the receive window (RFC 9293 §3.10.7.4 table). */
  private acceptable(seq: number, segLen: number): boolean {
    const wndEnd = seqAdd(this.rcvNxt, this.rcvWnd);
    if (segLen === 0) return seqGeq(seq, this.rcvNxt) && seqLt(seq, wndEnd);
    const last = seqAdd(seq, segLen - 1);
    return (seqGeq(seq, this.rcvNxt) && seqLt(seq, wndEnd)) || (seqGeq(last, this.rcvNxt) && seqLt(last, wndEnd));
  }

  /** A RST that matched rcvNxt exactly (tcp_reset). */
  private resetReceived(): void {
    switch (this.state) {
      case 'SYN_RECV':
        if (this.passive) this.terminate(msg('tcp.closed.requestReset'));
        else this.fail('ECONNREFUSED', msg('tcp.closed.refused'));
        return;
      case 'CLOSING':
      case 'LAST_ACK':
        this.terminate(msg('tcp.closed.reset'));
        return;
      default:
        this.fail('ECONNRESET', msg('tcp.closed.reset'));
        return;
    }
  }

  /** SND.UNA advances: free acknowledged segments, take an RTT sample, restart the RTO. */
  private ackAdvanced(seg: TcpSegment): void {
    const ack = seg.ack;
    const now = this.owner.host.sim.now;
    let sample: number | undefined;
    let first = true;
    while (this.rtxQueue.length > 0) {
      const head = this.rtxQueue[0] as RtxSegment;
      if (seqGt(head.end, ack)) break;
      if (first) {
        if (!head.retransmitted) sample = now - head.sentAt;
        first = false;
      }
      this.bytesSent += head.payload.length;
      this.rtxQueue.shift();
    }
    if (sample === undefined && !first && this.tsOk) {
      const ts = timestampOf(seg.options);
      if (ts !== undefined && ts.tsecr !== 0) sample = ((this.tsNow() - ts.tsecr) >>> 0) * MS;
    }
    this.sndUna = ack;
    this.retries = 0;
    if (sample !== undefined) this.rttSample(sample);
    else this.rto = this.srtt === undefined ? TCP_TIMEOUT_INIT : this.computedRto();
    if (this.rtxQueue.length === 0) {
      this.rtxQueue = NO_RTX;
      this.stopRtx();
      this.recover = undefined;
      return;
    }
    this.armRtx(this.rto);
    if (this.recover !== undefined) {
      const head = this.rtxQueue[0] as RtxSegment;
      if (seqLt(head.seq, this.recover)) this.retransmit(head);
      else this.recover = undefined;
    }
  }

  /** RFC 6298 §2 with Linux's floor: RTO = SRTT + max(4·RTTVAR, TCP_RTO_MIN). */
  private rttSample(r: number): void {
    if (this.srtt === undefined) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.rto = this.computedRto();
  }

  private computedRto(): number {
    const srtt = this.srtt ?? 0;
    return Math.min(TCP_RTO_MAX, Math.round(srtt + Math.max(4 * this.rttvar, TCP_RTO_MIN)));
  }

  // ---------------------------------------------------------------- output

  /** Sends queued data the peer's window allows, then the FIN once the data is out (tcp_write_xmit). */
  private output(): void {
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV' || this.state === 'CLOSED') return;
    while (this.sendQueue.length > 0) {
      const chunk = this.sendQueue[0] as SendChunk;
      const inFlight = seqDiff(this.sndNxt, this.sndUna);
      const room = this.sndWnd - inFlight;
      if (room <= 0) break;
      const left = chunk.data.length - chunk.off;
      const n = Math.min(left, this.sndMss, room);
      const payload = chunk.data.subarray(chunk.off, chunk.off + n);
      chunk.off += n;
      const last = chunk.off === chunk.data.length;
      if (last) {
        this.sendQueue.shift();
        if (this.sendQueue.length === 0) this.sendQueue = NO_CHUNKS;
      }
      let flags = TCP_ACK | (last ? TCP_PSH : 0);
      // Linux puts the FIN on the last data segment when it is still unsent (tcp_send_fin).
      if (last && this.sendQueue.length === 0 && this.finQueued && !this.finSent) {
        flags |= TCP_FIN;
        this.finSent = true;
      }
      const seq = this.sndNxt;
      this.sndNxt = seqAdd(seq, n + ((flags & TCP_FIN) !== 0 ? 1 : 0));
      if (this.lastDataRcvAt !== undefined && this.owner.host.sim.now - this.lastDataRcvAt < TCP_DELACK_MIN) {
        this.pingpong = true; // inet_csk_inc_pingpong_cnt: we answered quickly
      }
      this.queueAndSend(seq, flags, payload);
    }
    if (this.finQueued && !this.finSent && this.sendQueue.length === 0) {
      this.finSent = true;
      const seq = this.sndNxt;
      this.sndNxt = seqAdd(seq, 1);
      this.queueAndSend(seq, TCP_FIN | TCP_ACK, EMPTY);
    }
  }

  /** Puts a new segment on the retransmission queue and sends it. */
  private queueAndSend(seq: number, flags: number, payload: Uint8Array): void {
    const end = seqAdd(seq, payload.length + ((flags & TCP_SYN) !== 0 ? 1 : 0) + ((flags & TCP_FIN) !== 0 ? 1 : 0));
    if (this.rtxQueue === NO_RTX) this.rtxQueue = [];
    this.rtxQueue.push({ seq, end, flags, payload, sentAt: this.owner.host.sim.now, retransmitted: false });
    this.xmitData(seq, flags, payload);
    if (this.rtxTimer?.armed !== true) this.armRtx(this.rto);
  }

  private retransmit(s: RtxSegment): void {
    s.retransmitted = true;
    s.sentAt = this.owner.host.sim.now;
    this.xmitData(s.seq, s.flags, s.payload);
  }

  /** Sends a segment of the connection with the options its kind needs. */
  private xmitData(seq: number, flags: number, payload: Uint8Array): void {
    let options: readonly TcpOption[];
    if ((flags & TCP_SYN) !== 0) {
      const peer = this.peerSyn;
      const ts = { tsval: this.tsNow(), tsecr: (flags & TCP_ACK) !== 0 ? this.tsRecent : 0 };
      options =
        peer === undefined
          ? synOptions({ mss: this.advMss, sackPermitted: true, timestamps: ts, wscale: TCP_WSCALE })
          : synOptions({
              mss: this.advMss,
              sackPermitted: peer.sackPermitted,
              timestamps: peer.tsval !== undefined ? ts : undefined,
              wscale: peer.wscale !== undefined ? TCP_WSCALE : undefined,
            });
    } else {
      options = this.tsOk ? timestampOptions(this.tsNow(), this.tsRecent) : NO_OPTIONS;
    }
    this.xmit(seq, flags, payload, options);
  }

  /** A pure ACK (tcp_send_ack). */
  private sendAck(): void {
    this.xmit(this.sndNxt, TCP_ACK, EMPTY, this.tsOk ? timestampOptions(this.tsNow(), this.tsRecent) : NO_OPTIONS);
  }

  /** Builds the segment and its IP packet and hands it to ip_queue_xmit. */
  private xmit(seq: number, flags: number, payload: Uint8Array, options: readonly TcpOption[]): void {
    const host = this.owner.host;
    const hasAck = (flags & TCP_ACK) !== 0;
    const window = (flags & TCP_SYN) !== 0 ? Math.min(this.rcvWnd, 65535) : this.rcvWnd >>> this.rcvWscale;
    const segment: TcpSegment = {
      layer: 'tcp',
      sport: this.lport,
      dport: this.rport,
      seq,
      ack: hasAck ? this.rcvNxt : 0,
      flags,
      window,
      urgent: 0,
      options,
      payload,
    };
    // A SYN-ACK comes from a request sock and TIME_WAIT from a timewait sock: neither has
    // inet_id, so with DF set the IP ID is 0 (ip_build_and_send_pkt, ip_select_ident_segs).
    let id = 0;
    if (this.state !== 'SYN_RECV' && this.state !== 'TIME_WAIT') {
      id = this.ipId;
      this.ipId = (this.ipId + 1) & 0xffff;
    }
    const ip: Ipv4Packet = {
      layer: 'ipv4',
      tos: 0,
      id,
      df: true,
      mf: false,
      fragOffset: 0,
      ttl: IP_DEFAULT_TTL,
      protocol: IPPROTO_TCP,
      src: this.laddr,
      dst: this.raddr,
      options: NO_IP_OPTIONS,
      payload: segment,
    };
    if (hasAck) {
      if (this.ackPending && this.quickAcks > 0) this.quickAcks--;
      this.ackPending = false;
      this.unackedBytes = 0;
      this.stopDelack();
    }
    host.ipQueueXmit(host.newSkb(ip, this.flow));
  }

  /** The TSval clock: virtual milliseconds plus this connection's offset. */
  private tsNow(): number {
    return (Math.floor(this.owner.host.sim.now / MS) + this.tsOffset) >>> 0;
  }

  // ---------------------------------------------------------------- timers

  /** The retransmission timer (tcp_retransmit_timer): resend the oldest segment, back off. */
  private onRetransmitTimer(): void {
    const head = this.rtxQueue[0];
    if (head === undefined) return;
    const limit = this.state === 'SYN_SENT' ? TCP_SYN_RETRIES : this.state === 'SYN_RECV' && this.passive ? TCP_SYNACK_RETRIES : TCP_RETRIES2;
    if (this.retries >= limit) {
      // A request that never completed vanishes quietly (no application owns it yet).
      if (this.state === 'SYN_RECV' && this.passive) this.terminate(msg('tcp.closed.synAckTimeout', { retries: limit }));
      else this.fail('ETIMEDOUT', msg('tcp.closed.timeout', { retries: limit }));
      return;
    }
    this.retries++;
    this.rto = Math.min(this.rto * 2, TCP_RTO_MAX);
    this.recover = this.sndNxt;
    this.retransmit(head);
    this.armRtx(this.rto);
  }

  /** The delayed-ACK timer (tcp_delack_timer_handler): send it; a missed ACK leaves pingpong mode. */
  private onDelackTimer(): void {
    if (!this.ackPending || this.state === 'CLOSED') return;
    this.pingpong = false;
    this.sendAck();
  }

  /** TIME_WAIT expiry, or the FIN_WAIT2 timeout of an orphaned socket. */
  private onWaitTimer(): void {
    if (this.state === 'TIME_WAIT') this.terminate(msg('tcp.closed.timeWait'));
    else if (this.state === 'FIN_WAIT2') this.terminate(msg('tcp.closed.finWait2Timeout'));
  }

  private armRtx(delay: number): void {
    (this.rtxTimer ??= new SockTimer(this.owner.host.sim, () => this.onRetransmitTimer())).reset(delay);
  }

  private armDelack(delay: number): void {
    (this.delackTimer ??= new SockTimer(this.owner.host.sim, () => this.onDelackTimer())).reset(delay);
  }

  private armWait(delay: number): void {
    (this.waitTimer ??= new SockTimer(this.owner.host.sim, () => this.onWaitTimer())).reset(delay);
  }

  private stopRtx(): void {
    this.rtxTimer?.stop();
    this.rtxTimer = undefined;
  }

  private stopDelack(): void {
    this.delackTimer?.stop();
    this.delackTimer = undefined;
  }

  private stopTimers(): void {
    this.stopRtx();
    this.stopDelack();
    this.waitTimer?.stop();
    this.waitTimer = undefined;
  }

  private enterTimeWait(): void {
    this.stopRtx();
    this.stopDelack();
    this.setState('TIME_WAIT', msg('tcp.state.timeWait'));
    this.armWait(TCP_TIMEWAIT_LEN);
  }

  // ---------------------------------------------------------------- ICMP errors

  /**
   * An ICMP error quoting one of our segments (tcp_v4_err): it ends a connect() in progress
   * (any error) and a half-open request (fatal errors only, tcp_req_err); an established
   * connection only notes it as a soft error, so nothing changes. `seq` is the quoted sequence.
   */
  icmpError(errno: TcpErrno, fatal: boolean, seq: number, reason: Msg): void {
    if (this.state === 'TIME_WAIT' || this.state === 'CLOSED') return;
    if (!(seqGeq(seq, this.sndUna) && seqLt(seq, this.sndNxt))) return;
    if (this.state === 'SYN_SENT' || (this.state === 'SYN_RECV' && !this.passive)) this.fail(errno, reason);
    else if (this.state === 'SYN_RECV' && fatal) this.terminate(reason);
  }

  /**
   * ICMP "fragmentation needed" quoting one of our segments (tcp_v4_err, RFC 1191): ignored in
   * TIME_WAIT, by a request sock and outside snd.una..snd.nxt; otherwise tcp_v4_mtu_reduced: the
   * route's path MTU is lowered (pmtu.ts), and if it is now below the one our MSS was computed
   * for, tcp_sync_mss shrinks the MSS and tcp_simple_retransmit resends at once, in pieces of the
   * new MSS, every unacknowledged segment that no longer fits. Returns whether the MSS changed.
   */
  mtuReduced(mtu: number, seq: number): boolean {
    if (this.state === 'CLOSED' || this.state === 'LISTEN' || this.state === 'TIME_WAIT') return false;
    if (this.state === 'SYN_RECV' && this.passive) return false;
    if (!(seqGeq(seq, this.sndUna) && seqLeq(seq, this.sndNxt))) return false;
    const dstMtu = pmtuTable(this.owner.host).update(this.raddr, mtu);
    if (dstMtu === undefined || this.pmtuCookie <= dstMtu) return false;
    this.syncMss(dstMtu);
    const resent = this.simpleRetransmit();
    this.emitSock(this.state, msg('tcp.pmtu.reduced', { dst: formatIp4(this.raddr), mtu: dstMtu, mss: this.sndMss, resent }));
    return true;
  }

  /** tcp_sync_mss: the MSS for path MTU `pmtu` (tcp_mtu_to_mss: − 40 bytes of headers, at most the peer's MSS, − options). */
  private syncMss(pmtu: number): void {
    this.pmtuCookie = pmtu;
    const base = Math.max(Math.min(pmtu - 40, this.mssClamp), TCP_MIN_SND_MSS);
    this.sndMss = base - (this.tsOk ? TCPOLEN_TSTAMP_ALIGNED : 0);
  }

  /**
   * tcp_simple_retransmit + tcp_xmit_retransmit_queue: every queued segment longer than the MSS
   * is lost; each is split into MSS-sized pieces (tcp_fragment; only the last keeps PSH and FIN)
   * that are resent now, and the retransmission timer restarts. Returns the pieces sent.
   */
  private simpleRetransmit(): number {
    const mss = this.sndMss;
    let sent = 0;
    for (let i = 0; i < this.rtxQueue.length; i++) {
      const s = this.rtxQueue[i] as RtxSegment;
      if (s.payload.length <= mss) continue;
      const pieces: RtxSegment[] = [];
      for (let off = 0; off < s.payload.length; off += mss) {
        const payload = s.payload.subarray(off, Math.min(off + mss, s.payload.length));
        const last = off + mss >= s.payload.length;
        const seq = seqAdd(s.seq, off);
        const flags = last ? s.flags : s.flags & ~(TCP_FIN | TCP_PSH);
        const end = last ? s.end : seqAdd(seq, payload.length);
        pieces.push({ seq, end, flags, payload, sentAt: s.sentAt, retransmitted: s.retransmitted });
      }
      this.rtxQueue.splice(i, 1, ...pieces);
      for (const p of pieces) this.retransmit(p);
      sent += pieces.length;
      i += pieces.length - 1;
    }
    if (sent > 0) this.armRtx(this.rto);
    return sent;
  }

  // ---------------------------------------------------------------- closing

  private setState(state: TcpState, why: Msg): void {
    this.state = state;
    this.emitSock(state, why);
  }

  /** A `sock` trace event for this connection. */
  private emitSock(state: TcpState, why: Msg): void {
    this.owner.host.emit({ kind: 'sock', laddr: this.laddr, lport: this.lport, raddr: this.raddr, rport: this.rport, state, msg: why });
  }

  /** Ends the connection with an error the application sees (unless it already let go). */
  private fail(errno: TcpErrno, why: Msg): void {
    this.terminate(why, this.orphan ? undefined : errno);
  }

  /** tcp_done(): CLOSED, timers stopped, removed from the table; the application hears `errno`, then closed. */
  private terminate(why: Msg, errno?: TcpErrno): void {
    if (this.state === 'CLOSED') return;
    this.stopTimers();
    this.rtxQueue = NO_RTX;
    this.sendQueue = NO_CHUNKS;
    this.setState('CLOSED', why);
    this.owner.unhash(this);
    if (errno !== undefined) this.handlers.error?.(this, errno);
    this.handlers.closed?.(this);
  }

  /** Stops every timer without a trace (the host crashed: its sockets vanish with it). */
  destroy(): void {
    this.stopTimers();
    this.state = 'CLOSED';
  }
}

/** toa.ko's get_toa_data: the first TOA option (kind 254, length 8) of a segment. */
function toaOf(seg: TcpSegment): { readonly addr: Ip4; readonly port: number } | undefined {
  for (const o of seg.options) if (o.kind === 'toa') return { addr: o.addr, port: o.port };
  return undefined;
}
