/** The state folds on hand-made traces: table rules, snapshots = a fold from zero, sharing. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trace } from '../../../src/trace/trace.js';
import type { IpvsConnSnapshot, IpvsDestSnapshot, IpvsServiceSnapshot, TraceEvent } from '../../../src/trace/events.js';
import type { Topology } from '../../../src/trace/topology.js';
import { COPY_RATIO, indexState, servicesInHashOrder, stateAt, type LabState } from '../../../src/trace/state/index.js';

const M = { id: 'test' };
const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
const VIP = ip(192, 168, 1, 100);

function svc(vport = 80, over: Partial<IpvsServiceSnapshot> = {}): IpvsServiceSnapshot {
  return { protocol: 'TCP', vaddr: VIP, vport, fwmark: 0, scheduler: 'rr', flags: [], timeout: 0, netmask: 0xffffffff, ...over };
}
function dest(last: number, over: Partial<IpvsDestSnapshot> = {}): IpvsDestSnapshot {
  return { daddr: ip(192, 168, 1, last), dport: 80, fwd: 'droute', weight: 1, activeConns: 0, inactConns: 0, persistConns: 0, uThreshold: 0, lThreshold: 0, ...over };
}
function conn(cport: number, over: Partial<IpvsConnSnapshot> = {}): IpvsConnSnapshot {
  return { protocol: 'TCP', caddr: ip(203, 0, 113, 10), cport, vaddr: VIP, vport: 80, daddr: ip(192, 168, 1, 11), dport: 80, fwd: 'droute', state: 'SYN_RECV', timeout: 60, expires: 60e9, template: false, ...over };
}

function trace(events: TraceEvent[], topology?: Topology): Trace {
  const t = new Trace({ scenario: 't', title: 't', seed: 1, hosts: ['director', 'rs1'], segments: ['lan'], ...(topology !== undefined ? { topology } : {}) });
  for (const e of events) t.emit(e);
  return t;
}

const at = (state: LabState, host = 'director') => {
  const h = state.hosts.get(host);
  if (h === undefined) throw new Error(host);
  return h;
};

describe('IPVS table fold', () => {
  it('a new real server goes to the head of the list, an edit keeps its place, del removes it', () => {
    const t = trace([
      { kind: 'ipvs.service', op: 'add', service: svc(), t: 0, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'add', service: svc(), dest: dest(11), t: 1, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'add', service: svc(), dest: dest(12), t: 2, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'edit', service: svc(), dest: dest(11, { weight: 5 }), t: 3, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'counters', service: svc(), dest: dest(12, { activeConns: 2 }), t: 4, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'del', service: svc(), dest: dest(12), t: 5, host: 'director', msg: M },
      { kind: 'ipvs.dest', op: 'counters', service: svc(), dest: dest(12, { activeConns: 1 }), t: 6, host: 'director', msg: M },
    ]);
    const idx = indexState(t, 2);
    const dests = (s: number) => servicesInHashOrder(at(stateAt(idx, s)))[0]?.dests.map((d) => [d.daddr & 255, d.weight, d.activeConns]);
    expect(dests(2)).toEqual([[12, 1, 0], [11, 1, 0]]);
    expect(dests(4)).toEqual([[12, 1, 2], [11, 5, 0]]);
    expect(dests(6)).toEqual([[11, 5, 0]]);
  });

  it('services list in hash-bucket order, newest first within a bucket, fwmark services last', () => {
    // (6 ^ vaddr ^ (vport >> 8) ^ vport) & 255 with vaddr ending in 100 (0x64): port 80 and port
    // 0x151 share bucket 0x32, port 98 (0x62) is in bucket 0.
    const services = [svc(98), svc(80), svc(0, { fwmark: 1, vaddr: 0 }), svc(0x151)];
    const t = trace(services.map((s, i): TraceEvent => ({ kind: 'ipvs.service', op: 'add', service: s, t: i, host: 'director', msg: M })));
    const order = servicesInHashOrder(at(stateAt(indexState(t), 3))).map((s) => s.service.vport + s.service.fwmark * 100000);
    expect(order).toEqual([98, 0x151, 80, 100000]);
  });
});

describe('connection table fold', () => {
  it('entries live from new to expire, in creation order; a state event updates in place', () => {
    const t = trace([
      { kind: 'ipvs.conn', op: 'new', conn: conn(1000), t: 0, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'new', conn: conn(1001), t: 1, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'state', conn: conn(1000, { state: 'ESTABLISHED' }), t: 2, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'expire', conn: conn(1001), t: 3, host: 'director', msg: M },
    ]);
    const idx = indexState(t);
    const list = (s: number) => [...at(stateAt(idx, s)).conns.values()].map((c) => `${c.cport} ${c.state}`);
    expect(list(2)).toEqual(['1000 ESTABLISHED', '1001 SYN_RECV']);
    expect(list(3)).toEqual(['1000 ESTABLISHED']);
  });

  it('a template invalidated by ip_vs_check_template (ports 0xffff) is the same entry, rehashed to the end', () => {
    const tpl = conn(0, { template: true, state: 'NONE', timeout: 300 });
    const t = trace([
      { kind: 'ipvs.conn', op: 'new', conn: tpl, t: 0, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'new', conn: conn(1000), t: 1, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'state', conn: { ...tpl, vport: 0xffff, dport: 0xffff }, t: 2, host: 'director', msg: M },
      { kind: 'ipvs.conn', op: 'expire', conn: { ...tpl, vport: 0xffff, dport: 0xffff }, t: 3, host: 'director', msg: M },
    ]);
    const idx = indexState(t);
    const list = (s: number) => [...at(stateAt(idx, s)).conns.values()].map((c) => `${c.cport}:${c.vport}`);
    expect(list(2)).toEqual(['1000:80', '0:65535']);
    expect(list(3)).toEqual(['1000:80']);
  });
});

describe('neighbours, VRRP and a crash', () => {
  it('NONE removes an entry; a crash forgets the caches and stops the instances, as the simulator does without events', () => {
    const t = trace([
      { kind: 'neigh', iface: 'eth0', ip: ip(192, 168, 1, 11), state: 'INCOMPLETE', t: 0, host: 'director', msg: M },
      { kind: 'neigh', iface: 'eth0', ip: ip(192, 168, 1, 11), state: 'REACHABLE', mac: 0x020000000201, t: 1, host: 'director', msg: M },
      { kind: 'neigh', iface: 'eth0', ip: ip(192, 168, 1, 12), state: 'INCOMPLETE', t: 2, host: 'director', msg: M },
      { kind: 'neigh', iface: 'eth0', ip: ip(192, 168, 1, 12), state: 'NONE', t: 3, host: 'director', msg: M },
      { kind: 'vrrp', instance: 'VI_1', vrid: 51, iface: 'eth0', from: 'INIT', state: 'MASTER', prio: 150, t: 4, host: 'director', msg: M },
      { kind: 'host', op: 'crash', t: 5, host: 'director', msg: M },
    ]);
    const idx = indexState(t);
    expect([...at(stateAt(idx, 2)).neigh.values()].map((n) => n.state)).toEqual(['REACHABLE', 'INCOMPLETE']);
    expect([...at(stateAt(idx, 4)).neigh.values()].map((n) => n.state)).toEqual(['REACHABLE']);
    expect(at(stateAt(idx, 4)).vrrp.get('VI_1')?.state).toBe('MASTER');
    const crashed = at(stateAt(idx, 5));
    expect(crashed.neigh.size).toBe(0);
    expect(crashed.vrrp.get('VI_1')?.state).toBe('STOP');
    expect(crashed.crashed).toBe(true);
  });
});

describe('addresses and routes', () => {
  const topo: Topology = [
    {
      name: 'rs1',
      ifaces: [
        { name: 'lo', kind: 'loopback', mtu: 65536, up: true, addrs: [{ addr: ip(127, 0, 0, 1), prefixLen: 8, scope: 'host', label: 'lo', secondary: false, broadcast: 0 }] },
        { name: 'eth0', kind: 'ether', segment: 'lan', mac: 0x020000000201, mtu: 1500, up: true, addrs: [] },
      ],
      routes: [],
    },
  ];
  it('a primary goes after the last primary of no narrower scope, a secondary last (__inet_insert_ifa)', () => {
    const a = (addr: number, scope: 'global' | 'host', secondary = false) => ({ addr, prefixLen: 32, scope, label: 'lo', secondary, broadcast: 0 });
    const t = trace(
      [
        { kind: 'addr', op: 'add', iface: 'lo', entry: a(VIP, 'global'), t: 0, host: 'rs1', msg: M },
        { kind: 'addr', op: 'add', iface: 'lo', entry: a(ip(10, 0, 0, 1), 'global', true), t: 1, host: 'rs1', msg: M },
        { kind: 'addr', op: 'del', iface: 'lo', entry: a(VIP, 'global'), t: 2, host: 'rs1', msg: M },
        { kind: 'addr', op: 'add', iface: 'lo', entry: a(ip(10, 9, 9, 9), 'host'), t: 3, host: 'rs1', msg: M },
      ],
      topo,
    );
    const idx = indexState(t);
    const addrs = (s: number) => at(stateAt(idx, s), 'rs1').addrs.get('lo')?.map((x) => `${x.addr >>> 24}.${x.addr & 255}`);
    expect(addrs(-1)).toEqual(['127.1']);
    // A global primary goes after 127.0.0.1 (scope host is not narrower than global's test: 0 <= 254).
    expect(addrs(0)).toEqual(['127.1', '192.100']);
    expect(addrs(1)).toEqual(['127.1', '192.100', '10.1']);
    expect(addrs(2)).toEqual(['127.1', '10.1']);
    // A host-scope primary goes after the last host-scope primary, before the secondaries.
    expect(addrs(3)).toEqual(['127.1', '10.9', '10.1']);
  });
});

/** A random trace over two hosts: services, dests, conns, neighbours, VRRP, crashes. */
const eventArb: fc.Arbitrary<TraceEvent> = fc.oneof(
  fc.record({ host: fc.constantFrom('director', 'rs1'), op: fc.constantFrom('add' as const, 'edit' as const, 'del' as const), port: fc.integer({ min: 1, max: 4 }) }).map(
    (r): TraceEvent => ({ kind: 'ipvs.service', op: r.op, service: svc(r.port), t: 0, host: r.host, msg: M }),
  ),
  fc.record({ op: fc.constantFrom('add' as const, 'edit' as const, 'del' as const, 'counters' as const), port: fc.integer({ min: 1, max: 4 }), rs: fc.integer({ min: 1, max: 5 }), n: fc.nat(9) }).map(
    (r): TraceEvent => ({ kind: 'ipvs.dest', op: r.op, service: svc(r.port), dest: dest(r.rs, { activeConns: r.n }), t: 0, host: 'director', msg: M }),
  ),
  fc.record({ op: fc.constantFrom('new' as const, 'state' as const, 'expire' as const), cport: fc.integer({ min: 1000, max: 1010 }), st: fc.constantFrom('SYN_RECV', 'ESTABLISHED') }).map(
    (r): TraceEvent => ({ kind: 'ipvs.conn', op: r.op, conn: conn(r.cport, { state: r.st }), t: 0, host: 'director', msg: M }),
  ),
  fc.record({ host: fc.constantFrom('director', 'rs1'), last: fc.integer({ min: 1, max: 6 }), st: fc.constantFrom('INCOMPLETE' as const, 'REACHABLE' as const, 'STALE' as const, 'NONE' as const) }).map(
    (r): TraceEvent => ({ kind: 'neigh', iface: 'eth0', ip: ip(10, 0, 0, r.last), state: r.st, t: 0, host: r.host, msg: M }),
  ),
  fc.record({ st: fc.constantFrom('BACKUP' as const, 'MASTER' as const), prio: fc.integer({ min: 1, max: 254 }) }).map(
    (r): TraceEvent => ({ kind: 'vrrp', instance: 'VI_1', vrid: 51, iface: 'eth0', from: 'INIT', state: r.st, prio: r.prio, t: 0, host: 'rs1', msg: M }),
  ),
  fc.constantFrom<TraceEvent>({ kind: 'host', op: 'crash', t: 0, host: 'rs1', msg: M }, { kind: 'host', op: 'restart', t: 0, host: 'rs1', msg: M }),
);

