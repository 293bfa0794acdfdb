/**
 * A lab session: one loaded scenario, the trace of its run, and the student's what-ifs. A what-if
 * is a command typed on a host at a moment of the lab (`:` on the lab screen); the session runs
 * the scenario again from the start with every what-if added as a timed event, one nanosecond
 * after the moment it was typed at, so that everything up to and including that moment is the
 * same trace (same seed, same events) and the change shows from the next event on.
 */
import { msg, render } from '../i18n/index.js';
import { parseScript } from '../scenarios/commands/index.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { runScenario } from '../scenarios/run.js';
import type { EventSpec, QuizSpec } from '../scenarios/schema.js';
import type { Trace } from '../trace/trace.js';

/** A command the student added: on `host`, `line`, just after virtual time `afterNs`. */
export interface WhatIf {
  readonly host: string;
  readonly line: string;
  readonly afterNs: number;
}

/** Why a typed command cannot run: 0-based offset in the line, and the message. */
export interface CommandProblem {
  readonly offset: number;
  readonly message: string;
}

export type RerunResult = { readonly ok: true; readonly trace: Trace } | { readonly ok: false; readonly message: string };

export interface LabSession {
  readonly trace: Trace;
  /** The quiz of each checkpoint that has one, by checkpoint index. */
  readonly quizzes: ReadonlyMap<number, QuizSpec>;
  /** Hosts a command can be typed on, in the scenario's order. */
  readonly hosts: readonly string[];
  /** The first problem of a typed command line, or undefined when it parses. */
  checkCommand(line: string): CommandProblem | undefined;
  /** The trace of the scenario run again with these what-ifs (in the order given). */
  rerun(whatIfs: readonly WhatIf[]): RerunResult;
}

/** Runs `loaded` with `seed` and wraps the result as a session; errors are the runner's. */
export function createSession(loaded: LoadedScenario, seed: number | undefined): { ok: true; session: LabSession } | { ok: false; errors: string[] } {
  const first = runScenario(loaded, { seed, untilNs: undefined, sinks: [], keepTrace: true });
  if (!first.ok) return { ok: false, errors: first.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`) };
  const quizzes = new Map<number, QuizSpec>();
  loaded.scenario.checkpoints.forEach((cp, i) => {
    if (cp.quiz !== undefined) quizzes.set(i, cp.quiz);
  });
  const session: LabSession = {
    trace: first.trace,
    quizzes,
    hosts: Object.keys(loaded.scenario.hosts),
    checkCommand(line) {
      if (line.trim() === '') return { offset: 0, message: render({ id: 'ui.command.empty' }) };
      const p = parseScript(line);
      const e = p.errors[0];
      return e === undefined ? undefined : { offset: e.offset, message: render(e.msg) };
    },
    rerun(whatIfs) {
      const events: EventSpec[] = [...loaded.scenario.events];
      const until = loaded.scenario.until;
      for (const w of whatIfs) {
        // The run stops at the scenario's `until`: a command after it would never run.
        if (until !== undefined && w.afterNs + 1 > until) return { ok: false, message: render(msg('ui.whatif.afterEnd')) };
        const p = parseScript(w.line);
        const e = p.errors[0];
        if (e !== undefined) return { ok: false, message: render(e.msg) };
        events.push({ kind: 'run', at: w.afterNs + 1, on: w.host, run: p.script });
      }
      const changed: LoadedScenario = { ...loaded, scenario: { ...loaded.scenario, events } };
      const r = runScenario(changed, { seed, untilNs: undefined, sinks: [], keepTrace: true });
      if (!r.ok) return { ok: false, message: r.errors.map((x) => x.message).join('; ') };
      return { ok: true, trace: r.trace };
    },
  };
  return { ok: true, session };
}
