import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { SEC } from '../../src/net/types.js';
import type { Skb } from '../../src/net/types.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import { encodeIpv4 } from '../../src/net/wire/frame.js';
import { parseIpv4 } from '../../src/net/wire/ipv4.js';
import { checksumVerifies } from '../../src/net/wire/checksum.js';
import { connStateName } from '../../src/ipvs/conn.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { FakeHost, ip, tcpPacket, udpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const CLIENT = '203.0.113.10';
const RS1 = '10.0.0.11';
const RS2 = '10.0.0.12';

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

/** A NAT director: VIP:80 → RS1:8080 and RS2:8080 with rr (the newest, RS2, is picked first). */
function director(): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  host.local.add(ip('10.0.0.1'));
  const ipvs = attachIpvs(host);
  run(ipvs, '-A -t 192.168.1.100:80 -s rr');
  run(ipvs, `-a -t 192.168.1.100:80 -r ${RS1}:8080 -m`);
  run(ipvs, `-a -t 192.168.1.100:80 -r ${RS2}:8080 -m`);
  return { host, ipvs };
}

/** A reply from a real server routed through the director: FORWARD (forwardIcmp 99, out 100). */
function forward(host: FakeHost, packet: Ipv4Packet): { skb: Skb; passed: Ipv4Packet[] } {
  const skb = host.newSkb(packet);
  skb.iif = 'eth1';
  const passed: Ipv4Packet[] = [];
  host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, (s) => passed.push(s.ip));
  return { skb, passed };
}

function lastConnEvent(events: readonly TraceEvent[]): TraceEvent | undefined {
  return [...events].reverse().find((e) => e.kind === 'ipvs.conn');
}

describe('ip_vs_nat_xmit (§6.1)', () => {
  it('SYN to VIP:80 → destination rewritten to RS:8080, TTL − 1, sent through LOCAL_OUT, ipvs_property set', () => {
    const { host } = director();
    const syn = tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN);
    const skb = host.receive(syn);
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.delivered).toEqual([]);
    expect(host.sent).toHaveLength(1);
    const out = host.sent[0]!;
    const seg = syn.payload.layer === 'tcp' ? syn.payload : undefined;
    expect(out.packet).toEqual({ ...syn, ttl: 63, dst: ip(RS2), payload: { ...seg, dport: 8080 } });
    expect(out.route.nextHop).toBe(ip(RS2));
    expect(out.ipvsProperty).toBe(true);
    expect(skb.ipvsProperty).toBe(true);
    expect(host.hops.filter((h) => h.hook === 'LOCAL_OUT')).toHaveLength(2); // IPVS out (-99) and in (-98) pass it
    const x = host.events.find((e) => e.kind === 'ipvs.xmit');
    expect(x?.kind === 'ipvs.xmit' && x.fwd).toBe('masq');
    expect(x?.kind === 'ipvs.xmit' && x.before).toEqual(syn);
    expect(x?.kind === 'ipvs.xmit' && x.msg.id).toBe('ipvs.nat.dnat');
  });

  it('the rewritten packet encodes with valid IP and TCP checksums for the new addresses', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 5 }));
    const bytes = encodeIpv4(host.sent[0]!.packet);
    const back = parseIpv4(bytes, 0, bytes.length, true);
    expect('layer' in back && back.layer).toBe('ipv4');
    expect(checksumVerifies(bytes, 0, 20)).toBe(true);
  });

  it('UDP: port mapped, and the datagram leaves with a checksum (a zero checksum is never sent)', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -u 192.168.1.100:53 -s rr');
    run(ipvs, `-a -u 192.168.1.100:53 -r ${RS1}:5353 -m`);
    host.receive(udpPacket(CLIENT, 33000, VIP, 53));
    const out = host.sent[0]!.packet;
    expect(out.dst).toBe(ip(RS1));
    expect(out.payload.layer === 'udp' && out.payload.dport).toBe(5353);
    const bytes = encodeIpv4(out);
    expect((bytes[26]! << 8) | bytes[27]!).not.toBe(0);
    expect(parseIpv4(bytes, 0, bytes.length, true)).toMatchObject({ layer: 'ipv4', dst: ip(RS1) });
    const cp = [...ipvs.state.conns][0]!;
    expect(connStateName(cp)).toBe('UDP');
    expect(cp.timeout).toBe(300 * SEC);
    expect([cp.dest?.activeConns, cp.dest?.inactConns]).toEqual([0, 1]);
  });

  it('a local real server: rewritten and handed to the local stack (ACCEPT), TTL unchanged', () => {
    const { host, ipvs } = director();
    host.local.add(ip('10.0.0.1'));
    run(ipvs, '-a -t 192.168.1.100:80 -r 10.0.0.1:8081 -m');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.lastVerdict()).toBe('ACCEPT');
    expect(host.sent).toEqual([]);
    expect(host.delivered).toHaveLength(1);
    expect(host.delivered[0]).toMatchObject({ dst: ip('10.0.0.1'), ttl: 64 });
    expect(host.delivered[0]!.payload).toMatchObject({ dport: 8081 });
  });

  it('DNAT to 127/8 from outside is refused (dropped, STOLEN)', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    host.local.add(ip('127.0.0.1'));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    run(ipvs, '-a -t 192.168.1.100:80 -r 127.0.0.1:8080 -m');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.delivered).toEqual([]);
    expect(host.sent).toEqual([]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.nat.loopback']);
  });

  it('TTL 1 and DF over the MTU follow the shared route rules', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { ttl: 1 }));
    expect(host.icmp.map((i) => [i.type, i.code])).toEqual([[11, 0]]);
    host.mtu = 576;
    host.receive(tcpPacket(CLIENT, 40001, VIP, 80, TCP_SYN, { payload: 1000 }));
    expect(host.icmp.map((i) => [i.type, i.code, i.info])).toEqual([[11, 0, undefined], [3, 4, 576]]);
    expect(host.sent).toEqual([]);
  });
});

