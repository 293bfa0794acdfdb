/** The progress bar of `lvslab run` (src/cli/progress.ts) and the plan end it measures against (src/scenarios/plan-end.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Progress, progressLine } from '../../src/cli/progress.js';
import { plannedEndNs } from '../../src/scenarios/plan-end.js';
import { loadScenario } from '../../src/scenarios/load.js';
import type { TraceEvent } from '../../src/trace/events.js';

const MS = 1_000_000;

describe('progressLine', () => {
  it('a bar, the percentage and the virtual time against until', () => {
    expect(progressLine({ kind: 'until', ns: 2000 * MS }, 500 * MS, 1_234_567, 2000, 200)).toBe(
      'simulating [██████░░░░░░░░░░░░░░░░░░]  25%  virtual 0.500 s of 2.000 s  1,234,567 events  617,284 events/s',
    );
  });

  it('past the planned end: a full bar and what the run is doing', () => {
    expect(progressLine({ kind: 'planned', ns: 1000 * MS }, 45_200 * MS, 10, 1000, 200)).toBe(
      'simulating [████████████████████████] traffic done, running until idle  virtual 45.200 s  10 events  10 events/s',
    );
  });

  it('no end known: no bar', () => {
    expect(progressLine({ kind: 'unknown' }, 1500 * MS, 20_000, 2000, 200)).toBe('simulating  virtual 1.500 s  20,000 events  10,000 events/s');
  });

  it('never wider than the terminal, and the bar never overflows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 20, max: 300 }), (end, t, cols) => {
        const line = progressLine({ kind: 'until', ns: end }, t, 5, 1000, cols);
        expect(line.length).toBeLessThan(cols);
        const filled = /\[(█*)(░*)\]/.exec(progressLine({ kind: 'until', ns: end }, t, 5, 1000, 400));
        expect(filled?.[1]?.length ?? -1).toBe(Math.min(24, Math.floor(Math.min(1, t / end) * 24)));
      }),
    );
  });
});

describe('Progress', () => {
  const event = (t: number): TraceEvent => ({ kind: 'app', t, host: 'client', msg: { id: 'app.http.done', params: {} } }) as unknown as TraceEvent;

  function drive(ms: readonly number[]): string[] {
    const writes: string[] = [];
    let clock = 0;
    const p = new Progress({ write: (s: string) => writes.push(s) !== 0, columns: 200 } as unknown as NodeJS.WriteStream, { end: { kind: 'until', ns: 1000 * MS }, now: () => clock });
    for (const at of ms) {
      clock = at;
      for (let i = 0; i < 16_384; i++) p.emit(event(at * MS));
    }
    p.done();
    return writes;
  }

  it('says nothing for a run shorter than a second', () => {
    expect(drive([100, 500, 900])).toEqual([]);
  });

  it('draws after a second, at most every 200 ms, and clears its line at the end', () => {
    const w = drive([500, 1000, 1100, 1300, 1350, 1600]);
    expect(w.map((s) => /virtual ([\d.]+) s of/.exec(s)?.[1] ?? s)).toEqual(['1.000', '1.300', '1.600', '\r\x1b[K']);
    expect(w[0]?.startsWith('\r\x1b[K')).toBe(true);
  });
});

describe('plannedEndNs', () => {
  const scenario = (traffic: string, extra = ''): ReturnType<typeof loadScenario> =>
    loadScenario(
      `lvslab: 1
name: t
title: t
topic: misc
summary: t
segments: [{ name: lan }]
hosts:
  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }
  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } } }
traffic:
${traffic}
${extra}`,
      'plan.yaml',
    );
  const end = (traffic: string, extra = ''): number | undefined => {
    const r = scenario(traffic, extra);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
    return plannedEndNs(r.scenario.scenario);
  };

  it.each([
    ['http: the last request starts at at + (count - 1) × every', '  - { from: a, http: { url: "http://10.0.0.2/", count: 4, every: 100ms }, at: 1ms }', 301 * MS],
    ['ping', '  - { from: a, ping: { to: 10.0.0.2, count: 3 }, at: 2s }', 4000 * MS],
    ['tcp: count connections, each with writes spaced by gap', '  - { from: a, tcp: { to: 10.0.0.2:80, send: 10, count: 2, every: 1s, writes: 3, gap: 10ms } }', 1020 * MS],
    ['synflood: at + for', '  - { from: a, synflood: { to: 10.0.0.2:80, rate: 100/s, for: 500ms }, at: 1s }', 1500 * MS],
    ['conns: the last of clients × each connections, count per period', '  - { from: a, conns: { to: 10.0.0.2:80, sources: 10.1.0.0/24, clients: 10, each: 30, rate: 100/s } }', 2990 * MS],
  ])('%s', (_what, traffic, want) => {
    expect(end(traffic)).toBe(want);
  });

  it('the latest of traffic, timed events and checkpoints', () => {
    const traffic = '  - { from: a, ping: { to: 10.0.0.2 } }';
    expect(end(traffic, 'events:\n  - { at: 3s, crash: b }')).toBe(3000 * MS);
    expect(end(traffic, 'checkpoints:\n  - { at: 7s, title: x }')).toBe(7000 * MS);
  });

  it('unknown with a pcap replay (its length is in the capture)', () => {
    expect(end('  - { from: a, replay: { file: ../../fixtures/pcaps/http.pcap } }')).toBeUndefined();
  });
});
