import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import {
  cookieCheck,
  cookieCount,
  cookieData,
  cookieMake,
  IP_VS_CONN_F_SYNPROXY,
  MSS_TABLE,
  mssIndex,
  synackOptions,
  type CookieKey,
} from '../../src/ipvs/synproxy.js';
import type { IpvsConn } from '../../src/ipvs/conn.js';
import { SEC } from '../../src/net/types.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN } from '../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const RS = '10.0.0.11';
const CLIENT = '203.0.113.10';
const MINUTE = 60 * SEC;

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

/** A NAT director with one real server behind it and synproxy on the service. */
function director(): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  host.local.add(ip('192.168.1.5'));
  const ipvs = attachIpvs(host);
  run(ipvs, '-A -t 192.168.1.100:80 -s rr');
  run(ipvs, `-a -t 192.168.1.100:80 -r ${RS}:8080 -m`);
  const svc = ipvs.state.serviceFind(0, 6, ip(VIP), 80);
  if (svc === undefined) throw new Error('no service');
  svc.flags |= IP_VS_CONN_F_SYNPROXY;
  return { host, ipvs };
}

function tcp(p: Ipv4Packet): TcpSegment {
  if (p.payload.layer !== 'tcp') throw new Error('not tcp');
  return p.payload;
}

function seg(flags: number, seq: number, ack: number, extra: Partial<TcpSegment> = {}, sport = 40000): Ipv4Packet {
  const p = tcpPacket(CLIENT, sport, VIP, 80, flags);
  return { ...p, payload: { ...tcp(p), seq, ack, ...extra } };
}

/** A packet from the real server towards the client, as it reaches the director's FORWARD hook. */
function fromRs(host: FakeHost, flags: number, seq: number, ack: number, extra: Partial<TcpSegment> = {}): string | undefined {
  const p = tcpPacket(RS, 8080, CLIENT, 40000, flags);
  const skb = host.newSkb({ ...p, payload: { ...tcp(p), seq, ack, ...extra } });
  skb.iif = 'eth1';
  let passed = false;
  host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, () => {
    passed = true;
  });
  return passed ? 'ACCEPT' : host.hops[host.hops.length - 1]?.verdict;
}

function onlyConn(ipvs: Ipvs): IpvsConn {
  const all = [...ipvs.state.conns];
  expect(all).toHaveLength(1);
  return all[0] as IpvsConn;
}

const CLIENT_OPTS: TcpOption[] = [
  { kind: 'mss', value: 1460 },
  { kind: 'sackPermitted' },
  { kind: 'timestamps', tsval: 777, tsecr: 0 },
  { kind: 'nop' },
  { kind: 'wscale', shift: 7 },
];

/** Sends the client SYN (ISN 1000) and returns the cookie of the SYN-ACK. */
function handshake1(host: FakeHost, sport = 40000): number {
  host.receive(seg(TCP_SYN, 1000, 0, { options: CLIENT_OPTS }, sport));
  const sa = host.sent[host.sent.length - 1];
  if (sa === undefined) throw new Error('no SYN-ACK');
  return tcp(sa.packet).seq;
}

