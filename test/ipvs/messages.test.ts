import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/i18n/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('ipvs message ids', () => {
  it('every id the ipvs layer emits has an English text', () => {
    const ids = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../../src/ipvs'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/msg\(\s*'([a-zA-Z.]+)'/g)) ids.add(m[1] as string);
      for (const m of text.matchAll(/'(ipvs\.notModelled\.[a-zA-Z]+|ipvs\.sched\.[a-zA-Z]+|ipvs\.dest\.[a-zA-Z]+)'/g)) ids.add(m[1] as string);
      if (text.includes('`ipvs.service.${op}`')) for (const op of ['add', 'edit', 'del']) ids.add(`ipvs.service.${op}`);
    }
    expect(ids.size).toBeGreaterThan(30);
    expect([...ids].filter((id) => !hasMessage(id))).toEqual([]);
  });
});
