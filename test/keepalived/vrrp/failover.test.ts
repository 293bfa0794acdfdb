/** keepalived VRRP between two directors: election, failover, preemption, stop, GARPs (reference §2, §1.6). */
import { describe, expect, it } from 'vitest';
import { MS, SEC, US } from '../../../src/net/types.js';
import { MAC_BROADCAST, multicastMac } from '../../../src/net/wire/addr.js';
import type { ArpPacket } from '../../../src/net/wire/packet.js';
import { ping } from '../../net/helpers.js';
import { ip, vip } from './fake-config.js';
import { advertRx, advertTx, pair, run, vrrpEvents } from './lab.js';

const LAT = 50 * US; // segment latency
const MDI_100 = 3_609_375 * US;
const MDI_150 = 3_414_062 * US;
const SKEW_100 = 609_375 * US;
const VIP = ip('192.168.1.100');

describe('election at startup', () => {
  it('MASTER 150 / BACKUP 100: both start BACKUP; lb1 becomes MASTER after its own MDI 3.414062 s; lb2 stays BACKUP', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150, stateWish: 'MASTER' });
    const h2 = run(lb2, { priority: 100 });
    lab.run({ until: 10 * SEC });
    const start1 = vrrpEvents(rec, 'lb1')[0]!;
    expect([start1.from, start1.state, start1.msg.id]).toEqual(['INIT', 'BACKUP', 'vrrp.start.backupWishMaster']);
    const m = vrrpEvents(rec, 'lb1', 'MASTER');
    expect(m.map((e) => e.t)).toEqual([MDI_150]);
    expect(vrrpEvents(rec, 'lb2', 'MASTER')).toEqual([]);
    expect(h1.instances()[0]).toMatchObject({ state: 'MASTER', effectivePriority: 150, masterAddr: ip('192.168.1.11') });
    expect(h2.instances()[0]).toMatchObject({ state: 'BACKUP', masterAddr: ip('192.168.1.11') });
    expect(lb1.device('eth0')!.hasAddress(VIP)).toBe(true);
    expect(lb2.device('eth0')!.hasAddress(VIP)).toBe(false);
  });

  it('the advert is a real packet: 224.0.0.18 / 01:00:5e:00:00:12, TTL 255, proto 112, TOS 0xc0, source = primary address and physical MAC; sent every second', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150 });
    run(lb2, { priority: 100 });
    lab.run({ until: MDI_150 + 3 * SEC + MS });
    const tx = advertTx(rec, 'lb1');
    expect(tx.map((e) => e.t)).toEqual([0, 1, 2, 3].map((k) => MDI_150 + k * SEC));
    const f = tx[0]!.frame;
    expect(f.dst).toBe(multicastMac(ip('224.0.0.18')));
    expect(f.dst).toBe(0x01005e000012);
    expect(f.src).toBe(lb1.ifaceMac('eth0'));
    const p = f.payload;
    if (p.layer !== 'ipv4' || p.payload.layer !== 'vrrp' || p.payload.version !== 2) throw new Error('not a v2 advert');
    expect([p.ttl, p.protocol, p.tos, p.dst, p.src, p.df]).toEqual([255, 112, 0xc0, ip('224.0.0.18'), ip('192.168.1.11'), false]);
    expect([p.payload.vrid, p.payload.priority, p.payload.adverInt, p.payload.authType, [...p.payload.addrs]]).toEqual([51, 150, 1, 0, [VIP]]);
  });

  it('becoming MASTER: the advert leaves before the GARPs (vrrp_state_master_tx), and the VIP is added in between', () => {
    const { lab, rec, lb1 } = pair();
    run(lb1, { priority: 150 });
    lab.run({ until: MDI_150 });
    const txs = rec.of('tx').filter((e) => e.host === 'lb1');
    expect(txs[0]!.frame.payload.layer).toBe('ipv4');
    expect(txs.slice(1).every((e) => e.frame.payload.layer === 'arp')).toBe(true);
    expect(lb1.device('eth0')!.hasAddress(VIP)).toBe(true);
  });

  it('priority 255 (owner) goes MASTER after keepalived\'s 1 µs down timer', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 255, stateWish: 'MASTER' });
    run(lb2, { priority: 100 });
    lab.run({ until: 5 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').map((e) => [e.t, e.from, e.msg.id])).toEqual([[1 * US, 'INIT', 'vrrp.master.owner']]);
    expect(vrrpEvents(rec, 'lb2', 'MASTER')).toEqual([]);
  });

  it('equal priority: both time out together, the higher primary address (lb2 .12) wins; lb1 steps down', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 100 });
    const h2 = run(lb2, { priority: 100 });
    lab.run({ until: 8 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').map((e) => e.t)).toEqual([MDI_100]);
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([MDI_100]);
    const back = vrrpEvents(rec, 'lb1', 'BACKUP').filter((e) => e.from === 'MASTER');
    expect(back.map((e) => [e.t, e.msg.id])).toEqual([[MDI_100 + LAT, 'vrrp.backup.higherAddr']]);
    // lb2 hears lb1's equal-priority advert from a lower address: keepalived answers it with an advert.
    expect(rec.of('vrrp').some((e) => e.host === 'lb2' && e.msg.id === 'vrrp.master.lowerAnswered')).toBe(true);
    expect(h1.instances()[0]!.state).toBe('BACKUP');
    expect(h2.instances()[0]!.state).toBe('MASTER');
    expect(lb1.device('eth0')!.hasAddress(VIP)).toBe(false);
  });
});

