/**
 * keepalived's own timer and FAULT details beyond the RFC: a priority change moves a backup's
 * running down timer (vrrp_set_effective_priority), every packet read re-arms the instance's timer
 * (vrrp_dispatcher_read), the priority-0 adverts of FAULT and stop, and the words when no master
 * is known or the VRRP interface itself goes down.
 */
import { describe, expect, it } from 'vitest';
import { MS, SEC, US } from '../../../src/net/types.js';
import type { VrrpEnv } from '../../../src/keepalived/vrrp/index.js';
import { startVrrp } from '../../../src/keepalived/vrrp/index.js';
import { VrrpInstance } from '../../../src/keepalived/vrrp/instance.js';
import type { TrackInterfaceConf } from '../../../src/keepalived/conf/types.js';
import { render } from '../../../src/i18n/index.js';
import { must } from '../../net/helpers.js';
import { config, instanceConf, vip } from './fake-config.js';
import { advertRx, advertTx, pair, run, vrrpEvents } from './lab.js';

const LAT = 50 * US;
const MDI_150 = 3_414_062 * US;
const MDI_100 = 3_609_375 * US;
const MDI_60 = 3_765_625 * US; // 3 s + (256 − 60)/256 s
const POS = { file: 'k', line: 1, col: 1 };

function track(iface: string, weight: number | null): TrackInterfaceConf {
  return { iface, weight, reverse: false, pos: POS };
}

/** Priorities of the VRRP adverts `host` sent, with their times. */
function sent(rec: ReturnType<typeof pair>['rec'], host: string): { t: number; prio: number; vrid: number }[] {
  return advertTx(rec, host).map((e) => {
    const p = e.frame.payload;
    if (p.layer !== 'ipv4' || p.payload.layer !== 'vrrp') throw new Error('not an advert');
    return { t: e.t, prio: p.payload.priority, vrid: p.payload.vrid };
  });
}

describe('a priority change moves the running down timer (vrrp_set_effective_priority)', () => {
  it('track_interface weight −40: 100 → 60 while lb1 is master; lb1 crashes; eth1 back up (60 → 100) moves the timer 0.15625 s earlier: takeover at last advert + MDI(100), not MDI(60)', () => {
    const { lab, rec, lb1, lb2 } = pair();
    must(lb2.addInterface({ name: 'eth1' }));
    const h1 = run(lb1, { priority: 150 });
    run(lb2, { priority: 100, trackInterfaces: [track('eth1', -40)] });
    lab.run({ until: 1 * SEC });
    lb2.setLinkUp('eth1', false);
    lab.run({ until: 10 * SEC });
    lb1.crash();
    h1.halt();
    lab.run({ until: 11 * SEC });
    lb2.setLinkUp('eth1', true);
    lab.run({ until: 20 * SEC });
    const last = advertRx(rec, 'lb2').at(-1)!;
    expect(last.t).toBe(MDI_150 + 6 * SEC + LAT);
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([last.t + MDI_100]);
    expect(vrrpEvents(rec, 'lb2', 'MASTER')[0]!.t).toBe(13_023_487 * US);
    const up = rec.of('vrrp').find((e) => e.host === 'lb2' && e.msg.id === 'vrrp.track.ifaceWeight' && e.t === 11 * SEC)!;
    expect(render(up.msg)).toContain('tracked interface eth1 is up (weight -40): priority 60 → 100');
    const moved = rec.of('vrrp').find((e) => e.host === 'lb2' && e.msg.id === 'vrrp.backup.downTimerSooner')!;
    expect([moved.t, moved.msg.params?.['moved'], moved.msg.params?.['was'], moved.msg.params?.['mdi']]).toEqual([11 * SEC, '0.15625', '3.765625', '3.609375']);
  });

  it('a priority fall moves it later: at startup eth1 goes down after 1 s, lb2 alone takes over at MDI(60) from its start', () => {
    const { lab, rec, lb2 } = pair();
    must(lb2.addInterface({ name: 'eth1' }));
    run(lb2, { priority: 100, trackInterfaces: [track('eth1', -40)] });
    lab.run({ until: 1 * SEC });
    lb2.setLinkUp('eth1', false);
    lab.run({ until: 10 * SEC });
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([MDI_60]);
    expect(rec.of('vrrp').some((e) => e.host === 'lb2' && e.msg.id === 'vrrp.backup.downTimerLater')).toBe(true);
  });

  it('a deadline moved into the past fires at once', () => {
    const { lab, rec, lb1, lb2 } = pair();
    must(lb2.addInterface({ name: 'eth1' }));
    const h1 = run(lb1, { priority: 150 });
    run(lb2, { priority: 100, trackInterfaces: [track('eth1', -40)] });
    lab.run({ until: 1 * SEC });
    lb2.setLinkUp('eth1', false);
    lab.run({ until: 10 * SEC });
    lb1.crash();
    h1.halt();
    const last = advertRx(rec, 'lb2').at(-1)!;
    const upAt = last.t + MDI_60 - 100 * MS; // 0.1 s left, the timer moves 0.15625 s earlier
    lab.run({ until: upAt });
    lb2.setLinkUp('eth1', true);
    lab.run({ until: 20 * SEC });
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([upAt]);
  });
});

