import { describe, expect, it } from 'vitest';
import { Trace } from '../../src/trace/trace.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { indexTrace } from '../../src/ui/trace-index.js';
import { initialViewState, reduceView, SPEEDS, stepInterval, type ViewAction, type ViewState } from '../../src/ui/view-state.js';

function traceOf(kinds: readonly ('app' | 'checkpoint')[]): Trace {
  const trace = new Trace({ scenario: 't', title: 'T', seed: 1, hosts: ['h'], segments: [] });
  kinds.forEach((kind, i) => {
    const base = { t: i * 1000, host: 'h', msg: { id: 'x' } };
    const e: TraceEvent =
      kind === 'app' ? { ...base, kind: 'app', app: 'a' } : { ...base, kind: 'checkpoint', index: i, title: `cp${i}` };
    trace.emit(e);
  });
  return trace;
}

function run(trace: Trace, actions: readonly ViewAction[], from: ViewState = initialViewState()): ViewState {
  const index = indexTrace(trace);
  return actions.reduce((s, a) => reduceView(s, a, index), from);
}

describe('reduceView', () => {
  const trace = traceOf(['app', 'app', 'checkpoint', 'app', 'app', 'checkpoint', 'app']);

  it('steps forward and back within the trace', () => {
    expect(run(trace, ['next', 'next']).step).toBe(2);
    expect(run(trace, ['next', 'next', 'prev']).step).toBe(1);
    expect(run(trace, ['prev']).step).toBe(0);
    expect(run(trace, ['last', 'next']).step).toBe(6);
    expect(run(trace, ['last', 'first']).step).toBe(0);
    expect(run(trace, ['listDown', 'listDown', 'listUp']).step).toBe(1);
  });

  it('jumps between checkpoints', () => {
    expect(run(trace, ['nextCheckpoint']).step).toBe(2);
    expect(run(trace, ['nextCheckpoint', 'nextCheckpoint']).step).toBe(5);
    expect(run(trace, ['nextCheckpoint', 'nextCheckpoint', 'nextCheckpoint']).step).toBe(5);
    expect(run(trace, ['last', 'prevCheckpoint']).step).toBe(5);
    expect(run(trace, ['last', 'prevCheckpoint', 'prevCheckpoint', 'prevCheckpoint']).step).toBe(2);
  });

  it('plays one step per tick and stops at the end', () => {
    let s = run(trace, ['playPause']);
    expect(s.playing).toBe(true);
    s = run(trace, ['tick', 'tick'], s);
    expect(s.step).toBe(2);
    s = run(trace, ['tick', 'tick', 'tick', 'tick', 'tick', 'tick'], s);
    expect(s.step).toBe(6);
    expect(s.playing).toBe(false);
    // a tick while paused changes nothing
    expect(run(trace, ['tick'], s)).toBe(s);
    // play at the end starts over
    expect(run(trace, ['playPause'], s)).toMatchObject({ step: 0, playing: true });
  });

  it('changes speed within bounds, and the interval with it', () => {
    const start = initialViewState();
    const faster = run(trace, ['faster'], start);
    expect(stepInterval(faster)).toBeLessThan(stepInterval(start));
    const max = run(trace, Array<ViewAction>(20).fill('faster'));
    expect(max.speed).toBe(SPEEDS.length - 1);
    expect(run(trace, Array<ViewAction>(20).fill('slower')).speed).toBe(0);
  });

  it('toggles help; Esc closes it', () => {
    expect(run(trace, ['help']).help).toBe(true);
    expect(run(trace, ['help', 'help']).help).toBe(false);
    expect(run(trace, ['help', 'closeHelp']).help).toBe(false);
  });

  it('stays at step 0 on an empty trace', () => {
    const empty = traceOf([]);
    expect(run(empty, ['next', 'last', 'prev', 'nextCheckpoint', 'playPause', 'tick'])).toMatchObject({ step: 0, playing: false });
  });
});
