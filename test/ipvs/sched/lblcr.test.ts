import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDest, createSchedEnv, createService, destinations, editDest, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import type { Dest, Service } from '../../../src/ipvs/index.js';
import { formatIp4, parseIp4 } from '../../../src/net/wire/addr.js';
import { SEC } from '../../../src/net/types.js';

const NAMES: Record<string, string> = { '10.0.0.1': 'A', '10.0.0.2': 'B', '10.0.0.3': 'C' };
const name = (d: Dest | null): string => (d === null ? '-' : (NAMES[formatIp4(d.daddr)] ?? formatIp4(d.daddr)));
const X1 = parseIp4('203.0.113.1') as number;
const X2 = parseIp4('203.0.113.2') as number;
const DAY = 86_400;

/** An lblcr service bound at 0 with A, B, C added: list order C, B, A. */
function lblcrABC(sysctls: { lblcr_expiration?: number } = {}): Service {
  const svc = createService({ scheduler: 'lblcr', fwmark: 1 }, createSchedEnv(0, 0, sysctls));
  for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) addDest(svc, { daddr: a });
  return svc;
}

function dest(svc: Service, n: string): Dest {
  const d = destinations(svc).find((x) => name(x) === n);
  if (d === undefined) throw new Error(n);
  return d;
}

function load(svc: Service, n: string, activeConns: number, inactConns = 0): void {
  setDestCounters(dest(svc, n), { activeConns, inactConns });
}

/** Schedules towards `daddr` at `t` seconds plus `ns` nanoseconds. */
function at(svc: Service, daddr: number, t: number, ns = 0, sysctls: { lblcr_expiration?: number } = {}): string {
  return name(schedule(svc, { vaddr: daddr }, createSchedEnv(0, t * SEC + ns, sysctls)));
}

/** X1's set becomes {B, C} (B at the head), replicated at time `t` s. */
function replicated(t: number, sysctls: { lblcr_expiration?: number } = {}): Service {
  const svc = lblcrABC(sysctls);
  expect(at(svc, X1, 0, 0, sysctls)).toBe('C');
  load(svc, 'C', 2); // active 2 > weight 1 while B and A are idle: is_overloaded
  expect(at(svc, X1, t, 0, sysctls)).toBe('B'); // wlc over all → B joins the set
  load(svc, 'C', 0);
  return svc;
}

