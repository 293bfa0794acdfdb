import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim, eventsOf, flagsOf } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import type { TcpSocket } from '../../src/net/tcp/socket.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;
const L = 50 * US;

/** a connects to b:80, sends 100 bytes; b answers 200 bytes; a closes; b closes on EOF. */
function exchange(seed = 7) {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, L);
  const a = net.addHost('a', A);
  const b = net.addHost('b', B);
  const got: { a: number; b: number } = { a: 0, b: 0 };
  let client: TcpSocket | undefined;
  tcpStack(b).listen(80, () => ({
    data(s, d) {
      got.b += d.length;
      s.send(new Uint8Array(200));
    },
    end(s) {
      s.close();
    },
  }));
  const res = tcpStack(a).connect(B, 80, {
    connected(s) {
      s.send(new Uint8Array(100));
    },
    data(s, d) {
      got.a += d.length;
      s.close();
    },
  });
  if (res.ok) client = res.value;
  return { sim, net, a, b, got, client };
}

describe('handshake, data and FIN on a two-host link', () => {
  it('puts the exact flag sequence on the wire', () => {
    const { sim, net, got } = exchange();
    sim.run();
    const wire = net.tcp().map((r) => `${r.from}:${flagsOf(r.seg)}`);
    expect(wire).toEqual(['a:S', 'b:S.', 'a:.', 'a:P.', 'b:.', 'b:P.', 'a:.', 'a:F.', 'b:F.', 'a:.']);
    expect(got).toEqual({ a: 200, b: 100 });
  });

  it('numbers every segment from the two ISNs', () => {
    const { sim, net } = exchange();
    sim.run();
    const segs = net.tcp().map((r) => r.seg);
    const isnA = segs[0]!.seq;
    const isnB = segs[1]!.seq;
    const rel = segs.map((s) => [flagsOf(s), (s.seq - (s.sport === 80 ? isnB : isnA)) >>> 0, s.flags & 0x10 ? (s.ack - (s.sport === 80 ? isnA : isnB)) >>> 0 : 0, s.payload.length]);
    expect(rel).toEqual([
      ['S', 0, 0, 0],
      ['S.', 0, 1, 0],
      ['.', 1, 1, 0],
      ['P.', 1, 1, 100],
      ['.', 1, 101, 0],
      ['P.', 1, 101, 200],
      ['.', 101, 201, 0],
      ['F.', 101, 201, 0],
      ['F.', 201, 102, 0],
      ['.', 102, 202, 0],
    ]);
  });

  it('offers Linux SYN options in Linux order and answers with the same', () => {
    const { sim, net } = exchange();
    sim.run();
    const [syn, synAck, ack] = net.tcp();
    expect(syn!.seg.options.map((o) => o.kind)).toEqual(['mss', 'sackPermitted', 'timestamps', 'nop', 'wscale']);
    expect(syn!.seg.options[0]).toEqual({ kind: 'mss', value: 1460 });
    expect(syn!.seg.options[4]).toEqual({ kind: 'wscale', shift: 7 });
    expect(syn!.seg.window).toBe(64240);
    const synTs = syn!.seg.options[2];
    expect(synTs?.kind === 'timestamps' && synTs.tsecr).toBe(0);
    expect(synAck!.seg.options.map((o) => o.kind)).toEqual(['mss', 'sackPermitted', 'timestamps', 'nop', 'wscale']);
    const saTs = synAck!.seg.options[2];
    // The SYN-ACK echoes the SYN's TSval.
    expect(saTs?.kind === 'timestamps' && synTs?.kind === 'timestamps' && saTs.tsecr === synTs.tsval).toBe(true);
    // After the handshake: nop, nop, TS; the window is scaled by 7 (64240 >> 7 = 501).
    expect(ack!.seg.options.map((o) => o.kind)).toEqual(['nop', 'nop', 'timestamps']);
    expect(ack!.seg.window).toBe(501);
  });

  it('sends IP packets like Linux: DF, TTL 64, per-socket IDs, ID 0 on the SYN-ACK', () => {
    const { sim, net } = exchange();
    sim.run();
    const recs = net.tcp();
    for (const r of recs) {
      expect(r.ip.df).toBe(true);
      expect(r.ip.ttl).toBe(64);
    }
    const fromA = recs.filter((r) => r.from === 'a').map((r) => r.ip.id);
    for (let i = 1; i < fromA.length; i++) expect(fromA[i]).toBe((fromA[0]! + i) & 0xffff);
    const fromB = recs.filter((r) => r.from === 'b');
    expect(flagsOf(fromB[0]!.seg)).toBe('S.');
    expect(fromB[0]!.ip.id).toBe(0);
    for (let i = 2; i < fromB.length; i++) expect(fromB[i]!.ip.id).toBe((fromB[1]!.ip.id + i - 1) & 0xffff);
  });

  it('walks both sockets through the RFC 9293 states, each change a sock event', () => {
    const { sim } = exchange();
    sim.run();
    const states = (host: string) => eventsOf(sim, 'sock', host).map((e) => e.state);
    expect(states('a')).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSED']);
    expect(states('b')).toEqual(['LISTEN', 'SYN_RECV', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    const conn = eventsOf(sim, 'sock', 'a')[0]!;
    expect(conn.laddr).toBe(A);
    expect(conn.raddr).toBe(B);
    expect(conn.rport).toBe(80);
  });

  it('keeps TIME_WAIT for 60 s, holding the port, then frees it', () => {
    const { sim, a, client } = exchange();
    sim.run(1 * SEC);
    const sock = client!;
    expect(sock.state).toBe('TIME_WAIT');
    const tw = eventsOf(sim, 'sock', 'a').find((e) => e.state === 'TIME_WAIT')!;
    expect(tcpStack(a).lookup(A, sock.lport, B, 80)).toBe(sock);
    sim.run(tw.t + 60 * SEC - 1);
    expect(sock.state).toBe('TIME_WAIT');
    sim.run();
    const closed = eventsOf(sim, 'sock', 'a').at(-1)!;
    expect(closed.state).toBe('CLOSED');
    expect(closed.t - tw.t).toBe(60 * SEC);
    expect(tcpStack(a).lookup(A, sock.lport, B, 80)).toBeUndefined();
  });

  it('ACKs a retransmitted FIN in TIME_WAIT and restarts the 60 s', () => {
    const sim = new FakeSim(3);
    const net = new FakeNet(sim, L);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ end: (s) => s.close() }));
    tcpStack(a).connect(B, 80, { connected: (s) => s.close() });
    // Lose a's last ACK (of b's FIN) once: b retransmits its FIN after its RTO.
    let lostOnce = false;
    net.lose = (ip) => {
      const s = ip.payload;
      if (!lostOnce && s.layer === 'tcp' && s.sport !== 80 && flagsOf(s) === '.' && s.ack !== 0 && ip.id !== 0) {
        const bFinSent = net.tcp('b').some((r) => flagsOf(r.seg) === 'F.');
        if (bFinSent) {
          lostOnce = true;
          return true;
        }
      }
      return false;
    };
    sim.run();
    const wire = net.tcp().map((r) => `${r.from}:${flagsOf(r.seg)}${r.lost ? '(lost)' : ''}`);
    expect(wire).toEqual(['a:S', 'b:S.', 'a:.', 'a:F.', 'b:F.', 'a:.(lost)', 'b:F.', 'a:.']);
    const aEvents = eventsOf(sim, 'sock', 'a');
    const tw = aEvents.find((e) => e.state === 'TIME_WAIT')!;
    const reAck = net.tcp('a').at(-1)!;
    expect(reAck.ip.id).toBe(0); // sent by the timewait socket
    expect(aEvents.at(-1)!.t - reAck.t).toBe(60 * SEC);
    expect(reAck.t).toBeGreaterThan(tw.t);
    expect(eventsOf(sim, 'sock', 'b').at(-1)!.state).toBe('CLOSED');
  });

  it('connects over loopback with the lo MSS (65495)', () => {
    const sim = new FakeSim(1);
    const net = new FakeNet(sim, L);
    const a = net.addHost('a', A);
    tcpStack(a).listen(8080, () => ({}));
    tcpStack(a).connect(A, 8080, {});
    sim.run(1 * SEC);
    const [syn, synAck] = net.tcp();
    expect(syn!.seg.options[0]).toEqual({ kind: 'mss', value: 65495 });
    expect(syn!.seg.window).toBe(65495);
    expect(flagsOf(synAck!.seg)).toBe('S.');
  });
});

