/** Every message id the code emits has an English text, and every text in the catalog is used. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hasMessage, messageIds } from '../../src/i18n/index.js';

function files(p: string): string[] {
  return statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => files(join(p, f))) : [p];
}

const code = files('src')
  .filter((f) => !f.startsWith(join('src', 'i18n')))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

test('every id the code names has an English text', () => {
  const named = new Set<string>();
  // Ids written where a message is built: msg('a.b', …) or { id: 'a.b', … }.
  for (const m of code.matchAll(/(?:\bmsg\(|\bid:\s*)'([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)'/g)) named.add(m[1] as string);
  expect(named.size).toBeGreaterThan(200);
  const missing = [...named].filter((id) => !hasMessage(id) && !messageIds().some((k) => k.startsWith(`${id}.`)));
  expect(missing).toEqual([]);
});
