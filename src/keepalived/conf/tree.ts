/**
 * The block tree of a keepalived.conf: each statement is a keyword, its arguments up to the end of
 * the line (or a brace), and the statements of its `{ … }` block if it opens one. As keepalived's
 * process_stream does (bob_needed), the `{` may also stand at the start of the next significant
 * line; keepalived then drops the rest of that line, and so does the lab, with a warning. `include
 * PATTERN` is expanded here (as keepalived's reader does, at any level) through the caller's
 * ReadInclude, with a depth limit and loop detection. Blocks nested deeper than MAX_BLOCK_DEPTH are
 * one positioned error (the recursion stays bounded). Never throws.
 */
import type { ConfDiagnostic, ConfPos, ConfSource, ReadInclude } from './types.js';
import { lex, type Token } from './lexer.js';
import { msg } from '../../i18n/message.js';

/** One statement: `kw args… [{ block }]`. */
export interface Stmt {
  readonly kw: Token;
  readonly args: readonly Token[];
  readonly block: readonly Stmt[] | null;
  readonly file: string;
  /** Position of the opening brace (for "block not closed"). */
  readonly bracePos?: ConfPos;
}

/** keepalived refuses deeper nesting of includes; the lab uses the same small bound. */
export const MAX_INCLUDE_DEPTH = 8;

/**
 * Deepest block nesting the lab reads (includes count where they stand). Real configurations nest
 * at most five levels (virtual_server → real_server → HTTP_GET → url); the bound keeps a hostile
 * file from exhausting the stack.
 */
export const MAX_BLOCK_DEPTH = 64;

interface Ctx {
  readonly diags: ConfDiagnostic[];
  readonly readInclude: ReadInclude | undefined;
  readonly stack: string[];
  /** Blocks open around the list being read, across includes. */
  depth: number;
}

/** Position of a token in `file`. */
export function tokPos(file: string, t: Token): ConfPos {
  return { file, line: t.line, col: t.col };
}

/** Parses one source (and its includes) into statements. */
export function buildTree(src: ConfSource, readInclude: ReadInclude | undefined, diags: ConfDiagnostic[]): Stmt[] {
  return parseSource(src, { diags, readInclude, stack: [], depth: 0 });
}

function parseSource(src: ConfSource, ctx: Ctx): Stmt[] {
  const toks = lex(src.file, src.text, ctx.diags);
  ctx.stack.push(src.file);
  const cursor = { i: 0 };
  const out: Stmt[] = [];
  parseList(src.file, toks, cursor, ctx, out, true);
  ctx.stack.pop();
  return out;
}

/** Skips a block whose `{` was just consumed, without recursion; true when its `}` was found. */
function skipBlock(toks: readonly Token[], cur: { i: number }): boolean {
  let open = 1;
  while (cur.i < toks.length) {
    const k = (toks[cur.i++] as Token).kind;
    if (k === 'lbrace') open++;
    else if (k === 'rbrace' && --open === 0) return true;
  }
  return false;
}

/**
 * Reads the block whose `{` (at `brace`) was just consumed into `block`; false when the file ended
 * first. Past MAX_BLOCK_DEPTH the block is skipped with one error and `block` stays empty.
 */
function parseBlock(file: string, toks: readonly Token[], cur: { i: number }, ctx: Ctx, brace: Token, block: Stmt[]): boolean {
  if (ctx.depth >= MAX_BLOCK_DEPTH) {
    ctx.diags.push({ severity: 'error', pos: tokPos(file, brace), msg: msg('kaconf.tree.tooDeep', { max: MAX_BLOCK_DEPTH }) });
    return skipBlock(toks, cur);
  }
  ctx.depth++;
  const closed = parseList(file, toks, cur, ctx, block, false);
  ctx.depth--;
  return closed;
}

/**
 * The `{` that opens the block of the keyword line ending at `cur`: on the same line, or (bob_needed)
 * as the first token of the next line that has one. Consumes it (and, for the next-line form, the
 * rest of its line, which keepalived discards).
 */
