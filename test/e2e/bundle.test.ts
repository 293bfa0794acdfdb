/**
 * The bundled CLI (scripts/bundle.js → dist/bundle/lvslab.js) that bin/lvslab.js starts: it must
 * answer exactly as the compiled modules do, and bin/lvslab.js must fall back to the modules when
 * the bundle is older than them (a bare `tsc` after a build).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BUNDLE = path.join(ROOT, 'dist', 'bundle', 'lvslab.js');
const MODULES = path.join(ROOT, 'dist', 'cli', 'main.js');
const skipBuild = process.env['LVSLAB_SKIP_BUILD'] === '1';

/** Runs `main(args)` of one entry module in a fresh node. */
function runEntry(entry: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const script = `import(${JSON.stringify(new URL(`file://${entry}`).href)}).then((m) => m.main(process.argv.slice(1))).then((c) => { process.exitCode = c; })`;
  const r = spawnSync(process.execPath, ['-e', script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(skipBuild)('the bundled CLI (skipped with LVSLAB_SKIP_BUILD=1: the suite did not build it)', () => {
  it('exists after the build and is at least as new as the modules', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThanOrEqual(statSync(MODULES).mtimeMs);
  });

  for (const args of [['list'], ['run', 'dr-basic', '--json', '--seed', '7'], ['run', 'fullnat-toa', '--quiet'], ['validate', 'test/scenarios-load/fixtures/bad-ip.yaml'], ['run', 'dr-basic', '--until', 'soon']]) {
    it(`lvslab ${args.join(' ')}: the same stdout, stderr and exit code as the modules`, () => {
      const bundled = runEntry(BUNDLE, args);
      const modules = runEntry(MODULES, args);
      expect(bundled).toEqual(modules);
    });
  }
});

describe('bin/lvslab.js picks its entry', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-bin-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  mkdirSync(path.join(tmp, 'bin'));
  mkdirSync(path.join(tmp, 'dist', 'cli'), { recursive: true });
  mkdirSync(path.join(tmp, 'dist', 'bundle'));
  copyFileSync(path.join(ROOT, 'bin', 'lvslab.js'), path.join(tmp, 'bin', 'lvslab.js'));
  writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  const fake = (name: string): string => `export async function main(args) { process.stdout.write(${JSON.stringify(name)} + ' ' + args.join(' ') + '\\n'); return 3; }\n`;
  writeFileSync(path.join(tmp, 'dist', 'cli', 'main.js'), fake('modules'));
  writeFileSync(path.join(tmp, 'dist', 'bundle', 'lvslab.js'), fake('bundle'));
  const run = (): { code: number | null; stdout: string } => {
    const r = spawnSync(process.execPath, [path.join(tmp, 'bin', 'lvslab.js'), 'list', '-x'], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout };
  };
  const at = (file: string, secs: number): void => utimesSync(path.join(tmp, 'dist', ...file.split('/')), secs, secs);

  it('the bundle when it is at least as new as dist/cli/main.js', () => {
    at('cli/main.js', 1_000_000);
    at('bundle/lvslab.js', 1_000_000);
    expect(run()).toEqual({ code: 3, stdout: 'bundle list -x\n' });
  });

  it('the modules when the bundle is older (a bare tsc after a build)', () => {
    at('cli/main.js', 1_000_100);
    at('bundle/lvslab.js', 1_000_000);
    expect(run()).toEqual({ code: 3, stdout: 'modules list -x\n' });
  });

  it('the modules when there is no bundle', () => {
    rmSync(path.join(tmp, 'dist', 'bundle', 'lvslab.js'));
    expect(run()).toEqual({ code: 3, stdout: 'modules list -x\n' });
  });
});
