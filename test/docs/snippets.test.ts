/**
 * Every snippet of the docs is true: each ```yaml block of docs/*.md and README.md loads (a whole
 * scenario also passes its own checkpoints; a fragment is merged into the lab it names), and each
 * command of a ```sh/```bash/```console block runs with the exit code it shows (a console block's
 * output must match too). The markers are described in docs/trainers-guide.md ("How the docs are
 * tested"); a fence without a language fails, so nothing slips past untested by accident.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { consoleLines, fencesOf, markerFields, outputMatches, shellLines, type Fence, type ShellLine } from './fences.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { runScenario, validateAgainstLab } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import { MODELLED_COMMANDS, parseScript } from '../../src/scenarios/commands/index.js';
import { render } from '../../src/i18n/index.js';
import { ROOT } from '../e2e/helpers.js';

const mdIn = (dir: string): string[] => readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.md')).sort().map((f) => `${dir}/${f}`);
/** The English pages, then the Chinese ones (docs/zh-CN, whose commands carry --lang zh-CN). */
const PAGES = ['README.md', ...mdIn('docs'), ...mdIn('docs/zh-CN')];

/** Languages whose fences are not run here, and why. */
const NOT_RUN: Readonly<Record<string, string>> = {
  text: 'output or syntax',
  ts: 'library API: compiled and run by test/docs/library.test.ts',
  tsx: 'library API',
  json: 'trace records: their shape is tested by test/trace',
  jsonl: 'trace records',
  conf: 'keepalived.conf: run through keepalived-check where a marker says so',
};

/** Commands the docs show that this test does not run, and why. */
const NOT_RUN_COMMANDS: Readonly<Record<string, string>> = {
  'npm install': 'run by CI before the tests (npm ci)',
  'npm ci': 'run by CI before the tests',
  'npm test': 'this test is part of it',
  'npm run bench': 'benchmarks: timing, run by hand',
  'npm run lint': 'run by .ci/run before the tests',
  'npm run typecheck': 'run by .ci/run before the tests',
  'npm run build': 'the test setup builds dist/ before any test',
  'git clone': 'needs the network',
  'lvslab check bench/scenarios/conn-1m.yaml': '50 million events and 1.4 GB of heap: run by npm run bench (bench/conns.js); test/scale runs the same lab at 10,000 connections',
  cd: 'the test runs in its own folder',
};

const HOST_COMMANDS = new Set([...MODELLED_COMMANDS, 'arping']);

/** Tools the docs use on the lab's output; a line using one runs when it is installed, else is skipped visibly. */
const OUTPUT_TOOLS = new Map(['tshark', 'jq'].map((t) => [t, spawnSync(t, ['--version'], { stdio: 'ignore' }).status === 0]));
const scriptPresent = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fragment merged into the base: mappings recursively, anything else replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

/** A base named by a marker: a built-in lab or a repository-relative .yaml file. */
function baseFile(name: string): string {
  return name.endsWith('.yaml') ? path.join(ROOT, name) : path.join(ROOT, 'scenarios', `${name}.yaml`);
}

/** Problems loading and building `text` as a scenario file `file`, as `line:col: message`. */
function problems(text: string, file: string, lineOffset: number): { errors: string[]; run: () => string[] } {
  const loaded = loadScenario(text, file);
  if (!loaded.ok) return { errors: loaded.errors.map((e) => `${e.line + lineOffset}:${e.col}: ${e.message}`), run: () => [] };
  const errors = validateAgainstLab(loaded.scenario).map((e) => `${e.line + lineOffset}:${e.col}: ${e.message}`);
  const run = (): string[] => {
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!r.ok) return r.errors.map((e) => `${e.line + lineOffset}:${e.col}: ${e.message}`);
    return checkExpectations(loaded.scenario, r)
      .filter((x) => !x.passed)
      .map((x) => `${x.line + lineOffset}:${x.col}: expectation failed: ${x.description}: ${x.detail}`);
  };
  return { errors, run };
}

