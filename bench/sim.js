// Headless simulation figures for `npm run bench` (issue 7): the DR lab (dr-basic) scaled to
// 100,000 HTTP requests, one every 1 ms, run (1) with the trace counted but not kept, as
// `lvslab run --quiet` does, and (2) with the full trace kept (the Trace sink, what `lvslab play`
// and `check` need): events per second, and the heap each kept event costs (growth between a
// gc() before and after the run, divided by the events). (2) needs about 230 bytes per event, some
// 6.5 GB at 100,000 requests, so it runs in a child node with a heap sized for it; with too little
// free memory it runs fewer requests and says so.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, load } from './dist.js';
import { drBasicLoaded } from './dr-lab.js';

const { runScenario } = await load('scenarios/run.js');

/** Requests the issue asks for. */
export const DR_REQUESTS = Number(process.env.LVSLAB_BENCH_REQUESTS ?? 100_000);
/** Heap per kept event assumed when sizing the child (measured: about 220 bytes), with slack for the GC. */
const KEPT_BYTES_PER_EVENT = 400;
const EVENTS_PER_REQUEST = 280;

/** dr-basic with `requests` HTTP requests, one every 1 ms. */
export const drScaled = (requests) => drBasicLoaded(requests);

/** Runs the scaled DR lab once; `keep`: with the Trace sink. Heap figures need --expose-gc. */
function runDr(requests, keep) {
  const loaded = drScaled(requests);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: keep });
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  if (r.stats.stop !== 'idle') throw new Error(`the DR lab stopped early (${r.stats.stop}) after ${r.stats.events} events`);
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  const events = r.stats.events;
  if (keep && r.trace.length !== events) throw new Error(`the trace kept ${r.trace.length} of ${events} events`);
  return { requests, events, secs, rate: events / secs, bytesPerEvent: globalThis.gc ? grown / events : undefined };
}

/** (1): trace counted, not kept. */
export function benchHeadless(requests = DR_REQUESTS) {
  runDr(Math.min(requests, 2000), false); // warm-up
  const f = runDr(requests, false);
  console.log(`\nsim:  DR lab, ${fmt(requests)} HTTP requests, trace counted not kept (lvslab run --quiet): ${fmt(f.events)} events in ${f.secs.toFixed(2)} s = ${fmt(f.rate)} events/s`);
  return f;
}

/**
 * (2): the full trace kept, in a child node whose heap fits it. Returns the child's figures plus
 * `scaledFrom` when free memory forced fewer requests, or `error` when the child failed.
 */
export function benchKept(requests = Number(process.env.LVSLAB_BENCH_KEPT_REQUESTS ?? DR_REQUESTS)) {
  const mb = (n) => Math.ceil(n / 2 ** 20);
  const usable = os.freemem() * 0.7;
  let run = requests;
  while (run > 1000 && run * EVENTS_PER_REQUEST * KEPT_BYTES_PER_EVENT > usable) run = Math.floor(run / 2);
  const heapMb = Math.max(2048, mb(run * EVENTS_PER_REQUEST * KEPT_BYTES_PER_EVENT));
  const child = spawnSync(process.execPath, ['--expose-gc', `--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), 'kept', String(run)], {
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`sim:  DR lab with the trace kept: the child failed (status ${child.status}, signal ${child.signal})`);
    return { requests: run, error: `child exited ${child.status ?? child.signal}` };
  }
  const f = JSON.parse(line);
  const scaled = run < requests ? { scaledFrom: requests } : {};
  console.log(
    `sim:  DR lab, ${fmt(run)} HTTP requests, full trace kept (Trace sink; child node, --max-old-space-size=${heapMb}): ${fmt(f.events)} events in ${f.secs.toFixed(2)} s = ${fmt(f.rate)} events/s; ` +
      `${fmt(f.bytesPerEvent)} bytes of heap per kept event${run < requests ? ` (scaled down from ${fmt(requests)} requests: ${fmt(os.freemem() / 2 ** 20)} MB free)` : ''}`,
  );
  return { ...f, ...scaled };
}

if (process.argv[2] === 'kept' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const requests = Number(process.argv[3]);
  runDr(Math.min(requests, 2000), true); // warm-up
  process.stdout.write(`${JSON.stringify(runDr(requests, true))}\n`);
}
