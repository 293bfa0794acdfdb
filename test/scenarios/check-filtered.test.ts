/**
 * `lvslab check` keeps only the events the checker reads (checkedEvents): on every built-in lab
 * the results are the same as over the whole trace, and the kept trace is a small part of it.
 */
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { checkedEvents, checkExpectations } from '../../src/scenarios/check.js';
import { runScenario } from '../../src/scenarios/run.js';
import { loadBuiltin } from '../e2e/helpers.js';

describe('checking over the filtered trace', () => {
  for (const { name } of listBuiltins()) {
    it(`${name}: the same results as over the whole trace`, () => {
      const loaded = loadBuiltin(name);
      const whole = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
      const part = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: checkedEvents(loaded) });
      if (!whole.ok || !part.ok) throw new Error(`${name} did not build`);
      const results = checkExpectations(loaded, whole);
      expect(results.length).toBeGreaterThan(0);
      expect(checkExpectations(loaded, part)).toEqual(results);
      expect(part.stats.events).toBe(whole.stats.events);
      expect(part.trace.length).toBeLessThan(whole.trace.length / 2);
    });
  }
});