function testYaml(f: Fence): void {
  const fields = markerFields(f.marker);
  if (f.marker?.startsWith('not a scenario')) {
    expect(f.marker.slice('not a scenario'.length).replace(/^:\s*/, '').length, 'a reason after "not a scenario:"').toBeGreaterThan(3);
    return;
  }
  const invalid = fields.get('invalid');
  let doc: unknown;
  try {
    doc = parseYaml(f.body);
  } catch (e) {
    if (invalid !== undefined) return void expect(String(e)).toContain(invalid);
    throw new Error(`${f.file}:${f.line}: not YAML: ${String(e)}`);
  }
  const whole = isObj(doc) && 'lvslab' in doc;
  let checked: { errors: string[]; run: () => string[] };
  if (whole) {
    // Relative `file:` paths of a docs scenario resolve from docs/.
    checked = problems(f.body, path.join(ROOT, 'docs', `${path.basename(f.file, '.md')}-line-${f.line}.yaml`), f.line);
  } else {
    const base = fields.get('fragment of');
    if (base === undefined) throw new Error(`${f.file}:${f.line}: a YAML fragment needs <!-- fragment of: LAB --> (or <!-- not a scenario: why -->) above it`);
    const file = baseFile(base);
    // `at: hosts.rs1` places a fragment shown at that depth (`routes: …` of one host).
    const placed = (fields.get('at') ?? '').split('.').filter((k) => k !== '').reduceRight<unknown>((inner, key) => ({ [key]: inner }), doc);
    const merged = merge(parseYaml(readFileSync(file, 'utf8')), placed);
    // Like a whole scenario of the page, its relative `file:` paths resolve from docs/.
    checked = problems(stringifyYaml(merged, { lineWidth: 0 }), path.join(ROOT, 'docs', `${path.basename(f.file, '.md')}-line-${f.line}.yaml`), 0);
  }
  const where = `${f.file}:${f.line}`;
  if (invalid !== undefined) {
    expect(checked.errors.join('\n'), `${where}: the error the docs show`).toContain(invalid);
    return;
  }
  expect(checked.errors.map((e) => `${f.file}:${e}`), where).toEqual([]);
  if (whole) expect(checked.run().map((e) => `${f.file}:${e}`), `${where}: its checkpoints`).toEqual([]);
}

/** A scratch folder like a user's: the repository's labs, fixtures and docs, and `lvslab` on PATH. */
function workspace(): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'lvslab-docs-'));
  for (const d of ['scenarios', 'fixtures', 'docs']) symlinkSync(path.join(ROOT, d), path.join(cwd, d));
  const bin = path.join(cwd, '.bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'lvslab'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'lvslab.js')}" "$@"\n`);
  chmodSync(path.join(bin, 'lvslab'), 0o755);
  return { cwd, env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' } };
}

/** Runs a terminal command on a pseudo-terminal, quits it with `q` once it has drawn, returns its exit code and screen. */
function onTerminal(command: string, ws: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', `stty cols 100 rows 30; ${command}`, '/dev/null'], { cwd: ws.cwd, env: { ...ws.env, TERM: 'xterm-256color' } });
    let out = '';
    let quit: NodeJS.Timeout | undefined;
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      quit ??= setTimeout(() => child.stdin.write('q'), 1500);
    });
    child.on('close', (code) => {
      clearTimeout(kill);
      if (quit !== undefined) clearTimeout(quit);
      resolve({ code, out });
    });
  });
}

/**
 * Runs the commands shown on HOST of a built-in lab, after its time-0 setup: at time 0 with its
 * traffic, events and checkpoints removed, or (`at: T`) at T of the lab's own run. `setup: none`
 * also removes the host's own setup, ipvsadm, keepalived and apps, so the commands build them.
 */
