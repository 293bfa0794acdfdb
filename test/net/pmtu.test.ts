import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr, type Recorder } from './helpers.js';
import type { Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { MS, SEC } from '../../src/net/types.js';
import type { Host } from '../../src/net/host.js';
import type { Lab } from '../../src/net/lab.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { pmtuTable, IP_RT_MIN_PMTU, IP_RT_MTU_EXPIRES } from '../../src/net/pmtu.js';

interface Net {
  lab: Lab;
  rec: Recorder;
  client: Host;
  router: Host;
  server: Host;
}

/** client — a — router — b (MTU `mtu` on the router's side) — server */
function narrowPath(mtu: number): Net {
  const { lab, rec } = newLab(3);
  segment(lab, 'a');
  segment(lab, 'b');
  const client = hostOn(lab, 'client', 'a', '203.0.113.10/24');
  must(client.addRoute({ dst: 0, prefixLen: 0, via: ip('203.0.113.1') }));
  const router = hostOn(lab, 'router', 'a', '203.0.113.1/24');
  must(router.addInterface({ name: 'eth1', segment: 'b', mtu }));
  addCidr(router, 'eth1', '192.168.1.1/24');
  must(router.sysctlSet('net.ipv4.ip_forward', 1));
  const server = hostOn(lab, 'server', 'b', '192.168.1.11/24');
  must(server.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
  return { lab, rec, client, router, server };
}

function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 13 + 5) & 255;
  return b;
}

/** The IP packets `host` put on the wire, in order. */
function sent(rec: Recorder, host: string): Ipv4Packet[] {
  return rec
    .of('tx')
    .filter((e) => e.host === host && e.frame.payload.layer === 'ipv4')
    .map((e) => e.frame.payload as Ipv4Packet);
}

function dataSegs(pkts: readonly Ipv4Packet[]): { len: number; ipLen: number; seg: TcpSegment }[] {
  const out: { len: number; ipLen: number; seg: TcpSegment }[] = [];
  for (const p of pkts) {
    if (p.payload.layer !== 'tcp' || p.payload.payload.length === 0) continue;
    out.push({ len: p.payload.payload.length, ipLen: 20 + 20 + 12 + p.payload.payload.length, seg: p.payload });
  }
  return out;
}

describe('path MTU discovery (RFC 1191, tcp_v4_err → tcp_v4_mtu_reduced)', () => {
  it('a TCP sender that gets "fragmentation needed" lowers its MSS and resends at once in smaller pieces', () => {
    const n = narrowPath(1400);
    const data = pattern(4 * 1448);
    const got: Uint8Array[] = [];
    tcpStack(n.server).listen(80, () => ({ data: (_s, d) => got.push(d.slice()) }));
    tcpStack(n.client).connect(ip('192.168.1.11'), 80, { connected: (s) => s.send(data) });
    n.lab.run({ until: 50 * MS });

    // The router could not forward the four 1500-byte packets and said so, with its MTU.
    const errors = sent(n.rec, 'router').filter((p) => p.payload.layer === 'icmp' && p.payload.kind === 'unreach' && p.payload.code === 4);
    expect(errors.map((p) => (p.payload.layer === 'icmp' && p.payload.kind === 'unreach' ? p.payload.nextHopMtu : -1))).toEqual([1400, 1400, 1400, 1400]);

    // The client: four full segments, then each resent as 1348 + 100 (1400 − 40 − 12 bytes of timestamps).
    const segs = dataSegs(sent(n.rec, 'client'));
    expect(segs.map((s) => s.len)).toEqual([1448, 1448, 1448, 1448, 1348, 100, 1348, 100, 1348, 100, 1348, 100]);
    // Only the last piece of the last segment keeps PSH.
    expect(segs.slice(4).map((s) => (s.seg.flags & 0x08) !== 0)).toEqual([false, false, false, false, false, false, false, true]);
    // Everything arrived, without waiting for a retransmission timeout (50 ms < TCP_RTO_MIN).
    expect(got.reduce((k, d) => k + d.length, 0)).toBe(data.length);
    expect(Buffer.from(got.reduce((a, d) => Buffer.concat([a, d]), Buffer.alloc(0)))).toEqual(Buffer.from(data));
    // The route to the server now carries the learned MTU; new connections will use it.
    expect(n.client.routeOutput(ip('192.168.1.11')).mtu).toBe(1400);
    expect(n.client.routeOutput(ip('203.0.113.1')).mtu).toBe(1500);
    // Only the first error changed anything: one notice, not four.
    const notices = n.rec.of('sock').filter((e) => e.host === 'client' && e.msg.id === 'tcp.pmtu.reduced');
    expect(notices.map((e) => e.msg.params)).toEqual([{ dst: '192.168.1.11', mtu: 1400, mss: 1348, resent: 8 }]);
  });

  it('later data uses the smaller MSS from the start', () => {
    const n = narrowPath(1400);
    tcpStack(n.server).listen(80, () => ({}));
    tcpStack(n.client).connect(ip('192.168.1.11'), 80, {
      connected: (s) => {
        s.send(pattern(1448));
        n.lab.sim.after(20 * MS, () => s.send(pattern(3000)));
      },
    });
    n.lab.run({ until: 100 * MS });
    const segs = dataSegs(sent(n.rec, 'client'));
    expect(segs.map((s) => s.len)).toEqual([1448, 1348, 100, 1348, 1348, 304]);
  });

  it('ignores an error that quotes a sequence number outside snd.una..snd.nxt', () => {
    const n = narrowPath(1500);
    tcpStack(n.server).listen(80, () => ({}));
    let mss = 0;
    const r = tcpStack(n.client).connect(ip('192.168.1.11'), 80, {});
    if (!r.ok) throw new Error(r.errno);
    n.lab.run({ until: 10 * MS });
    const sock = r.value;
    mss = sock.sndMss;
    expect(sock.mtuReduced(1400, (sock.sndUna - 5000) >>> 0)).toBe(false);
    expect(sock.sndMss).toBe(mss);
    expect(n.client.routeOutput(ip('192.168.1.11')).mtu).toBe(1500);
    expect(sock.mtuReduced(1400, sock.sndUna)).toBe(true);
    expect(sock.sndMss).toBe(1348);
    // The same MTU again changes nothing.
    expect(sock.mtuReduced(1400, sock.sndUna)).toBe(false);
  });
});

describe('route exceptions (__ip_rt_update_pmtu)', () => {
  it('only lowers, never below min_pmtu, and expires after mtu_expires', () => {
    const n = narrowPath(1500);
    const dst = ip('192.168.1.11');
    const t = pmtuTable(n.client);
    expect(t.update(dst, 1600)).toBe(1500);
    expect(t.get(dst)).toBeUndefined();
    expect(t.update(dst, 1300)).toBe(1300);
    expect(t.update(dst, 1400)).toBe(1300);
    expect(t.update(dst, 100)).toBe(IP_RT_MIN_PMTU);
    expect(n.client.routeOutput(dst).mtu).toBe(552);
    // ip_route_output of a local or other destination is unaffected.
    expect(n.client.routeOutput(ip('203.0.113.10')).mtu).not.toBe(552);
    n.lab.run({ until: IP_RT_MTU_EXPIRES + 1 * SEC });
    expect(t.get(dst)).toBeUndefined();
    expect(n.client.routeOutput(dst).mtu).toBe(1500);
  });
});
