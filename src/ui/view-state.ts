/**
 * The lab screen's view state and its transitions. The state is *where the viewer is* (a step
 * of the trace, which pane has the keyboard, what is open, the filters, the quiz answers) and
 * the trace it looks at: moving back is lowering an index, never re-running the simulation. The
 * only re-run is a what-if (`:`), which the state requests and the app performs (a new trace
 * comes back through the `replace` action).
 */
import { assertNever } from '../assert-never.js';
import type { Msg } from '../i18n/message.js';
import { STATE_VIEW_KINDS, type StateViewKind } from '../scenarios/views/index.js';
import { compileFilter } from '../trace/filter/index.js';
import type { Trace } from '../trace/trace.js';
import type { Key } from 'ink';
import { actionForKey, type KeyAction } from './keys.js';
import { editPrompt, openPrompt, type PromptEdit, type PromptKind, type PromptState } from './prompt.js';
import type { CommandProblem, LabSession, WhatIf } from './session.js';
import { filterSteps, intersect, lowerBound, moveShown, nextShown, packetSteps, prevShown, union, type StepSet } from './step-view.js';
import { indexTrace, nextCheckpoint, prevCheckpoint, type TraceIndex } from './trace-index.js';

/** Playback speeds, in events per second of real time. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 512];
/** Index into SPEEDS the lab starts at. */
export const DEFAULT_SPEED = 2;

/** The panes that can have the keyboard, in Tab order. */
export type PaneId = 'timeline' | 'packet' | 'state' | 'topology';
export const PANE_ORDER: readonly PaneId[] = ['timeline', 'packet', 'state', 'topology'];
/** Panes that share the detail region on a small terminal. */
export type DetailPane = Exclude<PaneId, 'timeline'>;

/** The state views, in the order `s` cycles through them (the views' own list). */
export const STATE_VIEWS = STATE_VIEW_KINDS;
export type StateViewName = StateViewKind;

/** The trace being viewed and what is built from it once. */
export interface LabData {
  readonly trace: Trace;
  readonly index: TraceIndex;
}

/** A set of steps chosen by the student: the filter or packet it came from, and its steps. */
export interface StepChoice<T> {
  readonly by: T;
  readonly steps: Int32Array;
}

export interface ViewState {
  readonly lab: LabData;
  /** The current step (index into trace.events); 0 for an empty trace. */
  readonly step: number;
  readonly playing: boolean;
  /** Index into SPEEDS. */
  readonly speed: number;
  readonly help: boolean;
  /** First row of the help shown (it scrolls on a small terminal). */
  readonly helpScroll: number;
  readonly focus: PaneId;
  /** What the detail region shows on a small terminal (the last detail pane focused). */
  readonly detail: DetailPane;
  readonly hex: boolean;
  readonly prompt: PromptState | undefined;
  /** Why the prompt's text cannot be used (shown under it, updated as the student types). */
  readonly promptError: CommandProblem | undefined;
  readonly history: { readonly [K in PromptKind]: readonly string[] };
  /** `/`: frames matching a display filter, marked in the list; n/N jump between them. */
  readonly search: StepChoice<string> | undefined;
  /** `&`: the list shows only frames matching a display filter (and the checkpoints). */
  readonly narrow: StepChoice<string> | undefined;
  /** `f`: the list shows only the events of one packet (and the checkpoints). */
  readonly follow: StepChoice<number> | undefined;
  /** The shown steps: narrow ∩ follow, or every step. */
  readonly view: StepSet;
  /** The student's explicit opening and closing of tree rows (key → open). */
  readonly treeToggled: ReadonlyMap<string, boolean>;
  /** Key of the selected tree row. */
  readonly treeSel: string | undefined;
  /** Index into STATE_VIEWS. */
  readonly stateView: number;
  readonly stateScroll: number;
  /** First line shown of a checkpoint's pane; -1: where it opens by itself (the quiz in view). */
  readonly noteScroll: number;
  /** Quiz answers: checkpoint index → index of the chosen choice. */
  readonly answers: ReadonlyMap<number, number>;
  /** A one-line notice for the student, cleared by the next key. */
  readonly notice: Msg | undefined;
  /** What-ifs in force (the trace is the scenario run with them). */
  readonly whatIfs: readonly WhatIf[];
  /** The student asked to leave (q, Ctrl-C): the app exits. */
  readonly quit: boolean;
  /** A re-run the app should perform, with these what-ifs (it comes back to the same moment). */
  readonly rerun: { readonly whatIfs: readonly WhatIf[] } | undefined;
}