function takeBrace(file: string, toks: readonly Token[], cur: { i: number }, ctx: Ctx): Token | undefined {
  const same = toks[cur.i];
  if (same !== undefined && same.kind === 'lbrace') {
    cur.i++;
    return same;
  }
  let j = cur.i;
  while (j < toks.length && (toks[j] as Token).kind === 'nl') j++;
  const next = toks[j];
  if (j === cur.i || next === undefined || next.kind !== 'lbrace') return undefined;
  cur.i = j + 1;
  const rest = toks[cur.i];
  if (rest !== undefined && rest.kind !== 'nl') {
    ctx.diags.push({ severity: 'warning', pos: tokPos(file, rest), msg: msg('kaconf.tree.bobLineRest') });
    while (cur.i < toks.length && (toks[cur.i] as Token).kind !== 'nl') cur.i++;
  }
  return next;
}

function parseList(file: string, toks: readonly Token[], cur: { i: number }, ctx: Ctx, out: Stmt[], top: boolean): boolean {
  while (cur.i < toks.length) {
    const t = toks[cur.i] as Token;
    if (t.kind === 'nl') { cur.i++; continue; }
    if (t.kind === 'rbrace') {
      if (top) {
        ctx.diags.push({ severity: 'error', pos: tokPos(file, t), msg: msg('kaconf.tree.strayClose') });
        cur.i++;
        continue;
      }
      cur.i++;
      return true;
    }
    if (t.kind === 'lbrace') {
      ctx.diags.push({ severity: 'error', pos: tokPos(file, t), msg: msg('kaconf.tree.strayOpen') });
      cur.i++;
      if (!parseBlock(file, toks, cur, ctx, t, [])) return false;
      continue;
    }
    cur.i++;
    const args: Token[] = [];
    while (cur.i < toks.length && (toks[cur.i] as Token).kind === 'word') args.push(toks[cur.i++] as Token);
    const isInclude = t.text === 'include' && !t.quoted;
    const brace = isInclude && toks[cur.i]?.kind !== 'lbrace' ? undefined : takeBrace(file, toks, cur, ctx);
    if (brace !== undefined) {
      const block: Stmt[] = [];
      const deep = ctx.depth >= MAX_BLOCK_DEPTH;
      const closed = parseBlock(file, toks, cur, ctx, brace, block);
      const bracePos = tokPos(file, brace);
      if (!closed) ctx.diags.push({ severity: 'error', pos: bracePos, msg: msg('kaconf.tree.unclosed', { keyword: t.text }) });
      if (!deep) out.push({ kw: t, args, block, file, bracePos });
      if (!closed) return false;
      continue;
    }
    if (isInclude) {
      expandInclude(file, t, args, ctx, out);
      continue;
    }
    out.push({ kw: t, args, block: null, file });
  }
  return false;
}

function expandInclude(file: string, t: Token, args: readonly Token[], ctx: Ctx, out: Stmt[]): void {
  const pos = tokPos(file, t);
  const pat = args[0];
  if (pat === undefined) {
    ctx.diags.push({ severity: 'error', pos, msg: msg('kaconf.include.noPattern') });
    return;
  }
  if (ctx.readInclude === undefined) {
    ctx.diags.push({ severity: 'error', pos, msg: msg('kaconf.include.unavailable', { pattern: pat.text }) });
    return;
  }
  if (ctx.stack.length >= MAX_INCLUDE_DEPTH) {
    ctx.diags.push({ severity: 'error', pos, msg: msg('kaconf.include.tooDeep', { pattern: pat.text, max: MAX_INCLUDE_DEPTH }) });
    return;
  }
  let found: ReturnType<ReadInclude>;
  try {
    found = ctx.readInclude(pat.text, file);
  } catch {
    found = msg('kaconf.include.unreadable', { pattern: pat.text });
  }
  if (!Array.isArray(found)) {
    ctx.diags.push({ severity: 'error', pos, msg: found as ReturnType<typeof msg> });
    return;
  }
  for (const src of found as readonly ConfSource[]) {
    if (ctx.stack.includes(src.file)) {
      ctx.diags.push({ severity: 'error', pos, msg: msg('kaconf.include.loop', { file: src.file }) });
      continue;
    }
    out.push(...parseSource(src, ctx));
  }
}
