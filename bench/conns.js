// Concurrent-connection figures for `npm run bench` (issue 7, "scale without surprises"):
// bench/scenarios/conn-1m.yaml — one load generator holding 1,000,000 idle connections from
// 10,000 client addresses through a DR director to 100 real servers — run headless in-process
// (trace counted, not kept), as `lvslab run --quiet` does. Printed: wall time, trace events and
// events/s, and the heap the lab holds at the end per connection (after a gc(), growth from before
// the run, so client sockets, server sockets and IPVS entries together). The checkpoint's
// `ipvsadm -L -n --stats` output is compared with the text computed from the lab's parameters
// (bench/scenarios/conns-lab.js: 2 packets and 112 bytes in per connection, nothing out in DR,
// rr's equal shares), not with a previous run. Needs --expose-gc for the heap figure; ~1.3 GB of
// heap fits Node 20's default limit on a 64-bit machine with 8 GB or more (else
// --max-old-space-size=3072).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, load, ROOT } from './dist.js';
import { connsLab, expectedStats } from './scenarios/conns-lab.js';

const { loadScenario } = await load('scenarios/load.js');
const { runScenario } = await load('scenarios/run.js');

/** The lab conn-1m.yaml is (test/scale checks the file against the generator). */
export const CONN_1M = { name: 'conn-1m', clients: 10_000, each: 100, servers: 100, rate: 200_000 };

/** Runs conn-1m.yaml (or `params` written out again, for a smaller trial) and checks its figures. */
export function benchConcurrent(params = CONN_1M) {
  const file = path.join(ROOT, 'bench', 'scenarios', 'conn-1m.yaml');
  const text = params === CONN_1M ? readFileSync(file, 'utf8') : connsLab(params);
  const loaded = loadScenario(text, params === CONN_1M ? 'bench/scenarios/conn-1m.yaml' : `${params.name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  let statsText;
  let established;
  const sink = {
    emit(e) {
      if (e.kind === 'cmd' && e.expect !== undefined && e.line === 'ipvsadm -L -n --stats') statsText = e.output;
      if (e.kind === 'app' && e.msg.id === 'app.conns.done') established = e.msg.params.established;
    },
  };
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [sink], keepTrace: false });
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  // Read after the heap (the lab is still alive then): the director's connection entries.
  const conns = r.built.ipvs.of(r.built.lab.host('director')).state.conns.size;
  const total = params.clients * params.each;
  const want = expectedStats(params);
  const statsOk = statsText === want && conns === total && established === total;
  const bytesPerConn = globalThis.gc ? grown / total : undefined;
  const events = r.stats.events;
  console.log(`\nconcurrent connections: ${fmt(total)} held open (${fmt(params.clients)} clients × ${params.each}, ${params.servers} real servers, DR), headless, trace counted`);
  console.log(`  ${secs.toFixed(2)} s wall, ${fmt(events)} events (${fmt(events / secs)} events/s), run ended by ${r.stats.stop} at ${(r.stats.endNs / 1e9).toFixed(3)} s virtual`);
  console.log(`  heap held by the lab: ${bytesPerConn === undefined ? '(needs --expose-gc)' : `${fmt(grown / 1e6)} MB, ${fmt(bytesPerConn)} bytes per connection (client socket + server socket + IPVS entry)`}`);
  console.log(`  director's entries ${fmt(conns)}, established ${fmt(established ?? 0)}; ipvsadm -L -n --stats ${statsOk ? 'matches' : 'DOES NOT match'} the figures computed from the parameters`);
  if (statsText !== want) console.log(`  got:\n${statsText ?? '(no output: the checkpoint was not reached)'}  want:\n${want}`);
  return { secs, events, conns, bytesPerConn, statsOk, statsText };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const small = process.argv[2] === '--small';
  benchConcurrent(small ? { name: 'conn-100k', clients: 1000, each: 100, servers: 100, rate: 200_000 } : CONN_1M);
}
