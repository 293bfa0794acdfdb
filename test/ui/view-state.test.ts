/**
 * The lab screen's state machine, driven with the keys a student presses and the context app.tsx
 * builds, on real built-in labs (their quizzes, hosts and command parser).
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/trace/filter/index.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { Trace } from '../../src/trace/trace.js';
import { packetAt } from '../../src/ui/screen.js';
import type { LabSession } from '../../src/ui/session.js';
import { initialViewState, reduceView, sameMoment, SPEEDS, stepInterval, type ViewAction, type ViewContext, type ViewState } from '../../src/ui/view-state.js';
import { drive, drTrace, findStep, keyAction, labSession, viewContext } from './fixture.js';

const RIGHT = keyAction('', { rightArrow: true });
const LEFT = keyAction('', { leftArrow: true });
const ENTER = keyAction('\r', { return: true });
const ESC = keyAction('', { escape: true });
const TAB = keyAction('', { tab: true });
const SHIFT_TAB = keyAction('', { tab: true, shift: true });
const CTRL_U = keyAction('u', { ctrl: true });
const k = (input: string): ViewAction => keyAction(input, input.length === 1 && /[A-Z]/.test(input) ? { shift: true } : {});

/** Types each character as its own key press. */
function type(text: string): ViewAction[] {
  return [...text].map((ch) => keyAction(ch));
}

function bareSession(trace: Trace): LabSession {
  return { trace, quizzes: new Map(), hosts: trace.meta.hosts, checkCommand: () => undefined, rerun: () => ({ ok: false, message: 'no scenario' }) };
}

function traceOf(kinds: readonly ('app' | 'checkpoint')[]): Trace {
  const trace = new Trace({ scenario: 't', title: 'T', seed: 1, hosts: ['h'], segments: [] });
  let cp = 0;
  kinds.forEach((kind, i) => {
    const base = { t: i * 1000, host: 'h', msg: { id: 'x' } };
    const e: TraceEvent = kind === 'app' ? { ...base, kind: 'app', app: 'a' } : { ...base, kind: 'checkpoint', index: cp++, title: `cp${i}` };
    trace.emit(e);
  });
  return trace;
}