describe('SYN cookie (alibaba syncookies.c layout)', () => {
  const key: CookieKey = { saddr: ip(CLIENT), daddr: ip(VIP), sport: 40000, dport: 80, isn: 123456789 };

  it('MSS rounds down to msstab: 1460→1460, 1452→1452, 1400→1280, 50→64, 9000→4312', () => {
    expect([1460, 1452, 1400, 50, 9000].map((m) => MSS_TABLE[mssIndex(m)])).toEqual([1460, 1452, 1280, 64, 4312]);
  });

  it('the data word: MSS index in bits 12-15, wscale 16-19, TS bit 20, SACK bit 21', () => {
    expect(cookieData({ mss: 1452, sackOk: true, tstampOk: false, wscaleOk: true, sndWscale: 7 })).toBe((7 << 12) | (7 << 16) | (1 << 21));
    expect(cookieData({ mss: 536, sackOk: false, tstampOk: true, wscaleOk: false, sndWscale: 0 })).toBe((3 << 12) | (1 << 20));
  });

  it('a cookie validates for the same tuple and ISN while its count is at most 3 minutes old', () => {
    const { ipvs } = director();
    const opt = { mss: 1452, sackOk: true, tstampOk: false, wscaleOk: false, sndWscale: 0 };
    const c = cookieMake(ipvs.state, key, 10, cookieData(opt));
    expect(c >>> 0).toBe(c);
    for (const age of [0, 1, 2, 3]) expect(cookieCheck(ipvs.state, key, c, 10 + age), `age ${age}`).toEqual(opt);
    expect(cookieCheck(ipvs.state, key, c, 14)).toBeNull();
    expect(cookieCheck(ipvs.state, key, c, 9)).toBeNull();
    expect(cookieCheck(ipvs.state, { ...key, isn: key.isn + 1 }, c, 10)).toBeNull();
    expect(cookieCheck(ipvs.state, { ...key, sport: 40001 }, c, 10)).toBeNull();
    expect(cookieCheck(ipvs.state, key, (c + 1) >>> 0, 10)).toBeNull();
  });

  it('count is minutes of virtual time', () => {
    expect([0, MINUTE - 1, MINUTE, 5 * MINUTE + 1].map(cookieCount)).toEqual([0, 0, 1, 5]);
  });

  it('property: check(make(x)) gives back the encoded options (MSS rounded) for any tuple, ISN and count', () => {
    const { ipvs } = director();
    fc.assert(
      fc.property(
        fc.record({
          saddr: fc.nat(0xffffffff),
          daddr: fc.nat(0xffffffff),
          sport: fc.nat(65535),
          dport: fc.nat(65535),
          isn: fc.nat(0xffffffff),
        }),
        fc.nat(100_000),
        fc.nat(3),
        fc.integer({ min: 1, max: 9000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 14 }),
        (k, count, age, mss, sack, ws) => {
          const opt = { mss, sackOk: sack, tstampOk: false, wscaleOk: ws > 0, sndWscale: ws };
          const got = cookieCheck(ipvs.state, k, cookieMake(ipvs.state, k, count, cookieData(opt)), count + age);
          expect(got).toEqual({ ...opt, mss: MSS_TABLE[mssIndex(mss)] });
        },
      ),
    );
  });
});