/** What the reducer needs besides the state: the session's fixed parts and the screen's. */
export interface ViewContext {
  readonly quizzes: LabSession['quizzes'];
  readonly hosts: readonly string[];
  checkCommand(line: string): CommandProblem | undefined;
  /** Whether what-ifs can be run (a session with its scenario, not a bare trace). */
  readonly canRerun: boolean;
  /** Rows of the event list (a page). */
  readonly pageRows: number;
  /** The wide layout: every pane is on screen at once. */
  readonly wide: boolean;
  /** Keys of the tree rows shown at the state's step with its toggles (for j/k and Enter). */
  treeKeys(state: ViewState): readonly { readonly key: string; readonly expandable: boolean; readonly expanded: boolean }[];
}

export type ViewAction =
  | Exclude<KeyAction, 'quit'>
  | { readonly type: 'tick' }
  | { readonly type: 'answer'; readonly choice: number }
  | { readonly type: 'edit'; readonly edit: PromptEdit }
  | { readonly type: 'submit' }
  | { readonly type: 'cancel' }
  | { readonly type: 'host'; readonly delta: number }
  | { readonly type: 'replace'; readonly trace: Trace; readonly whatIfs: readonly WhatIf[] }
  | { readonly type: 'rerunFailed'; readonly message: string }
  | { readonly type: 'key'; readonly input: string; readonly key: Key };

/** The lab data of a trace (its indexes are built once, here). */
export function labData(trace: Trace): LabData {
  return { trace, index: indexTrace(trace) };
}

/** The state a lab opens in. */
export function initialViewState(trace: Trace): ViewState {
  return {
    lab: labData(trace),
    step: 0,
    playing: false,
    speed: DEFAULT_SPEED,
    help: false,
    helpScroll: 0,
    focus: 'timeline',
    detail: 'packet',
    hex: false,
    prompt: undefined,
    promptError: undefined,
    history: { search: [], narrow: [], command: [] },
    search: undefined,
    narrow: undefined,
    follow: undefined,
    view: undefined,
    treeToggled: new Map(),
    treeSel: undefined,
    stateView: 0,
    stateScroll: 0,
    noteScroll: -1,
    answers: new Map(),
    notice: undefined,
    whatIfs: [],
    quit: false,
    rerun: undefined,
  };
}

/** Milliseconds of real time between two steps while playing. */
export function stepInterval(state: ViewState): number {
  const perSecond = SPEEDS[state.speed] ?? 1;
  return Math.max(1, Math.round(1000 / perSecond));
}

/**
 * The step of `next` at the same moment as `step` of `prev`: as many events into the same
 * virtual time. A what-if only changes what follows its own time, so up to there the two traces
 * are the same events; undoing one keeps the moment, not a step number that now means another.
 */
export function sameMoment(prev: Trace, step: number, next: Trace): number {
  const e = prev.events[step];
  const last = Math.max(0, next.events.length - 1);
  if (e === undefined) return Math.min(step, last);
  let k = 0;
  while (k < step && prev.events[step - k - 1]?.t === e.t) k++;
  let lo = 0;
  let hi = next.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((next.events[mid]?.t ?? Infinity) < e.t) lo = mid + 1;
    else hi = mid;
  }
  // As far into that time as before, but never past it (the new run may have fewer events then).
  let end = lo;
  while (end < next.events.length && next.events[end]?.t === e.t) end++;
  if (end === lo) return Math.min(lo, last);
  return Math.min(lo + k, end - 1);
}

/** The checkpoint index of the event at `step`, when it is a checkpoint. */
function checkpointAt(lab: LabData, step: number): number | undefined {
  const e = lab.trace.events[step];
  return e !== undefined && e.kind === 'checkpoint' ? e.index : undefined;
}

