import { describe, expect, it } from 'vitest';
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { summarize } from '../../src/trace/summary.js';
import { eventLineOptions, fitWidth, formatEventLine, formatSeconds, formatVirtualTime } from '../../src/ui/text.js';
import { drEvents, drTrace, FRAME_FROM_CLIENT } from './fixture.js';

const ip = (s: string): number => parseIp4(s) ?? 0;

describe('time formats', () => {
  it('prints the time column in seconds with microseconds', () => {
    expect(formatSeconds(0)).toBe('0.000000');
    expect(formatSeconds(1_000_050_000)).toBe('1.000050');
    expect(formatSeconds(12_345_678_999)).toBe('12.345678');
  });

  it('prints the header time in s from one second, in ms below', () => {
    expect(formatVirtualTime(1_234_567_000)).toBe('1.234567 s');
    expect(formatVirtualTime(12_345_000)).toBe('12.345 ms');
    expect(formatVirtualTime(999_999_999)).toBe('999.999 ms');
    expect(formatVirtualTime(0)).toBe('0.000 ms');
  });
});

describe('formatEventLine', () => {
  const [tx, , hook, sched, xmit] = drEvents() as [TraceEvent, TraceEvent, TraceEvent, TraceEvent, TraceEvent];

  it('lays a frame out as time, host, interface, kind, segment and the tcpdump summary', () => {
    expect(formatEventLine(tx, { hostWidth: 8 })).toBe(`  1.000000 client   eth0        tx    lan ${summarize(FRAME_FROM_CLIENT)}`);
  });

  it('aligns hosts and segments to the trace', () => {
    const opts = eventLineOptions(drTrace().meta);
    expect(opts).toMatchObject({ hostWidth: 8, segmentWidth: 3 });
    const lines = drEvents().map((e) => formatEventLine(e, opts));
    // the kind column starts at the same place on every line
    const at = new Set(lines.map((l) => l.indexOf(' ', 10 + 1 + 8 + 1 + 11)));
    expect(at.size).toBe(1);
  });

  it('names the hook, verdict and module', () => {
    expect(formatEventLine(hook)).toMatch(/^ {2}1\.000050 director LOCAL_IN {4}hook  STOLEN by ipvs: /);
  });

  it('prints IPVS decisions with ipvsadm names', () => {
    expect(formatEventLine(sched)).toContain('ipvs        sched rr TCP 192.168.1.100:80 -> 192.168.1.11:80');
    expect(formatEventLine(xmit)).toContain('ipvs        xmit  Route: ');
  });

  it('prints neighbour changes as ip neigh does', () => {
    const base = { t: 2_000_000_000, host: 'director', msg: { id: 'x' }, iface: 'eth0', ip: ip('192.168.1.11') } as const;
    expect(formatEventLine({ ...base, kind: 'neigh', mac: parseMac('02:00:00:00:00:0b') ?? 0, state: 'REACHABLE' })).toBe(
      '  2.000000 director arp         neigh 192.168.1.11 dev eth0 lladdr 02:00:00:00:00:0b REACHABLE',
    );
    expect(formatEventLine({ ...base, kind: 'neigh', state: 'INCOMPLETE' })).toContain('neigh 192.168.1.11 dev eth0 INCOMPLETE');
    expect(formatEventLine({ ...base, kind: 'neigh', state: 'NONE' })).toContain('neigh Deleted 192.168.1.11 dev eth0');
  });

  it('prints routing decisions as ip route get does', () => {
    const base = { t: 0, host: 'rs1', msg: { id: 'x' }, pkt: 1, flow: 1 } as const;
    expect(
      formatEventLine({ ...base, kind: 'route', dst: ip('203.0.113.10'), type: 'unicast', dev: 'eth0', nextHop: ip('192.168.1.1'), src: ip('192.168.1.100') }),
    ).toContain('eth0        route 203.0.113.10 via 192.168.1.1 dev eth0 src 192.168.1.100');
    expect(formatEventLine({ ...base, kind: 'route', dst: ip('192.168.1.100'), type: 'local', dev: 'lo' })).toContain(
      'route local 192.168.1.100 dev lo',
    );
  });

  it('prints device, address and route changes as ip monitor does', () => {
    const base = { t: 0, host: 'rs1', msg: { id: 'x' } } as const;
    const route = { table: 'local', type: 'local', dst: ip('192.168.1.100'), prefixLen: 32, dev: 'lo', src: ip('192.168.1.100'), metric: 0, scope: 'host', proto: 'kernel', onlink: false } as const;
    expect(formatEventLine({ ...base, kind: 'fib', op: 'add', route })).toBe(
      '  0.000000 rs1      lo          fib   add local 192.168.1.100 dev lo table local proto kernel scope host src 192.168.1.100',
    );
    const dflt = { ...route, table: 'main', type: 'unicast', dst: 0, prefixLen: 0, via: ip('192.168.1.1'), dev: 'eth0', scope: 'global', proto: 'boot' } as const;
    const { src: _src, ...noSrc } = dflt;
    expect(formatEventLine({ ...base, kind: 'fib', op: 'del', route: noSrc })).toContain('eth0        fib   del default via 192.168.1.1 dev eth0');
    const entry = { addr: ip('192.168.1.100'), prefixLen: 32, scope: 'global', label: 'lo:0', secondary: false, broadcast: 0 } as const;
    expect(formatEventLine({ ...base, kind: 'addr', op: 'add', iface: 'lo', entry })).toBe('  0.000000 rs1      lo          addr  add 192.168.1.100/32 scope global lo:0');
    const second = { ...entry, addr: ip('10.0.0.2'), prefixLen: 24, label: 'eth0', secondary: true, broadcast: ip('10.0.0.255') };
    expect(formatEventLine({ ...base, kind: 'addr', op: 'del', iface: 'eth0', entry: second })).toContain('addr  del 10.0.0.2/24 brd 10.0.0.255 scope global secondary eth0');
    const link = { ...base, kind: 'link', iface: 'eth0', up: false, link: 'ether', mtu: 1500, mac: 0x020000000401 } as const;
    expect(formatEventLine({ ...link, op: 'down' })).toBe('  0.000000 rs1      eth0        link  eth0 down');
    expect(formatEventLine({ ...link, op: 'mtu', up: true, mtu: 1400 })).toContain('link  eth0 mtu 1400');
    expect(formatEventLine({ ...link, op: 'address' })).toContain('link  eth0 address 02:00:00:00:04:01');
    expect(formatEventLine({ ...base, kind: 'link', op: 'new', iface: 'tunl0', up: false, link: 'ipip', mtu: 1480 })).toContain('tunl0       link  tunl0 new link/ipip mtu 1480 down');
  });

  it('renders a drop by its reason', () => {
    const e: TraceEvent = { kind: 'drop', t: 0, host: 'rs1', msg: { id: 'no.such.reason', params: { n: 1 } }, pkt: 1, flow: 1, packet: FRAME_FROM_CLIENT };
    expect(formatEventLine(e)).toContain('drop  no.such.reason n=1');
  });

  it('cuts to the width', () => {
    const line = formatEventLine(tx, { width: 40 });
    expect(line).toHaveLength(40);
    expect(line.endsWith('…')).toBe(true);
    expect(fitWidth('abc', 3)).toBe('abc');
    expect(fitWidth('abcd', 3)).toBe('ab…');
  });

  it('colours only the kind column, and only when asked', () => {
    const plain = formatEventLine(tx);
    const coloured = formatEventLine(tx, { color: true });
    expect(plain).not.toContain('\u001b');
    expect(coloured).toContain('\u001b[32mtx   \u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
