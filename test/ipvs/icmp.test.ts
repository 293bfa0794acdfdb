import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { SEC } from '../../src/net/types.js';
import type { IcmpMessage, Ipv4Packet } from '../../src/net/wire/packet.js';
import { IPPROTO_ICMP, TCP_ACK, TCP_SYN } from '../../src/net/wire/packet.js';
import { encodeIpv4 } from '../../src/net/wire/frame.js';
import { parseIpv4 } from '../../src/net/wire/ipv4.js';
import { checksumVerifies } from '../../src/net/wire/checksum.js';
import { connStateName } from '../../src/ipvs/conn.js';
import { FakeHost, ip, tcpPacket, udpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const CLIENT = '203.0.113.10';
const ROUTER = '198.51.100.1';
const RS = '10.0.0.11';

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

function director(method: '-m' | '-g'): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  const ipvs = attachIpvs(host);
  run(ipvs, '-A -t 192.168.1.100:80 -s rr');
  run(ipvs, `-a -t 192.168.1.100:80 -r ${RS}${method === '-m' ? ':8080' : ''} ${method}`);
  host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
  host.sent.length = 0;
  host.events.length = 0;
  return { host, ipvs };
}

function icmpPacket(src: string, dst: string, payload: IcmpMessage, ttl = 64): Ipv4Packet {
  return {
    layer: 'ipv4',
    tos: 0xc0,
    id: 7,
    df: false,
    mf: false,
    fragOffset: 0,
    ttl,
    protocol: IPPROTO_ICMP,
    src: ip(src),
    dst: ip(dst),
    options: new Uint8Array(0),
    payload,
  };
}

function fragNeeded(about: Ipv4Packet, from = ROUTER): Ipv4Packet {
  return icmpPacket(from, VIP, { layer: 'icmp', kind: 'unreach', code: 4, nextHopMtu: 1400, original: encodeIpv4(about) });
}

function quoteOf(p: Ipv4Packet): Uint8Array {
  const m = p.payload;
  if (m.layer !== 'icmp') throw new Error('not icmp');
  if (m.kind === 'unreach' || m.kind === 'timeExceeded') return m.original;
  if (m.kind === 'other') return m.data;
  throw new Error('echo');
}

function u16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

function u32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

/** The director's reply to the client as the client side saw it: VIP:80 → client:40000. */
const REPLY_SEEN = tcpPacket(VIP, 80, CLIENT, 40000, TCP_SYN | TCP_ACK, { payload: 12 });

describe('ip_vs_in_icmp (§5.7)', () => {
  it('an echo request to the VIP is ACCEPTed to the local stack (the director answers ping)', () => {
    const { host } = director('-m');
    const ping = icmpPacket(CLIENT, VIP, { layer: 'icmp', kind: 'echo', type: 8, code: 0, ident: 1, seq: 1, data: new Uint8Array(8) });
    host.receive(ping);
    expect(host.lastVerdict()).toBe('ACCEPT');
    expect(host.delivered).toEqual([ping]);
    expect(host.sent).toEqual([]);
  });

  it('NAT: an error about a connection is relayed to the real server, outer dst and quoted source rewritten', () => {
    const { host, ipvs } = director('-m');
    const cp = [...ipvs.state.conns][0]!;
    const expiresBefore = cp.expires;
    host.sim.runUntil(5 * SEC);
    const err = fragNeeded(REPLY_SEEN);
    host.receive(err);
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.delivered).toEqual([]);
    expect(host.sent).toHaveLength(1);
    const out = host.sent[0]!.packet;
    expect(out.dst).toBe(ip(RS));
    expect(out.src).toBe(ip(ROUTER));
    expect(out.ttl).toBe(63);
    expect(host.sent[0]!.route.nextHop).toBe(ip(RS));
    const q = quoteOf(out);
    const orig = quoteOf(err);
    expect(u32(q, 12)).toBe(ip(RS)); // quoted source: the real server
    expect(u16(q, 20)).toBe(8080); // quoted source port: the real server's
    expect(u32(q, 16)).toBe(ip(CLIENT)); // quoted destination unchanged
    expect(u16(q, 22)).toBe(40000);
    expect(checksumVerifies(q, 0, 20)).toBe(true); // quoted IP header checksum recomputed
    expect(u16(q, 36)).toBe(u16(orig, 36)); // quoted TCP checksum left as it was (as the kernel does)
    expect(q.slice(24)).toEqual(orig.slice(24).map((b, i) => (i === 12 || i === 13 ? q[24 + i]! : b)));
    const bytes = encodeIpv4(out);
    expect(parseIpv4(bytes, 0, bytes.length, true)).toMatchObject({ layer: 'ipv4', dst: ip(RS) });
    // Counted as an incoming packet; no state change, and the timer is not re-armed.
    expect(cp.dest!.stats.live.inpkts).toBe(2);
    expect(connStateName(cp)).toBe('SYN_RECV');
    expect(cp.expires).toBe(expiresBefore);
    expect(host.events.find((e) => e.kind === 'ipvs.xmit')?.msg.id).toBe('ipvs.icmp.relayNat');
  });

  it('DR: the error goes to the real server unchanged but for the TTL (the connection\'s transmitter)', () => {
    const { host, ipvs } = director('-g');
    const cp = [...ipvs.state.conns][0]!;
    const err = fragNeeded(REPLY_SEEN);
    host.receive(err);
    expect(host.sent).toHaveLength(1);
    expect(host.sent[0]!.packet).toEqual({ ...err, ttl: 63 });
    expect(host.sent[0]!.route.nextHop).toBe(ip(RS));
    expect(cp.inPkts).toBe(2);
  });

  it('an error about no connection, or of another type, is ACCEPTed to the local stack', () => {
    const { host } = director('-m');
    const other = fragNeeded(tcpPacket(VIP, 80, CLIENT, 40001, TCP_ACK));
    host.receive(other);
    const redirect = icmpPacket(ROUTER, VIP, { layer: 'icmp', kind: 'other', type: 5, code: 1, rest: 0, data: encodeIpv4(REPLY_SEEN) });
    host.receive(redirect);
    expect(host.delivered).toEqual([other, redirect]);
    expect(host.sent).toEqual([]);
  });

  it('source quench (type 4) and time exceeded (type 11) are handled like destination unreachable', () => {
    const { host } = director('-m');
    const quench = icmpPacket(ROUTER, VIP, { layer: 'icmp', kind: 'other', type: 4, code: 0, rest: 0, data: encodeIpv4(REPLY_SEEN) });
    const ttl = icmpPacket(ROUTER, VIP, { layer: 'icmp', kind: 'timeExceeded', code: 0, original: encodeIpv4(REPLY_SEEN).slice(0, 28) });
    host.receive(quench);
    host.receive(ttl);
    expect(host.sent.map((s) => [s.packet.dst, u32(quoteOf(s.packet), 12), u16(quoteOf(s.packet), 20)])).toEqual([
      [ip(RS), ip(RS), 8080],
      [ip(RS), ip(RS), 8080],
    ]);
  });

  it('a DF-marked error bigger than the MTU is still relayed (no fragmentation-needed about an ICMP error)', () => {
    const { host } = director('-m');
    host.mtu = 100;
    host.receive({ ...fragNeeded(REPLY_SEEN), df: true });
    expect(host.icmp).toEqual([]);
    expect(host.sent).toHaveLength(1);
  });
});

