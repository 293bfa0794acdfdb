/**
 * lc, wlc, sed, fo and ovf answer from a segment tree over the list (src/ipvs/sched/dest-tree.ts);
 * the kernel's linear scans are kept as the reference. After every step of a random history of
 * add/del/edit and counter changes, the tree's choice must be the scan's, tie-breaks included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDest, createService, destinations, editDest, removeDest, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import type { Dest, Service } from '../../../src/ipvs/index.js';
import { foScan } from '../../../src/ipvs/sched/fo.js';
import { lcScan } from '../../../src/ipvs/sched/lc.js';
import { ovfScan } from '../../../src/ipvs/sched/ovf.js';
import { sedScan } from '../../../src/ipvs/sched/sed.js';
import { wlcScan } from '../../../src/ipvs/sched/wlc.js';
import { connNew, type IpvsConn } from '../../../src/ipvs/conn.js';
import { Dest as DestClass, IP_VS_CONN_F_DROUTE } from '../../../src/ipvs/dest.js';
import { setState } from '../../../src/ipvs/proto.js';
import { findScheduler } from '../../../src/ipvs/sched/registry.js';
import { bindScheduler, Service as ServiceClass, updateDest } from '../../../src/ipvs/service.js';
import { IpvsState } from '../../../src/ipvs/state.js';
import { SEC } from '../../../src/net/types.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../../src/net/wire/packet.js';
import { FakeHost, ip } from '../fake-host.js';

const SCANS: Readonly<Record<string, (svc: Service) => Dest | null>> = {
  lc: lcScan,
  wlc: wlcScan,
  sed: sedScan,
  fo: foScan,
  ovf: ovfScan,
};
const NAMES = Object.keys(SCANS);
const VIP = ip('192.168.1.100');
const CLIENT = ip('203.0.113.10');

type Op =
  | { readonly kind: 'add'; readonly host: number; readonly weight: number }
  | { readonly kind: 'edit'; readonly host: number; readonly weight: number }
  | { readonly kind: 'del'; readonly host: number }
  | { readonly kind: 'counters'; readonly host: number; readonly active: number; readonly inactive: number; readonly overloaded: boolean }
  | { readonly kind: 'conn'; readonly host: number; readonly delta: number; readonly active: boolean };

/** Few distinct weights and small counters, so that ties are common. */
const host = fc.integer({ min: 1, max: 50 });
const weight = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 65535 }));
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 100_000 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), host, weight }),
  fc.record({ kind: fc.constant('edit' as const), host, weight }),
  fc.record({ kind: fc.constant('del' as const), host }),
  fc.record({ kind: fc.constant('counters' as const), host, active: count, inactive: count, overloaded: fc.boolean() }),
  fc.record({ kind: fc.constant('conn' as const), host, delta: fc.constantFrom(1, -1), active: fc.boolean() }),
);
/** The starting servers: 1–50 of them, each with a weight, counters and an OVERLOAD flag. */
const initial = fc.array(fc.record({ weight, active: count, inactive: count, overloaded: fc.boolean() }), { minLength: 1, maxLength: 50 });

const rsAddr = (h: number): string => `10.0.${h >> 8}.${h & 0xff}`;

function find(svc: Service, h: number): Dest | undefined {
  return destinations(svc).find((d) => d.dport === 80 && d.daddr === (0x0a000000 | h));
}

function apply(svc: Service, o: Op): void {
  const d = find(svc, o.host);
  switch (o.kind) {
    case 'add':
      if (d === undefined) addDest(svc, { daddr: rsAddr(o.host), dport: 80, weight: o.weight });
      return;
    case 'edit':
      if (d !== undefined) editDest(svc, { daddr: rsAddr(o.host), dport: 80, weight: o.weight });
      return;
    case 'del':
      if (d !== undefined) removeDest(svc, rsAddr(o.host), 80);
      return;
    case 'counters':
      if (d !== undefined) setDestCounters(d, { activeConns: o.active, inactConns: o.inactive, overloaded: o.overloaded });
      return;
    case 'conn':
      if (d === undefined) return;
      if (o.active) setDestCounters(d, { activeConns: Math.max(0, d.activeConns + o.delta) });
      else setDestCounters(d, { inactConns: Math.max(0, d.inactConns + o.delta) });
      return;
  }
}