describe('failover', () => {
  it('master crash: the backup takes over exactly at last advert + MDI (3.609375 s), and the router\'s ARP entry for the VIP moves to lb2\'s MAC', () => {
    const { lab, rec, router, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150 });
    run(lb2, { priority: 100 });
    lab.run({ until: 6 * SEC });
    ping(router, VIP);
    lab.run({ until: 7 * SEC });
    const entry = router.device('eth0')!.neigh.lookup(VIP)!;
    expect(entry.mac).toBe(lb1.ifaceMac('eth0'));
    const crashAt = 9 * SEC + 500 * MS;
    lab.run({ until: crashAt });
    lb1.crash();
    h1.halt();
    lab.run({ until: 20 * SEC });
    const last = advertRx(rec, 'lb2').filter((r) => r.t <= crashAt).at(-1)!;
    expect(last.t).toBe(MDI_150 + 6 * SEC + LAT);
    const m = vrrpEvents(rec, 'lb2', 'MASTER');
    expect(m.map((e) => [e.t, e.msg.id])).toEqual([[last.t + MDI_100, 'vrrp.master.downTimer']]);
    expect(m[0]!.msg.params).toMatchObject({ mdi: '3.609375', skew: '0.609375', n: 3, adv: '1', prio: 100 });
    expect(router.device('eth0')!.neigh.lookup(VIP)!.mac).toBe(lb2.ifaceMac('eth0'));
    expect(rec.of('neigh').some((e) => e.host === 'router' && e.msg.id === 'neigh.garp' && e.mac === lb2.ifaceMac('eth0'))).toBe(true);
    expect(lb2.device('eth0')!.hasAddress(VIP)).toBe(true);
  });

  it('the old master returns: BACKUP first, discards the lower-priority adverts, preempts after its own MDI; lb2 steps down', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150 });
    const h2 = run(lb2, { priority: 100 });
    lab.run({ until: 6 * SEC });
    lb1.crash();
    h1.halt();
    lab.run({ until: 15 * SEC });
    lb1.restart();
    const back = 15 * SEC;
    const h1b = run(lb1, { priority: 150 });
    lab.run({ until: 25 * SEC });
    const m = vrrpEvents(rec, 'lb1', 'MASTER').filter((e) => e.t >= back);
    expect(m.map((e) => [e.t, e.msg.id])).toEqual([[back + MDI_150, 'vrrp.master.preempt']]);
    expect(rec.of('vrrp').some((e) => e.host === 'lb1' && e.msg.id === 'vrrp.backup.discardLower')).toBe(true);
    const down = vrrpEvents(rec, 'lb2', 'BACKUP').filter((e) => e.from === 'MASTER');
    expect(down.map((e) => [e.t, e.msg.id])).toEqual([[back + MDI_150 + LAT, 'vrrp.backup.higherPrio']]);
    expect(h1b.instances()[0]!.state).toBe('MASTER');
    expect(h2.instances()[0]!.state).toBe('BACKUP');
  });

  it('nopreempt: the returning higher-priority node stays BACKUP while lb2 keeps advertising', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150, nopreempt: true });
    run(lb2, { priority: 100, nopreempt: true });
    lab.run({ until: 6 * SEC });
    lb1.crash();
    h1.halt();
    lab.run({ until: 15 * SEC });
    lb1.restart();
    const h1b = run(lb1, { priority: 150, nopreempt: true });
    lab.run({ until: 60 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').filter((e) => e.t >= 15 * SEC)).toEqual([]);
    expect(h1b.instances()[0]).toMatchObject({ state: 'BACKUP', masterAddr: ip('192.168.1.12') });
  });

  it('preempt_delay 2 with advert 1 s and priority 128: takeover about 5.5 s after start (man page), = last accepted advert + 3.5 s', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb2, { priority: 100 });
    // lb2 becomes master at MDI_100 and advertises every second; lb1 starts so that one of those
    // adverts arrives 0.1 s before its preempt delay ends.
    const arrival = MDI_100 + 7 * SEC + LAT; // one of lb2's adverts arrives at lb1 then
    const start = arrival - 2 * SEC + 100 * MS;
    lab.run({ until: start });
    run(lb1, { priority: 128, preemptDelay: 2 * SEC });
    lab.run({ until: start + 10 * SEC });
    const m = vrrpEvents(rec, 'lb1', 'MASTER');
    expect(m.map((e) => e.t)).toEqual([arrival + 3_500_000 * US]);
    const after = m[0]!.t - start;
    expect(after).toBe(5_400_000 * US);
    expect(after).toBeGreaterThan(4_500 * MS);
    expect(after).toBeLessThanOrEqual(5_500 * MS);
    expect(rec.of('vrrp').some((e) => e.host === 'lb1' && e.msg.id === 'vrrp.backup.discardLower')).toBe(true);
  });

  it('without preempt_delay the same start preempts after one MDI (3.5 s)', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb2, { priority: 100 });
    const start = MDI_100 + 5 * SEC + LAT + 100 * MS;
    lab.run({ until: start });
    run(lb1, { priority: 128 });
    lab.run({ until: start + 10 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').map((e) => e.t - start)).toEqual([3_500_000 * US]);
  });

  it('graceful stop: the master sends a priority-0 advert and removes its VIP; the backup takes over after Skew_Time', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150 });
    run(lb2, { priority: 100 });
    const stopAt = 8 * SEC + 300 * MS;
    lab.run({ until: stopAt });
    h1.stop();
    const zero = advertTx(rec, 'lb1').at(-1)!;
    const p = zero.frame.payload;
    expect(p.layer === 'ipv4' && p.payload.layer === 'vrrp' ? p.payload.priority : -1).toBe(0);
    expect(zero.t).toBe(stopAt);
    expect(lb1.device('eth0')!.hasAddress(VIP)).toBe(false);
    expect(h1.instances()[0]!.state).toBe('STOP');
    lab.run({ until: 20 * SEC });
    const m = vrrpEvents(rec, 'lb2', 'MASTER');
    expect(m.map((e) => [e.t, e.msg.id])).toEqual([[stopAt + LAT + SKEW_100, 'vrrp.master.afterPrio0']]);
    expect(advertTx(rec, 'lb1').length).toBe(advertTx(rec, 'lb1').filter((e) => e.t <= stopAt).length);
  });
});

