import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/trace/filter/index.js';
import {
  filterSteps,
  intersect,
  lowerBound,
  moveShown,
  nextShown,
  packetSteps,
  prevShown,
  rowOf,
  shownCount,
  stepAtRow,
  union,
  type StepSet,
} from '../../src/ui/step-view.js';
import { drTrace } from './fixture.js';

/** A sorted set of distinct steps below `max`, as the views hold them. */
const stepSet = (max = 60): fc.Arbitrary<Int32Array> =>
  fc.uniqueArray(fc.integer({ min: 0, max: max - 1 }), { maxLength: 25 }).map((a) => Int32Array.from(a.sort((x, y) => x - y)));

/** The naive model: the list of shown steps. */
function shown(view: StepSet, length: number): number[] {
  return view === undefined ? Array.from({ length }, (_, i) => i) : Array.from(view);
}

const viewAndLength = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((length) => ({ view: undefined as StepSet, length })),
  stepSet().map((view) => ({ view: view as StepSet, length: 60 })),
);

describe('lowerBound', () => {
  it('is the first index whose step is not below the one asked', () => {
    expect(lowerBound(Int32Array.from([2, 5, 9]), 0)).toBe(0);
    expect(lowerBound(Int32Array.from([2, 5, 9]), 5)).toBe(1);
    expect(lowerBound(Int32Array.from([2, 5, 9]), 6)).toBe(2);
    expect(lowerBound(Int32Array.from([2, 5, 9]), 10)).toBe(3);
    expect(lowerBound(new Int32Array(0), 3)).toBe(0);
    fc.assert(
      fc.property(stepSet(), fc.integer({ min: -2, max: 62 }), (steps, step) => {
        const naive = Array.from(steps).findIndex((s) => s >= step);
        expect(lowerBound(steps, step)).toBe(naive === -1 ? steps.length : naive);
      }),
    );
  });
});

describe('nextShown / prevShown', () => {
  it('find the nearest shown step strictly after / before', () => {
    fc.assert(
      fc.property(viewAndLength, fc.integer({ min: 0, max: 59 }), ({ view, length }, s) => {
        // the step is always one of the trace (0 on an empty one)
        const step = length === 0 ? 0 : s % length;
        const all = shown(view, length);
        expect(nextShown(view, length, step)).toBe(all.find((s) => s > step));
        expect(prevShown(view, step)).toBe([...all].reverse().find((s) => s < step));
      }),
    );
  });

  it('stop at the ends of an unnarrowed trace', () => {
    expect(nextShown(undefined, 5, 4)).toBeUndefined();
    expect(nextShown(undefined, 5, 3)).toBe(4);
    expect(prevShown(undefined, 0)).toBeUndefined();
  });
});

describe('moveShown', () => {
  it('moves n rows in the view, clamped to its ends, from the row of the step', () => {
    fc.assert(
      fc.property(viewAndLength, fc.integer({ min: 0, max: 59 }), fc.integer({ min: -30, max: 30 }), ({ view, length }, s, n) => {
        const all = shown(view, length);
        const step = length === 0 ? 0 : s % Math.max(1, length);
        const got = moveShown(view, length, step, n);
        if (length === 0 || all.length === 0) {
          expect(got).toBe(length === 0 ? 0 : step);
          return;
        }
        // The naive model: where the step sits in the view (a hidden step sits between rows).
        const at = all.indexOf(step);
        let target: number;
        if (at >= 0) target = at + n;
        else {
          const after = all.findIndex((x) => x > step);
          const firstAfter = after === -1 ? all.length : after;
          // n rows forward from a hidden step: the first shown after it is 1 row on.
          target = n > 0 ? firstAfter - 1 + n : firstAfter + n;
        }
        expect(got).toBe(all[Math.min(Math.max(target, 0), all.length - 1)]);
        expect(all).toContain(got);
      }),
    );
  });

  it('moves one row from a hidden step to its neighbours', () => {
    const view = Int32Array.from([2, 8, 12]);
    expect(moveShown(view, 20, 5, 1)).toBe(8);
    expect(moveShown(view, 20, 5, -1)).toBe(2);
    expect(moveShown(view, 20, 0, -1)).toBe(2);
    expect(moveShown(view, 20, 19, 1)).toBe(12);
  });
});

describe('rowOf / stepAtRow / shownCount', () => {
  it('rowOf is the row of the step, or of the last shown step before it', () => {
    fc.assert(
      fc.property(viewAndLength, fc.integer({ min: 0, max: 59 }), ({ view, length }, step) => {
        const all = shown(view, length);
        const row = rowOf(view, step);
        const at = all.indexOf(step);
        if (view === undefined) expect(row).toBe(step);
        else if (at >= 0) expect(row).toBe(at);
        else expect(row).toBe(Math.max(0, all.filter((s) => s < step).length - 1));
        if (at >= 0) expect(stepAtRow(view, row)).toBe(step);
        expect(shownCount(view, length)).toBe(all.length);
      }),
    );
  });
});

describe('intersect / union', () => {
  it('are the sorted set intersection and union', () => {
    fc.assert(
      fc.property(stepSet(), stepSet(), (a, b) => {
        const A = Array.from(a);
        const B = Array.from(b);
        expect(Array.from(intersect(a, b))).toEqual(A.filter((x) => B.includes(x)));
        expect(Array.from(union(a, b))).toEqual([...new Set([...A, ...B])].sort((x, y) => x - y));
      }),
    );
  });
});

describe('filterSteps / packetSteps', () => {
  it('select the frames a display filter matches, and every event of one packet', () => {
    const trace = drTrace();
    const c = compileFilter('eth.dst == 02:00:00:00:00:0b');
    if (!c.ok) throw new Error(c.error.message);
    // only the director's forwarded frame (tx) and rs1's reception of it (rx); not the xmit event
    expect(Array.from(filterSteps(trace, c.filter))).toEqual([5, 6]);
    // the checkpoint has no packet
    expect(Array.from(packetSteps(trace, 7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(packetSteps(trace, 8))).toEqual([]);
  });
});
