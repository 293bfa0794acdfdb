import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDest,
  createService,
  destinations,
  editDest,
  IpvsError,
  KERNEL_SCHEDULERS,
  removeDest,
  schedulerNames,
  schedule,
  setDestCounters,
} from '../../src/ipvs/index.js';
import type { Dest, Service } from '../../src/ipvs/index.js';
import { formatIp4 } from '../../src/net/wire/addr.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const D = '10.0.0.4';
const NAME: Record<string, string> = { [A]: 'A', [B]: 'B', [C]: 'C', [D]: 'D' };

function name(d: Dest | null): string {
  return d === null ? '-' : (NAME[formatIp4(d.daddr)] ?? formatIp4(d.daddr));
}

function picks(svc: Service, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(name(schedule(svc)));
  return out.join(' ');
}

function rrABC(): Service {
  const svc = createService({ scheduler: 'rr', vaddr: '192.168.1.100', vport: 80 });
  for (const a of [A, B, C]) addDest(svc, { daddr: a, dport: 80 });
  return svc;
}

describe('rr (§2.1)', () => {
  it('worked example: A, B, C added → list C, B, A → picks C, B, A, C, B, A', () => {
    const svc = rrABC();
    expect(destinations(svc).map(name)).toEqual(['C', 'B', 'A']);
    expect(picks(svc, 7)).toBe('C B A C B A C');
  });

  it('worked example: B with weight 0 → C, A, C, A', () => {
    const svc = rrABC();
    editDest(svc, { daddr: B, dport: 80, weight: 0 });
    expect(picks(svc, 6)).toBe('C A C A C A');
  });

  it('skips an OVERLOADed server', () => {
    const svc = rrABC();
    const c = destinations(svc)[0] as Dest;
    setDestCounters(c, { overloaded: true });
    expect(picks(svc, 4)).toBe('B A B A');
  });

  it('returns null when no server is usable, and for an empty list', () => {
    const empty = createService({ scheduler: 'rr' });
    expect(schedule(empty)).toBeNull();
    const svc = rrABC();
    for (const a of [A, B, C]) editDest(svc, { daddr: a, dport: 80, weight: 0 });
    expect(schedule(svc)).toBeNull();
  });

  it('adding a server keeps the pointer: the new head waits for the next round', () => {
    const svc = rrABC();
    expect(picks(svc, 1)).toBe('C');
    addDest(svc, { daddr: D, dport: 80 });
    expect(destinations(svc).map(name)).toEqual(['D', 'C', 'B', 'A']);
    expect(picks(svc, 5)).toBe('B A D C B');
  });

  it('deleting the last chosen server moves the pointer to its predecessor', () => {
    const svc = rrABC();
    expect(picks(svc, 2)).toBe('C B');
    removeDest(svc, B, 80);
    // Pointer now at C (B's predecessor): the next pick is the server after C, i.e. A.
    expect(picks(svc, 3)).toBe('A C A');
  });

  it('deleting the last chosen server at the head of the list moves the pointer to the head', () => {
    const svc = rrABC();
    expect(picks(svc, 1)).toBe('C');
    removeDest(svc, C, 80);
    expect(picks(svc, 3)).toBe('B A B');
  });

  it('a single server is picked every time; once quiesced, never', () => {
    const svc = createService({ scheduler: 'rr' });
    addDest(svc, { daddr: A });
    expect(picks(svc, 3)).toBe('A A A');
    editDest(svc, { daddr: A, weight: 0 });
    expect(picks(svc, 2)).toBe('- -');
  });

  it('property: never picks an unusable server; null exactly when none is usable; usable servers take turns in list order', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), host: fc.integer({ min: 1, max: 8 }), weight: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('edit' as const), host: fc.integer({ min: 1, max: 8 }), weight: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('del' as const), host: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('overload' as const), host: fc.integer({ min: 1, max: 8 }), on: fc.boolean() }),
      fc.record({ kind: fc.constant('pick' as const), n: fc.integer({ min: 1, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const svc = createService({ scheduler: 'rr' });
        const addrOf = (h: number): string => `10.0.0.${h}`;
        const find = (h: number): Dest | undefined => destinations(svc).find((d) => formatIp4(d.daddr) === addrOf(h));
        for (const o of ops) {
          switch (o.kind) {
            case 'add':
              if (find(o.host) === undefined) addDest(svc, { daddr: addrOf(o.host), weight: o.weight });
              break;
            case 'edit':
              if (find(o.host) !== undefined) editDest(svc, { daddr: addrOf(o.host), weight: o.weight });
              break;
            case 'del':
              if (find(o.host) !== undefined) removeDest(svc, addrOf(o.host));
              break;
            case 'overload': {
              const d = find(o.host);
              if (d !== undefined) setDestCounters(d, { overloaded: o.on });
              break;
            }
            case 'pick': {
              const usable = destinations(svc).filter((d) => d.weight > 0 && !d.overloaded);
              const got: (Dest | null)[] = [];
              for (let i = 0; i < o.n; i++) got.push(schedule(svc));
              if (usable.length === 0) {
                expect(got.every((g) => g === null)).toBe(true);
                break;
              }
              for (const g of got) expect(g !== null && usable.includes(g)).toBe(true);
              // Consecutive picks follow the list order cyclically among usable servers.
              for (let i = 1; i < got.length; i++) {
                const prev = usable.indexOf(got[i - 1] as Dest);
                expect(got[i]).toBe(usable[(prev + 1) % usable.length]);
              }
              break;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('scheduler API errors', () => {
  it('an unknown scheduler name is the kernel ENOENT with ipvsadm text', () => {
    expect(() => createService({ scheduler: 'foo' })).toThrow(IpvsError);
    try {
      createService({ scheduler: 'foo' });
    } catch (e) {
      expect((e as IpvsError).errno).toBe('ENOENT');
      expect((e as IpvsError).message).toBe('ipvsadm: Scheduler or persistence engine not found');
    }
  });

  it('every scheduler a current kernel ships is modelled and binds (wlc, the default, included)', () => {
    expect([...schedulerNames()].sort()).toEqual([...KERNEL_SCHEDULERS].sort());
    for (const name of KERNEL_SCHEDULERS) expect(createService({ scheduler: name }).schedName).toBe(name);
  });

  it('adding a server twice is EEXIST; editing or removing a missing one is ENOENT', () => {
    const svc = rrABC();
    expect(() => addDest(svc, { daddr: A, dport: 80 })).toThrow('Destination already exists');
    expect(() => editDest(svc, { daddr: D, dport: 80 })).toThrow('No such destination');
    expect(() => removeDest(svc, D, 80)).toThrow('No such destination');
    expect(() => addDest(svc, { daddr: D, uThreshold: 1, lThreshold: 2 })).toThrow('Numerical result out of range');
  });
});
