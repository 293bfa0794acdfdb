/**
 * `lvslab check` with no argument runs every built-in lab and verifies every expectation, as a
 * trainer runs it before a course: exit 0, one table per lab, and the closing count.
 */
import { expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { lvslab } from './helpers.js';

it('lvslab check (no argument) checks every built-in lab and they all pass', () => {
  const r = lvslab(['check'], { timeoutMs: 280_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const builtins = listBuiltins();
  expect(builtins.length).toBeGreaterThanOrEqual(24);
  for (const b of builtins) expect(r.stdout, b.name).toContain(`scenarios/${b.name}.yaml: `);
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  expect(summary?.[2]).toBe('0');
  expect(Number(summary?.[1])).toBeGreaterThan(builtins.length * 3);
}, 300_000);
