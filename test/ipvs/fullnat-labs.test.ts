/**
 * The two FULLNAT labs run in-process: every checkpoint passes, and the real server's http-server
 * reports the client address with the toa module and the director's local address without it.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { loadBuiltin } from '../e2e/helpers.js';

function run(name: string): { failed: string[]; events: readonly TraceEvent[] } {
  const loaded = loadBuiltin(name);
  const r = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  const failed = checkExpectations(loaded, r)
    .filter((x) => !x.passed)
    .map((x) => `${x.description}: ${x.detail}`);
  return { failed, events: r.trace.events };
}

function clients(events: readonly TraceEvent[]): string[] {
  return events
    .filter((e) => e.kind === 'app' && e.app === 'http-server')
    .map((e) => String(e.msg.params?.['client'] ?? ''));
}

describe('FULLNAT labs', () => {
  it('fullnat-toa: checkpoints pass; the app logs the client 203.0.113.10', () => {
    const r = run('fullnat-toa');
    expect(r.failed).toEqual([]);
    const c = clients(r.events);
    expect(c.length).toBe(2);
    for (const x of c) expect(x).toMatch(/^203\.0\.113\.10:\d+$/);
  });

  it('fullnat-no-toa: checkpoints pass; the app logs the local address', () => {
    const r = run('fullnat-no-toa');
    expect(r.failed).toEqual([]);
    const c = clients(r.events);
    expect(c.length).toBe(2);
    for (const x of c) expect(x).toMatch(/^10\.0\.0\.10[01]:50\d\d$/);
  });
});
