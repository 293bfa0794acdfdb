import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr, ping, type Recorder } from './helpers.js';
import type { ArpPacket, EthernetFrame } from '../../src/net/wire/packet.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { formatArpN, formatIpNeigh } from '../../src/net/neigh-show.js';
import { MS, SEC } from '../../src/net/types.js';
import type { Host } from '../../src/net/host.js';
import type { Lab } from '../../src/net/lab.js';

interface ArpTx {
  readonly frame: EthernetFrame;
  readonly arp: ArpPacket;
  readonly msg: string;
  readonly t: number;
}

function arpTx(rec: Recorder, host: string, oper: number): ArpTx[] {
  return rec
    .of('tx')
    .filter((e) => e.host === host && e.frame.payload.layer === 'arp' && e.frame.payload.oper === oper)
    .map((e) => ({ frame: e.frame, arp: e.frame.payload as ArpPacket, msg: e.msg.id, t: e.t }));
}

/** A client and a real server on one LAN; the VIP sits on the server's lo as lo:0. */
function drLan(vipScope: 'global' | 'host' = 'global', vip = '192.168.1.100'): { lab: Lab; rec: Recorder; client: Host; rs: Host } {
  const { lab, rec } = newLab();
  segment(lab, 'lan');
  const client = hostOn(lab, 'client', 'lan', '192.168.1.10/24');
  const rs = hostOn(lab, 'rs', 'lan', '192.168.1.11/24');
  addCidr(rs, 'lo', `${vip}/32`, { label: 'lo:0', scope: vipScope });
  return { lab, rec, client, rs };
}

