/** Every built-in lab loads, is named after its file, and passes its own checkpoints. */
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import { loadBuiltin } from './helpers.js';

describe('built-in labs', () => {
  const builtins = listBuiltins();
  it('there is at least the DR lab', () => {
    expect(builtins.map((b) => b.name)).toContain('dr-basic');
  });
  for (const b of builtins) {
    it(`${b.name}: named after its file, every expectation passes`, () => {
      const loaded = loadBuiltin(b.name);
      expect(loaded.scenario.name).toBe(b.name);
      const run = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
      if (!run.ok) throw new Error(run.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
      const results = checkExpectations(loaded, run);
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => !r.passed).map((r) => `${r.description}: ${r.detail}`)).toEqual([]);
    });
  }
});
