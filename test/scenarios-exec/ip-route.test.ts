/** iproute2 `ip route` and net-tools `route`: outputs, errors and the routes they leave. */
import { describe, expect, it } from 'vitest';
import { ip, lines, out, rsLab, run1 } from './helpers.js';

const CONNECTED = '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n';

describe('ip route', () => {
  it('add, show, replace, del', () => {
    const { host } = rsLab();
    expect(out(host, 'ip route show')).toBe(CONNECTED);
    expect(out(host, 'ip route add default via 192.168.1.1')).toBe('');
    expect(out(host, 'ip route add 10.0.0.0/8 via 192.168.1.254 metric 100')).toBe('');
    expect(out(host, 'ip route')).toBe(lines('default via 192.168.1.1 dev eth0 ', '10.0.0.0/8 via 192.168.1.254 dev eth0 metric 100 ') + CONNECTED);
    expect(out(host, 'ip route replace default via 192.168.1.254')).toBe('');
    expect(out(host, 'ip route replace 172.16.0.0/12 dev eth0')).toBe('');
    expect(out(host, 'ip route change 172.16.0.0/12 via 192.168.1.1')).toBe('');
    expect(out(host, 'ip route del 10.0.0.0/8')).toBe('');
    expect(out(host, 'ip route')).toBe(lines('default via 192.168.1.254 dev eth0 ', '172.16.0.0/12 via 192.168.1.1 dev eth0 ') + CONNECTED);
  });

  it('show dev D leaves the dev field out; table all names the local table', () => {
    const { host } = rsLab();
    out(host, 'ip route add default via 192.168.1.1');
    expect(out(host, 'ip route show dev eth0')).toBe(lines('default via 192.168.1.1 ', '192.168.1.0/24 proto kernel scope link src 192.168.1.11 '));
    out(host, 'ip addr add 192.168.1.100/32 dev lo');
    const all = out(host, 'ip route show table all').split('\n');
    expect(all.slice(0, 2)).toEqual(['default via 192.168.1.1 dev eth0 ', '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 ']);
    expect(all).toContain('local 192.168.1.100 dev lo table local proto kernel scope host src 192.168.1.100 ');
    expect(out(host, 'ip route show table local').split('\n')).toContain('local 192.168.1.100 dev lo proto kernel scope host src 192.168.1.100 ');
  });

  it('errors as Linux 6.1 reports them', () => {
    const { host } = rsLab();
    out(host, 'ip route add default via 192.168.1.1');
    let r = run1(host, 'ip route add default via 192.168.1.1');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: File exists\n']);
    expect(r.error?.offset).toBe(13);
    r = run1(host, 'ip route add 10.0.0.0/8 via 172.16.0.1');
    expect([r.exitCode, r.output]).toEqual([2, 'Error: Nexthop has invalid gateway.\n']);
    expect(r.error?.offset).toBe(28);
    r = run1(host, 'ip route del 10.9.0.0/16');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: No such process\n']);
    r = run1(host, 'ip route change 10.1.0.0/16 via 192.168.1.1');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: No such file or directory\n']);
    r = run1(host, 'ip route add 10.0.0.0/8 dev eth9');
    expect([r.exitCode, r.output]).toEqual([1, 'Cannot find device "eth9"\n']);
    r = run1(host, 'ip route add 10.0.0.0/8');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: No such device\n']);
    out(host, 'ip link set eth0 down');
    r = run1(host, 'ip route add 10.0.0.0/8 dev eth0');
    expect([r.exitCode, r.output]).toEqual([2, 'Error: Device for nexthop is not up.\n']);
  });

  it('a failed replace leaves the old route', () => {
    const { host } = rsLab();
    out(host, 'ip route add default via 192.168.1.1');
    const r = run1(host, 'ip route replace default via 172.16.0.1');
    expect(r.exitCode).toBe(2);
    expect(out(host, 'ip route').split('\n')[0]).toBe('default via 192.168.1.1 dev eth0 ');
  });

  it('get prints the output route with uid and cache flags', () => {
    const { host } = rsLab();
    expect(out(host, 'ip route get 192.168.1.12')).toBe('192.168.1.12 dev eth0 src 192.168.1.11 uid 0 \n    cache \n');
    expect(out(host, 'ip route get 192.168.1.11')).toBe('local 192.168.1.11 dev lo src 192.168.1.11 uid 0 \n    cache <local> \n');
    expect(out(host, 'ip route get 192.168.1.255')).toBe('broadcast 192.168.1.255 dev eth0 src 192.168.1.11 uid 0 \n    cache <local,brd> \n');
    let r = run1(host, 'ip route get 8.8.8.8');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: Network is unreachable\n']);
    out(host, 'ip route add default via 192.168.1.1');
    expect(out(host, 'ip route get 8.8.8.8')).toBe('8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.11 uid 0 \n    cache \n');
    expect(out(host, 'ip route get 8.8.8.8 from 192.168.1.11')).toBe('8.8.8.8 from 192.168.1.11 via 192.168.1.1 dev eth0 uid 0 \n    cache \n');
    r = run1(host, 'ip route get 8.8.8.8 from 10.9.9.9');
    expect([r.exitCode, r.output]).toEqual([2, 'RTNETLINK answers: Network is unreachable\n']);
    out(host, 'ip route add unreachable 10.0.0.0/8');
    out(host, 'ip route add blackhole 10.1.0.0/16');
    expect(run1(host, 'ip route get 10.2.0.1').output).toBe('RTNETLINK answers: No route to host\n');
    expect(run1(host, 'ip route get 10.1.0.1').output).toBe('RTNETLINK answers: Invalid argument\n');
    expect(run1(host, 'ip route get 10.1.0.1 iif eth0').error?.kind).toBe('notModelled');
  });
});

