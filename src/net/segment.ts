/**
 * An L2 broadcast domain: one learning switch (IEEE 802.1D transparent bridging, as the Linux
 * bridge does it). Every frame put on the segment is a `tx` event, exactly the frames of that
 * segment's pcap. The switch learns source MACs per port (entries age out after 300 s, the Linux
 * bridge default) and, after the segment latency, delivers the frame to the learned port of its
 * destination or floods it to all other ports (broadcast, multicast, unknown unicast).
 * Simplified: no STP, no VLANs, no queueing or bandwidth; a frame is never sent back out its own
 * port. `block` filters model a cut or an ACL on the switch: matching frames are dropped.
 */
import type { EthernetFrame, Mac } from './wire/index.js';
import type { Simulator } from './sim.js';
import type { Msg } from '../i18n/message.js';
import { US, SEC } from './types.js';

/** What a segment needs from an attached interface. */
export interface SegmentPort {
  /** The host owning the interface (stamped on tx events). */
  readonly hostName: string;
  /** The interface name (`eth0`). */
  readonly name: string;
  /** Whether the interface can send and receive now (admin up, host running). */
  isRunning(): boolean;
  /** Delivers a frame that the switch forwarded to this port. */
  receiveFrame(frame: EthernetFrame, pkt: number, flow: number, segment: Segment): void;
}

/** A predicate selecting frames to drop on a segment. */
export type FrameFilter = (frame: EthernetFrame) => boolean;

/** A block installed with `Segment.block`; `remove()` lifts it. */
export interface BlockHandle {
  remove(): void;
}

interface FdbEntry {
  port: SegmentPort;
  updated: number;
}

interface BlockRule {
  readonly filter: FrameFilter;
  readonly label: string;
}

/** Default one-way latency of a segment: 50 µs. */
export const DEFAULT_SEGMENT_LATENCY = 50 * US;
/** Bridge forwarding-database ageing time (Linux `ageing_time` default 300 s). */
export const FDB_AGEING_TIME = 300 * SEC;

const TX_MSG: Msg = { id: 'seg.tx' };

/** Whether a MAC is a group address (the I/G bit, lowest bit of the first octet). */
export function isGroupMac(mac: Mac): boolean {
  // The first octet is mac / 2^40 (below 256): `& 1` truncates it and keeps its lowest bit.
  return ((mac / 0x100_0000_0000) & 1) === 1;
}

/** One switch. */
export class Segment {
  private readonly ports: SegmentPort[] = [];
  private readonly fdb = new Map<Mac, FdbEntry>();
  private readonly blocks: BlockRule[] = [];

  constructor(
    private readonly sim: Simulator,
    readonly name: string,
    readonly latencyNs: number = DEFAULT_SEGMENT_LATENCY,
  ) {}

  /** Plugs an interface into the switch. */
  attach(port: SegmentPort): void {
    if (!this.ports.includes(port)) this.ports.push(port);
  }

  /** Unplugs an interface and forgets the MACs learned on it. */
  detach(port: SegmentPort): void {
    const i = this.ports.indexOf(port);
    if (i >= 0) this.ports.splice(i, 1);
    for (const [mac, e] of this.fdb) if (e.port === port) this.fdb.delete(mac);
  }

  /** The attached ports, in attach order. */
  get attached(): readonly SegmentPort[] {
    return this.ports;
  }

  /**
   * Drops every frame matching `filter` until the handle is removed; `label` (for example the
   * display filter text) is shown in the drop reason.
   */
  block(filter: FrameFilter, label = ''): BlockHandle {
    const rule: BlockRule = { filter, label };
    this.blocks.push(rule);
    return {
      remove: () => {
        const i = this.blocks.indexOf(rule);
        if (i >= 0) this.blocks.splice(i, 1);
      },
    };
  }

  /**
   * Puts a frame on the segment from `port`. Returns false (and emits nothing) when the port is
   * not running. Otherwise emits `tx` (explained by `msg`, for example an ARP decision), then
   * either a `drop` (blocked) or schedules delivery.
   */
  transmit(port: SegmentPort, frame: EthernetFrame, pkt: number, flow: number, msg: Msg = TX_MSG): boolean {
    if (!port.isRunning()) return false;
    const sim = this.sim;
    const now = sim.now;
    sim.emit({ kind: 'tx', t: now, host: port.hostName, msg, iface: port.name, segment: this.name, pkt, flow, frame });
    for (let i = 0; i < this.blocks.length; i++) {
      const rule = this.blocks[i] as BlockRule;
      if (rule.filter(frame)) {
        sim.emit({
          kind: 'drop',
          t: now,
          host: port.hostName,
          msg: { id: 'seg.drop.blocked', params: { segment: this.name, filter: rule.label } },
          pkt,
          flow,
          packet: frame,
        });
        return true;
      }
    }
    if (!isGroupMac(frame.src)) {
      const e = this.fdb.get(frame.src);
      if (e === undefined) this.fdb.set(frame.src, { port, updated: now });
      else {
        e.port = port;
        e.updated = now;
      }
    }
    const to = this.learnedPort(frame.dst, now);
    if (to !== undefined) {
      // Known unicast: the one learned port (none when it is where the frame came from).
      if (to !== port) sim.after(this.latencyNs, () => this.deliver(to, frame, pkt, flow));
      return true;
    }
    const targets = this.floodPorts(port);
    if (targets.length === 0) return true;
    sim.after(this.latencyNs, () => {
      for (let i = 0; i < targets.length; i++) this.deliver(targets[i] as SegmentPort, frame, pkt, flow);
    });
    return true;
  }

  /** Hands a frame to a port that is still plugged in and running. */
  private deliver(to: SegmentPort, frame: EthernetFrame, pkt: number, flow: number): void {
    if (to.isRunning() && this.ports.includes(to)) to.receiveFrame(frame, pkt, flow, this);
  }

  /** The learned port of `mac`, if its entry has not aged out. */
  lookup(mac: Mac): SegmentPort | undefined {
    const e = this.fdb.get(mac);
    if (e === undefined) return undefined;
    if (this.sim.now - e.updated > FDB_AGEING_TIME) {
      this.fdb.delete(mac);
      return undefined;
    }
    return e.port;
  }

  /** The port a unicast `dst` was learned on, if not aged out (an aged entry is forgotten). */
  private learnedPort(dst: Mac, now: number): SegmentPort | undefined {
    if (isGroupMac(dst)) return undefined;
    const e = this.fdb.get(dst);
    if (e === undefined) return undefined;
    if (now - e.updated <= FDB_AGEING_TIME) return e.port;
    this.fdb.delete(dst);
    return undefined;
  }

  /** Every port but the one the frame came from (broadcast, multicast, unknown unicast). */
  private floodPorts(from: SegmentPort): SegmentPort[] {
    const out: SegmentPort[] = [];
    for (let i = 0; i < this.ports.length; i++) {
      const p = this.ports[i] as SegmentPort;
      if (p !== from) out.push(p);
    }
    return out;
  }
}
