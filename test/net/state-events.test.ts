/**
 * The `link`, `addr` and `fib` events of a host, in the order rtnetlink would report them
 * (RTM_NEWADDR before the routes fib_add_ifaddr adds; the secondaries deleted with their primary
 * before it; a promoted secondary as RTM_NEWADDR of the same address; RTM_NEWLINK before the
 * flush of a device going down), and the fold of those events giving the host's live state.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/net/host.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { formatRouteText } from '../../src/net/wire/route-text.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { hostTopology } from '../../src/scenarios/topology.js';
import { NetStateFold } from '../trace/net-fold.js';
import { ip, must, newLab, type Recorder, segment } from './helpers.js';

/** An event as `ip monitor` would sum it up (plus the message id where it matters). */
function line(e: TraceEvent): string {
  switch (e.kind) {
    case 'link':
      return `link ${e.op} ${e.iface} ${e.up ? 'up' : 'down'} mtu ${e.mtu}`;
    case 'addr':
      return `addr ${e.op} ${formatIp4(e.entry.addr)}/${e.entry.prefixLen}${e.entry.secondary ? ' secondary' : ''} ${e.entry.label}`;
    case 'fib':
      return `fib ${e.op} ${formatRouteText(e.route, { showTable: true }).trimEnd()}`;
    default:
      return e.kind;
  }
}

const STATE_KINDS = new Set(['link', 'addr', 'fib']);

let h: Host;
let rec: Recorder;
let start: ReturnType<typeof hostTopology>;

/** The state events since the last call. */
function changes(): string[] {
  const out = rec.events.filter((e) => STATE_KINDS.has(e.kind)).map(line);
  return out;
}

beforeEach(() => {
  const l = newLab();
  rec = l.rec;
  segment(l.lab, 'lan');
  h = must(l.lab.addHost('h'));
  must(h.addInterface({ name: 'eth0', segment: 'lan' }));
  start = hostTopology(h);
  rec.clear();
});

/** The host's state folded from the starting topology and every event so far equals the live one. */
function expectFoldIsLive(): void {
  const fold = new NetStateFold([start]);
  for (const e of rec.events) fold.apply(e);
  expect(fold.snapshot()).toEqual([hostTopology(h)]);
}

describe('ip addr add', () => {
  it('a primary: RTM_NEWADDR, then the local, broadcast and prefix routes', () => {
    must(h.addAddress('eth0', ip('10.0.0.1'), 24, { broadcast: ip('10.0.0.255') }));
    expect(changes()).toEqual([
      'addr add 10.0.0.1/24 eth0',
      'fib add local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1',
      'fib add broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1',
      'fib add 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1',
    ]);
    expect(rec.events.map((e) => e.msg.id)).toEqual(['net.addr.add', 'net.fib.add.local', 'net.fib.add.broadcast', 'net.fib.add.prefix']);
    expectFoldIsLive();
  });

  it('a secondary: only its local route, with the primary as source', () => {
    must(h.addAddress('eth0', ip('10.0.0.1'), 24));
    rec.clear();
    must(h.addAddress('eth0', ip('10.0.0.2'), 24, { label: 'eth0:1' }));
    expect(changes()).toEqual(['addr add 10.0.0.2/24 secondary eth0:1', 'fib add local 10.0.0.2 dev eth0 table local proto kernel scope host src 10.0.0.1']);
    expect(rec.events[0]?.msg.id).toBe('net.addr.add.secondary');
  });

  it('on a down device: the local route only; the others come with the link', () => {
    must(h.setLinkUp('eth0', false) ?? h);
    rec.clear();
    must(h.addAddress('eth0', ip('10.0.0.1'), 24));
    expect(changes()).toEqual(['addr add 10.0.0.1/24 eth0', 'fib add local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1']);
    rec.clear();
    h.setLinkUp('eth0', true);
    expect(changes()).toEqual([
      'link up eth0 up mtu 1500',
      'fib add 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1',
      'fib add broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1',
    ]);
  });
});

