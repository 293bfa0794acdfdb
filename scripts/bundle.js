// Bundles the compiled CLI (dist/cli/main.js and everything it imports, Ink and React included)
// into one ES module, dist/bundle/lvslab.js, which bin/lvslab.js starts when it is at least as new
// as dist/. Why: on Node 20, resolving, reading and compiling Ink's ~200 modules one by one costs
// 400-500 ms before the lab can draw anything; one pre-linked file loads in under 100 ms, which is
// what brings the first frame of `lvslab play` under the 500 ms of issue 7.
// React is bundled in its production build (process.env.NODE_ENV is fixed to "production"), as any
// shipped Ink program runs it. Ink's optional React DevTools hook is replaced by a stub that fails
// the way a missing package does, so DEV=true gets Ink's own explanation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  await build({
    entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
    // Two folders under the root, like dist/scenarios/builtins.js, so that its path to the built-in
    // labs (../../scenarios from the module's own folder) holds in the bundle too.
    outfile: path.join(root, 'dist', 'bundle', 'lvslab.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': path.join(root, 'scripts', 'devtools-absent.js') },
    // CommonJS packages (React) call require() for Node's built-ins; an ES module has none of its own.
    banner: { js: "import { createRequire as lvslabCreateRequire } from 'node:module'; const require = lvslabCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed the errors with their positions.
  process.exitCode = 1;
}
