/** Helpers for end-to-end tests: load a built-in scenario, run it in-process, run the CLI. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { builtinDir } from '../../src/scenarios/builtins.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function loadBuiltin(name: string): LoadedScenario {
  const file = path.join(builtinDir(), `${name}.yaml`);
  const r = loadScenario(readFileSync(file, 'utf8'), `scenarios/${name}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.scenario;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`bin/lvslab.js`, compiled by the test setup) with NO_COLOR set. */
export function lvslab(args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'lvslab.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: opts.timeoutMs ?? 60_000,
    // A JSONL trace of a keepalived lab is several MB; spawnSync's default (1 MiB) would kill the run.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Whether a program is on PATH. */
export function have(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}