describe('reduceView on a trace without quizzes', () => {
  const trace = traceOf(['app', 'app', 'checkpoint', 'app', 'app', 'checkpoint', 'app']);
  const ctx = viewContext(bareSession(trace), 3, false);
  const run = (actions: readonly ViewAction[], from: ViewState = initialViewState(trace)): ViewState => drive(from, ctx, actions);

  it('steps forward and back within the trace', () => {
    expect(run(['next', 'next']).step).toBe(2);
    expect(run(['next', 'next', 'prev']).step).toBe(1);
    expect(run(['prev']).step).toBe(0);
    expect(run(['last', 'next']).step).toBe(6);
    expect(run(['last', 'first']).step).toBe(0);
    expect(run(['down', 'down', 'up']).step).toBe(1);
    expect(run([k('l'), k('.'), RIGHT, k('h'), k(',')]).step).toBe(1);
    // a page is the list's rows less one
    expect(run(['pageDown']).step).toBe(2);
    expect(run(['last', 'pageUp']).step).toBe(4);
    expect(run([k('G'), k('g')]).step).toBe(0);
  });

  it('jumps between checkpoints', () => {
    expect(run(['nextCheckpoint']).step).toBe(2);
    expect(run([k(']'), k(']')]).step).toBe(5);
    expect(run(['nextCheckpoint', 'nextCheckpoint', 'nextCheckpoint']).step).toBe(5);
    expect(run(['last', 'prevCheckpoint']).step).toBe(5);
    expect(run(['last', k('['), k('['), k('[')]).step).toBe(2);
  });

  it('plays one step per tick, stops at the end, and starts over from the end', () => {
    let s = run([k(' ')]);
    expect(s.playing).toBe(true);
    s = run([{ type: 'tick' }, { type: 'tick' }], s);
    expect(s.step).toBe(2);
    s = run(Array<ViewAction>(6).fill({ type: 'tick' }), s);
    expect(s.step).toBe(6);
    expect(s.playing).toBe(false);
    expect(run([{ type: 'tick' }], s)).toBe(s);
    expect(run(['playPause'], s)).toMatchObject({ step: 0, playing: true });
    expect(run(['playPause', 'playPause']).playing).toBe(false);
  });

  it('changes speed within bounds, and the interval with it', () => {
    const start = initialViewState(trace);
    const faster = run(['faster'], start);
    expect(stepInterval(faster)).toBeLessThan(stepInterval(start));
    expect(run(Array<ViewAction>(20).fill('faster')).speed).toBe(SPEEDS.length - 1);
    expect(run(Array<ViewAction>(20).fill('slower')).speed).toBe(0);
  });

  it('toggles help; Esc closes it; q quits and then ignores keys', () => {
    expect(run([k('?')]).help).toBe(true);
    expect(run([k('?'), k('?')]).help).toBe(false);
    expect(run([k('?'), ESC]).help).toBe(false);
    const quit = run([k('q'), k('l')]);
    expect(quit).toMatchObject({ quit: true, step: 0 });
    expect(run([keyAction('c', { ctrl: true })]).quit).toBe(true);
  });

  it('Tab cycles the panes; the detail region follows the last detail pane', () => {
    let s = run([TAB]);
    expect([s.focus, s.detail]).toEqual(['packet', 'packet']);
    s = run([TAB, TAB], s);
    expect([s.focus, s.detail]).toEqual(['topology', 'topology']);
    s = run([TAB], s);
    expect([s.focus, s.detail]).toEqual(['timeline', 'topology']);
    expect(run([SHIFT_TAB]).focus).toBe('topology');
    // On a small terminal the first s only brings the state pane into view, at its first view.
    expect(run([k('s')])).toMatchObject({ detail: 'state', stateView: 0 });
    expect(run([k('s'), k('s')]).stateView).toBe(1);
    expect(run([k('s'), k('S'), k('S')]).stateView).toBe(4);
  });

  it('keys typed faster than a frame are each read in turn', () => {
    expect(run([keyAction('lll')]).step).toBe(3);
    expect(run([keyAction('G?')])).toMatchObject({ step: 6, help: true });
  });

  it('Tab held down (one read of "\\t\\t\\t", which Ink does not name Tab) moves the focus three panes', () => {
    expect(run([keyAction('\t\t\t')]).focus).toBe('topology');
    expect(run([keyAction('\t\t\t\t')]).focus).toBe('timeline');
  });

  it('a notice lasts until the next key, not the next tick', () => {
    const s = run([k('u')]);
    expect(s.notice).toEqual({ id: 'ui.whatif.none' });
    expect(run([{ type: 'tick' }], s).notice).toEqual(s.notice);
    expect(run([k('l')], s).notice).toBeUndefined();
  });

  it('stays at step 0 on an empty trace', () => {
    const empty = traceOf([]);
    const c = viewContext(bareSession(empty), 3, false);
    const s = drive(initialViewState(empty), c, ['next', 'last', 'prev', 'nextCheckpoint', 'playPause', { type: 'tick' }, 'follow', 'down']);
    expect(s).toMatchObject({ step: 0, playing: false });
  });

  it('a what-if needs a scenario: on a bare trace : says so at once, without a prompt', () => {
    const s = run([k(':')]);
    expect(s.rerun).toBeUndefined();
    expect(s.prompt).toBeUndefined();
    expect(s.notice).toEqual({ id: 'ui.whatif.unavailable' });
  });
});

// ---- a real lab ---------------------------------------------------------------------------

function open(name: string): { session: LabSession; ctx: ViewContext; start: ViewState } {
  const session = labSession(name);
  return { session, ctx: viewContext(session), start: initialViewState(session.trace) };
}

function checkpointStep(trace: Trace, index: number): number {
  return findStep(trace, (e) => e.kind === 'checkpoint' && e.index === index);
}

