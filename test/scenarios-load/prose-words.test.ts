/**
 * Words of our own prose inside scenario errors ("a list", "a mapping", "nothing", "did you
 * mean") are messages of their own: the English reads as it always did, and zh-CN has no English
 * word left in it but the names the student typed.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { describe as describeValue, describeType } from '../../src/scenarios/describe.js';
import { render, type Lang } from '../../src/i18n/index.js';

const lab = (hosts: string): string => `lvslab: 1
name: t
title: T
segments: [{ name: lan }]
hosts:${hosts}
`;

function errorsOf(text: string, lang: Lang): string[] {
  const r = loadScenario(text, 't.yaml', { lang });
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${render(e.msg, lang)}`);
}

describe('describe / describeType', () => {
  it.each([
    [null, 'nothing', 'null（空值）'],
    [[1, 2], 'a list', 'YAML 列表'],
    [{ a: 1 }, 'a mapping', 'YAML 映射'],
    ['abc', "'abc'", "'abc'"],
    [42, '42', '42'],
  ] as const)('%j → %s / %s', (value, en, zh) => {
    const d = describeValue(value);
    const text = (lang: Lang): string => (typeof d === 'object' ? render(d, lang) : String(d));
    expect(text('en')).toBe(en);
    expect(text('zh-CN')).toBe(zh);
  });

  it.each([
    ['array', 'a list', 'YAML 列表'],
    ['object', 'a mapping', 'YAML 映射'],
    ['string', 'a string', 'YAML 字符串'],
    ['number', 'a number', 'YAML 数字'],
    ['boolean', 'a boolean', 'YAML 布尔值'],
    ['record', 'a record', 'record 类型的值'],
  ])('expected %s → %s / %s', (type, en, zh) => {
    expect(render(describeType(type), 'en')).toBe(en);
    expect(render(describeType(type), 'zh-CN')).toBe(zh);
  });
});

describe('load errors name the kind of value in the language of the sentence', () => {
  it('a list where the hosts mapping goes', () => {
    const text = lab(' [a, b]');
    expect(errorsOf(text, 'en')).toEqual(['5:8: expected a mapping of host name to host; got a list']);
    const [zh] = errorsOf(text, 'zh-CN');
    expect(zh).toContain('YAML 列表');
    expect(zh).not.toMatch(/a list/);
  });

  it('a mapping where a list goes (a generic "expected … got …")', () => {
    const text = lab('\n  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }').replace('[{ name: lan }]', '{ name: lan }');
    // (the host's segment is then unknown too: a second error, not this test's)
    expect(errorsOf(text, 'en')[0]).toBe('4:11: expected a list; got a mapping');
    expect(errorsOf(text, 'zh-CN')[0]).toBe('4:11: 应为 YAML 列表；实际为 YAML 映射');
  });
});

describe('systemctl with a misspelt operation', () => {
  it('suggests the nearest one in a sentence of its own', () => {
    const [e] = parseScript('systemctl restrat keepalived').errors;
    expect(render(e!.msg, 'en')).toBe("systemctl: 'restrat' is not modelled (modelled: start, stop, restart, is-active) (did you mean 'restart'?)");
    expect(render(e!.msg, 'zh-CN')).toBe("systemctl：实验未模拟 'restrat'（已模拟：start, stop, restart, is-active），是不是想写 'restart'？");
    const [far] = parseScript('systemctl enable keepalived').errors;
    expect(render(far!.msg, 'en')).toBe("systemctl: 'enable' is not modelled (modelled: start, stop, restart, is-active)");
  });
});
