import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { Trace } from '../../src/trace/trace.js';
import { colorEnabled } from '../../src/ui/color.js';
import { computeLayout } from '../../src/ui/layout.js';
import { buildScreen } from '../../src/ui/screen.js';
import { indexTrace } from '../../src/ui/trace-index.js';
import { initialViewState } from '../../src/ui/view-state.js';
import { drEvents } from './fixture.js';

/** A long trace: the fixture's hops repeated, each round a new packet id. */
function bigTrace(rounds: number): Trace {
  const trace = new Trace({ scenario: 'big', title: 'big', seed: 1, hosts: ['client', 'director', 'rs1'], segments: ['lan'] });
  for (let r = 0; r < rounds; r++) {
    for (const e of drEvents()) {
      const t = e.t + r * 1_000_000;
      trace.emit('pkt' in e && e.pkt !== undefined ? ({ ...e, t, pkt: e.pkt + r * 10 } as TraceEvent) : { ...e, t });
    }
  }
  return trace;
}

describe('trace index', () => {
  it('links each hop to the previous tx of the same packet', () => {
    const trace = bigTrace(2);
    const index = indexTrace(trace);
    // round 0: 0 tx client, 1 rx director, 5 tx director, 6 rx rs1
    expect(Array.from(index.prevHop.slice(0, 8))).toEqual([-1, 0, -1, -1, -1, 0, 5, -1]);
    // round 1 is another packet: it does not link back to round 0
    expect(index.prevHop[8]).toBe(-1);
    expect(index.prevHop[13]).toBe(8);
    expect(Array.from(index.checkpoints)).toEqual([7, 15]);
  });
});

describe('buildScreen', () => {
  it('reads only the visible window of a 100,000-event trace', () => {
    const trace = bigTrace(12_500);
    expect(trace.events.length).toBe(100_000);
    const index = indexTrace(trace);
    const layout = computeLayout(80, 24);
    const touched = new Set<number>();
    const events = trace.events;
    (trace as { events: TraceEvent[] }).events = new Proxy(events, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) touched.add(Number(prop));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const step = 54_321;
    const top = step - 3;
    const screen = buildScreen(trace, index, { ...initialViewState(), step }, layout, top);
    expect(screen.list).toHaveLength(layout.listRows);
    for (const i of touched) {
      const inWindow = i >= top && i < top + layout.listRows;
      const prevHop = i === index.prevHop[step];
      expect(inWindow || prevHop).toBe(true);
    }
  });

  it('fills exactly the layout', () => {
    const trace = bigTrace(1);
    const index = indexTrace(trace);
    for (const [cols, rows] of [[80, 24], [200, 60], [40, 12]] as const) {
      const layout = computeLayout(cols, rows);
      for (let step = 0; step < trace.events.length; step++) {
        const s = buildScreen(trace, index, { ...initialViewState(), step }, layout, 0);
        expect(s.list).toHaveLength(layout.listRows);
        expect(s.explanation).toHaveLength(layout.explanationRows);
        if (layout.sideBySide) {
          expect(s.tree).toHaveLength(layout.detailRows);
          expect(s.changes).toHaveLength(layout.detailRows);
        } else {
          expect(s.tree.length + s.changes.length).toBe(layout.detailRows);
        }
        for (const l of [...s.tree.map((x) => x.text), ...s.changes.map((x) => x.text), ...s.list.map((x) => x.text), s.rule, s.footer]) {
          expect(l.length).toBeLessThanOrEqual(layout.width);
        }
      }
    }
  });

  it('shows an empty trace without failing', () => {
    const trace = new Trace({ scenario: 'e', title: 'empty', seed: 1, hosts: [], segments: [] });
    const s = buildScreen(trace, indexTrace(trace), initialViewState(), computeLayout(80, 24), 0);
    expect(s.headerStatus).toContain('step 0/0');
    expect(s.list[0]?.text).toContain('The trace is empty');
  });
});

describe('colorEnabled', () => {
  it('follows the request unless NO_COLOR is set and not empty', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
  });
});