describe('quiz gating (dr-basic: one quiz, at its only checkpoint)', () => {
  const { session, ctx, start } = open('dr-basic');
  const cp = checkpointStep(session.trace, 0);
  const last = session.trace.events.length - 1;

  it('the quiz checkpoint is not the last event (the gate has something to hold back)', () => {
    expect(cp).toBeLessThan(last);
    expect(session.quizzes.has(0)).toBe(true);
  });

  for (const [name, actions] of [
    ['G', [k('G')]],
    [']', [k(']')]],
    ['→ from just before', [...Array<ViewAction>(cp + 5).fill(RIGHT)]],
    ['PgDn', [...Array<ViewAction>(400).fill('pageDown')]],
  ] as const) {
    it(`${name} stops at the unanswered quiz`, () => {
      const s = drive(start, ctx, actions);
      expect(s.step).toBe(cp);
    });
  }

  it('at the quiz, →, ], G and space do not move on; they say to answer first', () => {
    const at = drive(start, ctx, [k(']')]);
    for (const a of [RIGHT, k(']'), k('G'), k(' '), k('n')]) {
      const s = reduceView(at, a, ctx);
      expect(s.step).toBe(cp);
      expect(s.playing).toBe(false);
    }
    expect(reduceView(at, RIGHT, ctx).notice).toEqual({ id: 'ui.quiz.answerFirst' });
    expect(reduceView(at, k(' '), ctx).notice).toEqual({ id: 'ui.quiz.answerFirst' });
    // going back is always allowed
    expect(reduceView(at, LEFT, ctx).step).toBe(cp - 1);
  });

  it('playing stops at the quiz', () => {
    let s = drive(start, ctx, [k(' ')]);
    for (let i = 0; i < cp + 10 && s.playing; i++) s = reduceView(s, { type: 'tick' }, ctx);
    expect(s).toMatchObject({ step: cp, playing: false });
  });

  it('a digit answers (out-of-range digits do not); then the lab goes on', () => {
    const at = drive(start, ctx, [k(']')]);
    const quiz = session.quizzes.get(0)!;
    expect(drive(at, ctx, [k(String(quiz.choices.length + 1))]).answers.size).toBe(0);
    const answered = drive(at, ctx, [k('2')]);
    expect(answered.answers.get(0)).toBe(1);
    expect(reduceView(answered, RIGHT, ctx).step).toBe(cp + 1);
    expect(reduceView(answered, k('G'), ctx).step).toBe(last);
    // a second digit does not change the answer given
    expect(drive(answered, ctx, [k('1')]).answers.get(0)).toBe(1);
  });

  it('a digit away from a quiz is not an answer', () => {
    const s = drive(start, ctx, [k('1')]);
    expect(s.answers.size).toBe(0);
    expect(s.step).toBe(0);
  });

  it('answers survive a what-if replacing the trace', () => {
    const answered = drive(start, ctx, [k(']'), k('1'), k('G')]);
    const r = session.rerun([{ host: 'rs1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0', afterNs: 0 }]);
    if (!r.ok) throw new Error(r.message);
    const s = reduceView(answered, { type: 'replace', trace: r.trace, whatIfs: [{ host: 'rs1', line: 'x', afterNs: 0 }] }, ctx);
    expect(s.answers.get(0)).toBe(0);
    expect(s.lab.trace).toBe(r.trace);
    const cp2 = checkpointStep(r.trace, 0);
    expect(drive({ ...s, step: 0 }, ctx, [k('G')]).step).toBe(r.trace.events.length - 1);
    expect(cp2).toBeGreaterThan(0);
  });
});

describe('keys typed in one burst at a prompt', () => {
  const { ctx, start } = open('dr-basic');

  it('go into the prompt, not to the bindings (f, l, s, n would be bindings)', () => {
    const s = reduceView(start, keyAction('/tcp.flags.syn==1'), ctx);
    expect(s.prompt).toMatchObject({ kind: 'search', text: 'tcp.flags.syn==1', cursor: 16 });
    expect(s.follow).toBeUndefined();
    expect(s.stateView).toBe(0);
    expect(s.step).toBe(0);
    const done = reduceView(s, ENTER, ctx);
    expect(done.prompt).toBeUndefined();
    expect(done.search?.by).toBe('tcp.flags.syn==1');
  });

  it('a burst with a newline runs the line, and the rest goes to the bindings', () => {
    const s = reduceView(start, keyAction('/tcp\rG'), ctx);
    expect(s.prompt).toBeUndefined();
    expect(s.search?.by).toBe('tcp');
    // G after the search: to the quiz checkpoint at most
    expect(s.step).toBe(checkpointStep(start.lab.trace, 0));
  });
});

