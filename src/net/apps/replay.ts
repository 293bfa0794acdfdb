/**
 * `replay` traffic: the client side of a captured session sent again from a host of the lab, in
 * the manner of tcpreplay's address rewriting (tcprewrite --srcipmap/--dstipmap) and tcpliveplay's
 * handshake with a live server. Every IPv4 packet the capture's client sent leaves the host at its
 * captured time (gaps divided by `speed`) through ip_queue_xmit, like a raw socket with
 * IP_HDRINCL: the Ethernet header is dropped (this host's routes and neighbour table choose the
 * next hop), the source becomes the host's route source, the server's address becomes `to`,
 * checksums are recomputed, every other field is kept. Per TCP connection, as tcpliveplay does,
 * a segment with ACK waits until the live server has sent what it acknowledges (first of all its
 * SYN-ACK); ack numbers and SACK blocks then move by (live ISN − captured ISN), the echoed
 * timestamp by (live TSval − captured TSval). The host's TCP leaves those 4-tuples to the replay
 * (TcpStack.claim) instead of resetting them; a real host needs an iptables rule dropping its RSTs.
 * Simplified: no retransmission, nothing read from the server beyond its SYN-ACK, sequence space
 * and RST (a server that sends other byte counts than the captured one stalls the replay, which
 * gives held packets up after REPLAY_STALL_WAIT); UDP and ICMP go out with no matching of replies.
 */