function runOnHost(lab: string, host: string, lines: readonly ShellLine[], opts: { at?: string; bare: boolean }): { line: string; output: string; exitCode: number }[] {
  const file = baseFile(lab);
  const doc = parseYaml(readFileSync(file, 'utf8')) as Obj;
  const hosts = { ...(doc['hosts'] as Obj) };
  if (opts.bare) {
    const h = { ...(hosts[host] as Obj) };
    for (const k of ['setup', 'ipvsadm', 'keepalived', 'apps']) delete h[k];
    hosts[host] = h;
  }
  const shown = { at: opts.at ?? '0s', on: host, run: lines.map((l) => l.text).join('\n') };
  const scenario =
    opts.at === undefined
      ? { ...doc, hosts, traffic: [], checkpoints: [], until: '1ms', events: [shown] }
      : { ...doc, hosts, checkpoints: [], until: opts.at, events: [...((doc['events'] as unknown[] | undefined) ?? []), shown] };
  const loaded = loadScenario(stringifyYaml(scenario, { lineWidth: 0 }), file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  const last = r.trace.events.filter((e) => e.kind === 'cmd' && e.expect === undefined);
  return last.slice(-lines.length).flatMap((e) => (e.kind === 'cmd' ? [{ line: e.line, output: e.output, exitCode: e.exitCode }] : []));
}

async function testShell(f: Fence): Promise<void> {
  const lines = f.lang === 'console' ? consoleLines(f) : shellLines(f);
  expect(lines.length, `${f.file}:${f.line}: a command block without commands`).toBeGreaterThan(0);
  const fields = markerFields(f.marker);
  const on = fields.get('on')?.split(/\s+/);
  const at = fields.get('at');
  const ws = workspace();
  const skipped: string[] = [];
  const hostLines: ShellLine[] = [];
  for (const l of lines) {
    const where = `${f.file}:${l.line}: ${l.text}`;
    const text = l.text.replace(/^npx lvslab\b/, 'lvslab');
    const word = text.split(/\s+/)[0] ?? '';
    const notRun = Object.keys(NOT_RUN_COMMANDS).find((k) => text === k || text.startsWith(`${k} `));
    if (notRun !== undefined) {
      skipped.push(`${text} (${NOT_RUN_COMMANDS[notRun] ?? ''})`);
      continue;
    }
    if (HOST_COMMANDS.has(word)) {
      const parsed = parseScript(text);
      expect(parsed.errors.map((e) => render(e.msg)), where).toEqual([]);
      hostLines.push(l);
      continue;
    }
    let code: number | null;
    let out: string;
    const npmStart = text === 'npm start' || text.startsWith('npm start -- ');
    if (text.startsWith('lvslab play') || npmStart) {
      if (!scriptPresent) {
        skipped.push(`${text} (no 'script' command for a pseudo-terminal)`);
        continue;
      }
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      // npm start compiles first; the test setup already did.
      const startArgs = text.slice('npm start -- '.length);
      const start = (pkg.scripts['start'] ?? '').replace(/^npm run build --silent && /, '').replace(/^node bin\/lvslab\.js/, 'lvslab');
      const cmd = !npmStart ? text : text === 'npm start' ? start : `${start} ${startArgs}`;
      ({ code, out } = await onTerminal(cmd, ws));
      expect(out.length, `${where}: draws the lab`).toBeGreaterThan(200);
    } else if (word === 'lvslab' || OUTPUT_TOOLS.get(word) === true) {
      const r = spawnSync('bash', ['-c', text], { cwd: ws.cwd, env: ws.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
      code = r.status;
      out = r.stdout + r.stderr;
    } else if (OUTPUT_TOOLS.has(word)) {
      skipped.push(`${text} (${word} is not installed)`);
      continue;
    } else {
      throw new Error(`${where}: a command the docs test does not know how to run`);
    }
    expect(code, `${where}: exit code\n${out.slice(0, 2000)}`).toBe(l.exit);
    if (l.output !== undefined && word === 'lvslab' && !text.startsWith('lvslab play')) {
      expect(outputMatches(l.output, out.split('\n')), `${where}: the output shown\n--- shown\n${l.output.join('\n')}\n--- actual\n${out}`).toBe(true);
    }
  }
  if (hostLines.length > 0 && on !== undefined) {
    const [lab, host] = on;
    if (lab === undefined || host === undefined) throw new Error(`${f.file}:${f.line}: <!-- on: LAB HOST -->`);
    const results = runOnHost(lab, host, hostLines, { ...(at === undefined ? {} : { at }), bare: fields.get('setup') === 'none' });
    expect(results.length, `${f.file}:${f.line}: one result per command`).toBe(hostLines.length);
    hostLines.forEach((l, k) => {
      const r = results[k];
      const where = `${f.file}:${l.line}: ${l.text}`;
      expect(r?.exitCode, `${where}: exit code\n${r?.output ?? ''}`).toBe(l.exit);
      if (l.output !== undefined) expect(outputMatches(l.output, (r?.output ?? '').split('\n')), `${where}: the output shown\n--- shown\n${l.output.join('\n')}\n--- actual\n${r?.output ?? ''}`).toBe(true);
    });
  } else if (f.lang === 'console' && hostLines.some((l) => (l.output?.length ?? 0) > 0)) {
    throw new Error(`${f.file}:${f.line}: a console block showing a lab host's output needs <!-- on: LAB HOST --> above it`);
  }
  if (skipped.length > 0) console.log(`${f.file}:${f.line}: not run: ${skipped.join('; ')}`);
}

for (const page of PAGES) {
  const fences = fencesOf(page, readFileSync(path.join(ROOT, page), 'utf8'));
  if (!fences.some((f) => !(f.lang in NOT_RUN))) continue;
  describe(page, () => {
    for (const f of fences) {
      const name = `${f.file}:${f.line} ${f.lang || '(no language)'}`;
      if (f.lang === 'yaml') it(name, () => testYaml(f));
      else if (f.lang === 'sh' || f.lang === 'bash' || f.lang === 'console') it(name, () => testShell(f), 180_000);
      else if (f.lang in NOT_RUN) continue;
      else it(name, () => expect.fail(`${name}: give the fence a language (yaml, sh, console, text, ts, json, conf)`));
    }
  });
}