describe('arp_ignore: VIP on lo, request for it arriving on eth0 (reference §1.2 table)', () => {
  const table: [value: number, scope: 'global' | 'host', replies: boolean, why: string][] = [
    [0, 'global', true, 'arp.ignore.any'],
    [0, 'host', true, 'arp.ignore.any'],
    [1, 'global', false, 'arp.ignore.notOnIface'],
    [2, 'global', false, 'arp.ignore.notOnIface'],
    [3, 'global', true, 'arp.ignore.scopeOk'],
    [3, 'host', false, 'arp.ignore.scopeHost'],
    [4, 'global', true, 'arp.ignore.reserved'],
    [7, 'global', true, 'arp.ignore.reserved'],
    [8, 'global', false, 'arp.ignore.never'],
    [9, 'global', true, 'arp.ignore.unknownValue'],
  ];
  it.each(table)('arp_ignore=%i, VIP scope %s → reply: %s (%s)', (value, scope, replies, why) => {
    const { lab, rec, client, rs } = drLan(scope);
    must(rs.sysctlSet('net.ipv4.conf.all.arp_ignore', value));
    ping(client, ip('192.168.1.100'));
    lab.run({ until: 500 * MS });
    expect(arpTx(rec, 'client', 1).length).toBeGreaterThan(0);
    const sent = arpTx(rec, 'rs', 2);
    expect(sent.length > 0).toBe(replies);
    const rsEntry = rs.device('eth0')!.neigh.lookup(ip('192.168.1.10'));
    if (replies) {
      const r = sent[0]!;
      expect(r.msg).toBe(why);
      // The reply leaves the receiving device with its MAC, sender IP = the VIP, unicast to the requester.
      expect([formatIp4(r.arp.spa), r.arp.sha, r.frame.dst, formatIp4(r.arp.tpa)]).toEqual([
        '192.168.1.100',
        rs.ifaceMac('eth0'),
        client.ifaceMac('eth0'),
        '192.168.1.10',
      ]);
      expect(client.device('eth0')!.neigh.lookup(ip('192.168.1.100'))?.mac).toBe(rs.ifaceMac('eth0'));
      // neigh_event_ns cached the requester before answering.
      expect(rsEntry?.mac).toBe(client.ifaceMac('eth0'));
    } else {
      const drops = rec.of('drop').filter((e) => e.host === 'rs');
      expect(drops.map((d) => d.msg.id)).toContain(why);
      expect(drops.find((d) => d.msg.id === why)!.msg.params).toMatchObject({ tip: '192.168.1.100', iface: 'eth0', value });
      expect(client.device('eth0')!.neigh.lookup(ip('192.168.1.100'))?.state).toBe('INCOMPLETE');
      // An ignored request teaches the server nothing.
      expect(rsEntry).toBeUndefined();
    }
  });

  it('uses max(all, eth0): setting only lo.arp_ignore does nothing for requests arriving on eth0', () => {
    const { lab, rec, client, rs } = drLan();
    must(rs.sysctlSet('net.ipv4.conf.lo.arp_ignore', 1));
    ping(client, ip('192.168.1.100'));
    lab.run({ until: 100 * MS });
    expect(arpTx(rec, 'rs', 2).map((r) => r.msg)).toEqual(['arp.ignore.any']);
  });

  it('arp_ignore=1 and 2 still answer for the address of eth0; 2 only from its subnet; 8 answers nothing', () => {
    const cases: [number, string, string, boolean, string][] = [
      [1, '192.168.1.10/24', '192.168.1.11', true, 'arp.ignore.onIface'],
      [2, '192.168.1.10/24', '192.168.1.11', true, 'arp.ignore.sameSubnet'],
      [2, '192.168.1.10/16', '192.168.1.11', true, 'arp.ignore.sameSubnet'],
      [2, '192.168.2.10/16', '192.168.1.11', false, 'arp.ignore.notSameSubnet'],
      [8, '192.168.1.10/24', '192.168.1.11', false, 'arp.ignore.never'],
    ];
    for (const [value, clientCidr, target, replies, why] of cases) {
      const { lab, rec } = newLab();
      segment(lab, 'lan');
      const client = hostOn(lab, 'client', 'lan', clientCidr);
      const rs = hostOn(lab, 'rs', 'lan', '192.168.1.11/24');
      must(rs.sysctlSet('net.ipv4.conf.eth0.arp_ignore', value));
      ping(client, ip(target));
      lab.run({ until: 100 * MS });
      const sent = arpTx(rec, 'rs', 2);
      expect([value, clientCidr, sent.length > 0]).toEqual([value, clientCidr, replies]);
      const ids = replies ? sent.map((s) => s.msg) : rec.of('drop').filter((d) => d.host === 'rs').map((d) => d.msg.id);
      expect(ids).toContain(why);
    }
  });

  it('arp_filter refuses when the route back to the requester leaves through another interface', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    segment(lab, 'other');
    const client = hostOn(lab, 'client', 'lan', '192.168.1.10/24');
    const rs = hostOn(lab, 'rs', 'lan', '192.168.1.11/24');
    must(rs.addInterface({ name: 'eth1', segment: 'other' }));
    // A more specific route sends replies to the client out of eth1.
    must(rs.addRoute({ dst: ip('192.168.1.10'), prefixLen: 32, dev: 'eth1' }));
    must(rs.sysctlSet('net.ipv4.conf.all.arp_filter', 1));
    ping(client, ip('192.168.1.11'));
    lab.run({ until: 100 * MS });
    expect(arpTx(rec, 'rs', 2)).toHaveLength(0);
    const d = rec.of('drop').find((e) => e.host === 'rs' && e.msg.id === 'arp.filter.otherIface');
    expect(d?.msg.params).toMatchObject({ outIface: 'eth1', iface: 'eth0' });
  });
});

