/**
 * The glossary's rule for the Chinese texts of a lab: each term in its table "首次出现时加注英文"
 * carries its English in full-width brackets at its first use in the lab (title excluded), either
 * right after it ("调度器（director）") or because it already sits in such brackets ("DR 模式（直接路由，
 * direct routing）"). The table in docs/zh-CN/glossary.md is the one list; this test reads it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { collapseWhitespace } from '../../src/ui/width.js';

interface Term {
  readonly zh: string;
  readonly english: readonly string[];
  readonly pattern: RegExp;
}

/** The rows of the glossary's table under the heading "首次出现时加注英文". */
function bracketTerms(): Term[] {
  const text = readFileSync('docs/zh-CN/glossary.md', 'utf8');
  const section = text.split('\n## 首次出现时加注英文\n')[1];
  if (section === undefined) throw new Error('docs/zh-CN/glossary.md has no section 首次出现时加注英文');
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| 术语') && !l.startsWith('|---'));
  return rows.map((row) => {
    const [zh, en] = row.split('|').slice(1, 3).map((c) => c.trim());
    if (zh === undefined || en === undefined || zh === '' || en === '') throw new Error(`glossary row not understood: ${row}`);
    // A space in a term ("免费 ARP") may be absent in a text; 虚拟服务 is not the start of 虚拟服务器.
    const body = zh.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?');
    return { zh, english: en.split(' / ').map((e) => e.toLowerCase()), pattern: new RegExp(zh === '虚拟服务' ? `${body}(?!器)` : body, 'g') };
  });
}

/** A lab's Chinese texts in reading order from the summary on, as the lab shows them. */
function labText(file: string): string {
  const r = loadScenario(readFileSync(file, 'utf8'), file, { lang: 'zh-CN' });
  if (!r.ok) throw new Error(`${file} does not load`);
  const s = r.scenario.scenario;
  const texts = [s.summary];
  for (const c of s.checkpoints) {
    texts.push(c.title, c.say);
    if (c.quiz !== undefined) texts.push(c.quiz.ask, ...c.quiz.choices, c.quiz.why);
  }
  return texts.filter((t): t is string => t !== undefined).map(collapseWhitespace).join('\n');
}

/** The text of the innermost full-width brackets around `at` on its line, if any. */
function enclosingBrackets(text: string, at: number): string | undefined {
  let depth = 0;
  for (let j = at - 1; j >= 0 && text[j] !== '\n'; j--) {
    if (text[j] === '）') depth++;
    else if (text[j] === '（') {
      if (depth > 0) depth--;
      else {
        const end = text.indexOf('）', at);
        return end < 0 ? undefined : text.slice(j + 1, end);
      }
    }
  }
  return undefined;
}

/** Where the brackets after a use of a term would open: after the longest listed term starting there. */
function endOfLongest(text: string, at: number, terms: readonly Term[]): number {
  let end = at;
  for (const t of terms) {
    t.pattern.lastIndex = at;
    const m = t.pattern.exec(text);
    if (m !== null && m.index === at) end = Math.max(end, at + m[0].length);
  }
  return end;
}

/** The first use of each term that lacks its English, as "term: …context…". */
function unbracketed(text: string, terms: readonly Term[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    t.pattern.lastIndex = 0;
    const m = t.pattern.exec(text);
    if (m === null) continue;
    const names = (s: string | undefined): boolean => s !== undefined && t.english.some((e) => s.toLowerCase().includes(e));
    const end = endOfLongest(text, m.index, terms);
    const after = text.startsWith('（', end) ? text.slice(end + 1, text.indexOf('）', end) < 0 ? end + 1 : text.indexOf('）', end)) : undefined;
    if (!names(after) && !names(enclosingBrackets(text, m.index))) {
      out.push(`${t.zh}: …${text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12)}…`);
    }
  }
  return out;
}

describe('glossary terms carry their English at first use in each built-in lab', () => {
  const terms = bracketTerms();

  it('the glossary lists the terms the issue names', () => {
    const listed = terms.map((t) => t.zh);
    for (const zh of ['调度器', '真实服务器', '直接路由', '隧道', '持久连接']) expect(listed).toContain(zh);
  });

  it('the check finds a missing bracket and accepts both ways of giving one', () => {
    expect(unbracketed('调度器把包转给真实服务器（real server）。', terms)).toEqual([expect.stringMatching(/^调度器: /)]);
    expect(unbracketed('DR 模式（直接路由，direct routing）的调度器（director）', terms)).toEqual([]);
    expect(unbracketed('一个持久连接模板（persistence template）', terms)).toEqual([]);
    expect(unbracketed('IP 虚拟服务器模块', terms)).toEqual([]);
  });

  for (const b of listBuiltins()) {
    it(b.name, () => {
      expect(unbracketed(labText(b.path), terms)).toEqual([]);
      // The title stays short: after the subject it names (up to its first '：', which may carry its
      // English), none of these terms is glossed (the summary just below does it).
      const r = loadScenario(readFileSync(b.path, 'utf8'), b.path, { lang: 'zh-CN' });
      const full = r.ok ? r.scenario.scenario.title : '';
      const title = full.slice(full.indexOf('：') + 1);
      for (const t of terms) {
        t.pattern.lastIndex = 0;
        for (let m = t.pattern.exec(title); m !== null; m = t.pattern.exec(title)) {
          expect({ title, glossed: title.startsWith('（', m.index + m[0].length) && t.english.some((e) => title.slice(m.index).toLowerCase().split('）')[0]?.includes(e)) }).toEqual({ title, glossed: false });
        }
      }
    });
  }
});
