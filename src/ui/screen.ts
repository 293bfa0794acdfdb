/**
 * The lab screen as data: every line the components print, built from the view state and the
 * layout. Only the visible window of the event list is formatted and the current event is
 * dissected once, and the state views come from the folds' snapshots, so a step costs the same
 * on a 100-event and a 100,000-event trace.
 */
import { msg, render } from '../i18n/index.js';
import { hostsWith, renderStateView } from '../scenarios/views/index.js';
import type { QuizSpec } from '../scenarios/schema.js';
import { TCP_RST } from '../net/wire/packet.js';
import type { TraceEvent, TraceEventKind } from '../trace/events.js';
import { stateAt, type LabState, type StateIndex } from '../trace/state/index.js';
import type { Trace } from '../trace/trace.js';
import { KIND_HUE, KIND_MARK, type Hue } from './color.js';
import { bindingLabel, chordLabel, KEY_BINDINGS } from './keys.js';
import { followScroll, type LabLayout } from './layout.js';
import { bytesOfEvent, bytesPerLine, hexDump, type HexView } from './hex.js';
import { changeLines, changeViewAt, eventLayers, type ChangeView, type PaneLine } from './packet-view.js';
import { rowIndexOf, treeRows, type TreeRow } from './packet-tree.js';
import { lowerBound, prevShown, rowOf, shownCount, stepAtRow } from './step-view.js';
import { formatEventLine, formatVirtualTime } from './text.js';
import type { TraceIndex } from './trace-index.js';
import { topologyAt } from './live-topology.js';
import { focusOfEvent, topologyLines, type TopoLine } from './topology.js';
import { pendingQuiz, SPEEDS, STATE_VIEWS, type PaneId, type ViewContext, type ViewState } from './view-state.js';
import { collapseWhitespace, displayWidth, fitWidth, joinSentences, padToWidth, wrapAtMost, wrapToRows, wrapToWidth } from './width.js';
import { promptWindow } from './prompt.js';

export interface ListRow {
  /** The step shown on this row (a stable React key), or -1 - row for an empty row. */
  readonly step: number;
  /** The whole row, already cut to the width (padded to it on the current row). */
  readonly text: string;
  readonly current: boolean;
  /** The row matches the `/` search. */
  readonly match: boolean;
  readonly kind: TraceEventKind | undefined;
  /** Colour of the kind marker. */
  readonly hue: Hue | undefined;
  /** Colour of the rest of a frame's line, by protocol (Wireshark's colouring rules, lightly). */
  readonly protoHue: Hue | undefined;
}

export interface HelpRow {
  readonly keys: string;
  readonly text: string;
}

/** The prompt line: `prefix` then the text with a cursor; a problem under it. */
export interface PromptLine {
  readonly prefix: string;
  readonly text: string;
  readonly cursor: number;
  readonly error: string | undefined;
}

export interface ScreenModel {
  readonly headerTitle: string;
  readonly headerStatus: string;
  /** Exactly layout.listRows rows. */
  readonly list: readonly ListRow[];
  /** Compact: the rule naming the panes, the shown one bracketed. Wide: the rule above the packet. */
  readonly rule: string;
  /** Compact only: which pane the detail region shows. */
  readonly detail: Exclude<PaneId, 'timeline'>;
  readonly focus: PaneId;
  /** The packet pane: the tree and the changes (stacked or side by side per layout). */
  readonly tree: readonly PaneLine[];
  readonly changes: readonly PaneLine[];
  /** The bytes of the event's packet and the selected field's span, when the hex pane is open. */
  readonly hex: HexView | undefined;
  /** The state pane's lines (title first). */
  readonly state: readonly PaneLine[];
  readonly topology: readonly TopoLine[];
  /** At a checkpoint: its title, the trainer's narration in full and its quiz (in place of the packet pane). */
  readonly quiz: readonly PaneLine[] | undefined;
  /** The checkpoint's quiz is not answered yet: a small terminal shows it whatever pane is chosen. */
  readonly quizPending: boolean;
  /** Exactly layout.narrationRows lines. */
  readonly narration: readonly PaneLine[];
  readonly footer: string;
  readonly prompt: PromptLine | undefined;
  /** Present while the help overlay is open. */
  readonly help: { readonly title: string; readonly rows: readonly HelpRow[]; readonly close: string; readonly more: string; readonly scroll: number } | undefined;
}

