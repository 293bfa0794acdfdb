/** `--lang` anywhere on the command line (takeLangFlag). */
import { describe, expect, it } from 'vitest';
import { takeLangFlag, UsageError } from '../../src/cli/args.js';

describe('takeLangFlag', () => {
  it.each([
    [['run', 'dr-basic', '--lang', 'zh-CN', '--json'], 'zh-CN', ['run', 'dr-basic', '--json']],
    [['--lang=en', 'list'], 'en', ['list']],
    [['--lang', 'zh', 'play', '--lang', 'en'], 'en', ['play']],
    [['list'], undefined, ['list']],
    [['run', 'x', '--', '--lang', 'zh'], undefined, ['run', 'x', '--', '--lang', 'zh']],
  ] as const)('%j', (argv, lang, rest) => {
    expect(takeLangFlag(argv)).toEqual({ lang, rest });
  });

  it.each([
    [['list', '--lang'], "--lang: expected a language: 'en' or 'zh-CN'"],
    [['list', '--lang', 'fr'], "--lang: 'fr' is not a language the lab speaks ('en' or 'zh-CN')"],
    [['--lang=', 'list'], "--lang: '' is not a language the lab speaks ('en' or 'zh-CN')"],
  ] as const)('%j is a usage error', (argv, message) => {
    expect(() => takeLangFlag(argv)).toThrow(UsageError);
    expect(() => takeLangFlag(argv)).toThrow(message);
  });
});
