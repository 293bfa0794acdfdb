/** iproute2 `ip address` and `ip link`: Debian 12 output and Linux 6.1 error texts. */
import { describe, expect, it } from 'vitest';
import { ip, lines, out, rsLab, run1 } from './helpers.js';

const LO = lines(
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  '    inet 127.0.0.1/8 scope host lo',
  '       valid_lft forever preferred_lft forever',
);
const ETH0 = lines(
  '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000',
  '    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff',
  '    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0',
  '       valid_lft forever preferred_lft forever',
);

describe('ip address', () => {
  it('shows every device', () => {
    const { host } = rsLab();
    expect(out(host, 'ip addr')).toBe(LO + ETH0);
    expect(out(host, 'ip a s eth0')).toBe(ETH0);
  });

  it('-4 leaves out the link lines and devices without an IPv4 address', () => {
    const { host } = rsLab();
    out(host, 'modprobe ipip');
    expect(out(host, 'ip -4 addr')).toBe(
      lines(
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000',
        '    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0',
        '       valid_lft forever preferred_lft forever',
      ),
    );
  });

  it('adds a same-subnet address as secondary, brd + setting the host bits', () => {
    const { host } = rsLab();
    expect(out(host, 'ip addr add 192.168.1.12/24 brd + dev eth0')).toBe('');
    expect(out(host, 'ip addr show dev eth0')).toBe(
      ETH0 + lines('    inet 192.168.1.12/24 brd 192.168.1.255 scope global secondary eth0', '       valid_lft forever preferred_lft forever'),
    );
  });

  it('brd + is not computed for /31 and /32; a label names the alias', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 192.168.1.100/32 brd + dev eth0 label eth0:vip');
    expect(host.device('eth0')?.addrs.find((a) => a.local === ip('192.168.1.100'))).toMatchObject({ broadcast: 0, label: 'eth0:vip', scope: 'global' });
  });

  it('no prefix length means /32; 127/8 gets scope host', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 10.0.0.5 dev eth0');
    out(host, 'ip addr add 127.0.0.2/8 dev lo');
    expect(host.device('eth0')?.addrs.find((a) => a.local === ip('10.0.0.5'))?.prefixLen).toBe(32);
    expect(host.device('lo')?.addrs.find((a) => a.local === ip('127.0.0.2'))).toMatchObject({ scope: 'host', secondary: true });
  });

  it('refuses an address that is already there: RTNETLINK answers: File exists, exit 2', () => {
    const { host } = rsLab();
    const r = run1(host, 'ip addr add 192.168.1.11/24 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: File exists\n']);
    expect(r.error).toMatchObject({ offset: 12, kind: 'tool' });
  });

  it('refuses another scope in the same subnet: Invalid argument', () => {
    const { host } = rsLab();
    const r = run1(host, 'ip addr add 192.168.1.12/24 dev eth0 scope link');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: Invalid argument\n']);
  });

  it('deleting a missing address: Cannot assign requested address, exit 2', () => {
    const { host } = rsLab();
    const r = run1(host, 'ip addr del 192.168.1.99/32 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: Cannot assign requested address\n']);
    // A different prefix length does not match either.
    expect(run1(host, 'ip addr del 192.168.1.11/32 dev eth0').exitCode).toBe(2);
  });

  it('an unknown device, or an alias label, is not a device: exit 1', () => {
    const { host } = rsLab();
    let r = run1(host, 'ip addr add 10.0.0.1/8 dev eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'Cannot find device "eth9"\n']);
    expect(r.error?.offset).toBe(27);
    r = run1(host, 'ip addr add 10.0.0.1/8 dev lo:0');
    expect([r.exitCode, r.output]).toEqual([1, 'Cannot find device "lo:0"\n']);
    r = run1(host, 'ip addr show dev eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'Device "eth9" does not exist.\n']);
  });

  it('deleting without a prefix length warns and deletes whatever the prefix', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 192.168.1.100/32 dev lo');
    const r = run1(host, 'ip addr del 192.168.1.100 dev lo');
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(
      lines(
        'Warning: Executing wildcard deletion to stay compatible with old scripts.',
        '         Explicitly specify the prefix length (192.168.1.100/32) to avoid this warning.',
        '         This special behaviour is likely to disappear in further releases,',
        '         fix your scripts!',
      ),
    );
    expect(host.isLocalAddress(ip('192.168.1.100'))).toBe(false);
  });

  it('deleting a primary deletes its secondaries (promote_secondaries=0)', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 192.168.1.12/24 dev eth0');
    out(host, 'ip addr del 192.168.1.11/24 dev eth0');
    expect(host.device('eth0')?.addrs).toEqual([]);
  });

  it('flush removes every address of the device and its connected route', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 10.0.0.1/8 dev eth0');
    expect(out(host, 'ip addr flush dev eth0')).toBe('');
    expect(host.device('eth0')?.addrs).toEqual([]);
    expect(out(host, 'ip route')).toBe('');
  });
});

