/** Interface counters as ifconfig prints them, after a ping across a segment. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';

const LAB = `lvslab: 1
name: counters
title: counters
segments: [{ name: lan }]
hosts:
  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }
  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } } }
traffic:
  - { from: a, ping: { to: 10.0.0.2, count: 2 } }
checkpoints:
  - at: 5s
    title: two pings and one ARP exchange
    say: |
      {{a.eth0.ip}} pinged {{b.eth0.ip}} twice.
    expect:
      - { on: a, run: "ifconfig eth0", contains: "RX packets 3  bytes 238 (238.0 B)" }
      - { on: a, run: "ifconfig eth0", contains: "TX packets 3  bytes 238 (238.0 B)" }
      - { on: b, run: "ifconfig eth0", contains: "RX packets 3  bytes 238 (238.0 B)" }
      - frames: "icmp.type == 0"
        count: 2
`;

describe('interface counters', () => {
  it('count frames and bytes (42-byte ARP, 98-byte echo frames) on both sides', () => {
    const loaded = loadScenario(LAB, 'counters.yaml');
    if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
    const run = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!run.ok) throw new Error(run.errors[0]?.message);
    const results = checkExpectations(loaded.scenario, run);
    expect(results.map((r) => `${r.passed} ${r.detail}`)).toEqual([
      expect.stringMatching(/^true /),
      expect.stringMatching(/^true /),
      expect.stringMatching(/^true /),
      'true counted 2',
    ]);
    const cp = run.trace.events.find((e) => e.kind === 'checkpoint');
    expect(cp?.kind === 'checkpoint' ? cp.say : undefined).toBe('10.0.0.1 pinged 10.0.0.2 twice.');
  });
});
