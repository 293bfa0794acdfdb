/** net-tools ifconfig: output format of 2.10 and the SIOCSIF* semantics of devinet_ioctl. */
import { describe, expect, it } from 'vitest';
import { ip, lines, out, rsLab, run1 } from './helpers.js';

const ETH0 = lines(
  'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500',
  '        inet 192.168.1.11  netmask 255.255.255.0  broadcast 192.168.1.255',
  '        ether 02:00:00:00:01:01  txqueuelen 1000  (Ethernet)',
  '        RX packets 0  bytes 0 (0.0 B)',
  '        RX errors 0  dropped 0  overruns 0  frame 0',
  '        TX packets 0  bytes 0 (0.0 B)',
  '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
  '',
);
const LO = lines(
  'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
  '        inet 127.0.0.1  netmask 255.0.0.0',
  '        loop  txqueuelen 1000  (Local Loopback)',
  '        RX packets 0  bytes 0 (0.0 B)',
  '        RX errors 0  dropped 0  overruns 0  frame 0',
  '        TX packets 0  bytes 0 (0.0 B)',
  '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
  '',
);

describe('ifconfig display', () => {
  it('prints one device in the net-tools 2.10 layout', () => {
    const { host } = rsLab();
    expect(out(host, 'ifconfig eth0')).toBe(ETH0);
  });

  it('lists interfaces sorted by name, each alias after its device', () => {
    const { host } = rsLab();
    out(host, 'ifconfig lo:0 192.168.1.100 netmask 255.255.255.255 up');
    const alias = lines('lo:0: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536', '        inet 192.168.1.100  netmask 255.255.255.255', '        loop  txqueuelen 1000  (Local Loopback)', '');
    expect(out(host, 'ifconfig')).toBe(ETH0 + LO + alias);
  });

  it('leaves down interfaces out unless -a', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0 down');
    expect(out(host, 'ifconfig')).toBe(LO);
    expect(out(host, 'ifconfig -a')).toBe(
      lines(
        'eth0: flags=4098<BROADCAST,MULTICAST>  mtu 1500',
        '        inet 192.168.1.11  netmask 255.255.255.0  broadcast 192.168.1.255',
        '        ether 02:00:00:00:01:01  txqueuelen 1000  (Ethernet)',
        '        RX packets 0  bytes 0 (0.0 B)',
        '        RX errors 0  dropped 0  overruns 0  frame 0',
        '        TX packets 0  bytes 0 (0.0 B)',
        '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
        '',
      ) + LO,
    );
  });

  it('does not show a second address that has the device name as label (only the first one per label)', () => {
    const { host } = rsLab();
    out(host, 'ip addr add 192.168.1.12/24 dev eth0');
    expect(out(host, 'ifconfig eth0')).toBe(ETH0);
  });

  it('shows broadcast 0.0.0.0 on a broadcast device whose address has none', () => {
    const { host } = rsLab();
    out(host, 'ip addr flush dev eth0');
    out(host, 'ip addr add 10.1.1.1/16 dev eth0');
    expect(out(host, 'ifconfig eth0').split('\n')[1]).toBe('        inet 10.1.1.1  netmask 255.255.0.0  broadcast 0.0.0.0');
  });

  it('reports an unknown interface', () => {
    const { host } = rsLab();
    const r = run1(host, 'ifconfig eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'eth9: error fetching interface information: Device not found\n']);
    expect(r.error?.offset).toBe(9);
  });
});

