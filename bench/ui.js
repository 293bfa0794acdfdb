// Lab-screen figures for `npm run bench` (issues 6 and 7): the wall time from starting `lvslab play
// dr-basic` in a pseudo-terminal to its first frame on screen, and, on real DR traces of at least
// 100,000 and 1,000,000 events, what the screen costs: making the trace (time, heap per kept
// event), opening the lab on it (the viewer's trace index, the state folds' checkpoints, the first
// screen), one step (→: reduceView 'next' + buildScreen), a jump to the end (G: 'last' +
// buildScreen) and a search (`/` filter Enter, then n), at 80×24 and at 200×50. The compiled
// modules come from LVSLAB_BENCH_DIST (default dist/); heap figures need --expose-gc.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, fmt, load } from './dist.js';

const ms = (n) => `${n.toFixed(2)} ms`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

// ---- start to first frame ---------------------------------------------------------------------

const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;

/**
 * What `lvslab` runs (bin/lvslab.js): the bundle of the CLI when `npm run build` made one at least
 * as new as the modules, else the modules themselves.
 */
export function firstFrameEntry() {
  const modules = path.join(DIST, 'cli/main.js');
  const bundle = path.join(DIST, 'bundle/lvslab.js');
  return existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(modules).mtimeMs ? bundle : modules;
}

/**
 * Starts `lvslab play dr-basic` under `script` (a pseudo-terminal of cols×rows) and resolves with
 * the milliseconds until the header of the first frame ("step 1/") has been written; then quits
 * the lab with `q`.
 */
function firstFrameMs(cols, rows) {
  const entry = `import(${JSON.stringify(pathToFileURL(firstFrameEntry()).href)}).then((m) => m.main(process.argv.slice(1))).then((c) => { process.exitCode = c; })`;
  const quoted = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = `stty cols ${cols} rows ${rows}; exec ${quoted(process.execPath)} -e ${quoted(entry)} play dr-basic`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let took;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk) => {
      if (took !== undefined) return;
      seen += chunk.toString('utf8');
      if (/step 1\/\d/.test(seen.replace(ESCAPES, ''))) {
        took = performance.now() - t0;
        child.stdin.write('q');
      }
    });
    child.on('exit', () => {
      clearTimeout(guard);
      if (took === undefined) reject(new Error(`lvslab play dr-basic showed no first frame; it wrote:\n${seen.replace(ESCAPES, '')}`));
      else resolve(took);
    });
  });
}

/** Median ms to the first frame per terminal size ('80×24' → ms); undefined without `script`. */
async function benchFirstFrame() {
  if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) {
    console.log('ui:   start to first frame: skipped (`script` from util-linux is not installed)');
    return undefined;
  }
  const medians = new Map();
  for (const [cols, rows] of [[80, 24], [200, 50]]) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await firstFrameMs(cols, rows));
    medians.set(`${cols}×${rows}`, median(runs));
    console.log(
      `ui:   start to first frame, lvslab play dr-basic in a ${cols}×${rows} pty: median ${ms(median(runs))} of 5 ` +
        `(min ${ms(Math.min(...runs))}, max ${ms(Math.max(...runs))}; node start-up, the run of the lab, Ink's first render)`,
    );
  }
  return medians;
}

// ---- a 100,000-event and a 1,000,000-event trace -------------------------------------------------

/** dr-basic scaled to `requests` HTTP requests (every 1 ms), run once with the trace kept. */
async function drRun(requests) {
  const { runScenario } = await load('scenarios/run.js');
  const { drBasicLoaded } = await import('./dr-lab.js');
  const loaded = drBasicLoaded(requests);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  const makeMs = performance.now() - t0;
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  const n = r.trace.events.length;
  return { trace: r.trace, requests, makeMs, bytesPerEvent: globalThis.gc ? grown / n : undefined };
}

/**
 * dr-basic with enough requests (every 1 ms) for at least `target` events: a real run. The
 * request count comes from a small run's events per request; the figures are the last run's.
 */