/** What the screen needs besides the view state. */
export interface ScreenContext extends Pick<ViewContext, 'quizzes'> {
  readonly stateIndex: StateIndex;
}

const EMPTY_LINE: PaneLine = { text: '', tone: 'plain' };

/** Cuts and pads pane lines to exactly `rows` lines of at most `width` columns. */
export function fitLines(lines: readonly PaneLine[], rows: number, width: number, top = 0): PaneLine[] {
  const out: PaneLine[] = [];
  const from = Math.max(0, Math.min(top, Math.max(0, lines.length - rows)));
  const window = lines.slice(from, from + rows);
  const more = lines.length - from - window.length;
  for (const l of window) out.push({ text: fitWidth(l.text, width), tone: l.tone });
  if (more > 0 && out.length > 0) out[out.length - 1] = { text: fitWidth(render(msg('ui.packet.more', { n: more + 1 })), width), tone: 'dim' };
  while (out.length < rows) out.push(EMPTY_LINE);
  return out;
}

function statusText(state: ViewState): string {
  const trace = state.lab.trace;
  const total = trace.events.length;
  const e = trace.events[state.step];
  const parts = [
    render(msg('ui.header.step', { step: total === 0 ? 0 : state.step + 1, total })),
    formatVirtualTime(e?.t ?? 0),
    render(msg(state.playing ? 'ui.header.playing' : 'ui.header.paused')),
    render(msg('ui.header.speed', { speed: SPEEDS[state.speed] ?? 1 })),
  ];
  return parts.join('  ');
}

/** What the student has set up, at the start of the footer: filters, following, what-ifs, quiz score. */
function flagsText(state: ViewState, ctx: ScreenContext): string {
  const parts: string[] = [];
  if (state.search !== undefined) parts.push(render(msg('ui.header.search', { filter: state.search.by, n: state.search.steps.length })));
  if (state.narrow !== undefined) parts.push(render(msg('ui.header.narrow', { filter: state.narrow.by })));
  if (state.follow !== undefined) parts.push(render(msg('ui.header.follow', { pkt: state.follow.by })));
  if (state.whatIfs.length > 0) parts.push(render(msg('ui.header.whatIf', { n: state.whatIfs.length })));
  if (ctx.quizzes.size > 0) {
    let right = 0;
    for (const [cp, choice] of state.answers) {
      const q = ctx.quizzes.get(cp);
      if (q !== undefined && q.choices[choice] === q.answer) right++;
    }
    parts.push(
      state.answers.size === 0
        ? render(msg('ui.header.quizTodo', { total: ctx.quizzes.size }))
        : render(msg('ui.header.quiz', { answered: state.answers.size, right, total: ctx.quizzes.size })),
    );
  }
  return parts.map((p) => `[${p}]`).join(' ');
}

function listRows(state: ViewState, layout: LabLayout, top: number): ListRow[] {
  const { trace, index } = state.lab;
  const rows: ListRow[] = [];
  const width = layout.listWidth;
  const search = state.search?.steps;
  // The cursor and the kind marker take two columns; the time column's padding separates them.
  const lineOpts = { hostWidth: index.hostWidth, segmentWidth: index.segmentWidth, width: width - 3 };
  for (let r = 0; r < layout.listRows; r++) {
    const step = stepAtRow(state.view, top + r);
    const e = step === undefined ? undefined : trace.events[step];
    if (e === undefined || step === undefined) {
      const empty = trace.events.length === 0 && r === 0 ? render(msg('ui.list.empty')) : '';
      rows.push({ step: -1 - r, text: fitWidth(empty, width), current: false, match: false, kind: undefined, hue: undefined, protoHue: undefined });
      continue;
    }
    const current = step === state.step;
    const match = search !== undefined && isIn(search, step);
    const cursor = current ? '▸' : match ? '*' : ' ';
    const text = `${cursor}${KIND_MARK[e.kind]} ${formatEventLine(e, lineOpts)}`;
    rows.push({ step, text: current ? padToWidth(text, width) : text, current, match, kind: e.kind, hue: KIND_HUE[e.kind], protoHue: protocolHue(e) });
  }
  return rows;
}

/**
 * A frame's colour by protocol, after Wireshark's default colouring rules: ARP, ICMP, UDP (and
 * VRRP) each their own, TCP resets and drops in red, ordinary TCP uncoloured. The line's text
 * names the protocol already; the colour only makes it easier to scan.
 */