describe('ifconfig configuration', () => {
  it('eth0:1 with netmask /32 keeps the classful broadcast SIOCSIFADDR set (SIOCSIFNETMASK only follows below /31)', () => {
    const { host } = rsLab();
    expect(out(host, 'ifconfig eth0:1 192.168.1.100 netmask 255.255.255.255 up')).toBe('');
    expect(out(host, 'ip addr show eth0').split('\n').slice(4, 6)).toEqual([
      '    inet 192.168.1.100/32 brd 192.168.1.255 scope global eth0:1',
      '       valid_lft forever preferred_lft forever',
    ]);
    expect(out(host, 'ifconfig eth0:1')).toBe(
      lines(
        'eth0:1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500',
        '        inet 192.168.1.100  netmask 255.255.255.255  broadcast 192.168.1.255',
        '        ether 02:00:00:00:01:01  txqueuelen 1000  (Ethernet)',
        '',
      ),
    );
  });

  it('an explicit broadcast replaces it', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0:1 192.168.1.100 netmask 255.255.255.255 broadcast 192.168.1.100 up');
    expect(host.device('eth0')?.addrs.find((a) => a.label === 'eth0:1')?.broadcast).toBe(ip('192.168.1.100'));
  });

  it('the netmask recomputes the broadcast when it was the old mask\'s', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0:1 10.1.2.3 netmask 255.255.255.0');
    expect(host.device('eth0')?.addrs.find((a) => a.label === 'eth0:1')).toMatchObject({ prefixLen: 24, broadcast: ip('10.1.2.255') });
  });

  it('ADDR/LEN sets the mask after the address', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0:2 10.1.2.3/16');
    expect(host.device('eth0')?.addrs.find((a) => a.label === 'eth0:2')).toMatchObject({ prefixLen: 16, broadcast: ip('10.1.255.255'), scope: 'global' });
  });

  it('a new address replaces the one carrying the label', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0 192.168.2.11 netmask 255.255.255.0');
    expect(host.device('eth0')?.addrs.map((a) => [a.label, a.local])).toEqual([['eth0', ip('192.168.2.11')]]);
    expect(out(host, 'ip route')).toBe('192.168.2.0/24 dev eth0 proto kernel scope link src 192.168.2.11 \n');
  });

  it('127/8 addresses get scope host', () => {
    const { host } = rsLab();
    out(host, 'ifconfig lo:1 127.0.0.2 netmask 255.255.255.255');
    expect(host.device('lo')?.addrs.find((a) => a.label === 'lo:1')?.scope).toBe('host');
  });

  it('setting an address brings a down device up', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0 down');
    expect(host.device('eth0')?.up).toBe(false);
    out(host, 'ifconfig eth0 192.168.1.11');
    expect(host.device('eth0')?.up).toBe(true);
    expect(out(host, 'ip route')).toBe('192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n');
  });

  it('down takes the link down and drops its routes; up brings the connected route back', () => {
    const { host } = rsLab();
    out(host, 'ip route add default via 192.168.1.1');
    out(host, 'ifconfig eth0 down');
    expect(host.device('eth0')?.up).toBe(false);
    expect(out(host, 'ip route')).toBe('');
    out(host, 'ifconfig eth0 up');
    expect(out(host, 'ip route')).toBe('192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n');
  });

  it('mtu changes the device', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0 mtu 9000');
    expect(host.device('eth0')?.mtu).toBe(9000);
  });

  it('fails as devinet_ioctl does', () => {
    const { host } = rsLab();
    let r = run1(host, 'ifconfig eth9 10.0.0.1');
    expect([r.exitCode, r.output]).toEqual([1, 'SIOCSIFADDR: No such device\neth9: ERROR while getting interface flags: No such device\n']);
    r = run1(host, 'ifconfig lo:5 up');
    expect([r.exitCode, r.output]).toEqual([1, 'SIOCSIFFLAGS: Cannot assign requested address\n']);
    expect(r.error?.offset).toBe(14);
    r = run1(host, 'ifconfig lo:5 netmask 255.255.255.255');
    expect([r.exitCode, r.output]).toEqual([1, 'SIOCSIFNETMASK: Cannot assign requested address\n']);
    r = run1(host, 'ifconfig lo hw ether 02:00:00:00:00:99');
    expect([r.exitCode, r.output]).toEqual([1, 'SIOCSIFHWADDR: Operation not supported\n']);
    // The address exists (label eth0); SIOCSIFADDR fails, then set_flag on the alias finds no address.
    r = run1(host, 'ifconfig eth0:1 192.168.1.11');
    expect([r.exitCode, r.output]).toEqual([1, 'SIOCSIFADDR: File exists\nSIOCSIFFLAGS: Cannot assign requested address\n']);
  });

  it('reports -arp as not modelled', () => {
    const { host } = rsLab();
    const r = run1(host, 'ifconfig eth0 -arp');
    expect(r.exitCode).toBe(1);
    expect(r.error?.kind).toBe('notModelled');
    expect(r.error?.offset).toBe(14);
  });
});