describe('simultaneous open (RFC 9293 Figure 8)', () => {
  it('crosses two SYNs, answers each with a SYN-ACK, and both sides reach ESTABLISHED', () => {
    const sim = new FakeSim(8);
    const net = new FakeNet(sim, L);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    const connected: string[] = [];
    tcpStack(a).connect(B, 6000, { connected: () => connected.push('a') }, { sport: 5000 });
    tcpStack(b).connect(A, 5000, { connected: () => connected.push('b') }, { sport: 6000 });
    sim.run(1 * SEC);
    expect(net.tcp().map((r) => `${r.from}:${flagsOf(r.seg)}`)).toEqual(['a:S', 'b:S', 'b:S.', 'a:S.']);
    expect(connected).toEqual(['a', 'b']);
    expect(eventsOf(sim, 'sock', 'a').map((e) => e.state)).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']);
    expect(eventsOf(sim, 'sock', 'b').map((e) => e.state)).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']);
  });
});

describe('TIME_WAIT reuse (RFC 1122 §4.2.2.13, tcp_timewait_state_process)', () => {
  it('lets a new SYN with a newer timestamp reopen the pair, with ISN = old snd.nxt + 65537', () => {
    const sim = new FakeSim(12);
    const net = new FakeNet(sim, L);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    // The server closes first, so the server keeps TIME_WAIT.
    tcpStack(b).listen(80, () => ({ connected: (s) => s.close() }));
    tcpStack(a).connect(B, 80, { end: (s) => s.close() }, { sport: 40000 });
    sim.run(1 * SEC);
    const old = tcpStack(b).lookup(B, 80, A, 40000)!;
    expect(old.state).toBe('TIME_WAIT');
    const oldSndNxt = old.sndNxt;
    tcpStack(a).connect(B, 80, {}, { sport: 40000 });
    sim.run(2 * SEC);
    const synAcks = net.tcp('b').filter((r) => flagsOf(r.seg) === 'S.');
    expect(synAcks.length).toBe(2);
    expect(synAcks[1]!.seg.seq).toBe((oldSndNxt + 65537) >>> 0);
    expect(eventsOf(sim, 'sock', 'b').map((e) => e.msg.id)).toContain('tcp.closed.timeWaitReuse');
    const fresh = tcpStack(b).lookup(B, 80, A, 40000)!;
    expect(fresh).not.toBe(old);
    expect(fresh.iss).toBe((oldSndNxt + 65537) >>> 0);
  });

  it('answers an old SYN (lower sequence number, no timestamps) with an ACK; the RST it draws ends TIME_WAIT', () => {
    const sim = new FakeSim(12);
    const net = new FakeNet(sim, L);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ connected: (s) => s.close() }));
    tcpStack(a).connect(B, 80, { end: (s) => s.close() }, { sport: 40000 });
    sim.run(1 * SEC);
    const tw = tcpStack(b).lookup(B, 80, A, 40000)!;
    const seg = { layer: 'tcp' as const, sport: 40000, dport: 80, seq: (tw.rcvNxt - 1000) >>> 0, ack: 0, flags: 0x002, window: 1000, urgent: 0, options: [], payload: new Uint8Array(0) };
    a.ipQueueXmit(a.newSkb({ layer: 'ipv4', tos: 0, id: 0, df: true, mf: false, fragOffset: 0, ttl: 64, protocol: 6, src: A, dst: B, options: new Uint8Array(0), payload: seg }));
    sim.run(2 * SEC);
    const [ack, rst] = net.tcp().slice(-2);
    expect([ack!.from, flagsOf(ack!.seg), ack!.seg.ack]).toEqual(['b', '.', tw.rcvNxt]);
    // a has no socket for that ACK any more: it answers with a RST at exactly rcv.nxt (tcp_rfc1337 = 0).
    expect([rst!.from, flagsOf(rst!.seg), rst!.seg.seq]).toEqual(['a', 'R', tw.rcvNxt]);
    expect(tw.state).toBe('CLOSED');
    expect(eventsOf(sim, 'sock', 'b').at(-1)!.msg.id).toBe('tcp.closed.timeWaitRst');
  });
});
