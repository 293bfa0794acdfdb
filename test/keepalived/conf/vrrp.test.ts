/** vrrp_instance / global_defs defaults and keepalived's corrections (reference §2.5, §3.1, §3.2). */
import { describe, expect, it } from 'vitest';
import { SEC } from '../../../src/net/types.js';
import { parseIp4 } from '../../../src/net/wire/addr.js';
import { errors, instance, parse, text, warnings, where } from './helpers.js';

function inst(body: string, global = '') {
  const r = parse(`${global}${instance(body)}`);
  return { r, vi: r.config?.instances[0] };
}

describe('global_defs defaults', () => {
  it('reference §3.1 defaults', () => {
    const g = parse('').config?.global;
    expect(g).toEqual({
      vrrpVersion: 2, strict: false, skipCheckAdvAddr: false, garpInterval: 0, garpMasterRepeat: 5, garpMasterDelay: 5 * SEC,
      garpMasterRefresh: 0, garpMasterRefreshRepeat: 1, garpLowerPrioRepeat: 5, garpLowerPrioDelay: 5 * SEC,
      lowerPrioNoAdvert: false, higherPrioSendAdvert: false,
    });
  });
  it('instance inherits GARP settings, version and lower_prio_no_advert from global_defs', () => {
    const { vi } = inst('', 'global_defs {\n vrrp_garp_master_repeat 2\n vrrp_garp_master_delay 0\n vrrp_garp_interval 0.001\n vrrp_version 3\n vrrp_lower_prio_no_advert\n}\n');
    expect(vi).toMatchObject({ garpMasterRepeat: 2, garpMasterDelay: 0, garpInterval: 1_000_000, version: 3, lowerPrioNoAdvert: true });
  });
  it('the instance overrides win over global_defs', () => {
    const { vi } = inst(' garp_master_repeat 1\n garp_master_delay 2', 'global_defs {\n vrrp_garp_master_repeat 3\n}\n');
    expect(vi).toMatchObject({ garpMasterRepeat: 1, garpMasterDelay: 2 * SEC });
  });
});

