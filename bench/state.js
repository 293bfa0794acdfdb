// State-fold figures for `npm run bench` (src/trace/state): on a DR trace of about 100,000
// events, the time to index it (one fold with snapshots, what `lvslab play` does on open) and the
// worst time of `stateAt` (a jump to the step just before the next snapshot), for several
// snapshot intervals, with the table entries the snapshots keep (unchanged tables are shared).
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';
import { drBasicLoaded } from './dr-lab.js';

const { runScenario } = await load('scenarios/run.js');
const { indexState, stateAt } = await load('trace/state/index.js');
const { renderStateView } = await load('scenarios/views/index.js');
const ms = (n) => `${n.toFixed(2)} ms`;

/** Map entries the snapshots keep, each shared table counted once (what the memory grows with). */
function keptEntries(index) {
  const seen = new Set();
  let entries = 0;
  for (const s of index.snapshots) {
    for (const h of s.hosts.values()) {
      for (const table of [h.services, h.conns, h.neigh, h.vrrp, h.links, h.addrs, h.routes]) {
        if (seen.has(table)) continue;
        seen.add(table);
        entries += table.size;
      }
    }
  }
  return entries;
}

/** A DR-lab trace of about `target` events. */
function drTrace(target) {
  const requests = Math.ceil(target / 280);
  const loaded = drBasicLoaded(requests);
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.trace;
}

/** Per snapshot interval: index ms, worst jump ms, one step ms. */
export function benchStateFolds() {
  const figures = [];
  const trace = drTrace(Number(process.env.LVSLAB_BENCH_STATE_EVENTS ?? 100000));
  const n = trace.length;
  indexState(trace, 512);
  for (const every of [128, 256, 512, 1024, 2048]) {
    let index;
    let indexMs = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      index = indexState(trace, every);
      indexMs = Math.min(indexMs, performance.now() - t0);
    }
    const kept = keptEntries(index);
    // Worst case: the step just before a snapshot, asked cold (no previous answer to continue
    // from); about 50 snapshot gaps sampled (snapshots are spaced by cost, not at k·every).
    let worst = 0;
    let total = 0;
    let asks = 0;
    const snaps = index.snapshots;
    for (let j = 1; j < snaps.length; j += Math.max(1, Math.floor(snaps.length / 50))) {
      const step = Math.max(0, Math.min(n - 1, snaps[j].step - 1));
      let d = Infinity;
      for (let r = 0; r < 3; r++) {
        index.last = undefined;
        const s0 = performance.now();
        const state = stateAt(index, step);
        renderStateView('conns', state, 'director', trace.events[step].t);
        d = Math.min(d, performance.now() - s0);
      }
      worst = Math.max(worst, d);
      total += d;
      asks++;
    }
    // One step forward from the previous answer (what the → key does).
    index.last = undefined;
    stateAt(index, Math.floor(n / 2));
    const s1 = performance.now();
    for (let i = 1; i <= 1000; i++) stateAt(index, Math.floor(n / 2) + i);
    const stepMs = (performance.now() - s1) / 1000;
    figures.push({ every, indexMs, worstJumpMs: worst, stepMs });
    console.log(
      `state: fold ${fmt(n)} DR events, snapshot every ${String(every).padStart(4)}: index ${ms(indexMs)} (${fmt(index.snapshots.length)} snapshots, ${fmt(kept)} table entries kept); ` +
        `worst jump + ipvsadm -L -n -c view ${ms(worst)} (mean ${ms(total / asks)}); one step forward ${ms(stepMs)}`,
    );
  }
  return figures;
}