describe('handle_response for NAT (§5.4)', () => {
  it('the reply RS:8080 → client is rewritten to VIP:80 → client at FORWARD, counted as OutPkts', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    const synack = tcpPacket(RS2, 8080, CLIENT, 40000, TCP_SYN | TCP_ACK, { ttl: 63 });
    const { skb, passed } = forward(host, synack);
    expect(passed).toHaveLength(1);
    const seg = synack.payload.layer === 'tcp' ? synack.payload : undefined;
    expect(passed[0]).toEqual({ ...synack, src: ip(VIP), payload: { ...seg, sport: 80 } });
    expect(skb.ipvsProperty).toBe(true);
    const dest = [...ipvs.state.conns][0]!.dest!;
    expect(dest.stats.live.outpkts).toBe(1);
    expect(dest.stats.live.outbytes).toBe(40);
    expect(dest.stats.live.inpkts).toBe(1);
    const x = host.events.filter((e) => e.kind === 'ipvs.xmit').map((e) => e.msg.id);
    expect(x).toEqual(['ipvs.nat.dnat', 'ipvs.nat.snat']);
    const bytes = encodeIpv4(passed[0]!);
    expect(parseIpv4(bytes, 0, bytes.length, true)).toMatchObject({ src: ip(VIP) });
  });

  it('a packet from a NAT real server with no connection passes unchanged (nat_icmp_send=0)', () => {
    const { host } = director();
    const stray = tcpPacket(RS1, 8080, CLIENT, 40000, TCP_ACK);
    const { passed } = forward(host, stray);
    expect(passed).toEqual([stray]);
    expect(host.icmp).toEqual([]);
  });

  it('nat_icmp_send=1: ICMP port unreachable to the real server and drop, except for a RST or a non-RS source', () => {
    const { host } = director();
    host.setSysctl('nat_icmp_send', 1);
    const stray = tcpPacket(RS1, 8080, CLIENT, 40000, TCP_ACK);
    expect(forward(host, stray).passed).toEqual([]);
    expect(host.icmp).toEqual([{ type: ICMP_DEST_UNREACH, code: ICMP_PORT_UNREACH, info: undefined, packet: stray }]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.nat.icmpSend']);
    const rst = tcpPacket(RS1, 8080, CLIENT, 40000, TCP_RST);
    expect(forward(host, rst).passed).toEqual([rst]);
    const otherPort = tcpPacket(RS1, 22, CLIENT, 40000, TCP_ACK);
    expect(forward(host, otherPort).passed).toEqual([otherPort]);
    expect(host.icmp).toHaveLength(1);
  });

  it('a DR connection\'s reply through the director is not rewritten', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    run(ipvs, '-a -t 192.168.1.100:80 -r 192.168.1.11 -g');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    const synack = tcpPacket(VIP, 80, CLIENT, 40000, TCP_SYN | TCP_ACK);
    expect(forward(host, synack).passed).toEqual([synack]);
  });
});

type Dir = 'in' | 'out';
type Row = readonly [what: string, dir: Dir, flags: number, state: string, timeout: number, counts: readonly [number, number]];

const DATA = TCP_ACK | TCP_PSH;