describe('vrrp_instance defaults and corrections (vrrp_complete_instance)', () => {
  const table: [string, string, Record<string, unknown>, string[]][] = [
    ['no priority, no state', '', { priority: 100, stateWish: 'BACKUP', advertInt: SEC, nopreempt: false, accept: true, downTimerAdverts: 3, version: 2 }, []],
    ['state MASTER without priority ⇒ 255', ' state MASTER', { priority: 255, stateWish: 'MASTER' }, []],
    ['priority 255 without state ⇒ MASTER', ' priority 255', { priority: 255, stateWish: 'MASTER' }, []],
    ['priority 254 without state ⇒ BACKUP', ' priority 254', { stateWish: 'BACKUP' }, []],
    ['state MASTER priority 100 stays 100', ' state MASTER\n priority 100', { priority: 100, stateWish: 'MASTER' }, []],
    ['nopreempt with state MASTER cleared', ' state MASTER\n priority 100\n nopreempt', { nopreempt: false }, ['kaconf.vrrp.nopreemptMaster']],
    ['nopreempt with priority 255 cleared', ' priority 255\n nopreempt', { nopreempt: false }, ['kaconf.vrrp.nopreemptOwner']],
    ['nopreempt kept on BACKUP', ' state BACKUP\n priority 100\n nopreempt', { nopreempt: true }, []],
    ['preempt_delay kept on BACKUP', ' state BACKUP\n preempt_delay 2', { preemptDelay: 2 * SEC }, []],
    ['preempt_delay cleared with MASTER', ' state MASTER\n priority 100\n preempt_delay 2', { preemptDelay: 0 }, ['kaconf.vrrp.preemptDelayMaster']],
    ['preempt_delay cleared with nopreempt', ' nopreempt\n preempt_delay 2', { preemptDelay: 0, nopreempt: true }, ['kaconf.vrrp.preemptDelayNopreempt']],
    ['preempt_delay cleared with strict', ' strict_mode\n preempt_delay 2', { preemptDelay: 0, strict: true, lowerPrioNoAdvert: true, accept: false }, ['kaconf.vrrp.preemptDelayStrict']],
    ['advert_int 0.5 on v2 is rounded to 1 s', ' advert_int 0.5', { advertInt: SEC }, ['kaconf.vrrp.v2AdvertInteger']],
    ['advert_int 0.5 on v3 is kept', ' version 3\n advert_int 0.5', { advertInt: SEC / 2, version: 3 }, []],
    ['advert_int 0.123 on v3 rounds to 10 ms units', ' version 3\n advert_int 0.123', { advertInt: 120_000_000 }, ['kaconf.vrrp.v3AdvertCentis']],
    ['advert_int 300 on v2 is set to 255', ' advert_int 300', { advertInt: 255 * SEC }, ['kaconf.vrrp.v2AdvertRange']],
    ['PASS auth keeps 8 characters', ' authentication {\n  auth_type PASS\n  auth_pass 123456789\n }', { authPass: '12345678' }, ['kaconf.vrrp.authTruncated']],
    ['auth ignored on v3', ' version 3\n authentication {\n  auth_type PASS\n  auth_pass x\n }', { authPass: undefined }, ['kaconf.vrrp.v3Auth']],
    ['strict state MASTER must be owner', ' strict_mode\n state MASTER\n priority 100', { stateWish: 'BACKUP' }, ['kaconf.vrrp.strictState']],
    ['no_accept', ' no_accept', { accept: false }, []],
    ['unicast peers', ' unicast_src_ip 10.0.0.1\n unicast_peer {\n  10.0.0.2\n  10.0.0.3\n }', { unicastSrcIp: parseIp4('10.0.0.1'), unicastPeers: [parseIp4('10.0.0.2'), parseIp4('10.0.0.3')] }, []],
  ];
  it('use_vmac is refused at its position: the lab has no macvlan with the virtual MAC', () => {
    const { r } = inst(' use_vmac');
    expect(errors(r).map((e) => e.msg.id)).toEqual(['kaconf.notModelled.useVmac']);
  });
  for (const [name, body, want, warns] of table) {
    it(name, () => {
      const { r, vi } = inst(body);
      expect(errors(r).map(text)).toEqual([]);
      expect(vi).toMatchObject(Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined)));
      for (const [k, v] of Object.entries(want)) if (v === undefined) expect((vi as unknown as Record<string, unknown>)[k]).toBeUndefined();
      expect(warnings(r).map((w) => w.msg.id)).toEqual(warns);
    });
  }

  it('keepalived wording of the nopreempt warning, at the instance', () => {
    const { r } = inst(' state MASTER\n priority 100\n nopreempt');
    const w = warnings(r);
    expect(w.map(text)).toEqual(['(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing']);
    expect(w[0]?.pos).toMatchObject({ line: 1, col: 1 });
  });

  it('VIP options: mask, dev, scope, label, brd', () => {
    const r = parse('vrrp_instance V {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  192.168.1.10/24 dev eth1 scope link label eth1:1 brd 192.168.1.255\n }\n virtual_ipaddress_excluded {\n  10.9.9.9\n }\n}\n');
    expect(r.config?.instances[0]?.vips[0]).toEqual({
      addr: parseIp4('192.168.1.10'), prefixLen: 24, dev: 'eth1', scope: 'link', label: 'eth1:1', broadcast: parseIp4('192.168.1.255'),
      pos: { file: 't.conf', line: 5, col: 3 },
    });
    expect(r.config?.instances[0]?.vipsExcluded.map((v) => v.addr)).toEqual([parseIp4('10.9.9.9')]);
  });

  it('no VIP: a warning on v2, an error on v3', () => {
    const v2 = parse('vrrp_instance V {\n interface eth0\n virtual_router_id 1\n}\n');
    expect(where(warnings(v2))).toEqual(['1:1 kaconf.vrrp.noVipSensible']);
    const v3 = parse('vrrp_instance V {\n interface eth0\n virtual_router_id 1\n version 3\n}\n');
    expect(where(errors(v3))).toEqual(['1:1 kaconf.vrrp.noVipRequired']);
  });
});

