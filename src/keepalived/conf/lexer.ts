/**
 * keepalived.conf lexer: splits one file's text into words, `{`, `}` and line ends, each with its
 * 1-based line and column. Follows keepalived's own reader (core/parser.c): `!` and `#` start a
 * comment to the end of the line wherever a token could start, braces glued to words are split
 * off (`80{`), a double-quoted string is one word with its spaces kept (misc_path, script). CRLF,
 * tabs and trailing spaces are tolerated. A line starting with `@name` (keepalived -i conditional
 * configuration) is reported, not modelled. Never throws.
 */
import type { ConfDiagnostic } from './types.js';
import { msg } from '../../i18n/message.js';

export type TokenKind = 'word' | 'lbrace' | 'rbrace' | 'nl';

/** One token; `quoted` words came from "…" (quotes removed). */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly col: number;
  readonly quoted: boolean;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/** Tokens of `text` (file `file`); problems go to `diags`. */
export function lex(file: string, text: string, diags: ConfDiagnostic[]): Token[] {
  const out: Token[] = [];
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const s = lines[li] as string;
    const line = li + 1;
    let i = 0;
    let first = true;
    while (i < s.length) {
      const c = s[i] as string;
      if (isSpace(c)) { i++; continue; }
      if (c === '!' || c === '#') break;
      if (first && c === '@') {
        let j = i + 1;
        while (j < s.length && !isSpace(s[j] as string)) j++;
        diags.push({ severity: 'error', pos: { file, line, col: i + 1 }, msg: msg('kaconf.lex.conditional', { cond: s.slice(i, j) }) });
        i = s.length;
        break;
      }
      first = false;
      if (c === '{' || c === '}') {
        out.push({ kind: c === '{' ? 'lbrace' : 'rbrace', text: c, line, col: i + 1, quoted: false });
        i++;
        continue;
      }
      if (c === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) {
          diags.push({ severity: 'error', pos: { file, line, col: i + 1 }, msg: msg('kaconf.lex.unterminatedQuote') });
          out.push({ kind: 'word', text: s.slice(i + 1).replace(/\r$/, ''), line, col: i + 1, quoted: true });
          i = s.length;
        } else {
          out.push({ kind: 'word', text: s.slice(i + 1, end), line, col: i + 1, quoted: true });
          i = end + 1;
        }
        continue;
      }
      let j = i;
      while (j < s.length) {
        const d = s[j] as string;
        if (isSpace(d) || d === '{' || d === '}' || d === '"') break;
        j++;
      }
      out.push({ kind: 'word', text: s.slice(i, j), line, col: i + 1, quoted: false });
      i = j;
    }
    out.push({ kind: 'nl', text: '', line, col: s.length + 1, quoted: false });
  }
  return out;
}
