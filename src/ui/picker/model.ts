/**
 * The lab picker as data, with no Ink in it: the state (filter, selection, scroll), a reducer for
 * every key, and the visible rows for a given width. The list is the labs grouped by topic in
 * course order (NAT, DR, TUN … misc, as `lvslab list` prints them); topic headings are rows of
 * their own that the selection steps over. Everything is O(labs) per key press, which stays
 * instant for hundreds of labs.
 */
import { render } from '../../i18n/index.js';
import { msg } from '../../i18n/message.js';
import { groupByTopic, TOPIC_MESSAGE, type Topic } from '../../scenarios/topics.js';
import { displayWidth, fitWidth, padToWidth, wrapToWidth } from '../width.js';

/** One lab as the picker shows it. */
export interface PickerLab {
  /** What `lvslab play` takes: the built-in's name. */
  readonly name: string;
  readonly title: string;
  readonly topic: Topic;
  readonly summary?: string;
}

/** How the picker ended: a lab chosen, or the user left. */
export type PickerOutcome = { readonly kind: 'choose'; readonly name: string } | { readonly kind: 'quit' };

export interface PickerState {
  readonly labs: readonly PickerLab[];
  /** The filter text; every whitespace-separated word must occur in a lab's name, title or topic. */
  readonly filter: string;
  /** Typed characters go to the filter (after `/`) instead of being keys. */
  readonly editing: boolean;
  /**
   * The selected lab's name. Kept while a filter hides it (so that clearing the filter returns to
   * it); only a visible selection can be chosen.
   */
  readonly selected: string | undefined;
  /** Index of the first visible row. */
  readonly top: number;
  /** How many list rows fit on the screen. */
  readonly page: number;
  readonly help: boolean;
  readonly outcome: PickerOutcome | undefined;
}

/** Everything the picker does on a key. */
export type PickerAction =
  | { readonly kind: 'down' }
  | { readonly kind: 'up' }
  | { readonly kind: 'pageDown' }
  | { readonly kind: 'pageUp' }
  | { readonly kind: 'first' }
  | { readonly kind: 'last' }
  | { readonly kind: 'filter' }
  | { readonly kind: 'type'; readonly text: string }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'escape' }
  | { readonly kind: 'choose' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'resize'; readonly page: number };

/** A row of the list before windowing: a topic heading, or a lab. */
export type PickerListRow =
  | { readonly kind: 'topic'; readonly topic: Topic; readonly count: number }
  | { readonly kind: 'lab'; readonly lab: PickerLab };

/** The picker as first shown: no filter, `initial` selected when it is one of the labs. */
export function initPicker(labs: readonly PickerLab[], opts: { readonly initial?: string | undefined; readonly page: number }): PickerState {
  const base: PickerState = {
    labs,
    filter: '',
    editing: false,
    selected: undefined,
    top: 0,
    page: Math.max(1, opts.page),
    help: false,
    outcome: undefined,
  };
  const rows = listRows(labs, '');
  const wanted = opts.initial !== undefined && labs.some((l) => l.name === opts.initial) ? opts.initial : firstLab(rows);
  return follow({ ...base, selected: wanted }, rows);
}