describe('step 1: the client SYN is answered by the director, which keeps nothing', () => {
  it('the stolen skb still holds the SYN; the SYN-ACK is a new packet of the same flow', () => {
    const { host } = director();
    const syn = seg(TCP_SYN, 1000, 0, { options: CLIENT_OPTS });
    const skb = host.receive(syn);
    expect(skb.ip).toBe(syn);
    const hop = host.hops[host.hops.length - 1];
    expect(hop?.verdict).toBe('STOLEN');
    expect(tcp(host.sent[0]?.packet as Ipv4Packet).flags).toBe(TCP_SYN | TCP_ACK);
    // The step is its own event kind, tied to the SYN it answers.
    const steps = host.events.filter((e) => e.kind === 'ipvs.synproxy');
    expect(steps.map((e) => [e.msg.id, e.kind === 'ipvs.synproxy' ? e.pkt : undefined])).toEqual([['ipvs.synproxy.synack', skb.pkt]]);
  });

  it('a service whose real servers all have weight 0 drops the SYN without an answer', () => {
    const { host, ipvs } = director();
    run(ipvs, `-e -t 192.168.1.100:80 -r ${RS}:8080 -m -w 0`);
    host.receive(seg(TCP_SYN, 1000, 0, { options: CLIENT_OPTS }));
    expect(host.sent).toEqual([]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.synproxy.noWeight']);
  });

  it('a SYN that came in a frame goes back out the same device to the MAC it came from, with no route lookup', () => {
    const { host } = director();
    const router = 0x02_00_00_00_00_aa;
    host.unreachable.add(ip(CLIENT)); // no route back to the client: the L2 path does not need one
    host.receive(seg(TCP_SYN, 1000, 0, { options: CLIENT_OPTS }), 0, router);
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.sent).toEqual([]);
    expect(host.l2sent.map((x) => [x.dev, x.mac, x.packet.src, x.packet.dst, tcp(x.packet).flags])).toEqual([
      ['eth0', router, ip(VIP), ip(CLIENT), TCP_SYN | TCP_ACK],
    ]);
  });

  it('SYN-ACK built from the SYN: swapped, seq = cookie, ack = ISN + 1, TTL 63, TOS 0, options rewritten; STOLEN', () => {
    const { host, ipvs } = director();
    const syn = seg(TCP_SYN, 1000, 0, { options: CLIENT_OPTS, window: 29200 });
    const skb = host.receive({ ...syn, tos: 0x10, id: 4242 });
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.delivered).toEqual([]);
    expect(host.sent).toHaveLength(1);
    const out = host.sent[0];
    const cookie = tcp(out?.packet as Ipv4Packet).seq;
    expect(out?.packet).toEqual({
      ...syn,
      tos: 0,
      id: 4242,
      ttl: 63,
      src: ip(VIP),
      dst: ip(CLIENT),
      payload: {
        ...tcp(syn),
        sport: 80,
        dport: 40000,
        seq: cookie,
        ack: 1001,
        flags: TCP_SYN | TCP_ACK,
        window: 29200,
        options: [
          { kind: 'mss', value: 1452 },
          { kind: 'sackPermitted' },
          ...Array.from({ length: 10 }, () => ({ kind: 'nop' })),
          { kind: 'nop' },
          ...Array.from({ length: 3 }, () => ({ kind: 'nop' })),
        ],
      },
    });
    expect(out?.route.dev).toBe('eth0');
    expect(skb.pkt).toBeGreaterThan(0);
    // The cookie is one the director will accept for this tuple and ISN: MSS 1452, SACK.
    const key = { saddr: ip(CLIENT), daddr: ip(VIP), sport: 40000, dport: 80, isn: 1000 };
    expect(cookieCheck(ipvs.state, key, cookie, 0)).toEqual({ mss: 1452, sackOk: true, tstampOk: false, wscaleOk: false, sndWscale: 0 });
  });

  it('no MSS option: the SYN-ACK has none either, and the cookie says 536', () => {
    const { host, ipvs } = director();
    host.receive(seg(TCP_SYN, 5, 0));
    const sa = tcp(host.sent[0]?.packet as Ipv4Packet);
    expect(sa.options).toEqual([]);
    const key = { saddr: ip(CLIENT), daddr: ip(VIP), sport: 40000, dport: 80, isn: 5 };
    expect(cookieCheck(ipvs.state, key, sa.seq, 0)?.mss).toBe(536);
    expect(synackOptions([{ kind: 'mss', value: 1200 }]).options).toEqual([{ kind: 'mss', value: 1200 }]);
  });

  it('a thousand SYNs from different sources: a thousand SYN-ACKs, no entry, no counter, nothing sent to the real server', () => {
    const { host, ipvs } = director();
    for (let i = 0; i < 1000; i++) {
      const p = tcpPacket(`198.51.100.${i % 250}`, 1024 + i, VIP, 80, TCP_SYN);
      host.receive(p);
    }
    expect(host.sent).toHaveLength(1000);
    expect(host.sent.every((s) => s.packet.src === ip(VIP) && tcp(s.packet).flags === (TCP_SYN | TCP_ACK))).toBe(true);
    expect(ipvs.state.conns.size).toBe(0);
    const svc = ipvs.state.serviceFind(0, 6, ip(VIP), 80);
    const dests = svc === undefined ? [] : [...svc.destinations];
    expect(dests.map((d) => [d.activeConns, d.inactConns])).toEqual([[0, 0]]);
    expect(host.sim.pending()).toBe(0);
  });

  it('a service without -j enable schedules the SYN as usual', () => {
    const { host, ipvs } = director();
    const svc = ipvs.state.serviceFind(0, 6, ip(VIP), 80);
    if (svc !== undefined) svc.flags &= ~IP_VS_CONN_F_SYNPROXY;
    host.receive(seg(TCP_SYN, 1000, 0));
    expect(ipvs.state.conns.size).toBe(1);
    expect(host.sent[0]?.packet.dst).toBe(ip(RS));
  });
});

