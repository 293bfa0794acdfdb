/**
 * twos (§2.9): r1, r2 from [0, total] inclusive; the first server whose running weight sum reaches
 * each; choice2 only if w2*oh1 > w1*oh2. The exact distribution by enumerating every (r1, r2) with
 * a scripted environment, then a seeded statistical check.
 */
import { describe, expect, it } from 'vitest';
import { createSchedEnv, destinations, schedule } from '../../../src/ipvs/index.js';
import type { Service } from '../../../src/ipvs/index.js';
import { nameOf, ScriptedEnv, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

const P_Q_R: readonly ServerSpec[] = [
  { name: 'P', weight: 3 },
  { name: 'Q', weight: 1 },
  { name: 'R', weight: 2 },
];

function enumerate(svc: Service, total: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let r1 = 0; r1 <= total; r1++) {
    for (let r2 = 0; r2 <= total; r2++) {
      const env = new ScriptedEnv([r1, r2]);
      const n = nameOf(schedule(svc, {}, env));
      expect(env.calls).toEqual([
        [0, total],
        [0, total],
      ]);
      counts[n] = (counts[n] ?? 0) + 1;
    }
  }
  return counts;
}

describe('twos (§2.9)', () => {
  it('weights 3, 1, 2, no load: over all 49 (r1, r2) pairs P 28, Q 7, R 14, i.e. 4/7, 1/7, 2/7', () => {
    expect(enumerate(serviceInListOrder('twos', P_Q_R), 6)).toEqual({ P: 28, Q: 7, R: 14 });
  });

  it('r1 picks choice1: 0..3 → P (0 included), 4 → Q, 5..6 → R', () => {
    const svc = serviceInListOrder('twos', P_Q_R);
    const at = (r: number): string => nameOf(schedule(svc, {}, new ScriptedEnv([r, r])));
    expect([0, 1, 2, 3, 4, 5, 6].map(at).join(' ')).toBe('P P P P Q R R');
  });

  it('choice2 wins only if w2·oh1 > w1·oh2 (P 1 active = 256, Q idle, R 2 active = 512)', () => {
    const svc = serviceInListOrder('twos', [
      { name: 'P', weight: 3, active: 1 },
      { name: 'Q', weight: 1 },
      { name: 'R', weight: 2, active: 2 },
    ]);
    const pick = (r1: number, r2: number): string => nameOf(schedule(svc, {}, new ScriptedEnv([r1, r2])));
    expect(pick(0, 4)).toBe('Q'); // 1·256 > 3·0
    expect(pick(4, 0)).toBe('Q'); // 3·0 > 1·256 is false
    expect(pick(0, 5)).toBe('P'); // 2·256 > 3·512 is false
    expect(pick(5, 0)).toBe('P'); // 3·512 > 2·256
    expect(pick(5, 4)).toBe('Q'); // 1·512 > 2·0
    expect(enumerate(svc, 6)).toEqual({ P: 32, Q: 13, R: 4 });
  });

  it('weight 0 and OVERLOAD are left out of total and of the walk; none usable → null without drawing', () => {
    const svc = serviceInListOrder('twos', [
      { name: 'A', weight: 5, overloaded: true },
      { name: 'B', weight: 0 },
      { name: 'C', weight: 1 },
      { name: 'D', weight: 1 },
    ]);
    expect(enumerate(svc, 2)).toEqual({ C: 6, D: 3 });
    const none = serviceInListOrder('twos', [{ name: 'A', weight: 0 }]);
    const env = new ScriptedEnv([]);
    expect(schedule(none, {}, env)).toBeNull();
    expect(env.calls).toEqual([]);
  });

  it('seeded generator: 70 000 picks of 3, 1, 2 come out near 4/7, 1/7, 2/7', () => {
    const svc = serviceInListOrder('twos', P_Q_R);
    const env = createSchedEnv(20240601);
    const counts = new Map(destinations(svc).map((d) => [d, 0]));
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const d = schedule(svc, {}, env);
      if (d === null) throw new Error('no pick');
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    const freq = destinations(svc).map((d) => (counts.get(d) ?? 0) / n);
    // Standard deviations are below 0.0019; 0.01 is more than 5 of them.
    expect(Math.abs((freq[0] ?? 0) - 4 / 7)).toBeLessThan(0.01);
    expect(Math.abs((freq[1] ?? 0) - 1 / 7)).toBeLessThan(0.01);
    expect(Math.abs((freq[2] ?? 0) - 2 / 7)).toBeLessThan(0.01);
  });
});