/** The checkpoint index of an unanswered quiz at `step`, if the current step asks one. */
export function pendingQuiz(state: ViewState, ctx: Pick<ViewContext, 'quizzes'>, step = state.step): number | undefined {
  const cp = checkpointAt(state.lab, step);
  if (cp === undefined || !ctx.quizzes.has(cp) || state.answers.has(cp)) return undefined;
  return cp;
}

/**
 * Where a move from the current step to `target` really ends: the lab does not move on past a
 * quiz the student has not answered, so a forward move stops at the first such checkpoint.
 */
function gate(state: ViewState, ctx: ViewContext, target: number): { step: number; stopped: boolean } {
  if (target <= state.step) return { step: target, stopped: false };
  if (pendingQuiz(state, ctx) !== undefined) return { step: state.step, stopped: true };
  const cps = state.lab.index.checkpoints;
  for (let i = lowerBound(cps, state.step + 1); i < cps.length; i++) {
    const s = cps[i] as number;
    if (s > target) break;
    if (pendingQuiz(state, ctx, s) !== undefined) return { step: s, stopped: true };
  }
  return { step: target, stopped: false };
}

/** Moves to `target` (clamped, gated by quizzes), stopping play at a quiz. */
function moveTo(state: ViewState, ctx: ViewContext, target: number | undefined): ViewState {
  if (target === undefined) return state;
  const last = Math.max(0, state.lab.index.length - 1);
  const clamped = Math.min(Math.max(target, 0), last);
  const g = gate(state, ctx, clamped);
  const notice = g.stopped && g.step === state.step ? ({ id: 'ui.quiz.answerFirst' } as Msg) : state.notice;
  const playing = state.playing && !g.stopped;
  if (g.step === state.step && playing === state.playing && notice === state.notice) return state;
  return { ...state, step: g.step, playing, notice, noteScroll: g.step === state.step ? state.noteScroll : -1 };
}

function withView(state: ViewState): ViewState {
  const n = state.narrow?.steps;
  const f = state.follow?.steps;
  const view = n !== undefined && f !== undefined ? intersect(n, f) : (n ?? f);
  return { ...state, view };
}

/** The shown step nearest to the current one (itself when shown). */
function snapToView(state: ViewState): ViewState {
  const view = state.view;
  if (view === undefined || view.length === 0) return state;
  const i = lowerBound(view, state.step);
  if (view[i] === state.step) return state;
  const before = i > 0 ? view[i - 1] : undefined;
  return { ...state, step: before ?? (view[i] as number) };
}

function compileSteps(lab: LabData, text: string): { steps: Int32Array } | { problem: CommandProblem } {
  const c = compileFilter(text);
  if (!c.ok) return { problem: { offset: c.error.offset, message: c.error.message } };
  return { steps: filterSteps(lab.trace, c.filter) };
}

/** Recomputes the student's step sets against a new trace (after a what-if). */
function recompute(state: ViewState): ViewState {
  const lab = state.lab;
  const redo = (choice: StepChoice<string> | undefined, withCheckpoints: boolean): StepChoice<string> | undefined => {
    if (choice === undefined) return undefined;
    const r = compileSteps(lab, choice.by);
    if ('problem' in r) return undefined;
    return { by: choice.by, steps: withCheckpoints ? union(r.steps, lab.index.checkpoints) : r.steps };
  };
  const follow = state.follow === undefined ? undefined : { by: state.follow.by, steps: union(packetSteps(lab.trace, state.follow.by), lab.index.checkpoints) };
  return snapToView(withView({ ...state, search: redo(state.search, false), narrow: redo(state.narrow, true), follow }));
}