/** Steps of the frames a filter matches, counted here from the trace. */
function matching(trace: Trace, text: string): number[] {
  const c = compileFilter(text);
  if (!c.ok) throw new Error(c.error.message);
  const out: number[] = [];
  trace.events.forEach((e, i) => {
    if ((e.kind === 'tx' || e.kind === 'rx') && c.filter.matches(e.frame)) out.push(i);
  });
  return out;
}

describe('/ search', () => {
  const { session, ctx, start } = open('dr-basic');
  const trace = session.trace;
  const SYN = 'tcp.flags.syn == 1 && tcp.flags.ack == 0';
  const syns = matching(trace, SYN);

  it('validates as typed: a broken filter shows its problem at its offset, Enter does not close', () => {
    const typed = drive(start, ctx, [k('/'), ...type('ip.dst == ')]);
    const c = compileFilter('ip.dst == ');
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(typed.promptError).toEqual({ offset: c.error.offset, message: c.error.message });
    expect(typed.promptError!.offset).toBeGreaterThanOrEqual('ip.dst'.length);
    const entered = reduceView(typed, ENTER, ctx);
    expect(entered.prompt?.text).toBe('ip.dst == ');
    expect(entered.search).toBeUndefined();
    // fixing it clears the problem
    expect(drive(typed, ctx, type('192.168.1.100')).promptError).toBeUndefined();
  });

  it('jumps to the first match at or after the current step; n and N walk the matches', () => {
    expect(syns.length).toBeGreaterThan(4);
    const s = drive(start, ctx, [k('/'), ...type(SYN), ENTER]);
    expect(s.search?.steps && Array.from(s.search.steps)).toEqual(syns);
    expect(s.step).toBe(syns[0]);
    expect(reduceView(s, k('n'), ctx).step).toBe(syns[1]);
    expect(drive(s, ctx, [k('n'), k('n'), k('N')]).step).toBe(syns[1]);
    // from between two matches
    const mid = drive({ ...start, step: syns[2]! + 1 }, ctx, [k('/'), ...type(SYN), ENTER]);
    expect(mid.step).toBe(syns[3]);
  });

  it('n and N wrap around with a notice', () => {
    const s = drive(start, ctx, [k('/'), ...type(SYN), ENTER]);
    const back = reduceView(s, k('N'), ctx);
    expect(back.step).toBe(syns[syns.length - 1]);
    expect(back.notice).toEqual({ id: 'ui.search.wrapped' });
    const lastMatch = { ...s, step: syns[syns.length - 1]! };
    const fwd = reduceView(lastMatch, k('n'), ctx);
    expect(fwd.step).toBe(syns[0]);
    expect(fwd.notice).toEqual({ id: 'ui.search.wrapped' });
  });

  it('from after the last match, the search wraps to the first', () => {
    const after = { ...start, step: syns[syns.length - 1]! + 1 };
    const s = drive(after, ctx, [k('/'), ...type(SYN), ENTER]);
    expect(s.step).toBe(syns[0]);
    expect(s.notice).toEqual({ id: 'ui.search.wrapped' });
  });

  it('no match says so; n without a search says how to search', () => {
    const s = drive(start, ctx, [k('/'), ...type('udp'), ENTER]);
    expect(s.step).toBe(0);
    expect(s.notice).toMatchObject({ id: 'ui.search.noMatch' });
    expect(reduceView(start, k('n'), ctx).notice).toEqual({ id: 'ui.search.none' });
  });

  it('/ reopens with the current filter; an empty one clears the search; Esc cancels a prompt', () => {
    const s = drive(start, ctx, [k('/'), ...type(SYN), ENTER]);
    const reopened = reduceView(s, k('/'), ctx);
    expect(reopened.prompt?.text).toBe(SYN);
    expect(drive(reopened, ctx, [CTRL_U, ENTER]).search).toBeUndefined();
    const cancelled = drive(reopened, ctx, [...type(' && ip'), ESC]);
    expect(cancelled.prompt).toBeUndefined();
    expect(cancelled.search?.by).toBe(SYN);
  });

  it('↑ at the prompt brings back the last filter', () => {
    const s = drive(start, ctx, [k('/'), ...type('arp'), ENTER, k('/'), CTRL_U, keyAction('', { upArrow: true })]);
    expect(s.prompt?.text).toBe('arp');
  });
});

