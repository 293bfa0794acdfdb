/**
 * The checkpoint checker: evaluates every expectation of every checkpoint over the kept trace.
 * `frames` counts tx events (a frame once per segment it is put on, exactly the frames of the
 * per-segment pcaps) between the previous checkpoint and this one (`since: start`: from the start),
 * optionally on one segment. A command expectation reads the `cmd` events the runner recorded right
 * after the checkpoint event (each tagged with its expectation), so the checker never re-runs
 * anything.
 */
import type { CheckpointEvent, TraceEvent } from '../trace/events.js';
import type { FrameFilter } from '../trace/filter/index.js';
import { render } from '../i18n/index.js';
import { msg } from '../i18n/message.js';
import type { LoadedScenario } from './load.js';
import type { CountSpec, ExpectSpec } from './schema.js';
import { resolvePlaceholders } from './placeholders.js';
import { expectationKey, type BuiltLab } from './build.js';
import type { Trace } from '../trace/trace.js';

export interface ExpectationResult {
  readonly checkpoint: number;
  readonly title: string;
  readonly description: string;
  readonly passed: boolean;
  readonly detail: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

function countHolds(c: CountSpec, n: number): boolean {
  switch (c.op) {
    case '==':
      return n === c.n;
    case '!=':
      return n !== c.n;
    case '<':
      return n < c.n;
    case '<=':
      return n <= c.n;
    case '>':
      return n > c.n;
    case '>=':
      return n >= c.n;
  }
}

function countText(c: CountSpec): string {
  return c.op === '==' ? String(c.n) : `${c.op}${c.n}`;
}

/** Index of each checkpoint event in the trace, by checkpoint index. */
function checkpointPositions(events: readonly TraceEvent[]): Map<number, number> {
  const at = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.kind === 'checkpoint') at.set((e as CheckpointEvent).index, i);
  });
  return at;
}

/**
 * The events `checkExpectations` reads, for a run that keeps only those: checkpoint events, the
 * output of the checkpoints' commands, and transmitted frames when an expectation counts frames.
 * The checker gives the same answers on a trace filtered so as on the whole one (it only counts
 * and reads these kinds, in order).
 */
export function checkedEvents(loaded: LoadedScenario): (e: TraceEvent) => boolean {
  const frames = loaded.scenario.checkpoints.some((cp) => cp.expect.some((x) => x.kind === 'frames'));
  return frames
    ? (e) => e.kind === 'tx' || e.kind === 'checkpoint' || (e.kind === 'cmd' && e.expect !== undefined)
    : (e) => e.kind === 'checkpoint' || (e.kind === 'cmd' && e.expect !== undefined);
}

/**
 * One command check as the results table shows it: the text wanted, whole when it is one line; a
 * text of several lines (a whole `ipvsadm -L -n --stats` of 100 servers) as its line count, and
 * for `equals` that failed, the first line that differs.
 */
export function checkText(kind: 'contains' | 'matches' | 'equals', want: string, output: string, ok: boolean): string {
  const lines = want.trimEnd().split('\n');
  if (lines.length === 1) return render(msg(ok ? 'scenario.check.text.yes' : 'scenario.check.text.no', { kind, text: JSON.stringify(want) }));
  const n = lines.length;
  if (ok) return render(msg('scenario.check.lines.yes', { kind, n }));
  if (kind !== 'equals') return render(msg('scenario.check.lines.no', { kind, n }));
  const got = output.trimEnd().split('\n');
  const k = lines.findIndex((l, i) => l !== got[i]);
  const at = k === -1 ? lines.length : k;
  const seen = got[at];
  return render(
    msg(seen === undefined ? 'scenario.check.lines.differMissing' : 'scenario.check.lines.differ', { kind, n, line: at + 1, want: JSON.stringify(lines[at] ?? ''), got: JSON.stringify(seen ?? '') }),
  );
}

export function checkExpectations(loaded: LoadedScenario, run: { readonly trace: Trace; readonly built: BuiltLab }): ExpectationResult[] {
  const events = run.trace.events;
  const positions = checkpointPositions(events);
  const results: ExpectationResult[] = [];
  const resolve = (text: string): { ok: true; text: string } | { ok: false; error: string } => {
    const r = resolvePlaceholders(text, run.built.resolver);
    return r.ok ? { ok: true, text: r.text } : { ok: false, error: render(r.msg) };
  };
  let previousEnd = 0;
  loaded.scenario.checkpoints.forEach((cp, ci) => {
    const title = cp.title ?? render(msg('scenario.checkpoint.untitled', { n: ci + 1 }));
    const end = positions.get(ci);
    cp.expect.forEach((x: ExpectSpec, xi) => {
      const path = ['checkpoints', ci, 'expect', xi];
      const where = loaded.pos(x.kind === 'frames' ? [...path, 'frames'] : [...path, 'run']);
      const base = { checkpoint: ci, title, file: loaded.file, line: where.line, col: where.col };
      if (end === undefined) {
        results.push({ ...base, description: x.kind === 'frames' ? x.frames : x.run.text, passed: false, detail: render(msg('scenario.check.notReached', { at: cp.at })) });
        return;
      }
      if (x.kind === 'frames') {
        // A lab that built has a compiled filter for every frames expectation (build refuses it otherwise).
        const filter = run.built.frameFilters.get(expectationKey(ci, xi)) as FrameFilter;
        let n = 0;
        for (let i = x.since === 'start' ? 0 : previousEnd; i < end; i++) {
          const e = events[i] as TraceEvent;
          if (e.kind !== 'tx') continue;
          if (x.segment !== undefined && e.segment !== x.segment) continue;
          if (filter.matches(e.frame)) n++;
        }
        const desc = render(
          x.segment === undefined
            ? msg('scenario.check.frames', { filter: filter.text, count: countText(x.count) })
            : msg('scenario.check.framesOn', { filter: filter.text, segment: x.segment, count: countText(x.count) }),
        );
        results.push({ ...base, description: desc, passed: countHolds(x.count, n), detail: render(msg('scenario.check.counted', { n })) });
        return;
      }
      const outputs: string[] = [];
      for (let i = end + 1; i < events.length; i++) {
        const e = events[i] as TraceEvent;
        if (e.kind === 'checkpoint') break;
        if (e.kind === 'cmd' && e.expect?.checkpoint === ci && e.expect.index === xi) outputs.push(e.output);
      }
      const output = outputs.join('');
      const desc = render(msg('scenario.check.cmd', { host: x.on, command: x.run.text }));
      const checks: string[] = [];
      let passed = true;
      for (const [kind, want] of [['contains', x.contains], ['matches', x.matches], ['equals', x.equals]] as const) {
        if (want === undefined) continue;
        const r = resolve(want);
        if (!r.ok) {
          passed = false;
          checks.push(r.error);
          continue;
        }
        const ok = kind === 'contains' ? output.includes(r.text) : kind === 'equals' ? output.trimEnd() === r.text.trimEnd() : new RegExp(r.text, 'm').test(output);
        if (!ok) passed = false;
        checks.push(checkText(kind, r.text, output, ok));
      }
      results.push({ ...base, description: desc, passed, detail: checks.join('; ') || render(msg('scenario.check.ran')) });
    });
    if (end !== undefined) previousEnd = end;
  });
  return results;
}
