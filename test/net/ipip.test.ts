import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newLab, segment, hostOn, ip, must, addCidr, echoRequest } from './helpers.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { MS } from '../../src/net/types.js';
import type { Host } from '../../src/net/host.js';
import { ecnDecapsulate } from '../../src/net/ipip.js';
import { ipv4TotalLength } from '../../src/net/wire/length.js';

/** A director sending one IPIP-wrapped echo request from the client to the VIP on rs's tunl0. */
function tunnel(conf: { all: number; tunl0: number; up?: boolean; outerTos?: number; innerTos?: number }): {
  n: ReturnType<typeof newLab>;
  rs: Host;
  got: Ipv4Packet[];
  inner: Ipv4Packet;
} {
  const n = newLab();
  segment(n.lab, 'lan');
  const director = hostOn(n.lab, 'director', 'lan', '192.168.1.5/24');
  const rs = hostOn(n.lab, 'rs', 'lan', '192.168.1.11/24');
  must(rs.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
  must(rs.addInterface({ name: 'tunl0', up: conf.up ?? true }));
  addCidr(rs, 'tunl0', '192.168.1.100/32');
  must(rs.sysctlSet('net.ipv4.conf.all.rp_filter', conf.all));
  must(rs.sysctlSet('net.ipv4.conf.tunl0.rp_filter', conf.tunl0));
  const got: Ipv4Packet[] = [];
  rs.addProtocol(1, (skb) => got.push(skb.ip));
  const inner = { ...echoRequest(ip('203.0.113.10'), ip('192.168.1.100')), tos: conf.innerTos ?? 0 };
  const outer: Ipv4Packet = { ...inner, tos: conf.outerTos ?? inner.tos, protocol: 4, src: ip('192.168.1.5'), dst: ip('192.168.1.11'), payload: inner };
  director.ipQueueXmit(director.newSkb(outer));
  return { n, rs, got, inner };
}

describe('rp_filter on a decapsulated packet: max(all, tunl0) (reference ARP §1.5)', () => {
  const table: readonly [all: number, tunl0: number, delivered: boolean][] = [
    [0, 0, true],
    [1, 0, false],
    [0, 1, false],
    [1, 1, false],
    // Loose mode only asks for some route back to the client; tunl0 carries the VIP, so it passes.
    [2, 0, true],
    [0, 2, true],
    // MAX, not "the stricter": max(2, 1) = 2 is loose, so it passes too.
    [2, 1, true],
    [1, 2, true],
  ];
  for (const [all, tunl0, delivered] of table) {
    it(`all=${all} tunl0=${tunl0} → ${delivered ? 'delivered' : 'dropped'}`, () => {
      const { n, got } = tunnel({ all, tunl0 });
      n.lab.run({ until: 10 * MS });
      expect(got).toHaveLength(delivered ? 1 : 0);
      const drops = n.rec.of('drop').filter((e) => e.host === 'rs');
      if (delivered) expect(drops).toEqual([]);
      else {
        expect(drops.map((d) => d.msg.id)).toEqual(['ip.drop.rpFilter.tunnel']);
        expect(drops[0]?.msg.params).toMatchObject({ iface: 'tunl0', routeIface: 'eth0', src: '203.0.113.10', value: Math.max(all, tunl0) });
      }
    });
  }

  it('tunl0 counts the decapsulated packet in its RX statistics even when rp_filter then drops it', () => {
    const { n, rs, inner } = tunnel({ all: 1, tunl0: 0 });
    n.lab.run({ until: 10 * MS });
    const t = rs.device('tunl0');
    expect([t?.stats.rxPackets, t?.stats.rxBytes]).toEqual([1, ipv4TotalLength(inner)]);
  });

  it('with tunl0 down nothing takes protocol 4: ICMP port unreachable goes back to the director', () => {
    const { n, got } = tunnel({ all: 0, tunl0: 0, up: false });
    n.lab.run({ until: 10 * MS });
    expect(got).toEqual([]);
    expect(n.rec.of('drop').filter((e) => e.host === 'rs').map((d) => d.msg.id)).toEqual(['ipip.drop.noTunnel']);
    const icmp = n.rec.of('rx').filter((e) => e.host === 'director').map((e) => e.frame.payload);
    expect(icmp.some((p) => p.layer === 'ipv4' && p.payload.layer === 'icmp' && p.payload.kind === 'unreach' && p.payload.code === 3)).toBe(true);
  });
});

describe('ECN on decapsulation (INET_ECN_decapsulate, RFC 6040)', () => {
  const base = echoRequest(ip('203.0.113.10'), ip('192.168.1.100'));
  const withEcn = (dscp: number, ecn: number): Ipv4Packet => ({ ...base, tos: (dscp << 2) | ecn });

  it('outer CE over a not-ECT inner packet is dropped', () => {
    expect(ecnDecapsulate(3, withEcn(10, 0))).toBeUndefined();
    const { n, got } = tunnel({ all: 0, tunl0: 0, outerTos: 3, innerTos: 0 });
    n.lab.run({ until: 10 * MS });
    expect(got).toEqual([]);
    expect(n.rec.of('drop').filter((e) => e.host === 'rs').map((d) => d.msg.id)).toEqual(['ipip.drop.ecn']);
  });

  it('outer CE marks an ECT inner packet CE; outer ECT(1) turns ECT(0) into ECT(1); the DSCP is the inner one', () => {
    expect(ecnDecapsulate(3, withEcn(10, 2))?.tos).toBe((10 << 2) | 3);
    expect(ecnDecapsulate(3, withEcn(10, 1))?.tos).toBe((10 << 2) | 3);
    expect(ecnDecapsulate(1, withEcn(10, 2))?.tos).toBe((10 << 2) | 1);
    expect(ecnDecapsulate(2, withEcn(10, 1))?.tos).toBe((10 << 2) | 1);
  });

  it('an outer header that is a copy of the inner one (what IPVS sends) changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (tos) => {
        const inner = { ...base, tos };
        expect(ecnDecapsulate(tos, inner)).toBe(inner);
      }),
    );
  });
});
