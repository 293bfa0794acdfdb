/**
 * `ipvsadm -R` (ipvsadm.c: restore_table; config_stream.c: config_stream_read), ipvsadm 1.31:
 * standard input is read line by line and each line is run as one ipvsadm invocation. Words are
 * separated by blanks only (no shell quoting), the word `ipvsadm` is dropped wherever it appears,
 * and `#` is NOT a comment (config_stream's comment test never fires, so a comment line is a
 * usage error). Lines with no words are skipped. Errors that ipvsadm reports with fail() or
 * tryhelp_exit() (usage errors) end the whole restore with their exit status; option-scanning
 * (popt) and kernel errors are printed and the restore goes on, and the exit status is the LAST
 * line's. `-R` does not clear the table first. A `-R` read from standard input is refused
 * (restore_table's "avoid infinite loop"). Spans of errors are offsets in the standard-input text.
 */
import { msg } from '../../i18n/message.js';
import type { IpvsadmResult } from './exec.js';
import { type IpvsadmError, type ParsedIpvsadm, parseIpvsadmWords } from './parse.js';
import type { Token } from './tokenize.js';

const PROGRAM = 'ipvsadm';

/** One line of standard input as config_stream_read splits it. */
export interface StreamLine {
  /** 1-based line number. */
  readonly line: number;
  /** Offset of the line's first character in the input. */
  readonly start: number;
  /** The line's text (no newline). */
  readonly text: string;
  /** Its words, `ipvsadm` removed; offsets are in `text`. */
  readonly words: readonly Token[];
}

function isStreamBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** Splits `input` into lines of blank-separated words, dropping every word `ipvsadm`. */
export function streamLines(input: string): StreamLine[] {
  const out: StreamLine[] = [];
  let start = 0;
  let n = 1;
  while (start < input.length) {
    const nl = input.indexOf('\n', start);
    const end = nl < 0 ? input.length : nl;
    const text = input.slice(start, end);
    const words: Token[] = [];
    let i = 0;
    while (i < text.length) {
      while (i < text.length && isStreamBlank(text[i] as string)) i++;
      if (i >= text.length) break;
      const from = i;
      while (i < text.length && !isStreamBlank(text[i] as string)) i++;
      const word = text.slice(from, i);
      if (word !== PROGRAM) words.push({ text: word, offset: from, length: i - from, index: words.length, plain: true });
    }
    out.push({ line: n, start, text, words });
    start = end + 1;
    n++;
  }
  return out;
}

/** An error of line `l`, with its span moved into the standard-input text. */
function inStdin(e: IpvsadmError, l: StreamLine): IpvsadmError {
  return { ...e, span: { ...e.span, offset: l.start + e.span.offset }, stdinLine: l.line };
}

/** Whether ipvsadm goes on after this parse error (popt's `return -1`) or exits (fail, tryhelp_exit). */
function continuesAfter(e: IpvsadmError): boolean {
  return e.kind === 'popt';
}

/**
 * Runs `stdin` as ipvsadm -R does, each parsed line through `run`. Output and error text are
 * concatenated in order. The result's `error` is set when the exit status is not 0: the line that
 * ended the restore, or the last line when it failed.
 */
export function restoreTable(stdin: string, run: (p: ParsedIpvsadm) => IpvsadmResult): IpvsadmResult {
  let output = '';
  let stderr = '';
  let exitCode = 0;
  let error: IpvsadmError | undefined;
  for (const l of streamLines(stdin)) {
    if (l.words.length === 0) continue;
    const parsed = parseIpvsadmWords(l.words, l.text.length);
    if (!parsed.ok) {
      const e = inStdin(parsed.error, l);
      stderr += e.stderr;
      if (!continuesAfter(e)) return finish(output, stderr, e.exitCode, e);
      exitCode = e.exitCode;
      error = e;
      continue;
    }
    if (parsed.value.command.cmd === 'restore') {
      const message = `Try \`${PROGRAM} -h' or '${PROGRAM} --help' for more information.`;
      const e: IpvsadmError = {
        kind: 'usage',
        message,
        stderr: `${message}\n`,
        exitCode: 255,
        msg: msg('ipvs.restore.nested'),
        span: { ...parsed.value.commandSpan, offset: l.start + parsed.value.commandSpan.offset },
        stdinLine: l.line,
      };
      stderr += e.stderr;
      return finish(output, stderr, 255, e);
    }
    const r = run(parsed.value);
    output += r.output;
    stderr += r.stderr;
    exitCode = r.exitCode;
    error = r.error === undefined ? undefined : inStdin(r.error, l);
    if (error !== undefined && error.kind === 'notModelled') return finish(output, stderr, exitCode, error);
  }
  return finish(output, stderr, exitCode, exitCode === 0 ? undefined : error);
}

function finish(output: string, stderr: string, exitCode: number, error: IpvsadmError | undefined): IpvsadmResult {
  return error === undefined ? { output, stderr, exitCode } : { output, stderr, exitCode, error };
}
