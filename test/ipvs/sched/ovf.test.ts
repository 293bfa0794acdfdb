/** ovf (§2.8): highest weight among servers not full (activeConns > weight is full), ties to the first in list order. */
import { describe, expect, it } from 'vitest';
import { schedule, setDestCounters } from '../../../src/ipvs/index.js';
import { nameOf, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('ovf (§2.8)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['weight 3 with 3 active still takes the 4th (the test is >)', [{ name: 'A', weight: 3, active: 3 }, { name: 'B', weight: 1 }], 'A'],
    ['weight 3 with 4 active overflows to the next', [{ name: 'A', weight: 3, active: 4 }, { name: 'B', weight: 1 }], 'B'],
    ['only active connections count', [{ name: 'A', weight: 3, inactive: 10000 }, { name: 'B', weight: 1 }], 'A'],
    ['equal weights: the first in list order', [{ name: 'A', weight: 2, active: 2 }, { name: 'B', weight: 2 }], 'A'],
    ['OVERLOAD and weight 0 skipped', [{ name: 'A', weight: 9, overloaded: true }, { name: 'B', weight: 0 }, { name: 'C', weight: 1 }], 'C'],
    ['everybody full → null', [{ name: 'A', weight: 1, active: 2 }, { name: 'B', weight: 2, active: 3 }], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('ovf', list)))).toBe(want);
    });
  }

  it('w + 1 rule over a run of connections: A (w3) takes 4, then B (w1) takes 2, then none', () => {
    const svc = serviceInListOrder('ovf', [{ name: 'A', weight: 3 }, { name: 'B', weight: 1 }]);
    const got: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = schedule(svc);
      got.push(nameOf(d));
      if (d !== null) setDestCounters(d, { activeConns: d.activeConns + 1 });
    }
    expect(got.join(' ')).toBe('A A A A B B -');
  });
});