describe('lblcr (§2.14)', () => {
  it('a miss picks by wlc and creates a one-server set; hits stay on it', () => {
    const svc = lblcrABC();
    expect(at(svc, X1, 0)).toBe('C');
    load(svc, 'C', 1, 40);
    expect(at(svc, X2, 1)).toBe('B');
    expect(at(svc, X1, 2)).toBe('C');
  });

  it('replication: an is_overloaded member makes wlc add a server to the set; the set then answers with its least loaded member', () => {
    const svc = replicated(10);
    // Equal loads: the tie goes to the earlier member, the newest (B, at the head).
    expect(at(svc, X1, 11)).toBe('B');
    load(svc, 'B', 1, 5);
    expect(at(svc, X1, 12)).toBe('C');
    // A is never in X1's set, however idle.
    load(svc, 'C', 1, 5);
    load(svc, 'B', 1, 6);
    expect(at(svc, X1, 13)).toBe('C');
  });

  it('unlike lblc, a member with the threshold OVERLOAD flag is skipped; wlc then replicates', () => {
    const svc = lblcrABC();
    expect(at(svc, X1, 0)).toBe('C');
    setDestCounters(dest(svc, 'C'), { overloaded: true });
    expect(at(svc, X1, 1)).toBe('B');
    setDestCounters(dest(svc, 'C'), { overloaded: false });
    expect(at(svc, X1, 2)).toBe('B'); // {B, C}, tie → B
  });

  it('drops the most loaded member only when the set has not changed for MORE than lblcr_expiration (24 h)', () => {
    // Set {B, C} modified at 10 s; a use at 12 h keeps the entry alive without changing the set.
    const probe = (t: number, ns: number): string => {
      const svc = replicated(10);
      expect(at(svc, X1, 43_200)).toBe('B');
      load(svc, 'B', 0, 5); // B is the most loaded member, C the least
      expect(at(svc, X1, t, ns)).toBe('C');
      // Now load C: if B is still a member it wins; if it was dropped only C is left.
      load(svc, 'C', 0, 9);
      return at(svc, X1, t + 1);
    };
    expect(probe(10 + DAY, 0)).toBe('B'); // exactly 24 h: time_after is strict, nothing dropped
    expect(probe(10 + DAY, 1)).toBe('C'); // 24 h + 1 ns: B dropped, the set is {C}
  });

  it('the least loaded member is chosen before the clean-up: on a tie it is returned and dropped', () => {
    const svc = replicated(10);
    expect(at(svc, X1, 43_200)).toBe('B');
    // Equal loads: min and max both pick the head B. B is returned, then is no longer a member.
    expect(at(svc, X1, 10 + DAY + 1)).toBe('B');
    load(svc, 'C', 0, 9);
    expect(at(svc, X1, 10 + DAY + 2)).toBe('C');
  });

  it('after a drop, lastmod moves: the next drop waits another 24 h', () => {
    const svc = lblcrABC();
    expect(at(svc, X1, 0)).toBe('C');
    load(svc, 'C', 2);
    expect(at(svc, X1, 1)).toBe('B'); // {B, C}
    load(svc, 'B', 2);
    expect(at(svc, X1, 2)).toBe('A'); // {A, B, C}, lastmod 2 s
    load(svc, 'C', 0, 3);
    load(svc, 'B', 0, 2);
    load(svc, 'A', 0, 1);
    expect(at(svc, X1, 40_000)).toBe('A');
    expect(at(svc, X1, 2 + DAY + 1)).toBe('A'); // C (most loaded) dropped; lastmod = now
    expect(at(svc, X1, 80_000 + DAY)).toBe('A');
    load(svc, 'A', 0, 5); // {A, B}: B least now
    expect(at(svc, X1, 3 + 2 * DAY)).toBe('B'); // less than 24 h since the drop: B still there
  });

  it('garbage collection as lblc, with lblcr_expiration', () => {
    const sc = { lblcr_expiration: 120 };
    const make = (): Service => {
      const svc = lblcrABC(sc);
      expect(at(svc, X1, 0, 0, sc)).toBe('C');
      load(svc, 'C', 0, 10);
      return svc;
    };
    expect(at(make(), X1, 1_799, 0, sc)).toBe('C');
    expect(at(make(), X1, 1_800, 0, sc)).toBe('B');
    expect(at(make(), X1, DAY - 1)).toBe('C'); // default 24 h: the 48th sweep, at 86 400 s, drops it
    expect(at(make(), X1, DAY)).toBe('B');
  });

  it('members hold references on their servers', () => {
    const svc = replicated(10);
    expect(dest(svc, 'B').refcnt).toBe(1);
    expect(dest(svc, 'C').refcnt).toBe(1);
    expect(dest(svc, 'A').refcnt).toBe(0);
    editDest(svc, { daddr: '10.0.0.2', weight: 1 });
    expect(dest(svc, 'B').refcnt).toBe(1);
  });

  it('property: with the server set unchanged and no server overloaded, a destination keeps its server (within 24 h)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            daddr: fc.integer({ min: 0, max: 7 }),
            dt: fc.integer({ min: 0, max: 10_000 }),
            server: fc.nat(),
            inact: fc.integer({ min: 0, max: 1000 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (weights, steps) => {
          const svc = createService({ scheduler: 'lblcr', fwmark: 1 });
          weights.forEach((w, i) => addDest(svc, { daddr: `10.0.1.${i + 1}`, weight: w }));
          const ds = destinations(svc);
          const seen = new Map<number, Dest>();
          let t = 0;
          for (const s of steps) {
            t += s.dt;
            if (t >= DAY) break;
            setDestCounters(ds[s.server % ds.length] as Dest, { inactConns: s.inact });
            const d = schedule(svc, { vaddr: (0xcb007100 + s.daddr) >>> 0 }, createSchedEnv(0, t * SEC));
            expect(d).not.toBeNull();
            const first = seen.get(s.daddr);
            if (first === undefined) seen.set(s.daddr, d as Dest);
            else expect(d).toBe(first);
          }
        },
      ),
    );
  });
});
