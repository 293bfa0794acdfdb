import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDest,
  createService,
  destinations,
  editDest,
  IP_VS_DEST_F_AVAILABLE,
  removeDest,
  schedule,
  setDestCounters,
} from '../../../src/ipvs/index.js';
import type { Dest, Service } from '../../../src/ipvs/index.js';
import {
  IP_VS_SVC_F_SCHED_SH_FALLBACK,
  IP_VS_SVC_F_SCHED_SH_PORT,
  SH_TAB_SIZE,
  ShState,
  shHashKey,
} from '../../../src/ipvs/sched/sh.js';
import { IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2 } from '../../../src/ipvs/service.js';
import { formatIp4, parseIp4 } from '../../../src/net/wire/addr.js';

const NAME: Record<string, string> = { '10.0.0.11': 'A', '10.0.0.12': 'B', '10.0.0.13': 'C', '10.0.0.14': 'D' };

function ip(s: string): number {
  const v = parseIp4(s);
  if (v === undefined) throw new Error(s);
  return v;
}

function name(d: Dest | null | undefined): string {
  return d === null || d === undefined ? '-' : (NAME[formatIp4(d.daddr)] ?? formatIp4(d.daddr));
}

function buckets(svc: Service): (Dest | null)[] {
  const s = svc.schedData;
  if (!(s instanceof ShState)) throw new Error('not sh');
  return s.buckets;
}

function table(svc: Service): string[] {
  return buckets(svc).map(name);
}

function totals(svc: Service): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of table(svc)) out[n] = (out[n] ?? 0) + 1;
  return out;
}

/** -a A -w wA, -a B -w wB, -a C -w wC: list order C, B, A. */
function shABC(wA: number, wB: number, wC: number, schedFlags = 0): Service {
  const svc = createService({ scheduler: 'sh', vaddr: '192.168.1.100', vport: 80, schedFlags });
  addDest(svc, { daddr: '10.0.0.11', dport: 80, weight: wA });
  addDest(svc, { daddr: '10.0.0.12', dport: 80, weight: wB });
  addDest(svc, { daddr: '10.0.0.13', dport: 80, weight: wC });
  return svc;
}

function from(svc: Service, caddr: string, cport = 40000, protocol = 6): string {
  return name(schedule(svc, { protocol, caddr: ip(caddr), cport }));
}

describe('sh table (§2.11)', () => {
  it('worked example: list C(w1), B(w2), A(w1) → C B B A C B B A …; totals C 64, B 128, A 64', () => {
    const svc = shABC(1, 2, 1);
    expect(table(svc)).toHaveLength(SH_TAB_SIZE);
    expect(table(svc).slice(0, 8)).toEqual(['C', 'B', 'B', 'A', 'C', 'B', 'B', 'A']);
    expect(totals(svc)).toEqual({ C: 64, B: 128, A: 64 });
  });

  it('worked example: list C(w0), B(w1), A(w3) → C B A A A C B A A A …; totals C 52, B 51, A 153', () => {
    const svc = shABC(3, 1, 0);
    expect(table(svc).slice(0, 10)).toEqual(['C', 'B', 'A', 'A', 'A', 'C', 'B', 'A', 'A', 'A']);
    expect(totals(svc)).toEqual({ C: 52, B: 51, A: 153 });
    // C (weight 0) holds buckets 0, 5, 10 …: a client hashed there gets no server, 10.0.0.1 (39) gets A
    let onC = 0;
    while (shHashKey(0xc6336400 + onC, 0, 0) % 5 !== 0) onC++;
    expect(name(schedule(svc, { caddr: 0xc6336400 + onC }))).toBe('-');
    expect(from(svc, '10.0.0.1')).toBe('A');
  });

  it('rebuilt on edit (upd_dest), add and delete', () => {
    const svc = shABC(1, 2, 1);
    editDest(svc, { daddr: '10.0.0.12', dport: 80, weight: 1 });
    expect(table(svc).slice(0, 6)).toEqual(['C', 'B', 'A', 'C', 'B', 'A']);
    addDest(svc, { daddr: '10.0.0.14', dport: 80, weight: 2 });
    expect(table(svc).slice(0, 6)).toEqual(['D', 'D', 'C', 'B', 'A', 'D']);
    removeDest(svc, '10.0.0.13', 80);
    expect(table(svc).slice(0, 5)).toEqual(['D', 'D', 'B', 'A', 'D']);
    removeDest(svc, '10.0.0.14', 80);
    removeDest(svc, '10.0.0.12', 80);
    removeDest(svc, '10.0.0.11', 80);
    expect(table(svc).every((x) => x === '-')).toBe(true);
    expect(from(svc, '10.0.0.1')).toBe('-');
  });
});

