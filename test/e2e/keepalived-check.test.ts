/** `lvslab keepalived-check` as a user runs it on keepalived's own samples and on broken files. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab } from './helpers.js';

const SAMPLES = '/work/shared/fixtures/keepalived';
const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-kacheck-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function conf(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('lvslab keepalived-check', () => {
  it("prints keepalived.conf.sample's IPVS table in ipvsadm -L -n form and its instance's effective settings", () => {
    const r = lvslab(['keepalived-check', `${SAMPLES}/keepalived.conf.sample`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TCP  10.10.10.2:1358 rr persistent 50\n  -> 192.168.200.2:1358           Masq    1      0          0');
    expect(r.stdout).toContain('vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 50\n    priority 100\n');
    expect(r.stdout).toContain('Skew_Time 0.609375 s; Master_Down_Interval 3.609375 s');
    // Mail settings are reported as having no effect, with their positions; still exit 0.
    expect(r.stderr).toContain(`${SAMPLES}/keepalived.conf.sample:8:4: warning: smtp_server has no effect in the lab`);
  });

  it("every one of keepalived's samples either loads (exit 0) or fails at the keyword or command the lab does not model", () => {
    // [exit code, first error as file:line:col: start of message]; warnings are not errors.
    const want: Readonly<Record<string, readonly [number, string]>> = {
      'keepalived.conf.HTTP_GET.port': [0, ''],
      'keepalived.conf.PING_CHECK': [0, ''],
      'keepalived.conf.sample': [0, ''],
      'keepalived.conf.status_code': [0, ''],
      'keepalived.conf.virtualhost': [0, ''],
      'keepalived.conf.vrrp': [0, ''],
      'keepalived.conf.vrrp.scripts': [0, ''],
      'keepalived.conf.vrrp.sync': [0, ''],
      'keepalived.conf.HTTP_GET.auth.simple': [2, "26:15: Unknown keyword 'username' (in url)"],
      'keepalived.conf.IPv6': [2, '8:5: virtual_server_group: ae00::2-9 is an IPv6 address'],
      'keepalived.conf.SMTP_CHECK': [2, "22:4: Unknown keyword 'lvs_id' (in global_defs)"],
      'keepalived.conf.SSL_GET': [2, '20:19: auth_type AH is not modelled'],
      'keepalived.conf.UDP_CHECK': [2, '23:9: UDP_CHECK is not modelled'],
      'keepalived.conf.conditional_conf': [2, "3:1: conditional configuration line '@high'"],
      'keepalived.conf.failover_pool': [2, "34:3: Unknown keyword 'failover_threshold' (in virtual_server)"],
      'keepalived.conf.misc_check': [2, "24:21: command '/usr/local/bin/script.sh' is not modelled"],
      'keepalived.conf.misc_check_arg': [2, '17:5: nat_mask is not modelled'],
      'keepalived.conf.track_interface': [2, "7:1: Unknown keyword 'static_route' (in top level); did you mean 'static_routes'"],
      'keepalived.conf.vrrp.localcheck': [2, "4:16: command 'killall' is not modelled"],
      'keepalived.conf.vrrp.lvs_syncd': [2, "4:3: 'VI_2' in vrrp_sync_group: members go inside 'group { … }'"],
      'keepalived.conf.vrrp.routes': [2, '7:1: static_routes is not modelled'],
      'keepalived.conf.vrrp.rules': [2, '7:1: static_rules is not modelled'],
      'keepalived.conf.vrrp.static_ipaddress': [2, '7:1: static_ipaddress is not modelled'],
    };
    const files = readdirSync(SAMPLES).filter((f) => f.startsWith('keepalived.conf')).sort();
    expect(files).toEqual(Object.keys(want).sort());
    for (const f of files) {
      const r = lvslab(['keepalived-check', `${SAMPLES}/${f}`]);
      const [code, first] = want[f] as readonly [number, string];
      const errors = r.stderr.split('\n').filter((l) => l !== '' && !l.includes(': warning: '));
      expect([f, r.code], r.stderr).toEqual([f, code]);
      if (code === 0) {
        expect(errors, f).toEqual([]);
        expect(r.stdout.length, f).toBeGreaterThan(0);
      } else expect(errors[0]?.startsWith(`${SAMPLES}/${f}:${first}`), `${f}: ${errors[0]}`).toBe(true);
    }
  });

  it('a keyword the lab does not model fails with its position, exit 2, no stack trace', () => {
    const r = lvslab(['keepalived-check', `${SAMPLES}/keepalived.conf.UDP_CHECK`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keepalived\.conf\.UDP_CHECK:23:9: UDP_CHECK is not modelled/);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows what keepalived corrects: state MASTER without a priority is the owner (255), nopreempt cleared', () => {
    const file = conf(
      'owner.conf',
      'vrrp_instance VI_1 {\n  state MASTER\n  nopreempt\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    10.0.0.100/24\n  }\n}\n',
    );
    const r = lvslab(['keepalived-check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    priority 255\n');
    expect(r.stdout).not.toContain('nopreempt');
    expect(r.stdout).toContain('priority 255 (address owner): MASTER at once');
    expect(r.stdout).toContain('10.0.0.100/24 dev eth0');
    expect(r.stderr).toMatch(/owner\.conf:1:1: warning: .*nopreempt/);
  });

  it('a virtual server without protocol is UDP, with keepalived\'s warning, and the default method is NAT', () => {
    const file = conf('udp.conf', 'virtual_server 10.0.0.100 53 {\n  lb_algo rr\n  real_server 10.0.1.1 53 {\n    weight 2\n  }\n}\n');
    const r = lvslab(['keepalived-check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('UDP  10.0.0.100:53 rr\n  -> 10.0.1.1:53                  Masq    2      0          0');
    expect(r.stderr).toMatch(/udp\.conf:1:1: warning: .*no protocol set - defaulting to UDP/);
  });

  it('a MISC_CHECK command the lab cannot run is an error at its position', () => {
    const file = conf(
      'misc.conf',
      'virtual_server 10.0.0.100 80 {\n  protocol TCP\n  real_server 10.0.1.1 80 {\n    MISC_CHECK {\n      misc_path "/usr/local/bin/check_web.sh 10.0.1.1"\n    }\n  }\n}\n',
    );
    const r = lvslab(['keepalived-check', file]);
    expect(r.code).toBe(2);
    // Column 18: the first character inside the quotes.
    expect(r.stderr).toMatch(/^.*misc\.conf:5:18: .*check_web\.sh/m);
  });

  it('a missing file or a missing argument is one line, exit 2', () => {
    const r = lvslab(['keepalived-check', path.join(tmp, 'nope.conf')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('ENOENT');
    expect(lvslab(['keepalived-check']).code).toBe(2);
  });
});