function submitPrompt(state: ViewState, ctx: ViewContext, p: PromptState): ViewState {
  const history = p.text.trim() === '' ? state.history : { ...state.history, [p.kind]: [...state.history[p.kind].filter((h) => h !== p.text), p.text] };
  const closed = { ...state, prompt: undefined, promptError: undefined, history };
  switch (p.kind) {
    case 'search': {
      if (p.text.trim() === '') return { ...closed, search: undefined };
      const r = compileSteps(state.lab, p.text);
      if ('problem' in r) return { ...state, promptError: r.problem };
      const search = { by: p.text, steps: r.steps };
      if (r.steps.length === 0) return { ...closed, search, notice: { id: 'ui.search.noMatch', params: { filter: p.text } } };
      const at = lowerBound(r.steps, state.step);
      const target = r.steps[at] ?? (r.steps[0] as number);
      const moved = moveTo({ ...closed, search }, ctx, target);
      return at >= r.steps.length ? { ...moved, notice: { id: 'ui.search.wrapped' } } : moved;
    }
    case 'narrow': {
      if (p.text.trim() === '') return snapToView(withView({ ...closed, narrow: undefined }));
      const r = compileSteps(state.lab, p.text);
      if ('problem' in r) return { ...state, promptError: r.problem };
      // A filter that selects no frame would leave an empty list: the view stays as it was.
      if (r.steps.length === 0) return { ...closed, notice: { id: 'ui.search.noMatch', params: { filter: p.text } } };
      return snapToView(withView({ ...closed, narrow: { by: p.text, steps: union(r.steps, state.lab.index.checkpoints) } }));
    }
    case 'command': {
      const problem = ctx.checkCommand(p.text);
      if (problem !== undefined) return { ...state, promptError: problem };
      if (!ctx.canRerun) return { ...closed, notice: { id: 'ui.whatif.unavailable' } };
      const e = state.lab.trace.events[state.step];
      const whatIf: WhatIf = { host: p.host, line: p.text.trim(), afterNs: e?.t ?? 0 };
      return { ...closed, playing: false, rerun: { whatIfs: [...state.whatIfs, whatIf] }, notice: { id: 'ui.whatif.running' } };
    }
    default:
      return assertNever(p.kind);
  }
}

function jumpMatch(state: ViewState, ctx: ViewContext, forward: boolean): ViewState {
  const s = state.search;
  if (s === undefined) return { ...state, notice: { id: 'ui.search.none' } };
  if (s.steps.length === 0) return { ...state, notice: { id: 'ui.search.noMatch', params: { filter: s.by } } };
  const target = forward ? nextShown(s.steps, state.lab.index.length, state.step) : prevShown(s.steps, state.step);
  if (target !== undefined) return moveTo(state, ctx, target);
  const wrapped = forward ? (s.steps[0] as number) : (s.steps[s.steps.length - 1] as number);
  return { ...moveTo(state, ctx, wrapped), notice: { id: 'ui.search.wrapped' } };
}

function moveInPane(state: ViewState, ctx: ViewContext, delta: number): ViewState {
  switch (state.focus) {
    case 'timeline':
      return moveTo(state, ctx, moveShown(state.view, state.lab.index.length, state.step, delta));
    case 'packet': {
      const e = state.lab.trace.events[state.step];
      if (e !== undefined && e.kind === 'checkpoint') return { ...state, noteScroll: Math.max(0, (state.noteScroll < 0 ? 0 : state.noteScroll) + delta) };
      const rows = ctx.treeKeys(state);
      if (rows.length === 0) return state;
      const at = Math.max(0, rows.findIndex((r) => r.key === state.treeSel));
      const next = rows[Math.min(Math.max(at + delta, 0), rows.length - 1)];
      return next === undefined ? state : { ...state, treeSel: next.key };
    }
    case 'state':
      return { ...state, stateScroll: Math.max(0, state.stateScroll + delta) };
    case 'topology':
      return state;
    default:
      return assertNever(state.focus);
  }
}

function focusBy(state: ViewState, delta: number): ViewState {
  const i = PANE_ORDER.indexOf(state.focus);
  const focus = PANE_ORDER[(i + delta + PANE_ORDER.length) % PANE_ORDER.length] as PaneId;
  return { ...state, focus, detail: focus === 'timeline' ? state.detail : focus };
}

