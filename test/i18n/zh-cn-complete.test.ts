/**
 * Every message id has a Simplified Chinese text: a new English text without its zh-CN
 * translation fails here (render would fall back to English, and a Chinese-speaking student would
 * meet English in the middle of the lab). Every English catalog file has its zh-CN twin.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, messageIds } from '../../src/i18n/index.js';
import { VERBATIM_IDS } from '../../src/i18n/verbatim.js';
import { ROOT } from '../e2e/helpers.js';

describe('zh-CN is complete', () => {
  it('every English message id has a zh-CN text (but a real tool\'s own output, which stays as the tool prints it)', () => {
    const missing = messageIds('en').filter((id) => !hasMessage(id, 'zh-CN') && !VERBATIM_IDS.has(id));
    expect(missing).toEqual([]);
  });

  it('the zh-CN catalog has no id the English one lacks', () => {
    const extra = messageIds('zh-CN').filter((id) => !hasMessage(id, 'en'));
    expect(extra).toEqual([]);
  });

  it('every catalog file under src/i18n/en has its twin under src/i18n/zh-CN', () => {
    const list = (lang: string): string[] => readdirSync(path.join(ROOT, 'src', 'i18n', lang)).filter((f) => f.endsWith('.ts')).sort();
    expect(list('zh-CN')).toEqual(list('en'));
  });
});
