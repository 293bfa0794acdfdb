/**
 * The runner: builds the lab, runs the simulation until the scenario's `until` (or the caller's),
 * or until nothing is left to do, within a hard cap of virtual time and an event budget so that a
 * runaway scenario (a forwarding loop, an event storm) ends with a clear reason.
 */
import type { TraceEvent, TraceSink } from '../trace/events.js';
import { Trace } from '../trace/trace.js';
import type { LoadedScenario, ScenarioError } from './load.js';
import { buildLab, type BuiltLab } from './build.js';
import { SEC } from '../net/types.js';

/** Virtual time after which a run without `until` stops regardless (an hour). */
export const HARD_CAP_NS = 3600 * SEC;
/**
 * Simulator events a run may execute. Each emits several trace events: the DR lab takes about 39
 * simulator events (280 trace events) per HTTP request, so 100,000 requests fit. Beyond it the
 * run stops with a message: an event storm or a loop ends in seconds, not minutes. A scenario's
 * `budget` key replaces it (a lab at scale: a million held connections take ~6 million).
 */
export const EVENT_BUDGET = 5_000_000;

export interface RunOptions {
  readonly seed: number | undefined;
  /** Overrides the scenario's `until`. */
  readonly untilNs: number | undefined;
  readonly sinks: readonly TraceSink[];
  /**
   * Keep every event in `trace` (the UI needs it; a headless run does not), or only the events a
   * predicate accepts (the checker's, see `checkedEvents`: a run of 50 million events keeps a few).
   */
  readonly keepTrace: boolean | ((e: TraceEvent) => boolean);
}

export interface RunStats {
  /** Trace events emitted. */
  readonly events: number;
  /** Virtual time at the end, ns. */
  readonly endNs: number;
  /** 'cap': the hard cap of virtual time (HARD_CAP_NS) was reached without an `until`. */
  readonly stop: 'idle' | 'until' | 'budget' | 'cap';
  readonly budget: number;
}

export type RunResult =
  | { readonly ok: true; readonly trace: Trace; readonly stats: RunStats; readonly built: BuiltLab }
  | { readonly ok: false; readonly errors: ScenarioError[] };

export function runScenario(loaded: LoadedScenario, opts: RunOptions): RunResult {
  const s = loaded.scenario;
  const trace = new Trace({
    scenario: s.name ?? loaded.file,
    title: s.title ?? s.name ?? loaded.file,
    seed: opts.seed ?? s.seed,
    hosts: Object.keys(s.hosts),
    segments: s.segments.map((x) => x.name),
  });
  let events = 0;
  let lastT = 0;
  const counter: TraceSink = {
    emit: (e: TraceEvent) => {
      events++;
      lastT = e.t;
    },
  };
  const keep = opts.keepTrace;
  const kept: TraceSink[] = keep === true ? [trace] : keep === false ? [] : [{ emit: (e: TraceEvent) => (keep(e) ? trace.emit(e) : undefined) }];
  const sinks: TraceSink[] = [counter, ...kept, ...opts.sinks];
  const built = buildLab(loaded, { seed: opts.seed, sinks });
  if (!built.ok) return built;
  trace.setTopology(built.built.topology);
  const until = opts.untilNs ?? s.until;
  const budget = s.budget ?? EVENT_BUDGET;
  const r = built.built.lab.run({ until: until ?? HARD_CAP_NS, maxEvents: budget });
  const stop = r.reason === 'until' && until === undefined ? 'cap' : r.reason;
  return { ok: true, trace, built: built.built, stats: { events, endNs: r.reason === 'idle' ? lastT : r.now, stop, budget } };
}

/** Builds the lab without running it: every problem the build finds, with positions. */
export function validateAgainstLab(loaded: LoadedScenario): ScenarioError[] {
  const built = buildLab(loaded, { seed: undefined, sinks: [] });
  return built.ok ? [] : built.errors;
}
