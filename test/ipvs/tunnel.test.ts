import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { ipipEncapsulate } from '../../src/ipvs/xmit/tunnel.js';
import { encodeIpv4, decodeIpv4 } from '../../src/net/wire/frame.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_TIME_EXCEEDED, IPPROTO_IPIP, TCP_ACK, TCP_SYN, type Ipv4Packet } from '../../src/net/wire/packet.js';
import { ipv4TotalLength } from '../../src/net/wire/length.js';
import { FakeHost, ip, tcpPacket, udpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const CLIENT = '203.0.113.10';
const RS = '10.0.2.11';
/** The preferred source FakeHost's routes carry. */
const DIP = '192.168.1.5';

function run(ipvs: Ipvs, line: string): string {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r.output;
}

function director(): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  host.local.add(ip(DIP));
  const ipvs = attachIpvs(host);
  run(ipvs, '-A -t 192.168.1.100:80 -s rr');
  run(ipvs, `-a -t 192.168.1.100:80 -r ${RS} -i`);
  run(ipvs, '-A -u 192.168.1.100:53 -s rr');
  run(ipvs, `-a -u 192.168.1.100:53 -r ${RS} -i`);
  return { host, ipvs };
}

/** The one packet IPVS sent, as an outer header around an inner packet. */
function sentOuter(host: FakeHost): { outer: Ipv4Packet; inner: Ipv4Packet } {
  expect(host.sent).toHaveLength(1);
  const outer = host.sent[0]?.packet as Ipv4Packet;
  const inner = outer.payload;
  if (inner.layer !== 'ipv4') throw new Error('not IPIP');
  return { outer, inner };
}

describe('ip_vs_tunnel_xmit: the outer header (§6.3)', () => {
  it('protocol 4, tos copied, TTL = inner TTL after the decrement, DF copied, id 0 for DF, src = route source, dst = RS', () => {
    const { host } = director();
    const syn = { ...tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { ttl: 61 }), tos: 0x10 };
    const skb = host.receive(syn);
    expect(host.lastVerdict()).toBe('STOLEN');
    const { outer, inner } = sentOuter(host);
    expect(inner).toEqual({ ...syn, ttl: 60 });
    expect(outer).toMatchObject({ protocol: IPPROTO_IPIP, tos: 0x10, ttl: 60, df: true, mf: false, fragOffset: 0, id: 0, src: ip(DIP), dst: ip(RS) });
    expect(outer.options).toHaveLength(0);
    expect(host.sent[0]?.route.nextHop).toBe(ip(RS));
    expect(host.sent[0]?.ipvsProperty).toBe(true);
    expect(skb.ipvsProperty).toBe(true);
    expect(host.icmp).toEqual([]);
  });

  it('on the wire: 0x45, protocol 4, DF bit, total length = inner + 20, both checksums valid', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 100 }));
    const { outer, inner } = sentOuter(host);
    const bytes = encodeIpv4(outer);
    expect(bytes[0]).toBe(0x45);
    expect(bytes[9]).toBe(4);
    expect((bytes[6] as number) & 0x40).toBe(0x40);
    expect(bytes.length).toBe(ipv4TotalLength(inner) + 20);
    expect(bytes[20]).toBe(0x45);
    const back = decodeIpv4(bytes);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value.payload).toMatchObject({ layer: 'ipv4', dst: ip(VIP), src: ip(CLIENT) });
  });

  it('an inner packet without DF: outer DF clear, id from the host generator (ip_select_ident)', () => {
    const { host } = director();
    host.receive(udpPacket(CLIENT, 5353, VIP, 53));
    host.receive(udpPacket(CLIENT, 5353, VIP, 53));
    expect(host.sent.map((s) => [s.packet.df, s.packet.id])).toEqual([
      [false, 0x1234],
      [false, 0x1235],
    ]);
  });

  it('tos is INET_ECN_encapsulate(inner, inner): DSCP and ECN copied, but CE inside becomes ECT(0) outside', () => {
    const cases: [number, number][] = [
      [0x00, 0x00], // not-ECT stays not-ECT
      [0xb9, 0xb9], // EF + ECT(1)
      [0xb8 | 2, 0xb8 | 2], // ECT(0)
      [0xb8 | 3, 0xb8 | 2], // CE is not copied out: the outer header starts at ECT(0)
    ];
    for (const [inner, outer] of cases) {
      const p = { ...tcpPacket(CLIENT, 1, VIP, 80, TCP_SYN), tos: inner };
      expect(ipipEncapsulate(p, ip(DIP), ip(RS), true, () => 7).tos, `inner tos ${inner}`).toBe(outer);
    }
  });

  it('every inner tos: the DSCP is copied, TTL, DF and id follow the inner packet and pmtu_disc', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.boolean(), fc.boolean(), (tos, df, pmtu) => {
        const inner = { ...tcpPacket(CLIENT, 1, VIP, 80, TCP_SYN, { df }), tos };
        const outer = ipipEncapsulate(inner, ip(DIP), ip(RS), pmtu, () => 7);
        expect(outer.tos >> 2).toBe(tos >> 2);
        expect(outer.tos & 3).toBe((tos & 3) === 3 ? 2 : tos & 3);
        expect(outer.ttl).toBe(inner.ttl);
        expect(outer.df).toBe(pmtu && df);
        expect(outer.id).toBe(pmtu && df ? 0 : 7);
        expect(outer.payload).toBe(inner);
      }),
    );
  });

  it('TTL 1: ICMP time exceeded, nothing sent', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { ttl: 1 }));
    expect(host.sent).toEqual([]);
    expect(host.icmp.map((i) => [i.type, i.code])).toEqual([[ICMP_TIME_EXCEEDED, 0]]);
  });

  it('a real server address local to the director: handed to the local stack unchanged (ACCEPT)', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    run(ipvs, `-a -t 192.168.1.100:80 -r ${VIP} -i`);
    const syn = tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN);
    host.receive(syn);
    expect(host.sent).toEqual([]);
    expect(host.delivered).toEqual([syn]);
  });
});

