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
import { DH_TAB_SIZE, DhState, dhBucket, dhScheduler } from '../../../src/ipvs/sched/dh.js';
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

/** -a A, -a B, -a C: list order C, B, A. */
function dhABC(weights: readonly number[] = [1, 1, 1]): Service {
  const svc = createService({ scheduler: 'dh', vaddr: '192.168.1.100', vport: 80 });
  ['10.0.0.11', '10.0.0.12', '10.0.0.13'].forEach((a, i) => addDest(svc, { daddr: a, dport: 80, weight: weights[i] ?? 1 }));
  return svc;
}

function table(svc: Service): string[] {
  const s = svc.schedData;
  if (!(s instanceof DhState)) throw new Error('not dh');
  return s.buckets.map(name);
}

/** The server dh picks for a packet sent to `daddr` (dh keys on the packet's destination). */
function to(svc: Service, daddr: string): string {
  return name(schedule(svc, { caddr: ip('203.0.113.7'), cport: 40000, vaddr: ip(daddr) }));
}

describe('dh (§2.10)', () => {
  it('256 buckets, bucket i = list element i mod n (list C, B, A)', () => {
    const t = table(dhABC());
    expect(t).toHaveLength(DH_TAB_SIZE);
    expect(t.slice(0, 7)).toEqual(['C', 'B', 'A', 'C', 'B', 'A', 'C']);
    expect(t.filter((x) => x === 'C')).toHaveLength(86);
    expect(t.filter((x) => x === 'B')).toHaveLength(85);
    expect(t.filter((x) => x === 'A')).toHaveLength(85);
  });

  it('weights are ignored when filling', () => {
    expect(table(dhABC([5, 1, 3]))).toEqual(table(dhABC()));
  });

  it('worked examples: the bucket is hash_32(daddr, 8): 39, 137, 248, 108', () => {
    expect(dhBucket(ip('10.0.0.1'))).toBe(39);
    expect(dhBucket(ip('10.0.0.2'))).toBe(137);
    expect(dhBucket(ip('192.168.1.10'))).toBe(248);
    expect(dhBucket(ip('172.16.5.77'))).toBe(108);
    const svc = dhABC();
    // 39 mod 3 = 0 → C, 137 mod 3 = 2 → A, 248 mod 3 = 2 → A, 108 mod 3 = 0 → C
    expect(['10.0.0.1', '10.0.0.2', '192.168.1.10', '172.16.5.77'].map((d) => to(svc, d))).toEqual(['C', 'A', 'A', 'C']);
  });

  it('keys on the destination, not the client', () => {
    const svc = dhABC();
    for (const caddr of ['1.1.1.1', '8.8.8.8', '10.0.0.99']) {
      expect(name(schedule(svc, { caddr: ip(caddr), vaddr: ip('10.0.0.2') }))).toBe('A');
    }
  });

  it('rebuilt on add and delete', () => {
    const svc = dhABC();
    addDest(svc, { daddr: '10.0.0.14', dport: 80 });
    expect(table(svc).slice(0, 5)).toEqual(['D', 'C', 'B', 'A', 'D']);
    expect(to(svc, '10.0.0.1')).toBe('A'); // 39 mod 4 = 3
    removeDest(svc, '10.0.0.13', 80);
    expect(table(svc).slice(0, 4)).toEqual(['D', 'B', 'A', 'D']);
    expect(to(svc, '10.0.0.1')).toBe('D'); // 39 mod 3 = 0
  });

  it('has no upd_dest: -e does not rebuild, and a weight-0 bucket gives null with no fallback', () => {
    expect(dhScheduler.updDest).toBeUndefined();
    const svc = dhABC();
    const before = table(svc);
    editDest(svc, { daddr: '10.0.0.13', dport: 80, weight: 0 });
    expect(table(svc)).toEqual(before);
    expect(to(svc, '10.0.0.1')).toBe('-'); // bucket 39 holds C (weight 0); A and B are fine but never tried
    expect(to(svc, '10.0.0.2')).toBe('A');
    editDest(svc, { daddr: '10.0.0.13', dport: 80, weight: 2 });
    expect(to(svc, '10.0.0.1')).toBe('C');
  });

  it('an OVERLOADed or not AVAILABLE server is rejected', () => {
    const svc = dhABC();
    const c = destinations(svc)[0] as Dest;
    setDestCounters(c, { overloaded: true });
    expect(to(svc, '10.0.0.1')).toBe('-');
    setDestCounters(c, { overloaded: false });
    expect(to(svc, '10.0.0.1')).toBe('C');
    c.flags &= ~IP_VS_DEST_F_AVAILABLE;
    expect(to(svc, '10.0.0.1')).toBe('-');
  });

  it('an empty service gives null', () => {
    const svc = createService({ scheduler: 'dh', vaddr: '192.168.1.100', vport: 80 });
    expect(table(svc).every((x) => x === '-')).toBe(true);
    expect(to(svc, '10.0.0.1')).toBe('-');
    addDest(svc, { daddr: '10.0.0.11', dport: 80 });
    removeDest(svc, '10.0.0.11', 80);
    expect(to(svc, '10.0.0.1')).toBe('-');
  });
});

const addrArb = fc.integer({ min: 0, max: 0xffffffff });
const serversArb = fc.uniqueArray(fc.record({ daddr: fc.integer({ min: 0x0a000001, max: 0x0a00ffff }), weight: fc.integer({ min: 0, max: 5 }), overloaded: fc.boolean() }), {
  minLength: 1,
  maxLength: 12,
  selector: (s) => s.daddr,
});

function build(servers: readonly { daddr: number; weight: number; overloaded: boolean }[]): Service {
  const svc = createService({ scheduler: 'dh', vaddr: '192.168.1.100', vport: 80 });
  for (const s of servers) setDestCounters(addDest(svc, { daddr: s.daddr, dport: 80, weight: s.weight }), { overloaded: s.overloaded });
  return svc;
}

describe('dh properties', () => {
  it('the same destination gets the same server while the set is unchanged, whatever else is scheduled', () => {
    fc.assert(
      fc.property(serversArb, fc.array(addrArb, { minLength: 1, maxLength: 60 }), (servers, daddrs) => {
        const svc = build(servers);
        const first = new Map<number, Dest | null>();
        for (const d of [...daddrs, ...daddrs.slice().reverse()]) {
          const got = schedule(svc, { vaddr: d });
          if (!first.has(d)) first.set(d, got);
          expect(got).toBe(first.get(d));
        }
      }),
    );
  });

  it('never returns a weight-0 or OVERLOADed server, and is a function of the configuration', () => {
    fc.assert(
      fc.property(serversArb, fc.array(addrArb, { minLength: 1, maxLength: 60 }), (servers, daddrs) => {
        const a = build(servers);
        const b = build(servers);
        for (const d of daddrs) {
          const x = schedule(a, { vaddr: d });
          if (x !== null) {
            expect(x.weight).toBeGreaterThan(0);
            expect(x.overloaded).toBe(false);
          }
          expect(x?.daddr).toBe(schedule(b, { vaddr: d })?.daddr);
        }
      }),
    );
  });
});
