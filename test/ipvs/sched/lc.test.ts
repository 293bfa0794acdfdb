/** lc (§2.3): smallest activeConns*256 + inactConns, ties to the first in list order. */
import { describe, expect, it } from 'vitest';
import { destinations, editDest, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import { destOverhead } from '../../../src/ipvs/sched/overhead.js';
import { addrOf, nameOf, S123, serviceAdded, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('lc (§2.3)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['worked example S1 (oh 266), S2 (512), S3 (556) → S1', S123, 'S1'],
    ['overhead is active<<8 + inactive, not <<5: 1 active (256) loses to 100 inactive (100)', [{ name: 'A', active: 1 }, { name: 'B', inactive: 100 }], 'B'],
    ['256 inactive ties with 1 active: the first in list order wins', [{ name: 'A', inactive: 256 }, { name: 'B', active: 1 }], 'A'],
    ['weights are ignored: weight 100 with 2 inactive loses to weight 1 with 1', [{ name: 'A', weight: 100, inactive: 2 }, { name: 'B', weight: 1, inactive: 1 }], 'B'],
    ['a weight-0 server is skipped even when idle', [{ name: 'A', weight: 0 }, { name: 'B', active: 5 }], 'B'],
    ['an OVERLOADed server is skipped even when idle', [{ name: 'A', overloaded: true }, { name: 'B', active: 5 }], 'B'],
    ['nothing usable → null', [{ name: 'A', weight: 0 }, { name: 'B', overloaded: true }], '-'],
    ['empty list → null', [], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('lc', list)))).toBe(want);
    });
  }

  it('the worked example\'s overheads: 266, 512, 556', () => {
    expect(destinations(serviceInListOrder('lc', S123)).map(destOverhead)).toEqual([266, 512, 556]);
  });

  it('all idle: the newest server (head of the list) gets the connection', () => {
    const svc = serviceAdded('lc', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    expect(destinations(svc).map(nameOf)).toEqual(['C', 'B', 'A']);
    expect(nameOf(schedule(svc))).toBe('C');
  });

  it('keeps no state: the same counters give the same answer, new counters a new one', () => {
    const svc = serviceInListOrder('lc', [{ name: 'A' }, { name: 'B' }]);
    expect(nameOf(schedule(svc))).toBe('A');
    expect(nameOf(schedule(svc))).toBe('A');
    setDestCounters(destinations(svc)[0]!, { activeConns: 1 });
    expect(nameOf(schedule(svc))).toBe('B');
    editDest(svc, { daddr: addrOf('B'), dport: 80, weight: 0 });
    expect(nameOf(schedule(svc))).toBe('A');
  });
});