describe('step 2: the client ACK with a valid cookie opens the real-server side', () => {
  it('ACK → schedule, entry SYN_SENT holding the ACK, SYN to the RS with the client ISN, window 5000, DF', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 1) >>> 0));
    expect(host.lastVerdict()).toBe('STOLEN');
    const cp = onlyConn(ipvs);
    expect(cp.state).toBe(2); // SYN_SENT
    expect(cp.flags & IP_VS_CONN_F_SYNPROXY).toBe(IP_VS_CONN_F_SYNPROXY);
    expect(cp.synproxy?.initSeq).toBe(cookie);
    expect(cp.synproxy?.acks).toHaveLength(1);
    expect(host.sent).toHaveLength(2);
    const syn = host.sent[1]?.packet as Ipv4Packet;
    expect(syn.dst).toBe(ip(RS));
    expect(syn.df).toBe(true);
    expect(tcp(syn)).toMatchObject({
      sport: 40000,
      dport: 8080,
      seq: 1000,
      ack: 0,
      flags: TCP_SYN,
      window: 5000,
      options: [{ kind: 'mss', value: 1452 }, { kind: 'nop' }, { kind: 'nop' }, { kind: 'sackPermitted' }],
    });
  });

  it('an ACK whose ack − 1 is no cookie is dropped, and nothing is created', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 2) >>> 0));
    expect(host.lastVerdict()).toBe('DROP');
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.synproxy.badAck']);
    expect(ipvs.state.conns.size).toBe(0);
    // A different client ISN (seq − 1) does not match the cookie either.
    host.receive(seg(TCP_ACK, 2001, (cookie + 1) >>> 0));
    expect(host.lastVerdict()).toBe('DROP');
    expect(ipvs.state.conns.size).toBe(0);
  });

  it('the cookie is still good 3 min 59 s later and refused at 4 minutes', () => {
    const a = director();
    const c1 = handshake1(a.host);
    a.host.sim.runUntil(4 * MINUTE - 1);
    a.host.receive(seg(TCP_ACK, 1001, (c1 + 1) >>> 0));
    expect(a.ipvs.state.conns.size).toBe(1);
    const b = director();
    const c2 = handshake1(b.host);
    b.host.sim.runUntil(4 * MINUTE);
    b.host.receive(seg(TCP_ACK, 1001, (c2 + 1) >>> 0));
    expect(b.host.lastVerdict()).toBe('DROP');
    expect(b.ipvs.state.conns.size).toBe(0);
  });

  it('up to 3 early ACKs are held while waiting for the RS; the 4th is dropped; a non-ACK segment is dropped', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    const ack = (cookie + 1) >>> 0;
    host.receive(seg(TCP_ACK, 1001, ack));
    const verdicts: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      host.receive(seg(TCP_ACK | TCP_PSH, 1001 + i * 10, ack, { payload: new Uint8Array(10) }));
      verdicts.push(host.lastVerdict());
    }
    expect(verdicts).toEqual(['STOLEN', 'STOLEN', 'STOLEN', 'DROP']);
    host.receive(seg(TCP_FIN, 1041, 0));
    expect(host.lastVerdict()).toBe('DROP');
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.synproxy.queueFull', 'ipvs.synproxy.notAck']);
    expect(onlyConn(ipvs).synproxy?.acks).toHaveLength(4);
    expect(host.sent).toHaveLength(2); // SYN-ACK to the client, SYN to the RS: nothing else yet
  });
});

describe('SYNPROXY on a FULLNAT service', () => {
  it('the held handshake ACK reaches the real server with TOA: the one toa.ko reads', () => {
    const host = new FakeHost();
    for (const e of ['toa', 'timestamp_remove', 'mss_adjust']) host.setSysctl(`fullnat_${e}_entry`, 1);
    const LIP = '10.0.0.100';
    for (const a of [VIP, LIP]) host.local.add(ip(a));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr -j enable');
    run(ipvs, `-a -t 192.168.1.100:80 -r ${RS}:8080 -b`);
    run(ipvs, `-P -t 192.168.1.100:80 -z ${LIP}`);
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 1) >>> 0));
    const syn = host.sent[host.sent.length - 1]?.packet as Ipv4Packet;
    expect([syn.src, syn.dst, tcp(syn).flags]).toEqual([ip(LIP), ip(RS), TCP_SYN]);
    // The real server answers the local address; its SYN-ACK is dropped and the held ACK flushed.
    const rsIsn = 7000;
    const synack = tcpPacket(RS, 8080, LIP, tcp(syn).sport, TCP_SYN | TCP_ACK);
    host.receive({ ...synack, payload: { ...tcp(synack), seq: rsIsn, ack: (tcp(syn).seq + 1) >>> 0 } });
    const ack = host.sent[host.sent.length - 1]?.packet as Ipv4Packet;
    expect([ack.src, ack.dst, tcp(ack).flags, tcp(ack).ack]).toEqual([ip(LIP), ip(RS), TCP_ACK, rsIsn + 1]);
    expect(tcp(ack).options[0]).toEqual({ kind: 'toa', port: 40000, addr: ip(CLIENT) });
  });
});