describe('ip addr del of a primary with secondaries', () => {
  beforeEach(() => {
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) must(h.addAddress('eth0', ip(a), 24));
  });

  it('promote_secondaries 0: the secondaries go first, then the primary, then their routes', () => {
    const before = rec.events.length;
    must(h.delAddress('eth0', ip('10.0.0.1'), 24));
    const evs = rec.events.slice(before);
    expect(evs.filter((e) => e.kind === 'addr').map(line)).toEqual(['addr del 10.0.0.2/24 secondary eth0', 'addr del 10.0.0.3/24 secondary eth0', 'addr del 10.0.0.1/24 eth0']);
    expect(evs.filter((e) => e.kind === 'addr').map((e) => e.msg.id)).toEqual(['net.addr.del.withPrimary', 'net.addr.del.withPrimary', 'net.addr.del']);
    // Every route of the subnet leaves, none comes.
    expect(evs.filter((e) => e.kind === 'fib').map(line).sort()).toEqual(
      [
        'fib del local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1',
        'fib del local 10.0.0.2 dev eth0 table local proto kernel scope host src 10.0.0.1',
        'fib del local 10.0.0.3 dev eth0 table local proto kernel scope host src 10.0.0.1',
        'fib del broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1',
        'fib del 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1',
      ].sort(),
    );
    expect(h.device('eth0')?.addrs).toEqual([]);
    expectFoldIsLive();
  });

  it('promote_secondaries 1: the primary goes, the first secondary is announced again as primary, the routes move to its source', () => {
    must(h.sysctlSet('net.ipv4.conf.eth0.promote_secondaries', 1) ?? h);
    const before = rec.events.length;
    must(h.delAddress('eth0', ip('10.0.0.1'), 24));
    const evs = rec.events.slice(before);
    expect(evs.filter((e) => e.kind === 'addr').map(line)).toEqual(['addr del 10.0.0.1/24 eth0', 'addr add 10.0.0.2/24 eth0']);
    expect(evs.filter((e) => e.kind === 'addr').map((e) => e.msg.id)).toEqual(['net.addr.del', 'net.addr.promote']);
    // The kernel's list after __inet_del_ifa: .2 primary, .3 still its secondary.
    expect(h.device('eth0')?.addrs.map((a) => [formatIp4(a.local), a.secondary])).toEqual([
      ['10.0.0.2', false],
      ['10.0.0.3', true],
    ]);
    const fibs = evs.filter((e) => e.kind === 'fib').map(line);
    expect(fibs).toContain('fib del local 10.0.0.3 dev eth0 table local proto kernel scope host src 10.0.0.1');
    expect(fibs).toContain('fib add local 10.0.0.3 dev eth0 table local proto kernel scope host src 10.0.0.2');
    expect(fibs).toContain('fib add 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2');
    expect(fibs.some((f) => f.includes('local 10.0.0.1 '))).toBe(true);
    expectFoldIsLive();
  });

  it('deleting a secondary touches only it and its local route', () => {
    const before = rec.events.length;
    must(h.delAddress('eth0', ip('10.0.0.3'), 24));
    expect(rec.events.slice(before).map(line)).toEqual(['addr del 10.0.0.3/24 secondary eth0', 'fib del local 10.0.0.3 dev eth0 table local proto kernel scope host src 10.0.0.1']);
  });
});

describe('ip link', () => {
  beforeEach(() => {
    must(h.addAddress('eth0', ip('10.0.0.1'), 24, { broadcast: ip('10.0.0.255') }));
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('10.0.0.254') }));
    rec.clear();
  });

  it('down: RTM_NEWLINK, then every route through the device is flushed except the local one; up does not bring the static route back', () => {
    h.setLinkUp('eth0', false);
    expect(changes()).toEqual([
      'link down eth0 down mtu 1500',
      'fib del broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1',
      'fib del 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1',
      'fib del default via 10.0.0.254 dev eth0',
    ]);
    expect(rec.events.filter((e) => e.kind === 'fib').every((e) => e.msg.id === 'net.fib.del.devDown')).toBe(true);
    rec.clear();
    h.setLinkUp('eth0', true);
    expect(changes()).toEqual([
      'link up eth0 up mtu 1500',
      'fib add broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1',
      'fib add 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1',
    ]);
    expect(h.fib.main.some((r) => r.prefixLen === 0)).toBe(false);
  });

  it('an unchanged state is no event; mtu and address changes and a new device are', () => {
    h.setLinkUp('eth0', true);
    h.setMtu('eth0', 1500);
    expect(changes()).toEqual([]);
    h.setMtu('eth0', 1400);
    h.setMac('eth0', 0x02_aa_00_00_00_01);
    must(h.addInterface({ name: 'tunl0', up: false }));
    expect(changes()).toEqual(['link mtu eth0 up mtu 1400', 'link address eth0 up mtu 1400', 'link new tunl0 down mtu 1480']);
    const tun = rec.events.at(-1);
    expect(tun?.kind === 'link' ? [tun.link, tun.mac] : []).toEqual(['ipip', undefined]);
    const mac = rec.events.at(-2);
    expect(mac?.kind === 'link' ? mac.mac : 0).toBe(0x02_aa_00_00_00_01);
  });

  it('ip route add/del: one event each, with the route as ip monitor prints it', () => {
    must(h.addRoute({ dst: ip('192.168.9.0'), prefixLen: 24, via: ip('10.0.0.253'), metric: 10 }));
    must(h.delRoute({ dst: ip('192.168.9.0'), prefixLen: 24 }));
    expect(changes()).toEqual(['fib add 192.168.9.0/24 via 10.0.0.253 dev eth0 metric 10', 'fib del 192.168.9.0/24 via 10.0.0.253 dev eth0 metric 10']);
    expect(rec.events.map((e) => e.msg.id)).toEqual(['net.fib.add', 'net.fib.del']);
  });

  it('a whole sequence folds to the live state', () => {
    must(h.addAddress('eth0', ip('10.0.0.2'), 24));
    must(h.addAddress('eth0', ip('10.0.0.3'), 24, { label: 'eth0:3' }));
    must(h.sysctlSet('net.ipv4.conf.all.promote_secondaries', 1) ?? h);
    must(h.addRoute({ dst: ip('172.16.0.0'), prefixLen: 12, via: ip('10.0.0.254'), src: ip('10.0.0.1') }));
    must(h.delAddress('eth0', ip('10.0.0.1'), 24));
    h.setLinkUp('eth0', false);
    must(h.addAddress('lo', ip('192.168.1.100'), 32, { label: 'lo:0' }));
    h.setLinkUp('eth0', true);
    must(h.addInterface({ name: 'tunl0', up: false }));
    must(h.addAddress('tunl0', ip('192.168.1.101'), 32));
    h.setLinkUp('tunl0', true);
    h.setMtu('tunl0', 1400);
    expectFoldIsLive();
  });
});