describe('& narrow and f follow', () => {
  const { session, ctx, start } = open('dr-basic');
  const trace = session.trace;
  const cps = trace.events.flatMap((e, i) => (e.kind === 'checkpoint' ? [i] : []));
  const arps = matching(trace, 'arp');

  it('& shows only the matching frames and the checkpoints; stepping stays inside', () => {
    const s = drive(start, ctx, [k('&'), ...type('arp'), ENTER]);
    const expected = [...new Set([...arps, ...cps])].sort((a, b) => a - b);
    expect(s.view && Array.from(s.view)).toEqual(expected);
    let cur = s;
    const visited: number[] = [cur.step];
    for (let i = 0; i < expected.length + 2; i++) {
      cur = reduceView(cur, k('j'), ctx);
      if (visited[visited.length - 1] !== cur.step) visited.push(cur.step);
    }
    // every step visited is shown; the walk reaches the quiz checkpoint (and stops there)
    for (const v of visited) expect(expected).toContain(v);
    expect(visited[visited.length - 1]).toBe(cps[0]);
  });

  it('f shows only the events of the packet at this step (and the checkpoints); f again shows all', () => {
    const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
    const pkt = (trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>).pkt;
    const s = reduceView({ ...start, step: xmit }, k('f'), ctx);
    expect(s.follow?.by).toBe(pkt);
    const expected = trace.events.flatMap((e, i) => (('pkt' in e && e.pkt === pkt) || e.kind === 'checkpoint' ? [i] : []));
    expect(s.view && Array.from(s.view)).toEqual(expected);
    // → walks the packet's own events
    const next = reduceView(s, RIGHT, ctx);
    expect(next.step).toBe(expected[expected.indexOf(xmit) + 1]);
    expect(reduceView(s, k('f'), ctx).view).toBeUndefined();
    // an event with no packet cannot be followed
    expect(reduceView(start, k('f'), ctx).notice).toEqual({ id: 'ui.follow.noPacket' });
  });

  it('narrow and follow together show their intersection (plus checkpoints)', () => {
    const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
    const pkt = (trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>).pkt;
    const s = drive({ ...start, step: xmit }, ctx, [k('f'), k('&'), ...type('eth'), ENTER]);
    const frames = matching(trace, 'eth');
    const expected = trace.events.flatMap((e, i) => (('pkt' in e && e.pkt === pkt && frames.includes(i)) || e.kind === 'checkpoint' ? [i] : []));
    expect(s.view && Array.from(s.view)).toEqual(expected);
    // the step snapped to a shown one (the xmit event is no frame)
    expect(expected).toContain(s.step);
  });

  it('Esc clears follow, then narrow, then search', () => {
    const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
    let s = drive({ ...start, step: xmit }, ctx, [k('/'), ...type('tcp'), ENTER, k('&'), ...type('ip'), ENTER, k('f')]);
    expect([s.search !== undefined, s.narrow !== undefined, s.follow !== undefined]).toEqual([true, true, true]);
    s = reduceView(s, ESC, ctx);
    expect([s.search !== undefined, s.narrow !== undefined, s.follow !== undefined]).toEqual([true, true, false]);
    s = reduceView(s, ESC, ctx);
    expect([s.search !== undefined, s.narrow !== undefined, s.follow !== undefined]).toEqual([true, false, false]);
    expect(s.view).toBeUndefined();
    s = reduceView(s, ESC, ctx);
    expect(s.search).toBeUndefined();
  });
});