describe('sh lookup (§2.11)', () => {
  it('worked example: 10.0.0.1 → bucket 39; with sh-port and port 1234 → bucket 128', () => {
    expect(shHashKey(ip('10.0.0.1'), 0, 0)).toBe(39);
    expect(shHashKey(ip('10.0.0.1'), 1234, 0)).toBe(128);
    // C B B A repeating: bucket 39 → A, bucket 128 → C
    const plain = shABC(1, 2, 1);
    expect(from(plain, '10.0.0.1', 1234)).toBe('A');
    expect(from(plain, '10.0.0.1', 999)).toBe('A');
    const withPort = shABC(1, 2, 1, IP_VS_SVC_F_SCHED_SH_PORT);
    expect(IP_VS_SVC_F_SCHED_SH_PORT).toBe(0x10);
    expect(from(withPort, '10.0.0.1', 1234)).toBe('C');
    expect(from(withPort, '10.0.0.1', 1234, 17)).toBe('C');
    // no port field outside TCP/UDP/SCTP: port 0 → bucket 39
    expect(from(withPort, '10.0.0.1', 1234, 1)).toBe('A');
  });

  it('port + addr is a 32-bit sum that wraps', () => {
    expect(shHashKey(0xffffffff, 2, 0)).toBe(shHashKey(1, 0, 0));
  });

  it('without sh-fallback: a weight-0 or OVERLOADed bucket server gives null; AVAILABLE is not checked', () => {
    const svc = shABC(1, 2, 1);
    const a = destinations(svc)[2] as Dest;
    expect(name(a)).toBe('A');
    editDest(svc, { daddr: '10.0.0.11', dport: 80, weight: 0 }); // A keeps one bucket per cycle
    expect(from(svc, '10.0.0.1')).toBe('-');
    editDest(svc, { daddr: '10.0.0.11', dport: 80, weight: 1 });
    expect(from(svc, '10.0.0.1')).toBe('A');
    setDestCounters(a, { overloaded: true });
    expect(from(svc, '10.0.0.1')).toBe('-');
    setDestCounters(a, { overloaded: false });
    a.flags &= ~IP_VS_DEST_F_AVAILABLE;
    expect(from(svc, '10.0.0.1')).toBe('A');
  });
});

/** 256 servers of weight 1, server k in bucket k (added k = 255 … 0, so server 0 is the head). */
function sh256(schedFlags: number): { svc: Service; server: Dest[] } {
  const svc = createService({ scheduler: 'sh', vaddr: '192.168.1.100', vport: 80, schedFlags });
  for (let k = SH_TAB_SIZE - 1; k >= 0; k--) addDest(svc, { daddr: 0x0a010000 + k, dport: 80 });
  const server = destinations(svc);
  buckets(svc).forEach((d, i) => expect(d).toBe(server[i]));
  return { svc, server };
}

/** Overload every server except those in `usable`; return the bucket index of the pick. */
function pickWith(svc: Service, server: Dest[], usable: readonly number[], caddr: string): number | null {
  server.forEach((d, k) => setDestCounters(d, { overloaded: !usable.includes(k) }));
  const d = schedule(svc, { caddr: ip(caddr), cport: 5555 });
  return d === null ? null : server.indexOf(d);
}

