// Lab-screen figures for `npm run bench` (issue 6): the wall time from starting `lvslab play
// dr-basic` in a pseudo-terminal to its first frame on screen, and, on a real DR trace of at least
// 100,000 events, what the screen costs: opening it (the viewer's indexes and the state folds),
// one step (→: reduceView 'next' + buildScreen) and a jump to the end (G: 'last' + buildScreen),
// at 80×24 and at 200×50. The compiled modules come from LVSLAB_BENCH_DIST (default dist/).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
 * Starts `lvslab play dr-basic` under `script` (a pseudo-terminal of cols×rows) and resolves with
 * the milliseconds until the header of the first frame ("step 1/") has been written; then quits
 * the lab with `q`.
 */
function firstFrameMs(cols, rows) {
  const entry = `import(${JSON.stringify(pathToFileURL(path.join(DIST, 'cli/main.js')).href)}).then((m) => m.main(process.argv.slice(1))).then((c) => { process.exitCode = c; })`;
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

// ---- a 100,000-event trace ----------------------------------------------------------------------

/** dr-basic with enough requests (every 1 ms) for at least `target` events: a real run. */
async function drTrace(target) {
  const { loadScenario } = await load('scenarios/load.js');
  const { runScenario } = await load('scenarios/run.js');
  const { builtinDir } = await load('scenarios/builtins.js');
  const yaml = readFileSync(path.join(builtinDir(), 'dr-basic.yaml'), 'utf8');
  let requests = Math.ceil(target / 280);
  for (;;) {
    const text = yaml.replace('count: 4, every: 100ms', `count: ${requests}, every: 1ms`);
    const loaded = loadScenario(text, 'dr-basic (scaled)');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    if (r.trace.events.length >= target) return { trace: r.trace, requests };
    requests = Math.ceil((requests * target * 1.02) / r.trace.events.length);
  }
}

/** Per terminal size: the trace's length and the step and jump figures (ms). */
async function benchScreen() {
  const sizes = new Map();
  const { indexState } = await load('trace/state/index.js');
  const { computeLayout } = await load('ui/layout.js');
  const { buildScreen, listTopFor, packetAt } = await load('ui/screen.js');
  const { initialViewState, labData, reduceView } = await load('ui/view-state.js');

  const target = Number(process.env.LVSLAB_BENCH_UI_EVENTS ?? 100000);
  const { trace, requests } = await drTrace(target);
  const n = trace.events.length;

  // Opening: the viewer's indexes (labData: prev hops, checkpoints) and the state folds' snapshots.
  const opens = [];
  let stateIndex;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    labData(trace);
    stateIndex = indexState(trace);
    opens.push(performance.now() - t0);
  }
  console.log(`ui:   open a ${fmt(n)}-event DR trace (${fmt(requests)} requests): labData + indexState median ${ms(median(opens))} of 5`);

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
      treeKeys: (s) => packetAt(s).rows,
    };
    let state = { ...initialViewState(trace), step: Math.floor(n / 2) };
    let top = listTopFor(state, layout, 0);
    buildScreen(state, screenCtx, layout, top);

    // One step: 2,000 presses of → from the middle, each a new state and a whole screen.
    const steps = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      state = reduceView(state, 'next', ctx);
      top = listTopFor(state, layout, top);
      buildScreen(state, screenCtx, layout, top);
      steps.push(performance.now() - t0);
    }

    // A jump to the end: g (not timed) then G, 20 times; the fold starts from the last snapshot.
    const jumps = [];
    for (let i = 0; i < 20; i++) {
      state = reduceView(state, 'first', ctx);
      top = listTopFor(state, layout, top);
      buildScreen(state, screenCtx, layout, top);
      const t0 = performance.now();
      state = reduceView(state, 'last', ctx);
      top = listTopFor(state, layout, top);
      buildScreen(state, screenCtx, layout, top);
      jumps.push(performance.now() - t0);
    }
    sizes.set(`${cols}×${rows}`, { events: n, stepMedian: median(steps), stepP99: percentile(steps, 99), stepMax: Math.max(...steps), jumpMedian: median(jumps), jumpMax: Math.max(...jumps) });
    if (state.step !== n - 1) throw new Error(`G went to step ${state.step}, not the last (${n - 1})`);
    console.log(
      `ui:   ${cols}×${rows}, ${fmt(n)} events: one step (→, reduceView + buildScreen) median ${ms(median(steps))}, p99 ${ms(percentile(steps, 99))}, ` +
        `max ${ms(Math.max(...steps))}; jump to the end (G) median ${ms(median(jumps))}, max ${ms(Math.max(...jumps))}`,
    );
  }
  return sizes;
}

/** The lab screen's figures (see the header): `firstFrame` (undefined when skipped) and `screen`. */
export async function benchUi() {
  const firstFrame = await benchFirstFrame();
  const screen = await benchScreen();
  return { firstFrame, screen };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchUi();