/** §3.7 "NAT, client closes first", row by row. */
const CLIENT_CLOSES: readonly Row[] = [
  ['SYN (in)', 'in', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
  ['SYN+ACK (out)', 'out', TCP_SYN | TCP_ACK, 'SYN_RECV', 60, [1, 0]],
  ['ACK (in)', 'in', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
  ['data (in)', 'in', DATA, 'ESTABLISHED', 900, [1, 0]],
  ['data (out)', 'out', DATA, 'ESTABLISHED', 900, [1, 0]],
  ['FIN+ACK (in)', 'in', TCP_FIN | TCP_ACK, 'CLOSE_WAIT', 60, [0, 1]],
  ['ACK (out)', 'out', TCP_ACK, 'CLOSE_WAIT', 60, [0, 1]],
  ['FIN+ACK (out)', 'out', TCP_FIN | TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
  ['ACK (in)', 'in', TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
];

/** §3.7 "NAT, server closes first". */
const SERVER_CLOSES: readonly Row[] = [
  ['SYN (in)', 'in', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
  ['SYN+ACK (out)', 'out', TCP_SYN | TCP_ACK, 'SYN_RECV', 60, [1, 0]],
  ['ACK (in)', 'in', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
  ['FIN+ACK (out)', 'out', TCP_FIN | TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
  ['ACK (in)', 'in', TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
  ['FIN+ACK (in)', 'in', TCP_FIN | TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
  ['ACK (out)', 'out', TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
];

function lifecycle(rows: readonly Row[]): void {
  const { host, ipvs } = director();
  let t = 0;
  for (const [what, dir, flags, state, timeout, counts] of rows) {
    t += SEC;
    host.sim.runUntil(t);
    if (dir === 'in') host.receive(tcpPacket(CLIENT, 40000, VIP, 80, flags));
    else expect(forward(host, tcpPacket(RS2, 8080, CLIENT, 40000, flags)).passed[0]?.src, what).toBe(ip(VIP));
    const cp = [...ipvs.state.conns][0]!;
    expect([what, connStateName(cp), cp.timeout / SEC, cp.expires - t, cp.dest!.activeConns, cp.dest!.inactConns]).toEqual([
      what,
      state,
      timeout,
      timeout * SEC,
      counts[0],
      counts[1],
    ]);
    if (what === 'SYN (in)') {
      // (created): NONE, 3 s, counted inactive, before the SYN moved it on.
      const created = host.events.find((e) => e.kind === 'ipvs.conn' && e.op === 'new');
      expect(created?.kind === 'ipvs.conn' && [created.conn.state, created.conn.timeout]).toEqual(['NONE', 3]);
      const counters = host.events.find((e) => e.kind === 'ipvs.dest' && e.op === 'counters');
      expect(counters?.msg.params).toMatchObject({ active: 0, inactive: 1 });
    }
  }
  const last = rows[rows.length - 1]!;
  const cp = [...ipvs.state.conns][0]!;
  const dest = cp.dest!;
  const inCount = rows.filter((r) => r[1] === 'in').length;
  expect([dest.stats.live.inpkts, dest.stats.live.outpkts]).toEqual([inCount, rows.length - inCount]);
  host.sim.runUntil(t + last[4] * SEC - 1);
  expect(ipvs.state.conns.size).toBe(1);
  host.sim.runUntil(t + last[4] * SEC);
  expect(ipvs.state.conns.size).toBe(0);
  expect([dest.activeConns, dest.inactConns]).toEqual([0, 0]);
  expect(lastConnEvent(host.events)).toMatchObject({ op: 'expire' });
}

describe('§3.7 worked NAT lifecycles (every packet re-arms the timer)', () => {
  it('client closes first: … FIN+ACK (in) CLOSE_WAIT 60 (0,1) … TIME_WAIT 120, expiry 120 s after the last packet', () => {
    lifecycle(CLIENT_CLOSES);
  });

  it('server closes first: FIN+ACK (out) FIN_WAIT 120 … TIME_WAIT 120', () => {
    lifecycle(SERVER_CLOSES);
  });

  it('the connection entry shows the real server and the port mapping (ipvsadm -Lnc)', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    const r = ipvs.ipvsadm('-L -n -c');
    expect(r.output.split('\n')[2]).toBe(`TCP 01:00  SYN_RECV    ${CLIENT}:40000 ${VIP}:80   ${RS2}:8080`);
    const list = ipvs.ipvsadm('-L -n').output;
    expect(list).toContain(`  -> ${RS2}:8080               Masq    1      1          0         `);
  });
});
