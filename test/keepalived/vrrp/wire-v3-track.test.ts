/** Adverts through the wire codec, VRRPv3, tracking (interfaces, scripts) and sync groups. */
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../src/net/wire/frame.js';
import { checksumVerifies, pseudoHeaderSum } from '../../../src/net/wire/checksum.js';
import { MS, SEC, US } from '../../../src/net/types.js';
import type { VrrpEnv } from '../../../src/keepalived/vrrp/index.js';
import { startVrrp } from '../../../src/keepalived/vrrp/index.js';
import { render } from '../../../src/i18n/index.js';
import { must } from '../../net/helpers.js';
import { config, instanceConf, ip, scriptConf, vip } from './fake-config.js';
import { advertRx, advertTx, pair, run, vrrpEvents } from './lab.js';

const LAT = 50 * US;
const MDI_150 = 3_414_062 * US;

describe('adverts through the wire codec', () => {
  it('v2 with auth PASS: encodes and decodes back, checksum valid, password in the last 8 bytes', () => {
    const { lab, rec, lb1 } = pair();
    run(lb1, { priority: 150, authPass: 'secret', vips: [vip('192.168.1.100'), vip('192.168.1.101')] });
    lab.run({ until: 5 * SEC });
    const f = advertTx(rec, 'lb1')[0]!.frame;
    const bytes = encodeFrame(f);
    const vr = bytes.subarray(14 + 20);
    expect(vr.length).toBe(16 + 4 * 2);
    expect(vr[0]).toBe(0x21);
    expect([vr[1], vr[2], vr[3], vr[4], vr[5]]).toEqual([51, 150, 2, 1, 1]);
    expect(new TextDecoder().decode(vr.subarray(16, 24))).toBe('secret\0\0');
    expect(checksumVerifies(vr, 0, vr.length)).toBe(true);
    const back = decodeFrame(bytes);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.payload).toMatchObject({ ttl: 255, protocol: 112, payload: { version: 2, vrid: 51, priority: 150, authType: 1, adverInt: 1, addrs: [ip('192.168.1.100'), ip('192.168.1.101')] } });
  });

  it('v3: 0x31, centiseconds, checksum over the IPv4 pseudo-header (keepalived default) or not (v3_checksum_as_v2)', () => {
    for (const asV2 of [false, true]) {
      const { lab, rec, lb1 } = pair();
      run(lb1, { priority: 150, version: 3, advertInt: 250 * MS, checksumAsV2: asV2 });
      lab.run({ until: 5 * SEC });
      const f = advertTx(rec, 'lb1')[0]!.frame;
      const bytes = encodeFrame(f);
      const vr = bytes.subarray(34);
      expect([vr[0], (vr[4]! << 8) | vr[5]!]).toEqual([0x31, 25]);
      const pseudo = pseudoHeaderSum(ip('192.168.1.11'), ip('224.0.0.18'), 0, 0) + 112 + vr.length;
      expect(checksumVerifies(vr, 0, vr.length, asV2 ? 0 : pseudo)).toBe(true);
      const back = decodeFrame(bytes);
      expect(back.ok && back.value.payload.layer === 'ipv4' && back.value.payload.payload).toMatchObject({ version: 3, maxAdverInt: 25 });
    }
  });
});

describe('VRRPv3 on the lab', () => {
  it('timers in centiseconds: master 150 at 1 s, a backup configured with 2 s adopts the master\'s interval and takes over 3.609375 s after the last advert', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150, version: 3 });
    run(lb2, { priority: 100, version: 3, advertInt: 2 * SEC });
    lab.run({ until: 8 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').map((e) => e.t)).toEqual([MDI_150]);
    expect(rec.of('vrrp').find((e) => e.host === 'lb2' && e.msg.id === 'vrrp.backup.v3Interval')?.msg.params).toMatchObject({ mine: '2', theirs: '1' });
    lb1.crash();
    h1.halt();
    lab.run({ until: 20 * SEC });
    const last = advertRx(rec, 'lb2').at(-1)!;
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([last.t + 3_609_375 * US]);
  });
});