async function drTrace(target) {
  const probe = await drRun(50);
  let requests = Math.ceil((target * 50 * 1.01) / probe.trace.events.length);
  for (;;) {
    const run = await drRun(requests);
    if (run.trace.events.length >= target) return run;
    requests = Math.ceil((requests * target * 1.02) / run.trace.events.length);
  }
}

/**
 * Opening the lab on `trace`, as LabApp does before its first frame: the view state (its trace
 * index), the state folds' checkpoints, the list window and the first screen.
 */
async function openLab(trace, layout) {
  const { indexState } = await load('trace/state/index.js');
  const { buildScreen, listTopFor } = await load('ui/screen.js');
  const { initialViewState } = await load('ui/view-state.js');
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const state = initialViewState(trace);
  const t1 = performance.now();
  const stateIndex = indexState(trace);
  const t2 = performance.now();
  const top = listTopFor(state, layout, 0);
  buildScreen(state, { quizzes: new Map(), stateIndex }, layout, top);
  const t3 = performance.now();
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  return { state, stateIndex, ms: t3 - t0, indexMs: t1 - t0, stateMs: t2 - t1, screenMs: t3 - t2, bytes: globalThis.gc ? grown : undefined };
}

/**
 * The figures of one trace of at least `target` events: making it (ms, heap bytes per kept
 * event), opening the lab on it (median of `opens`), and per terminal size one step, a jump to
 * the end and a search jump (`/` filter Enter, then n).
 */
