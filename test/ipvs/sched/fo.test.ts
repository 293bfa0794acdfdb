/** fo (§2.7): the highest weight among servers with no OVERLOAD and weight > 0, ties to the first in list order. */
import { describe, expect, it } from 'vitest';
import { destinations, editDest, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import { addrOf, nameOf, serviceAdded, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('fo (§2.7)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['the highest weight wins whatever its load', [{ name: 'A', weight: 1 }, { name: 'B', weight: 3, active: 1000 }], 'B'],
    ['equal weights: the first in list order', [{ name: 'A', weight: 5, active: 9 }, { name: 'B', weight: 5 }], 'A'],
    ['an OVERLOADed heaviest server is passed over', [{ name: 'A', weight: 10, overloaded: true }, { name: 'B', weight: 2 }, { name: 'C', weight: 3 }], 'C'],
    ['weight 0 never', [{ name: 'A', weight: 0 }], '-'],
    ['empty → null', [], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('fo', list)))).toBe(want);
    });
  }

  it('equal weights added A, B, C: the newest, C, takes everything', () => {
    const svc = serviceAdded('fo', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    for (let i = 0; i < 3; i++) expect(nameOf(schedule(svc))).toBe('C');
  });

  it('failover: lowering the primary\'s weight or OVERLOADing it moves new connections, restoring moves them back', () => {
    const svc = serviceAdded('fo', [{ name: 'A', weight: 100 }, { name: 'B', weight: 50 }]);
    expect(nameOf(schedule(svc))).toBe('A');
    editDest(svc, { daddr: addrOf('A'), dport: 80, weight: 0 });
    expect(nameOf(schedule(svc))).toBe('B');
    editDest(svc, { daddr: addrOf('A'), dport: 80, weight: 100 });
    expect(nameOf(schedule(svc))).toBe('A');
    const a = destinations(svc).find((d) => nameOf(d) === 'A');
    if (a === undefined) throw new Error('A missing');
    setDestCounters(a, { overloaded: true });
    expect(nameOf(schedule(svc))).toBe('B');
  });
});