/** The state after one action (pure). */
export function reduceView(prev: ViewState, action: ViewAction, ctx: ViewContext): ViewState {
  // A notice lasts until the next key.
  const state = prev.notice === undefined || (typeof action === 'object' && action.type === 'tick') ? prev : { ...prev, notice: undefined };
  const last = Math.max(0, state.lab.index.length - 1);
  if (typeof action === 'object') {
    switch (action.type) {
      case 'tick': {
        if (!state.playing) return state;
        const next = nextShown(state.view, state.lab.index.length, state.step);
        if (next === undefined) return { ...state, playing: false };
        const moved = moveTo(state, ctx, next);
        return nextShown(moved.view, moved.lab.index.length, moved.step) === undefined ? { ...moved, playing: false } : moved;
      }
      case 'answer': {
        const cp = pendingQuiz(state, ctx);
        const quiz = cp === undefined ? undefined : ctx.quizzes.get(cp);
        if (cp === undefined || quiz === undefined || action.choice < 0 || action.choice >= quiz.choices.length) return state;
        const answers = new Map(state.answers);
        answers.set(cp, action.choice);
        return { ...state, answers };
      }
      case 'edit': {
        if (state.prompt === undefined) return state;
        const prompt = editPrompt(state.prompt, action.edit, state.history[state.prompt.kind]);
        return { ...state, prompt, promptError: validate(ctx, prompt) };
      }
      case 'submit':
        return state.prompt === undefined ? state : submitPrompt(state, ctx, state.prompt);
      case 'cancel':
        return { ...state, prompt: undefined, promptError: undefined };
      case 'host': {
        const p = state.prompt;
        if (p === undefined || p.kind !== 'command' || ctx.hosts.length === 0) return state;
        const i = ctx.hosts.indexOf(p.host);
        const host = ctx.hosts[(i + action.delta + ctx.hosts.length) % ctx.hosts.length] as string;
        return { ...state, prompt: { ...p, host } };
      }
      case 'replace': {
        const lab = labData(action.trace);
        const step = sameMoment(state.lab.trace, state.step, action.trace);
        // Fewer what-ifs than before: the last one was undone; otherwise one was added.
        const undone = action.whatIfs.length < state.whatIfs.length ? state.whatIfs[state.whatIfs.length - 1] : undefined;
        const added = undone === undefined ? action.whatIfs[action.whatIfs.length - 1] : undefined;
        const notice: Msg =
          action.whatIfs.length === 0
            ? { id: 'ui.whatif.cleared' }
            : undone !== undefined
            ? { id: 'ui.whatif.undone', params: { host: undone.host, line: undone.line, n: action.whatIfs.length } }
            : { id: 'ui.whatif.applied', params: { host: added?.host ?? '', line: added?.line ?? '', n: action.whatIfs.length } };
        return recompute({ ...state, lab, step, whatIfs: action.whatIfs, rerun: undefined, notice });
      }
      case 'rerunFailed':
        return { ...state, rerun: undefined, notice: { id: 'ui.whatif.failed', params: { message: action.message } } };
      case 'key':
        return reduceKey(state, action.input, action.key, ctx);
      default:
        return assertNever(action);
    }
  }
  switch (action) {
    case 'playPause': {
      if (state.playing) return { ...state, playing: false };
      if (pendingQuiz(state, ctx) !== undefined) return { ...state, notice: { id: 'ui.quiz.answerFirst' } };
      // Pressing play at the end starts over, as a media player does.
      const atEnd = nextShown(state.view, state.lab.index.length, state.step) === undefined;
      const first = state.view === undefined ? 0 : (state.view[0] ?? 0);
      return { ...state, playing: state.lab.index.length > 0, step: atEnd ? first : state.step };
    }
    case 'next':
      return moveTo(state, ctx, nextShown(state.view, state.lab.index.length, state.step));
    case 'prev':
      return moveTo(state, ctx, prevShown(state.view, state.step));
    case 'down':
      return moveInPane(state, ctx, 1);
    case 'up':
      return moveInPane(state, ctx, -1);
    case 'pageDown':
      return moveInPane(state, ctx, Math.max(1, ctx.pageRows - 1));
    case 'pageUp':
      return moveInPane(state, ctx, -Math.max(1, ctx.pageRows - 1));
    case 'first':
      return moveTo(state, ctx, state.view === undefined ? 0 : state.view[0]);
    case 'last':
      return moveTo(state, ctx, state.view === undefined ? last : state.view[state.view.length - 1]);
    case 'nextCheckpoint':
      return moveTo(state, ctx, nextCheckpoint(state.lab.index, state.step));
    case 'prevCheckpoint':
      return moveTo(state, ctx, prevCheckpoint(state.lab.index, state.step));
    case 'focusNext':
      return focusBy(state, 1);
    case 'focusPrev':
      return focusBy(state, -1);
    case 'toggle': {
      if (state.focus === 'timeline') return { ...state, focus: 'packet', detail: 'packet' };
      if (state.focus !== 'packet') return state;
      const rows = ctx.treeKeys(state);
      const row = rows.find((r) => r.key === state.treeSel) ?? rows[0];
      if (row === undefined || !row.expandable) return state;
      const treeToggled = new Map(state.treeToggled);
      treeToggled.set(row.key, !row.expanded);
      return { ...state, treeToggled, treeSel: row.key };
    }
    case 'search':
    case 'narrow': {
      const current = action === 'search' ? state.search?.by : state.narrow?.by;
      return { ...state, playing: false, prompt: openPrompt(action, '', current ?? '', state.history[action].length), promptError: undefined };
    }
    case 'command': {
      if (!ctx.canRerun || ctx.hosts.length === 0) return { ...state, notice: { id: 'ui.whatif.unavailable' } };
      const e = state.lab.trace.events[state.step];
      const host = e !== undefined && ctx.hosts.includes(e.host) ? e.host : (ctx.hosts[0] ?? '');
      return { ...state, playing: false, prompt: openPrompt('command', host, '', state.history.command.length), promptError: undefined };
    }
    case 'nextMatch':
      return jumpMatch(state, ctx, true);
    case 'prevMatch':
      return jumpMatch(state, ctx, false);
    case 'follow': {
      if (state.follow !== undefined) return withView({ ...state, follow: undefined });
      const e = state.lab.trace.events[state.step];
      if (e === undefined || !('pkt' in e) || e.pkt === undefined) return { ...state, notice: { id: 'ui.follow.noPacket' } };
      const steps = union(packetSteps(state.lab.trace, e.pkt), state.lab.index.checkpoints);
      return withView({ ...state, follow: { by: e.pkt, steps } });
    }
    case 'hex':
      return { ...state, hex: !state.hex, detail: 'packet' };
    case 'stateNext':
    case 'statePrev': {
      // On a small terminal the first press only brings the state pane into view, at its view.
      if (!ctx.wide && state.detail !== 'state') return { ...state, detail: 'state', focus: state.focus === 'timeline' ? 'timeline' : 'state' };
      const n = STATE_VIEWS.length;
      const stateView = (state.stateView + (action === 'stateNext' ? 1 : -1) + n) % n;
      return { ...state, stateView, stateScroll: 0, detail: 'state' };
    }
    case 'undoWhatIf':
      if (state.whatIfs.length === 0) return { ...state, notice: { id: 'ui.whatif.none' } };
      return { ...state, playing: false, rerun: { whatIfs: state.whatIfs.slice(0, -1) }, notice: { id: 'ui.whatif.running' } };
    case 'faster':
      return { ...state, speed: Math.min(state.speed + 1, SPEEDS.length - 1) };
    case 'slower':
      return { ...state, speed: Math.max(state.speed - 1, 0) };
    case 'help':
      return { ...state, help: !state.help, helpScroll: 0 };
    case 'escape':
      if (state.help) return { ...state, help: false, helpScroll: 0 };
      if (state.follow !== undefined) return snapToView(withView({ ...state, follow: undefined }));
      if (state.narrow !== undefined) return snapToView(withView({ ...state, narrow: undefined }));
      if (state.search !== undefined) return { ...state, search: undefined };
      return state;
    default:
      return assertNever(action);
  }
}

