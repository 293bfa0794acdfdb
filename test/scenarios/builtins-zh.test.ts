/**
 * Every built-in lab speaks Simplified Chinese: loaded in zh-CN it has no text left untranslated
 * (title, summary, checkpoint titles, say, quiz), its Chinese texts are really Chinese, and it
 * still passes all its checkpoints (only the texts change with the language).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkedEvents, checkExpectations } from '../../src/scenarios/check.js';

const CJK = /[\u3400-\u9fff]/;

describe('built-in labs in zh-CN', () => {
  for (const b of listBuiltins()) {
    it(b.name, () => {
      const r = loadScenario(readFileSync(b.path, 'utf8'), `scenarios/${b.name}.yaml`, { lang: 'zh-CN' });
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
      expect(r.warnings.map((w) => `${w.file}:${w.line}:${w.col}: ${w.message}`)).toEqual([]);
      const s = r.scenario.scenario;
      const texts = [s.title, s.summary, ...s.checkpoints.flatMap((c) => [c.title, c.say, c.quiz?.ask, c.quiz?.why])].filter((t): t is string => t !== undefined);
      for (const t of texts) expect(CJK.test(t), `not Chinese: ${t.slice(0, 80)}`).toBe(true);
      const run = runScenario(r.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: checkedEvents(r.scenario) });
      if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
      const failed = checkExpectations(r.scenario, run).filter((x) => !x.passed);
      expect(failed.map((x) => `${x.description}: ${x.detail}`)).toEqual([]);
    });
  }
});
