/** Compiles src/ to dist/ (and bundles the CLI) once before the suite, so tests that run the `lvslab` command run this code
 * (LVSLAB_SKIP_BUILD=1 skips it for in-process test runs; the CLI tests then use whatever dist/ holds). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  // Set by engineers running in-process tests while the tree is mid-edit; CI never sets it.
  if (process.env['LVSLAB_SKIP_BUILD'] === '1') return;
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // And bundles it as `npm run build` does, so the command the tests start is the one users run.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], { stdio: 'inherit' });
}
