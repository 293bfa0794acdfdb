/**
 * A lab: one Simulator, named segments (switches) and named hosts, with the typed builder API the
 * scenario layer drives. Every host gets what a booted Linux box has: `lo` with 127.0.0.1/8, a TCP
 * and a UDP layer (a SYN to a closed port gets its RST, a datagram its port unreachable), ping
 * sockets, and ICMP errors routed to the protocol they quote.
 */
import type { TraceSink } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from './wire/packet.js';
import { Simulator } from './sim.js';
import type { RunOptions, RunResult } from './sim.js';
import { DEFAULT_SEGMENT_LATENCY, Segment } from './segment.js';
import { Host } from './host.js';
import { tcpStack } from './tcp/stack.js';
import { udpStack } from './udp/udp.js';
import { pingErr, pingRcv } from './apps/ping.js';

/** Options of a new lab. */
export interface LabOptions {
  /** The scenario seed (default 1). */
  readonly seed?: number;
}

/** Options of `Lab.addSegment`. */
export interface SegmentOptions {
  readonly name: string;
  /** One-way latency in ns (default 50 µs). */
  readonly latencyNs?: number;
}

/** A refused lab change. */
export interface LabError {
  readonly code: 'duplicateSegment' | 'duplicateHost';
  readonly msg: Msg;
}

/** The whole simulated network. */
export class Lab {
  readonly sim: Simulator;
  private readonly segs = new Map<string, Segment>();
  private readonly hostMap = new Map<string, Host>();

  constructor(opts: LabOptions = {}) {
    this.sim = new Simulator(opts.seed ?? 1);
  }

  /** Adds a segment (an L2 broadcast domain with one learning switch). */
  addSegment(opts: SegmentOptions): Segment | LabError {
    if (this.segs.has(opts.name)) return { code: 'duplicateSegment', msg: { id: 'lab.err.duplicateSegment', params: { segment: opts.name } } };
    const seg = new Segment(this.sim, opts.name, opts.latencyNs ?? DEFAULT_SEGMENT_LATENCY);
    this.segs.set(opts.name, seg);
    return seg;
  }

  /** Adds a host with `lo`, TCP, UDP and ICMP wired; its interfaces come from `host.addInterface`. */
  addHost(name: string): Host | LabError {
    if (this.hostMap.has(name)) return { code: 'duplicateHost', msg: { id: 'lab.err.duplicateHost', params: { host: name } } };
    const host = new Host(this.sim, name, this.hostMap.size + 1, (s) => this.segs.get(s));
    this.hostMap.set(name, host);
    const tcp = tcpStack(host);
    const udp = udpStack(host);
    host.onEchoReply((skb) => pingRcv(host, skb));
    host.setIcmpErrHandler(IPPROTO_ICMP, (_icmp, skb) => {
      pingErr(host, skb);
    });
    host.setIcmpErrHandler(IPPROTO_TCP, (icmp) => tcp.icmpError(icmp));
    host.setIcmpErrHandler(IPPROTO_UDP, (icmp) => udp.icmpError(icmp));
    host.onLifecycle((e) => {
      if (e === 'crash') {
        tcp.flush();
        udp.flush();
      }
    });
    return host;
  }

  /** A host by name. */
  host(name: string): Host | undefined {
    return this.hostMap.get(name);
  }

  /** A segment by name. */
  segment(name: string): Segment | undefined {
    return this.segs.get(name);
  }

  /** All hosts, in creation order. */
  get hosts(): readonly Host[] {
    return [...this.hostMap.values()];
  }

  /** All segments, in creation order. */
  get segments(): readonly Segment[] {
    return [...this.segs.values()];
  }

  /** Registers a trace sink. */
  addSink(sink: TraceSink): void {
    this.sim.addSink(sink);
  }

  /** Runs the simulation (see Simulator.run). */
  run(opts: RunOptions = {}): RunResult {
    return this.sim.run(opts);
  }
}
