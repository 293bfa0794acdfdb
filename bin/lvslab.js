#!/usr/bin/env node
// The installed `lvslab` command. `npm run build` (also run by `npm install` through `prepare`)
// compiles src/ to dist/ and then bundles the CLI into dist/bundle/lvslab.js, which loads several
// times faster (scripts/bundle.js says why). The bundle is used only when it is at least as new as
// dist/cli/main.js; after a bare `tsc` it would be stale, so the modules in dist/ run instead.
import { statSync } from 'node:fs';

function entry() {
  const bundle = new URL('../dist/bundle/lvslab.js', import.meta.url);
  const modules = new URL('../dist/cli/main.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(modules).mtimeMs) return bundle.href;
  } catch {
    // No bundle (or no dist at all: the import below then says what is missing).
  }
  return modules.href;
}

import(entry()).then((m) => m.main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
