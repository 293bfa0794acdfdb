/**
 * Each Simplified Chinese catalog (src/i18n/zh-CN/X.ts) mirrors its English one (src/i18n/en/X.ts):
 * the same export, the same ids, the same placeholders in every text (a translation may move a
 * placeholder, never drop or invent one), and Chinese in every text whose English is prose. A real
 * tool's own output (VERBATIM_IDS) is left out of the zh-CN catalogs and renders as the English.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { VERBATIM_IDS } from '../../src/i18n/verbatim.js';
import { render } from '../../src/i18n/index.js';

const ZH_DIR = path.join(ROOT, 'src', 'i18n', 'zh-CN');
const files = readdirSync(ZH_DIR).filter((f) => f.endsWith('.ts')).sort();

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
const CJK = /[\u3400-\u9fff]/;
/** English with at least two words of letters outside placeholders and code spans: prose that needs translating. */
const isProse = (text: string): boolean => (text.replace(/\{\w+\}|`[^`]*`/g, ' ').match(/[A-Za-z]{2,}/g) ?? []).length >= 2;

type Catalog = Readonly<Record<string, string>>;

async function catalogsOf(file: string): Promise<{ en: Record<string, Catalog>; zh: Record<string, Catalog> }> {
  const en = (await import(path.join(ROOT, 'src', 'i18n', 'en', file))) as Record<string, Catalog>;
  const zh = (await import(path.join(ZH_DIR, file))) as Record<string, Catalog>;
  return { en, zh };
}

describe('zh-CN catalogs mirror the English ones', () => {
  it.each(files)('%s', async (file) => {
    const { en, zh } = await catalogsOf(file);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const name of Object.keys(en)) {
      const e = en[name] as Catalog;
      const z = zh[name] as Catalog;
      const translated = Object.keys(e).filter((id) => !VERBATIM_IDS.has(id));
      expect(Object.keys(z).sort(), `${file} ${name}: ids (a tool's own output is left out)`).toEqual(translated.sort());
      for (const [id, text] of Object.entries(e)) {
        if (VERBATIM_IDS.has(id)) {
          const sample = { id, params: Object.fromEntries(placeholders(text).map((p) => [p, `<${p}>`])) };
          expect(render(sample, 'zh-CN'), `${file} ${id}: a tool's own output stays as the tool prints it`).toBe(render(sample, 'en'));
          continue;
        }
        const t = z[id] as string;
        expect(placeholders(t), `${file} ${id}: placeholders`).toEqual(placeholders(text));
        expect(t.trim().length, `${file} ${id}: empty`).toBeGreaterThan(0);
        if (isProse(text)) expect(CJK.test(t), `${file} ${id}: no Chinese in ${JSON.stringify(t)}`).toBe(true);
      }
    }
  });
});

it('every verbatim id is an English message id', async () => {
  const { messageIds } = await import('../../src/i18n/index.js');
  const ids = new Set(messageIds('en'));
  expect([...VERBATIM_IDS].filter((id) => !ids.has(id))).toEqual([]);
});
