/**
 * The part of POSIX shell syntax a lab script needs, and nothing more: words with '…' and "…"
 * quoting and backslash escapes, `#` comments, commands separated by new lines, `;` and `&&`,
 * backslash-newline continuation, `>`/`>>`/`<` redirections (only `echo N > /proc/sys/…` is
 * accepted later) and here-documents (`<<EOF` … `EOF`, the body read from the lines after the
 * command up to the delimiter line; only `ipvsadm -R` reads one later). Pipes, `||`, background jobs, subshells and `$` expansions are reported as not
 * modelled instead of being half-understood. Typographic quotes and dashes pasted from notes get
 * a hint of their own.
 */
import type { CommandError, CommandSeparator, HereDoc } from './types.js';
import { msg } from '../../i18n/message.js';

/** A word after quote removal, with its source span (0-based offsets into the script). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Whether any part of the word was quoted or escaped. */
  readonly quoted: boolean;
}

/** A redirection: `>`, `>>` or `<`, with an optional file descriptor (`2>`) and its target word. */
export interface Redirect {
  readonly op: '>' | '>>' | '<';
  readonly fd: number | undefined;
  readonly start: number;
  readonly target: Word;
}

/** One simple command: its words, its redirections, its span and how it joins the previous one. */
export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly start: number;
  readonly end: number;
  readonly sep: CommandSeparator | null;
  /** Its here-document (standard input), if it has one. */
  readonly heredoc?: HereDoc;
}

/** The simple commands of a script, and the problems that made some of them unreadable. */
export interface SplitScript {
  readonly commands: readonly SimpleCommand[];
  readonly errors: readonly CommandError[];
}

const TYPO_QUOTES = '\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb';
const TYPO_DASHES = '\u2013\u2014\u2212';

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** Characters that end an unquoted word. */
function isMeta(c: string): boolean {
  return c === ';' || c === '&' || c === '|' || c === '>' || c === '<' || c === '(' || c === ')' || c === '\n' || isBlank(c);
}

type Tok =
  | { readonly t: 'word'; readonly word: Word }
  | { readonly t: 'sep'; readonly sep: ';' | '&&' | 'newline'; readonly start: number }
  | { readonly t: 'redir'; readonly op: '>' | '>>' | '<'; readonly fd: number | undefined; readonly start: number; readonly end: number }
  | { readonly t: 'heredoc'; readonly doc: HereDocDraft }
  | { readonly t: 'error'; readonly error: CommandError };

function err(offset: number, length: number, id: string, params?: Record<string, string | number>): CommandError {
  return { offset, length, msg: msg(id, params) };
}

/** A here-document while the script is read: the body is filled in when its line ends. */
interface HereDocDraft {
  /** Where `<<` starts. */
  readonly start: number;
  readonly delimiter: string;
  /** A quoted delimiter (`<<'EOF'`) turns off expansion in the body. */
  readonly quoted: boolean;
  /** `<<-`: the delimiter line may be indented with tabs (refused, but its body is still skipped). */
  readonly tabs: boolean;
  body: string;
  bodyStart: number;
  /** The first problem of the body (no delimiter line, an expansion), if any. */
  error: CommandError | undefined;
}

/** Reads `<<WORD` at `i`; pushes a heredoc token (or an error) and returns the index after it. */
function readHereDocOp(text: string, i: number, toks: Tok[], pending: HereDocDraft[]): number {
  let j = i + 2;
  const tabs = text[j] === '-';
  if (tabs) j++;
  while (j < text.length && isBlank(text[j] as string)) j++;
  const sub: Tok[] = [];
  const after = j < text.length && !isMeta(text[j] as string) ? readWord(text, j, sub) : j;
  const w = sub[0];
  if (w === undefined || w.t !== 'word') {
    toks.push(w !== undefined && w.t === 'error' ? w : { t: 'error', error: err(i, 2, 'scenario.shell.unexpectedToken', { token: 'newline' }) });
    return after;
  }
  // `<<-` is refused, but its body is read like any other so that its lines are not taken for commands.
  const error = tabs ? err(i, 3, 'ipvs.restore.heredocTabs') : undefined;
  const doc: HereDocDraft = { start: i, delimiter: w.word.text, quoted: w.word.quoted, tabs, body: '', bodyStart: -1, error };
  toks.push({ t: 'heredoc', doc });
  pending.push(doc);
  return after;
}

