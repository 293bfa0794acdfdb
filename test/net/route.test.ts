import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr } from './helpers.js';
import { formatIpRoute } from '../../src/net/route.js';
import { render } from '../../src/i18n/index.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import type { Host } from '../../src/net/host.js';

function router(): Host {
  const { lab } = newLab();
  segment(lab, 'a');
  segment(lab, 'b');
  const h = hostOn(lab, 'h', 'a', '192.168.1.11/24');
  must(h.addInterface({ name: 'eth1', segment: 'b' }));
  addCidr(h, 'eth1', '10.1.2.5/24');
  return h;
}

describe('routing table', () => {
  it('prefers the longest prefix, then the lowest metric', () => {
    const h = router();
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1'), metric: 100 }));
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.2'), metric: 50 }));
    must(h.addRoute({ dst: ip('10.0.0.0'), prefixLen: 8, via: ip('192.168.1.3') }));
    must(h.addRoute({ dst: ip('10.1.0.0'), prefixLen: 16, via: ip('10.1.2.1') }));
    must(h.addRoute({ dst: ip('172.16.0.0'), prefixLen: 12, type: 'unreachable' }));
    const cases: [string, string, string, string][] = [
      // dst, expected dev, expected next hop, expected source
      ['8.8.8.8', 'eth0', '192.168.1.2', '192.168.1.11'],
      ['10.200.0.1', 'eth0', '192.168.1.3', '192.168.1.11'],
      ['10.1.99.1', 'eth1', '10.1.2.1', '10.1.2.5'],
      ['10.1.2.77', 'eth1', '10.1.2.77', '10.1.2.5'],
      ['192.168.1.200', 'eth0', '192.168.1.200', '192.168.1.11'],
    ];
    for (const [dst, dev, nh, src] of cases) {
      const r = h.routeOutput(ip(dst));
      expect([dst, r.type, r.dev, formatIp4(r.nextHop), formatIp4(r.src)]).toEqual([dst, 'unicast', dev, nh, src]);
    }
    expect(h.routeOutput(ip('172.20.0.1')).type).toBe('unreachable');
    const local = h.routeOutput(ip('10.1.2.5'));
    expect([local.type, local.dev, formatIp4(local.src)]).toEqual(['local', 'lo', '10.1.2.5']);
  });

  it('prints ip route show exactly as iproute2 does', () => {
    const h = router();
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
    must(h.addRoute({ dst: ip('10.9.0.0'), prefixLen: 16, via: ip('10.1.2.1'), metric: 20, proto: 'static' }));
    must(h.addRoute({ dst: ip('203.0.113.7'), prefixLen: 32, dev: 'eth0', src: ip('192.168.1.11') }));
    expect(formatIpRoute(h)).toBe(
      'default via 192.168.1.1 dev eth0 \n' +
        '10.1.2.0/24 dev eth1 proto kernel scope link src 10.1.2.5 \n' +
        '10.9.0.0/16 via 10.1.2.1 dev eth1 proto static metric 20 \n' +
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n' +
        '203.0.113.7 dev eth0 scope link src 192.168.1.11 \n',
    );
    expect(formatIpRoute(h, 'local')).toBe(
      'local 10.1.2.5 dev eth1 proto kernel scope host src 10.1.2.5 \n' +
        'broadcast 10.1.2.255 dev eth1 proto kernel scope link src 10.1.2.5 \n' +
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 \n' +
        'local 192.168.1.11 dev eth0 proto kernel scope host src 192.168.1.11 \n' +
        'broadcast 192.168.1.255 dev eth0 proto kernel scope link src 192.168.1.11 \n',
    );
  });

  it('refuses a gateway that is not on-link, a duplicate, a down device and a foreign prefsrc, like iproute2', () => {
    const h = router();
    const e1 = h.addRoute({ dst: 0, prefixLen: 0, via: ip('172.16.0.1') });
    expect('code' in e1 && render(e1.msg)).toBe('Error: Nexthop has invalid gateway.');
    must(h.addRoute({ dst: ip('10.9.0.0'), prefixLen: 16, via: ip('10.1.2.1') }));
    // A gateway reached only through another gateway route is not on-link either.
    const e2 = h.addRoute({ dst: ip('10.8.0.0'), prefixLen: 16, via: ip('10.9.0.1') });
    expect('code' in e2 && e2.code).toBe('invalidGateway');
    // The gateway must be on-link through the given device.
    expect('code' in h.addRoute({ dst: ip('10.7.0.0'), prefixLen: 16, via: ip('10.1.2.1'), dev: 'eth0' }) && 'ok').toBe('ok');
    const dup = h.addRoute({ dst: ip('10.9.0.0'), prefixLen: 16, via: ip('10.1.2.1') });
    expect('code' in dup && render(dup.msg)).toBe('RTNETLINK answers: File exists');
    must(h.setLinkUp('eth1', false));
    const down = h.addRoute({ dst: ip('10.6.0.0'), prefixLen: 16, dev: 'eth1' });
    expect('code' in down && render(down.msg)).toBe('Error: Device for nexthop is not up.');
    const onlink = h.addRoute({ dst: ip('10.6.0.0'), prefixLen: 16, via: ip('10.6.0.1'), dev: 'eth1', onlink: true });
    expect('code' in onlink && render(onlink.msg)).toBe('Error: Nexthop device is not up.');
    const src = h.addRoute({ dst: ip('10.5.0.0'), prefixLen: 16, dev: 'eth0', src: ip('1.2.3.4') });
    expect('code' in src && render(src.msg)).toBe('Error: Invalid prefsrc address.');
    const del = h.delRoute({ dst: ip('10.4.0.0'), prefixLen: 16 });
    expect('code' in del && render(del.msg)).toBe('RTNETLINK answers: No such process');
  });

  it('forgets static routes through a device that goes down, and restores only kernel routes on up', () => {
    const h = router();
    must(h.addRoute({ dst: ip('10.9.0.0'), prefixLen: 16, via: ip('10.1.2.1') }));
    must(h.setLinkUp('eth1', false));
    expect(formatIpRoute(h)).toBe('192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n');
    // Scope-host routes survive NETDEV_DOWN: the address of a down device is still ours.
    expect(h.isLocalAddress(ip('10.1.2.5'))).toBe(true);
    expect(formatIpRoute(h, 'local')).not.toContain('10.1.2.255');
    expect(formatIpRoute(h, 'local')).toContain('local 10.1.2.5 dev eth1 proto kernel scope host src 10.1.2.5 \n');
    // An address added while the device is down gets only its local route.
    addCidr(h, 'eth1', '10.3.0.1/16');
    expect(formatIpRoute(h)).not.toContain('10.3.0.0/16');
    expect(h.isLocalAddress(ip('10.3.0.1'))).toBe(true);
    must(h.setLinkUp('eth1', true));
    must(h.delAddress('eth1', ip('10.3.0.1'), 16));
    expect(formatIpRoute(h)).toBe(
      '10.1.2.0/24 dev eth1 proto kernel scope link src 10.1.2.5 \n192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11 \n',
    );
  });
});

