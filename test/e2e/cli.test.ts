/** The `lvslab` command as a user runs it: outputs, exit codes, and one clear line per bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltin, lvslab, ROOT } from './helpers.js';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { TOPICS } from '../../src/scenarios/schema.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BROKEN: Readonly<Record<string, RegExp>> = {
  'bad-duration.yaml': /^test\/scenarios-load\/fixtures\/bad-duration\.yaml:12:75: expected a duration/,
  'bad-ip.yaml': /^test\/scenarios-load\/fixtures\/bad-ip\.yaml:8:33: '192\.168\.1\.300' is not an IPv4 address/,
  'missing-version.yaml': /^test\/scenarios-load\/fixtures\/missing-version\.yaml:1:1: missing `lvslab: 1`/,
  'unknown-host.yaml': /^test\/scenarios-load\/fixtures\/unknown-host\.yaml:12:13: unknown host 'clinet', did you mean 'client'\?/,
  'unknown-key.yaml': /^test\/scenarios-load\/fixtures\/unknown-key\.yaml:7:5: unknown key 'interface', did you mean 'interfaces'\?/,
  'unknown-segment.yaml': /^test\/scenarios-load\/fixtures\/unknown-segment\.yaml:8:24: unknown segment 'lna', did you mean 'lan'\?/,
  'unmodelled-command.yaml': /^test\/scenarios-load\/fixtures\/unmodelled-command\.yaml:11:7: command not modelled: keepalived/,
  'yaml-syntax.yaml': /^test\/scenarios-load\/fixtures\/yaml-syntax\.yaml:5:1: YAML syntax error/,
};

describe('lvslab validate', () => {
  for (const [file, line] of Object.entries(BROKEN)) {
    it(`${file}: one file:line:col line on stderr, exit 2, no stack trace`, () => {
      const r = lvslab(['validate', `test/scenarios-load/fixtures/${file}`]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a binary file is one line, not a page of YAML errors', () => {
    const file = path.join(tmp, 'binary.yaml');
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x3a, 0x3a, 0x0a, 0x5b]));
    const r = lvslab(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:1:8: this is not a YAML text file: it holds a NUL character\n`);
  });

  it('cascading YAML syntax errors are reported once, at the first', () => {
    const file = path.join(tmp, 'cascade.yaml');
    writeFileSync(file, 'lvslab: 1\nname: [unclosed\nhosts: {\n  a: : :\n');
    const r = lvslab(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/:\d+:\d+: YAML syntax error: /);
  });

  it('a valid built-in validates with exit 0', () => {
    const r = lvslab(['validate', 'scenarios/dr-basic.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('scenarios/dr-basic.yaml: ok\n');
  });

  it('a command that fails when the lab is built is blamed at its token', () => {
    const file = path.join(tmp, 'bad-iface.yaml');
    writeFileSync(
      file,
      ['lvslab: 1', 'name: bad-iface', 'title: t', 'segments: [{ name: lan }]', 'hosts:', '  a:', '    interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } }', '    setup: |', '      ip addr add 10.0.0.9/32 dev lo', '      ip link set eth7 up', ''].join('\n'),
    );
    const r = lvslab(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: .*eth7`));
  });
});

describe('lvslab run / check / list / schema / play', () => {
  it('run prints one line per event and a closing summary on stderr', () => {
    const r = lvslab(['run', 'dr-basic']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(500);
    expect(r.stdout).toMatch(/director\s+ipvs\s+sched\s+rr TCP 192\.168\.1\.100:80 -> 192\.168\.1\.1[12]:80/);
    expect(r.stderr).toMatch(/^\d+ events, [\d.]+ s of virtual time, nothing left to do\n$/);
  });

  it('run --json prints JSONL, one object per line', () => {
    const r = lvslab(['run', 'dr-basic', '--json']);
    expect(r.code).toBe(0);
    const objs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; t: number });
    expect(objs.some((o) => o.kind === 'tx')).toBe(true);
    expect(objs.every((o, i) => i === 0 || o.t >= (objs[i - 1] as { t: number }).t)).toBe(true);
  });

  it('run --pcap writes one pcap per segment and no partial file', () => {
    const dir = path.join(tmp, 'pcaps');
    const r = lvslab(['run', 'dr-basic', '--quiet', '--pcap', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['internet.pcap', 'lan.pcap']);
  });

  it('run --pcap into a path that is a file: one line, exit 2', () => {
    const file = path.join(tmp, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = lvslab(['run', 'dr-basic', '--pcap', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('run --pcap where no folder can be made (under /proc) fails at once with one line, not a hang', () => {
    const r = lvslab(['run', 'dr-basic', '--pcap', '/proc/lvslab-no-such-dir']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lvslab run: --pcap \/proc\/lvslab-no-such-dir: .*\n$/);
  });

  it('check dr-basic passes every expectation (exit 0)', () => {
    const r = lvslab(['check', 'dr-basic']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 passed, 0 failed\n$/);
  });

  it('check exits 1 when an expectation fails', () => {
    const file = path.join(tmp, 'failing.yaml');
    writeFileSync(
      file,
      [
        'lvslab: 1',
        'name: failing',
        'title: a lab whose expectation is wrong',
        'segments: [{ name: lan }]',
        'hosts:',
        '  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }',
        '  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } } }',
        'traffic:',
        '  - { from: a, ping: { to: 10.0.0.2, count: 1 } }',
        'checkpoints:',
        '  - at: 1s',
        '    title: one reply, not five',
        '    expect:',
        '      - frames: "icmp.type == 0"',
        '        count: 5',
        '',
      ].join('\n'),
    );
    const r = lvslab(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 passed, 1 failed/);
    expect(r.stderr).toMatch(/failing\.yaml:14:\d+: expectation failed: counted 1/);
  });

  it('bad flags and unknown scenarios: one line, exit 2', () => {
    for (const args of [['run', 'dr-basic', '--seed', 'x'], ['run', 'dr-basic', '--until', '5'], ['run', 'dr-basic', '--bogus'], ['run', 'no-such-lab'], ['frobnicate']]) {
      const r = lvslab(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('list shows every built-in once, under its own topic, topics in course order', () => {
    const r = lvslab(['list']);
    expect(r.code).toBe(0);
    const headings = [...r.stdout.matchAll(/^([a-z]+): .* \((\d+)\)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(TOPICS.filter((t) => headings.includes(t)));
    const builtins = listBuiltins();
    let topic = '';
    const seen = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const h = /^([a-z]+): /.exec(line);
      if (h !== null) topic = h[1] ?? '';
      const lab = /^  (\S+)\s/.exec(line);
      if (lab !== null) seen.set(lab[1] ?? '', topic);
    }
    expect([...seen.keys()].sort()).toEqual(builtins.map((b) => b.name));
    for (const b of builtins) expect(seen.get(b.name), b.name).toBe(loadBuiltin(b.name).scenario.topic);
    expect(r.stdout).toMatch(/^  dr-basic +LVS-DR: only the MAC address changes$/m);
    expect(r.stdout).toContain(`${builtins.length} labs.`);
  });

  it('list TOPIC shows one group; --long adds the summaries; a near miss gets a suggestion', () => {
    const dr = lvslab(['list', 'dr', '--long']);
    expect(dr.code).toBe(0);
    expect(dr.stdout).toMatch(/^dr: /m);
    expect(dr.stdout).not.toMatch(/^nat: /m);
    expect(dr.stdout).toMatch(/A client fetches a page through a DR director/);
    const bad = lvslab(['list', 'sched']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown topic 'sched', did you mean 'scheduling'\?/);
  });

  it('a reader that closes the pipe early ends the run quietly, as SIGPIPE would (exit 141)', () => {
    // keepalived-failover prints far more than a pipe buffer holds, so the write after head exits fails.
    const r = spawnSync('bash', ['-c', `node ${path.join(ROOT, 'bin', 'lvslab.js')} run keepalived-failover | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toMatch(/status 141/);
  });

  it('schema prints a JSON Schema', () => {
    const r = lvslab(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties?: Record<string, unknown> };
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['lvslab', 'hosts', 'traffic', 'checkpoints']));
  });

  it('play without a terminal says so and prints the text trace', () => {
    const r = lvslab(['play', 'dr-basic']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not a terminal/);
    expect(r.stdout).toMatch(/ipvs\s+xmit/);
  });

  it('no argument and no terminal prints the help', () => {
    const r = lvslab([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lvslab: step through Linux Virtual Server/);
  });
});
