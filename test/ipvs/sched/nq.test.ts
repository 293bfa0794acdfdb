/** nq (§2.6): the first idle server in list order whatever its weight; otherwise the sed rule. */
import { describe, expect, it } from 'vitest';
import { schedule } from '../../../src/ipvs/index.js';
import { nameOf, S123, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('nq (§2.6)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['an idle weight-1 server ahead of an idle weight-100 one wins', [{ name: 'A', weight: 1 }, { name: 'B', weight: 100 }], 'A'],
    ['idle means no ACTIVE connection: inactive ones do not matter', [{ name: 'A', weight: 100, active: 1 }, { name: 'B', weight: 1, inactive: 500 }], 'B'],
    ['the first idle server, even after a lightly loaded heavy one', [{ name: 'A', weight: 100, active: 1 }, { name: 'B', weight: 1, active: 1 }, { name: 'C', weight: 1 }, { name: 'D', weight: 50 }], 'C'],
    ['an idle server with OVERLOAD is skipped', [{ name: 'A', overloaded: true }, { name: 'B', active: 1 }], 'B'],
    ['an idle server with weight 0 is skipped', [{ name: 'A', weight: 0 }, { name: 'B', active: 1 }], 'B'],
    ['nobody idle: the sed rule, S1/S2/S3 → S2', S123, 'S2'],
    ['nobody idle: ties to the earlier server', [{ name: 'A', weight: 2, active: 3 }, { name: 'B', weight: 1, active: 1 }], 'A'],
    ['nobody idle: (1+1)/1 > (2+1)/2 → B', [{ name: 'A', weight: 1, active: 1 }, { name: 'B', weight: 2, active: 2 }], 'B'],
    ['nothing usable → null', [{ name: 'A', weight: 0 }, { name: 'B', overloaded: true }], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('nq', list)))).toBe(want);
    });
  }
});