function protocolHue(e: TraceEvent): Hue | undefined {
  if (e.kind === 'drop') return 'red';
  if (e.kind !== 'tx' && e.kind !== 'rx') return undefined;
  const p = e.frame.payload;
  if (p.layer === 'arp') return 'yellow';
  if (p.layer !== 'ipv4') return undefined;
  const l4 = p.payload;
  switch (l4.layer) {
    case 'icmp':
      return 'magenta';
    case 'udp':
    case 'vrrp':
      return 'cyan';
    case 'tcp':
      return (l4.flags & TCP_RST) !== 0 ? 'red' : undefined;
    default:
      return undefined;
  }
}

function isIn(sorted: Int32Array, step: number): boolean {
  return sorted[lowerBound(sorted, step)] === step;
}

const PANE_TITLE: Readonly<Record<Exclude<PaneId, 'timeline'>, string>> = {
  packet: 'ui.pane.packet',
  state: 'ui.pane.state',
  topology: 'ui.pane.topology',
};

/** Compact: `── step 12 on director, packet 7 ── [Packet] State Topology ──`. */
function ruleText(state: ViewState, width: number, wide: boolean): string {
  const trace = state.lab.trace;
  const e = trace.events[state.step];
  let label = '';
  if (e !== undefined) {
    const pkt = 'pkt' in e && e.pkt !== undefined ? e.pkt : undefined;
    label =
      e.host === ''
        ? render(msg('ui.rule.lab', { step: state.step + 1 }))
        : pkt === undefined
          ? render(msg('ui.rule.event', { step: state.step + 1, host: e.host }))
          : render(msg('ui.rule.packet', { step: state.step + 1, host: e.host, pkt }));
  }
  let tabs = '';
  if (!wide) {
    tabs = (['packet', 'state', 'topology'] as const)
      .map((p) => {
        const name = render(msg(PANE_TITLE[p]));
        return p === state.detail ? (state.focus === p ? `[${name}]` : `(${name})`) : ` ${name} `;
      })
      .join('');
    tabs = ` ${tabs} ─ Tab `;
  }
  const head = `── ${label} `;
  const room = width - displayWidth(head) - displayWidth(tabs);
  return room >= 2 ? fitWidth(`${head}${'─'.repeat(room)}${tabs}`, width) : fitWidth(padToWidth(head, width, '─'), width);
}

function helpModel(scroll: number): NonNullable<ScreenModel['help']> {
  const rows = KEY_BINDINGS.map((b) => ({ keys: bindingLabel(b), text: render(msg(b.help)) }));
  rows.push({ keys: '1–9', text: render(msg('ui.key.answer')) });
  rows.push({ keys: 'Tab (:)', text: render(msg('ui.key.promptHost')) });
  rows.push({ keys: '↑ ↓ (/ & :)', text: render(msg('ui.key.promptHistory')) });
  return { title: render(msg('ui.help.title')), rows, close: render(msg('ui.help.close')), more: render(msg('ui.help.more')), scroll };
}

function footerText(width: number, flags: string): string {
  const hinted = KEY_BINDINGS.filter((b) => b.hint !== undefined);
  hinted.sort((a, b) => (a.hint ?? 0) - (b.hint ?? 0));
  const hints = hinted.map((b) => {
    const first = b.chords[0];
    return `${first === undefined ? '' : chordLabel(first)} ${render(msg(`ui.hint.${b.action}`))}`;
  });
  // The flags, then as many whole hints as fit.
  let out = flags;
  for (const h of hints) {
    const next = out === '' ? h : `${out}   ${h}`;
    if (displayWidth(next) > width) break;
    out = next;
  }
  return fitWidth(out, width);
}

// ---- packet ---------------------------------------------------------------------------------

/** The tree rows and change view of a step, computed once per (trace, step, toggles). */
let packetMemo: { trace: Trace; step: number; toggled: ReadonlyMap<string, boolean>; rows: TreeRow[]; view: ChangeView } | undefined;

