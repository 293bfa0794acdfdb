/** Texts by language in a lab (src/scenarios/local-text.ts through loadScenario): the chosen language, the English fallback, warnings, errors with positions. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { textIn } from '../../src/scenarios/local-text.js';
import type { Lang } from '../../src/i18n/index.js';

const lab = (texts: string): string => `lvslab: 1
name: t
${texts}
segments: [{ name: lan }]
hosts:
  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }
`;

const BILINGUAL = lab(`title:
  en: Two hosts
  zh-CN: 两台主机
summary: { en: "A summary", zh-CN: "一段摘要" }
checkpoints:
  - at: 1s
    title: { en: First, zh-CN: 第一个 }
    say:
      en: |
        The MAC of a is {{a.eth0.mac}}.
      zh-CN: |
        a 的 MAC 是 {{a.eth0.mac}}。
    quiz:
      ask: { en: "Which?", zh-CN: "哪个？" }
      choices:
        - { en: "One", zh-CN: "一" }
        - { en: "Two", zh-CN: "二" }
      answer: Two
      why: { en: "Because.", zh-CN: "因为。" }`);

function load(text: string, lang: Lang) {
  const r = loadScenario(text, 't.yaml', { lang });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r;
}

const errorsOf = (text: string): string[] => {
  const r = loadScenario(text, 't.yaml', { lang: 'en' });
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
};

describe('texts by language', () => {
  it('each text in the language asked for, the quiz answer following its choice', () => {
    const zh = load(BILINGUAL, 'zh-CN');
    const s = zh.scenario.scenario;
    expect([s.title, s.summary, s.checkpoints[0]?.title, s.checkpoints[0]?.say?.trim()]).toEqual(['两台主机', '一段摘要', '第一个', 'a 的 MAC 是 {{a.eth0.mac}}。']);
    expect(s.checkpoints[0]?.quiz).toEqual({ ask: '哪个？', choices: ['一', '二'], answer: '二', why: '因为。' });
    expect(zh.warnings).toEqual([]);
    const en = load(BILINGUAL, 'en').scenario.scenario;
    expect([en.title, en.checkpoints[0]?.quiz?.answer]).toEqual(['Two hosts', 'Two']);
  });

  it('a text without zh-CN shows in English, and a lab that has begun to be translated warns at it', () => {
    const text = BILINGUAL.replace('summary: { en: "A summary", zh-CN: "一段摘要" }', 'summary: A summary');
    const r = load(text, 'zh-CN');
    expect(r.scenario.scenario.summary).toBe('A summary');
    expect(r.warnings.map((w) => `${w.line}:${w.col}: ${w.message}`)).toEqual(['6:10: warning: no zh-CN text here; a student who reads zh-CN sees the English']);
  });

  it('an English-only lab loads in zh-CN without warnings (nothing there is meant to be translated yet)', () => {
    const r = load(lab('title: Only English'), 'zh-CN');
    expect(r.scenario.scenario.title).toBe('Only English');
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['a locale spelling of a language', 'title: { en: Hi, zh_CN: 你好 }', "3:18: 'zh_CN' is not a language of the lab, did you mean 'zh-CN'?"],
    ['an unknown language', 'title: { en: Hi, fr: Salut }', "3:18: 'fr' is not a language of the lab (languages: en, zh-CN)"],
    ['no English', 'title: { zh-CN: 你好 }', '3:8: a text in several languages needs its English (en) version: it is what every other language falls back to'],
    ['a list where a text goes', 'title: { en: [a, b] }', '3:14: expected text; got a list'],
  ])('%s is an error at its place', (_what, title, want) => {
    expect(errorsOf(lab(title))).toEqual([want]);
  });

  it('a problem inside a Chinese text is placed in the Chinese text', () => {
    const text = BILINGUAL.replace('a 的 MAC 是 {{a.eth0.mac}}。', 'a 的 MAC 是 {{b.eth0.mac}}。');
    const r = loadScenario(text, 't.yaml', { lang: 'zh-CN' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('{{b.eth0.mac}}')) + 1;
    expect(r.errors.map((e) => e.line)).toEqual([line]);
    // Loaded in English, the same file is fine: its English text names a host that exists.
    expect(loadScenario(text, 't.yaml', { lang: 'en' }).ok).toBe(true);
  });
});

describe('textIn (quick reads without validation)', () => {
  it.each([
    ['Plain', 'zh-CN', 'Plain'],
    [{ en: 'Hi', 'zh-CN': '你好' }, 'zh-CN', '你好'],
    [{ en: 'Hi' }, 'zh-CN', 'Hi'],
    [{ en: 'Hi', 'zh-CN': '你好' }, 'en', 'Hi'],
    [{ 'zh-CN': '你好' }, 'en', undefined],
    [42, 'en', undefined],
  ] as const)('%j in %s', (value, lang, want) => {
    expect(textIn(value, lang)).toBe(want);
  });
});
