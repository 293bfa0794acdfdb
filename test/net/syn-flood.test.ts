import { describe, expect, it } from 'vitest';
import { startSynFlood, synFloodTotal, type SynFloodSpec } from '../../src/net/apps/syn-flood.js';
import { MS, SEC, type RouteResult, type Skb } from '../../src/net/types.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { TCP_SYN } from '../../src/net/wire/packet.js';
import { FakeHost, ip } from '../ipvs/fake-host.js';

class Attacker extends FakeHost {
  readonly times: number[] = [];
  override dstOutput(skb: Skb, route: RouteResult): void {
    this.times.push(this.sim.now);
    super.dstOutput(skb, route);
  }
}

const VIP = ip('192.168.1.100');
const BASE: SynFloodSpec = { to: VIP, port: 80, count: 200, period: SEC, duration: 500 * MS, spoof: { addr: ip('198.51.100.0'), prefixLen: 24 } };

function flood(spec: SynFloodSpec, at = 10 * MS): { host: Attacker; packets: Ipv4Packet[] } {
  const host = new Attacker();
  const r = startSynFlood(host, spec, at);
  expect(r.ok).toBe(true);
  host.sim.runUntil(10 * SEC);
  return { host, packets: host.sent.map((s) => s.packet) };
}

function tcp(p: Ipv4Packet) {
  if (p.payload.layer !== 'tcp') throw new Error('not tcp');
  return p.payload;
}

describe('syn-flood app', () => {
  it('200/s for 500 ms: 100 SYNs, one every 5 ms from `at`', () => {
    expect(synFloodTotal(BASE)).toBe(100);
    const { host, packets } = flood(BASE);
    expect(packets).toHaveLength(100);
    expect(host.times[0]).toBe(10 * MS);
    expect(host.times[99]).toBe(10 * MS + 495 * MS);
    expect(host.times.every((t, i) => t === 10 * MS + i * 5 * MS)).toBe(true);
  });

  it('raw SYNs to the target: no options, random source ports and ISNs, sources inside the spoofed /24 but never .0 or .255', () => {
    const { packets } = flood(BASE);
    for (const p of packets) {
      const t = tcp(p);
      expect(p.dst).toBe(VIP);
      expect(t.dport).toBe(80);
      expect(t.flags).toBe(TCP_SYN);
      expect(t.options).toEqual([]);
      expect(t.sport).toBeGreaterThanOrEqual(1024);
      expect(p.src >>> 8).toBe(ip('198.51.100.0') >>> 8);
      expect([0, 255]).not.toContain(p.src & 0xff);
    }
    expect(new Set(packets.map((p) => p.src)).size).toBeGreaterThan(50);
    expect(new Set(packets.map((p) => tcp(p).sport)).size).toBeGreaterThan(50);
    expect(new Set(packets.map((p) => tcp(p).seq)).size).toBeGreaterThan(80);
  });

  it('without spoof the SYNs come from the host’s own route source', () => {
    const { packets } = flood({ to: VIP, port: 80, count: 10, period: SEC, duration: SEC });
    expect(packets).toHaveLength(10);
    expect(new Set(packets.map((p) => p.src))).toEqual(new Set([ip('192.168.1.5')]));
  });

  it('a /32 spoof always uses that one address', () => {
    const { packets } = flood({ ...BASE, spoof: { addr: ip('198.51.100.7'), prefixLen: 32 } });
    expect(new Set(packets.map((p) => p.src))).toEqual(new Set([ip('198.51.100.7')]));
  });

  it('deterministic: the same seed gives the same flood', () => {
    const a = flood(BASE).packets;
    const b = flood(BASE).packets;
    expect(b).toEqual(a);
  });

  it('stop() ends the flood; a bad port or rate is refused', () => {
    const host = new Attacker();
    const r = startSynFlood(host, BASE, 0);
    host.sim.runUntil(49 * MS);
    if (r.ok) r.value.stop();
    host.sim.runUntil(SEC);
    expect(host.sent).toHaveLength(10);
    expect(startSynFlood(host, { ...BASE, port: 0 }, 0).ok).toBe(false);
    expect(startSynFlood(host, { ...BASE, count: 0 }, 0).ok).toBe(false);
  });
});
