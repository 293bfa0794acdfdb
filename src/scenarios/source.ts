/**
 * Where things are in a scenario's YAML text: the node at a path of keys and indexes (following
 * aliases), its key, and the file offset of a character inside a string value. The last one
 * undoes YAML's presentation: quotes and escapes, line folding, and the indentation of `|` and
 * `>` block scalars (with `|-`, `|+` and explicit indentation indicators), so that an error on the
 * third line of a `setup: |` block points at that line and column of the file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node, type Scalar } from 'yaml';
import type { SourcePos } from './errors.js';

/** One step of a path: a map key or a list index. */
export type PathSeg = string | number;

/** A node found at a path: the value node (if any) and, for a map entry, its key node. */
export interface Located {
  /** The value node; null for `key:` with nothing after it. */
  readonly node: Node | null;
  readonly key: Node | undefined;
  /** How many path steps were found (less than the path's length when the rest is missing). */
  readonly depth: number;
}

/** Positions in one parsed YAML document. */
export class SourceMap {
  constructor(
    readonly text: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  /** The deepest node along `path`. */
  locate(path: readonly PathSeg[]): Located {
    let node: Node | null = this.doc.contents as Node | null;
    let key: Node | undefined;
    let depth = 0;
    for (const seg of path) {
      const cur = this.deref(node);
      let found = false;
      if (isMap(cur)) {
        for (let i = cur.items.length - 1; i >= 0; i--) {
          const pair = cur.items[i];
          if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
            key = pair.key;
            node = (pair.value as Node | null) ?? null;
            found = true;
            break;
          }
        }
      } else if (isSeq(cur) && typeof seg === 'number') {
        const item = cur.items[seg];
        if (item !== undefined) {
          node = item as Node | null;
          key = undefined;
          found = true;
        }
      }
      if (!found) break;
      depth++;
    }
    return { node, key, depth };
  }

  private deref(node: Node | null): Node | null {
    let n = node;
    for (let hops = 0; n !== null && isAlias(n) && hops < 100; hops++) n = (n.resolve(this.doc) as Node | undefined) ?? null;
    return n;
  }

  /**
   * The file offset for `path`: its key (`atKey`), or its value, or `at` characters into a string
   * value (`at` may also be a 1-based line and column inside the value). A missing path points at
   * the deepest node that exists.
   */
  offset(path: readonly PathSeg[], opts: { atKey?: boolean; at?: number | SourcePos } = {}): number {
    const loc = this.locate(path);
    const complete = loc.depth === path.length;
    if ((opts.atKey === true || loc.node === null || !complete) && loc.key?.range != null) return loc.key.range[0];
    const node = this.deref(loc.node);
    if (node === null || node.range == null) return 0;
    if (complete && opts.at !== undefined && isScalar(node) && typeof node.value === 'string') {
      const at = typeof opts.at === 'number' ? opts.at : valueOffsetOfLineCol(node.value, opts.at);
      return scalarOffset(this.text, node, at);
    }
    return node.range[0];
  }

  /** 1-based line and column of a file offset. */
  pos(offset: number): SourcePos {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }
}

/** The offset in `value` of a 1-based line and column inside it. */
function valueOffsetOfLineCol(value: string, lc: SourcePos): number {
  let off = 0;
  for (let line = 1; line < lc.line; line++) {
    const nl = value.indexOf('\n', off);
    if (nl < 0) return value.length;
    off = nl + 1;
  }
  return off + lc.col - 1;
}

/** The file offset of character `at` of a string scalar's value. */
export function scalarOffset(text: string, node: Scalar, at: number): number {
  const [start, end] = node.range as [number, number, number];
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockOffset(text, node, start, end, at);
    case 'QUOTE_DOUBLE':
      return flowOffset(text, start + 1, end, at, 'double');
    case 'QUOTE_SINGLE':
      return flowOffset(text, start + 1, end, at, 'single');
    default:
      return flowOffset(text, start, end, at, 'plain');
  }
}

/**
 * Walks a plain or quoted scalar's source, counting value characters: an escape (`\t`, `\x41`,
 * `\u00e9`) or a doubled `''` is one value character, a line break with the next line's
 * indentation folds to one space, an empty line to one newline, an escaped line break to nothing.
 */
function flowOffset(text: string, from: number, end: number, at: number, style: 'plain' | 'single' | 'double'): number {
  let i = from;
  let v = 0;
  while (i < end && v < at) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i = skipLineBreak(text, i, end);
      v++;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || e === '\r') {
        i = skipLineBreak(text, i + 1, end);
        continue;
      }
      i += e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
      v++;
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      i += 2;
      v++;
      continue;
    }
    i++;
    v++;
  }
  return i;
}

/** Skips a line break, any further empty lines, and the next line's indentation. */
function skipLineBreak(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && (text[j] === '\n' || text[j] === '\r' || text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}

/**
 * A block scalar: its lines start after the header line; each keeps the content indentation
 * (the explicit indicator added to the parent's indentation, else the first non-empty line's).
 * In a literal block value line k is source line k; in a folded block a line break between two
 * lines becomes one value character and each empty line one more.
 */
function blockOffset(text: string, node: Scalar, start: number, end: number, at: number): number {
  const nl = text.indexOf('\n', start);
  if (nl < 0 || nl >= end) return start;
  const bodyStart = nl + 1;
  const header = text.slice(start, nl);
  const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(header);
  const lines: { start: number; len: number }[] = [];
  for (let p = bodyStart; p < end; ) {
    const e = text.indexOf('\n', p);
    const lineEnd = e < 0 || e > end ? end : e;
    lines.push({ start: p, len: lineEnd - p });
    p = lineEnd + 1;
  }
  let indent: number;
  const digit = indicator?.[1] ?? indicator?.[2];
  if (digit !== undefined) {
    const token = node.srcToken as { indent?: number } | undefined;
    indent = (token?.indent ?? 0) + Number(digit);
  } else {
    const first = lines.find((l) => text.slice(l.start, l.start + l.len).trim().length > 0);
    indent = first === undefined ? 0 : /^ */.exec(text.slice(first.start, first.start + first.len))?.[0].length ?? 0;
  }
  const contentLen = (l: { start: number; len: number }): number => Math.max(0, l.len - indent);
  let v = 0;
  if (node.type === 'BLOCK_LITERAL') {
    for (const l of lines) {
      const len = contentLen(l);
      if (at <= v + len) return l.start + Math.min(indent, l.len) + (at - v);
      v += len + 1;
    }
    return end;
  }
  let prevNonEmpty = false;
  let blanks = 0;
  for (const l of lines) {
    const len = contentLen(l);
    if (len === 0 || text.slice(l.start, l.start + l.len).trim().length === 0) {
      blanks++;
      continue;
    }
    if (prevNonEmpty) v += Math.max(1, blanks);
    else v += blanks;
    if (at <= v + len) return l.start + indent + (at - v);
    v += len;
    prevNonEmpty = true;
    blanks = 0;
  }
  return end;
}
