/**
 * The lab tables of README.md and docs/scenario-format.md name every built-in lab exactly once,
 * under its own topic, and no lab that does not exist (tools/labs-table.mjs prints them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { loadBuiltin, ROOT } from '../e2e/helpers.js';

function tableRows(file: string, heading: string): string[][] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(heading);
  const lines = text.slice(start).split('\n');
  const rows: string[][] = [];
  let inTable = false;
  for (const l of lines) {
    if (l.startsWith('|')) {
      inTable = true;
      rows.push(l.split('|').slice(1, -1).map((c) => c.trim()));
    } else if (inTable) break;
  }
  return rows.slice(2);
}

const names = listBuiltins().map((b) => b.name);

it('README lists every built-in lab once, with its topic', () => {
  const rows = tableRows('README.md', '| topic | lab | what it shows |');
  const listed = rows.map((r) => (r[1] ?? '').replace(/`/g, ''));
  expect([...listed].sort()).toEqual(names);
  for (const r of rows) expect(r[0], r[1]).toBe(loadBuiltin((r[1] ?? '').replace(/`/g, '')).scenario.topic);
  expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`${names.length} built-in labs`);
});

it('scenario-format.md lists every built-in lab once, with its topic', () => {
  const rows = tableRows('docs/scenario-format.md', '## Built-in labs');
  const listed = rows.map((r) => (r[0] ?? '').replace(/`/g, ''));
  expect([...listed].sort()).toEqual(names);
  for (const r of rows) expect(r[1], r[0]).toBe(loadBuiltin((r[0] ?? '').replace(/`/g, '')).scenario.topic);
});