/** The prompt's problem as typed: a filter that does not compile, a command that does not parse. */
function validate(ctx: ViewContext, p: PromptState): CommandProblem | undefined {
  if (p.text.trim() === '') return undefined;
  if (p.kind === 'command') return ctx.checkCommand(p.text);
  const c = compileFilter(p.text);
  return c.ok ? undefined : { offset: c.error.offset, message: c.error.message };
}

/** The prompt edit a key asks for, if any. */
function promptEdit(input: string, key: Key): PromptEdit | undefined {
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.ctrl && input === 'u') return { type: 'killLine' };
  if (key.ctrl && input === 'w') return { type: 'killWord' };
  if (key.upArrow) return { type: 'historyUp' };
  if (key.downArrow) return { type: 'historyDown' };
  if (key.ctrl || key.meta || input === '') return undefined;
  return { type: 'insert', text: input };
}

/**
 * What one character of a burst is as a key press: Ink names Tab, Enter and Backspace only when
 * the read held that key alone, so "\t\t\t" (Tab held down) arrives as plain text.
 */
function keyOfChar(ch: string, key: Key): Key {
  if (ch === '\t') return { ...key, tab: true };
  if (ch === '\r' || ch === '\n') return { ...key, return: true };
  if (ch === '\x7f' || ch === '\b') return { ...key, backspace: true };
  return key;
}

