// Streaming figures for `npm run bench` (issue 7, "Scale without surprises"): `lvslab run --json`
// into a pipe and `lvslab run --pcap DIR` on the DR lab (dr-basic) scaled to a small and a ten
// times larger number of HTTP requests, each run in its own node; the peak resident memory
// (VmHWM) and the heap still in use at the end (after a gc()) of the two sizes are
// compared. Constant memory means the heap the run holds is the same (within 2 MB) while it writes
// ten times the bytes; the peak RSS is printed too (it creeps up by some megabytes with the length of
// any run, --quiet included: garbage that V8 collects lazily, not anything held). Requests come every
// 200 ms, so that what the lab itself holds (connections in TIME_WAIT for 60-120 s) stops growing
// after some 600 requests and the figure is the output's.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DIST, fmt } from './dist.js';
import { drBasicText } from './dr-lab.js';

/** The two sizes compared, in requests (about 280 events each; 500 requests make some 60 MB of JSONL). */
export const STREAM_SIZES = [Number(process.env.LVSLAB_BENCH_STREAM_SMALL ?? 500), Number(process.env.LVSLAB_BENCH_STREAM_LARGE ?? 5000)];
/** Growth of the heap held at the end, from the small to the large run, still called constant. */
export const FLAT_SLACK_BYTES = 2 * 1024 * 1024;

/**
 * Runs `lvslab <args>` in a child node (stdout into a pipe this process drains and counts) and
 * resolves with its exit code, the bytes it wrote to stdout, its peak RSS and the wall time.
 */
function runChild(args) {
  const main = pathToFileURL(path.join(DIST, 'cli/main.js')).href;
  // The peak RSS of this process image: VmHWM (getrusage's maxrss would carry over the RSS of the
  // parent it was forked from, the whole benchmark, across exec).
  const peak = `const peakKb = () => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch { return process.resourceUsage().maxRSS; } };`;
  const entry = `${peak} import(${JSON.stringify(main)}).then((m) => m.main(process.argv.slice(1))).then((c) => { process.exitCode = c; globalThis.gc(); process.stderr.write('\\nmaxrss ' + peakKb() + ' heap ' + process.memoryUsage().heapUsed + '\\n'); })`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--expose-gc', '-e', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /maxrss (\d+) heap (\d+)/.exec(err);
      if (code !== 0 || m === null) reject(new Error(`lvslab ${args.join(' ')} failed (${code}):\n${err}`));
      else resolve({ bytes, rss: Number(m[1]) * 1024, heap: Number(m[2]), secs: (performance.now() - t0) / 1000 });
    });
  });
}

function scenarioFile(dir, requests) {
  const file = path.join(dir, `dr-${requests}.yaml`);
  writeFileSync(file, drBasicText(requests, '200ms'));
  return file;
}

const dirBytes = (dir) => readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Per mode (json into a pipe, pcap): both runs' figures, the growth of the heap held, and whether that is flat. */
export async function benchStreaming() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lvslab-bench-stream-'));
  try {
    const modes = {};
    for (const mode of ['json', 'pcap']) {
      const runs = [];
      for (const requests of STREAM_SIZES) {
        const file = scenarioFile(dir, requests);
        const out = path.join(dir, `pcap-${requests}`);
        const r = await runChild(mode === 'json' ? ['run', file, '--json'] : ['run', file, '--quiet', '--pcap', out]);
        const written = mode === 'json' ? r.bytes : dirBytes(out);
        if (mode === 'pcap') rmSync(out, { recursive: true, force: true });
        runs.push({ requests, written, rss: r.rss, heap: r.heap, secs: r.secs });
        console.log(`stream: lvslab run --${mode} on dr-basic × ${fmt(requests)} requests: ${mb(written)} written in ${r.secs.toFixed(2)} s, heap held at the end ${mb(r.heap)}, peak RSS ${mb(r.rss)}`);
      }
      const [small, large] = runs;
      modes[mode] = { small, large, heapGrowth: large.heap - small.heap, flat: large.heap - small.heap <= FLAT_SLACK_BYTES };
    }
    return modes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