export function packetAt(state: ViewState): { rows: TreeRow[]; view: ChangeView } {
  const { trace, index } = state.lab;
  const m = packetMemo;
  if (m !== undefined && m.trace === trace && m.step === state.step && m.toggled === state.treeToggled) return m;
  const e = trace.events[state.step];
  const view = changeViewAt(trace, index, state.step);
  const changes = view.kind === 'hop' || view.kind === 'rewrite' ? view.changes : [];
  const rows = e === undefined ? [] : treeRows(eventLayers(e), state.treeToggled, changes);
  packetMemo = { trace, step: state.step, toggled: state.treeToggled, rows, view };
  return packetMemo;
}

function treeLines(rows: readonly TreeRow[], selected: number, focused: boolean, height: number, width: number): PaneLine[] {
  if (rows.length === 0) return fitLines([{ text: render(msg('ui.packet.none')), tone: 'dim' }], height, width);
  const lines: PaneLine[] = rows.map((r, i) => {
    const arrow = r.expandable ? (r.expanded ? '▾ ' : '▸ ') : '  ';
    const mark = r.changed ? '* ' : '';
    const text = `${'  '.repeat(r.depth)}${arrow}${mark}${r.text}`;
    const tone = i === selected && focused ? 'selected' : r.changed ? 'changed' : r.layer ? 'title' : 'plain';
    return { text, tone };
  });
  // Keep the selected row in view, a third of the way down when scrolling.
  const top = selected < height ? 0 : selected - Math.floor(height / 3);
  return fitLines(lines, height, width, top);
}

// ---- state ----------------------------------------------------------------------------------

function stateLines(state: ViewState, labState: LabState, width: number, rows: number, focused: boolean): PaneLine[] {
  const kind = STATE_VIEWS[state.stateView] ?? 'ipvs';
  const e = state.lab.trace.events[state.step];
  const candidates = hostsWith(kind, labState);
  const host = e !== undefined && candidates.includes(e.host) ? e.host : (candidates[0] ?? e?.host ?? '');
  const view = renderStateView(kind, labState, host, labState.t);
  const tabs = STATE_VIEWS.map((k) => (k === kind ? `[${render(msg(`ui.stateTab.${k}`))}]` : render(msg(`ui.stateTab.${k}`)))).join(' ');
  const heading: PaneLine = { text: `${focused ? '▶ ' : ''}${tabs}  s/S`, tone: focused ? 'focus' : 'title' };
  // A view's own description (VRRP's, say) wraps on up to three lines; a command line is one.
  const what = view.title !== undefined ? wrapAtMost(render(view.title), width, 3) : [`${host}# ${view.command}`];
  const body: PaneLine[] = view.lines.map((l) => ({ text: l, tone: 'plain' }));
  if (view.empty !== undefined) body.push({ text: render(view.empty), tone: 'dim' });
  const others = candidates.filter((h) => h !== host);
  if (others.length > 0) body.push({ text: render(msg('ui.statePane.alsoOn', { hosts: others.join(render(msg('ui.list.separator'))) })), tone: 'dim' });
  const whatRows = Math.min(what.length, Math.max(1, rows - 2));
  const bodyRows = Math.max(0, rows - 1 - whatRows);
  const top = Math.min(state.stateScroll, Math.max(0, body.length - bodyRows));
  const whatLines = what.slice(0, whatRows).map((t): PaneLine => ({ text: fitWidth(t, width), tone: 'dim' }));
  return [fitLines([heading], 1, width)[0] as PaneLine, ...whatLines, ...fitLines(body, bodyRows, width, top)];
}

// ---- checkpoint, quiz and narration ---------------------------------------------------------

/**
 * The checkpoint pane: its title, the `say` in full, then its quiz. When it does not fit, the
 * student scrolls it (Tab to the pane, then j/k); until then the quiz is kept in view.
 */
