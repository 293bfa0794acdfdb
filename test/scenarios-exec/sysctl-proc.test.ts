/** procps sysctl, echo > /proc/sys, cat: outputs, exit statuses and the values the kernel then uses. */
import { describe, expect, it } from 'vitest';
import { lines, out, rsLab, run1 } from './helpers.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { render } from '../../src/i18n/index.js';

describe('sysctl', () => {
  it('-w echoes key = value as typed; -q is silent; several keys at once', () => {
    const { host } = rsLab();
    expect(out(host, 'sysctl -w net.ipv4.conf.all.arp_ignore=01 net.ipv4.conf.all.arp_announce=2')).toBe(
      lines('net.ipv4.conf.all.arp_ignore = 01', 'net.ipv4.conf.all.arp_announce = 2'),
    );
    expect(out(host, 'sysctl -q -w net.ipv4.conf.lo.arp_ignore=1')).toBe('');
    expect(out(host, 'sysctl net/ipv4/conf/all/arp_ignore')).toBe('net.ipv4.conf.all.arp_ignore = 1\n');
    expect(out(host, 'sysctl -n net.ipv4.conf.lo.arp_ignore net.ipv4.conf.eth0.arp_ignore')).toBe('1\n0\n');
    expect(host.sysctl('net.ipv4.conf.eth0.arp_ignore')).toBe(1);
  });

  it('ip_forward runs inet_forward_change: every interface forwards, all.accept_redirects goes to 0', () => {
    const { host } = rsLab();
    expect(out(host, 'sysctl -w net.ipv4.ip_forward=1')).toBe('net.ipv4.ip_forward = 1\n');
    expect(host.sysctl('net.ipv4.conf.eth0.forwarding')).toBe(1);
    expect(host.sysctl('net.ipv4.conf.lo.forwarding')).toBe(1);
    expect(out(host, 'sysctl net.ipv4.conf.all.accept_redirects')).toBe('net.ipv4.conf.all.accept_redirects = 0\n');
  });

  it('a key of a device the host does not have: cannot stat, exit 255 (254 for two)', () => {
    const { host } = rsLab();
    let r = run1(host, 'sysctl net.ipv4.conf.eth9.arp_ignore');
    expect([r.exitCode, r.output]).toEqual([255, 'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n']);
    expect(r.error?.offset).toBe(7);
    r = run1(host, 'sysctl -w net.ipv4.conf.eth9.arp_ignore=1 net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.eth8.rp_filter=1');
    expect(r.exitCode).toBe(254);
    expect(r.output).toBe(
      lines(
        'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory',
        'net.ipv4.conf.all.arp_ignore = 1',
        'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth8/rp_filter: No such file or directory',
      ),
    );
    expect(host.sysctl('net.ipv4.conf.all.arp_ignore')).toBe(1);
  });

  it('a key Linux has but the lab does not model is refused when the line is read, not faked', () => {
    const p = parseScript('sysctl -w net.ipv4.conf.all.tag=1');
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]?.offset).toBe(10);
    expect(render(p.errors[0]?.msg ?? { id: '' })).toMatch(/net\.ipv4\.conf\.all\.tag/);
  });

  it('every key a host has is accepted by the parser (one list, no drift)', () => {
    for (const key of ['net.ipv4.ip_default_ttl', 'net.ipv4.icmp_echo_ignore_all', 'net.ipv4.vs.sloppy_sctp', 'net.ipv4.conf.eth0.medium_id']) {
      expect(parseScript(`sysctl ${key}`).errors, key).toEqual([]);
    }
  });

  it('-a lists modelled keys as key = value', () => {
    const { host } = rsLab();
    const all = out(host, 'sysctl -a').split('\n');
    expect(all).toContain('net.ipv4.conf.eth0.arp_ignore = 0');
    expect(all).toContain('net.ipv4.ip_local_port_range = 32768\t60999');
  });
});

describe('echo and cat on /proc/sys', () => {
  it('echo writes silently; cat prints the value', () => {
    const { host } = rsLab();
    expect(out(host, 'echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce')).toBe('');
    expect(out(host, 'echo "1" >> /proc/sys/net/ipv4/conf/eth0/rp_filter')).toBe('');
    expect(out(host, 'cat /proc/sys/net/ipv4/conf/all/arp_announce')).toBe('2\n');
    expect(host.sysctl('net.ipv4.conf.eth0.arp_announce')).toBe(2);
    expect(host.sysctl('net.ipv4.conf.eth0.rp_filter')).toBe(1);
    expect(out(host, 'echo 1 > /proc/sys/net/ipv4/ip_forward')).toBe('');
    expect(host.sysctl('net.ipv4.conf.eth0.forwarding')).toBe(1);
  });

  it('a missing file is the shell\'s error', () => {
    const { host } = rsLab();
    let r = run1(host, 'echo 1 > /proc/sys/net/ipv4/conf/eth9/arp_ignore');
    expect([r.exitCode, r.output]).toEqual([1, 'bash: /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n']);
    expect(r.error?.offset).toBe(9);
    r = run1(host, 'cat /proc/sys/net/ipv4/conf/eth9/arp_ignore');
    expect([r.exitCode, r.output]).toEqual([1, 'cat: /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n']);
  });

  it('echo prints its words', () => {
    const { host } = rsLab();
    expect(out(host, 'echo hello   world')).toBe('hello world\n');
    expect(out(host, 'echo -n done')).toBe('done');
  });
});
