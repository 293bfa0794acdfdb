/**
 * A tiny stand-in for the simulator and hosts, for testing the TCP/UDP endpoints and the apps on
 * their own: an event queue (a binary heap) ordered by (time, sequence), a seeded generator, and hosts with one
 * address each that hand IP packets to one another after a fixed latency. Every transmitted
 * packet is logged (before any loss), so tests can read the wire. The hosts' ICMP layer answers
 * echo requests and wires echo replies and errors to the socket layers, as the real host must.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { RandomGenerator } from 'pure-rand';
import type { HostApi, NfHookOps, NfHookState, ProtocolHandler, RouteResult, SimApi, Skb, Timer, TraceEventInput } from '../../src/net/types.js';
import { US } from '../../src/net/types.js';
import type { Ip4, Mac } from '../../src/net/wire/addr.js';
import type { IcmpMessage, Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import type { HookName, TraceEvent } from '../../src/trace/events.js';
import type { Msg } from '../../src/i18n/message.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { udpStack } from '../../src/net/udp/udp.js';
import { pingErr, pingRcv } from '../../src/net/apps/ping.js';

class FakeTimer implements Timer {
  active = true;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}
  cancel(): void {
    this.active = false;
  }
}

function before(a: FakeTimer, b: FakeTimer): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class FakeSim implements SimApi {
  now = 0;
  readonly events: TraceEvent[] = [];
  private queue: FakeTimer[] = [];
  private seq = 0;
  private pkt = 0;
  private flow = 0;
  private readonly rng: RandomGenerator;

  constructor(seed = 1) {
    this.rng = xoroshiro128plus(seed);
  }

  at(time: number, fn: () => void): Timer {
    if (time < this.now) throw new Error(`event in the past: ${time} < ${this.now}`);
    const t = new FakeTimer(time, this.seq++, fn);
    const q = this.queue;
    q.push(t);
    let i = q.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, q[p] as FakeTimer)) break;
      q[i] = q[p] as FakeTimer;
      i = p;
    }
    q[i] = t;
    return t;
  }

  private pop(): FakeTimer | undefined {
    const q = this.queue;
    const top = q[0];
    const last = q.pop();
    if (top === undefined || last === undefined || q.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= q.length) break;
      const r = l + 1;
      const c = r < q.length && before(q[r] as FakeTimer, q[l] as FakeTimer) ? r : l;
      if (!before(q[c] as FakeTimer, last)) break;
      q[i] = q[c] as FakeTimer;
      i = c;
    }
    q[i] = last;
    return top;
  }

  after(delay: number, fn: () => void): Timer {
    return this.at(this.now + delay, fn);
  }

  randomInt(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  nextPacketId(): number {
    return ++this.pkt;
  }

  nextFlowId(): number {
    return ++this.flow;
  }

  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  /** Runs events up to `until` (ns) or until the queue is empty; returns the events run. */
  run(until = Number.POSITIVE_INFINITY, budget = 1_000_000): number {
    let n = 0;
    while (this.queue.length > 0) {
      const t = this.queue[0] as FakeTimer;
      if (t.time > until) break;
      this.pop();
      if (!t.active) continue;
      t.active = false;
      this.now = t.time;
      t.fn();
      if (++n > budget) throw new Error('event budget exceeded');
    }
    if (until !== Number.POSITIVE_INFINITY && this.now < until) this.now = until;
    return n;
  }
}

/** One packet as it left a host (logged before any loss). */
export interface WireRecord {
  readonly t: number;
  readonly from: string;
  readonly ip: Ipv4Packet;
  readonly lost: boolean;
}

export class FakeNet {
  readonly hosts: FakeHost[] = [];
  readonly log: WireRecord[] = [];
  /** Decides whether the n-th transmitted packet (0-based) is lost. */
  lose: (ip: Ipv4Packet, index: number) => boolean = () => false;

  constructor(
    readonly sim: FakeSim,
    readonly latency = 50 * US,
  ) {}

  addHost(name: string, addr: Ip4, mtu = 1500): FakeHost {
    const h = new FakeHost(this, name, addr, mtu);
    this.hosts.push(h);
    return h;
  }