describe('ip_vs_forward_icmp (FORWARD 99)', () => {
  function forward(host: FakeHost, p: Ipv4Packet): Ipv4Packet[] {
    const skb = host.newSkb(p);
    skb.iif = 'eth0';
    const passed: Ipv4Packet[] = [];
    host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth0', out: 'eth1' }, (s) => passed.push(s.ip));
    return passed;
  }

  it('an error about a NAT connection passing through is relayed to the real server', () => {
    const { host } = director('-m');
    const err = { ...fragNeeded(REPLY_SEEN), dst: ip('10.0.0.99') };
    expect(forward(host, err)).toEqual([]);
    expect(host.sent.map((s) => s.packet.dst)).toEqual([ip(RS)]);
  });

  it('at FORWARD a real server local to the director is refused', () => {
    const { host } = director('-m');
    host.local.add(ip(RS));
    expect(forward(host, fragNeeded(REPLY_SEEN))).toEqual([]);
    expect(host.sent).toEqual([]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.icmp.localRs']);
  });

  it('non-ICMP traffic is left to the next hook', () => {
    const { host } = director('-m');
    const p = udpPacket(CLIENT, 1, '10.0.0.99', 2);
    expect(forward(host, p)).toEqual([p]);
  });
});

describe('ip_vs_out_icmp (§5.7)', () => {
  it('an error from a NAT real server gets source VIP and quoted destination VIP:vport, counted as OutPkts', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -u 192.168.1.100:53 -s rr');
    run(ipvs, `-a -u 192.168.1.100:53 -r ${RS}:5353 -m`);
    host.receive(udpPacket(CLIENT, 33000, VIP, 53));
    const got = host.sent[0]!.packet; // client:33000 → RS:5353, as the real server received it
    const err = icmpPacket(RS, CLIENT, { layer: 'icmp', kind: 'unreach', code: 3, nextHopMtu: 0, original: encodeIpv4(got) });
    const skb = host.newSkb(err);
    skb.iif = 'eth1';
    const passed: Ipv4Packet[] = [];
    host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, (s) => passed.push(s.ip));
    expect(passed).toHaveLength(1);
    const out = passed[0]!;
    expect(out.src).toBe(ip(VIP));
    expect(out.dst).toBe(ip(CLIENT));
    const q = quoteOf(out);
    expect([u32(q, 12), u16(q, 20), u32(q, 16), u16(q, 22)]).toEqual([ip(CLIENT), 33000, ip(VIP), 53]);
    expect(checksumVerifies(q, 0, 20)).toBe(true);
    expect(skb.ipvsProperty).toBe(true);
    const dest = [...ipvs.state.conns][0]!.dest!;
    expect(dest.stats.live.outpkts).toBe(1);
    const bytes = encodeIpv4(out);
    expect(parseIpv4(bytes, 0, bytes.length, true)).toMatchObject({ layer: 'ipv4', src: ip(VIP) });
  });

  it('an error from a DR real server is not touched', () => {
    const { host } = director('-g');
    const got = tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK);
    const err = icmpPacket(VIP, CLIENT, { layer: 'icmp', kind: 'unreach', code: 3, nextHopMtu: 0, original: encodeIpv4(got) });
    const skb = host.newSkb(err);
    const passed: Ipv4Packet[] = [];
    host.nfHook('FORWARD', skb, { hook: 'FORWARD', in: 'eth1', out: 'eth0' }, (s) => passed.push(s.ip));
    expect(passed).toEqual([err]);
  });
});
