/** `lvslab validate` on a lab in two languages: both are checked, and untranslated texts are warnings, not errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-validate-lang-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const lab = (say: string): string => `lvslab: 1
name: t
title: { en: Two hosts, zh-CN: 两台主机 }
summary: One host pings another.
segments: [{ name: lan }]
hosts:
  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }
checkpoints:
  - at: 1s
    title: { en: First, zh-CN: 第一个 }
    say:
${say}
`;

function file(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}

describe('lvslab validate, languages', () => {
  it('a text left in English is a warning with its position; the lab is still ok (exit 0)', () => {
    const f = file('partial.yaml', lab('      en: The MAC of a is {{a.eth0.mac}}.\n      zh-CN: a 的 MAC 是 {{a.eth0.mac}}。'));
    const r = lvslab(['validate', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${f}: ok\n`);
    expect(r.stderr).toBe(`${f}:4:10: warning: no zh-CN text here; a student who reads zh-CN sees the English\n`);
  });

  it('a placeholder that resolves only in the English text fails in the Chinese one, at its place (exit 2)', () => {
    const f = file('bad-zh.yaml', lab('      en: The MAC of a is {{a.eth0.mac}}.\n      zh-CN: a 的 MAC 是 {{b.eth0.mac}}。'));
    const r = lvslab(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:13:`));
  });
});
