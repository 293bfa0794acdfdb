/** Shared builders for the net tests: a lab with hosts on segments, an event recorder, packet makers. */
import type { TraceEvent, TraceSink } from '../../src/trace/events.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { IPPROTO_ICMP } from '../../src/net/wire/packet.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ip4 } from '../../src/net/wire/addr.js';
import { Lab } from '../../src/net/lab.js';
import type { Host } from '../../src/net/host.js';
import type { Segment } from '../../src/net/segment.js';

/** A dotted quad as a number (throws in tests on a typo). */
export function ip(text: string): Ip4 {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad IP ${text}`);
  return v;
}

/** Keeps every event. */
export class Recorder implements TraceSink {
  readonly events: TraceEvent[] = [];
  emit(e: TraceEvent): void {
    this.events.push(e);
  }
  of<K extends TraceEvent['kind']>(kind: K): Extract<TraceEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
  }
  clear(): void {
    this.events.length = 0;
  }
}

type Failure = { readonly code: string; readonly msg: { readonly id: string } };

/** The value of a builder call, failing the test on a typed error. */
export function must<T>(v: T): Exclude<T, Failure> {
  if (typeof v === 'object' && v !== null && 'code' in v && 'msg' in v) {
    const f = v as unknown as Failure;
    throw new Error(`unexpected error ${f.code} ${f.msg.id}`);
  }
  return v as Exclude<T, Failure>;
}

export function newLab(seed = 1): { lab: Lab; rec: Recorder } {
  const lab = new Lab({ seed });
  const rec = new Recorder();
  lab.addSink(rec);
  return { lab, rec };
}

export function segment(lab: Lab, name: string): Segment {
  return must(lab.addSegment({ name }));
}

/** A host with one interface `eth0` on `seg` and an address (`a.b.c.d/len`). */
export function hostOn(lab: Lab, name: string, seg: string, cidr: string, iface = 'eth0'): Host {
  const h = lab.host(name) ?? must(lab.addHost(name));
  must(h.addInterface({ name: iface, segment: seg }));
  addCidr(h, iface, cidr);
  return h;
}

export function addCidr(h: Host, dev: string, cidr: string, opts: { label?: string; scope?: 'global' | 'link' | 'host' } = {}): void {
  const [a, len] = cidr.split('/');
  must(h.addAddress(dev, ip(a as string), Number(len ?? '32'), opts));
}

/** An ICMP echo request. */
export function echoRequest(src: Ip4, dst: Ip4, seq = 1, ttl = 64): Ipv4Packet {
  return {
    layer: 'ipv4',
    tos: 0,
    id: seq,
    df: true,
    mf: false,
    fragOffset: 0,
    ttl,
    protocol: IPPROTO_ICMP,
    src,
    dst,
    options: new Uint8Array(0),
    payload: { layer: 'icmp', kind: 'echo', type: 8, code: 0, ident: 77, seq, data: new Uint8Array(8) },
  };
}

/** Sends an echo request from `h` (source from the route when `src` is 0). */
export function ping(h: Host, dst: Ip4, seq = 1, src = 0, ttl = 64): void {
  const s = src !== 0 ? src : h.routeOutput(dst).src;
  h.ipQueueXmit(h.newSkb(echoRequest(s, dst, seq, ttl)));
}