describe('arp_announce: sender IP of the request for the gateway, packet source = VIP on lo (reference §1.3)', () => {
  const table: [value: number, vip: string, sip: string, why: string][] = [
    [0, '10.10.10.100', '10.10.10.100', 'arp.announce.0.localSrc'],
    [1, '10.10.10.100', '192.168.1.11', 'arp.announce.1.notOnlink'],
    [2, '10.10.10.100', '192.168.1.11', 'arp.announce.2'],
    [3, '10.10.10.100', '10.10.10.100', 'arp.announce.0.localSrc'],
    // A VIP inside the LAN subnet is "on link" with the gateway: arp_announce=1 still announces it.
    [0, '192.168.1.100', '192.168.1.100', 'arp.announce.0.localSrc'],
    [1, '192.168.1.100', '192.168.1.100', 'arp.announce.1.onlink'],
    [2, '192.168.1.100', '192.168.1.11', 'arp.announce.2'],
  ];
  it.each(table)('arp_announce=%i, VIP %s → sender IP %s (%s)', (value, vip, sip, why) => {
    const { lab, rec, rs } = drLan('global', vip);
    must(rs.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
    must(rs.sysctlSet('net.ipv4.conf.eth0.arp_announce', value));
    ping(rs, ip('203.0.113.10'), 1, ip(vip));
    lab.run({ until: 10 * MS });
    const req = arpTx(rec, 'rs', 1)[0]!;
    expect([formatIp4(req.arp.tpa), formatIp4(req.arp.spa), req.msg]).toEqual(['192.168.1.1', sip, why]);
    expect(req.arp.tha).toBe(0);
    expect(req.frame.dst).toBe(0xffff_ffff_ffff);
  });

  it('uses the packet source only when it is a local address (0: any interface)', () => {
    const { lab, rec, rs } = drLan();
    must(rs.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
    ping(rs, ip('203.0.113.10'), 1, ip('198.51.100.7')); // a spoofed, non-local source
    lab.run({ until: 10 * MS });
    const req = arpTx(rec, 'rs', 1)[0]!;
    expect([formatIp4(req.arp.spa), req.msg]).toEqual(['192.168.1.11', 'arp.announce.0.notLocal']);
  });
});

describe('neighbour states', () => {
  it('queues packets while INCOMPLETE and sends them all once the reply arrives', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    for (let seq = 1; seq <= 3; seq++) ping(a, ip('192.168.1.11'), seq);
    lab.run({ until: 10 * MS });
    expect(arpTx(rec, 'a', 1)).toHaveLength(1);
    const aStates = rec.of('neigh').filter((e) => e.host === 'a').map((e) => e.state);
    expect(aStates.slice(0, 2)).toEqual(['INCOMPLETE', 'REACHABLE']);
    const echoesAtB = rec
      .of('rx')
      .filter((e) => e.host === 'b' && e.frame.payload.layer === 'ipv4')
      .map((e) => (e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'icmp' && e.frame.payload.payload.kind === 'echo' ? e.frame.payload.payload.seq : -1));
    expect(echoesAtB).toEqual([1, 2, 3]);
    // The queued packets leave right after the reply, before anything else.
    const reply = rec.of('rx').find((e) => e.host === 'a' && e.frame.payload.layer === 'arp')!;
    const firstEcho = rec.of('tx').find((e) => e.host === 'a' && e.frame.payload.layer === 'ipv4')!;
    expect(firstEcho.t).toBe(reply.t);
    expect(formatIpNeigh(a)).toBe(`192.168.1.11 dev eth0 lladdr 02:00:00:00:02:01 REACHABLE \n`);
  });

  it('sends 3 broadcast requests one second apart, then FAILED drops the queued packet', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    ping(a, ip('192.168.1.99'));
    lab.run();
    const reqs = arpTx(rec, 'a', 1);
    expect(reqs.map((r) => r.t)).toEqual([0, 1 * SEC, 2 * SEC]);
    expect(reqs.every((r) => r.frame.dst === 0xffff_ffff_ffff)).toBe(true);
    const states = rec.of('neigh').filter((e) => e.host === 'a');
    expect(states.map((e) => [e.state, e.t])).toEqual([
      ['INCOMPLETE', 0],
      ['FAILED', 3 * SEC],
    ]);
    expect(states[1]!.msg.params).toMatchObject({ probes: 3 });
    const drop = rec.of('drop').find((e) => e.msg.id === 'neigh.drop.failed');
    expect(drop?.t).toBe(3 * SEC);
    expect(formatIpNeigh(a)).toBe('192.168.1.99 dev eth0 FAILED \n');
    expect(formatArpN(a)).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
        '192.168.1.99                     (incomplete)                              eth0\n',
    );
  });

  it('goes STALE after reachable_time, DELAY when used, then PROBE with unicast requests', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    must(b.sysctlSet('net.ipv4.icmp_echo_ignore_all', 1));
    ping(a, ip('192.168.1.11'));
    lab.run({ until: 60 * SEC });
    const entry = a.device('eth0')!.neigh.lookup(ip('192.168.1.11'))!;
    expect(entry.state).toBe('STALE');
    const staleAt = rec.of('neigh').find((e) => e.host === 'a' && e.state === 'STALE')!.t;
    const rt = a.device('eth0')!.neigh.reachableTime();
    expect(rt).toBeGreaterThanOrEqual(15 * SEC);
    expect(rt).toBeLessThan(45 * SEC);
    // The timer fires exactly at confirmed + reachable_time, which still counts as reachable
    // (time_before_eq); the kernel re-arms it for the minimum HZ/100 and only then marks it STALE.
    expect(staleAt).toBe(100_000 + rt + 10 * MS);
    rec.clear();
    ping(a, ip('192.168.1.11'), 2);
    lab.run({ until: 70 * SEC });
    const seq = rec.of('neigh').filter((e) => e.host === 'a').map((e) => [e.state, e.t - 60 * SEC]);
    expect(seq).toEqual([
      ['DELAY', 0],
      ['PROBE', 5 * SEC],
      ['REACHABLE', 5 * SEC + 100_000],
    ]);
    const probe = arpTx(rec, 'a', 1)[0]!;
    expect(probe.frame.dst).toBe(b.ifaceMac('eth0'));
    expect(probe.msg).toBe('arp.announce.noPacket');
  });

  it('learns from a gratuitous ARP only with arp_accept, but always updates an existing entry', () => {
    for (const accept of [0, 1]) {
      const { lab, rec } = newLab();
      segment(lab, 'lan');
      const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
      const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
      const c = hostOn(lab, 'c', 'lan', '192.168.1.12/24');
      must(a.sysctlSet('net.ipv4.conf.eth0.arp_accept', accept));
      ping(a, ip('192.168.1.11'));
      lab.run({ until: 10 * MS });
      // c takes over 192.168.1.11 (a VRRP-style failover) and announces it; b announces 192.168.1.13.
      addCidr(c, 'eth0', '192.168.1.13/24');
      c.sendGratuitousArp('eth0', ip('192.168.1.11'));
      b.sendGratuitousArp('eth0', ip('192.168.1.13'));
      lab.run({ until: 20 * MS });
      const t = a.device('eth0')!.neigh;
      expect(t.lookup(ip('192.168.1.11'))?.mac).toBe(c.ifaceMac('eth0'));
      expect(rec.of('neigh').some((e) => e.host === 'a' && e.msg.id === 'neigh.garp')).toBe(true);
      expect(t.lookup(ip('192.168.1.13')) !== undefined).toBe(accept === 1);
    }
  });

  it('keeps the first of two different replies within locktime (1 s)', () => {
    const { lab } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    const impostor = hostOn(lab, 'x', 'lan', '192.168.1.11/24');
    ping(a, ip('192.168.1.11'));
    lab.run({ until: 10 * MS });
    const entry = a.device('eth0')!.neigh.lookup(ip('192.168.1.11'))!;
    // Both answered the broadcast request; b was attached first so its reply arrived first.
    expect(entry.mac).toBe(b.ifaceMac('eth0'));
    expect(entry.mac).not.toBe(impostor.ifaceMac('eth0'));
    // After locktime a different answer may replace it.
    lab.run({ until: 2 * SEC });
    const xmac = impostor.ifaceMac('eth0')!;
    const amac = a.ifaceMac('eth0')!;
    impostor.sendArp('eth0', { layer: 'arp', oper: 2, sha: xmac, spa: ip('192.168.1.11'), tha: amac, tpa: ip('192.168.1.10') }, amac, { id: 'test' });
    lab.run({ until: 2 * SEC + 10 * MS });
    expect(entry.mac).toBe(impostor.ifaceMac('eth0'));
  });
});

