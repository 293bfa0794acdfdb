import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

/** Opens `n` connections from a to b:80, one every 10 ms; returns the SYNs' (sport, seq). */
function syns(seed: number, n: number): [number, number][] {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, 50 * US);
  const a = net.addHost('a', A);
  const b = net.addHost('b', B);
  tcpStack(b).listen(80, () => ({ end: (s) => s.close() }));
  for (let i = 0; i < n; i++) sim.at(i * 10_000_000, () => tcpStack(a).connect(B, 80, { connected: (s) => s.close() }));
  sim.run(1 * SEC);
  return net.tcp('a').filter((r) => r.seg.flags === 0x002).map((r) => [r.seg.sport, r.seg.seq]);
}

describe('determinism and ephemeral ports', () => {
  it('gives the same ISNs and ports for the same seed, different ones for another seed', () => {
    const one = syns(42, 8);
    expect(syns(42, 8)).toEqual(one);
    expect(syns(43, 8)).not.toEqual(one);
  });

  it('picks even ports in 32768-60999, all distinct, in Linux-like small random steps', () => {
    for (const seed of [1, 2, 3, 99]) {
      const ports = syns(seed, 30).map(([p]) => p);
      expect(new Set(ports).size).toBe(30);
      for (const p of ports) {
        expect(p).toBeGreaterThanOrEqual(32768);
        expect(p).toBeLessThanOrEqual(60999);
        expect(p % 2).toBe(0);
      }
      for (let i = 1; i < ports.length; i++) {
        const step = (ports[i]! - ports[i - 1]! + 28232) % 28232;
        expect(step).toBeGreaterThanOrEqual(2);
        expect(step).toBeLessThanOrEqual(16);
      }
    }
  });

  it('skips ports still in use (TIME_WAIT included) and falls back to odd ports when evens run out', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    net.addHost('b', B);
    const stack = tcpStack(a);
    // Occupy every even port with a bound connect (the SYNs go nowhere: b has no TCP).
    for (let p = 32768; p <= 60999; p += 2) expect(stack.connect(B, 9, {}, { sport: p }).ok).toBe(true);
    const r = stack.connect(B, 9, {});
    expect(r.ok && r.value.lport % 2).toBe(1);
    expect(stack.connect(B, 9, {}, { sport: 32768 })).toEqual({ ok: false, errno: 'EADDRINUSE' });
  });

  it('refuses connect() without a route (ENETUNREACH) and sends nothing', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    a.unreachable.add(B);
    expect(tcpStack(a).connect(B, 80, {})).toEqual({ ok: false, errno: 'ENETUNREACH' });
    sim.run();
    expect(net.log).toEqual([]);
  });
});
