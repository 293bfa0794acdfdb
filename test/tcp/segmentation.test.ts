import { describe, expect, it } from 'vitest';
import { FakeHost, FakeNet, FakeSim, flagsOf } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_SYN } from '../../src/net/wire/packet.js';
import { MS, SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + 3) & 255;
  return b;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Sends a hand-made segment from `from` (a raw peer with no TCP stack of its own). */
function inject(from: FakeHost, dst: number, seg: Partial<TcpSegment> & { sport: number; dport: number }): void {
  const tcp: TcpSegment = { layer: 'tcp', seq: 0, ack: 0, flags: 0, window: 65535, urgent: 0, options: [], payload: new Uint8Array(0), ...seg };
  const ip: Ipv4Packet = { layer: 'ipv4', tos: 0, id: 1, df: true, mf: false, fragOffset: 0, ttl: 64, protocol: 6, src: from.addr, dst, options: new Uint8Array(0), payload: tcp };
  from.ipQueueXmit(from.newSkb(ip));
}

describe('segmentation', () => {
  it('splits a write larger than the MSS into MSS-sized segments, PSH on the last', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    const data = pattern(5000);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.send(data) }));
    const got: Uint8Array[] = [];
    tcpStack(a).connect(B, 80, { data: (_s, d) => got.push(d) });
    sim.run(1 * SEC);
    const fromB = net.tcp('b').filter((r) => r.seg.payload.length > 0);
    // MSS 1460 minus 12 bytes of timestamps per segment: 1448.
    expect(fromB.map((r) => r.seg.payload.length)).toEqual([1448, 1448, 1448, 656]);
    expect(fromB.map((r) => flagsOf(r.seg))).toEqual(['.', '.', '.', 'P.']);
    expect(concat(got)).toEqual(data);
  });

  it('uses the smaller MSS, no timestamps and an unscaled window when the peer offers only MSS 536', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const raw = net.addHost('raw', A);
    const seen: TcpSegment[] = [];
    raw.addProtocol(6, (skb) => {
      if (skb.ip.payload.layer === 'tcp') seen.push(skb.ip.payload);
    });
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.send(pattern(2000)) }));
    const mssOnly: TcpOption[] = [{ kind: 'mss', value: 536 }];
    inject(raw, B, { sport: 40000, dport: 80, seq: 1000, flags: TCP_SYN, window: 8192, options: mssOnly });
    sim.run(1 * MS);
    const synAck = seen[0]!;
    expect(flagsOf(synAck)).toBe('S.');
    expect(synAck.ack).toBe(1001);
    expect(synAck.options).toEqual([{ kind: 'mss', value: 1460 }]);
    expect(synAck.window).toBe(64240);
    inject(raw, B, { sport: 40000, dport: 80, seq: 1001, ack: (synAck.seq + 1) >>> 0, flags: TCP_ACK, window: 8192 });
    sim.run(2 * MS);
    const data = seen.slice(1).filter((s) => s.payload.length > 0);
    expect(data.map((s) => s.payload.length)).toEqual([536, 536, 536, 392]);
    for (const s of data) {
      expect(s.options).toEqual([]);
      expect(s.window).toBe(64240); // no window scaling without the peer's wscale option
    }
  });

  it('never has more unacknowledged bytes in flight than the peer advertised', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const raw = net.addHost('raw', A);
    const seen: TcpSegment[] = [];
    raw.addProtocol(6, (skb) => {
      if (skb.ip.payload.layer === 'tcp') seen.push(skb.ip.payload);
    });
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.send(pattern(5000)) }));
    inject(raw, B, { sport: 40000, dport: 80, seq: 1000, flags: TCP_SYN, window: 3000, options: [{ kind: 'mss', value: 1000 }] });
    sim.run(1 * MS);
    const isn = seen[0]!.seq;
    inject(raw, B, { sport: 40000, dport: 80, seq: 1001, ack: (isn + 1) >>> 0, flags: TCP_ACK, window: 3000 });
    sim.run(2 * MS);
    expect(seen.slice(1).map((s) => s.payload.length)).toEqual([1000, 1000, 1000]);
    // Acknowledge the first 2000 bytes: two more segments may go.
    inject(raw, B, { sport: 40000, dport: 80, seq: 1001, ack: (isn + 2001) >>> 0, flags: TCP_ACK, window: 3000 });
    sim.run(3 * MS);
    expect(seen.slice(4).map((s) => [s.payload.length, (s.seq - isn) >>> 0])).toEqual([
      [1000, 3001],
      [1000, 4001],
    ]);
  });

  it('acknowledges at once during quickack, then every second full segment', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.send(pattern(40 * 1448)) }));
    tcpStack(a).connect(B, 80, {});
    sim.run(1 * SEC);
    // For each pure ACK from a after the handshake: how many full segments it newly covers.
    const acks = net.tcp('a').filter((r) => r.seg.payload.length === 0).map((r) => r.seg.ack);
    const covered: number[] = [];
    for (let i = 2; i < acks.length; i++) covered.push(((acks[i]! - acks[i - 1]!) >>> 0) / 1448);
    expect(covered.slice(0, 16)).toEqual(Array(16).fill(1));
    expect(covered.slice(16).every((n) => n === 2)).toBe(true);
    expect(covered.reduce((x, y) => x + y, 0)).toBe(40);
  });

  it('delays a lone ACK by 40 ms once quickack is over, unless data carries it', () => {
    const sim = new FakeSim(5);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    let server: import('../../src/net/tcp/socket.js').TcpSocket | undefined;
    tcpStack(b).listen(80, (s) => {
      server = s;
      return {};
    });
    tcpStack(a).connect(B, 80, {});
    sim.run(1 * MS);
    // 16 small segments, 100 ms apart: each acknowledged at once (quickack).
    for (let i = 0; i < 17; i++) sim.at(sim.now + (i + 1) * 100 * MS, () => server!.send(pattern(10)));
    sim.run(3 * SEC);
    const acks = net.tcp('a').filter((r) => r.seg.payload.length === 0).slice(2); // after the SYN and the handshake ACK
    const datas = net.tcp('b').filter((r) => r.seg.payload.length > 0);
    const delays = acks.map((r, i) => r.t - datas[i]!.t);
    expect(delays.slice(0, 16)).toEqual(Array(16).fill(50 * US));
    expect(delays[16]).toBe(50 * US + 40 * MS);
  });
});
