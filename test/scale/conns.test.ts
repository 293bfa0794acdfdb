/**
 * The `conns` traffic source at scale, scaled down: 100 client addresses × 100 held connections
 * through a DR director to 10 real servers. The figures asserted come from the lab's parameters
 * (bench/scenarios/conns-lab.js writes ipvsadm's layout out again), never from a previous run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { runScenario, validateAgainstLab } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import { runScript } from '../../src/scenarios/build.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { formatIp4, parseIp4 } from '../../src/net/wire/addr.js';
import type { Host } from '../../src/net/host.js';
// @ts-expect-error: a JavaScript module of the benchmark, without types
import { connsLab, expectedStats, rrShare, rsAddr, IN_BYTES_PER_CONN } from '../../bench/scenarios/conns-lab.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const P = { clients: 100, each: 100, servers: 10, rate: 100_000 };
const TOTAL = P.clients * P.each;

function load(text: string, file = 'conns.yaml'): LoadedScenario {
  const r = loadScenario(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.scenario;
}

function errorsOf(text: string): string[] {
  const r = loadScenario(text, 'bad.yaml');
  return r.ok ? validateAgainstLab(r.scenario).map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`) : r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`);
}

function sh(host: Host, line: string, ipvs: Parameters<typeof runScript>[2]): string {
  const p = parseScript(line);
  expect(p.errors).toEqual([]);
  return runScript(host, p.script, ipvs).map((r) => r.result.output).join('');
}

describe('conns: 10,000 held connections, 100 clients, 10 real servers', () => {
  const loaded = load(connsLab({ name: 'conn-10k', ...P }), 'conn-10k.yaml');
  const run = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  const lab = run.built.lab;
  const director = lab.host('director') as Host;

  it('its checkpoint (ipvsadm -L -n --stats, exact) passes', () => {
    const results = checkExpectations(loaded, run);
    expect(results.map((r) => [r.passed, r.detail])).toEqual([[true, expect.anything()]]);
  });

  it('ipvsadm -L -n --stats at the end is the text computed from the parameters', () => {
    const text = sh(director, 'ipvsadm -L -n --stats', run.built.ipvs);
    expect(text).toBe(expectedStats(P));
    // The service line, figure by figure: 2 packets and 112 bytes per connection, nothing out (DR).
    expect(text).toContain(`${'TCP  192.168.0.100:80'.padEnd(33)}${String(TOTAL).padStart(9)}${String(2 * TOTAL).padStart(9)}        0${String(IN_BYTES_PER_CONN * TOTAL).padStart(9)}        0\n`);
  });

  it('the director holds one ESTABLISHED entry per connection, and every server its rr share as ActiveConn', () => {
    const ipvs = run.built.ipvs.of(director);
    expect(ipvs.state.conns.size).toBe(TOTAL);
    const listing = sh(director, 'ipvsadm -L -n', run.built.ipvs);
    for (let n = 1; n <= P.servers; n++) {
      const share = rrShare(n, TOTAL, P.servers);
      expect(share).toBe(TOTAL / P.servers);
      expect(listing).toContain(`  -> ${`${rsAddr(n)}:80`.padEnd(28)} Route   1      ${String(share).padEnd(10)} 0         \n`);
    }
  });

  it('connection k binds client address first + k mod clients and port 32768 + k div clients; all ESTABLISHED', () => {
    const socks = tcpStack(lab.host('loadgen') as Host).sockets();
    expect(socks.length).toBe(TOTAL);
    expect(socks.every((s) => s.state === 'ESTABLISHED')).toBe(true);
    const want = new Set<string>();
    const first = parseIp4('10.1.0.1') as number;
    for (let k = 0; k < TOTAL; k++) want.add(`${formatIp4(first + (k % P.clients))}:${32768 + Math.floor(k / P.clients)}`);
    expect(new Set(socks.map((s) => `${formatIp4(s.laddr)}:${s.lport}`))).toEqual(want);
  });

  it('each real server holds its share of accepted sockets, all ESTABLISHED', () => {
    for (let n = 1; n <= P.servers; n++) {
      const socks = tcpStack(lab.host(`rs${n}`) as Host).sockets();
      expect([n, socks.length, socks.filter((s) => s.state === 'ESTABLISHED').length]).toEqual([n, TOTAL / P.servers, TOTAL / P.servers]);
    }
  });

  it('the source reports every connection established', () => {
    const done = run.trace.events.filter((e) => e.kind === 'app' && e.msg.id === 'app.conns.done');
    expect(done.map((e) => (e.kind === 'app' ? e.msg.params : undefined))).toEqual([{ to: '192.168.0.100:80', established: TOTAL, failed: 0, total: TOTAL }]);
  });
});

describe('bench/scenarios/conn-1m.yaml', () => {
  it('is the generator at 10,000 clients × 100 connections, 100 real servers', () => {
    const text = readFileSync(path.join(ROOT, 'bench/scenarios/conn-1m.yaml'), 'utf8');
    expect(text).toBe(connsLab({ name: 'conn-1m', clients: 10_000, each: 100, servers: 100, rate: 200_000 }));
    const s = load(text, 'bench/scenarios/conn-1m.yaml').scenario;
    const t = s.traffic[0];
    expect(t?.kind === 'conns' ? [t.conns.clients, t.conns.each, t.conns.clients * t.conns.each] : undefined).toEqual([10_000, 100, 1_000_000]);
    expect(Object.keys(s.hosts).filter((h) => h.startsWith('rs')).length).toBe(100);
  });
});

describe('conns: scenario errors point at the key', () => {
  const lab = (conns: string, routes = 'routes: [local 10.1.0.0/16 dev lo]'): string => `lvslab: 1
name: bad
title: bad
segments: [{ name: lan }]
hosts:
  loadgen:
    interfaces: { eth0: { segment: lan, ip: 192.168.0.10/16 } }
    ${routes}
traffic:
  - from: loadgen
    conns: ${conns}
`;
  const good = lab('{ to: 192.168.0.100:80, sources: 10.1.0.0/16, clients: 10, each: 2 }');

  it('a good one loads and builds', () => {
    expect(errorsOf(good)).toEqual([]);
  });

  // Each case: the `conns` value, the text the error must point at (its first occurrence), the message.
  it.each([
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/33 }', '10.1.0.0/33', "prefix length '33' is not 0-32"],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.300/16 }', '10.1.0.300/16', 'is not an IPv4 address'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0 }', '10.1.0.0', 'has no prefix length'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.5/16 }', '10.1.0.5/16', 'host bits set'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/24, clients: 255 }', '255', '255 client addresses do not fit in the sources prefix (254 host addresses)'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/24, each: 11, ports: 1000-1009 }', '11', '11 connections per address need as many source ports; the port range has 10'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/24, ports: 2000-1000 }', '2000-1000', 'is not a source port range'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/16, clients: 40000, each: 60 }', '60', 'this source would open 2400000 connections; at most 2000000'],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/16, rate: fast }', 'fast', "'fast' is not a rate"],
    ['{ to: 192.168.0.100:80, sources: 10.1.0.0/16, hold: 1s }', 'hold', "unknown key 'hold'"],
  ])('conns: %s', (conns, at, text) => {
    const errs = errorsOf(lab(conns));
    const col = '    conns: '.length + conns.indexOf(at) + 1;
    expect(errs[0]).toBe(`bad.yaml:11:${col}: ${(errs[0] ?? '').slice(`bad.yaml:11:${col}: `.length)}`);
    expect(errs[0]).toContain(text);
  });

  it('a host that does not own the client addresses cannot bind them: a build error at sources', () => {
    const errs = errorsOf(lab('{ to: 192.168.0.100:80, sources: 10.2.0.0/16, clients: 10 }'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^bad\.yaml:11:45: this host does not own 10\.2\.0\.1, so it cannot bind 10\.2\.0\.1-10\.2\.0\.10 \(EADDRNOTAVAIL\)/);
    // The prefix given only as far as it goes: the last address outside it is found too.
    expect(errorsOf(lab('{ to: 192.168.0.100:80, sources: 10.1.0.0/16, clients: 40000 }', 'routes: [local 10.1.0.0/17 dev lo]'))[0]).toContain('does not own 10.1.156.64');
  });

  it('budget is a whole number of simulator events', () => {
    expect(errorsOf(good.replace('traffic:', 'budget: 12.5\ntraffic:'))[0]).toMatch(/^bad\.yaml:9:9: .*whole number/);
  });
});
