// SYN flood figures for `npm run bench` (issue 7): synproxy-flood's lab (a SYNPROXY director, `-j
// enable`) with its attacker sending N spoofed SYNs within 1 s from 198.51.100.0/24, written as a
// scenario in a temporary folder and run headless (trace counted, not kept) until 100 ms after the
// flood, with the lab still alive when the heap is read. Time for N = 1,000,000, and the heap the
// lab holds after a gc() (growth from before the run): for N = 250,000 and 1,000,000, "flat" means
// the second does not grow with the SYNs (SYNPROXY keeps no state for a SYN it answers).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';

const { loadScenario } = await load('scenarios/load.js');
const { runScenario } = await load('scenarios/run.js');
const { builtinDir } = await load('scenarios/builtins.js');

/** Heap growth allowed from 250k to 1M SYNs for "flat": under one byte per extra SYN. */
export const FLAT_SLACK_BYTES = 750_000;

/** synproxy-flood without its checkpoints, flooding `syns` SYNs in 1 s. */
function floodLab(syns) {
  const text = readFileSync(path.join(builtinDir(), 'synproxy-flood.yaml'), 'utf8');
  const lab = text.slice(0, text.indexOf('\ncheckpoints:')).replace('rate: 200/s, for: 500ms', `rate: ${syns}/s, for: 1s`);
  if (!lab.includes(`rate: ${syns}/s`)) throw new Error('synproxy-flood.yaml no longer has the flood this benchmark rewrites');
  return `${lab}\n`;
}

function runFlood(dir, syns) {
  const file = path.join(dir, `synflood-${syns}.yaml`);
  writeFileSync(file, floodLab(syns));
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  let synAcks = 0;
  const sink = { emit(e) { if (e.kind === 'app' && e.msg.id === 'app.synflood.done') synAcks = e.msg.params.sent; } };
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: 1_101_000_000, sinks: [sink], keepTrace: false });
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  if (synAcks !== syns) throw new Error(`the flood sent ${synAcks} SYNs, not ${syns} (stop: ${r.stats.stop})`);
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  // Read after the heap (the lab is still alive then): the director's connection entries.
  const conns = r.built.ipvs.of(r.built.lab.host('director')).state.conns.size;
  return { syns, secs, events: r.stats.events, heapGrowth: globalThis.gc ? grown : undefined, conns };
}

/** Seconds and heap growth for 250,000 and 1,000,000 SYNs, and whether the heap stayed flat. */
export function benchSynFlood() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lvslab-bench-flood-'));
  try {
    runFlood(dir, 20_000); // warm-up
    const small = runFlood(dir, 250_000);
    const big = runFlood(dir, 1_000_000);
    const mb = (b) => (b === undefined ? '(needs --expose-gc)' : `${(b / 1e6).toFixed(2)} MB`);
    console.log(`\nsynflood: SYNPROXY director, spoofed SYNs within 1 s (headless, trace counted)`);
    for (const f of [small, big]) {
      console.log(`  ${fmt(f.syns).padStart(9)} SYNs: ${f.secs.toFixed(2)} s (${fmt(f.syns / f.secs)} SYNs/s, ${fmt(f.events)} events); heap held by the lab after the flood ${mb(f.heapGrowth)}, director's connection entries ${fmt(f.conns)}`);
    }
    const flat = small.heapGrowth === undefined || big.heapGrowth === undefined ? undefined : big.heapGrowth - small.heapGrowth < FLAT_SLACK_BYTES;
    return { small, big, flat };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
