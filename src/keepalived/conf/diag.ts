/**
 * The diagnostics sink of one parse: errors and warnings as Msg ids with their positions.
 */
import type { ConfDiagnostic, ConfPos } from './types.js';
import type { Token } from './lexer.js';
import type { Stmt } from './tree.js';
import { msg } from '../../i18n/message.js';

type Params = Readonly<Record<string, string | number>>;

/** Collects diagnostics; `errors` counts the errors so far. */
export class Diags {
  readonly list: ConfDiagnostic[] = [];
  errors = 0;

  error(pos: ConfPos, id: string, params?: Params): void {
    this.errors++;
    this.list.push({ severity: 'error', pos, msg: msg(id, params) });
  }

  warn(pos: ConfPos, id: string, params?: Params): void {
    this.list.push({ severity: 'warning', pos, msg: msg(id, params) });
  }

  /** Takes over diagnostics produced by the lexer/tree. */
  absorb(ds: readonly ConfDiagnostic[]): void {
    for (const d of ds) {
      if (d.severity === 'error') this.errors++;
      this.list.push(d);
    }
  }
}

/** Position of a token of statement `s`. */
export function posOf(s: Stmt, t: Token = s.kw): ConfPos {
  return { file: s.file, line: t.line, col: t.col };
}

/** Where the text of token `t` starts: one past the opening quote of a quoted word. */
export function textPos(s: Stmt, t: Token): ConfPos {
  return { file: s.file, line: t.line, col: t.quoted ? t.col + 1 : t.col };
}
