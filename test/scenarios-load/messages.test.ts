import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hasMessage } from '../../src/i18n/index.js';
import { scenarioMessages } from '../../src/i18n/en/scenarios.js';

const MINE = ['src/scenarios'];

function files(p: string): string[] {
  return statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => files(join(p, f))) : [p];
}

test('every message id the loader and the command parsers use has an English text', () => {
  const used = new Set<string>();
  for (const f of MINE.flatMap(files)) for (const m of readFileSync(f, 'utf8').matchAll(/'(scenario\.[A-Za-z0-9.]+)'/g)) used.add(m[1] as string);
  expect(used.size).toBeGreaterThan(100);
  expect([...used].filter((id) => !hasMessage(id))).toEqual([]);
});

test('the loader\'s catalog has no text nobody uses', () => {
  const code = MINE.flatMap(files).map((f) => readFileSync(f, 'utf8')).join('\n');
  const mine = Object.keys(scenarioMessages).filter((id) => !id.startsWith('scenario.build.') && !id.startsWith('scenario.run.') && !id.startsWith('scenario.check.'));
  expect(mine.filter((id) => !code.includes(`'${id}'`))).toEqual([]);
});