describe('static entries and the table formats', () => {
  it('uses a PERMANENT entry without ARP and prints it with ip neigh and arp -n', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const a = hostOn(lab, 'a', 'lan', '192.168.1.10/24');
    const b = hostOn(lab, 'b', 'lan', '192.168.1.11/24');
    a.device('eth0')!.neigh.setStatic(ip('192.168.1.11'), b.ifaceMac('eth0')!, 'PERMANENT');
    ping(a, ip('192.168.1.11'));
    lab.run({ until: 10 * MS });
    expect(arpTx(rec, 'a', 1)).toHaveLength(0);
    expect(rec.of('rx').filter((e) => e.host === 'b' && e.frame.payload.layer === 'ipv4')).toHaveLength(1);
    // An ARP request from b does not override the permanent entry.
    expect(a.device('eth0')!.neigh.lookup(ip('192.168.1.11'))!.state).toBe('PERMANENT');
    expect(formatIpNeigh(a)).toBe('192.168.1.11 dev eth0 lladdr 02:00:00:00:02:01 PERMANENT \n');
    expect(formatArpN(a)).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
        '192.168.1.11             ether   02:00:00:00:02:01   CM                    eth0\n',
    );
    expect(formatArpN(b)).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
        '192.168.1.10             ether   02:00:00:00:01:01   C                     eth0\n',
    );
    a.device('eth0')!.neigh.flush(false);
    expect(formatIpNeigh(a)).not.toBe('');
    a.device('eth0')!.neigh.delete(ip('192.168.1.11'));
    expect(formatIpNeigh(a)).toBe('');
    expect(formatArpN(a)).toBe('');
  });
});
