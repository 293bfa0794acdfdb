/**
 * Every keepalived sample configuration in the shared fixtures: it loads, or it fails and the
 * first error is at the line:col of the keyword the lab does not model (values checked by reading
 * each file).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseKeepalivedConf } from '../../../src/keepalived/conf/parse.js';
import type { ParsedConf } from '../../../src/keepalived/conf/types.js';
import { SEC } from '../../../src/net/types.js';
import { parseIp4 } from '../../../src/net/wire/addr.js';
import { render } from '../../../src/i18n/index.js';

const DIR = '/work/shared/fixtures/keepalived';

function load(f: string): ParsedConf {
  return parseKeepalivedConf({ file: f, text: readFileSync(`${DIR}/${f}`, 'utf8') });
}

type Outcome = { loads: true } | { loads: false; at: string; id: string; names: string };

const EXPECTED: Record<string, Outcome> = {
  'keepalived.conf.HTTP_GET.auth.simple': { loads: false, at: '26:15', id: 'kaconf.unknown', names: "'username'" },
  'keepalived.conf.HTTP_GET.port': { loads: true },
  'keepalived.conf.IPv6': { loads: false, at: '8:5', id: 'kaconf.ipv6', names: 'ae00::2-9' },
  'keepalived.conf.PING_CHECK': { loads: true },
  'keepalived.conf.SMTP_CHECK': { loads: false, at: '22:4', id: 'kaconf.unknown', names: "'lvs_id'" },
  'keepalived.conf.SSL_GET': { loads: false, at: '20:19', id: 'kaconf.notModelled.authAh', names: 'auth_type AH' },
  'keepalived.conf.UDP_CHECK': { loads: false, at: '23:9', id: 'kaconf.notModelled.checker', names: 'UDP_CHECK' },
  'keepalived.conf.conditional_conf': { loads: false, at: '3:1', id: 'kaconf.lex.conditional', names: '@high' },
  'keepalived.conf.failover_pool': { loads: false, at: '34:3', id: 'kaconf.unknown', names: 'failover_threshold' },
  'keepalived.conf.misc_check': { loads: true },
  'keepalived.conf.misc_check_arg': { loads: false, at: '17:5', id: 'kaconf.notModelled.natMask', names: 'nat_mask' },
  'keepalived.conf.sample': { loads: true },
  'keepalived.conf.status_code': { loads: true },
  'keepalived.conf.track_interface': { loads: false, at: '7:1', id: 'kaconf.unknownSuggest', names: "did you mean 'static_routes'" },
  'keepalived.conf.virtualhost': { loads: true },
  'keepalived.conf.vrrp': { loads: true },
  'keepalived.conf.vrrp.localcheck': { loads: true },
  'keepalived.conf.vrrp.lvs_syncd': { loads: false, at: '4:3', id: 'kaconf.sync.bareMember', names: "'VI_2'" },
  'keepalived.conf.vrrp.routes': { loads: false, at: '7:1', id: 'kaconf.notModelled.routes', names: 'static_routes' },
  'keepalived.conf.vrrp.rules': { loads: false, at: '7:1', id: 'kaconf.notModelled.routes', names: 'static_rules' },
  'keepalived.conf.vrrp.scripts': { loads: true },
  'keepalived.conf.vrrp.static_ipaddress': { loads: false, at: '7:1', id: 'kaconf.notModelled.routes', names: 'static_ipaddress' },
  'keepalived.conf.vrrp.sync': { loads: true },
};

describe('keepalived sample configurations', () => {
  it('the table covers every fixture file', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md').sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file} ${want.loads ? 'loads' : `fails at ${want.at}`}`, () => {
      const r = load(file);
      const errs = r.diagnostics.filter((d) => d.severity === 'error');
      if (want.loads) {
        expect(errs.map((e) => render(e.msg))).toEqual([]);
        expect(r.config).not.toBeNull();
      } else {
        expect(r.config).toBeNull();
        const first = errs[0];
        expect(first).toBeDefined();
        if (first === undefined) return;
        expect(`${first.pos.line}:${first.pos.col}`).toBe(want.at);
        expect(first.pos.file).toBe(file);
        expect(first.msg.id).toBe(want.id);
        expect(render(first.msg)).toContain(want.names);
      }
    });
  }

  it('SMTP_CHECK is reported at each of its three uses, and the deprecated lvs_id first', () => {
    const errs = load('keepalived.conf.SMTP_CHECK').diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((e) => `${e.pos.line}:${e.pos.col} ${e.msg.id}`)).toEqual([
      '22:4 kaconf.unknown', '39:9 kaconf.notModelled.checker', '58:9 kaconf.notModelled.checker', '90:9 kaconf.notModelled.checker',
    ]);
    expect(render(errs[1]?.msg ?? { id: '' })).toBe(
      'SMTP_CHECK is not modelled by lvslab (modelled checkers: TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, PING_CHECK)');
  });

  it('lvs_syncd also names the deprecated lvs_sync_daemon_interface at 11:5', () => {
    const errs = load('keepalived.conf.vrrp.lvs_syncd').diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((e) => `${e.pos.line}:${e.pos.col} ${e.msg.id}`)).toContain('11:5 kaconf.notModelled.syncd');
  });

  it('keepalived.conf.sample: effective values', () => {
    const c = load('keepalived.conf.sample').config;
    expect(c).not.toBeNull();
    if (c === null) return;
    const vi = c.instances[0];
    expect(vi?.name).toBe('VI_1');
    expect(vi?.nopreempt).toBe(true);
    expect(vi?.priority).toBe(100);
    expect(vi?.stateWish).toBe('BACKUP');
    expect(vi?.vrid).toBe(50);
    expect(vi?.advertInt).toBe(SEC);
    expect(vi?.vips.map((v) => v.addr)).toEqual(['192.168.200.11', '192.168.200.12', '192.168.200.13'].map(parseIp4));
    expect(vi?.garpMasterRepeat).toBe(5);
    expect(vi?.garpMasterDelay).toBe(5 * SEC);
    expect(c.global.routerId).toBe('LVS_DEVEL');
    const v = c.virtualServers[0];
    expect(v?.selector).toEqual({ kind: 'addr', vaddr: parseIp4('10.10.10.2'), vport: 1358 });
    expect(v?.sched).toBe('rr');
    expect(v?.method).toBe('NAT');
    expect(v?.protocol).toBe('TCP');
    expect(v?.persistenceTimeout).toBe(50);
    expect(v?.delayLoop).toBe(6 * SEC);
    expect(v?.sorryServer).toMatchObject({ addr: parseIp4('192.168.200.200'), port: 1358, method: 'NAT', inhibit: false });
    const rs = v?.realServers[0];
    expect(rs).toMatchObject({ addr: parseIp4('192.168.200.2'), port: 1358, weight: 1, method: 'NAT', inhibitOnFailure: false });
    const ck = rs?.checkers[0];
    expect(ck?.kind).toBe('HTTP_GET');
    if (ck?.kind !== 'HTTP_GET') return;
    expect(ck.connectTimeout).toBe(3 * SEC);
    expect(ck.retry).toBe(3);
    expect(ck.delayBeforeRetry).toBe(3 * SEC);
    expect(ck.delayLoop).toBe(6 * SEC);
    expect(ck.warmup).toBe(6 * SEC);
    expect(ck.connectIp).toBe(parseIp4('192.168.200.2'));
    expect(ck.connectPort).toBe(1358);
    expect(ck.urls).toEqual([{
      path: '/testurl3/test.jsp', digest: '640205b7b0fc66c1ea91c463fac6334d', statusCodes: [[200, 299]], pos: { file: 'keepalived.conf.sample', line: 38, col: 13 },
    }]);
  });

  it('keepalived.conf.vrrp: state MASTER priority 100 keeps 100; garp_master_delay 10 overrides; PASS auth', () => {
    const c = load('keepalived.conf.vrrp').config;
    const [v1, v2] = c?.instances ?? [];
    expect(v1).toMatchObject({ stateWish: 'MASTER', priority: 100, garpMasterDelay: 10 * SEC, authPass: '1111', iface: 'eth0' });
    expect(v2).toMatchObject({ stateWish: 'BACKUP', priority: 50, garpMasterDelay: 5 * SEC });
    expect(v2?.authPass).toBeUndefined();
    expect(v1?.vips.length).toBe(3);
  });

  it('keepalived.conf.vrrp.localcheck: scripts, track weights, unweighted interface', () => {
    const c = load('keepalived.conf.vrrp.localcheck').config;
    expect(c?.vrrpScripts.get('chk_sshd')).toMatchObject({ script: { text: 'killall -0 sshd' }, interval: 2 * SEC, weight: -4, rise: 1, fall: 1, timeout: 2 * SEC });
    expect(c?.vrrpScripts.get('chk_http_port')?.script.text).toBe('</dev/tcp/127.0.0.1/80');
    const vi = c?.instances[0];
    expect(vi?.trackInterfaces.map((t) => [t.iface, t.weight])).toEqual([['eth1', 2], ['eth2', -2], ['eth3', null]]);
    expect(vi?.trackScripts.map((t) => [t.name, t.weight])).toEqual([
      ['chk_sshd', undefined], ['chk_haproxy', 2], ['chk_http_port', undefined], ['chk_https_port', undefined], ['chk_smtp_port', undefined],
    ]);
    expect(vi?.vips[0]).toMatchObject({ addr: parseIp4('192.168.200.18'), prefixLen: 25 });
  });

  it('keepalived.conf.vrrp.sync: sync group members with positions', () => {
    const c = load('keepalived.conf.vrrp.sync').config;
    expect(c?.syncGroups.map((g) => [g.name, g.members.map((m) => m.name)])).toEqual([
      ['G1', ['VI_1', 'VI_2', 'VI_5', 'VI_6', 'VI_7', 'VI_8', 'VI_9']], ['G2', ['VI_3', 'VI_4']],
    ]);
    expect(c?.syncGroups[1]?.members[0]?.pos).toEqual({ file: 'keepalived.conf.vrrp.sync', line: 20, col: 5 });
  });

  it('PING_CHECK (UDP service), misc_check, status_code, virtualhost, HTTP_GET.port effective values', () => {
    const ping = load('keepalived.conf.PING_CHECK').config?.virtualServers[0];
    expect(ping?.protocol).toBe('UDP');
    expect(ping?.realServers[0]?.checkers[0]).toMatchObject({ kind: 'PING_CHECK', retry: 4, delayBeforeRetry: SEC, connectTimeout: 5 * SEC });
    const misc = load('keepalived.conf.misc_check').config?.virtualServers[0]?.realServers[0]?.checkers[0];
    expect(misc).toMatchObject({ kind: 'MISC_CHECK', path: { text: '/usr/local/bin/script.sh' }, retry: 0, timeout: 6 * SEC, dynamic: false });
    const sc = load('keepalived.conf.status_code').config?.virtualServers[0]?.realServers[0]?.checkers[0];
    if (sc?.kind !== 'SSL_GET') throw new Error('expected SSL_GET');
    expect(sc.urls.map((u) => [u.path, u.statusCodes, u.digest])).toEqual([
      ['/', [[200, 200]], undefined], ['/mrtg/', [[200, 200]], '9b3a0c85a887a256d6939da88aabd8cd'],
    ]);
    const vh = load('keepalived.conf.virtualhost');
    const vhc = vh.config?.virtualServers[0]?.realServers[0]?.checkers[0];
    if (vhc?.kind !== 'SSL_GET') throw new Error('expected SSL_GET');
    expect(vhc.urls.map((u) => u.virtualhost)).toEqual(['www.firewall.loc', 'www.firewall.loc']);
    expect(vhc.retry).toBe(3);
    expect(vh.diagnostics.find((d) => d.msg.id === 'kaconf.http.nbGetRetry')?.pos).toMatchObject({ line: 34, col: 13 });
    const port = load('keepalived.conf.HTTP_GET.port').config?.virtualServers[0]?.realServers[0]?.checkers[0];
    expect(port).toMatchObject({ connectPort: 444, retry: 3 });
  });
});
