/** ip neigh and net-tools arp: the permanent entries an LVS set-up pins, and their listings. */
import { describe, expect, it } from 'vitest';
import { ip, lines, out, rsLab, run1 } from './helpers.js';

const ARP_HEADER = 'Address                  HWtype  HWaddress           Flags Mask            Iface';

describe('arp', () => {
  it('arp -s pins a permanent entry on the on-link device; -n and -a list it', () => {
    const { host } = rsLab();
    expect(out(host, 'arp -n')).toBe('');
    expect(out(host, 'arp -s 192.168.1.1 02:00:00:00:00:01')).toBe('');
    expect(out(host, 'arp -n')).toBe(lines(ARP_HEADER, '192.168.1.1              ether   02:00:00:00:00:01   CM                    eth0'));
    expect(out(host, 'arp -an')).toBe('? (192.168.1.1) at 02:00:00:00:00:01 [ether] PERM on eth0\n');
    expect(host.device('eth0')?.neigh.lookup(ip('192.168.1.1'))?.state).toBe('PERMANENT');
    expect(out(host, 'arp -d 192.168.1.1')).toBe('');
    expect(out(host, 'arp -n')).toBe('');
  });

  it('errors', () => {
    const { host } = rsLab();
    let r = run1(host, 'arp -d 192.168.1.9');
    expect([r.exitCode, r.output]).toEqual([255, 'No ARP entry for 192.168.1.9\n']);
    r = run1(host, 'arp -s 10.9.9.9 02:00:00:00:00:01');
    expect([r.exitCode, r.output]).toEqual([255, 'SIOCSARP: Network is unreachable\n']);
    r = run1(host, 'arp -s 10.9.9.9 02:00:00:00:00:01 -i lo');
    expect([r.exitCode, r.output]).toEqual([255, 'SIOCSARP: Invalid argument\n']);
    r = run1(host, 'arp -n -i eth0');
    expect([r.exitCode, r.output]).toEqual([0, 'arp: in 0 entries no match found.\n']);
  });
});

describe('ip neigh', () => {
  it('add, show, replace, change, del', () => {
    const { host } = rsLab();
    expect(out(host, 'ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0')).toBe('');
    expect(out(host, 'ip neigh show')).toBe('192.168.1.1 dev eth0 lladdr 02:00:00:00:00:01 PERMANENT \n');
    expect(out(host, 'ip neigh show dev eth0')).toBe('192.168.1.1 lladdr 02:00:00:00:00:01 PERMANENT \n');
    expect(out(host, 'ip neigh replace 192.168.1.1 lladdr 02:00:00:00:00:02 dev eth0 nud reachable')).toBe('');
    expect(host.device('eth0')?.neigh.lookup(ip('192.168.1.1'))).toMatchObject({ state: 'REACHABLE', mac: 0x020000000002 });
    expect(out(host, 'ip neigh change 192.168.1.1 dev eth0 nud permanent')).toBe('');
    expect(host.device('eth0')?.neigh.lookup(ip('192.168.1.1'))).toMatchObject({ state: 'PERMANENT', mac: 0x020000000002 });
    expect(out(host, 'ip neigh del 192.168.1.1 dev eth0')).toBe('');
    expect(out(host, 'ip neigh')).toBe('');
  });

  it('errors', () => {
    const { host } = rsLab();
    out(host, 'ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0');
    let r = run1(host, 'ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: File exists\n']);
    r = run1(host, 'ip neigh del 192.168.1.9 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: No such file or directory\n']);
    r = run1(host, 'ip neigh change 192.168.1.9 lladdr 02:00:00:00:00:01 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: No such file or directory\n']);
    r = run1(host, 'ip neigh add 192.168.1.9 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'Error: No link layer address given.\n']);
    r = run1(host, 'ip neigh add 192.168.1.9 lladdr 02:00:00:00:00:01 dev eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'Cannot find device "eth9"\n']);
    r = run1(host, 'ip neigh add 192.168.1.9 lladdr 02:00:00:00:00:01 dev eth0 nud delay');
    expect(r.error?.kind).toBe('notModelled');
  });

  it('flush keeps permanent entries', () => {
    const { host } = rsLab();
    out(host, 'ip neigh add 192.168.1.1 lladdr 02:00:00:00:00:01 dev eth0');
    out(host, 'ip neigh add 192.168.1.2 lladdr 02:00:00:00:00:02 dev eth0 nud stale');
    expect(out(host, 'ip neigh flush dev eth0')).toBe('');
    expect(out(host, 'ip neigh')).toBe('192.168.1.1 dev eth0 lladdr 02:00:00:00:00:01 PERMANENT \n');
  });
});