function checkpointLines(state: ViewState, ctx: ScreenContext, e: Extract<TraceEvent, { kind: 'checkpoint' }>, width: number, rows: number): PaneLine[] {
  const lines: PaneLine[] = [{ text: fitWidth(`★ ${e.title}`, width), tone: 'title' }];
  if (state.whatIfs.length > 0) lines.push({ text: fitWidth(render(msg('ui.checkpoint.whatIf')), width), tone: 'bad' });
  if (e.say !== undefined) {
    for (const t of wrapAtMost(collapseWhitespace(e.say), width, 200)) if (t !== '') lines.push({ text: t, tone: 'plain' });
  }
  const quiz = ctx.quizzes.get(e.index);
  let quizStart = lines.length;
  if (quiz !== undefined) {
    lines.push(EMPTY_LINE);
    quizStart = lines.length;
    lines.push(...quizLines(state, quiz, e.index, width));
  }
  if (lines.length <= rows) return fitLines(lines, rows, width);
  // Scrolled, the last row is the hint: rows - 1 lines of the text show.
  const overflow = lines.length - (rows - 1);
  // Until the student scrolls, the quiz (its question, or its answer and why) is what shows.
  const auto = quiz !== undefined ? Math.min(overflow, quizStart) : 0;
  const top = Math.min(overflow, state.noteScroll < 0 ? auto : state.noteScroll);
  const window = lines.slice(top, top + rows - 1);
  const below = lines.length - top - window.length;
  // Only the directions that hold more, and "Tab to this pane" only while another pane has the keys.
  const more = top > 0 && below > 0 ? msg('ui.checkpoint.moreBoth', { above: top, below }) : top > 0 ? msg('ui.checkpoint.moreAbove', { above: top }) : msg('ui.checkpoint.moreBelow', { below });
  const id = state.focus === 'packet' ? 'ui.checkpoint.scrollFocused' : 'ui.checkpoint.scroll';
  const hint: PaneLine = { text: fitWidth(render(msg(id, { more })), width), tone: 'dim' };
  return fitLines([...window, hint], rows, width);
}


function quizLines(state: ViewState, quiz: QuizSpec, cp: number, width: number): PaneLine[] {
  const out: PaneLine[] = [];
  // `first` starts the first line; later lines are indented to line up after it.
  const wrap = (text: string, tone: PaneLine['tone'], first = '', hang = displayWidth(first)): void => {
    const lines = wrapAtMost(text, Math.max(10, width - Math.max(displayWidth(first), hang)), 8);
    lines.forEach((line, i) => out.push({ text: `${i === 0 ? first : ' '.repeat(hang)}${line}`, tone }));
  };
  wrap(render(msg('ui.quiz.title', { ask: quiz.ask })), 'title');
  const chosen = state.answers.get(cp);
  quiz.choices.forEach((c, i) => {
    let mark = '  ';
    let tone: PaneLine['tone'] = 'plain';
    if (chosen !== undefined && c === quiz.answer) {
      mark = '✓ ';
      tone = 'good';
    } else if (chosen === i) {
      mark = '✗ ';
      tone = 'bad';
    }
    const first = `  ${mark}${i + 1}) `;
    wrap(c, tone, first);
  });
  if (chosen === undefined) {
    wrap(render(msg('ui.quiz.prompt', { n: quiz.choices.length })), 'focus');
  } else {
    const right = quiz.choices[chosen] === quiz.answer;
    wrap(render(msg(right ? 'ui.quiz.right' : 'ui.quiz.wrong', { answer: quiz.answer })), right ? 'good' : 'bad');
    if (quiz.why !== undefined) wrap(render(msg('ui.quiz.why', { why: collapseWhitespace(quiz.why) })), 'plain');
    wrap(render(msg('ui.quiz.goOn')), 'dim');
  }
  return out;
}

/**
 * The explanation of step i. A frame put on or taken off a segment says where; a frame sent
 * because of an IPVS decision also gives that decision (the rewrite the trace index links to
 * it), so the hop the student lands on explains itself.
 */
export function explain(trace: Trace, index: TraceIndex, i: number): string {
  const e = trace.events[i];
  if (e === undefined) return '';
  if (e.kind === 'checkpoint') return e.say === undefined ? e.title : render(msg('ui.explain.checkpoint', { title: e.title, say: collapseWhitespace(e.say) }));
  if (e.kind !== 'tx' && e.kind !== 'rx') return render(e.msg);
  const where = render(msg(e.kind === 'tx' ? 'ui.explain.tx' : 'ui.explain.rx', { host: e.host, iface: e.iface, segment: e.segment }));
  const own = e.msg.id === 'seg.tx' || e.msg.id === 'net.rx' ? where : joinSentences(where, render(e.msg));
  const x = index.xmitOf[i] ?? -1;
  const d = x >= 0 ? trace.events[x] : undefined;
  return d === undefined ? own : joinSentences(own, render(d.msg));
}

/**
 * The narration: at a checkpoint, its title and the trainer's `say`, as much as fits; elsewhere
 * the explanation of the current event, with the checkpoint the student is in on the last row.
 */
