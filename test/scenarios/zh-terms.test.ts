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

/** A lab's Chinese title, and its texts in reading order from the summary on, as the lab shows them. */
function labTexts(file: string): { title: string; body: string } {
  const r = loadScenario(readFileSync(file, 'utf8'), file, { lang: 'zh-CN' });
  if (!r.ok) throw new Error(`${file} does not load`);
  const s = r.scenario.scenario;
  const texts = [s.summary];
  for (const c of s.checkpoints) {
    texts.push(c.title, c.say);
    if (c.quiz !== undefined) texts.push(c.quiz.ask, ...c.quiz.choices, c.quiz.why);
  }
  return { title: s.title, body: texts.filter((t): t is string => t !== undefined).map(collapseWhitespace).join('\n') };
}

/** The text of the full-width brackets that open at `at`, if they do. */
function bracketsAt(text: string, at: number): string | undefined {
  const close = text.indexOf('）', at);
  return text.startsWith('（', at) && close > at ? text.slice(at + 1, close) : undefined;
}

/** Whether a bracket's text gives one of the term's English names. */
const namesTerm = (t: Term, s: string | undefined): boolean => s !== undefined && t.english.some((e) => s.toLowerCase().includes(e));

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
    if (!namesTerm(t, bracketsAt(text, endOfLongest(text, m.index, terms))) && !namesTerm(t, enclosingBrackets(text, m.index))) {
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
      const { title: full, body } = labTexts(b.path);
      expect(unbracketed(body, terms)).toEqual([]);
      // The title stays short: after the subject it names (up to its first '：', which may carry its
      // English), none of these terms is glossed (the summary just below does it).
      const title = full.slice(full.indexOf('：') + 1);
      for (const t of terms) {
        t.pattern.lastIndex = 0; // matchAll starts where the shared pattern's last exec stopped
        for (const m of title.matchAll(t.pattern)) {
          expect({ title, glossed: namesTerm(t, bracketsAt(title, m.index + m[0].length)) }).toEqual({ title, glossed: false });
        }
      }
    });
  }
});