  transmit(from: FakeHost, skb: Skb): void {
    const ip = skb.ip;
    const lost = this.lose(ip, this.log.length);
    this.log.push({ t: this.sim.now, from: from.name, ip, lost });
    if (lost) return;
    const to = this.hosts.find((h) => h.isLocalAddress(ip.dst));
    if (to === undefined) return;
    this.sim.after(this.latency, () => to.deliver(ip, skb.flow));
  }

  /** The TCP segments on the wire, optionally only those sent by `from`. */
  tcp(from?: string): { t: number; from: string; ip: Ipv4Packet; seg: TcpSegment; lost: boolean }[] {
    const out = [];
    for (const r of this.log) {
      if (r.ip.payload.layer !== 'tcp') continue;
      if (from !== undefined && r.from !== from) continue;
      out.push({ t: r.t, from: r.from, ip: r.ip, seg: r.ip.payload, lost: r.lost });
    }
    return out;
  }
}

/** tcpdump's flag letters: `S`, `S.`, `.`, `P.`, `F.`, `FP.`, `R`, `R.` */
export function flagsOf(seg: TcpSegment): string {
  let s = '';
  if (seg.flags & TCP_FIN) s += 'F';
  if (seg.flags & TCP_SYN) s += 'S';
  if (seg.flags & TCP_RST) s += 'R';
  if (seg.flags & TCP_PSH) s += 'P';
  if (seg.flags & TCP_ACK) s += '.';
  return s;
}

/** The quoted bytes of an ICMP error: the IP header (20 bytes) and the first 8 bytes of L4. */
export function quoteOf(ip: Ipv4Packet): Uint8Array {
  const b = new Uint8Array(28);
  b[0] = 0x45;
  b[9] = ip.protocol;
  const put32 = (at: number, v: number): void => {
    b[at] = v >>> 24;
    b[at + 1] = (v >>> 16) & 255;
    b[at + 2] = (v >>> 8) & 255;
    b[at + 3] = v & 255;
  };
  put32(12, ip.src);
  put32(16, ip.dst);
  const p = ip.payload;
  if (p.layer === 'tcp' || p.layer === 'udp') {
    b[20] = p.sport >>> 8;
    b[21] = p.sport & 255;
    b[22] = p.dport >>> 8;
    b[23] = p.dport & 255;
    if (p.layer === 'tcp') put32(24, p.seq);
  } else if (p.layer === 'icmp' && p.kind === 'echo') {
    b[20] = p.type;
    b[24] = p.ident >>> 8;
    b[25] = p.ident & 255;
    b[26] = p.seq >>> 8;
    b[27] = p.seq & 255;
  }
  return b;
}

export class FakeHost implements HostApi {
  readonly protocols = new Map<number, ProtocolHandler>();
  readonly icmpSent: { type: number; code: number; about: Ipv4Packet }[] = [];
  /** Extra local addresses (a VIP on lo). */
  readonly extraAddrs: Ip4[] = [];
  /** Destinations routeOutput reports unreachable. */
  readonly unreachable = new Set<Ip4>();

  constructor(
    private readonly net: FakeNet,
    readonly name: string,
    readonly addr: Ip4,
    readonly mtu: number,
  ) {
    this.addProtocol(1, (skb) => this.icmpRcv(skb));
  }

  get sim(): FakeSim {
    return this.net.sim;
  }

  nfRegister(_ops: NfHookOps): void {}
  nfUnregister(_ops: NfHookOps): void {}

  routeOutput(dst: Ip4, opts?: { readonly src?: Ip4; readonly oif?: string }): RouteResult {
    if (this.unreachable.has(dst)) return { type: 'unreachable', dev: '', nextHop: 0, src: 0, mtu: 0 };
    if (this.isLocalAddress(dst)) return { type: 'local', dev: 'lo', nextHop: dst, src: dst, mtu: 65536 };
    return { type: 'unicast', dev: 'eth0', nextHop: dst, src: opts?.src ?? this.addr, mtu: this.mtu };
  }