/** Whether `lab` matches every word of `filter` (case-insensitive, in its name, title or topic). */
export function labMatches(lab: PickerLab, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const text = `${lab.name}\n${lab.title}\n${lab.topic}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The rows of the whole list for a filter: each topic that has a match, then its matching labs. */
export function listRows(labs: readonly PickerLab[], filter: string): PickerListRow[] {
  const matching = filter === '' ? labs : labs.filter((l) => labMatches(l, filter));
  const rows: PickerListRow[] = [];
  for (const group of groupByTopic(matching)) {
    rows.push({ kind: 'topic', topic: group.topic, count: group.items.length });
    for (const lab of group.items) rows.push({ kind: 'lab', lab });
  }
  return rows;
}

function firstLab(rows: readonly PickerListRow[]): string | undefined {
  for (const r of rows) if (r.kind === 'lab') return r.lab.name;
  return undefined;
}

function lastLab(rows: readonly PickerListRow[]): string | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    if (r?.kind === 'lab') return r.lab.name;
  }
  return undefined;
}

function rowOf(rows: readonly PickerListRow[], name: string | undefined): number {
  if (name === undefined) return -1;
  return rows.findIndex((r) => r.kind === 'lab' && r.lab.name === name);
}

/** The nearest lab at or after row `i` (or before it when there is none after); -1 when no lab. */
function labAtOrAfter(rows: readonly PickerListRow[], i: number): number {
  for (let j = Math.max(0, i); j < rows.length; j++) if (rows[j]?.kind === 'lab') return j;
  for (let j = Math.min(i, rows.length - 1); j >= 0; j--) if (rows[j]?.kind === 'lab') return j;
  return -1;
}

/** The next lab row from `at` in direction `dir` (headings skipped), or `at` at either end. */
function stepLab(rows: readonly PickerListRow[], at: number, dir: 1 | -1): number {
  for (let j = at + dir; j >= 0 && j < rows.length; j += dir) if (rows[j]?.kind === 'lab') return j;
  return at;
}

function nameAt(rows: readonly PickerListRow[], i: number): string | undefined {
  const r = rows[i];
  return r?.kind === 'lab' ? r.lab.name : undefined;
}

/**
 * The scroll offset that shows the selection, moving as little as possible; when the selected lab
 * is the first of its topic, its heading is brought into view with it.
 */
export function followTop(rows: readonly PickerListRow[], selectedRow: number, top: number, page: number): number {
  let t = Math.min(top, Math.max(0, rows.length - page));
  if (selectedRow >= 0) {
    const want = selectedRow > 0 && rows[selectedRow - 1]?.kind === 'topic' ? selectedRow - 1 : selectedRow;
    if (want < t) t = want;
    if (selectedRow >= t + page) t = selectedRow - page + 1;
  }
  return Math.max(0, t);
}

function follow(state: PickerState, rows: readonly PickerListRow[]): PickerState {
  const top = followTop(rows, rowOf(rows, state.selected), state.top, state.page);
  return top === state.top ? state : { ...state, top };
}

/** After the filter changed: keep the selection if it still matches, else take the first match. */
function refilter(state: PickerState, filter: string, editing: boolean): PickerState {
  const rows = listRows(state.labs, filter);
  const keep = rowOf(rows, state.selected) >= 0 || firstLab(rows) === undefined;
  const selected = keep ? state.selected : firstLab(rows);
  return follow({ ...state, filter, editing, selected, top: 0 }, rows);
}

function select(state: PickerState, rows: readonly PickerListRow[], row: number, top = state.top): PickerState {
  const selected = row >= 0 ? nameAt(rows, row) : state.selected;
  return follow({ ...state, selected, top }, rows);
}

/** Drops control characters from typed text (a paste may carry newlines or escapes). */
function printable(text: string): string {
  return [...text].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
}

/** The picker after one action. */
export function reducePicker(state: PickerState, action: PickerAction): PickerState {
  if (state.outcome !== undefined) return state;
  if (state.help) {
    // The help overlay answers only to closing it (or leaving).
    if (action.kind === 'help' || action.kind === 'escape') return { ...state, help: false };
    if (action.kind === 'quit') return { ...state, outcome: { kind: 'quit' } };
    if (action.kind === 'resize') return { ...reducePicker({ ...state, help: false }, action), help: true };
    return state;
  }
  const rows = listRows(state.labs, state.filter);
  const at = rowOf(rows, state.selected);
  switch (action.kind) {
    case 'down':
      return select(state, rows, at < 0 ? labAtOrAfter(rows, 0) : stepLab(rows, at, 1));
    case 'up':
      return select(state, rows, at < 0 ? labAtOrAfter(rows, 0) : stepLab(rows, at, -1));
    case 'pageDown': {
      const target = at < 0 ? 0 : Math.min(rows.length - 1, at + state.page);
      return select(state, rows, labAtOrAfter(rows, target), state.top + state.page);
    }
    case 'pageUp': {
      const target = at < 0 ? 0 : Math.max(0, at - state.page);
      return select(state, rows, labAtOrAfter(rows, target), Math.max(0, state.top - state.page));
    }
    case 'first':
      return select(state, rows, rowOf(rows, firstLab(rows)), 0);
    case 'last':
      return select(state, rows, rowOf(rows, lastLab(rows)), rows.length);
    case 'filter':
      return { ...state, editing: true };
    case 'type': {
      const text = printable(action.text);
      return text === '' ? state : refilter(state, state.filter + text, true);
    }
    case 'backspace': {
      if (state.filter === '') return state.editing ? { ...state, editing: false } : state;
      const chars = [...state.filter];
      chars.pop();
      return refilter(state, chars.join(''), state.editing);
    }
    case 'escape':
      return state.filter === '' && !state.editing ? state : refilter(state, '', false);
    case 'choose':
      return at >= 0 && state.selected !== undefined ? { ...state, outcome: { kind: 'choose', name: state.selected } } : state;
    case 'quit':
      return { ...state, outcome: { kind: 'quit' } };
    case 'help':
      return { ...state, help: true, editing: false };
    case 'resize': {
      const page = Math.max(1, action.page);
      return page === state.page ? state : follow({ ...state, page }, rows);
    }
  }
}

/** One visible row, already cut to the width. */
export interface PickerRow {
  readonly kind: 'topic' | 'lab';
  readonly text: string;
  readonly selected: boolean;
  /** The lab's name (lab rows only). */
  readonly name?: string;
}

/** What the list shows for a state. */
export interface PickerView {
  /** The visible rows, at most `state.page`. */
  readonly rows: readonly PickerRow[];
  /** The selected lab when it is visible through the filter. */
  readonly selected: PickerLab | undefined;
  /** Labs that match the filter, and all labs. */
  readonly matched: number;
  readonly total: number;
  /** Labs scrolled out of view above and below. */
  readonly above: number;
  readonly below: number;
}

/** The heading of a topic: `dr: direct routing: only the MAC address changes (5)`. */
export function topicHeading(topic: Topic, count: number): string {
  return render(msg('ui.picker.topicHeading', { topic, about: msg(TOPIC_MESSAGE[topic]), count }));
}

/**
 * The visible rows of the list for `width` columns: headings flush left, labs as
 * `▸ name  title` (the marker on the selected one, so it shows without colour or inverse).
 */
export function pickerRows(state: PickerState, width: number): PickerView {
  const rows = listRows(state.labs, state.filter);
  const at = rowOf(rows, state.selected);
  const top = followTop(rows, at, state.top, state.page);
  let longest = 0;
  for (const l of state.labs) longest = Math.max(longest, displayWidth(l.name));
  // Names line up in a column, but never take more than half the line from the titles.
  const nameWidth = Math.min(longest + 2, Math.max(12, Math.floor(width / 2)));
  const visible: PickerRow[] = [];
  let matched = 0;
  let above = 0;
  let below = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]?.kind !== 'lab') continue;
    matched++;
    if (i < top) above++;
    else if (i >= top + state.page) below++;
  }
  for (let i = top; i < Math.min(rows.length, top + state.page); i++) {
    const r = rows[i];
    if (r === undefined) continue;
    if (r.kind === 'topic') {
      visible.push({ kind: 'topic', text: fitWidth(topicHeading(r.topic, r.count), width), selected: false });
      continue;
    }
    const selected = i === at;
    const name = padToWidth(fitWidth(r.lab.name, nameWidth - 2), nameWidth);
    visible.push({ kind: 'lab', text: fitWidth(`${selected ? '▸' : ' '} ${name}${r.lab.title}`, width), selected, name: r.lab.name });
  }
  const selectedLab = at >= 0 ? (rows[at] as Extract<PickerListRow, { kind: 'lab' }>).lab : undefined;
  return {
    rows: visible,
    selected: selectedLab,
    matched,
    total: state.labs.length,
    above,
    below,
  };
}

/**
 * Words of `text` in lines of at most `width` columns (greedy, as a paragraph is filled); a word
 * longer than a line is broken across lines so that no line is ever wider, and Chinese text
 * breaks between characters (see {@link wrapToWidth}).
 */
export function wrapText(text: string, width: number): string[] {
  return wrapToWidth(text, width);
}

/** Where the picker's parts go on a screen of `width` × `height`. */
export interface PickerLayout {
  /** Summary at the right of the list (wide screens) instead of below it. */
  readonly wide: boolean;
  readonly listWidth: number;
  /** List rows (the rule under the list is extra). */
  readonly page: number;
  readonly detailWidth: number;
  readonly detailRows: number;
}

/** From this many columns on, the details sit beside the list. */
export const WIDE_COLUMNS = 120;

/** The picker's layout: header, list, rule, details, footer (details at the right when wide). */
export function pickerLayout(width: number, height: number): PickerLayout {
  const w = Math.max(20, width);
  const h = Math.max(6, height);
  if (w >= WIDE_COLUMNS) {
    const listWidth = Math.max(60, Math.floor(w / 2));
    // header + footer around the body; the list gives its last body row to the rule.
    const body = h - 2;
    return { wide: true, listWidth, page: Math.max(1, body - 1), detailWidth: w - listWidth - 3, detailRows: body };
  }
  const detailRows = h >= 20 ? 4 : h >= 12 ? 2 : 0;
  return { wide: false, listWidth: w, page: Math.max(1, h - 3 - detailRows), detailWidth: w, detailRows };
}