function narrationLines(state: ViewState, width: number, rows: number): PaneLine[] {
  const { trace, index } = state.lab;
  const e = trace.events[state.step];
  if (e === undefined) return fitLines([], rows, width);
  if (e.kind === 'checkpoint') {
    const text = render(msg(e.say === undefined ? 'ui.narration.checkpointBare' : 'ui.narration.checkpoint', { title: e.title, n: e.index + 1 }));
    return wrapToRows(text, width, rows).map((t, i) => ({ text: t, tone: i === 0 ? 'title' : 'plain' }));
  }
  // The checkpoint the student is in: the last one at or before this step.
  const cpStep = prevShown(index.checkpoints, state.step + 1);
  const cp = cpStep === undefined ? undefined : trace.events[cpStep];
  const explainRows = cp !== undefined && cp.kind === 'checkpoint' && rows > 1 ? rows - 1 : rows;
  const lines: PaneLine[] = wrapToRows(explain(trace, index, state.step), width, explainRows).map((t) => ({ text: t, tone: 'plain' }));
  if (explainRows < rows && cp !== undefined && cp.kind === 'checkpoint') {
    lines.push({ text: fitWidth(render(msg('ui.narration.in', { title: cp.title, step: (cpStep ?? 0) + 1 })), width), tone: 'dim' });
  }
  return lines;
}

// ---- the whole screen -----------------------------------------------------------------------

/**
 * The sentences of the changes pane (what a hop is compared with, who rewrote what) wrap to the
 * pane; field lines (`eth.dst: a → b`) stay one line each, cut at the edge like the tree's.
 */
function wrapProse(lines: readonly PaneLine[], width: number): PaneLine[] {
  return lines.flatMap((l) => (l.tone === 'title' || l.tone === 'dim' ? wrapToWidth(l.text, width).map((text): PaneLine => ({ text, tone: l.tone })) : [l]));
}

/** `text` wrapped over the last rows of the narration (all of them at most), the rest kept above it. */
function overNarrationEnd(narration: readonly PaneLine[], text: string, tone: PaneLine['tone'], width: number): PaneLine[] {
  const lines = wrapAtMost(text, width, narration.length).map((t): PaneLine => ({ text: t, tone }));
  return [...narration.slice(0, narration.length - lines.length), ...lines];
}