import type { HostApi, Timer } from '../types.js';
import { SEC } from '../types.js';
import type { Ip4 } from '../wire/addr.js';
import { formatIp4 } from '../wire/addr.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../wire/packet.js';
import { ETHERTYPE_IPV4, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/packet.js';
import { decodeFrame, decodeIpv4 } from '../wire/frame.js';
import { scanCapture, type CaptureIndex } from '../pcap/reader.js';
import { seqAdd, seqGt, seqLeq } from '../tcp/seq.js';
import { tcpStack } from '../tcp/stack.js';
import { msg, type Msg } from '../../i18n/message.js';

/** The scenario's `replay:` values, the capture's bytes aside. */
export interface ReplayOptions {
  /** How the file is named in messages (as the scenario wrote it). */
  readonly file: string;
  /** The capture's client (default: the source of its first SYN without ACK, else of its first IPv4 packet). */
  readonly client?: Ip4;
  /** The capture's server (default: the destination of the packet that chose the client). */
  readonly server?: Ip4;
  /** The lab address the server's address is rewritten to (default: unchanged). */
  readonly to?: Ip4;
  /** Divides the capture's gaps (default 1). */
  readonly speed?: number;
}

/** One TCP connection of the capture (a client SYN with a new ISN starts a new one). */
export interface CapturedFlow {
  readonly sport: number;
  /** The destination as captured (before `to`). */
  readonly dst: Ip4;
  readonly dport: number;
  /** Whether the capture holds the client's SYN (only then does the replay wait for a SYN-ACK). */
  readonly hasSyn: boolean;
  /** The client's ISN, when its SYN was captured. */
  readonly synSeq: number | undefined;
  /** The captured server's ISN: from its SYN-ACK, else the client's first ack minus one. */
  capIsn: number | undefined;
  /** The captured server's TSval on its SYN-ACK (else the client's first TSecr). */
  capTsval: number | undefined;
}

/** A packet the client sent. */
export interface ReplayPacket {
  /** Capture ns after the client's first packet (never less than the previous packet's). */
  readonly rel: number;
  readonly ip: Ipv4Packet;
  /** Its frame number in the capture (1-based). */
  readonly frame: number;
  /** The TCP connection it belongs to. */
  readonly flow: CapturedFlow | undefined;
}

/** What a capture holds for a replay. */
export interface ReplayPlan {
  readonly file: string;
  readonly client: Ip4;
  readonly server: Ip4;
  readonly to: Ip4;
  readonly speed: number;
  readonly packets: readonly ReplayPacket[];
  /** Frames in the capture. */
  readonly frames: number;
}

/** Why a capture cannot be replayed; `offset` is a byte offset into the file. */
export interface ReplayError {
  readonly msg: Msg;
  readonly offset?: number;
}

export type ReplayPlanResult = { readonly ok: true; readonly value: ReplayPlan } | { readonly ok: false; readonly error: ReplayError };

/** Link types read: Ethernet, raw IP (LINKTYPE_RAW, LINKTYPE_IPV4), Linux cooked v1 and v2. */
const LINKTYPE_ETHERNET = 1;
const LINKTYPE_RAW = 101;
const LINKTYPE_LINUX_SLL = 113;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_LINUX_SLL2 = 276;

/**
 * How long held packets wait for the live server's SYN-ACK or for the bytes they acknowledge
 * before the replay gives their connection up (three of Linux's initial RTOs of 1 s).
 */
export const REPLAY_STALL_WAIT = 3 * SEC;

/**
 * Reads a capture and picks the client's packets. Never throws: bad bytes, an unknown link type
 * or a capture without client packets are errors, with the byte offset when there is one.
 * Every frame is decoded once to be checked; only the header fields the choice of client and
 * flows needs are kept (typed-array columns), and a client packet is decoded again when it is due.
 */
export function planReplay(bytes: Uint8Array, opts: ReplayOptions): ReplayPlanResult {
  const file = opts.file;
  const scan = scanCapture(bytes);
  if (!scan.ok) return bad(msg('replay.file.bad', { file, offset: scan.error.offset, reason: scan.error.msg }), scan.error.offset);
  const idx = scan.value;
  const lt = idx.linktype;
  if (lt !== LINKTYPE_ETHERNET && lt !== LINKTYPE_RAW && lt !== LINKTYPE_IPV4 && lt !== LINKTYPE_LINUX_SLL && lt !== LINKTYPE_LINUX_SLL2) {
    return bad(msg('replay.file.linktype', { file, linktype: lt }));
  }
  const frames = idx.count;
  const cols = new IpColumns(frames);
  let nIp = 0;
  for (let rec = 0; rec < frames; rec++) {
    const frame = rec + 1;
    const at = idx.start[rec] as number;
    const b = bytes.subarray(at, at + (idx.caplen[rec] as number));
    const l3 = ipv4Start(lt, b);
    if (l3 === null) continue;
    if (l3 === 'short') return bad(msg('replay.file.frame', { file, frame, offset: at, reason: msg('replay.file.linkTruncated') }), at);
    const d = lt === LINKTYPE_ETHERNET ? decodeFrame(b, { verifyChecksums: false }) : decodeIpv4(b.subarray(l3), { verifyChecksums: false });
    if (!d.ok) {
      const offset = at + (lt === LINKTYPE_ETHERNET ? 0 : l3) + d.error.offset;
      return bad(msg('replay.file.frame', { file, frame, offset, reason: msg('replay.file.frameReason', { layer: d.error.layer, reason: d.error.msg }) }), offset);
    }
    const ip = d.value.layer === 'eth' ? (d.value.payload.layer === 'ipv4' ? d.value.payload : null) : d.value;
    if (ip !== null) cols.note(nIp++, rec, idx.ts[rec] as number, ip);
  }
  if (nIp === 0) return bad(msg('replay.file.noIpv4', { file }));
  const isSyn = (n: number): boolean => {
    const fl = cols.flags[n] as number;
    return fl >= 0 && (fl & (TCP_SYN | TCP_ACK)) === TCP_SYN;
  };
  let chooser = -1;
  if (opts.client === undefined) {
    for (let n = 0; n < nIp && chooser < 0; n++) if (isSyn(n)) chooser = n;
    if (chooser < 0) chooser = 0;
  } else {
    for (let n = 0; n < nIp && chooser < 0; n++) if (cols.src[n] === opts.client && isSyn(n)) chooser = n;
    for (let n = 0; n < nIp && chooser < 0; n++) if (cols.src[n] === opts.client) chooser = n;
  }
  if (chooser < 0) return bad(msg('replay.file.noClient', { file, client: formatIp4(opts.client ?? 0) }));
  const client = cols.src[chooser] as number;
  const server = opts.server ?? (cols.dst[chooser] as number);

  const current = new FlowTable();
  const pkRec = new Uint32Array(nIp);
  const pkRel = new Float64Array(nIp);
  const pkFlow: (CapturedFlow | undefined)[] = [];
  let count = 0;
  let t0: number | undefined;
  let last = 0;
  for (let n = 0; n < nIp; n++) {
    const src = cols.src[n] as number;
    const dst = cols.dst[n] as number;
    const fl = cols.flags[n] as number;
    if (src !== client) {
      // The peers' answers only teach the captured server's ISN and TSval.
      if (dst === client && fl >= 0 && (fl & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) {
        const f = current.get(cols.dport[n] as number, src, cols.sport[n] as number);
        if (f !== undefined && f.capIsn === undefined) {
          f.capIsn = cols.seq[n] as number;
          f.capTsval = cols.hasTs[n] === 1 ? cols.tsval[n] : undefined;
        }
      }
      continue;
    }
    let flow: CapturedFlow | undefined;
    if (fl >= 0) {
      const sport = cols.sport[n] as number;
      const dport = cols.dport[n] as number;
      const seq = cols.seq[n] as number;
      flow = current.get(sport, dst, dport);
      const syn = (fl & (TCP_SYN | TCP_ACK)) === TCP_SYN;
      if (flow === undefined || (syn && flow.synSeq !== seq)) {
        flow = { sport, dst, dport, hasSyn: syn, synSeq: syn ? seq : undefined, capIsn: undefined, capTsval: undefined };
        current.set(sport, dst, dport, flow);
      }
      if (!syn && (fl & TCP_ACK) !== 0 && flow.capIsn === undefined) {
        flow.capIsn = seqAdd(cols.ack[n] as number, -1);
        flow.capTsval = cols.hasTs[n] === 1 ? cols.tsecr[n] : undefined;
      }
    }
    const ts = cols.ts[n] as number;
    t0 ??= ts;
    last = Math.max(last, ts - t0);
    pkRec[count] = cols.rec[n] as number;
    pkRel[count] = last;
    pkFlow.push(flow);
    count++;
  }
  const speed = opts.speed ?? 1;
  return { ok: true, value: new ColumnPlan(file, client, server, opts.to ?? server, speed, frames, bytes, idx, count, pkRec, pkRel, pkFlow) };
}

/** The header fields of a capture's IPv4 frames, in capture order (flags −1: not TCP). */
class IpColumns {
  readonly rec: Uint32Array;
  readonly ts: Float64Array;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly flags: Int32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
  readonly seq: Uint32Array;
  readonly ack: Uint32Array;
  readonly hasTs: Uint8Array;
  readonly tsval: Uint32Array;
  readonly tsecr: Uint32Array;

  constructor(n: number) {
    this.rec = new Uint32Array(n);
    this.ts = new Float64Array(n);
    this.src = new Uint32Array(n);
    this.dst = new Uint32Array(n);
    this.flags = new Int32Array(n);
    this.sport = new Uint16Array(n);
    this.dport = new Uint16Array(n);
    this.seq = new Uint32Array(n);
    this.ack = new Uint32Array(n);
    this.hasTs = new Uint8Array(n);
    this.tsval = new Uint32Array(n);
    this.tsecr = new Uint32Array(n);
  }

  /** Notes IPv4 frame `n` (record `rec`, taken at `ts`). */
  note(n: number, rec: number, ts: number, ip: Ipv4Packet): void {
    this.rec[n] = rec;
    this.ts[n] = ts;
    this.src[n] = ip.src;
    this.dst[n] = ip.dst;
    const seg = ip.payload;
    if (seg.layer !== 'tcp') {
      this.flags[n] = -1;
      return;
    }
    this.flags[n] = seg.flags;
    this.sport[n] = seg.sport;
    this.dport[n] = seg.dport;
    this.seq[n] = seg.seq;
    this.ack[n] = seg.ack;
    const t = tsOption(seg.options);
    if (t !== undefined) {
      this.hasTs[n] = 1;
      this.tsval[n] = t.tsval;
      this.tsecr[n] = t.tsecr;
    }
  }
}

/** The current connection per (client port, destination, destination port), by number. */
class FlowTable {
  private readonly byDst = new Map<number, Map<number, CapturedFlow>>();

  get(sport: number, dst: Ip4, dport: number): CapturedFlow | undefined {
    return this.byDst.get(dst)?.get(sport * 0x10000 + dport);
  }

  set(sport: number, dst: Ip4, dport: number, f: CapturedFlow): void {
    let m = this.byDst.get(dst);
    if (m === undefined) {
      m = new Map();
      this.byDst.set(dst, m);
    }
    m.set(sport * 0x10000 + dport, f);
  }
}

/** What the replay reads packet by packet: built from a plan's `packets`, or a ColumnPlan's columns. */
interface PacketSource {
  readonly count: number;
  relAt(i: number): number;
  ipAt(i: number): Ipv4Packet;
  flowAt(i: number): CapturedFlow | undefined;
}

/** A plan made by planReplay: client packets as columns, each decoded from the file when asked for. */
class ColumnPlan implements ReplayPlan, PacketSource {
  private list: readonly ReplayPacket[] | undefined;

  constructor(
    readonly file: string,
    readonly client: Ip4,
    readonly server: Ip4,
    readonly to: Ip4,
    readonly speed: number,
    readonly frames: number,
    private readonly bytes: Uint8Array,
    private readonly idx: CaptureIndex,
    readonly count: number,
    private readonly pkRec: Uint32Array,
    private readonly pkRel: Float64Array,
    private readonly pkFlow: readonly (CapturedFlow | undefined)[],
  ) {}

  /** The client's packets as objects (decoded on first use). */
  get packets(): readonly ReplayPacket[] {
    if (this.list === undefined) {
      const out: ReplayPacket[] = [];
      for (let i = 0; i < this.count; i++) out.push({ rel: this.relAt(i), ip: this.ipAt(i), frame: (this.pkRec[i] as number) + 1, flow: this.flowAt(i) });
      this.list = out;
    }
    return this.list;
  }

  relAt(i: number): number {
    return this.pkRel[i] as number;
  }

  flowAt(i: number): CapturedFlow | undefined {
    return this.pkFlow[i];
  }

  /** Client packet i, decoded again exactly as planReplay checked it. */
  ipAt(i: number): Ipv4Packet {
    const rec = this.pkRec[i] as number;
    const at = this.idx.start[rec] as number;
    const b = this.bytes.subarray(at, at + (this.idx.caplen[rec] as number));
    const lt = this.idx.linktype;
    const l3 = ipv4Start(lt, b);
    const d = lt === LINKTYPE_ETHERNET ? decodeFrame(b, { verifyChecksums: false }) : decodeIpv4(b.subarray(typeof l3 === 'number' ? l3 : 0), { verifyChecksums: false });
    const ip = d.ok ? (d.value.layer === 'eth' ? (d.value.payload.layer === 'ipv4' ? d.value.payload : null) : d.value) : null;
    if (ip === null) throw new Error(`replay: frame ${rec + 1} no longer decodes as planned`);
    return ip;
  }
}

/** A source over a plan's packet objects (a plan not made by planReplay). */
function listSource(packets: readonly ReplayPacket[]): PacketSource {
  return {
    count: packets.length,
    relAt: (i) => packets[i]?.rel ?? 0,
    ipAt: (i) => (packets[i] as ReplayPacket).ip,
    flowAt: (i) => packets[i]?.flow,
  };
}

function bad(m: Msg, offset?: number): ReplayPlanResult {
  return { ok: false, error: offset === undefined ? { msg: m } : { msg: m, offset } };
}

/** Where the IPv4 header starts in a frame of link type `lt`; null: not IPv4; 'short': header cut. */
function ipv4Start(lt: number, b: Uint8Array): number | null | 'short' {
  switch (lt) {
    case LINKTYPE_ETHERNET:
      return 0;
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
      if (b.length < 1) return 'short';
      return b[0] !== undefined && b[0] >> 4 === 4 ? 0 : null;
    case LINKTYPE_LINUX_SLL:
      if (b.length < 16) return 'short';
      return ((b[14] ?? 0) << 8) + (b[15] ?? 0) === ETHERTYPE_IPV4 ? 16 : null;
    case LINKTYPE_LINUX_SLL2:
      if (b.length < 20) return 'short';
      return ((b[0] ?? 0) << 8) + (b[1] ?? 0) === ETHERTYPE_IPV4 ? 20 : null;
    default:
      return null;
  }
}

function tsOption(options: readonly TcpOption[]): { readonly tsval: number; readonly tsecr: number } | undefined {
  for (const o of options) if (o.kind === 'timestamps') return o;
  return undefined;
}

/**
 * The client's segment with the live server's sequence space: ack and SACK blocks moved by
 * `seqShift`, the echoed timestamp by `tsShift`. Other fields are kept.
 */
export function shiftSegment(seg: TcpSegment, seqShift: number, tsShift: number): TcpSegment {
  if ((seqShift === 0 && tsShift === 0) || (seg.flags & TCP_ACK) === 0) return seg;
  const options = seg.options.map((o): TcpOption => {
    if (o.kind === 'sack') return { kind: 'sack', blocks: o.blocks.map(([l, r]) => [seqAdd(l, seqShift), seqAdd(r, seqShift)] as const) };
    if (o.kind === 'timestamps') return { kind: 'timestamps', tsval: o.tsval, tsecr: seqAdd(o.tsecr, tsShift) };
    return o;
  });
  return { ...seg, ack: seqAdd(seg.ack, seqShift), options };
}


/** What a replay did so far. */
export interface ReplaySummary {
  /** Packets the capture's client sent (to be replayed). */
  readonly total: number;
  readonly sent: number;
  /** Packets not sent: their connection was reset, or what they acknowledge never came. */
  readonly abandoned: number;
  /** Whether every packet was sent or abandoned. */
  readonly done: boolean;
}

/** A running replay. */
export interface ReplayHandle {
  summary(): ReplaySummary;
  /** Stops sending (the claimed 4-tuples are released). */
  stop(): void;
}

/**
 * A captured connection while it is replayed: `wait` until the live SYN-ACK (when the capture has
 * the client's SYN), `unsynced` (no SYN captured: sent as is), `live`, `over` (reset, or given up).
 */
interface LiveFlow {
  state: 'unsynced' | 'wait' | 'live' | 'over';
  seqShift: number;
  tsShift: number;
  /** The live server's highest sequence number sent so far, plus one (its RCV.NXT for us). */
  rcvNxt: number;
  /** Packets waiting for the server's bytes they acknowledge, in capture order. */
  readonly held: Ipv4Packet[];
  readonly flowId: number;
  stall: Timer | null;
}

/** Starts sending `plan`'s packets from `host`, the first at `atNs` (absolute virtual ns). */
export function startReplay(host: HostApi, plan: ReplayPlan, atNs: number): ReplayHandle {
  const sim = host.sim;
  const tcp = tcpStack(host);
  const source: PacketSource = plan instanceof ColumnPlan ? plan : listSource(plan.packets);
  const total = source.count;
  const lives = new Map<CapturedFlow, LiveFlow>();
  /** The connection each claimed 4-tuple currently belongs to (a reused client port starts a new one). */
  const byTuple = new Map<string, CapturedFlow>();
  const releases: (() => void)[] = [];
  let next = 0;
  let sent = 0;
  let abandoned = 0;
  let held = 0;
  let finished = false;
  let stopped = false;
  let timer: Timer | null = null;
  const rewriteDst = (dst: Ip4): Ip4 => (dst === plan.server ? plan.to : dst);
  const peer = (f: CapturedFlow): string => `${formatIp4(rewriteDst(f.dst))}:${f.dport}`;

  const emit = (id: string, params: Record<string, string | number>): void => host.emit({ kind: 'app', app: 'replay', msg: msg(id, params) });

  const finishIfDone = (): void => {
    if (finished || next < total || held > 0) return;
    finished = true;
    emit('replay.done', { file: plan.file, sent, total, abandoned });
  };

  const transmit = (p: Ipv4Packet, l: LiveFlow | undefined): void => {
    const dst = rewriteDst(p.dst);
    const src = host.routeOutput(dst).src;
    const payload = p.payload.layer === 'tcp' && l !== undefined ? shiftSegment(p.payload, l.seqShift, l.tsShift) : p.payload;
    const ip: Ipv4Packet = { ...p, src, dst, payload };
    sent++;
    host.ipQueueXmit(l === undefined ? host.newSkb(ip) : host.newSkb(ip, l.flowId));
  };

  /** Whether the live server has sent every byte `seg` acknowledges (tcpliveplay waits for it). */
  const ready = (l: LiveFlow, seg: TcpSegment): boolean => {
    if ((seg.flags & TCP_ACK) === 0 || l.state === 'unsynced') return true;
    if (l.state !== 'live') return false;
    return seqLeq(seqAdd(seg.ack, l.seqShift), l.rcvNxt);
  };

  /**
   * Sends the held packets that became ready, in order. The stall timer runs from the moment the
   * head of the queue started waiting: retransmissions of bytes already seen do not restart it.
   */
  const release = (f: CapturedFlow, l: LiveFlow): void => {
    let moved = false;
    while (l.held.length > 0) {
      const p = l.held[0] as Ipv4Packet;
      if (p.payload.layer === 'tcp' && !ready(l, p.payload)) break;
      l.held.shift();
      held--;
      moved = true;
      transmit(p, l);
    }
    if (l.held.length === 0) {
      l.stall?.cancel();
      l.stall = null;
    } else if (moved || l.stall === null) {
      l.stall?.cancel();
      l.stall = sim.after(REPLAY_STALL_WAIT, () => giveUp(f, l, l.state === 'wait' ? 'replay.noSynAck' : 'replay.stalled'));
    }
    finishIfDone();
  };

  const giveUp = (f: CapturedFlow, l: LiveFlow, why: 'replay.reset' | 'replay.noSynAck' | 'replay.stalled'): void => {
    l.state = 'over';
    l.stall?.cancel();
    l.stall = null;
    const n = l.held.length;
    const head = l.held[0]?.payload;
    abandoned += n;
    held -= n;
    l.held.length = 0;
    const need = head?.layer === 'tcp' ? seqAdd(head.ack, l.seqShift) : 0;
    emit(why, { sport: f.sport, to: peer(f), held: n, need, have: l.rcvNxt });
    finishIfDone();
  };

  const onSegment = (f: CapturedFlow, seg: TcpSegment): void => {
    const l = lives.get(f);
    if (l === undefined || l.state === 'over' || stopped) return;
    if ((seg.flags & TCP_RST) !== 0) {
      giveUp(f, l, 'replay.reset');
      return;
    }
    const synAck = (seg.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
    if (l.state === 'wait') {
      if (!synAck) return;
      l.state = 'live';
      l.seqShift = f.capIsn === undefined ? 0 : seqAdd(seg.seq, -f.capIsn);
      const liveTs = tsOption(seg.options)?.tsval;
      l.tsShift = f.capTsval === undefined || liveTs === undefined ? 0 : seqAdd(liveTs, -f.capTsval);
      l.rcvNxt = seqAdd(seg.seq, 1);
      emit('replay.shift', { sport: f.sport, to: peer(f), live: seg.seq, captured: f.capIsn ?? seg.seq, shift: l.seqShift | 0 });
    } else if (l.state === 'live') {
      const end = seqAdd(seg.seq, seg.payload.length + ((seg.flags & TCP_SYN) !== 0 ? 1 : 0) + ((seg.flags & TCP_FIN) !== 0 ? 1 : 0));
      if (seqGt(end, l.rcvNxt)) l.rcvNxt = end;
    }
    if (l.held.length > 0) release(f, l);
  };

  const send = (p: Ipv4Packet, f: CapturedFlow | undefined): void => {
    const seg = p.payload;
    if (f === undefined || seg.layer !== 'tcp') {
      transmit(p, undefined);
      return;
    }
    let l = lives.get(f);
    if (l === undefined) {
      const dst = rewriteDst(f.dst);
      const src = host.routeOutput(dst).src;
      const tuple = `${src}:${f.sport}:${dst}:${f.dport}`;
      if (!byTuple.has(tuple)) {
        releases.push(
          tcp.claim(src, f.sport, dst, f.dport, (_skb, s) => {
            const cur = byTuple.get(tuple);
            if (cur !== undefined) onSegment(cur, s);
          }),
        );
      }
      byTuple.set(tuple, f);
      l = { state: f.hasSyn ? 'wait' : 'unsynced', seqShift: 0, tsShift: 0, rcvNxt: 0, held: [], flowId: sim.nextFlowId(), stall: null };
      lives.set(f, l);
    }
    if (l.state === 'over') {
      abandoned++;
      return;
    }
    if (l.held.length === 0 && ready(l, seg)) {
      transmit(p, l);
      return;
    }
    l.held.push(p);
    held++;
    if (l.stall === null) release(f, l);
  };

  const due = (i: number): number => atNs + Math.round(source.relAt(i) / plan.speed);

  const tick = (): void => {
    timer = null;
    if (stopped) return;
    const now = sim.now;
    while (next < total && due(next) <= now) {
      const p = source.ipAt(next);
      const f = source.flowAt(next);
      next++;
      send(p, f);
    }
    if (next < total) timer = sim.at(due(next), tick);
    else finishIfDone();
  };

  timer = sim.at(atNs, () => {
    timer = null;
    if (stopped) return;
    emit('replay.start', {
      file: plan.file,
      packets: total,
      frames: plan.frames,
      client: formatIp4(plan.client),
      server: formatIp4(plan.server),
      from: formatIp4(host.routeOutput(plan.to).src),
      to: formatIp4(plan.to),
    });
    tick();
  });

  return {
    summary: () => ({ total, sent, abandoned, done: finished }),
    stop: () => {
      stopped = true;
      timer?.cancel();
      timer = null;
      for (const l of lives.values()) l.stall?.cancel();
      for (const r of releases.splice(0)) r();
    },
  };
}