describe('receive checks', () => {
  it('v2 advert-interval mismatch: keepalived drops the adverts, both become MASTER (split brain)', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150 });
    const h2 = run(lb2, { priority: 100, advertInt: 2 * SEC });
    lab.run({ until: 15 * SEC });
    expect(h1.instances()[0]!.state).toBe('MASTER');
    expect(h2.instances()[0]!.state).toBe('MASTER');
    const drops = rec.of('drop').filter((e) => e.msg.id === 'vrrp.drop.adverInt');
    expect(drops.some((e) => e.host === 'lb2' && e.msg.params?.['got'] === 1 && e.msg.params['want'] === 2)).toBe(true);
    expect(drops.some((e) => e.host === 'lb1' && e.msg.params?.['got'] === 2)).toBe(true);
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([6 * SEC + 609_375 * US]);
  });

  it('auth PASS mismatch: dropped with the two passwords, both MASTER', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150, authPass: 'secret1' });
    const h2 = run(lb2, { priority: 100, authPass: 'secret2' });
    lab.run({ until: 10 * SEC });
    expect([h1.instances()[0]!.state, h2.instances()[0]!.state]).toEqual(['MASTER', 'MASTER']);
    const d = rec.of('drop').find((e) => e.host === 'lb2' && e.msg.id === 'vrrp.drop.authPass')!;
    expect(d.msg.params).toMatchObject({ got: 'secret1', want: 'secret2' });
  });

  it('auth PASS matching: only the first 8 characters count', () => {
    const { lab, lb1, lb2 } = pair();
    run(lb1, { priority: 150, authPass: 'password' });
    const h2 = run(lb2, { priority: 100, authPass: 'password' });
    lab.run({ until: 10 * SEC });
    expect(h2.instances()[0]!.state).toBe('BACKUP');
  });

  it('a VRID nobody configured on the interface is ignored with a reason', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150, vrid: 51 });
    const h2 = run(lb2, { priority: 100, vrid: 52 });
    lab.run({ until: 6 * SEC });
    expect(h2.instances()[0]!.state).toBe('MASTER');
    expect(rec.of('drop').some((e) => e.host === 'lb2' && e.msg.id === 'vrrp.drop.unknownVrid')).toBe(true);
  });

  it('a different VIP list is dropped (address list check)', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150 });
    run(lb2, { priority: 100, vips: [vip('192.168.1.101')] });
    lab.run({ until: 6 * SEC });
    expect(rec.of('drop').some((e) => e.host === 'lb2' && e.msg.id === 'vrrp.drop.addrList')).toBe(true);
  });
});

