// Where `npm run bench` takes the compiled modules from: dist/, or the tree LVSLAB_BENCH_DIST names
// (a private build, `npx tsc -p tsconfig.build.json --outDir .labcli/<you>/dist`). Every section
// loads through here so that one variable moves the whole benchmark.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled tree the benchmark measures. */
export const DIST = path.resolve(ROOT, process.env.LVSLAB_BENCH_DIST ?? 'dist');

/** Imports a compiled module by its path under the tree, e.g. `load('ipvs/api.js')`. */
export const load = (rel) => import(pathToFileURL(path.join(DIST, rel)).href);

/** A whole number with thousands separators. */
export const fmt = (n) => Math.round(n).toLocaleString('en-US');