/** Reads the bodies of the pending here-documents from `i` (the start of a line); returns the index after them. */
function readHereDocBodies(text: string, i: number, pending: HereDocDraft[]): number {
  let k = i;
  for (const doc of pending) {
    doc.bodyStart = k;
    let found = false;
    while (k < text.length) {
      const eol = lineEnd(text, k);
      const line = text.slice(k, eol);
      k = eol + 1;
      if (line === doc.delimiter || (doc.tabs && line.replace(/^\t+/, '') === doc.delimiter)) {
        found = true;
        break;
      }
      if (!doc.quoted && doc.error === undefined) {
        const x = line.search(/[$`]/);
        if (x >= 0) doc.error = err(k - line.length - 1 + x, 1, 'scenario.shell.expansion', { char: line[x] as string });
      }
      doc.body += `${line}\n`;
    }
    if (!found) {
      doc.error ??= err(doc.start, 2, 'ipvs.restore.heredocUnterminated', { delimiter: doc.delimiter });
      k = text.length;
    }
  }
  pending.length = 0;
  return Math.min(k, text.length);
}

/**
 * Splits a script into tokens. Errors are tokens too, placed where they occur, so that the
 * command they belong to can be dropped while the others are still read.
 */
function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  const pending: HereDocDraft[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'sep', sep: 'newline', start: i });
      i++;
      if (pending.length > 0) i = readHereDocBodies(text, i, pending);
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      if (text[i + 1] === ';') {
        toks.push({ t: 'error', error: err(i, 2, 'scenario.shell.unexpectedToken', { token: ';;' }) });
        i += 2;
      } else {
        toks.push({ t: 'sep', sep: ';', start: i });
        i++;
      }
      continue;
    }
    if (c === '&') {
      if (text[i + 1] === '&') {
        toks.push({ t: 'sep', sep: '&&', start: i });
        i += 2;
      } else {
        const len = text[i + 1] === '>' ? 2 : 1;
        toks.push({ t: 'error', error: err(i, len, 'scenario.shell.background') });
        i += len;
      }
      continue;
    }
    if (c === '|') {
      const len = text[i + 1] === '|' ? 2 : 1;
      toks.push({ t: 'error', error: err(i, len, len === 2 ? 'scenario.shell.orList' : 'scenario.shell.pipe') });
      i += len;
      continue;
    }
    if (c === '(' || c === ')') {
      toks.push({ t: 'error', error: err(i, 1, 'scenario.shell.subshell') });
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      i = readHereDocOp(text, i, toks, pending);
      continue;
    }
    if (c === '>' || c === '<') {
      const op = c === '>' && text[i + 1] === '>' ? '>>' : c === '>' ? '>' : '<';
      if (text[i + op.length] === '&') {
        toks.push({ t: 'error', error: err(i, op.length + 1, 'scenario.shell.redirectFd') });
        i += op.length + 1;
        continue;
      }
      toks.push({ t: 'redir', op, fd: undefined, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    i = readWord(text, i, toks);
  }
  // A here-document whose line is the script's last has no body and no delimiter line.
  for (const doc of pending) doc.error ??= err(doc.start, 2, 'ipvs.restore.heredocUnterminated', { delimiter: doc.delimiter });
  return toks;
}

/** Reads one word starting at `start`; pushes it (or an error) and returns the index after it. */
function readWord(text: string, start: number, toks: Tok[]): number {
  const n = text.length;
  let i = start;
  let out = '';
  let quoted = false;
  while (i < n) {
    const c = text[i] as string;
    if (isMeta(c)) {
      if ((c === '>' || c === '<') && !quoted && out.length > 0 && /^\d+$/.test(out)) {
        const op = c === '>' && text[i + 1] === '>' ? '>>' : c === '>' ? '>' : '<';
        if (text[i + op.length] === '&') {
          toks.push({ t: 'error', error: err(start, i + op.length + 1 - start, 'scenario.shell.redirectFd') });
          return i + op.length + 1;
        }
        toks.push({ t: 'redir', op, fd: Number(out), start, end: i + op.length });
        return i + op.length;
      }
      break;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (i + 1 < n) out += text[i + 1];
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const eol = lineEnd(text, i);
      if (close < 0 || close > eol) return skipBadWord(eol, toks, err(i, 1, 'scenario.shell.unterminatedQuote', { quote: "'" }));
      out += text.slice(i + 1, close);
      quoted = true;
      i = close + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let part = '';
      let closed = false;
      while (j < n) {
        const d = text[j] as string;
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '\n') break;
        if (d === '\\' && j + 1 < n && '$`"\\\n'.includes(text[j + 1] as string)) {
          if (text[j + 1] !== '\n') part += text[j + 1];
          j += 2;
          continue;
        }
        if (d === '$' || d === '`') return skipBadWord(lineEnd(text, j), toks, err(j, 1, 'scenario.shell.expansion', { char: d }));
        part += d;
        j++;
      }
      if (!closed) return skipBadWord(lineEnd(text, i), toks, err(i, 1, 'scenario.shell.unterminatedQuote', { quote: '"' }));
      out += part;
      quoted = true;
      i = j + 1;
      continue;
    }
    if (c === '$' || c === '`') return skipBadWord(wordEnd(text, i), toks, err(i, 1, 'scenario.shell.expansion', { char: c }));
    if (TYPO_QUOTES.includes(c)) return skipBadWord(wordEnd(text, i), toks, err(i, 1, 'scenario.shell.typoQuote', { char: c }));
    if (TYPO_DASHES.includes(c) && i === start) {
      const rest = text.slice(i + 1, wordEnd(text, i));
      return skipBadWord(wordEnd(text, i), toks, err(i, 1, 'scenario.shell.typoDash', { char: c, fixed: `-${rest}` }));
    }
    out += c;
    i++;
  }
  toks.push({ t: 'word', word: { text: out, start, end: i, quoted } });
  return i;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isMeta(text[i] as string)) i++;
  return i;
}

