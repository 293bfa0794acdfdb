import { formatIp4 } from '../../src/net/wire/addr.js';
import { describe, expect, it } from 'vitest';
import { FakeHost, FakeNet, FakeSim, eventsOf, flagsOf } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import type { TcpSocket } from '../../src/net/tcp/socket.js';
import type { TcpErrno } from '../../src/net/tcp/state.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import { MS, SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

function setup(seed = 11) {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, 50 * US);
  const a = net.addHost('a', A);
  const b = net.addHost('b', B);
  return { sim, net, a, b };
}

function inject(from: FakeHost, dst: number, seg: Partial<TcpSegment> & { sport: number; dport: number }): void {
  const tcp: TcpSegment = { layer: 'tcp', seq: 0, ack: 0, flags: 0, window: 65535, urgent: 0, options: [], payload: new Uint8Array(0), ...seg };
  const ip: Ipv4Packet = { layer: 'ipv4', tos: 0, id: 1, df: true, mf: false, fragOffset: 0, ttl: 64, protocol: 6, src: from.addr, dst, options: new Uint8Array(0), payload: tcp };
  from.ipQueueXmit(from.newSkb(ip));
}

describe('RST (RFC 9293 §3.10.7.1)', () => {
  it('answers a SYN to a closed port with RST,ACK seq 0 ack ISN+1; connect() fails with ECONNREFUSED', () => {
    const { sim, net, a, b } = setup();
    tcpStack(b); // TCP is registered, nothing listens
    const errors: TcpErrno[] = [];
    tcpStack(a).connect(B, 81, { error: (_s, e) => errors.push(e) });
    sim.run();
    const [syn, rst] = net.tcp();
    expect(flagsOf(rst!.seg)).toBe('R.');
    expect(rst!.seg.seq).toBe(0);
    expect(rst!.seg.ack).toBe((syn!.seg.seq + 1) >>> 0);
    expect(rst!.seg.window).toBe(0);
    expect(rst!.seg.options).toEqual([]);
    expect([rst!.seg.sport, rst!.seg.dport]).toEqual([81, syn!.seg.sport]);
    expect(rst!.ip.id).toBe(0);
    expect(rst!.ip.src).toBe(B);
    expect(errors).toEqual(['ECONNREFUSED']);
    expect(eventsOf(sim, 'sock', 'a').map((e) => [e.state, e.msg.id])).toEqual([
      ['SYN_SENT', 'tcp.state.synSent'],
      ['CLOSED', 'tcp.closed.refused'],
    ]);
    expect(eventsOf(sim, 'drop', 'b').map((e) => e.msg)).toEqual([{ id: 'tcp.drop.noSocket', params: { port: 81, peer: `${formatIp4(A)}:${syn!.seg.sport}` } }]);
    expect(net.tcp().length).toBe(2);
  });

  it('answers a segment with ACK by RST with seq = its ack and no ACK flag; never answers a RST', () => {
    const { sim, net, a, b } = setup();
    tcpStack(b);
    inject(a, B, { sport: 5000, dport: 80, seq: 100, ack: 777, flags: TCP_ACK, payload: new Uint8Array(10) });
    inject(a, B, { sport: 5000, dport: 80, seq: 100, ack: 0, flags: TCP_RST });
    inject(a, B, { sport: 5000, dport: 80, seq: 100, ack: 0, flags: TCP_FIN, payload: new Uint8Array(5) });
    sim.run();
    const fromB = net.tcp('b');
    expect(fromB.map((r) => [flagsOf(r.seg), r.seg.seq, r.seg.ack])).toEqual([
      ['R', 777, 0],
      ['R.', 0, 106], // SEG.SEQ + 5 data bytes + FIN
    ]);
  });

  it('answers an ACK to a listening port without a handshake with a RST', () => {
    const { sim, net, a, b } = setup();
    tcpStack(b).listen(80, () => ({}));
    inject(a, B, { sport: 5000, dport: 80, seq: 1, ack: 4242, flags: TCP_ACK });
    sim.run();
    expect(net.tcp('b').map((r) => [flagsOf(r.seg), r.seg.seq])).toEqual([['R', 4242]]);
    expect(eventsOf(sim, 'drop', 'b')[0]!.msg.id).toBe('tcp.drop.listenAck');
  });

  it('aborts an established connection on a RST at rcv.nxt (ECONNRESET)', () => {
    const { sim, net, a, b } = setup();
    let server: TcpSocket | undefined;
    tcpStack(b).listen(80, (s) => {
      server = s;
      return {};
    });
    const errors: TcpErrno[] = [];
    const res = tcpStack(a).connect(B, 80, { error: (_s, e) => errors.push(e) });
    sim.run(1 * MS);
    server!.abort();
    sim.run(2 * MS);
    expect(flagsOf(net.tcp('b').at(-1)!.seg)).toBe('R.');
    expect(errors).toEqual(['ECONNRESET']);
    expect(res.ok && res.value.state).toBe('CLOSED');
    expect(eventsOf(sim, 'sock', 'a').at(-1)!.msg.id).toBe('tcp.closed.reset');
    expect(eventsOf(sim, 'sock', 'b').at(-1)!.msg.id).toBe('tcp.closed.abort');
  });

  it('answers an in-window RST with the wrong sequence number by a challenge ACK (RFC 5961)', () => {
    const { sim, a, b } = setup();
    const seen: TcpSegment[] = [];
    a.addProtocol(6, (skb) => {
      if (skb.ip.payload.layer === 'tcp') seen.push(skb.ip.payload);
    });
    let server: TcpSocket | undefined;
    tcpStack(b).listen(80, (s) => {
      server = s;
      return {};
    });
    inject(a, B, { sport: 5000, dport: 80, seq: 1000, flags: TCP_SYN, options: [{ kind: 'mss', value: 1460 }] });
    sim.run(1 * MS);
    inject(a, B, { sport: 5000, dport: 80, seq: 1001, ack: (seen[0]!.seq + 1) >>> 0, flags: TCP_ACK });
    sim.run(2 * MS);
    expect(server!.state).toBe('ESTABLISHED');
    inject(a, B, { sport: 5000, dport: 80, seq: 1501, flags: TCP_RST });
    sim.run(3 * MS);
    expect(server!.state).toBe('ESTABLISHED');
    expect(flagsOf(seen.at(-1)!)).toBe('.');
    expect(seen.at(-1)!.ack).toBe(1001);
    inject(a, B, { sport: 5000, dport: 80, seq: 1001, flags: TCP_RST });
    sim.run(4 * MS);
    expect(server!.state).toBe('CLOSED');
  });

  it('fails connect() at once on ICMP port unreachable, and ignores it once established', () => {
    const { sim, net, a, b } = setup();
    const errors: TcpErrno[] = [];
    tcpStack(b);
    b.addProtocol(6, (skb) => b.icmpSend(skb, 3, 3)); // a firewall-style REJECT with icmp-port-unreachable
    tcpStack(a).connect(B, 80, { error: (_s, e) => errors.push(e) });
    sim.run(5 * SEC);
    expect(errors).toEqual(['ECONNREFUSED']);
    expect(net.tcp('a').length).toBe(1); // no SYN retransmission
    expect(eventsOf(sim, 'sock', 'a').at(-1)!.msg).toEqual({ id: 'tcp.closed.icmp', params: { type: 3, code: 3, errno: 'ECONNREFUSED' } });
  });
});
