/**
 * The fenced code blocks of a Markdown page, with the marker comment above each: what the docs
 * test runs. A fence may be indented (inside a list item); its body is dedented by the fence's
 * own indentation. The marker is the nearest non-blank line above the fence when it is an HTML
 * comment (`<!-- fragment of: dr-basic -->`).
 */

export interface Fence {
  /** The page, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening ``` line. */
  readonly line: number;
  /** The info string's first word (`yaml`, `sh`, …), '' when there is none. */
  readonly lang: string;
  readonly body: string;
  /** The marker comment's text without `<!--`/`-->`, trimmed; undefined when there is none. */
  readonly marker: string | undefined;
}

const OPEN = /^( *)(`{3,})\s*([^\s`]*)[^`]*$/;

/** Every fenced block of `text`; an unclosed fence is reported by throwing (a broken page). */
export function fencesOf(file: string, text: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = OPEN.exec(lines[i] ?? '');
    if (m === null) continue;
    const indent = m[1]?.length ?? 0;
    const ticks = m[2] ?? '```';
    const lang = (m[3] ?? '').toLowerCase();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] ?? '';
      if (l.trim() === ticks || (l.trim().startsWith(ticks) && l.trim().replace(/`/g, '') === '')) break;
      body.push(l.slice(Math.min(indent, l.length - l.trimStart().length)));
    }
    if (j >= lines.length) throw new Error(`${file}:${i + 1}: fence never closed`);
    out.push({ file, line: i + 1, lang, body: body.join('\n'), marker: markerAbove(lines, i) });
    i = j;
  }
  return out;
}

function markerAbove(lines: readonly string[], fenceIndex: number): string | undefined {
  for (let k = fenceIndex - 1; k >= 0; k--) {
    const l = (lines[k] ?? '').trim();
    if (l === '') continue;
    const m = /^<!--(.*)-->$/.exec(l);
    return m === null ? undefined : (m[1] ?? '').trim();
  }
  return undefined;
}

/** A marker `key: value, key2: value2` as a map (values may not contain commas). */
export function markerFields(marker: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (marker === undefined) return out;
  for (const part of marker.split(/,(?=\s*[a-z ]+:)/)) {
    const c = part.indexOf(':');
    if (c < 0) continue;
    out.set(part.slice(0, c).trim(), part.slice(c + 1).trim());
  }
  return out;
}

/** One command of a shell block: its text (comment stripped) and the exit code it expects. */
export interface ShellLine {
  readonly line: number;
  readonly text: string;
  readonly exit: number;
  /** For console blocks: the lines shown after the command, up to the next prompt. */
  readonly output: readonly string[] | undefined;
}

/** The commands of an `sh`/`bash` block: each non-blank line not starting with `#`, split at `&&`. */
export function shellLines(f: Fence): ShellLine[] {
  const out: ShellLine[] = [];
  f.body.split('\n').forEach((raw, k) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    // `a && b` as two commands: the test runs each as the user's shell would (b only if a succeeds).
    const { text, exit } = splitExit(t);
    const parts = splitAnd(text);
    parts.forEach((p, i) => out.push({ line: f.line + 1 + k, text: p.trim(), exit: i === parts.length - 1 ? exit : 0, output: undefined }));
  });
  return out;
}

/** The commands of a `console` block: `$ ` lines, each followed by the output it prints. */
export function consoleLines(f: Fence): ShellLine[] {
  const out: { line: number; text: string; exit: number; output: string[] }[] = [];
  f.body.split('\n').forEach((raw, k) => {
    if (raw.startsWith('$ ')) out.push({ line: f.line + 1 + k, ...splitExit(raw.slice(2).trim()), output: [] });
    else out.at(-1)?.output.push(raw);
  });
  for (const o of out) while (o.output.length > 0 && (o.output.at(-1) ?? '').trim() === '') o.output.pop();
  return out;
}

/** `a && b` split outside quotes (a display filter may hold `&&`). */
function splitAnd(t: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (t.startsWith(' && ', i)) {
      parts.push(t.slice(start, i));
      start = i + 4;
      i += 3;
    }
  }
  parts.push(t.slice(start));
  return parts;
}

function splitExit(t: string): { text: string; exit: number } {
  const m = /^(.*?)\s+#\s*exit\s+(\d+)\s*$/.exec(t);
  if (m !== null) return { text: m[1] ?? t, exit: Number(m[2]) };
  // A trailing comment explains the command; it is not part of it (quotes never hold ' #' here).
  const c = t.search(/\s#\s/);
  return { text: c >= 0 ? t.slice(0, c).trimEnd() : t, exit: 0 };
}

/**
 * Does `actual` show what `expected` shows? Lines compare with trailing blanks ignored; an
 * expected line `…` stands for any number of lines, and `…` at the end of an expected line for
 * any rest of that line.
 */
export function outputMatches(expected: readonly string[], actual: readonly string[]): boolean {
  const e = expected.map((l) => l.trimEnd());
  const a = actual.map((l) => l.trimEnd());
  while (a.length > 0 && a.at(-1) === '') a.pop();
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * 100_003 + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === e.length) r = j === a.length;
    else if (e[i] === '…') r = go(i + 1, j) || (j < a.length && go(i, j + 1));
    else if (j === a.length) r = false;
    else r = lineMatches(e[i] ?? '', a[j] ?? '') && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

function lineMatches(e: string, a: string): boolean {
  if (e.endsWith('…')) return a.startsWith(e.slice(0, -1));
  return e === a;
}
