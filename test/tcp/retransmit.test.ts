import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FakeNet, FakeSim, eventsOf, flagsOf } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import type { TcpErrno } from '../../src/net/tcp/state.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { MS, SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

function setup(seed = 21) {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, 50 * US);
  const a = net.addHost('a', A);
  const b = net.addHost('b', B);
  return { sim, net, a, b };
}

function pattern(n: number, salt = 0): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + salt) & 255;
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

describe('retransmission', () => {
  it('resends a lost SYN after 1 s, then 2 s later, with the same ISN', () => {
    const { sim, net, b, a } = setup();
    tcpStack(b).listen(80, () => ({}));
    net.lose = (_ip, i) => i < 2; // the first SYN and its first retransmission
    let connectedAt = -1;
    tcpStack(a).connect(B, 80, { connected: () => (connectedAt = sim.now) });
    sim.run(10 * SEC);
    const syns = net.tcp('a').filter((r) => flagsOf(r.seg) === 'S');
    expect(syns.map((r) => r.t)).toEqual([0, 1 * SEC, 3 * SEC]);
    expect(new Set(syns.map((r) => r.seg.seq)).size).toBe(1);
    expect(connectedAt).toBe(3 * SEC + 100 * US);
  });

  it('gives up after 6 SYN retransmissions (tcp_syn_retries) at 127 s with ETIMEDOUT', () => {
    const { sim, net, a } = setup();
    net.lose = () => true;
    const errors: [TcpErrno, number][] = [];
    tcpStack(a).connect(B, 80, { error: (_s, e) => errors.push([e, sim.now]) });
    sim.run();
    expect(net.tcp('a').map((r) => r.t / SEC)).toEqual([0, 1, 3, 7, 15, 31, 63]);
    expect(errors).toEqual([['ETIMEDOUT', 127 * SEC]]);
    expect(eventsOf(sim, 'sock', 'a').at(-1)!.msg).toEqual({ id: 'tcp.closed.timeout', params: { retries: 6 } });
  });

  it('resends a lost SYN-ACK when the client resends its SYN, and on its own timer', () => {
    const { sim, net, a, b } = setup();
    tcpStack(b).listen(80, () => ({}));
    net.lose = (ip) => ip.payload.layer === 'tcp' && flagsOf(ip.payload) === 'S.' && sim.now < 2 * SEC;
    tcpStack(a).connect(B, 80, {});
    sim.run(10 * SEC);
    const wire = net.tcp().map((r) => `${r.t / MS}:${r.from}:${flagsOf(r.seg)}${r.lost ? '(lost)' : ''}`);
    expect(wire).toEqual([
      '0:a:S',
      '0.05:b:S.(lost)',
      '1000:a:S', // client RTO 1 s
      '1000.05:b:S.(lost)', // the resent SYN makes the server resend its SYN-ACK at once
      '1000.05:b:S.(lost)', // and the server's own 1 s RTO fires at the same instant
      '3000:a:S', // client RTO doubled
      '3000.05:b:S.', // answer to that SYN
      '3000.05:b:S.', // server RTO doubled
      '3000.1:a:.', // handshake ACK
      '3000.1:a:.', // the duplicate SYN-ACK is outside the window: ACK again
    ]);
    expect(eventsOf(sim, 'sock', 'b').at(-1)!.state).toBe('ESTABLISHED');
  });

  it('resends lost data after the RTO (at least 200 ms) and delivers it once, in order', () => {
    const { sim, net, a, b } = setup();
    const data = pattern(6000);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.send(data) }));
    let n = 0;
    net.lose = (ip) => ip.payload.layer === 'tcp' && ip.payload.payload.length > 0 && n++ === 1; // the 2nd data segment
    const got: Uint8Array[] = [];
    tcpStack(a).connect(B, 80, { data: (_s, d) => got.push(d) });
    sim.run(5 * SEC);
    expect(concat(got)).toEqual(data);
    const dataSegs = net.tcp('b').filter((r) => r.seg.payload.length > 0);
    const lost = dataSegs.find((r) => r.lost)!;
    const resent = dataSegs.filter((r) => r.seg.seq === lost.seg.seq && !r.lost);
    expect(resent.length).toBe(1);
    expect(resent[0]!.t - lost.t).toBeGreaterThanOrEqual(200 * MS);
    expect(resent[0]!.t - lost.t).toBeLessThan(1 * SEC);
    expect(eventsOf(sim, 'drop', 'a').some((e) => e.msg.id === 'tcp.drop.outOfOrder')).toBe(true);
  });

  it('drops a connection whose data is never acknowledged after 15 retransmissions (tcp_retries2)', () => {
    const { sim, net, a, b } = setup();
    tcpStack(b).listen(80, () => ({}));
    const errors: TcpErrno[] = [];
    tcpStack(a).connect(B, 80, { connected: (s) => s.send(pattern(100)), error: (_s, e) => errors.push(e) });
    net.lose = (ip) => ip.payload.layer === 'tcp' && ip.payload.payload.length > 0;
    sim.run();
    const sends = net.tcp('a').filter((r) => r.seg.payload.length > 0);
    expect(sends.length).toBe(16);
    const gaps = sends.slice(1).map((r, i) => r.t - sends[i]!.t);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBe(Math.min(2 * gaps[i - 1]!, 120 * SEC));
    // RTO = SRTT + max(4·RTTVAR, 200 ms), SRTT measured on the handshake: 100 µs.
    expect(gaps[0]).toBe(200 * MS + 100 * US);
    expect(errors).toEqual(['ETIMEDOUT']);
  });

  it('delivers every byte exactly once, in order, whatever packets are lost (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60), { maxLength: 12 }), fc.integer({ min: 1, max: 9000 }), (lostIdx, size) => {
        const { sim, net, a, b } = setup(size);
        const lose = new Set(lostIdx);
        net.lose = (_ip, i) => lose.has(i);
        const request = pattern(size, 1);
        const response = pattern(size * 2, 2);
        const atServer: Uint8Array[] = [];
        const atClient: Uint8Array[] = [];
        let clientEnd = false;
        const errors: string[] = [];
        tcpStack(b).listen(80, () => {
          let n = 0;
          return {
            data(s, d) {
              atServer.push(d);
              n += d.length;
              if (n === size) {
                s.send(response);
                s.close();
              }
            },
            error: (_s, e) => errors.push(`b:${e}`),
          };
        });
        tcpStack(a).connect(B, 80, {
          connected: (s) => s.send(request),
          data: (_s, d) => atClient.push(d),
          end(s) {
            clientEnd = true;
            s.close();
          },
          error: (_s, e) => errors.push(`a:${e}`),
        });
        sim.run();
        expect(errors).toEqual([]);
        expect(concat(atServer)).toEqual(request);
        expect(concat(atClient)).toEqual(response);
        expect(clientEnd).toBe(true);
        expect(eventsOf(sim, 'sock', 'a').at(-1)!.state).toBe('CLOSED');
        expect(eventsOf(sim, 'sock', 'b').at(-1)!.state).toBe('CLOSED');
      }),
      { numRuns: 100 },
    );
  });
});