describe('a TUN connection never sees replies (NOOUTPUT, input-only state table, §3.4)', () => {
  it('SYN → SYN_RECV (1 active, 0 inactive), the client ACK → ESTABLISHED; every packet is tunnelled', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    const cp = [...ipvs.state.conns][0];
    const dest = cp?.dest;
    expect([cp?.state, dest?.activeConns, dest?.inactConns]).toEqual([3, 1, 0]);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    expect([cp?.state, dest?.activeConns, dest?.inactConns]).toEqual([1, 1, 0]);
    expect(host.sent.map((x) => x.packet.protocol)).toEqual([IPPROTO_IPIP, IPPROTO_IPIP]);
  });
});

describe('the tunnel MTU is the route MTU − 20 (ensure_mtu_is_adequate)', () => {
  // tcpPacket: 20 bytes IP + 20 bytes TCP + payload.
  it('1480 bytes with DF fit a 1500-byte route; 1481 get ICMP fragmentation needed carrying 1480', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 1440 }));
    expect(host.sent).toHaveLength(1);
    expect(ipv4TotalLength(host.sent[0]?.packet as Ipv4Packet)).toBe(1500);
    host.receive(tcpPacket(CLIENT, 40001, VIP, 80, TCP_SYN, { payload: 1441 }));
    expect(host.sent).toHaveLength(1);
    expect(host.icmp.map((i) => [i.type, i.code, i.info])).toEqual([[ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 1480]]);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.xmit.fragNeeded']);
    expect(host.drops[0]?.reason.params).toMatchObject({ len: 1481, mtu: 1480 });
  });

  it('the route MTU decides: a 1400-byte link announces 1380', () => {
    const { host } = director();
    host.mtu = 1400;
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 1341 }));
    expect(host.icmp.map((i) => i.info)).toEqual([1380]);
  });

  it('without DF there is no ICMP: the packet is encapsulated (the output path would fragment)', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 1441, df: false }));
    expect(host.icmp).toEqual([]);
    const { outer } = sentOuter(host);
    expect(outer.df).toBe(false);
  });

  it('pmtu_disc = 0: never fragmentation needed, outer DF clear even for a DF packet, id from the generator', () => {
    const { host } = director();
    host.setSysctl('pmtu_disc', 0);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 1441 }));
    expect(host.icmp).toEqual([]);
    const { outer, inner } = sentOuter(host);
    expect(outer.df).toBe(false);
    expect(outer.id).toBe(0x1234);
    expect(inner.df).toBe(true);
  });
});

describe('ipvsadm with tunnel servers', () => {
  it('-L -n shows Tunnel, -S -n appends --tun-type ipip, --tun-info shows ipip', () => {
    const { ipvs } = director();
    expect(run(ipvs, '-L -n -t 192.168.1.100:80')).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  192.168.1.100:80 rr\n' +
        '  -> 10.0.2.11:80                 Tunnel  1      0          0         \n',
    );
    expect(run(ipvs, '-S -n')).toBe(
      '-A -t 192.168.1.100:80 -s rr\n' +
        '-a -t 192.168.1.100:80 -r 10.0.2.11:80 -i -w 1 --tun-type ipip\n' +
        '-A -u 192.168.1.100:53 -s rr\n' +
        '-a -u 192.168.1.100:53 -r 10.0.2.11:53 -i -w 1 --tun-type ipip\n',
    );
    expect(run(ipvs, '-L -n --tun-info -t 192.168.1.100:80')).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n' +
        'TCP  192.168.1.100:80 rr\n' +
        '  -> 10.0.2.11:80                 Tunnel  ipip          1      0          0         \n',
    );
  });

  it('the port of a tunnel server is forced to the service port; --tun-type ipip is accepted', () => {
    const host = new FakeHost();
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    run(ipvs, '-a -t 192.168.1.100:80 -r 10.0.2.11:8080 -i --tun-type ipip');
    expect(run(ipvs, '-S -n')).toContain('-r 10.0.2.11:80 -i -w 1 --tun-type ipip');
  });

  it('gue and gre are refused as not modelled, at --tun-type', () => {
    const host = new FakeHost();
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    for (const t of ['gue --tun-port 6080', 'gre']) {
      const line = `-a -t 192.168.1.100:80 -r 10.0.2.11 -i --tun-type ${t}`;
      const r = ipvs.ipvsadm(line);
      expect(r.exitCode).not.toBe(0);
      expect(r.error?.kind).toBe('notModelled');
      expect(r.error?.msg.id).toBe('ipvs.tun.typeNotModelled');
      const span = r.error?.span;
      expect(span === undefined ? '' : line.slice(span.offset, span.offset + span.length)).toBe('--tun-type');
    }
    expect(run(ipvs, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n');
  });
});