describe('ip link', () => {
  it('shows every device with mode DEFAULT', () => {
    const { host } = rsLab();
    expect(out(host, 'ip link')).toBe(
      lines(
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000',
        '    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff',
      ),
    );
  });

  it('set down, mtu and address', () => {
    const { host } = rsLab();
    expect(out(host, 'ip link set dev eth0 down mtu 9000 address 02:aa:bb:cc:dd:ee')).toBe('');
    expect(out(host, 'ip link show eth0')).toBe(
      lines(
        '2: eth0: <BROADCAST,MULTICAST> mtu 9000 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000',
        '    link/ether 02:aa:bb:cc:dd:ee brd ff:ff:ff:ff:ff:ff',
      ),
    );
    out(host, 'ip link set eth0 up');
    expect(host.device('eth0')?.up).toBe(true);
  });

  it('an interface without a segment has no carrier', () => {
    const { host } = rsLab();
    host.addInterface({ name: 'eth1' });
    expect(out(host, 'ip link show eth1').split('\n')[0]).toBe(
      '3: eth1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000',
    );
    expect(out(host, 'ifconfig eth1').split('\n')[0]).toBe('eth1: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500');
  });

  it('errors', () => {
    const { host } = rsLab();
    let r = run1(host, 'ip link set eth9 up');
    expect([r.exitCode, r.output]).toEqual([1, 'Cannot find device "eth9"\n']);
    r = run1(host, 'ip link show eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'Device "eth9" does not exist.\n']);
    r = run1(host, 'ip link set lo address 02:00:00:00:00:01');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: Operation not supported\n']);
    r = run1(host, 'ip link set eth0 mtu 65536');
    expect([r.exitCode, r.output]).toEqual([2, 'Error: mtu greater than device maximum.\n']);
    r = run1(host, 'ip link set eth0 arp off');
    expect(r.error?.kind).toBe('notModelled');
    expect(run1(host, 'ip link set eth0 arp on').exitCode).toBe(0);
  });

  it('modprobe ipip creates tunl0, down; it comes up as a NOARP device', () => {
    const { host } = rsLab();
    expect(out(host, 'modprobe ipip')).toBe('');
    expect(out(host, 'ip link show tunl0')).toBe(
      lines('3: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN mode DEFAULT group default qlen 1000', '    link/ipip 0.0.0.0 brd 0.0.0.0'),
    );
    out(host, 'ifconfig tunl0 192.168.1.100 netmask 255.255.255.255 up');
    expect(out(host, 'ip addr show tunl0')).toBe(
      lines(
        '3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/ipip 0.0.0.0 brd 0.0.0.0',
        '    inet 192.168.1.100/32 scope global tunl0',
        '       valid_lft forever preferred_lft forever',
      ),
    );
    expect(out(host, 'ifconfig tunl0')).toBe(
      lines(
        'tunl0: flags=193<UP,RUNNING,NOARP>  mtu 1480',
        '        inet 192.168.1.100  netmask 255.255.255.255',
        '        tunnel   txqueuelen 1000  (IPIP Tunnel)',
        '        RX packets 0  bytes 0 (0.0 B)',
        '        RX errors 0  dropped 0  overruns 0  frame 0',
        '        TX packets 0  bytes 0 (0.0 B)',
        '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
        '',
      ),
    );
    // Loading it again changes nothing; unloading is not modelled.
    expect(out(host, 'modprobe ipip')).toBe('');
    expect(host.devices.map((d) => d.name)).toEqual(['lo', 'eth0', 'tunl0']);
    expect(run1(host, 'modprobe -r ipip').error?.kind).toBe('notModelled');
    expect(out(host, 'modprobe ip_vs_wrr')).toBe('');
  });
});
