/**
 * Tokens of a Wireshark display filter (Wireshark 4.0 dfilter scanner.l, reduced to what the lab
 * supports): punctuation, the symbolic and lowercase word operators, quoted strings with C
 * escapes, and "words" — field names and unquoted literals (numbers, IPv4 and CIDR, MAC
 * addresses, value names), which only the parser can tell apart. A word stops before `..` so that
 * set ranges (`{80..90}`) split. Every token keeps its character offsets for error messages.
 */
import { msg, type Msg } from '../../i18n/message.js';

export type RelOp = 'eq' | 'ne' | 'all_eq' | 'any_ne' | 'lt' | 'gt' | 'le' | 'ge';

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'lbrace'
  | 'rbrace'
  | 'comma'
  | 'range'
  | 'and'
  | 'or'
  | 'not'
  | 'relop'
  | 'in'
  | 'contains'
  | 'bitand'
  | 'word'
  | 'string'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** For relop tokens. */
  readonly op?: RelOp;
  /** For string tokens: the unescaped value. */
  readonly value?: string;
}

/** A lexing or parsing failure at a character offset. */
export interface FilterFault {
  readonly offset: number;
  readonly msg: Msg;
}

const SYMBOLS: readonly (readonly [string, TokenKind, RelOp?])[] = [
  ['===', 'relop', 'all_eq'],
  ['!==', 'relop', 'any_ne'],
  ['==', 'relop', 'eq'],
  ['!=', 'relop', 'ne'],
  ['~=', 'relop', 'any_ne'],
  ['<=', 'relop', 'le'],
  ['>=', 'relop', 'ge'],
  ['&&', 'and'],
  ['||', 'or'],
  ['..', 'range'],
  ['<', 'relop', 'lt'],
  ['>', 'relop', 'gt'],
  ['!', 'not'],
  ['&', 'bitand'],
  ['(', 'lparen'],
  [')', 'rparen'],
  ['{', 'lbrace'],
  ['}', 'rbrace'],
  [',', 'comma'],
];

const KEYWORDS: ReadonlyMap<string, readonly [TokenKind, RelOp?]> = new Map<string, readonly [TokenKind, RelOp?]>([
  ['and', ['and']],
  ['or', ['or']],
  ['not', ['not']],
  ['in', ['in']],
  ['contains', ['contains']],
  ['eq', ['relop', 'eq']],
  ['ne', ['relop', 'ne']],
  ['all_eq', ['relop', 'all_eq']],
  ['any_ne', ['relop', 'any_ne']],
  ['lt', ['relop', 'lt']],
  ['gt', ['relop', 'gt']],
  ['le', ['relop', 'le']],
  ['ge', ['relop', 'ge']],
]);

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_\-:./+]/.test(c);
}

function readString(text: string, start: number): Token | FilterFault {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return { kind: 'string', text: text.slice(start, i + 1), start, end: i + 1, value };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    const s = simple[e];
    if (s !== undefined) {
      value += s;
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{1,2}/.test(text.slice(i + 2))) {
      const h = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))?.[0] as string;
      value += String.fromCharCode(parseInt(h, 16));
      i += 2 + h.length;
    } else if (/[0-7]/.test(e)) {
      const o = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0] as string;
      value += String.fromCharCode(parseInt(o, 8) & 0xff);
      i += 1 + o.length;
    } else {
      return { offset: i, msg: msg('filter.error.badEscape', { seq: `\\${e}` }) };
    }
  }
  return { offset: start, msg: msg('filter.error.unterminatedString') };
}

/** Splits `text` into tokens ending with an `eof` token, or the first fault. */
export function tokenize(text: string): Token[] | FilterFault {
  const tokens: Token[] = [];
  let i = 0;
  outer: while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const t = readString(text, i);
      if (!('kind' in t)) return t;
      tokens.push(t);
      i = t.end;
      continue;
    }
    // A word starting with a dot-free character takes precedence over '..' only inside it.
    if (isWordChar(c) && !text.startsWith('..', i)) {
      let j = i;
      while (j < text.length && isWordChar(text[j] as string) && !text.startsWith('..', j)) j++;
      const word = text.slice(i, j);
      const kw = KEYWORDS.get(word);
      if (kw !== undefined) {
        const [kind, op] = kw;
        tokens.push(op === undefined ? { kind, text: word, start: i, end: j } : { kind, text: word, start: i, end: j, op });
      } else {
        tokens.push({ kind: 'word', text: word, start: i, end: j });
      }
      i = j;
      continue;
    }
    for (const [sym, kind, op] of SYMBOLS) {
      if (text.startsWith(sym, i)) {
        const end = i + sym.length;
        tokens.push(op === undefined ? { kind, text: sym, start: i, end } : { kind, text: sym, start: i, end, op });
        i = end;
        continue outer;
      }
    }
    return { offset: i, msg: msg('filter.error.unexpected', { token: c }) };
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}