describe('sh-fallback (IP_VS_SVC_F_SCHED1, ip_vs_sh_get_fallback)', () => {
  it('worked example: H = 39 → bucket 39 if usable, else probes 78, 79, 80 … (2H + o), never 40 first', () => {
    const { svc, server } = sh256(IP_VS_SVC_F_SCHED_SH_FALLBACK);
    expect(IP_VS_SVC_F_SCHED_SH_FALLBACK).toBe(0x08);
    expect(pickWith(svc, server, [39, 40, 78, 79, 80], '10.0.0.1')).toBe(39);
    expect(pickWith(svc, server, [40, 78, 79, 80], '10.0.0.1')).toBe(78);
    expect(pickWith(svc, server, [40, 79, 80], '10.0.0.1')).toBe(79);
    expect(pickWith(svc, server, [40, 80], '10.0.0.1')).toBe(80);
    expect(pickWith(svc, server, [40, 81], '10.0.0.1')).toBe(81);
    // the 256th probe is (2H + 255) mod 256 = 77; 40 = 2H + 218 comes before it
    expect(pickWith(svc, server, [77, 40], '10.0.0.1')).toBe(40);
    expect(pickWith(svc, server, [77], '10.0.0.1')).toBe(77);
    expect(pickWith(svc, server, [], '10.0.0.1')).toBe(null);
  });

  it('probing wraps: H = 248 (192.168.1.10) starts at 2H mod 256 = 240', () => {
    const { svc, server } = sh256(IP_VS_SVC_F_SCHED1);
    expect(pickWith(svc, server, [249, 240, 241], '192.168.1.10')).toBe(240);
    expect(pickWith(svc, server, [0, 255], '192.168.1.10')).toBe(255);
    expect(pickWith(svc, server, [249, 0], '192.168.1.10')).toBe(249);
    expect(pickWith(svc, server, [239, 248], '192.168.1.10')).toBe(248); // H itself usable: no probing
  });

  it('with sh-port the probing follows the port-keyed hash (H = 128 → 0, 1, …)', () => {
    const { svc, server } = sh256(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2);
    server.forEach((d, k) => setDestCounters(d, { overloaded: k !== 1 && k !== 129 }));
    expect(server.indexOf(schedule(svc, { caddr: ip('10.0.0.1'), cport: 1234 }) as Dest)).toBe(1);
  });

  it('a weight-0 bucket server is skipped by fallback, an empty table gives null', () => {
    const svc = shABC(1, 2, 1, IP_VS_SVC_F_SCHED_SH_FALLBACK);
    editDest(svc, { daddr: '10.0.0.11', dport: 80, weight: 0 });
    // table still C B B A … (weight-0 A keeps one bucket per cycle): bucket 39 is A, probe 78 is B
    expect(table(svc).slice(0, 4)).toEqual(['C', 'B', 'B', 'A']);
    expect(from(svc, '10.0.0.1')).toBe('B');
    const empty = createService({ scheduler: 'sh', vaddr: '192.168.1.100', vport: 80, schedFlags: IP_VS_SVC_F_SCHED_SH_FALLBACK });
    expect(from(empty, '10.0.0.1')).toBe('-');
  });
});

const serversArb = fc.uniqueArray(
  fc.record({ daddr: fc.integer({ min: 0x0a000001, max: 0x0a00ffff }), weight: fc.integer({ min: 0, max: 5 }), overloaded: fc.boolean() }),
  { minLength: 1, maxLength: 12, selector: (s) => s.daddr },
);
const clientArb = fc.record({ caddr: fc.integer({ min: 0, max: 0xffffffff }), cport: fc.integer({ min: 0, max: 65535 }) });
const flagsArb = fc.constantFrom(0, IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2, IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2);

function build(servers: readonly { daddr: number; weight: number; overloaded: boolean }[], schedFlags: number): Service {
  const svc = createService({ scheduler: 'sh', vaddr: '192.168.1.100', vport: 80, schedFlags });
  for (const s of servers) setDestCounters(addDest(svc, { daddr: s.daddr, dport: 80, weight: s.weight }), { overloaded: s.overloaded });
  return svc;
}

describe('sh properties', () => {
  it('the same client gets the same server while the set is unchanged', () => {
    fc.assert(
      fc.property(serversArb, flagsArb, fc.array(clientArb, { minLength: 1, maxLength: 60 }), (servers, flags, clients) => {
        const svc = build(servers, flags);
        const first = new Map<string, Dest | null>();
        for (const c of [...clients, ...clients.slice().reverse()]) {
          const got = schedule(svc, c);
          const key = `${c.caddr}:${c.cport}`;
          if (!first.has(key)) first.set(key, got);
          expect(got).toBe(first.get(key));
        }
      }),
    );
  });

  it('without sh-port the client port does not matter', () => {
    fc.assert(
      fc.property(serversArb, clientArb, fc.integer({ min: 0, max: 65535 }), (servers, c, otherPort) => {
        const svc = build(servers, IP_VS_SVC_F_SCHED1);
        expect(schedule(svc, c)).toBe(schedule(svc, { caddr: c.caddr, cport: otherPort }));
      }),
    );
  });

  it('never returns a weight-0 or OVERLOADed server; with sh-fallback finds one whenever one exists', () => {
    fc.assert(
      fc.property(serversArb, flagsArb, fc.array(clientArb, { minLength: 1, maxLength: 40 }), (servers, flags, clients) => {
        const svc = build(servers, flags);
        const anyUsable = servers.some((s) => s.weight > 0 && !s.overloaded);
        for (const c of clients) {
          const d = schedule(svc, c);
          if (d !== null) {
            expect(d.weight).toBeGreaterThan(0);
            expect(d.overloaded).toBe(false);
          } else if ((flags & IP_VS_SVC_F_SCHED1) !== 0) {
            expect(anyUsable).toBe(false);
          }
        }
      }),
    );
  });

  it('is a function of the configuration (two identical services agree)', () => {
    fc.assert(
      fc.property(serversArb, flagsArb, fc.array(clientArb, { minLength: 1, maxLength: 40 }), (servers, flags, clients) => {
        const a = build(servers, flags);
        const b = build(servers, flags);
        for (const c of clients) expect(schedule(a, c)?.daddr).toBe(schedule(b, c)?.daddr);
      }),
    );
  });
});
