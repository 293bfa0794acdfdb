/**
 * Golden trace: the text trace of the built-in DR lab, line for line. A change to the model shows
 * here as a diff to read; when the change is meant, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/e2e/golden.test.ts` and review the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { lvslab, ROOT } from './helpers.js';

const GOLDEN = path.join(ROOT, 'test', 'golden', 'dr-basic.txt');

it('dr-basic text trace equals the golden file', () => {
  const r = lvslab(['run', 'dr-basic']);
  expect(r.code).toBe(0);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, r.stdout);
  expect(existsSync(GOLDEN), 'test/golden/dr-basic.txt is missing: run with UPDATE_GOLDEN=1').toBe(true);
  const golden = readFileSync(GOLDEN, 'utf8');
  const got = r.stdout.split('\n');
  const want = golden.split('\n');
  const first = got.findIndex((line, i) => line !== want[i]);
  expect(first === -1 && got.length === want.length ? 'same' : `first difference at line ${first + 1}:\n- ${want[first] ?? ''}\n+ ${got[first] ?? ''}`).toBe('same');
});
