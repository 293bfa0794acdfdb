/**
 * The LVS-DR real-server recipe both ways the notes write it: net-tools (ifconfig lo:0 + echo to
 * /proc) and iproute2 (ip addr add + sysctl -w). The VIP must end up on lo as a /32 global
 * address, and the ARP knobs must take effect on eth0 through max(all, eth0).
 */
import { describe, expect, it } from 'vitest';
import { ip, lines, out, rsLab, run } from './helpers.js';

const LO_HEADER = lines(
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  '    inet 127.0.0.1/8 scope host lo',
  '       valid_lft forever preferred_lft forever',
);

describe('dr-basic real server set-up', () => {
  it('net-tools form: ifconfig lo:0 … netmask 255.255.255.255 up and echo to arp_ignore/arp_announce', () => {
    const { host } = rsLab();
    const rs = run(
      host,
      [
        'ifconfig lo:0 192.168.1.100 netmask 255.255.255.255 up',
        'echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore',
        'echo 2 > /proc/sys/net/ipv4/conf/lo/arp_announce',
        'echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore',
        'echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce',
      ].join('\n'),
    );
    expect(rs.map((r) => [r.exitCode, r.output])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    expect(out(host, 'ip addr show lo')).toBe(
      LO_HEADER + lines('    inet 192.168.1.100/32 scope global lo:0', '       valid_lft forever preferred_lft forever'),
    );
    const vip = host.device('lo')?.addrs.find((a) => a.local === ip('192.168.1.100'));
    expect(vip).toMatchObject({ prefixLen: 32, scope: 'global', label: 'lo:0', broadcast: 0, secondary: false });
    // The kernel reads max(all, eth0): the value written on `all` reaches eth0.
    expect(host.sysctl('net.ipv4.conf.eth0.arp_ignore')).toBe(1);
    expect(host.sysctl('net.ipv4.conf.eth0.arp_announce')).toBe(2);
    expect(out(host, 'cat /proc/sys/net/ipv4/conf/eth0/arp_ignore')).toBe('0\n');
    expect(host.isLocalAddress(ip('192.168.1.100'))).toBe(true);
    expect(host.isLocalAddress(ip('192.168.1.101'))).toBe(false);
    expect(out(host, 'ifconfig lo:0')).toBe(
      lines(
        'lo:0: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
        '        inet 192.168.1.100  netmask 255.255.255.255',
        '        loop  txqueuelen 1000  (Local Loopback)',
        '',
      ),
    );
  });

  it('iproute2 form: ip addr add 192.168.1.100/32 dev lo and sysctl -w', () => {
    const { host } = rsLab();
    const rs = run(
      host,
      [
        'ip addr add 192.168.1.100/32 dev lo',
        'sysctl -w net.ipv4.conf.all.arp_ignore=1',
        'sysctl -w net.ipv4.conf.all.arp_announce=2',
      ].join('\n'),
    );
    expect(rs.map((r) => [r.exitCode, r.output])).toEqual([
      [0, ''],
      [0, 'net.ipv4.conf.all.arp_ignore = 1\n'],
      [0, 'net.ipv4.conf.all.arp_announce = 2\n'],
    ]);
    expect(out(host, 'ip addr show lo')).toBe(
      LO_HEADER + lines('    inet 192.168.1.100/32 scope global lo', '       valid_lft forever preferred_lft forever'),
    );
    expect(host.sysctl('net.ipv4.conf.eth0.arp_ignore')).toBe(1);
    expect(host.sysctl('net.ipv4.conf.eth0.arp_announce')).toBe(2);
    expect(out(host, 'sysctl net.ipv4.conf.eth0.arp_ignore')).toBe('net.ipv4.conf.eth0.arp_ignore = 0\n');
    expect(out(host, 'ip route get 192.168.1.100')).toBe('local 192.168.1.100 dev lo src 192.168.1.100 uid 0 \n    cache <local> \n');
  });

  it('the classic trap: without a netmask, ifconfig gives the VIP its classful /24 and lo answers for the whole subnet', () => {
    const { host } = rsLab();
    expect(out(host, 'ifconfig lo:0 192.168.1.100 up')).toBe('');
    expect(host.device('lo')?.addrs.find((a) => a.label === 'lo:0')).toMatchObject({ prefixLen: 24, scope: 'global' });
    expect(host.isLocalAddress(ip('192.168.1.12'))).toBe(true);
    expect(out(host, 'ip route show table local').split('\n')).toContain('local 192.168.1.0/24 dev lo proto kernel scope host src 192.168.1.100 ');
  });

  it('ifconfig lo:0 down removes the alias address, leaving lo up', () => {
    const { host } = rsLab();
    out(host, 'ifconfig lo:0 192.168.1.100 netmask 255.255.255.255 up');
    expect(out(host, 'ifconfig lo:0 down')).toBe('');
    expect(host.device('lo')?.addrs.map((a) => a.label)).toEqual(['lo']);
    expect(host.device('lo')?.up).toBe(true);
    expect(host.isLocalAddress(ip('192.168.1.100'))).toBe(false);
  });

  it('LVS-HOWTO form with broadcast: the VIP is its own broadcast address and stays local', () => {
    const { host } = rsLab();
    expect(out(host, 'ifconfig lo:0 192.168.1.100 broadcast 192.168.1.100 netmask 255.255.255.255 up')).toBe('');
    expect(out(host, 'ip addr show lo').split('\n')[4]).toBe('    inet 192.168.1.100/32 brd 192.168.1.100 scope global lo:0');
    expect(host.isLocalAddress(ip('192.168.1.100'))).toBe(true);
    expect(out(host, 'ip route get 192.168.1.100')).toBe('local 192.168.1.100 dev lo src 192.168.1.100 uid 0 \n    cache <local> \n');
  });
});