describe('every packet read re-arms the timer (vrrp_dispatcher_read → vrrp_init_instance_sands)', () => {
  it('v2 interval mismatch: lb2 (advert_int 2) is MASTER but each dropped advert of lb1 pushes its own advert back 2 s, so it sends only the first one', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150 });
    run(lb2, { priority: 100, advertInt: 2 * SEC });
    lab.run({ until: 20 * SEC });
    expect(sent(rec, 'lb2').map((a) => a.t)).toEqual([6 * SEC + 609_375 * US]);
    expect(rec.of('drop').filter((e) => e.host === 'lb2' && e.msg.id === 'vrrp.drop.adverInt').length).toBeGreaterThan(10);
  });

  it('with lower_prio_no_advert the master never re-arms on a received packet: lb2 keeps its 2 s rhythm', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150 });
    run(lb2, { priority: 100, advertInt: 2 * SEC, lowerPrioNoAdvert: true });
    lab.run({ until: 13 * SEC });
    const first = 6 * SEC + 609_375 * US;
    expect(sent(rec, 'lb2').map((a) => a.t)).toEqual([first, first + 2 * SEC, first + 4 * SEC, first + 6 * SEC]);
  });

  it('equal priorities: lb2 answers lb1\'s lower advert and its next advert comes 1 s after the answer; with lower_prio_no_advert it neither answers nor moves', () => {
    for (const lowerPrioNoAdvert of [false, true]) {
      const { lab, rec, lb1, lb2 } = pair();
      run(lb1, { priority: 100 });
      run(lb2, { priority: 100, lowerPrioNoAdvert });
      lab.run({ until: MDI_100 + 2 * SEC + MS });
      const times = sent(rec, 'lb2').map((a) => a.t);
      if (lowerPrioNoAdvert) expect(times).toEqual([MDI_100, MDI_100 + SEC, MDI_100 + 2 * SEC]);
      else expect(times).toEqual([MDI_100, MDI_100 + LAT, MDI_100 + LAT + SEC, MDI_100 + LAT + 2 * SEC]);
    }
  });
});

describe('priority-0 adverts', () => {
  it('MASTER → FAULT by its own tracked interface: two priority-0 adverts (vrrp_state_leave_master + vrrp_restore_interface), then the VIP goes', () => {
    const { lab, rec, lb1 } = pair();
    must(lb1.addInterface({ name: 'eth1' }));
    run(lb1, { priority: 150, trackInterfaces: [track('eth1', null)] });
    lab.run({ until: 6 * SEC });
    lb1.setLinkUp('eth1', false);
    lab.run({ until: 10 * SEC });
    expect(sent(rec, 'lb1').filter((a) => a.prio === 0).map((a) => a.t)).toEqual([6 * SEC, 6 * SEC]);
  });

  it('a sync group member following into FAULT sends one (vrrp_sync_fault → leave_master(advF = false))', () => {
    const { lab, rec, lb1 } = pair();
    must(lb1.addInterface({ name: 'eth1' }));
    const conf = config(
      [
        instanceConf({ name: 'VI_1', vrid: 51, priority: 150, trackInterfaces: [track('eth1', null)] }),
        instanceConf({ name: 'VI_2', vrid: 52, priority: 150, vips: [vip('192.168.1.200')] }),
      ],
      { groups: [{ name: 'G', members: ['VI_1', 'VI_2'] }] },
    );
    const env: VrrpEnv = { runScript: (_s, d) => d(0) };
    const h = startVrrp(lb1, conf, env);
    lab.run({ until: 6 * SEC });
    expect(h.instances().map((i) => i.state)).toEqual(['MASTER', 'MASTER']);
    lb1.setLinkUp('eth1', false);
    const zeros = sent(rec, 'lb1').filter((a) => a.prio === 0);
    expect(zeros.filter((a) => a.vrid === 51).length).toBe(2);
    expect(zeros.filter((a) => a.vrid === 52).length).toBe(1);
  });

  it('keepalived stopping: one priority-0 advert per master (restore_vrrp_interfaces)', () => {
    const { lab, rec, lb1 } = pair();
    const h = run(lb1, { priority: 150 });
    lab.run({ until: 6 * SEC });
    h.stop();
    lab.run({ until: 10 * SEC });
    expect(sent(rec, 'lb1').filter((a) => a.prio === 0).length).toBe(1);
  });

  it('the VRRP interface itself down: FAULT with its own words, nothing sent, the backup waits a full Master_Down_Interval', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 150 });
    run(lb2, { priority: 100 });
    lab.run({ until: 6 * SEC + 500 * MS });
    lb1.setLinkUp('eth0', false);
    lab.run({ until: 15 * SEC });
    const fault = vrrpEvents(rec, 'lb1', 'FAULT');
    expect(fault.map((e) => e.msg.id)).toEqual(['vrrp.track.vrrpIfaceDown']);
    expect(render(fault[0]!.msg)).toContain('full Master_Down_Interval');
    expect(render(fault[0]!.msg)).not.toContain('sends two priority-0');
    expect(sent(rec, 'lb1').filter((a) => a.prio === 0)).toEqual([]);
    const last = advertRx(rec, 'lb2').at(-1)!;
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => [e.t, e.msg.id])).toEqual([[last.t + MDI_100, 'vrrp.master.downTimer']]);
  });
});