describe('step 3: the RS SYN-ACK sets the delta and is dropped', () => {
  it('delta = cookie ISN − RS ISN, ESTABLISHED, held ACKs flushed with ack − delta, SYN-ACK dropped; then seq/ack adjusted both ways', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    const ack = (cookie + 1) >>> 0;
    host.receive(seg(TCP_ACK, 1001, ack));
    host.receive(seg(TCP_ACK | TCP_PSH, 1001, ack, { payload: new Uint8Array(20) }));
    const rsIsn = 7_000_000;
    expect(fromRs(host, TCP_SYN | TCP_ACK, rsIsn, 1001)).toBe('DROP');
    const cp = onlyConn(ipvs);
    expect(cp.state).toBe(1); // ESTABLISHED
    const delta = (cookie - rsIsn) >>> 0;
    expect(cp.synproxy?.delta).toBe(delta);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.synproxy.synackDropped']);
    // The held handshake ACK and the data segment went to the RS acknowledging the RS's ISN + 1.
    const flushed = host.sent.slice(2).map((s) => s.packet);
    expect(flushed.map((p) => [p.dst, tcp(p).dport, tcp(p).seq, tcp(p).ack, tcp(p).payload.length])).toEqual([
      [ip(RS), 8080, 1001, rsIsn + 1, 0],
      [ip(RS), 8080, 1001, rsIsn + 1, 20],
    ]);
    // client → RS: ack − delta, SACK edges − delta.
    host.receive(
      seg(TCP_ACK, 1021, (cookie + 101) >>> 0, {
        options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[(cookie + 201) >>> 0, (cookie + 301) >>> 0]] }],
      }),
    );
    const toRs = tcp(host.sent[host.sent.length - 1]?.packet as Ipv4Packet);
    expect(toRs.ack).toBe(rsIsn + 101);
    expect(toRs.options[2]).toEqual({ kind: 'sack', blocks: [[rsIsn + 201, rsIsn + 301]] });
  });

  it('the RS reply gets seq + delta on its way to the client', () => {
    const { host } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 1) >>> 0));
    fromRs(host, TCP_SYN | TCP_ACK, 9_000, 1001);
    const p = tcpPacket(RS, 8080, CLIENT, 40000, TCP_ACK);
    const skb = host.newSkb({ ...p, payload: { ...tcp(p), seq: 9_001, ack: 1001 } });
    skb.iif = 'eth1';
    host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, () => undefined);
    expect(tcp(skb.ip).seq).toBe((cookie + 1) >>> 0);
    expect(tcp(skb.ip).ack).toBe(1001);
  });

  it('a RST from the RS closes the entry and goes on to the client with seq fixed to cookie + 1', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 1) >>> 0));
    const p = tcpPacket(RS, 8080, CLIENT, 40000, 0x14);
    const skb = host.newSkb({ ...p, payload: { ...tcp(p), seq: 0, ack: 1001 } });
    skb.iif = 'eth1';
    host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, () => undefined);
    expect(tcp(skb.ip).seq).toBe((cookie + 1) >>> 0);
    expect(onlyConn(ipvs).state).toBe(6); // CLOSE
  });

  it('no SYN-ACK: the SYN is retransmitted 3 times on the SYN_SENT timer, then the entry expires', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK, 1001, (cookie + 1) >>> 0));
    const synsToRs = (): number => host.sent.filter((s) => s.packet.dst === ip(RS) && tcp(s.packet).flags === TCP_SYN).length;
    expect(synsToRs()).toBe(1);
    host.sim.runUntil(120 * SEC);
    expect(synsToRs()).toBe(2);
    host.sim.runUntil(360 * SEC);
    expect(synsToRs()).toBe(4);
    expect(ipvs.state.conns.size).toBe(1);
    host.sim.runUntil(480 * SEC);
    expect(synsToRs()).toBe(4);
    expect(ipvs.state.conns.size).toBe(0);
  });
});

