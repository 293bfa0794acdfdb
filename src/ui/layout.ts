/**
 * The lab screen's geometry as a pure function of the terminal size, so the layout never depends
 * on content (no wrapping, no jumping panes): header, event list, a rule, the packet panes, the
 * explanation, and a footer of key hints. From 120 columns on the packet tree and the changes
 * sit side by side; below, the changes sit above the tree.
 */

/** The smallest terminal the lab lays out for; smaller ones get this size, cut by the terminal. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** Columns from which the packet tree and the changes pane sit side by side. */
export const SIDE_BY_SIDE_COLUMNS = 120;
/** Lines given to the explanation of the current event (one more on a terminal of 28 rows or more). */
export const EXPLANATION_ROWS = 2;
const TALL_ROWS = 28;

export interface LabLayout {
  /** Columns of every line. */
  readonly width: number;
  /** Lines drawn: one less than the terminal, so Ink never has to clear the whole screen. */
  readonly height: number;
  readonly listRows: number;
  /** Lines of the packet region (tree and changes). */
  readonly detailRows: number;
  readonly explanationRows: number;
  /** Side by side: widths of the tree and the changes column; stacked: both equal `width`. */
  readonly sideBySide: boolean;
  readonly treeWidth: number;
  readonly changesWidth: number;
}

/** Lines of fixed furniture: header, the rule above the packet, footer. */
const FIXED_ROWS = 3;

/** The layout of a terminal of `columns` × `rows`. */
export function computeLayout(columns: number, rows: number): LabLayout {
  const width = Math.max(MIN_COLUMNS, Math.floor(columns));
  const height = Math.max(MIN_ROWS, Math.floor(rows)) - 1;
  const explanationRows = rows >= TALL_ROWS ? EXPLANATION_ROWS + 1 : EXPLANATION_ROWS;
  const flexible = height - FIXED_ROWS - explanationRows;
  const listRows = Math.max(3, Math.floor(flexible * 0.45));
  const detailRows = flexible - listRows;
  const sideBySide = width >= SIDE_BY_SIDE_COLUMNS;
  const changesWidth = sideBySide ? Math.floor(width * 0.45) : width;
  const treeWidth = sideBySide ? width - changesWidth - 1 : width;
  return { width, height, listRows, detailRows, explanationRows, sideBySide, treeWidth, changesWidth };
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

/**
 * Word-wraps `text` into exactly `rows` lines of at most `width` characters (padding with empty
 * lines; the last line ends with `…` when the text does not fit).
 */
export function wrapToRows(text: string, width: number, rows: number): string[] {
  if (rows <= 0 || width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  let cut = false;
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  place: for (const word of words) {
    let rest = word;
    for (;;) {
      const candidate = line.length === 0 ? rest : `${line} ${rest}`;
      if (candidate.length <= width) {
        line = candidate;
        break;
      }
      const lastRow = lines.length === rows - 1;
      if (line.length > 0) {
        if (lastRow) {
          cut = true;
          break place;
        }
        lines.push(line);
        line = '';
        continue;
      }
      // A word longer than a whole line is cut into line-long pieces.
      if (lastRow) {
        line = rest.slice(0, width);
        cut = true;
        break place;
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
  }
  if (line.length > 0) lines.push(line);
  if (cut) {
    const last = lines[lines.length - 1] ?? '';
    lines[lines.length - 1] = last.length < width ? `${last}…` : `${last.slice(0, width - 1)}…`;
  }
  while (lines.length < rows) lines.push('');
  return lines;
}
