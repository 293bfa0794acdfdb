/**
 * Splits a command line into words the way a POSIX shell does for simple commands: blanks
 * separate words, single quotes keep everything literally, double quotes keep blanks, a backslash
 * escapes the next character, and a word starting with `#` begins a comment. Each word keeps where
 * it starts in the line, so errors can point at it.
 */

/** A word of the line, with its place. */
export interface Token {
  /** The word after quote removal. */
  readonly text: string;
  /** Offset of its first character in the line. */
  readonly offset: number;
  /** Its length in the line (quotes included). */
  readonly length: number;
  /** Its index among the line's words. */
  readonly index: number;
  /** True when no quoting was removed, so offsets inside `text` map straight onto the line. */
  readonly plain: boolean;
}

/** The line ended inside quotes. */
export interface TokenizeError {
  readonly offset: number;
  readonly quote: string;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Words of `line`, or where an unterminated quote starts. */
export function tokenize(line: string): { readonly ok: true; readonly tokens: Token[] } | { readonly ok: false; readonly error: TokenizeError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line[i] as string)) i++;
    if (i >= line.length) break;
    if (line[i] === '#') break;
    const start = i;
    let text = '';
    let plain = true;
    while (i < line.length && !isBlank(line[i] as string)) {
      const c = line[i] as string;
      if (c === "'" || c === '"') {
        const close = line.indexOf(c, i + 1);
        if (close < 0) return { ok: false, error: { offset: i, quote: c } };
        let inner = line.slice(i + 1, close);
        if (c === '"') inner = inner.replace(/\\([\\"$`])/g, '$1');
        text += inner;
        plain = false;
        i = close + 1;
      } else if (c === '\\' && i + 1 < line.length) {
        text += line[i + 1] as string;
        plain = false;
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ text, offset: start, length: i - start, index: tokens.length, plain });
  }
  return { ok: true, tokens };
}