/**
 * One key press, read against the state it arrives in (so keys typed faster than a frame are
 * each read in the right mode: the text after `/` goes into the prompt, not to the bindings).
 * At a prompt keys edit the line; at an unanswered quiz a digit answers; otherwise the bindings.
 */
function reduceKey(state: ViewState, input: string, key: Key, ctx: ViewContext): ViewState {
  if (state.quit) return state;
  if (state.prompt !== undefined) {
    if (key.return || ((input === '\r' || input === '\n') && !key.ctrl && !key.meta)) return reduceView(state, { type: 'submit' }, ctx);
    if (key.escape || (key.ctrl && input === 'c')) return reduceView(state, { type: 'cancel' }, ctx);
    if (key.tab) return reduceView(state, { type: 'host', delta: key.shift ? -1 : 1 }, ctx);
    // A paste arrives as one string; a newline in it ends the line, as a shell's does.
    if (!key.ctrl && !key.meta && input.length > 1 && /[\r\n]/.test(input)) {
      const nl = input.search(/[\r\n]/);
      const typed = reduceView(state, { type: 'edit', edit: { type: 'insert', text: input.slice(0, nl) } }, ctx);
      const submitted = reduceView(typed, { type: 'submit' }, ctx);
      const rest = input.slice(nl + 1).replace(/^[\r\n]+/, '');
      return rest === '' ? submitted : reduceKey(submitted, rest, key, ctx);
    }
    const edit = promptEdit(input, key);
    return edit === undefined ? state : reduceView(state, { type: 'edit', edit }, ctx);
  }
  // Keys typed faster than a frame (key repeat, a paste) arrive as one string: take each in turn,
  // and once one of them opens a prompt, the rest is typed into it (newlines submit it).
  if (input.length > 1 && !key.ctrl && !key.meta) {
    let s = state;
    const chars = [...input];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      s = reduceKey(s, ch, keyOfChar(ch, key), ctx);
      if (s.prompt !== undefined && i + 1 < chars.length) return reduceKey(s, chars.slice(i + 1).join(''), key, ctx);
    }
    return s;
  }
  if (state.help) {
    const a = actionForKey(input, key);
    if (a === 'quit') return { ...state, quit: true, playing: false };
    if (a === 'help' || a === 'escape') return { ...state, help: false, helpScroll: 0 };
    if (a === 'down' || a === 'next') return { ...state, helpScroll: state.helpScroll + 1 };
    if (a === 'up' || a === 'prev') return { ...state, helpScroll: Math.max(0, state.helpScroll - 1) };
    if (a === 'pageDown') return { ...state, helpScroll: state.helpScroll + Math.max(1, ctx.pageRows - 1) };
    if (a === 'pageUp') return { ...state, helpScroll: Math.max(0, state.helpScroll - Math.max(1, ctx.pageRows - 1)) };
    if (a === 'first') return { ...state, helpScroll: 0 };
    return state;
  }
  if (!key.ctrl && !key.meta && /^[1-9]$/.test(input) && pendingQuiz(state, ctx) !== undefined) {
    return reduceView(state, { type: 'answer', choice: Number(input) - 1 }, ctx);
  }
  const action = actionForKey(input, key);
  if (action === undefined) return state;
  if (action === 'quit') return { ...state, quit: true, playing: false };
  return reduceView(state, action, ctx);
}