describe('what is not a pure ACK', () => {
  it('FIN+ACK without an entry is not checked as a cookie and creates nothing', () => {
    const { host, ipvs } = director();
    const cookie = handshake1(host);
    host.receive(seg(TCP_ACK | TCP_FIN, 1001, (cookie + 1) >>> 0));
    expect(ipvs.state.conns.size).toBe(0);
  });
});

describe('ipvsadm -j (alibaba ipvsadm: --synproxy enable|disable on -A/-E)', () => {
  function plain(): { host: FakeHost; ipvs: Ipvs } {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    return { host, ipvs: attachIpvs(host) };
  }

  it('-j enable sets IP_VS_CONN_F_SYNPROXY (0x8000); -L shows " synproxy"; -S does not save it (alibaba print_service_entry)', () => {
    const { ipvs } = plain();
    run(ipvs, '-A -t 192.168.1.100:80 -s rr -j enable');
    run(ipvs, `-a -t 192.168.1.100:80 -r ${RS}:80 -m`);
    expect(ipvs.state.serviceFind(0, 6, ip(VIP), 80)?.flags).toBe(0x8000);
    expect(ipvs.state.serviceFind(0, 6, ip(VIP), 80)?.snapshot().flags).toEqual(['synproxy']);
    expect(ipvs.ipvsadm('-L -n').output.split('\n')[3]).toBe('TCP  192.168.1.100:80 rr synproxy');
    expect(ipvs.ipvsadm('-S -n').output.split('\n')[0]).toBe('-A -t 192.168.1.100:80 -s rr');
  });

  it('the long form --synproxy and -E ... -j disable', () => {
    const { ipvs } = plain();
    run(ipvs, '-A -t 192.168.1.100:80 -s rr --synproxy enable');
    expect(ipvs.state.serviceFind(0, 6, ip(VIP), 80)?.flags).toBe(IP_VS_CONN_F_SYNPROXY);
    run(ipvs, '-E -t 192.168.1.100:80 -s rr -j disable');
    expect(ipvs.state.serviceFind(0, 6, ip(VIP), 80)?.flags).toBe(0);
    expect(ipvs.ipvsadm('-L -n').output.split('\n')[3]).toBe('TCP  192.168.1.100:80 rr');
  });

  it('errors as alibaba ipvsadm prints them', () => {
    const { ipvs } = plain();
    const bad = ipvs.ipvsadm('-A -t 192.168.1.100:80 -j on');
    expect([bad.stderr, bad.exitCode]).toEqual(['synproxy switch must be enable or disable\n\n', 2]);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    const onServer = ipvs.ipvsadm(`-a -t 192.168.1.100:80 -r ${RS} -m -j enable`);
    expect([onServer.stderr, onServer.exitCode]).toEqual(["Illegal 'synproxy' option with the 'add-server' command\n", 2]);
    const twice = ipvs.ipvsadm('-E -t 192.168.1.100:80 -j enable -j disable');
    expect(twice.stderr).toBe("multiple 'synproxy' options specified\n");
  });

  it('a service enabled through ipvsadm answers SYNs with cookies', () => {
    const { host, ipvs } = plain();
    run(ipvs, '-A -t 192.168.1.100:80 -s rr -j enable');
    run(ipvs, `-a -t 192.168.1.100:80 -r ${RS}:80 -m`);
    host.receive(seg(TCP_SYN, 1000, 0));
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(tcp(host.sent[0]?.packet as Ipv4Packet).flags).toBe(TCP_SYN | TCP_ACK);
    expect(ipvs.state.conns.size).toBe(0);
  });
});