describe('takeover words when no master is known', () => {
  it('FAULT → BACKUP with no master ever heard: no "0.0.0.0" master', () => {
    const { lab, rec, lb2 } = pair();
    run(lb2, { priority: 100 });
    lab.run({ until: 1 * SEC });
    lb2.setLinkUp('eth0', false);
    lab.run({ until: 2 * SEC });
    lb2.setLinkUp('eth0', true);
    lab.run({ until: 10 * SEC });
    const m = vrrpEvents(rec, 'lb2', 'MASTER');
    expect(m.map((e) => [e.t, e.msg.id])).toEqual([[2 * SEC + MDI_100, 'vrrp.master.downTimerNoMaster']]);
    expect(render(m[0]!.msg)).not.toContain('0.0.0.0');
  });

  it('a master that went FAULT and back does not name itself as the silent master', () => {
    const { lab, rec, lb1 } = pair();
    must(lb1.addInterface({ name: 'eth1' }));
    run(lb1, { priority: 150, trackInterfaces: [track('eth1', null)] });
    lab.run({ until: 5 * SEC });
    lb1.setLinkUp('eth1', false);
    lab.run({ until: 6 * SEC });
    lb1.setLinkUp('eth1', true);
    lab.run({ until: 12 * SEC });
    const m = vrrpEvents(rec, 'lb1', 'MASTER');
    expect(m.map((e) => [e.t, e.msg.id])).toEqual([
      [MDI_150, 'vrrp.master.startTimer'],
      [6 * SEC + MDI_150, 'vrrp.master.downTimerNoMaster'],
    ]);
    expect(render(m[1]!.msg)).not.toContain('192.168.1.11');
  });
});

describe('GARP timers', () => {
  it('a long MASTER with garp_master_refresh keeps only the pending GARP timers', () => {
    const { lab, lb1 } = pair();
    const conf = instanceConf({ priority: 150, garpMasterRefresh: 1 * SEC, garpInterval: 10 * MS, vips: [vip('192.168.1.100'), vip('192.168.1.101')] });
    const inst = new VrrpInstance(conf, lb1, { canGotoMaster: () => true, transitioned: () => undefined });
    lab.run({ until: 1 * MS });
    inst.start();
    lab.run({ until: 120 * SEC + 500 * MS });
    expect(inst.state).toBe('MASTER');
    // the next refresh only: every spaced GARP, delayed burst and past refresh has fired and gone
    expect(inst.pendingGarpTimers).toBe(1);
  });
});

describe('Skew_Time formula as numbers (texts in the catalog)', () => {
  it('v2: (256 − 100) × 1 s/256; v3 scales with the advert interval', () => {
    const { lab, rec, lb1, lb2 } = pair();
    run(lb1, { priority: 100 });
    run(lb2, { priority: 100, version: 3, advertInt: 500 * MS, vrid: 52 });
    lab.run({ until: 5 * SEC });
    const v2 = vrrpEvents(rec, 'lb1', 'MASTER')[0]!;
    expect(v2.msg.params).toMatchObject({ prio: 100, skewUnit: '1' });
    expect(render(v2.msg)).toContain('skew (256 − 100) × 1 s/256 = 0.609375 s');
    const v3 = vrrpEvents(rec, 'lb2', 'MASTER')[0]!;
    expect(render(v3.msg)).toContain('skew (256 − 100) × 0.5 s/256 = 0.304687 s');
  });
});