describe('vrrp_instance range and reference errors, with positions', () => {
  const cases: [string, string, string][] = [
    ['vrid 0', ' virtual_router_id 0', '7:20 kaconf.arg.range'],
    ['vrid 256', ' virtual_router_id 256', '7:20 kaconf.arg.range'],
    ['priority 0', ' priority 0', '7:11 kaconf.arg.range'],
    ['priority 256', ' priority 256', '7:11 kaconf.arg.range'],
    ['priority not a number', ' priority high', '7:11 kaconf.arg.notInt'],
    ['advert_int 0', ' advert_int 0', '7:13 kaconf.vrrp.advertZero'],
    ['advert_int text', ' advert_int fast', '7:13 kaconf.arg.notTime'],
    ['preempt_delay 1001', ' preempt_delay 1001', '7:16 kaconf.arg.timeRange'],
    ['bad state', ' state LEADER', '7:8 kaconf.vrrp.badState'],
    ['track weight 254', ' track_interface {\n  eth1 weight 254\n }', '8:15 kaconf.arg.range'],
    ['track option', ' track_interface {\n  eth1 wieght 2\n }', '8:8 kaconf.track.option'],
    ['auth AH', ' authentication {\n  auth_type AH\n }', '8:13 kaconf.notModelled.authAh'],
    ['auth_hmac', ' auth_hmac {\n }', '7:2 kaconf.notModelled.authHmac'],
    ['lvs_sync_daemon_interface', ' lvs_sync_daemon_interface eth1', '7:2 kaconf.notModelled.syncd'],
    ['virtual_routes', ' virtual_routes {\n }', '7:2 kaconf.notModelled.routes'],
    ['track_file', ' track_file {\n }', '7:2 kaconf.notModelled.track'],
    ['IPv6 VIP', ' virtual_ipaddress {\n  fe80::1\n }', '8:3 kaconf.ipv6'],
    ['VIP option', ' virtual_ipaddress {\n  10.0.0.5 no_track\n }', '8:12 kaconf.vip.option'],
    ['typo with suggestion', ' prority 100', '7:2 kaconf.unknownSuggest'],
    ['unknown keyword', ' frobnicate', '7:2 kaconf.unknown'],
  ];
  for (const [name, body, want] of cases) {
    it(name, () => {
      const r = parse(instance(body));
      expect(r.config).toBeNull();
      expect(where(errors(r))[0]).toBe(want);
    });
  }

  it('did-you-mean names the keyword of the block', () => {
    expect(text(errors(parse(instance(' prority 100')))[0] ?? { severity: 'error', pos: { file: '', line: 0, col: 0 }, msg: { id: '' } }))
      .toBe("Unknown keyword 'prority' (in vrrp_instance); did you mean 'priority'?");
  });

  it('track_script must name a vrrp_script', () => {
    const r = parse(instance(' track_script {\n  chk_x weight 2\n }'));
    expect(where(errors(r))).toEqual(['8:3 kaconf.ref.trackScript']);
  });

  it('vrid unique per interface (error at the second vrid), fine on another interface', () => {
    const two = parse(instance('', 'A') + instance('', 'B'));
    expect(where(errors(two))).toEqual(['11:2 kaconf.ref.vridDup']);
    const other = parse(instance('', 'A') + instance('', 'B').replace('interface eth0', 'interface eth1'));
    expect(errors(other)).toEqual([]);
  });

  it('sync group members must exist; bare names are keepalived syntax errors', () => {
    const r = parse(`vrrp_sync_group G {\n group {\n  VI_1\n  VI_X\n }\n}\n${instance('')}`);
    expect(where(errors(r))).toEqual(['4:3 kaconf.ref.syncMember']);
  });

  it('missing interface and vrid', () => {
    const r = parse('vrrp_instance V {\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n');
    expect(where(errors(r))).toEqual(['1:1 kaconf.vrrp.noInterface', '1:1 kaconf.vrrp.noVrid']);
  });

  it('global lvs_sync_daemon and conditional lines are errors', () => {
    expect(where(errors(parse('global_defs {\n  lvs_sync_daemon eth1 VI_1\n}\n')))).toEqual(['2:3 kaconf.notModelled.syncd']);
    expect(where(errors(parse('  @high priority 100\n')))).toEqual(['1:3 kaconf.lex.conditional']);
  });
});

describe('keywords that are names of Object.prototype', () => {
  it.each(['__proto__', 'valueOf', 'toString', 'constructor', 'hasOwnProperty'])('%s is an unknown keyword, at its position', (kw) => {
    const r = parse(`${kw}\nvrrp_instance VI_1 {\n ${kw}\n interface eth0\n virtual_router_id 1\n}\n`);
    expect(errors(r).map((e) => [e.msg.id, e.pos.line, e.pos.col])).toEqual([
      ['kaconf.unknown', 1, 1],
      ['kaconf.unknown', 3, 2],
    ]);
  });
});

describe('a block after a keyword that takes none', () => {
  it('is refused at its brace, on the same line or the next', () => {
    const r = parse('vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 3\n  priority 100 {\n    advert_int 2\n  }\n  advert_int 1\n  {\n  }\n}\n');
    expect(errors(r).map((e) => [e.msg.id, e.pos.line, e.pos.col])).toEqual([
      ['kaconf.tree.unexpectedBlock', 4, 16],
      ['kaconf.tree.unexpectedBlock', 8, 3],
    ]);
  });
});