describe(': what-if command', () => {
  const { session, ctx, start } = open('dr-arp-trap');
  const trace = session.trace;
  const cp1 = checkpointStep(trace, 1);
  // the student's way there: the first quiz answered, on to the second checkpoint
  const atCp1 = drive(start, ctx, [k(']'), k('1'), k(']')]);

  it('the student reaches the 4.2 s checkpoint', () => {
    expect(atCp1.step).toBe(cp1);
  });

  it('opens on the current event host (else the first host); Tab and Shift-Tab cycle the hosts', () => {
    const onRs1 = findStep(trace, (e) => e.host === 'rs1');
    expect(reduceView({ ...start, step: onRs1 }, k(':'), ctx).prompt).toMatchObject({ kind: 'command', host: 'rs1', text: '' });
    const p = reduceView(atCp1, k(':'), ctx);
    expect(p.prompt?.host).toBe('client');
    expect(drive(p, ctx, [TAB, TAB]).prompt?.host).toBe('rs1');
    expect(drive(p, ctx, [SHIFT_TAB]).prompt?.host).toBe('rs2');
    expect(drive(p, ctx, [TAB, TAB, TAB, TAB, TAB]).prompt?.host).toBe('client');
  });

  it('a command that does not parse stays in the prompt with its problem', () => {
    const s = drive(atCp1, ctx, [k(':'), ...type('frobnicate --now'), ENTER]);
    expect(s.prompt?.text).toBe('frobnicate --now');
    expect(s.promptError).toEqual(session.checkCommand('frobnicate --now'));
    expect(s.promptError).toBeDefined();
    expect(s.rerun).toBeUndefined();
  });

  it('a good command asks for a re-run with the what-if at the current event time', () => {
    const line = 'sysctl -w net.ipv4.conf.all.arp_ignore=0';
    const s = drive(atCp1, ctx, [k(':'), TAB, TAB, ...type(line), ENTER]);
    expect(s.prompt).toBeUndefined();
    expect(s.promptError).toBeUndefined();
    expect(s.rerun).toEqual({ whatIfs: [{ host: 'rs1', line, afterNs: trace.events[cp1]!.t }] });
    expect(s.notice).toEqual({ id: 'ui.whatif.running' });
    expect(s.history.command).toEqual([line]);
  });

  it('the re-run comes back at the same step; u asks for a re-run without the last what-if', () => {
    const w = { host: 'rs1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0', afterNs: trace.events[cp1]!.t };
    const r = session.rerun([w]);
    if (!r.ok) throw new Error(r.message);
    const asked = drive(atCp1, ctx, [k(':'), TAB, TAB, ...type(w.line), ENTER]);
    const replaced = reduceView(asked, { type: 'replace', trace: r.trace, whatIfs: [w] }, ctx);
    expect(replaced).toMatchObject({ step: cp1, whatIfs: [w], rerun: undefined });
    expect(replaced.notice).toMatchObject({ id: 'ui.whatif.applied' });
    // the quiz answered before the re-run stays answered
    expect(replaced.answers.get(0)).toBe(0);
    const undo = reduceView(replaced, k('u'), ctx);
    expect(undo.rerun).toEqual({ whatIfs: [] });
    // the undo comes back as "the lab as written"; with two what-ifs, it names the one undone
    expect(reduceView(undo, { type: 'replace', trace: session.trace, whatIfs: [] }, ctx).notice).toEqual({ id: 'ui.whatif.cleared' });
    const two = { ...replaced, whatIfs: [w, { ...w, line: 'sysctl -w net.ipv4.conf.all.arp_announce=0' }] };
    const undoneOne = reduceView(two, { type: 'replace', trace: r.trace, whatIfs: [w] }, ctx);
    expect(undoneOne.notice).toMatchObject({ id: 'ui.whatif.undone', params: { line: 'sysctl -w net.ipv4.conf.all.arp_announce=0', n: 1 } });
    const failed = reduceView(undo, { type: 'rerunFailed', message: 'boom' }, ctx);
    expect(failed.rerun).toBeUndefined();
    expect(failed.notice).toEqual({ id: 'ui.whatif.failed', params: { message: 'boom' } });
  });

  it('a search survives the re-run, recomputed on the new trace', () => {
    const w = { host: 'rs1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0', afterNs: trace.events[cp1]!.t };
    const r = session.rerun([w]);
    if (!r.ok) throw new Error(r.message);
    const s = drive(atCp1, ctx, [k('/'), ...type('arp.opcode == 2'), ENTER]);
    const replaced = reduceView({ ...s, step: cp1 }, { type: 'replace', trace: r.trace, whatIfs: [w] }, ctx);
    expect(replaced.search && Array.from(replaced.search.steps)).toEqual(matching(r.trace, 'arp.opcode == 2'));
  });
});

