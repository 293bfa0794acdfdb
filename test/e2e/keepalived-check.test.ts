/** `lvslab keepalived-check` as a user runs it on keepalived's own samples and on broken files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(r.stderr).toMatch(/^.*misc\.conf:5:\d+: .*check_web\.sh/m);
  });

  it('a missing file or a missing argument is one line, exit 2', () => {
    const r = lvslab(['keepalived-check', path.join(tmp, 'nope.conf')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('ENOENT');
    expect(lvslab(['keepalived-check']).code).toBe(2);
  });
});