describe('tracking', () => {
  it('track_interface without weight: interface down → FAULT (priority-0 advert first, VIP removed); the backup takes over after its skew; up → BACKUP, then preempts', () => {
    const { lab, rec, lb1, lb2 } = pair();
    must(lb1.addInterface({ name: 'eth1' }));
    const h1 = run(lb1, { priority: 150, trackInterfaces: [{ iface: 'eth1', weight: null, reverse: false, pos: { file: 'k', line: 1, col: 1 } }] });
    run(lb2, { priority: 100 });
    lab.run({ until: 6 * SEC });
    const downAt = 6 * SEC;
    lb1.setLinkUp('eth1', false);
    expect(h1.instances()[0]!.state).toBe('FAULT');
    expect(vrrpEvents(rec, 'lb1', 'FAULT').map((e) => e.msg.id)).toEqual(['vrrp.track.ifaceDown']);
    const zero = advertTx(rec, 'lb1').at(-1)!;
    expect(zero.t).toBe(downAt);
    expect(lb1.device('eth0')!.hasAddress(ip('192.168.1.100'))).toBe(false);
    lab.run({ until: 10 * SEC });
    expect(vrrpEvents(rec, 'lb2', 'MASTER').map((e) => e.t)).toEqual([downAt + LAT + 609_375 * US]);
    lb1.setLinkUp('eth1', true);
    expect(h1.instances()[0]!.state).toBe('BACKUP');
    lab.run({ until: 20 * SEC });
    expect(vrrpEvents(rec, 'lb1', 'MASTER').map((e) => e.t)).toEqual([MDI_150, 10 * SEC + MDI_150]);
  });

  it('the instance\'s own interface is tracked too: eth0 down → FAULT', () => {
    const { lab, lb1 } = pair();
    const h1 = run(lb1, { priority: 150 });
    lab.run({ until: 5 * SEC });
    lb1.setLinkUp('eth0', false);
    expect(h1.instances()[0]!.state).toBe('FAULT');
  });

  it('track_script weight −60: a failing check lowers 150 to 90; the backup (100) discards the lower adverts and preempts; lb1 steps down', () => {
    const { lab, rec, lb1, lb2 } = pair();
    let healthy = true;
    const env: VrrpEnv = { runScript: (_s, done) => lab.sim.after(10 * MS, () => done(healthy ? 0 : 1)) };
    const script = scriptConf('chk', { weight: -60, fall: 2, rise: 1 });
    const h1 = startVrrp(lb1, config([instanceConf({ priority: 150, trackScripts: [{ name: 'chk', reverse: false, pos: script.pos }] })], { scripts: [script] }), env);
    run(lb2, { priority: 100 });
    lab.run({ until: 8 * SEC + 500 * MS });
    healthy = false;
    lab.run({ until: 20 * SEC });
    // Runs at 9 s and 10 s fail (fall 2): the priority drops at 10.01 s.
    const change = rec.of('vrrp').find((e) => e.host === 'lb1' && e.msg.id === 'vrrp.track.scriptWeight')!;
    expect([change.t, change.msg.params?.['old'], change.prio]).toEqual([10 * SEC + 10 * MS, 150, 90]);
    expect(render(change.msg)).toContain('priority 150 → 90');
    expect(vrrpEvents(rec, 'lb2', 'MASTER').length).toBe(1);
    expect(h1.instances()[0]).toMatchObject({ state: 'BACKUP', effectivePriority: 90, masterAddr: ip('192.168.1.12') });
  });

  it('track_script without weight: failure → FAULT, success again → BACKUP', () => {
    const { lab, lb1 } = pair();
    let healthy = true;
    const env: VrrpEnv = { runScript: (_s, done) => done(healthy ? 0 : 2) };
    const script = scriptConf('chk');
    const h1 = startVrrp(lb1, config([instanceConf({ priority: 150, trackScripts: [{ name: 'chk', reverse: false, pos: script.pos }] })], { scripts: [script] }), env);
    lab.run({ until: 5 * SEC + 500 * MS });
    healthy = false;
    lab.run({ until: 6 * SEC + 500 * MS });
    expect(h1.instances()[0]!.state).toBe('FAULT');
    healthy = true;
    lab.run({ until: 7 * SEC + 500 * MS });
    expect(h1.instances()[0]!.state).toBe('BACKUP');
  });
});

describe('vrrp_sync_group', () => {
  it('two instances per director: the master crash moves both to lb2 together; a FAULT of one takes the other along', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const conf = (prio: number) =>
      config(
        [
          instanceConf({ name: 'VI_1', vrid: 51, priority: prio }),
          instanceConf({ name: 'VI_2', vrid: 52, priority: prio, vips: [vip('192.168.1.200')] }),
        ],
        { groups: [{ name: 'G', members: ['VI_1', 'VI_2'] }] },
      );
    const env: VrrpEnv = { runScript: (_s, d) => d(0) };
    const h1 = startVrrp(lb1, conf(150), env);
    const h2 = startVrrp(lb2, conf(100), env);
    lab.run({ until: 6 * SEC });
    expect(h1.instances().map((i) => i.state)).toEqual(['MASTER', 'MASTER']);
    lb1.crash();
    h1.halt();
    lab.run({ until: 15 * SEC });
    expect(h2.instances().map((i) => i.state)).toEqual(['MASTER', 'MASTER']);
    expect(lb2.device('eth0')!.hasAddress(ip('192.168.1.200'))).toBe(true);
    lb2.setLinkUp('eth0', false);
    expect(h2.instances().map((i) => i.state)).toEqual(['FAULT', 'FAULT']);
    expect(rec.of('vrrp').some((e) => e.host === 'lb2' && e.msg.id === 'vrrp.sync.follow')).toBe(true);
  });
});

describe('messages', () => {
  it('the takeover explains the formula with the numbers', () => {
    const { lab, rec, lb2 } = pair();
    run(lb2, { priority: 100 });
    lab.run({ until: 5 * SEC });
    const m = vrrpEvents(rec, 'lb2', 'MASTER')[0]!;
    expect(render(m.msg)).toContain('3.609375 s (3 × 1 s + skew (256 − 100) × 1 s/256 = 0.609375 s)');
  });
});

describe('unicast_peer', () => {
  it('adverts go unicast to the peer (TTL 255, after ARP) and the election works as with multicast', () => {
    const { lab, rec, lb1, lb2 } = pair();
    const h1 = run(lb1, { priority: 150, unicastPeers: [ip('192.168.1.12')] });
    const h2 = run(lb2, { priority: 100, unicastPeers: [ip('192.168.1.11')] });
    lab.run({ until: 8 * SEC });
    const tx = advertTx(rec, 'lb1');
    const p = tx[0]!.frame.payload;
    expect(p.layer === 'ipv4' ? [p.dst, p.ttl] : []).toEqual([ip('192.168.1.12'), 255]);
    expect(tx[0]!.frame.dst).toBe(lb2.ifaceMac('eth0'));
    expect([h1.instances()[0]!.state, h2.instances()[0]!.state]).toEqual(['MASTER', 'BACKUP']);
  });
});