describe('packet focus: the tree', () => {
  const { session, ctx, start } = open('dr-basic');
  const trace = session.trace;
  const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
  const pkt = (trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>).pkt;
  // the forwarded SYN itself (the director may first send an ARP request for the real server)
  const fwd = findStep(trace, (e) => e.kind === 'tx' && e.host === 'director' && e.pkt === pkt, xmit);
  const at = { ...start, step: fwd };

  it('the layer with a changed field is open by itself, the others closed', () => {
    const rows = packetAt(at).rows;
    const layers = rows.filter((r) => r.layer);
    const eth = layers.find((r) => r.key === 'eth');
    expect(eth).toMatchObject({ expanded: true, changed: true });
    expect(layers.find((r) => r.key === 'tcp')).toMatchObject({ expanded: false, changed: false });
    expect(rows.find((r) => r.key === 'eth/eth.dst')).toMatchObject({ changed: true });
  });

  it('Enter in the list goes to the packet; j/k move the selection; Enter closes and opens a row', () => {
    let s = reduceView(at, ENTER, ctx);
    expect(s.focus).toBe('packet');
    const rows = packetAt(s).rows;
    s = drive(s, ctx, [k('j')]);
    expect(s.treeSel).toBe(rows[1]!.key);
    s = drive(s, ctx, [k('j'), k('k')]);
    expect(s.treeSel).toBe(rows[1]!.key);
    // the step does not move while the tree has the keys
    expect(s.step).toBe(fwd);
    // k at the top stays on the first row; j at the bottom on the last
    expect(drive(s, ctx, Array<ViewAction>(rows.length + 3).fill(k('k'))).treeSel).toBe(rows[0]!.key);
    const ethRow = rows.findIndex((r) => r.key === 'eth');
    s = { ...s, treeSel: 'eth' };
    const closed = reduceView(s, ENTER, ctx);
    expect(closed.treeToggled.get('eth')).toBe(false);
    expect(packetAt(closed).rows.some((r) => r.key === 'eth/eth.dst')).toBe(false);
    const reopened = reduceView(closed, ENTER, ctx);
    expect(packetAt(reopened).rows.some((r) => r.key === 'eth/eth.dst')).toBe(true);
    expect(ethRow).toBeGreaterThanOrEqual(0);
  });

  it('a row opened stays open on the next packet (keyed by layer and field name)', () => {
    let s: ViewState = { ...reduceView(at, ENTER, ctx), treeSel: 'tcp' };
    s = reduceView(s, ENTER, ctx);
    expect(packetAt(s).rows.find((r) => r.key === 'tcp')?.expanded).toBe(true);
    const next = findStep(trace, (e) => e.kind === 'rx' && e.pkt === pkt, fwd);
    expect(packetAt({ ...s, step: next }).rows.find((r) => r.key === 'tcp')?.expanded).toBe(true);
  });
});

describe('the fixture trace', () => {
  it('reads every event of a hand-made DR hop sequence', () => {
    const trace = drTrace();
    const ctx = viewContext(bareSession(trace), 3, false);
    const s = drive(initialViewState(trace), ctx, [k('G')]);
    expect(s.step).toBe(trace.events.length - 1);
  });
});

describe('sameMoment (where a what-if or its undo comes back to)', () => {
  function timed(times: readonly number[]): Trace {
    const trace = new Trace({ scenario: 't', title: 'T', seed: 1, hosts: ['h'], segments: [] });
    for (const t of times) trace.emit({ t, host: 'h', msg: { id: 'x' }, kind: 'app', app: 'a' });
    return trace;
  }
  it('keeps the virtual time and how far into it, never running past it', () => {
    const withIf = timed([0, 10, 10, 10, 10, 10, 20]);
    const asWritten = timed([0, 10, 10, 10, 20]);
    // the 5th event at t=10 (step 5) comes back to the last event at t=10, not to t=20
    expect(sameMoment(withIf, 5, asWritten)).toBe(3);
    expect(asWritten.events[sameMoment(withIf, 5, asWritten)]?.t).toBe(10);
    expect(sameMoment(withIf, 2, asWritten)).toBe(2);
    expect(sameMoment(withIf, 6, asWritten)).toBe(4);
    // a moment the new run never reaches: the first event after it
    expect(sameMoment(timed([0, 15]), 1, timed([0, 10, 20]))).toBe(2);
  });
});