describe('GARPs (reference §1.6, §2.5)', () => {
  it('garp_master_repeat 5 per VIP spaced by vrrp_garp_interval, a second burst after garp_master_delay, keepalived\'s format', () => {
    const { lab, rec, lb1 } = pair();
    run(lb1, { priority: 150, vips: [vip('192.168.1.100'), vip('192.168.1.101')], garpInterval: 100 * MS, garpMasterDelay: 5 * SEC });
    lab.run({ until: 20 * SEC });
    const garps = rec.of('tx').filter((e) => e.host === 'lb1' && e.frame.payload.layer === 'arp');
    expect(garps.length).toBe(20);
    const first = garps.slice(0, 10).map((e) => e.t - MDI_150);
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k * 100 * MS));
    const second = garps.slice(10).map((e) => e.t - MDI_150 - 5 * SEC);
    expect(second).toEqual(first);
    const mac = lb1.ifaceMac('eth0');
    for (const [i, g] of garps.entries()) {
      const a = g.frame.payload as ArpPacket;
      const want = i % 2 === 0 ? ip('192.168.1.100') : ip('192.168.1.101');
      expect([g.frame.dst, a.oper, a.sha, a.spa, a.tpa, a.tha]).toEqual([MAC_BROADCAST, 1, mac, want, want, MAC_BROADCAST]);
    }
  });

  it('garp_master_delay 0: one burst only; the VIP with dev/label/prefix is added as configured', () => {
    const { lab, rec, lb1 } = pair();
    run(lb1, { priority: 150, garpMasterDelay: 0, vips: [vip('192.168.1.100', { prefixLen: 24, label: 'eth0:vip' })] });
    lab.run({ until: 20 * SEC });
    expect(rec.of('tx').filter((e) => e.host === 'lb1' && e.frame.payload.layer === 'arp').length).toBe(5);
    const a = lb1.device('eth0')!.addrs.find((x) => x.local === VIP)!;
    expect([a.prefixLen, a.label, a.secondary]).toEqual([24, 'eth0:vip', true]);
  });
});