/** Builds every line of the lab screen for one render. */
export function buildScreen(state: ViewState, ctx: ScreenContext, layout: LabLayout, listTop: number): ScreenModel {
  const width = layout.width;
  const { trace } = state.lab;
  const status = statusText(state);
  // The title keeps a readable start even when the status is long (the status is cut instead).
  const headerTitle = fitWidth(trace.meta.title, Math.max(Math.min(displayWidth(trace.meta.title), 28), width - displayWidth(status) - 2));
  const e = trace.events[state.step];

  // Packet: the tree (selection, changed marks), the changes, the hex.
  const packet = packetAt(state);
  const selected = rowIndexOf(packet.rows, state.treeSel);
  const selRow = packet.rows[selected];
  const changesAll = changeLines(packet.view, trace);
  const bytes = state.hex && e !== undefined ? bytesOfEvent(e) : undefined;
  // The hex pane takes what the dump needs, at most a third of the region (half when wide).
  const hexRows =
    bytes === undefined ? 0 : Math.min(Math.ceil(bytes.length / bytesPerLine(layout.packetWidth)), Math.floor(layout.detailRows / (layout.wide ? 2 : 3)), 8);
  const packetRows = layout.detailRows - hexRows;
  let tree: PaneLine[];
  let changes: PaneLine[];
  const packetFocused = state.focus === 'packet';
  if (layout.sideBySide) {
    changes = fitLines(wrapProse(changesAll, layout.changesWidth), packetRows, layout.changesWidth);
    tree = treeLines(packet.rows, selected, packetFocused, packetRows, layout.treeWidth);
  } else {
    // The changes are the lesson: they get the room they need, leaving the tree a third.
    const treeMin = Math.min(packet.rows.length, Math.ceil(packetRows / 3));
    const changesWrapped = wrapProse(changesAll, layout.packetWidth);
    const changesRows = Math.max(0, Math.min(changesWrapped.length, packetRows - treeMin));
    changes = fitLines(changesWrapped, changesRows, layout.packetWidth);
    tree = treeLines(packet.rows, selected, packetFocused, packetRows - changesRows, layout.packetWidth);
  }
  const hex =
    bytes === undefined || hexRows === 0
      ? undefined
      : hexDump(bytes, { width: layout.packetWidth, rows: hexRows, ...(selRow?.pos !== undefined && selRow.len !== undefined ? { highlight: { pos: selRow.pos, len: selRow.len } } : {}) });

  const labState = stateAt(ctx.stateIndex, state.step);
  const sideWidth = layout.wide ? layout.sideWidth : width;
  const stateRows = layout.wide ? layout.stateRows : layout.detailRows;
  const topoRows = layout.wide ? layout.topologyRows : layout.detailRows;
  const down = new Set<string>();
  // A link down, or every link of a crashed host (it sends and hears nothing), is drawn cut.
  for (const h of labState.hosts.values()) for (const l of h.links.values()) if (!l.up || h.crashed) down.add(`${h.name}/${l.name}`);
  const base = trace.meta.topology;
  const topology = base === undefined || e === undefined ? [] : topologyLines(topologyAt(base, labState), focusOfEvent(e, base), down, sideWidth, topoRows);

  const quiz = e !== undefined && e.kind === 'checkpoint' ? checkpointLines(state, ctx, e, layout.packetWidth, layout.detailRows) : undefined;
  const quizPending = pendingQuiz(state, ctx) !== undefined;

  let narration = narrationLines(state, width, layout.narrationRows);
  let prompt: PromptLine | undefined;
  if (state.prompt !== undefined) {
    const p = state.prompt;
    const prefix = p.kind === 'command' ? `${p.host}# ` : p.kind === 'search' ? '/' : '&';
    const err = state.promptError;
    prompt = { prefix, text: p.text, cursor: p.cursor, error: err === undefined ? undefined : err.message };
    if (err !== undefined) {
      // The caret under the offending character, then the message: the prompt is the footer line.
      // The prompt bar scrolls a long line to keep the cursor in view (PromptBar): so does the caret.
      const { start } = promptWindow(prefix, p.text, p.cursor, width);
      const col = displayWidth(prefix) + displayWidth(p.text.slice(0, err.offset)) - start;
      const caret: PaneLine = { text: col < 0 ? fitWidth('^…', width) : fitWidth(`${' '.repeat(Math.min(width - 2, col))}^`, width), tone: 'bad' };
      const message = wrapAtMost(err.message, width, Math.max(1, layout.narrationRows - 1)).map((t): PaneLine => ({ text: t, tone: 'bad' }));
      const rows = [...message, caret].slice(-layout.narrationRows);
      while (rows.length < layout.narrationRows) rows.unshift(EMPTY_LINE);
      narration = rows;
    } else {
      // The hint wraps over the narration's last rows rather than losing its end at the edge.
      narration = overNarrationEnd(narration, render(msg(p.kind === 'command' ? 'ui.prompt.commandHint' : 'ui.prompt.filterHint')), 'dim', width);
    }
  }
  // A notice takes the footer's line; one too long for it wraps over the narration's last rows.
  const notice: string | undefined = state.notice === undefined ? undefined : render(state.notice);
  const noticeFits = notice === undefined || displayWidth(notice) <= width;
  if (notice !== undefined && !noticeFits && state.prompt === undefined) narration = overNarrationEnd(narration, notice, 'title', width);

  const rowsShown = shownCount(state.view, trace.events.length);
  const top = followScroll(listTop, rowOf(state.view, state.step), layout.listRows, rowsShown);
  return {
    headerTitle,
    headerStatus: status,
    list: listRows(state, layout, top),
    rule: ruleText(state, layout.wide ? layout.packetWidth : width, layout.wide),
    detail: state.detail,
    focus: state.focus,
    tree,
    changes,
    hex,
    state: stateLines(state, labState, sideWidth, stateRows, state.focus === 'state'),
    topology,
    quiz,
    quizPending,
    narration,
    footer: notice !== undefined && noticeFits ? notice : footerText(width, flagsText(state, ctx)),
    prompt,
    help: state.help ? helpModel(state.helpScroll) : undefined,
  };
}

/** The first row of the list window for this render (the app keeps it between renders). */
export function listTopFor(state: ViewState, layout: LabLayout, previousTop: number): number {
  return followScroll(previousTop, rowOf(state.view, state.step), layout.listRows, shownCount(state.view, state.lab.trace.events.length));
}

