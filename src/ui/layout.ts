/**
 * The lab screen's geometry as a pure function of the terminal size, so the layout never depends
 * on content (no wrapping, no jumping panes).
 *
 * Compact (below 150×40, down to 80×24 and less): header, event list, a rule naming the panes,
 * one detail region showing the pane that has the keyboard (packet, state or topology), the
 * narration, and a footer (key hints, a notice, or the prompt).
 *
 * Wide (from 150×40): the event list with the topology at its right; below, the packet (tree and
 * changes side by side, the hex under them) with the state at its right; then the narration and
 * the footer. Everything is visible at once.
 */

/** The smallest terminal the lab lays out for; smaller ones get this size, cut by the terminal. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** From this size on, every pane is on screen at once. */
export const WIDE_COLUMNS = 150;
export const WIDE_ROWS = 40;
/** Columns from which the packet tree and the changes sit side by side (in the packet pane). */
export const SIDE_BY_SIDE_COLUMNS = 110;

export interface LabLayout {
  /** Columns of every line. */
  readonly width: number;
  /** Lines drawn: one less than the terminal, so Ink never has to clear the whole screen. */
  readonly height: number;
  readonly wide: boolean;
  readonly listRows: number;
  readonly listWidth: number;
  /** Compact: rows of the detail region (full width). Wide: rows of the packet and state band. */
  readonly detailRows: number;
  /** Width of the packet pane (compact: the whole width). */
  readonly packetWidth: number;
  /** Tree and changes side by side inside the packet pane; their widths. */
  readonly sideBySide: boolean;
  readonly treeWidth: number;
  readonly changesWidth: number;
  /** Wide: the right column (topology above, state below); compact: 0. */
  readonly sideWidth: number;
  readonly topologyRows: number;
  readonly stateRows: number;
  readonly narrationRows: number;
}

/** Lines of fixed furniture: header, the rule, footer. */
const FIXED_ROWS = 3;

function packetSplit(width: number): { sideBySide: boolean; treeWidth: number; changesWidth: number } {
  const sideBySide = width >= SIDE_BY_SIDE_COLUMNS;
  const changesWidth = sideBySide ? Math.floor(width * 0.45) : width;
  const treeWidth = sideBySide ? width - changesWidth - 1 : width;
  return { sideBySide, treeWidth, changesWidth };
}

/** The layout of a terminal of `columns` × `rows`. */
export function computeLayout(columns: number, rows: number): LabLayout {
  const width = Math.max(MIN_COLUMNS, Math.floor(columns));
  const height = Math.max(MIN_ROWS, Math.floor(rows)) - 1;
  const wide = width >= WIDE_COLUMNS && height + 1 >= WIDE_ROWS;
  if (!wide) {
    const narrationRows = rows >= 28 ? 4 : 3;
    const flexible = height - FIXED_ROWS - narrationRows;
    const listRows = Math.max(3, Math.floor(flexible * 0.42));
    const detailRows = flexible - listRows;
    return {
      width,
      height,
      wide,
      listRows,
      listWidth: width,
      detailRows,
      packetWidth: width,
      ...packetSplit(width),
      sideWidth: 0,
      topologyRows: detailRows,
      stateRows: detailRows,
      narrationRows,
    };
  }
  const narrationRows = 5;
  const flexible = height - FIXED_ROWS - narrationRows;
  const listRows = Math.floor(flexible * 0.42);
  const detailRows = flexible - listRows;
  const sideWidth = Math.floor(width * 0.4);
  const mainWidth = width - sideWidth - 1;
  return {
    width,
    height,
    wide,
    listRows,
    listWidth: mainWidth,
    detailRows,
    packetWidth: mainWidth,
    ...packetSplit(mainWidth),
    sideWidth,
    // The topology takes the right of the list; the state, the right of the packet.
    topologyRows: listRows,
    stateRows: detailRows,
    narrationRows,
  };
}

/**
 * The first row of a `rows`-high window over `length` items that shows `current`, moving the
 * previous window `top` as little as possible (lists scroll, they do not recentre on every step).
 */
export function followScroll(top: number, current: number, rows: number, length: number): number {
  if (length <= rows) return 0;
  let next = top;
  if (current < next) next = current;
  else if (current >= next + rows) next = current - rows + 1;
  return Math.min(Math.max(next, 0), length - rows);
}

/** Word-wrapping into a fixed number of rows lives with the other column arithmetic. */
export { wrapToRows } from './width.js';
