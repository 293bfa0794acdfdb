/**
 * What a docs/library.md snippet runs against in the docs test: its printing goes to `__out`
 * instead of the terminal (so the test can compare it with the output the page shows), and its
 * vitest `describe`/`it` run their bodies at once, so a property the page shows really runs.
 */
import { format } from 'node:util';

export const __out = {
  lines: [] as string[],
  failures: [] as string[],
  log(...args: unknown[]): void {
    __out.write(`${format(...args)}\n`);
  },
  err(...args: unknown[]): void {
    __out.log(...args);
  },
  write(text: string): boolean {
    const parts = text.split('\n');
    const last = __out.lines.length > 0 && __out.pending ? __out.lines.pop() ?? '' : '';
    parts[0] = last + (parts[0] ?? '');
    __out.pending = parts.at(-1) !== '';
    if (!__out.pending) parts.pop();
    __out.lines.push(...parts);
    return true;
  },
  pending: false,
  exit(code?: number): never {
    throw new Error(`the snippet called process.exit(${code ?? 0})`);
  },
  /** A `EXPR; // VALUE` comment of the page: the value EXPR really has. */
  check(line: number, actual: () => unknown, shown: string): void {
    let want: unknown;
    try {
      want = new Function(`return (${shown});`)() as unknown;
    } catch {
      __out.failures.push(`line ${line}: the comment '${shown}' is not a value`);
      return;
    }
    const got = actual();
    if (!sameShape(got, want)) __out.failures.push(`line ${line}: the page says ${shown}, the code gives ${formatValue(got)}`);
  },
  reset(): void {
    __out.lines = [];
    __out.failures = [];
    __out.pending = false;
  },
};

/** `want` holds (a subset of) the fields of `got`, recursively; scalars equal. */
function sameShape(got: unknown, want: unknown): boolean {
  if (typeof want !== 'object' || want === null) return Object.is(got, want);
  if (typeof got !== 'object' || got === null) return false;
  return Object.entries(want).every(([k, v]) => sameShape((got as Record<string, unknown>)[k], v));
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** vitest's describe, run at once. */
export function describe(_name: string, body: () => void): void {
  body();
}

/** vitest's it, run at once; a failure is recorded, not thrown, so every `it` runs. */
export function it(name: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    __out.failures.push(`it('${name}'): ${e instanceof Error ? e.message.split('\n').slice(0, 30).join('\n') : String(e)}`);
  }
}
