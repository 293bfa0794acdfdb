/** Every kaconf id the parser can emit has an English text; nodeReadInclude reads globs sorted. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { hasMessage } from '../../../src/i18n/index.js';
import { classify, NO_EFFECT_KEYWORDS, NOT_MODELLED_KEYWORDS } from '../../../src/keepalived/conf/keywords.js';
import { nodeReadInclude } from '../../../src/keepalived/conf/node-include.js';
import { parseKeepalivedConf } from '../../../src/keepalived/conf/parse.js';

describe('message catalog', () => {
  it('literal ids in the parser sources exist', () => {
    const dir = 'src/keepalived/conf';
    const ids = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(kaconf\.[A-Za-z0-9_.]+)'/g)) ids.add(m[1] as string);
    }
    expect(ids.size).toBeGreaterThan(50);
    for (const id of ids) expect(hasMessage(id), id).toBe(true);
  });
  it('every not-modelled / no-effect reason has a text', () => {
    for (const k of [...NOT_MODELLED_KEYWORDS, ...NO_EFFECT_KEYWORDS]) {
      const c = classify(k);
      if (c.kind === 'unknown') throw new Error(k);
      expect(hasMessage(`kaconf.${c.kind}.${c.reason}`), k).toBe(true);
    }
  });
});

describe('nodeReadInclude', () => {
  it('reads a glob relative to the including file, sorted, and reports no match', () => {
    const root = mkdtempSync(join(tmpdir(), 'kaconf-'));
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'd', 'b.conf'), 'vrrp_script s2 {\n script "true"\n}\n');
    writeFileSync(join(root, 'd', 'a.conf'), 'vrrp_script s1 {\n script "true"\n}\n');
    writeFileSync(join(root, 'd', 'a.txt'), 'junk {\n');
    const main = join(root, 'keepalived.conf');
    const r = parseKeepalivedConf({ file: main, text: 'include d/*.conf\n' }, nodeReadInclude);
    expect(r.diagnostics).toEqual([]);
    expect([...(r.config?.vrrpScripts.keys() ?? [])]).toEqual(['s1', 's2']);
    const none = nodeReadInclude('d/*.none', main);
    expect(Array.isArray(none)).toBe(false);
    const missing = nodeReadInclude('nope.conf', main);
    expect(missing).toMatchObject({ id: 'kaconf.include.unreadable' });
  });
});