/** A state as plain data, to compare two states by value. */
function plain(s: LabState): unknown {
  return [...s.hosts.values()].map((h) => ({ ...h, services: [...h.services], conns: [...h.conns], neigh: [...h.neigh], vrrp: [...h.vrrp], links: [...h.links], addrs: [...h.addrs], routes: [...h.routes] }));
}

describe('snapshots', () => {
  it('stateAt through snapshots (any interval, any order of questions) equals a fold from zero', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 64 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (events, every, asks) => {
        const t = trace(events.map((e, i) => ({ ...e, t: i })));
        const fast = indexState(t, every);
        for (const a of asks) {
          const step = a % events.length;
          const slow = indexState(t, events.length + 1);
          expect(plain(stateAt(fast, step))).toEqual(plain(stateAt(slow, step)));
          expect(stateAt(fast, step).step).toBe(step);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a snapshot never changes after it was taken, and an untouched host is shared', () => {
    const events: TraceEvent[] = [];
    for (let i = 0; i < 100; i++) events.push({ kind: 'ipvs.conn', op: 'new', conn: conn(1000 + i), t: i, host: 'director', msg: M });
    const t = trace([{ kind: 'vrrp', instance: 'VI_1', vrid: 51, iface: 'eth0', from: 'INIT', state: 'BACKUP', prio: 100, t: 0, host: 'rs1', msg: M }, ...events]);
    const idx = indexState(t, 10);
    const s1 = stateAt(idx, 20);
    const size = at(s1).conns.size;
    const s2 = stateAt(idx, 90);
    expect(at(s1).conns.size).toBe(size);
    expect(at(s2).conns.size).toBe(90);
    expect(s1.hosts.get('rs1')).toBe(s2.hosts.get('rs1'));
    expect(idx.snapshots.length).toBeGreaterThanOrEqual(3);
    const first = idx.snapshots[1]?.hosts.get('rs1');
    expect(first).toBeDefined();
    expect(idx.snapshots[idx.snapshots.length - 1]?.hosts.get('rs1')).toBe(first);
  });

  it('spaces snapshots by what they copy: a growing table costs at most one entry per COPY_RATIO events', () => {
    // 3,000 connections opened one by one, each followed by events that change no state.
    const events: TraceEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      events.push({ kind: 'ipvs.conn', op: 'new', conn: conn(1000 + i), t: events.length, host: 'director', msg: M });
      for (let k = 0; k < 3; k++) events.push({ kind: 'app', app: 'http', t: events.length, host: 'rs1', msg: M });
    }
    const t = trace(events);
    const every = 16;
    const idx = indexState(t, every);
    const seen = new Set<unknown>();
    let kept = 0;
    for (const s of idx.snapshots) {
      const c = at(s).conns;
      if (!seen.has(c)) kept += c.size;
      seen.add(c);
    }
    // Every 16 events, the snapshots would hold 750 copies of 1,500 entries on average. Spaced,
    // the copies are paid for by their intervals, but for the last interval's and the end's.
    expect(kept).toBeLessThanOrEqual(events.length / COPY_RATIO + 2 * 3000);
    // At least `every` apart, but for the last one: the state after the last event.
    expect(idx.snapshots[idx.snapshots.length - 1]?.step).toBe(events.length - 1);
    for (let k = 1; k < idx.snapshots.length - 1; k++) expect((idx.snapshots[k] as LabState).step - (idx.snapshots[k - 1] as LabState).step).toBeGreaterThanOrEqual(every);
    // Any step, asked in any order, is still the fold from zero.
    const slow = indexState(t, events.length + 1);
    for (const step of [11_999, 5, 8_000, 7_999, 64, 63, 0, 11_000]) {
      expect(plain(stateAt(idx, step))).toEqual(plain(stateAt(slow, step)));
      expect(at(stateAt(idx, step)).conns.size).toBe(Math.floor(step / 4) + 1);
    }
  });

  it('an add of an address already listed is a promotion: it moves to the primaries, listed once', () => {
    const a = (addr: number, secondary: boolean) => ({ addr, prefixLen: 24, scope: 'global' as const, label: 'eth0', secondary, broadcast: 0 });
    const t = trace(
      [
        { kind: 'addr', op: 'add', iface: 'eth0', entry: a(ip(10, 0, 0, 1), false), t: 0, host: 'rs1', msg: M },
        { kind: 'addr', op: 'add', iface: 'eth0', entry: a(ip(10, 0, 0, 2), true), t: 1, host: 'rs1', msg: M },
        { kind: 'addr', op: 'add', iface: 'eth0', entry: a(ip(10, 0, 0, 3), true), t: 2, host: 'rs1', msg: M },
        { kind: 'addr', op: 'del', iface: 'eth0', entry: a(ip(10, 0, 0, 1), false), t: 3, host: 'rs1', msg: M },
        // promote_secondaries: the kernel reports the promoted address with RTM_NEWADDR alone.
        { kind: 'addr', op: 'add', iface: 'eth0', entry: a(ip(10, 0, 0, 2), false), t: 3, host: 'rs1', msg: M },
      ],
      [{ name: 'rs1', ifaces: [{ name: 'eth0', kind: 'ether', segment: 'lan', mac: 0x020000000201, mtu: 1500, up: true, addrs: [] }], routes: [] }],
    );
    const idx = indexState(t);
    const list = at(stateAt(idx, 4), 'rs1').addrs.get('eth0') ?? [];
    expect(list.map((x) => `${x.addr & 255}${x.secondary ? 's' : 'p'}`)).toEqual(['2p', '3s']);
  });
});