describe('source address selection (inet_select_addr, reference §1.3)', () => {
  it('takes the first primary address whose subnet holds the next hop, else the first primary', () => {
    const h = router();
    addCidr(h, 'eth0', '192.168.1.12/24'); // secondary
    addCidr(h, 'eth0', '172.16.0.9/16');
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('172.16.0.1') }));
    must(h.addRoute({ dst: ip('10.50.0.0'), prefixLen: 16, dev: 'eth0' }));
    expect(formatIp4(h.routeOutput(ip('8.8.8.8')).src)).toBe('172.16.0.9');
    // A device route without gateway: the first primary of scope ≤ link.
    expect(formatIp4(h.routeOutput(ip('10.50.1.1')).src)).toBe('192.168.1.11');
    const eth0 = h.device('eth0')!;
    expect(eth0.addrs.map((a) => `${formatIp4(a.local)}${a.secondary ? ' secondary' : ''}`)).toEqual([
      '192.168.1.11',
      '172.16.0.9',
      '192.168.1.12 secondary',
    ]);
  });

  it('scans all devices, lo first, when the output device has no address: a global VIP on lo can be picked', () => {
    const { lab } = newLab();
    segment(lab, 'a');
    const h = must(lab.addHost('rs'));
    must(h.addInterface({ name: 'eth0', segment: 'a' }));
    addCidr(h, 'lo', '192.168.1.100/32', { label: 'lo:0' });
    must(h.addRoute({ dst: ip('10.0.0.0'), prefixLen: 8, dev: 'eth0' }));
    expect(formatIp4(h.routeOutput(ip('10.0.0.1')).src)).toBe('192.168.1.100');
  });

  it('puts a whole /24 on lo as local when the VIP is added with a /24 mask (the classic DR mistake)', () => {
    const { lab } = newLab();
    segment(lab, 'a');
    const h = hostOn(lab, 'rs', 'a', '192.168.1.11/24');
    addCidr(h, 'lo', '192.168.1.100/24', { label: 'lo:0' });
    expect(h.isLocalAddress(ip('192.168.1.100'))).toBe(true);
    expect(h.isLocalAddress(ip('192.168.1.1'))).toBe(true);
    expect(h.routeOutput(ip('192.168.1.1')).type).toBe('local');
    expect(formatIpRoute(h, 'local')).toContain('local 192.168.1.0/24 dev lo proto kernel scope host src 192.168.1.100 \n');
  });

  it('deletes the secondaries with their primary (promote_secondaries = 0)', () => {
    const h = router();
    addCidr(h, 'eth0', '192.168.1.12/24');
    const gone = must(h.delAddress('eth0', ip('192.168.1.11'), 24));
    expect(gone.map((a) => formatIp4(a.local))).toEqual(['192.168.1.11', '192.168.1.12']);
    expect(h.isLocalAddress(ip('192.168.1.12'))).toBe(false);
    expect(formatIpRoute(h)).not.toContain('192.168.1.0/24');
  });

  it('gives 127/8 scope host and other addresses scope global (iproute2 default_scope)', () => {
    const h = router();
    addCidr(h, 'lo', '127.0.0.2/8');
    addCidr(h, 'lo', '192.168.1.100/32');
    const lo = h.device('lo')!;
    expect(lo.addrs.map((a) => [formatIp4(a.local), a.scope, a.secondary])).toEqual([
      ['127.0.0.1', 'host', false],
      ['192.168.1.100', 'global', false],
      ['127.0.0.2', 'host', true],
    ]);
  });
});