async function benchTrace(target, opens) {
  const { computeLayout } = await load('ui/layout.js');
  const { buildScreen, listTopFor, packetAt } = await load('ui/screen.js');
  const { initialViewState, reduceView } = await load('ui/view-state.js');

  const made = await drTrace(target);
  const { trace, requests } = made;
  const n = trace.events.length;
  const perEvent = made.bytesPerEvent === undefined ? '' : `, ${fmt(made.bytesPerEvent)} bytes of heap per kept event`;
  console.log(`ui:   made a ${fmt(n)}-event DR trace (${fmt(requests)} requests, trace kept) in ${ms(made.makeMs)}${perEvent}`);

  const openRuns = [];
  let opened;
  for (let i = 0; i < opens; i++) {
    opened = undefined;
    opened = await openLab(trace, computeLayout(80, 24));
    openRuns.push(opened);
  }
  const byMs = [...openRuns].sort((a, b) => a.ms - b.ms);
  const open = byMs[byMs.length >> 1];
  const openBytes = open.bytes === undefined ? '' : `; the indexes and checkpoints hold ${fmt(open.bytes / 2 ** 20)} MB (${fmt(open.bytes / n)} bytes per event)`;
  console.log(
    `ui:   open the lab on it (80×24: trace index, state checkpoints, first screen): median ${ms(open.ms)} of ${opens} ` +
      `(index ${ms(open.indexMs)}, state ${ms(open.stateMs)}, first screen ${ms(open.screenMs)})${openBytes}`,
  );
  const { stateIndex } = opened;

  const sizes = new Map();
  // No quiz pending: the student has answered, so → and G are not held at the checkpoint.
  const screenCtx = { quizzes: new Map(), stateIndex };
  for (const [cols, rows] of [[80, 24], [200, 50]]) {
    const layout = computeLayout(cols, rows);
    const ctx = {
      quizzes: new Map(),
      hosts: trace.meta.hosts,
      checkCommand: () => undefined,
      canRerun: false,
      pageRows: layout.listRows,
      wide: layout.wide,
      treeKeys: (s) => packetAt(s).rows,
    };
    const show = (s, previousTop) => {
      const t = listTopFor(s, layout, previousTop);
      buildScreen(s, screenCtx, layout, t);
      return t;
    };
    let state = { ...initialViewState(trace), step: Math.floor(n / 2) };
    let top = show(state, 0);

    // One step: 2,000 presses of → from the middle, each a new state and a whole screen.
    const steps = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      state = reduceView(state, 'next', ctx);
      top = show(state, top);
      steps.push(performance.now() - t0);
    }

    // One step back: 2,000 presses of ← (the fold starts again from the checkpoint before).
    const backs = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      state = reduceView(state, 'prev', ctx);
      top = show(state, top);
      backs.push(performance.now() - t0);
    }

    // A jump to the end: g (not timed) then G, 20 times; the fold starts from the last checkpoint.
    const jumps = [];
    for (let i = 0; i < 20; i++) {
      state = reduceView(state, 'first', ctx);
      top = show(state, top);
      const t0 = performance.now();
      state = reduceView(state, 'last', ctx);
      top = show(state, top);
      jumps.push(performance.now() - t0);
    }
    if (state.step !== n - 1) throw new Error(`G went to step ${state.step}, not the last (${n - 1})`);

    // A search: / SYN filter Enter (the filter runs over every frame), then n 200 times.
    state = reduceView(state, 'first', ctx);
    top = show(state, top);
    const key = (input) => ({ type: 'key', input, key: {} });
    state = reduceView(state, 'search', ctx);
    state = reduceView(state, { type: 'edit', edit: { type: 'insert', text: 'tcp.flags.syn == 1 && tcp.flags.ack == 0' } }, ctx);
    const s0 = performance.now();
    state = reduceView(state, { type: 'submit' }, ctx);
    top = show(state, top);
    const searchMs = performance.now() - s0;
    const matches = state.search?.steps.length ?? 0;
    if (matches === 0) throw new Error('the search found no SYN');
    const nexts = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      state = reduceView(state, key('n'), ctx);
      top = show(state, top);
      nexts.push(performance.now() - t0);
    }
    state = reduceView(state, 'escape', ctx);

    const f = {
      events: n,
      stepMedian: median(steps),
      stepP99: percentile(steps, 99),
      stepMax: Math.max(...steps),
      backMedian: median(backs),
      backP99: percentile(backs, 99),
      jumpMedian: median(jumps),
      jumpMax: Math.max(...jumps),
      searchMs,
      searchMatches: matches,
      nextMatchMedian: median(nexts),
      nextMatchP99: percentile(nexts, 99),
    };
    sizes.set(`${cols}×${rows}`, f);
    console.log(
      `ui:   ${cols}×${rows}, ${fmt(n)} events: one step (→, reduceView + buildScreen) median ${ms(f.stepMedian)}, p99 ${ms(f.stepP99)}, ` +
        `max ${ms(f.stepMax)}; one step back (←) median ${ms(f.backMedian)}, p99 ${ms(f.backP99)}; jump to the end (G) median ${ms(f.jumpMedian)}, max ${ms(f.jumpMax)}; ` +
        `search (/ SYN Enter, ${fmt(matches)} matches) ${ms(searchMs)}, then n median ${ms(f.nextMatchMedian)}, p99 ${ms(f.nextMatchP99)}`,
    );
  }
  return {
    events: n,
    requests,
    makeMs: made.makeMs,
    bytesPerEvent: made.bytesPerEvent,
    openMs: open.ms,
    openParts: { indexMs: open.indexMs, stateMs: open.stateMs, screenMs: open.screenMs },
    openBytesPerEvent: open.bytes === undefined ? undefined : open.bytes / n,
    sizes,
  };
}

/**
 * The lab screen's figures (see the header): `firstFrame` (undefined when skipped); `screen`, the
 * per-size figures on the 100,000-event trace (as before); `trace`, everything about that trace
 * (make time, bytes per kept event, open time …); `big`, the same on the 1,000,000-event trace
 * (LVSLAB_BENCH_UI_BIG_EVENTS; 0 skips it). LVSLAB_BENCH_UI_FIRST_FRAME=0 skips the first frame.
 */
export async function benchUi() {
  const firstFrame = process.env.LVSLAB_BENCH_UI_FIRST_FRAME === '0' ? undefined : await benchFirstFrame();
  const trace = await benchTrace(Number(process.env.LVSLAB_BENCH_UI_EVENTS ?? 100_000), 5);
  const bigTarget = Number(process.env.LVSLAB_BENCH_UI_BIG_EVENTS ?? 1_000_000);
  const big = bigTarget > 0 ? await benchTrace(bigTarget, 3) : undefined;
  return { firstFrame, screen: trace.sizes, trace, big };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchUi();