  isLocalAddress(addr: Ip4): boolean {
    return addr === this.addr || this.extraAddrs.includes(addr);
  }

  ipQueueXmit(skb: Skb): void {
    this.net.transmit(this, skb);
  }

  dstOutput(skb: Skb, _route: RouteResult): void {
    this.net.transmit(this, skb);
  }

  xmit(_dev: string, skb: Skb, _mac: Mac): void {
    this.net.transmit(this, skb);
  }

  nfHook(_hook: HookName, skb: Skb, _state: NfHookState, okfn: (skb: Skb) => void): void {
    okfn(skb);
  }

  icmpSend(skb: Skb, type: number, code: number): void {
    this.icmpSent.push({ type, code, about: skb.ip });
    const icmp: IcmpMessage = { layer: 'icmp', kind: 'unreach', code, nextHopMtu: 0, original: quoteOf(skb.ip) };
    this.sendIcmp(skb.ip.src, icmp, skb.flow);
  }

  sendIcmp(dst: Ip4, icmp: IcmpMessage, flow?: number): void {
    const ip: Ipv4Packet = {
      layer: 'ipv4', tos: 0, id: 0, df: false, mf: false, fragOffset: 0, ttl: 64, protocol: 1,
      src: this.addr, dst, options: new Uint8Array(0), payload: icmp,
    };
    this.ipQueueXmit(this.newSkb(ip, flow));
  }

  addProtocol(protocol: number, handler: ProtocolHandler): void {
    this.protocols.set(protocol, handler);
  }

  sysctl(_key: string): number {
    return 0;
  }

  ifaceMac(_iface: string): Mac | undefined {
    return undefined;
  }

  emit(event: TraceEventInput): void {
    this.sim.emit({ ...event, t: this.sim.now, host: this.name } as TraceEvent);
  }

  drop(skb: Skb, reason: Msg): void {
    this.emit({ kind: 'drop', pkt: skb.pkt, flow: skb.flow, packet: skb.ip, msg: reason });
  }

  newSkb(ip: Ipv4Packet, flow?: number): Skb {
    return { ip, pkt: this.sim.nextPacketId(), flow: flow ?? this.sim.nextFlowId(), mark: 0, iif: null, macSrc: null, ipvsProperty: false };
  }

  /** A simple counter standing in for the host's ip_select_ident. */
  private ipId = 0;
  nextIpId(): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    return this.ipId;
  }

  /** Local delivery of a packet that arrived on eth0. */
  deliver(ip: Ipv4Packet, flow: number): void {
    const skb: Skb = { ip, pkt: this.sim.nextPacketId(), flow, mark: 0, iif: 'eth0', macSrc: null, ipvsProperty: false };
    const handler = this.protocols.get(ip.protocol);
    if (handler === undefined) {
      this.drop(skb, { id: 'test.noProtocol' });
      return;
    }
    handler(skb, this);
  }

  /** The ICMP layer: answer echo requests; pass replies and errors to the socket layers. */
  private icmpRcv(skb: Skb): void {
    const icmp = skb.ip.payload;
    if (icmp.layer !== 'icmp') return;
    if (icmp.kind === 'echo' && icmp.type === 8) {
      this.sendIcmp(skb.ip.src, { ...icmp, type: 0 }, skb.flow);
      return;
    }
    if (icmp.kind === 'echo' && icmp.type === 0) {
      if (!pingRcv(this, skb)) this.drop(skb, { id: 'test.noPing' });
      return;
    }
    if (icmp.kind !== 'unreach' && icmp.kind !== 'timeExceeded') return;
    const protocol = icmp.original[9];
    if (protocol === 6) tcpStack(this).icmpError(icmp);
    else if (protocol === 17) udpStack(this).icmpError(icmp);
    else if (protocol === 1) pingErr(this, skb);
  }
}

/** Collected trace events of a kind, for assertions. */
export function eventsOf<K extends TraceEvent['kind']>(sim: FakeSim, kind: K, host?: string): Extract<TraceEvent, { kind: K }>[] {
  return sim.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind && (host === undefined || e.host === host));
}
