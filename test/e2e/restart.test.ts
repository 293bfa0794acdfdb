/** A crashed host that restarts comes back with its configuration, its servers listening again. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/run.js';

const TEXT = `lvslab: 1
name: restart-apps
title: a server crashes and reboots
segments: [{ name: lan }]
hosts:
  client:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.10/24 } }
  web:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.11/24 } }
    apps: [{ http-server: { port: 80, size: 700 } }]
traffic:
  - { from: client, http: { url: "http://10.0.0.11/", count: 3, every: 4s }, at: 1s }
events:
  - { at: 3s, crash: web }
  - { at: 6s, restart: web }
`;

describe('restart', () => {
  it("a rebooted host's http-server answers again; while it is down the request times out", () => {
    const loaded = loadScenario(TEXT, 'restart.yaml');
    if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
    const run = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!run.ok) throw new Error('run');
    const responses = run.trace.events.filter((e) => e.kind === 'app' && e.host === 'client' && e.msg.id === 'app.http.response').map((e) => Math.floor(e.t / 1e9));
    // Requests at 1 s (answered), 5 s (web down: SYNs retransmitted until it is back at 6 s), 9 s (answered).
    expect(responses[0]).toBe(1);
    expect(responses).toContain(9);
    expect(run.trace.events.some((e) => e.kind === 'tx' && e.host === 'web' && e.t > 6e9 && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp' && (e.frame.payload.payload.flags & 0x04) !== 0)).toBe(false);
  });
});
