/**
 * The code of docs/library.md runs as shown. Each ```ts block is written to a scratch module with
 * `from 'lvslab'` pointing at src/index.ts and imported: it must run without throwing; its
 * `EXPR; // VALUE` comments must hold; its vitest properties run (through test/docs/snippet-shim.ts)
 * and must pass; and when the page says what it prints, the printed lines must be those.
 * Markers above a fence: `<!-- continues the snippet above -->` runs it after the one before it
 * (same scope), `<!-- signatures -->` marks a block of declarations: each function it names must
 * be exported by the package.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fencesOf, outputMatches, type Fence } from './fences.js';
import { __out } from './snippet-shim.js';
import * as lvslab from '../../src/index.js';
import { ROOT } from '../e2e/helpers.js';

const PAGE = 'docs/library.md';
const SCRATCH = path.join(ROOT, 'test', 'docs', '.snippets');
const text = readFileSync(path.join(ROOT, PAGE), 'utf8');
const fences = fencesOf(PAGE, text);
const lines = text.split('\n');

/** The output block the page shows for a fence: the next fence, when the prose between says it prints. */
function shownOutput(f: Fence): string[] | undefined {
  const next = fences.find((g) => g.line > f.line);
  if (next === undefined || next.lang !== 'text') return undefined;
  const end = f.line + f.body.split('\n').length + 1;
  const between = lines.slice(end, next.line - 1).join(' ');
  return /\bprints\b/.test(between) ? next.body.split('\n') : undefined;
}

/** Splits a module into its import declarations (from 'lvslab' merged into one set of names) and the rest. */
function splitImports(code: string): { lvslabNames: Set<string>; other: string[]; body: string } {
  const lvslabNames = new Set<string>();
  const other: string[] = [];
  const body = code.replace(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';?\s*$/gms, (_all, _type: string | undefined, names: string, from: string) => {
    if (from === 'lvslab') {
      for (const n of names.split(',')) if (n.trim() !== '') lvslabNames.add(n.trim());
    } else if (from === 'vitest') {
      const keep = names.split(',').map((n) => n.trim()).filter((n) => n !== '' && n !== 'describe' && n !== 'it');
      if (keep.length > 0) other.push(`import { ${keep.join(', ')} } from 'vitest';`);
    } else other.push(`import {${names}} from '${from}';`);
    return '';
  }).replace(/^import\s+(\w+)\s+from\s+'([^']+)';?\s*$/gm, (all: string) => {
    other.push(all.trim());
    return '';
  });
  return { lvslabNames, other, body };
}

const STATEMENT_START = /^(const|let|var|if|for|while|return|import|export|function|class|interface|type|\}|\/\/)\b/;

/** `EXPR; // VALUE` → a check that EXPR has VALUE (VALUE a literal: string, number, boolean, object). */
function withChecks(body: string, firstLine: number): string {
  return body
    .split('\n')
    .map((l, k) => {
      const m = /^(\s*)(.+?);\s*\/\/\s*('(?:[^'\\]|\\.)*'|true|false|-?\d+(?:\.\d+)?|\{.*\})\s*$/.exec(l);
      if (m === null) return l;
      const [, indent = '', expr = '', value = ''] = m;
      if (STATEMENT_START.test(expr.trim())) return l;
      const inner = /^console\.log\((.*)\)$/.exec(expr.trim());
      return `${indent}__out.check(${firstLine + k}, () => (${inner?.[1] ?? expr}), ${JSON.stringify(value)});`;
    })
    .join('\n');
}

function moduleFor(chain: readonly Fence[], file: string): string {
  const names = new Set<string>();
  const other = new Set<string>();
  const bodies: string[] = [];
  for (const f of chain) {
    const s = splitImports(f.body);
    for (const n of s.lvslabNames) names.add(n);
    for (const o of s.other) other.add(o);
    bodies.push(withChecks(s.body, f.line + 1));
  }
  const src = path.relative(path.dirname(file), path.join(ROOT, 'src', 'index.js'));
  const shim = path.relative(path.dirname(file), path.join(ROOT, 'test', 'docs', 'snippet-shim.js'));
  const code = bodies
    .join('\n')
    .replace(/\bconsole\.(log|error)\(/g, (_m, k: string) => `__out.${k === 'log' ? 'log' : 'err'}(`)
    .replace(/\bprocess\.stdout\.write\(/g, '__out.write(')
    .replace(/\bprocess\.exit\(/g, '__out.exit(');
  return [
    `import { ${[...names].join(', ')} } from '${src.startsWith('.') ? src : `./${src}`}';`,
    `import { __out, describe, it } from '${shim.startsWith('.') ? shim : `./${shim}`}';`,
    ...other,
    'void describe; void it;',
    code,
  ].join('\n');
}

describe(PAGE, () => {
  mkdirSync(SCRATCH, { recursive: true });
  const ts = fences.filter((f) => f.lang === 'ts');
  it('has TypeScript examples', () => expect(ts.length).toBeGreaterThan(3));
  ts.forEach((f, i) => {
    const name = `${PAGE}:${f.line}`;
    if (f.marker === 'signatures') {
      it(`${name}: every function it declares is exported`, () => {
        const fns = [...f.body.matchAll(/^function (\w+)\(/gm)].map((m) => m[1] ?? '');
        expect(fns.length).toBeGreaterThan(0);
        for (const fn of fns) expect(typeof (lvslab as Record<string, unknown>)[fn], fn).toBe('function');
      });
      return;
    }
    it(`${name}: runs as shown`, async () => {
      const chain: Fence[] = [f];
      for (let k = i; ts[k]?.marker === 'continues the snippet above' && k > 0; k--) chain.unshift(ts[k - 1] as Fence);
      const file = path.join(SCRATCH, `library-${f.line}.ts`);
      writeFileSync(file, moduleFor(chain, file));
      __out.reset();
      await import(file);
      expect(__out.failures, name).toEqual([]);
      const shown = shownOutput(f);
      if (shown !== undefined) {
        // Lines printed by the snippets this one continues are not part of its output.
        const own = __out.lines;
        expect(outputMatches(shown, own), `${name}: prints\n--- shown\n${shown.join('\n')}\n--- printed\n${own.join('\n')}`).toBe(true);
      }
    });
  });
});
