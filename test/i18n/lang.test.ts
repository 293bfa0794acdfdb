/** Choosing the language: --lang values and locale names (parseLang), the environment's precedence (languageFromEnv), the fallback of render. */
import { afterEach, describe, expect, it } from 'vitest';
import { language, languageFromEnv, parseLang, render, setLanguage } from '../../src/i18n/index.js';

afterEach(() => setLanguage('en'));

describe('parseLang', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh_CN.utf8', 'zh-CN'],
    ['zh_TW.UTF-8', 'zh-CN'],
    ['zh_SG', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en', 'en'],
    ['en_US.UTF-8', 'en'],
    ['C', 'en'],
    ['C.UTF-8', 'en'],
    ['POSIX', 'en'],
    ['de_DE.UTF-8', undefined],
    ['zhx', undefined],
    ['', undefined],
  ] as const)('%j → %s', (text, want) => {
    expect(parseLang(text)).toBe(want);
  });
});

describe('languageFromEnv: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' }, 'zh-CN'],
    [{ LC_ALL: 'de_DE.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{}, 'en'],
  ] as const)('%j → %s', (env, want) => {
    expect(languageFromEnv(env)).toBe(want);
  });
});

describe('render', () => {
  it('uses the language set, and English for an id the language has no text for', () => {
    const m = { id: 'ui.header.step', params: { step: 3, total: 9 } };
    const english = render(m, 'en');
    expect(english).toBe('step 3/9');
    setLanguage('zh-CN');
    expect(language()).toBe('zh-CN');
    // Whatever zh-CN says, it is not the raw id, and the parameters are in it.
    const zh = render(m);
    expect(zh).not.toBe(english);
    expect(zh).toContain('3');
    expect(zh).toContain('9');
    expect(render({ id: 'no.such.id' })).toBe('no.such.id');
  });
});
