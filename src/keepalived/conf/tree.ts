/**
 * The block tree of a keepalived.conf: each statement is a keyword, its arguments up to the end of
 * the line (or a brace), and the statements of its `{ … }` block if it opens one. `include
 * PATTERN` is expanded here (as keepalived's reader does, at any level) through the caller's
 * ReadInclude, with a depth limit and loop detection. Never throws.
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

interface Ctx {
  readonly diags: ConfDiagnostic[];
  readonly readInclude: ReadInclude | undefined;
  readonly stack: string[];
}

/** Position of a token in `file`. */
export function tokPos(file: string, t: Token): ConfPos {
  return { file, line: t.line, col: t.col };
}

/** Parses one source (and its includes) into statements. */
export function buildTree(src: ConfSource, readInclude: ReadInclude | undefined, diags: ConfDiagnostic[]): Stmt[] {
  return parseSource(src, { diags, readInclude, stack: [] });
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
      const skipped: Stmt[] = [];
      if (!parseList(file, toks, cur, ctx, skipped, false)) return false;
      continue;
    }
    cur.i++;
    const args: Token[] = [];
    while (cur.i < toks.length && (toks[cur.i] as Token).kind === 'word') args.push(toks[cur.i++] as Token);
    const next = toks[cur.i];
    if (next !== undefined && next.kind === 'lbrace') {
      cur.i++;
      const block: Stmt[] = [];
      const closed = parseList(file, toks, cur, ctx, block, false);
      const bracePos = tokPos(file, next);
      if (!closed) ctx.diags.push({ severity: 'error', pos: bracePos, msg: msg('kaconf.tree.unclosed', { keyword: t.text }) });
      out.push({ kw: t, args, block, file, bracePos });
      if (!closed) return false;
      continue;
    }
    if (t.text === 'include' && !t.quoted) {
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
