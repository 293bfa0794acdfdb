/**
 * popt's option scanning as ipvsadm 1.31 uses it (poptGetNextOpt): long options (`--name`,
 * `--name=value`, no abbreviations), clustered short options (`-Ln`, `-srr`, `-p=60`), a required
 * value taken from the next word whatever it looks like, an optional value (`-p`) taken only when
 * the next word does not start with `-`, `--` ending the options, other words kept as leftovers.
 */
import { findLong, findShort, type OptDef } from './options.js';
import type { Span } from './parse.js';
import type { Token } from './tokenize.js';

/** The span of a whole word. */
export function spanOf(t: Token): Span {
  return { offset: t.offset, length: t.length, tokenIndex: t.index };
}

/** The span of `text.slice(from, from + len)` inside a word (the whole word if it was quoted). */
export function subSpan(t: Token, from: number, len: number): Span {
  return t.plain ? { offset: t.offset + from, length: len, tokenIndex: t.index } : spanOf(t);
}

/** An option as popt returns it, with its value and where both are. */
export interface OptEvent {
  readonly kind: 'opt';
  readonly def: OptDef;
  readonly token: Token;
  readonly span: Span;
  readonly value: string | null;
  readonly valueSpan: Span | null;
}

/** A popt error (poptStrerror's text in `reason`). */
export interface PoptErrorEvent {
  readonly kind: 'error';
  readonly reason: 'unknown option' | 'missing argument' | 'option does not take an argument';
  readonly token: Token;
  readonly span: Span;
}

/** What the scanner yields next. */
export type ScanEvent = OptEvent | PoptErrorEvent | { readonly kind: 'end' };

/** popt's option scanner: options in order, other words collected as leftovers. */
export class PoptScanner {
  private i = 0;
  private cluster: { readonly token: Token; pos: number } | null = null;
  private endOfOptions = false;
  readonly leftovers: Token[] = [];
  /** How a short letter is looked up (the parser swaps it once the command is known: alibaba's -b). */
  shortLookup: (letter: string) => OptDef | undefined = findShort;

  constructor(private readonly args: readonly Token[]) {}

  next(): ScanEvent {
    if (this.cluster !== null) return this.shortOpt(this.cluster);
    while (this.i < this.args.length) {
      const tok = this.args[this.i++] as Token;
      const t = tok.text;
      if (this.endOfOptions) {
        this.leftovers.push(tok);
      } else if (t === '--') {
        this.endOfOptions = true;
      } else if (t.startsWith('--')) {
        return this.longOpt(tok);
      } else if (t.length > 1 && t.startsWith('-')) {
        this.cluster = { token: tok, pos: 1 };
        return this.shortOpt(this.cluster);
      } else {
        this.leftovers.push(tok);
      }
    }
    return { kind: 'end' };
  }

  private takeValue(def: OptDef, token: Token, span: Span): ScanEvent {
    const next = this.args[this.i];
    if (def.arg === 'required') {
      if (next === undefined) return { kind: 'error', reason: 'missing argument', token, span };
      this.i++;
      return { kind: 'opt', def, token, span, value: next.text, valueSpan: spanOf(next) };
    }
    if (next !== undefined && !next.text.startsWith('-')) {
      this.i++;
      return { kind: 'opt', def, token, span, value: next.text, valueSpan: spanOf(next) };
    }
    return { kind: 'opt', def, token, span, value: null, valueSpan: null };
  }

  private longOpt(token: Token): ScanEvent {
    const body = token.text.slice(2);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const span = spanOf(token);
    const def = findLong(name);
    if (def === undefined) return { kind: 'error', reason: 'unknown option', token, span };
    if (eq >= 0) {
      if (def.arg === 'none') return { kind: 'error', reason: 'option does not take an argument', token, span };
      const value = body.slice(eq + 1);
      return { kind: 'opt', def, token, span, value, valueSpan: subSpan(token, 3 + eq, value.length) };
    }
    if (def.arg === 'none') return { kind: 'opt', def, token, span, value: null, valueSpan: null };
    return this.takeValue(def, token, span);
  }

  private shortOpt(c: { readonly token: Token; pos: number }): ScanEvent {
    const token = c.token;
    const letter = token.text[c.pos] as string;
    const span = subSpan(token, c.pos, 1);
    const def = this.shortLookup(letter);
    c.pos++;
    const rest = token.text.slice(c.pos);
    if (def === undefined) {
      this.cluster = null;
      return { kind: 'error', reason: 'unknown option', token, span };
    }
    if (def.arg === 'none') {
      if (rest.length === 0) this.cluster = null;
      return { kind: 'opt', def, token, span, value: null, valueSpan: null };
    }
    this.cluster = null;
    if (rest.length > 0) {
      const skip = rest.startsWith('=') ? 1 : 0;
      const value = rest.slice(skip);
      return { kind: 'opt', def, token, span, value, valueSpan: subSpan(token, c.pos + skip, value.length) };
    }
    return this.takeValue(def, token, span);
  }
}
