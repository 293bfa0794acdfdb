/**
 * The lab screen as data: every line the components print, built from the trace, its indexes,
 * the view state and the layout. Only the visible window of the event list is formatted, and the
 * current event is dissected once, so a step costs the same on a 100-event and a 100,000-event
 * trace.
 */
import { msg, render } from '../i18n/index.js';
import type { TraceEventKind } from '../trace/events.js';
import type { Trace } from '../trace/trace.js';
import { KIND_HUE, KIND_MARK, type Hue } from './color.js';
import { bindingLabel, chordLabel, KEY_BINDINGS } from './keys.js';
import type { LabLayout } from './layout.js';
import { wrapToRows } from './layout.js';
import { changeLines, changeViewAt, eventLayers, packetTreeLines, type PaneLine } from './packet-view.js';
import { fitWidth, formatEventLine, formatVirtualTime } from './text.js';
import type { TraceIndex } from './trace-index.js';
import { SPEEDS, type ViewState } from './view-state.js';

export interface ListRow {
  /** The step shown on this row (a stable React key), or -1 for an empty row. */
  readonly step: number;
  /** The whole row, already cut to the width (padded to it on the current row). */
  readonly text: string;
  readonly current: boolean;
  readonly kind: TraceEventKind | undefined;
  readonly hue: Hue | undefined;
}

export interface HelpRow {
  readonly keys: string;
  readonly text: string;
}

export interface ScreenModel {
  readonly headerTitle: string;
  readonly headerStatus: string;
  /** Exactly layout.listRows rows. */
  readonly list: readonly ListRow[];
  readonly rule: string;
  /** Stacked layout: changes then tree, together exactly layout.detailRows lines. */
  readonly changes: readonly PaneLine[];
  readonly tree: readonly PaneLine[];
  /** Exactly layout.explanationRows lines. */
  readonly explanation: readonly string[];
  readonly footer: string;
  /** Present while the help overlay is open. */
  readonly help: { readonly title: string; readonly rows: readonly HelpRow[]; readonly close: string } | undefined;
}

function fitLines(lines: readonly PaneLine[], rows: number, width: number): PaneLine[] {
  const out: PaneLine[] = [];
  if (lines.length > rows && rows > 0) {
    const kept = lines.slice(0, rows - 1);
    for (const l of kept) out.push({ text: fitWidth(l.text, width), tone: l.tone });
    out.push({ text: fitWidth(render(msg('ui.packet.more', { n: lines.length - kept.length })), width), tone: 'dim' });
  } else {
    for (const l of lines.slice(0, rows)) out.push({ text: fitWidth(l.text, width), tone: l.tone });
  }
  while (out.length < rows) out.push({ text: '', tone: 'plain' });
  return out;
}