describe('net-tools route', () => {
  const HEADER = lines('Kernel IP routing table', 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface');

  it('route -n prints the main table; route names 0.0.0.0 default', () => {
    const { host } = rsLab();
    out(host, 'ip route add default via 192.168.1.1');
    expect(out(host, 'route -n')).toBe(
      HEADER +
        lines(
          '0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 eth0',
          '192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0',
        ),
    );
    expect(out(host, 'route').split('\n')[2]).toBe('default         192.168.1.1     0.0.0.0         UG    0      0        0 eth0');
  });

  it('route add -host VIP dev lo is a /32 route of scope link on lo', () => {
    const { host } = rsLab();
    expect(out(host, 'route add -host 192.168.1.100 dev lo')).toBe('');
    // Listed in key order, as the kernel walks its trie.
    expect(out(host, 'ip route')).toBe(CONNECTED + '192.168.1.100 dev lo scope link \n');
    expect(out(host, 'route -n').split('\n')[3]).toBe('192.168.1.100   0.0.0.0         255.255.255.255 UH    0      0        0 lo');
    expect(host.fib.main.find((r) => r.dst === ip('192.168.1.100'))).toMatchObject({ prefixLen: 32, scope: 'link', dev: 'lo', proto: 'boot' });
  });

  it('an alias device sets the preferred source; a gateway makes the route universe-scoped', () => {
    const { host } = rsLab();
    out(host, 'ifconfig eth0:1 192.168.1.100 netmask 255.255.255.255');
    out(host, 'route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.1 dev eth0:1 metric 5');
    expect(out(host, 'ip route').split('\n')[0]).toBe('10.0.0.0/8 via 192.168.1.1 dev eth0 src 192.168.1.100 metric 5 ');
    out(host, 'route add -host 10.9.9.9 reject');
    expect(out(host, 'route -n').split('\n')).toContain('10.9.9.9        -               255.255.255.255 !H    0      -        0 -');
  });

  it('fails with perror lines and exit status 7', () => {
    const { host } = rsLab();
    let r = run1(host, 'route del -host 1.2.3.4');
    expect([r.exitCode, r.output]).toEqual([7, 'SIOCDELRT: No such process\n']);
    r = run1(host, 'route add -net 10.0.0.0 netmask 255.0.0.0 gw 172.16.0.1');
    expect([r.exitCode, r.output]).toEqual([7, 'SIOCADDRT: Network is unreachable\n']);
    r = run1(host, 'route add -host 10.1.1.1 dev eth9');
    expect([r.exitCode, r.output]).toEqual([7, 'SIOCADDRT: No such device\n']);
    out(host, 'route add default gw 192.168.1.1');
    r = run1(host, 'route add default gw 192.168.1.1');
    expect([r.exitCode, r.output]).toEqual([7, 'SIOCADDRT: File exists\n']);
    expect(out(host, 'route del default')).toBe('');
  });
});
