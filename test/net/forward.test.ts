import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr, ping, echoRequest, type Recorder } from './helpers.js';
import type { Ipv4Packet, IcmpMessage } from '../../src/net/wire/packet.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { MS } from '../../src/net/types.js';
import type { Host } from '../../src/net/host.js';
import type { Lab } from '../../src/net/lab.js';
import type { Skb } from '../../src/net/types.js';

interface Net {
  lab: Lab;
  rec: Recorder;
  client: Host;
  router: Host;
  server: Host;
  icmpAtClient: IcmpMessage[];
  icmpAtServer: Ipv4Packet[];
}

/** client — internet — router — lan — server */
function routed(forward: boolean): Net {
  const { lab, rec } = newLab();
  segment(lab, 'internet');
  segment(lab, 'lan');
  const client = hostOn(lab, 'client', 'internet', '203.0.113.10/24');
  must(client.addRoute({ dst: 0, prefixLen: 0, via: ip('203.0.113.1') }));
  const router = hostOn(lab, 'router', 'internet', '203.0.113.1/24');
  must(router.addInterface({ name: 'eth1', segment: 'lan' }));
  addCidr(router, 'eth1', '192.168.1.1/24');
  if (forward) must(router.sysctlSet('net.ipv4.ip_forward', 1));
  const server = hostOn(lab, 'server', 'lan', '192.168.1.11/24');
  must(server.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
  const icmpAtClient: IcmpMessage[] = [];
  const icmpAtServer: Ipv4Packet[] = [];
  client.addProtocol(1, (skb: Skb) => {
    if (skb.ip.payload.layer === 'icmp') icmpAtClient.push(skb.ip.payload);
  });
  server.addProtocol(1, (skb: Skb) => icmpAtServer.push(skb.ip));
  return { lab, rec, client, router, server, icmpAtClient, icmpAtServer };
}

describe('forwarding', () => {
  it('forwards between two segments with ip_forward=1, decrementing the TTL each way', () => {
    const n = routed(true);
    ping(n.client, ip('192.168.1.11'));
    n.lab.run({ until: 100 * MS });
    expect(n.icmpAtServer.map((p) => [formatIp4(p.src), p.ttl])).toEqual([['203.0.113.10', 63]]);
    const replies = n.rec
      .of('rx')
      .filter((e) => e.host === 'client' && e.frame.payload.layer === 'ipv4')
      .map((e) => e.frame.payload as Ipv4Packet);
    expect(replies.map((p) => [formatIp4(p.src), p.ttl, p.payload.layer === 'icmp' && p.payload.kind])).toEqual([['192.168.1.11', 63, 'echo']]);
    expect(n.icmpAtClient.map((m) => m.kind === 'echo' && m.type)).toEqual([0]);
    // The router's view: FORWARD traversed with in/out interfaces, and the route event names the next hop.
    const fwd = n.rec.of('route').filter((e) => e.host === 'router' && e.type === 'unicast');
    expect(fwd.map((e) => [e.dev, formatIp4(e.nextHop!)])).toEqual([
      ['eth1', '192.168.1.11'],
      ['eth0', '203.0.113.10'],
    ]);
    expect(n.rec.of('hook').filter((e) => e.host === 'router').map((e) => e.hook)).toEqual([
      'PREROUTING',
      'FORWARD',
      'POSTROUTING',
      'PREROUTING',
      'FORWARD',
      'POSTROUTING',
    ]);
    // The reply shares the request's flow but has its own packet id.
    const req = n.rec.of('tx').find((e) => e.host === 'client' && e.frame.payload.layer === 'ipv4')!;
    const rep = n.rec.of('tx').find((e) => e.host === 'server' && e.frame.payload.layer === 'ipv4')!;
    expect(rep.flow).toBe(req.flow);
    expect(rep.pkt).not.toBe(req.pkt);
    // The packet keeps its id across the router.
    expect(n.rec.of('tx').filter((e) => e.pkt === req.pkt).map((e) => e.segment)).toEqual(['internet', 'lan']);
  });

  it('drops with ip_forward=0, naming the input interface', () => {
    const n = routed(false);
    ping(n.client, ip('192.168.1.11'));
    n.lab.run({ until: 100 * MS });
    expect(n.icmpAtServer).toHaveLength(0);
    const d = n.rec.of('drop').filter((e) => e.host === 'router');
    expect(d.map((e) => e.msg.id)).toEqual(['ip.drop.notForwarding']);
    expect(d[0]!.msg.params).toMatchObject({ iface: 'eth0', dst: '192.168.1.11' });
    expect(n.icmpAtClient).toHaveLength(0);
  });

  it('forwarding is decided by the input interface alone', () => {
    const n = routed(true);
    must(n.router.sysctlSet('net.ipv4.conf.eth0.forwarding', 0));
    ping(n.client, ip('192.168.1.11'));
    n.lab.run({ until: 100 * MS });
    expect(n.icmpAtServer).toHaveLength(0);
    // The other direction still forwards (eth1 forwards).
    ping(n.server, ip('203.0.113.10'), 2);
    n.lab.run({ until: 200 * MS });
    expect(n.icmpAtClient.filter((m) => m.kind === 'echo' && m.type === 8)).toHaveLength(1);
  });

  it('answers TTL 1 with ICMP time exceeded from the router', () => {
    const n = routed(true);
    ping(n.client, ip('192.168.1.11'), 1, 0, 1);
    n.lab.run({ until: 100 * MS });
    expect(n.icmpAtServer).toHaveLength(0);
    const te = n.icmpAtClient.find((m) => m.kind === 'timeExceeded');
    expect(te).toBeDefined();
    const icmpFromRouter = n.rec.of('tx').find((e) => e.host === 'router' && e.frame.payload.layer === 'ipv4')!.frame.payload as Ipv4Packet;
    expect([formatIp4(icmpFromRouter.src), formatIp4(icmpFromRouter.dst), icmpFromRouter.tos, icmpFromRouter.ttl]).toEqual([
      '203.0.113.1',
      '203.0.113.10',
      0xc0,
      64,
    ]);
    // The quote holds the original header with TTL 1 and the echo header.
    if (te?.kind !== 'timeExceeded') throw new Error('no time exceeded');
    expect(te.original.length).toBe(20 + 16);
    expect(te.original[8]).toBe(1);
    expect(n.rec.of('drop').find((e) => e.host === 'router')?.msg.id).toBe('ip.drop.ttlExceeded');
  });

  it('answers a DF packet larger than the next link with ICMP fragmentation needed and the MTU', () => {
    const n = routed(true);
    must(n.router.setMtu('eth1', 1000));
    const big = { ...echoRequest(ip('203.0.113.10'), ip('192.168.1.11')), payload: { layer: 'icmp' as const, kind: 'echo' as const, type: 8 as const, code: 0, ident: 1, seq: 1, data: new Uint8Array(1400) } };
    n.client.ipQueueXmit(n.client.newSkb(big));
    n.lab.run({ until: 100 * MS });
    const fn = n.icmpAtClient.find((m) => m.kind === 'unreach');
    expect(fn?.kind === 'unreach' && [fn.code, fn.nextHopMtu]).toEqual([4, 1000]);
    expect(fn?.kind === 'unreach' && fn.original.length).toBe(548);
  });

  it('sends ICMP network unreachable from a router without a route, silence from a host', () => {
    const n = routed(true);
    ping(n.client, ip('198.51.100.1'));
    n.lab.run({ until: 100 * MS });
    const u = n.icmpAtClient.find((m) => m.kind === 'unreach');
    expect(u?.kind === 'unreach' && u.code).toBe(0);
    expect(n.rec.of('drop').find((e) => e.host === 'router')?.msg.id).toBe('ip.drop.noRoute');
  });

  it('answers an unknown protocol with ICMP protocol unreachable from the address it was sent to', () => {
    const n = routed(true);
    addCidr(n.server, 'lo', '192.168.1.100/32', { label: 'lo:0' });
    const pkt: Ipv4Packet = { ...echoRequest(ip('203.0.113.10'), ip('192.168.1.100')), protocol: 99, payload: { layer: 'raw', bytes: new Uint8Array(12) } };
    n.client.ipQueueXmit(n.client.newSkb(pkt));
    n.lab.run({ until: 100 * MS });
    const u = n.icmpAtClient.find((m) => m.kind === 'unreach');
    expect(u?.kind === 'unreach' && u.code).toBe(2);
    const sent = n.rec.of('tx').find((e) => e.host === 'server' && e.frame.payload.layer === 'ipv4')!.frame.payload as Ipv4Packet;
    expect(formatIp4(sent.src)).toBe('192.168.1.100');
  });

  it('drops spoofed and martian sources (rp_filter strict, own address, accept_local)', () => {
    const n = routed(true);
    must(n.router.sysctlSet('net.ipv4.conf.all.rp_filter', 1));
    ping(n.client, ip('192.168.1.11'), 1, ip('192.168.1.50'));
    ping(n.client, ip('192.168.1.11'), 2, ip('192.168.1.1'));
    n.lab.run({ until: 100 * MS });
    expect(n.rec.of('drop').filter((e) => e.host === 'router').map((e) => e.msg.id)).toEqual(['ip.drop.rpFilter.strict', 'ip.drop.localSource']);
    // Loose mode accepts any source the router can route back to.
    n.rec.clear();
    must(n.router.sysctlSet('net.ipv4.conf.all.rp_filter', 2));
    ping(n.client, ip('192.168.1.11'), 3, ip('192.168.1.50'));
    n.lab.run({ until: 200 * MS });
    expect(n.icmpAtServer.map((p) => formatIp4(p.src))).toEqual(['192.168.1.50']);
  });

  it('delivers packets to its own addresses through lo, never on a wire', () => {
    const n = routed(true);
    addCidr(n.server, 'lo', '192.168.1.100/32', { label: 'lo:0' });
    ping(n.server, ip('192.168.1.100'));
    n.lab.run({ until: 10 * MS });
    expect(n.rec.of('tx')).toHaveLength(0);
    expect(n.rec.of('hook').map((e) => [e.hook, e.pkt])).toEqual([
      ['LOCAL_OUT', 1],
      ['POSTROUTING', 1],
      ['PREROUTING', 1],
      ['LOCAL_IN', 1],
      ['LOCAL_OUT', 2],
      ['POSTROUTING', 2],
      ['PREROUTING', 2],
      ['LOCAL_IN', 2],
    ]);
    expect(n.icmpAtServer.map((p) => [formatIp4(p.src), formatIp4(p.dst), p.payload.layer === 'icmp' && p.payload.kind === 'echo' && p.payload.type])).toEqual([
      ['192.168.1.100', '192.168.1.100', 8],
      ['192.168.1.100', '192.168.1.100', 0],
    ]);
  });

  it('a crashed router forwards nothing; after restart it relearns its neighbours', () => {
    const n = routed(true);
    ping(n.client, ip('192.168.1.11'), 1);
    n.lab.run({ until: 100 * MS });
    n.router.crash();
    ping(n.client, ip('192.168.1.11'), 2);
    n.lab.run({ until: 200 * MS });
    expect(n.icmpAtServer).toHaveLength(1);
    expect(n.router.device('eth1')!.neigh.entries.size).toBe(0);
    n.router.restart();
    ping(n.client, ip('192.168.1.11'), 3);
    n.lab.run({ until: 300 * MS });
    expect(n.icmpAtServer).toHaveLength(2);
  });
});

describe('netfilter hooks', () => {
  it('runs registrations by priority, stable for equal priorities, and reports the decisive module', () => {
    const n = routed(true);
    const order: string[] = [];
    const op = (owner: string, priority: number, verdict: 'ACCEPT' | 'DROP' | 'STOLEN') => ({
      hook: 'FORWARD' as const,
      priority,
      owner,
      fn: () => {
        order.push(owner);
        return verdict;
      },
    });
    n.router.nfRegister(op('c', 100, 'ACCEPT'));
    n.router.nfRegister(op('a', -10, 'ACCEPT'));
    n.router.nfRegister(op('b1', 0, 'ACCEPT'));
    n.router.nfRegister(op('b2', 0, 'ACCEPT'));
    ping(n.client, ip('192.168.1.11'));
    n.lab.run({ until: 100 * MS });
    expect(order.slice(0, 4)).toEqual(['a', 'b1', 'b2', 'c']);
    const fwdHooks = n.rec.of('hook').filter((e) => e.host === 'router' && e.hook === 'FORWARD');
    expect(fwdHooks[0]!.verdict).toBe('ACCEPT');
    expect(fwdHooks[0]!.by).toBeUndefined();
    const dropper = op('filter', 50, 'DROP');
    n.router.nfRegister(dropper);
    order.length = 0;
    n.rec.clear();
    ping(n.client, ip('192.168.1.11'), 2);
    n.lab.run({ until: 200 * MS });
    expect(order).toEqual(['a', 'b1', 'b2', 'filter']);
    const h = n.rec.of('hook').find((e) => e.host === 'router' && e.hook === 'FORWARD')!;
    expect([h.verdict, h.by]).toEqual(['DROP', 'filter']);
    expect(n.rec.of('drop').find((e) => e.host === 'router')?.msg).toEqual({ id: 'nf.drop', params: { hook: 'FORWARD', by: 'filter' } });
    n.router.nfUnregister(dropper);
    expect(n.router.nf.registered('FORWARD').map((o) => o.owner)).toEqual(['a', 'b1', 'b2', 'c']);
  });
});

describe('IPIP decapsulation on tunl0', () => {
  function tunLan(rpFilter: number): { n: ReturnType<typeof newLab>; rs: Host; got: Ipv4Packet[] } {
    const n = newLab();
    segment(n.lab, 'lan');
    const director = hostOn(n.lab, 'director', 'lan', '192.168.1.5/24');
    const rs = hostOn(n.lab, 'rs', 'lan', '192.168.1.11/24');
    must(rs.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
    must(rs.addInterface({ name: 'tunl0' }));
    addCidr(rs, 'tunl0', '192.168.1.100/32');
    must(rs.sysctlSet('net.ipv4.conf.all.rp_filter', rpFilter));
    must(rs.sysctlSet('net.ipv4.conf.tunl0.rp_filter', rpFilter));
    const got: Ipv4Packet[] = [];
    rs.addProtocol(1, (skb) => got.push(skb.ip));
    const inner = echoRequest(ip('203.0.113.10'), ip('192.168.1.100'));
    const outer: Ipv4Packet = { ...inner, protocol: 4, src: ip('192.168.1.5'), dst: ip('192.168.1.11'), payload: inner };
    director.ipQueueXmit(director.newSkb(outer));
    return { n, rs, got };
  }

  it('delivers the inner packet as received on tunl0 when rp_filter allows it', () => {
    const { n, got } = tunLan(0);
    n.lab.run({ until: 10 * MS });
    expect(got.map((p) => [formatIp4(p.src), formatIp4(p.dst)])).toEqual([['203.0.113.10', '192.168.1.100']]);
    expect(n.rec.of('hook').filter((e) => e.host === 'rs' && e.hook === 'PREROUTING')).toHaveLength(2);
  });

  it('drops it with rp_filter=1: the route back to the client leaves through eth0, not tunl0', () => {
    const { n, got } = tunLan(1);
    n.lab.run({ until: 10 * MS });
    expect(got).toHaveLength(0);
    const d = n.rec.of('drop').find((e) => e.host === 'rs');
    expect(d?.msg.id).toBe('ip.drop.rpFilter.tunnel');
    expect(d?.msg.params).toMatchObject({ iface: 'tunl0', routeIface: 'eth0' });
  });
});

describe('broadcast and multicast', () => {
  it('delivers a multicast to hosts that joined the group only, with its group MAC', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    hostOn(lab, 'c', 'lan', '192.168.1.12/24');
    b.joinMulticast('eth0', ip('224.0.0.18'));
    const got: string[] = [];
    b.addProtocol(112, (skb) => got.push(formatIp4(skb.ip.src)));
    const route = a.routeOutput(ip('224.0.0.18'), { oif: 'eth0' });
    expect([route.type, route.dev, formatIp4(route.src)]).toEqual(['multicast', 'eth0', '192.168.1.10']);
    const vrrp: Ipv4Packet = { ...echoRequest(route.src, ip('224.0.0.18')), ttl: 255, protocol: 112, payload: { layer: 'raw', bytes: new Uint8Array(20) } };
    a.ipQueueXmit(a.newSkb(vrrp), route);
    lab.run({ until: 10 * MS });
    expect(got).toEqual(['192.168.1.10']);
    expect(rec.of('tx')[0]!.frame.dst).toBe(0x01005e000012);
    expect(rec.of('rx').map((e) => e.host)).toEqual(['b']);
    expect(rec.of('tx')).toHaveLength(1);
  });

  it('ignores a ping to the subnet broadcast address (icmp_echo_ignore_broadcasts = 1) and sends no ICMP error about it', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    const r = a.routeOutput(ip('192.168.1.255'));
    expect(r.type).toBe('broadcast');
    ping(a, ip('192.168.1.255'));
    lab.run({ until: 10 * MS });
    expect(rec.of('tx')).toHaveLength(1);
    expect(rec.of('tx')[0]!.frame.dst).toBe(0xffff_ffff_ffff);
    expect(rec.of('drop').map((e) => [e.host, e.msg.id])).toEqual([['b', 'icmp.drop.echoBroadcastIgnored']]);
  });
});
