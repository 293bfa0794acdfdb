/**
 * What the DR lab teaches does not depend on luck: for any seed (ports, ISNs, timestamps and ARP
 * timers change), every expectation passes, all four responses arrive, rr alternates from rs2.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadBuiltin } from './helpers.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import { formatIp4 } from '../../src/net/wire/addr.js';

it('dr-basic passes for any seed', () => {
  const loaded = loadBuiltin('dr-basic');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const run = runScenario(loaded, { seed, untilNs: undefined, sinks: [], keepTrace: true });
      if (!run.ok) return false;
      const failed = checkExpectations(loaded, run).filter((r) => !r.passed);
      const responses = run.trace.events.filter((e) => e.kind === 'app' && e.msg.id === 'app.http.response').length;
      const picks = run.trace.events.flatMap((e) => (e.kind === 'ipvs.sched' && e.dest !== undefined ? [formatIp4(e.dest.daddr)] : []));
      expect(failed).toEqual([]);
      expect(responses).toBe(4);
      expect(picks).toEqual(['192.168.1.12', '192.168.1.11', '192.168.1.12', '192.168.1.11']);
      return true;
    }),
    { numRuns: 25 },
  );
});
