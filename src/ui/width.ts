/**
 * Text measured in terminal columns, not UTF-16 code units: a CJK character or a full-width
 * punctuation mark takes two columns, a combining mark none. Every width computation of the lab
 * screen goes through here, so that a line cut to N columns is N columns in the terminal, even in
 * Chinese. Widths are those of `string-width`, the measure Ink uses when it lays out a `<Text>`,
 * so our arithmetic and Ink's agree. Printable ASCII (the common case) takes a fast path where a
 * column is a code unit; other text is walked cluster by cluster (a cluster is never split: a
 * double-width character that would straddle a cut becomes a space).
 */
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Code units outside the ranges where summing per-unit widths equals string-width's
 * per-grapheme sum: surrogates (emoji, rare CJK), joiners and variation selectors, Hangul jamo,
 * and the scripts from U+0300 to U+1FFF whose clusters join letters (Indic conjuncts…). A string
 * holding one of these is segmented into graphemes the way string-width does.
 */
const NEEDS_SEGMENTER = /[\u0300-\u1fff\u200d\u20d0-\u20ff\ua960-\ua97f\ud7b0-\udfff\ufe00-\ufe0f]/;

/** Width of each BMP code unit, filled on first use (255: not yet known). */
const unitWidths = new Uint8Array(0x10000).fill(255);
/** Width of each grapheme met on the segmenter path. */
const graphemeWidths = new Map<string, number>();
const GRAPHEME_CACHE_LIMIT = 4096;
const segmenter = new Intl.Segmenter();

function unitWidth(code: number): number {
  let w = unitWidths[code] as number;
  if (w === 255) {
    w = stringWidth(String.fromCharCode(code));
    unitWidths[code] = w;
  }
  return w;
}

function graphemeWidth(g: string): number {
  let w = graphemeWidths.get(g);
  if (w === undefined) {
    w = stringWidth(g);
    if (graphemeWidths.size >= GRAPHEME_CACHE_LIMIT) graphemeWidths.clear();
    graphemeWidths.set(g, w);
  }
  return w;
}

function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/**
 * Calls `visit(start, end, width)` for each cluster of `text` in order (code-unit bounds, width
 * in columns); stops when `visit` returns false. On the per-unit path a zero-width unit joins the
 * cluster before it, so a cut never separates a letter from its combining mark.
 */
function eachCluster(text: string, visit: (start: number, end: number, width: number) => boolean): void {
  if (NEEDS_SEGMENTER.test(text)) {
    for (const { segment, index } of segmenter.segment(text)) {
      if (!visit(index, index + segment.length, graphemeWidth(segment))) return;
    }
    return;
  }
  let start = 0;
  let width = -1;
  for (let i = 0; i < text.length; i++) {
    const w = unitWidth(text.charCodeAt(i));
    if (w === 0 && width >= 0) continue;
    if (width >= 0 && !visit(start, i, width)) return;
    start = i;
    width = w;
  }
  if (width >= 0) visit(start, text.length, width);
}

/** One cluster of a text (a character with its combining marks, an emoji…) and its columns. */
export interface Cluster {
  readonly text: string;
  readonly width: number;
}

/** The clusters of `text` in order, each with its width in columns (0, 1 or 2). */
export function clustersOf(text: string): Cluster[] {
  const out: Cluster[] = [];
  if (isPrintableAscii(text)) {
    for (let i = 0; i < text.length; i++) out.push({ text: text[i] as string, width: 1 });
    return out;
  }
  eachCluster(text, (s, e, width) => {
    out.push({ text: text.slice(s, e), width });
    return true;
  });
  return out;
}

/** Columns `text` takes in a terminal (as string-width and Ink count them). */
export function displayWidth(text: string): number {
  if (isPrintableAscii(text)) return text.length;
  if (NEEDS_SEGMENTER.test(text)) return stringWidth(text);
  let w = 0;
  for (let i = 0; i < text.length; i++) w += unitWidth(text.charCodeAt(i));
  return w;
}

/**
 * The columns [from, to) of `text`. A double-width character cut in half by either edge becomes
 * a space, so the result is exactly min(to, width) − from columns wide.
 */
export function sliceColumns(text: string, from: number, to = Infinity): string {
  const start = Math.max(0, from);
  if (to <= start) return '';
  if (isPrintableAscii(text)) return text.slice(start, to);
  let out = '';
  let col = 0;
  eachCluster(text, (s, e, w) => {
    const end = col + w;
    if (col >= to) return false;
    if (col >= start && end <= to) out += text.slice(s, e);
    else if (end > start) out += ' '.repeat(Math.min(end, to) - Math.max(col, start));
    col = end;
    return true;
  });
  return out;
}

/** The first `n` columns of `text` (see {@link sliceColumns}). */
export function takeColumns(text: string, n: number): string {
  return sliceColumns(text, 0, n);
}

/** `text` without its first `n` columns (see {@link sliceColumns}). */
export function dropColumns(text: string, n: number): string {
  return sliceColumns(text, n);
}

/**
 * Cuts `text` to `width` columns, marking a cut with `…`: a cut line is exactly `width` columns
 * (a double-width character that would not fit before the `…` becomes a space).
 */
export function fitWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  return `${takeColumns(text, width - 1)}…`;
}

/** `text` padded on the right with `fill` (one column wide) to `width` columns; never cut. */
export function padToWidth(text: string, width: number, fill = ' '): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + fill.repeat(missing) : text;
}

