import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { builtinLabDetail, builtinPickerLabs, labDetailOf, pickerLabOf, topLevelEntries } from '../../src/ui/picker/labs.js';

describe('builtinPickerLabs', () => {
  it('reads, for every built-in, the same title, topic, summary and checkpoints as the full loader', () => {
    const labs = builtinPickerLabs();
    const builtins = listBuiltins();
    expect(labs.map((l) => l.name)).toEqual(builtins.map((b) => b.name));
    for (const b of builtins) {
      const loaded = loadScenario(readFileSync(b.path, 'utf8'), `scenarios/${b.name}.yaml`);
      expect(loaded.ok, b.name).toBe(true);
      if (!loaded.ok) continue;
      const s = loaded.scenario.scenario;
      const lab = labs.find((l) => l.name === b.name);
      expect(lab, b.name).toEqual({ name: b.name, title: s.title, topic: s.topic, ...(s.summary === undefined ? {} : { summary: s.summary }) });
      expect(builtinLabDetail(b.name), b.name).toEqual({
        checkpoints: s.checkpoints.map((c) => c.title),
        quizzes: s.checkpoints.filter((c) => c.quiz !== undefined).length,
      });
    }
  });

  it('takes each top-level entry with its continuation lines, and nothing nested', () => {
    const text = [
      'lvslab: 1',
      'title: >-',
      '  folded',
      '',
      '  title',
      '# a comment at column 0',
      'hosts:',
      '  a:',
      '    title: not this one',
      'summary: "quoted: yes"',
    ].join('\n');
    expect(topLevelEntries(text, new Set(['title', 'summary']))).toBe(['title: >-', '  folded', '', '  title', '# a comment at column 0', 'summary: "quoted: yes"'].join('\n'));
    expect(pickerLabOf('x', text)).toEqual({ name: 'x', title: 'folded\ntitle', topic: 'misc', summary: 'quoted: yes' });
  });

  it('falls back to the whole document when the header is not plain top-level keys', () => {
    const text = ['lvslab: 1', '"title": quoted key', 'topic: dr', 'checkpoints:', '- at: 1s', '  title: first', '  quiz: { ask: a, choices: [x, y], answer: x }', '- { at: 2s, title: second }'].join('\n');
    expect(pickerLabOf('q', text)).toEqual({ name: 'q', title: 'quoted key', topic: 'dr' });
    expect(labDetailOf(text)).toEqual({ checkpoints: ['first', 'second'], quizzes: 1 });
  });

  it('an unknown topic is listed under misc and a missing title shows the name', () => {
    expect(pickerLabOf('y', 'topic: nosuch\n')).toEqual({ name: 'y', title: 'y', topic: 'misc' });
  });

  it('an unknown built-in has no details', () => {
    expect(builtinLabDetail('no-such-lab')).toBeUndefined();
  });
});

describe('texts by language in the picker', () => {
  it('reads a title and summary given by language in the language set, English otherwise', async () => {
    const { setLanguage } = await import('../../src/i18n/index.js');
    const text = 'lvslab: 1\nname: x\ntitle: { en: Hello, zh-CN: 你好 }\nsummary:\n  en: A summary\ntopic: dr\n';
    try {
      setLanguage('zh-CN');
      expect(pickerLabOf('x', text)).toEqual({ name: 'x', title: '你好', topic: 'dr', summary: 'A summary' });
      setLanguage('en');
      expect(pickerLabOf('x', text)).toEqual({ name: 'x', title: 'Hello', topic: 'dr', summary: 'A summary' });
    } finally {
      setLanguage('en');
    }
  });
});
