import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulator } from '../../src/net/sim.js';
import type { Timer } from '../../src/net/types.js';

type Op = { kind: 'at'; delay: number; fromEvent: boolean } | { kind: 'cancel'; index: number };

describe('Simulator event queue', () => {
  it('pops events in (time, insertion) order and never runs cancelled ones', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('at' as const), delay: fc.integer({ min: 0, max: 20 }), fromEvent: fc.boolean() }),
      fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(200) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const sim = new Simulator(1);
        const scheduled: { time: number; seq: number; timer: Timer; cancelled: boolean }[] = [];
        const ran: { time: number; seq: number }[] = [];
        let seq = 0;
        const schedule = (delay: number): void => {
          const mySeq = seq++;
          const time = sim.now + delay;
          const entry = { time, seq: mySeq, timer: sim.after(delay, () => ran.push({ time: sim.now, seq: mySeq })), cancelled: false };
          scheduled.push(entry);
        };
        // Half the schedules happen from inside a running event, so that the queue is mutated while it runs.
        const deferred: number[] = [];
        for (const o of ops) {
          if (o.kind === 'at') {
            if (o.fromEvent) deferred.push(o.delay);
            else schedule(o.delay);
          } else if (scheduled.length > 0) {
            const e = scheduled[o.index % scheduled.length]!;
            if (e.timer.active) e.cancelled = true;
            e.timer.cancel();
            expect(e.timer.active).toBe(false);
          }
        }
        if (deferred.length > 0) sim.at(5, () => deferred.forEach((d) => schedule(d)));
        const res = sim.run();
        expect(res.reason).toBe('idle');
        for (let i = 1; i < ran.length; i++) {
          const a = ran[i - 1]!;
          const b = ran[i]!;
          expect(a.time < b.time || (a.time === b.time && a.seq < b.seq)).toBe(true);
        }
        const expected = scheduled.filter((e) => !e.cancelled).map((e) => e.seq).sort((x, y) => x - y);
        expect(ran.map((r) => r.seq).sort((x, y) => x - y)).toEqual(expected);
        for (const r of ran) expect(r.time).toBe(scheduled.find((e) => e.seq === r.seq)!.time);
      }),
      { numRuns: 300 },
    );
  });

  it('stops at until and sets the clock to it', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const t of [10, 20, 30]) sim.at(t, () => seen.push(t));
    expect(sim.run({ until: 20 })).toEqual({ reason: 'until', events: 2, now: 20 });
    expect(seen).toEqual([10, 20]);
    expect(sim.run({ until: 100 })).toEqual({ reason: 'idle', events: 1, now: 100 });
  });

  it('ends an event storm with reason budget', () => {
    const sim = new Simulator();
    const storm = (): void => {
      sim.after(1, storm);
      sim.after(1, storm);
    };
    sim.at(0, storm);
    const res = sim.run({ maxEvents: 10_000 });
    expect(res.reason).toBe('budget');
    expect(res.events).toBe(10_000);
  });

  it('compacts a heap full of cancelled timers and keeps order', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    const keep: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = sim.at(i % 97, () => ran.push(i));
      if (i % 5 !== 0) t.cancel();
      else keep.push(i);
    }
    expect(sim.pending).toBe(keep.length);
    sim.run();
    const expected = [...keep].sort((a, b) => (a % 97) - (b % 97) || a - b);
    expect(ran).toEqual(expected);
  });

  it('draws the same integers for the same seed, and ids count up', () => {
    const a = new Simulator(42);
    const b = new Simulator(42);
    const c = new Simulator(43);
    const da = Array.from({ length: 20 }, () => a.randomInt(0, 1_000_000));
    expect(Array.from({ length: 20 }, () => b.randomInt(0, 1_000_000))).toEqual(da);
    expect(Array.from({ length: 20 }, () => c.randomInt(0, 1_000_000))).not.toEqual(da);
    expect([a.nextPacketId(), a.nextPacketId(), a.nextFlowId()]).toEqual([1, 2, 1]);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator();
    sim.at(10, () => undefined);
    sim.run();
    expect(() => sim.at(5, () => undefined)).toThrow(RangeError);
  });
});