/** `text` padded on the left with spaces to `width` columns; never cut. */
export function padStartToWidth(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? ' '.repeat(missing) + text : text;
}

/**
 * Whitespace runs as one space, the way a paragraph reads; but a line break between two
 * double-width characters (Chinese text folded across lines in a YAML file) disappears, as the
 * CSS Text 3 segment-break rule has it: Chinese puts no space between words.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, (run: string, at: number) => {
    if (!run.includes('\n') || at === 0) return ' ';
    const before = text.charAt(at - 1);
    const after = text.charAt(at + run.length);
    return after !== '' && unitWidth(before.charCodeAt(0)) === 2 && unitWidth(after.charCodeAt(0)) === 2 ? '' : ' ';
  });
}

/**
 * Two sentences as one text: with a space between them, as English writes it, unless the first
 * ends double-width (Chinese puts no space after its full-width 。); after a Latin word a space
 * stays, as the glossary's rule between Chinese and Latin text wants.
 */
export function joinSentences(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return unitWidth(a.charCodeAt(a.length - 1)) === 2 ? `${a}${b}` : `${a} ${b}`;
}

/** Closing punctuation: no line starts with it (it stays with what it closes). */
const NO_BREAK_BEFORE = new Set(Array.from(')]},.;:!?%、。，．：；？！）］｝」』】〕〉》〗〙〛”’…・ー々〜'));
/** Opening punctuation: no line ends with it. */
const NO_BREAK_AFTER = new Set(Array.from('([{（［｛「『【〔〈《〖〘〚“‘'));

/**
 * The pieces of a whitespace-free word between which a line may break: before and after a
 * double-width character (as between Chinese characters), except before closing and after
 * opening punctuation. An ASCII word is one piece.
 */
function wordPieces(word: string): string[] {
  if (isPrintableAscii(word)) return [word];
  const pieces: string[] = [];
  let pieceStart = 0;
  let prevWide = false;
  let prevChar = '';
  eachCluster(word, (s, e, w) => {
    const wide = w >= 2;
    const ch = word.slice(s, e);
    if (s > 0 && (wide || prevWide) && !NO_BREAK_BEFORE.has(ch) && !NO_BREAK_AFTER.has(prevChar)) {
      pieces.push(word.slice(pieceStart, s));
      pieceStart = s;
    }
    prevWide = wide;
    prevChar = ch;
    return true;
  });
  pieces.push(word.slice(pieceStart));
  return pieces;
}

/** Code units of the longest cluster prefix of `text` at most `width` columns wide (at least one cluster). */
function prefixLength(text: string, width: number): number {
  if (isPrintableAscii(text)) return Math.max(1, Math.min(width, text.length));
  let col = 0;
  let cut = 0;
  eachCluster(text, (_s, e, w) => {
    if (cut > 0 && col + w > width) return false;
    col += w;
    cut = e;
    return true;
  });
  return cut;
}

/** Lines of a wrap, and whether text was left over when `maxLines` ran out. */
interface Wrapped {
  readonly lines: string[];
  readonly cut: boolean;
}

function wrapLines(text: string, width: number, maxLines: number): Wrapped {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Pushes a full line; false once it filled the last allowed line (something is left over).
  const push = (l: string): boolean => {
    lines.push(l);
    return lines.length < maxLines;
  };
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    let first = true;
    for (const piece of wordPieces(word)) {
      const sep = first && lineWidth > 0 ? 1 : 0;
      first = false;
      const pw = displayWidth(piece);
      if (lineWidth + sep + pw <= w) {
        line = sep === 1 ? `${line} ${piece}` : line + piece;
        lineWidth += sep + pw;
        continue;
      }
      if (lineWidth > 0) {
        if (!push(line)) return { lines, cut: true };
        line = '';
        lineWidth = 0;
      }
      // A piece wider than a whole line is cut into line-wide parts.
      let rest = piece;
      let restWidth = pw;
      while (restWidth > w) {
        const n = prefixLength(rest, w);
        if (!push(rest.slice(0, n))) return { lines, cut: true };
        rest = rest.slice(n);
        restWidth = displayWidth(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
  }
  if (lineWidth > 0 || line !== '') lines.push(line);
  return { lines, cut: false };
}

/**
 * Fills `text` into lines of at most `width` columns (greedy, as a paragraph is filled). Lines
 * break at whitespace, which they drop, and between Chinese characters; a word wider than a line
 * is broken across lines. Only with `width` 1 can a line be wider (a double-width character).
 */
export function wrapToWidth(text: string, width: number): string[] {
  return wrapLines(text, width, Infinity).lines;
}

/**
 * Fills `text` into at most `rows` lines of at most `width` columns; when it does not fit, the
 * last line ends with `…`.
 */
export function wrapAtMost(text: string, width: number, rows: number): string[] {
  if (rows <= 0 || width <= 0) return [];
  const { lines, cut } = wrapLines(text, width, rows);
  if (cut) lines[lines.length - 1] = fitWidth(`${lines[lines.length - 1] ?? ''}…`, width);
  return lines;
}

/** As `wrapAtMost`, padded with empty lines to exactly `rows` lines. */
export function wrapToRows(text: string, width: number, rows: number): string[] {
  const lines = wrapAtMost(text, width, rows);
  while (lines.length < rows) lines.push('');
  return lines;
}