function statusText(trace: Trace, state: ViewState): string {
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

function listRows(trace: Trace, index: TraceIndex, state: ViewState, layout: LabLayout, top: number): ListRow[] {
  const rows: ListRow[] = [];
  const width = layout.width;
  // The cursor and the kind marker take two columns; the time column's padding separates them.
  const lineOpts = { hostWidth: index.hostWidth, segmentWidth: index.segmentWidth, width: width - 3 };
  for (let r = 0; r < layout.listRows; r++) {
    const step = top + r;
    const e = trace.events[step];
    if (e === undefined) {
      const empty = trace.events.length === 0 && r === 0 ? render(msg('ui.list.empty')) : '';
      rows.push({ step: -1 - r, text: fitWidth(empty, width), current: false, kind: undefined, hue: undefined });
      continue;
    }
    const current = step === state.step;
    const text = `${current ? '▸' : ' '}${KIND_MARK[e.kind]} ${formatEventLine(e, lineOpts)}`;
    rows.push({
      step,
      text: current ? text.padEnd(width) : text,
      current,
      kind: e.kind,
      hue: KIND_HUE[e.kind],
    });
  }
  return rows;
}

function ruleText(trace: Trace, state: ViewState, width: number): string {
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
  return fitWidth(`── ${label} `.padEnd(width, '─'), width);
}

function helpModel(): NonNullable<ScreenModel['help']> {
  return {
    title: render(msg('ui.help.title')),
    rows: KEY_BINDINGS.map((b) => ({ keys: bindingLabel(b), text: render(msg(b.help)) })),
    close: render(msg('ui.help.close')),
  };
}

function footerText(width: number): string {
  const hinted = KEY_BINDINGS.filter((b) => b.hint !== undefined);
  hinted.sort((a, b) => (a.hint ?? 0) - (b.hint ?? 0));
  const hints = hinted.map((b) => {
    const first = b.chords[0];
    return `${first === undefined ? '' : chordLabel(first)} ${render(msg(b.help))}`;
  });
  return fitWidth(hints.join('   '), width);
}

/** Builds every line of the lab screen for one render. */
export function buildScreen(trace: Trace, index: TraceIndex, state: ViewState, layout: LabLayout, top: number): ScreenModel {
  const width = layout.width;
  const status = statusText(trace, state);
  const headerTitle = fitWidth(trace.meta.title, Math.max(0, width - status.length - 2));
  const e = trace.events[state.step];

  const changesAll = changeLines(changeViewAt(trace, index, state.step));
  const layers = e === undefined ? [] : eventLayers(e);
  let changes: PaneLine[];
  let tree: PaneLine[];
  if (layout.sideBySide) {
    changes = fitLines(changesAll, layout.detailRows, layout.changesWidth);
    tree = fitLines(packetTreeLines(layers, layout.detailRows), layout.detailRows, layout.treeWidth);
  } else {
    // The changes are the lesson: they get the room they need, leaving the tree at least half
    // the region (or all its layer titles, when fewer).
    const treeMin = Math.min(layers.length, Math.floor(layout.detailRows / 2));
    const changesRows = Math.min(changesAll.length, layout.detailRows - treeMin);
    const treeRows = layout.detailRows - changesRows;
    changes = fitLines(changesAll, changesRows, width);
    tree = fitLines(packetTreeLines(layers, treeRows), treeRows, width);
  }

  return {
    headerTitle,
    headerStatus: status,
    list: listRows(trace, index, state, layout, top),
    rule: ruleText(trace, state, width),
    changes,
    tree,
    explanation: wrapToRows(e === undefined ? '' : explain(trace, state.step), width, layout.explanationRows),
    footer: footerText(width),
    help: state.help ? helpModel() : undefined,
  };
}

/** How far back a hop looks for the decision that sent it (same packet, same host). */
const DECISION_LOOKBACK = 64;

/**
 * The explanation of step i. A frame put on or taken off a segment says where; a frame sent
 * because of an IPVS decision also gives that decision (the xmit event just before it about the
 * same packet on the same host), so the hop the student lands on explains itself.
 */
function explain(trace: Trace, i: number): string {
  const e = trace.events[i];
  if (e === undefined) return '';
  if (e.kind === 'checkpoint') return e.say === undefined ? e.title : `${e.title}: ${e.say.replace(/\s+/g, ' ')}`;
  if (e.kind !== 'tx' && e.kind !== 'rx') return render(e.msg);
  const where = render(msg(e.kind === 'tx' ? 'ui.explain.tx' : 'ui.explain.rx', { host: e.host, iface: e.iface, segment: e.segment }));
  const own = e.msg.id === 'seg.tx' || e.msg.id === 'net.rx' ? '' : ` ${render(e.msg)}`;
  if (e.kind === 'tx') {
    for (let j = i - 1; j >= 0 && j >= i - DECISION_LOOKBACK; j--) {
      const d = trace.events[j];
      if (d === undefined || d.host !== e.host) continue;
      if (d.kind === 'ipvs.xmit' && d.pkt === e.pkt) return `${where}${own} ${render(d.msg)}`;
      if ((d.kind === 'tx' || d.kind === 'rx') && d.pkt === e.pkt) break;
    }
  }
  return `${where}${own}`;
}