describe('lc/wlc/sed/fo/ovf: the tree chooses what the kernel scan chooses', () => {
  for (const name of NAMES) {
    it(`${name}: same choice after every step of a random history`, () => {
      const scan = SCANS[name] as (svc: Service) => Dest | null;
      fc.assert(
        fc.property(initial, fc.array(op, { maxLength: 60 }), (servers, ops) => {
          const svc = createService({ scheduler: name, vaddr: '192.168.1.100', vport: 80 });
          servers.forEach((s, i) => {
            const d = addDest(svc, { daddr: rsAddr(i + 1), dport: 80, weight: s.weight });
            setDestCounters(d, { activeConns: s.active, inactConns: s.inactive, overloaded: s.overloaded });
          });
          expect(schedule(svc)).toBe(scan(svc));
          for (const o of ops) {
            apply(svc, o);
            expect(schedule(svc)).toBe(scan(svc));
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a choice made by the tree moves when only the chosen server gets a connection', () => {
    const svc = createService({ scheduler: 'wlc', vaddr: '192.168.1.100', vport: 80 });
    for (let i = 1; i <= 1000; i++) addDest(svc, { daddr: rsAddr(i), dport: 80, weight: 1 + (i % 3) });
    const seen = new Set<Dest>();
    for (let k = 0; k < 3000; k++) {
      const d = schedule(svc);
      expect(d).toBe(wlcScan(svc));
      if (d === null) break;
      seen.add(d);
      setDestCounters(d, { activeConns: d.activeConns + 1 });
    }
    expect(seen.size).toBe(1000);
  });
});

/** One step through the connection code itself: a new connection, a TCP segment, or time passing. */
type ConnOp =
  | { readonly kind: 'new'; readonly udp: boolean }
  | { readonly kind: 'seg'; readonly conn: number; readonly dir: 'INPUT' | 'OUTPUT'; readonly flags: number }
  | { readonly kind: 'wait'; readonly seconds: number };

const connOp: fc.Arbitrary<ConnOp> = fc.oneof(
  fc.record({ kind: fc.constant('new' as const), udp: fc.boolean() }),
  fc.record({
    kind: fc.constant('seg' as const),
    conn: fc.nat(),
    dir: fc.constantFrom('INPUT' as const, 'OUTPUT' as const),
    flags: fc.constantFrom(TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_FIN | TCP_ACK, TCP_RST),
  }),
  fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 200 }) }),
);

describe('the tree follows bindDest, unbindDest and TCP state moves (thresholds included)', () => {
  for (const name of NAMES) {
    it(`${name}: same choice as the scan while connections come, change state and expire`, () => {
      const scan = SCANS[name] as (svc: Service) => Dest | null;
      const server = fc.record({ weight: fc.integer({ min: 0, max: 4 }), u: fc.integer({ min: 0, max: 4 }), l: fc.integer({ min: 0, max: 3 }) });
      fc.assert(
        fc.property(fc.array(server, { minLength: 1, maxLength: 8 }), fc.array(connOp, { maxLength: 80 }), (servers, ops) => {
          const host = new FakeHost();
          const ipvs = new IpvsState(host);
          const svc = new ServiceClass(6, VIP, 80, 0, ipvs.newStats());
          bindScheduler(svc, findScheduler(name) ?? null);
          servers.forEach((s, i) => {
            const daddr = 0x0a000001 + i;
            const dest = new DestClass(svc, daddr, 80, ipvs.newStats());
            const u = { daddr, dport: 80, connFlags: IP_VS_CONN_F_DROUTE, weight: s.weight, uThreshold: s.u, lThreshold: Math.min(s.l, s.u) };
            updateDest(svc, dest, u, true, 0);
          });
          const conns: IpvsConn[] = [];
          let cport = 10000;
          for (const o of ops) {
            if (o.kind === 'new') {
              const d = schedule(svc);
              expect(d).toBe(scan(svc));
              if (d === null) continue;
              const p = { protocol: o.udp ? 17 : 6, caddr: CLIENT, cport: cport++, vaddr: VIP, vport: 80 };
              const cp = connNew(ipvs, p, d.daddr, 80, 0, d, 0);
              if (cp !== null) conns.push(cp);
            } else if (o.kind === 'seg') {
              const cp = conns[o.conn % Math.max(1, conns.length)];
              if (cp !== undefined && cp.dest !== null) setState(ipvs, cp, o.dir, cp.protocol === 6 ? o.flags : null);
            } else {
              host.sim.runUntil(host.sim.now + o.seconds * SEC);
            }
            expect(schedule(svc)).toBe(scan(svc));
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
