/**
 * A small HostApi for IPVS tests: a virtual clock with an ordered event queue, netfilter hooks run
 * in priority order, a route table given as a function, and every call IPVS makes recorded
 * (ICMP errors, dst_output, drops, events).
 */
import type { HostApi, NfHookOps, NfHookState, RouteResult, SimApi, Skb, Timer, TraceEventInput } from '../../src/net/types.js';
import type { Ip4, Mac } from '../../src/net/wire/addr.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet, TcpSegment, UdpDatagram } from '../../src/net/wire/packet.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../src/net/wire/packet.js';
import type { HookName, TraceEvent, Verdict } from '../../src/trace/events.js';
import type { Msg } from '../../src/i18n/message.js';
import { IPVS_SYSCTL_DEFAULTS } from '../../src/ipvs/state.js';

export function ip(text: string): Ip4 {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad address ${text}`);
  return v;
}

interface QueueEntry {
  readonly time: number;
  readonly seq: number;
  readonly fn: () => void;
  readonly timer: { active: boolean };
}

export class FakeSim implements SimApi {
  now = 0;
  private seq = 0;
  private queue: QueueEntry[] = [];
  private rand = 12345;
  private pktId = 0;
  private flowId = 0;
  readonly events: TraceEvent[] = [];

  at(time: number, fn: () => void): Timer {
    const state = { active: true };
    this.queue.push({ time, seq: this.seq++, fn, timer: state });
    return {
      cancel(): void {
        state.active = false;
      },
      get active(): boolean {
        return state.active;
      },
    };
  }

  after(delay: number, fn: () => void): Timer {
    return this.at(this.now + delay, fn);
  }

  randomInt(min: number, max: number): number {
    this.rand = (this.rand * 1103515245 + 12345) % 2147483648;
    return min + (this.rand % (max - min + 1));
  }

  nextPacketId(): number {
    return ++this.pktId;
  }

  nextFlowId(): number {
    return ++this.flowId;
  }

  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  /** Runs queued events with time ≤ `until`, in (time, insertion) order, then sets the clock to `until`. */
  runUntil(until: number): void {
    for (;;) {
      let best: QueueEntry | undefined;
      for (const e of this.queue) {
        if (!e.timer.active || e.time > until) continue;
        if (best === undefined || e.time < best.time || (e.time === best.time && e.seq < best.seq)) best = e;
      }
      if (best === undefined) break;
      const b = best;
      this.queue = this.queue.filter((e) => e !== b);
      b.timer.active = false;
      this.now = b.time;
      b.fn();
    }
    this.now = until;
  }

  /** Timers still waiting. */
  pending(): number {
    return this.queue.filter((e) => e.timer.active).length;
  }
}

export interface Hop {
  readonly hook: HookName;
  readonly verdict: Verdict;
  readonly ttl: number;
}

export class FakeHost implements HostApi {
  readonly name = 'director';
  readonly sim = new FakeSim();
  readonly hooks: NfHookOps[] = [];
  readonly registrations: { op: 'register' | 'unregister'; hook: HookName; priority: number }[] = [];
  readonly icmp: { type: number; code: number; info: number | undefined; packet: Ipv4Packet }[] = [];
  readonly sent: { packet: Ipv4Packet; route: RouteResult; ipvsProperty: boolean }[] = [];
  readonly drops: { packet: Ipv4Packet; reason: Msg }[] = [];
  readonly delivered: Ipv4Packet[] = [];
  readonly hops: Hop[] = [];
  readonly sysctls = new Map<string, number>();
  readonly local = new Set<Ip4>();
  mtu = 1500;
  unreachable = new Set<Ip4>();

  get events(): TraceEvent[] {
    return this.sim.events;
  }

  nfRegister(ops: NfHookOps): void {
    this.hooks.push(ops);
    this.registrations.push({ op: 'register', hook: ops.hook, priority: ops.priority });
  }

  nfUnregister(ops: NfHookOps): void {
    const i = this.hooks.indexOf(ops);
    if (i >= 0) this.hooks.splice(i, 1);
    this.registrations.push({ op: 'unregister', hook: ops.hook, priority: ops.priority });
  }

  routeOutput(dst: Ip4): RouteResult {
    if (this.local.has(dst)) return { type: 'local', dev: 'lo', nextHop: dst, src: dst, mtu: 65536 };
    if (this.unreachable.has(dst)) return { type: 'unreachable', dev: '', nextHop: 0, src: 0, mtu: 0 };
    return { type: 'unicast', dev: 'eth0', nextHop: dst, src: ip('192.168.1.5'), mtu: this.mtu };
  }

  isLocalAddress(addr: Ip4): boolean {
    return this.local.has(addr);
  }

  ipQueueXmit(skb: Skb, route?: RouteResult): void {
    this.dstOutput(skb, route ?? this.routeOutput(skb.ip.dst));
  }

  dstOutput(skb: Skb, route: RouteResult): void {
    this.sent.push({ packet: skb.ip, route, ipvsProperty: skb.ipvsProperty });
  }

  /** dev_queue_xmit: recorded in `l2sent` (no route involved). */
  readonly l2sent: { packet: Ipv4Packet; dev: string; mac: Mac }[] = [];
  xmit(dev: string, skb: Skb, mac: Mac): void {
    this.l2sent.push({ packet: skb.ip, dev, mac });
  }

  nfHook(hook: HookName, skb: Skb, state: NfHookState, okfn: (skb: Skb) => void): void {
    const ops = this.hooks.filter((h) => h.hook === hook).sort((a, b) => a.priority - b.priority);
    for (const o of ops) {
      const v = o.fn(skb, state);
      this.hops.push({ hook, verdict: v, ttl: skb.ip.ttl });
      if (v !== 'ACCEPT') return;
    }
    okfn(skb);
  }

  icmpSend(skb: Skb, type: number, code: number, info?: number): void {
    this.icmp.push({ type, code, info, packet: skb.ip });
  }

  addProtocol(): void {}

  sysctl(key: string): number {
    const v = this.sysctls.get(key);
    if (v !== undefined) return v;
    const name = key.replace('net.ipv4.vs.', '') as keyof typeof IPVS_SYSCTL_DEFAULTS;
    return IPVS_SYSCTL_DEFAULTS[name] ?? 0;
  }

  setSysctl(name: string, value: number): void {
    this.sysctls.set(`net.ipv4.vs.${name}`, value);
  }

  ifaceMac(): number | undefined {
    return undefined;
  }

  emit(event: TraceEventInput): void {
    this.sim.emit({ ...event, t: this.sim.now, host: this.name } as TraceEvent);
  }

  drop(skb: Skb, reason: Msg): void {
    this.drops.push({ packet: skb.ip, reason });
  }

  newSkb(packet: Ipv4Packet, flow?: number): Skb {
    return { ip: packet, pkt: this.sim.nextPacketId(), flow: flow ?? this.sim.nextFlowId(), mark: 0, iif: null, macSrc: null, ipvsProperty: false };
  }

  /** The IP ids handed out so far (ip_select_ident), counting up from `ipIdNext`. */
  ipIdNext = 0x1234;
  nextIpId(): number {
    const id = this.ipIdNext;
    this.ipIdNext = (this.ipIdNext + 1) & 0xffff;
    return id;
  }

  /** A packet arriving on eth0 for this host: runs LOCAL_IN, records local delivery on ACCEPT. */
  receive(packet: Ipv4Packet, mark = 0, macSrc: Mac | null = null): Skb {
    const skb = this.newSkb(packet);
    skb.iif = 'eth0';
    skb.macSrc = macSrc;
    skb.mark = mark;
    this.nfHook('LOCAL_IN', skb, { hook: 'LOCAL_IN', in: 'eth0', out: null }, (s) => this.delivered.push(s.ip));
    return skb;
  }

  /** The verdict of the last LOCAL_IN traversal's last hook. */
  lastVerdict(): Verdict | undefined {
    const inHops = this.hops.filter((h) => h.hook === 'LOCAL_IN');
    return inHops[inHops.length - 1]?.verdict;
  }
}

const NO_BYTES = new Uint8Array(0);

export function tcpPacket(
  src: string,
  sport: number,
  dst: string,
  dport: number,
  flags: number,
  opts: { ttl?: number; df?: boolean; payload?: number } = {},
): Ipv4Packet {
  const seg: TcpSegment = {
    layer: 'tcp',
    sport,
    dport,
    seq: 1000,
    ack: 0,
    flags,
    window: 65535,
    urgent: 0,
    options: [],
    payload: opts.payload === undefined ? NO_BYTES : new Uint8Array(opts.payload),
  };
  return {
    layer: 'ipv4',
    tos: 0,
    id: 1,
    df: opts.df ?? true,
    mf: false,
    fragOffset: 0,
    ttl: opts.ttl ?? 64,
    protocol: IPPROTO_TCP,
    src: ip(src),
    dst: ip(dst),
    options: NO_BYTES,
    payload: seg,
  };
}

export function udpPacket(src: string, sport: number, dst: string, dport: number): Ipv4Packet {
  const dgram: UdpDatagram = { layer: 'udp', sport, dport, payload: new Uint8Array(20) };
  return {
    layer: 'ipv4',
    tos: 0,
    id: 1,
    df: false,
    mf: false,
    fragOffset: 0,
    ttl: 64,
    protocol: IPPROTO_UDP,
    src: ip(src),
    dst: ip(dst),
    options: NO_BYTES,
    payload: dgram,
  };
}
