/** sed (§2.5): smallest (activeConns + 1) / weight, inactive connections ignored, ties to the earlier server. */
import { describe, expect, it } from 'vitest';
import { schedule } from '../../../src/ipvs/index.js';
import { nameOf, S123, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('sed (§2.5)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['the S1/S2/S3 example: 2/1, 3/3, 2/2 → S2 (tie with S3, S2 is earlier)', S123, 'S2'],
    ['inactive connections do not count: 1000 inactive loses to nothing', [{ name: 'A', active: 1 }, { name: 'B', inactive: 1000 }], 'B'],
    ['all idle, different weights: 1/1 vs 1/4 → the heavier B', [{ name: 'A', weight: 1 }, { name: 'B', weight: 4 }], 'B'],
    ['(3+1)/4 = (0+1)/1: tie, the earlier server', [{ name: 'A', weight: 4, active: 3 }, { name: 'B', weight: 1 }], 'A'],
    ['(4+1)/4 > (0+1)/1 → B', [{ name: 'A', weight: 4, active: 4 }, { name: 'B', weight: 1 }], 'B'],
    ['weight 0 and OVERLOAD skipped', [{ name: 'A', weight: 0 }, { name: 'B', overloaded: true, weight: 9 }, { name: 'C', active: 7 }], 'C'],
    ['nothing usable → null', [{ name: 'A', weight: 0 }], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('sed', list)))).toBe(want);
    });
  }
});