/** Records a problem in a word and skips to `to`, the end of what the problem spoils. */
function skipBadWord(to: number, toks: Tok[], error: CommandError): number {
  toks.push({ t: 'error', error });
  return to;
}

/**
 * Splits a script into simple commands. A command with a syntax problem is left out and its
 * first problem reported; the commands around it are still returned.
 */
export function splitScript(text: string): SplitScript {
  const toks = tokenize(text);
  const commands: SimpleCommand[] = [];
  const errors: CommandError[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let heredoc: HereDocDraft | undefined;
  let firstError: CommandError | undefined;
  let pendingSep: CommandSeparator | null = null;
  let sepForNext: CommandSeparator | null = null;
  let start = -1;
  let end = -1;
  let afterAnd: number | undefined;

  const flush = (): void => {
    if (firstError !== undefined) errors.push(firstError);
    else if (words.length > 0) {
      const sep = commands.length === 0 ? null : pendingSep;
      const doc = heredoc === undefined ? {} : { heredoc: { opOffset: heredoc.start, text: heredoc.body, offset: heredoc.bodyStart } };
      commands.push({ words, redirects, start, end, sep, ...doc });
    } else if (redirects.length > 0 || heredoc !== undefined) {
      errors.push(err(redirects[0]?.start ?? heredoc?.start ?? start, 1, 'scenario.shell.noCommand'));
    }
    words = [];
    redirects = [];
    heredoc = undefined;
    firstError = undefined;
    start = -1;
  };

  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k] as Tok;
    switch (tok.t) {
      case 'word':
        if (start < 0) {
          start = tok.word.start;
          pendingSep = sepForNext;
        }
        end = tok.word.end;
        words.push(tok.word);
        afterAnd = undefined;
        break;
      case 'redir': {
        if (start < 0) {
          start = tok.start;
          pendingSep = sepForNext;
        }
        const next = toks[k + 1];
        if (next === undefined || next.t !== 'word') {
          firstError ??= err(tok.start, tok.end - tok.start, 'scenario.shell.unexpectedToken', { token: next === undefined || next.t === 'sep' ? 'newline' : tok.op });
          break;
        }
        redirects.push({ op: tok.op, fd: tok.fd, start: tok.start, target: next.word });
        end = next.word.end;
        afterAnd = undefined;
        k++;
        break;
      }
      case 'heredoc':
        if (start < 0) {
          start = tok.doc.start;
          pendingSep = sepForNext;
        }
        // The last here-document of a command is its standard input, as in sh.
        heredoc = tok.doc;
        if (tok.doc.error !== undefined) firstError ??= tok.doc.error;
        afterAnd = undefined;
        break;
      case 'error':
        if (start < 0) {
          start = tok.error.offset;
          pendingSep = sepForNext;
        }
        firstError ??= tok.error;
        afterAnd = undefined;
        break;
      case 'sep':
        if (tok.sep === 'newline' && afterAnd !== undefined) break;
        if (start < 0 && tok.sep !== 'newline') {
          errors.push(err(tok.start, tok.sep.length, 'scenario.shell.unexpectedToken', { token: tok.sep }));
          break;
        }
        flush();
        if (tok.sep === '&&') afterAnd = tok.start;
        sepForNext = tok.sep;
        break;
    }
  }
  flush();
  if (afterAnd !== undefined) errors.push(err(afterAnd, 2, 'scenario.shell.unexpectedEnd'));
  return { commands, errors };
}
