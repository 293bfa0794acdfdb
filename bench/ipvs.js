// IPVS figures for `npm run bench`: scheduling decisions per second for every scheduler at 10, 1,000
// and 10,000 real servers (through the public scheduler API), and the connection table's inserts,
// lookups and memory per connection at 1,000,000 connections.
// Each function returns its figures for the closing summary.
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';

const { addDest, createSchedEnv, createService, schedule, setDestCounters } = await load('ipvs/api.js');
const { schedulerNames } = await load('ipvs/sched/registry.js');
const { ConnTable, IpvsConn } = await load('ipvs/conn.js');

/** Decisions per second: `calls` new connections from distinct clients (ms budget bounded). */
function schedRate(svc, env, budgetMs = 400) {
  let calls = 0;
  let client = 0x0a000000;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < 256; i++) {
      client = (client + 1) >>> 0;
      schedule(svc, { caddr: client, cport: 1024 + (client & 0x7fff), vaddr: 0xc0a80164 + (client & 0xff) }, env);
    }
    calls += 256;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

/** A service with `n` real servers of weights 1..5 and a spread of connection counts. */
function buildService(name, n) {
  const svc = createService({ scheduler: name, vaddr: '192.168.1.100', vport: 80 });
  for (let i = 0; i < n; i++) {
    const d = addDest(svc, { daddr: 0x0a010000 + i, dport: 80, weight: 1 + (i % 5) });
    setDestCounters(d, { activeConns: (i * 7) % 13, inactConns: (i * 11) % 17 });
  }
  return svc;
}

/** Decisions per second: a Map from scheduler name to its rates at 10, 1,000 and 10,000 real servers. */
export function benchSchedulers() {
  const sizes = [10, 1000, 10000];
  const rates = new Map();
  console.log(`\nipvs: scheduling decisions per second (new connections from distinct clients)`);
  console.log(`  ${'scheduler'.padEnd(9)} ${sizes.map((n) => `${fmt(n).padStart(7)} RS`.padStart(14)).join('')}`);
  for (const name of schedulerNames()) {
    const perSize = sizes.map((n) => schedRate(buildService(name, n), createSchedEnv(1, 0)));
    rates.set(name, perSize);
    console.log(`  ${name.padEnd(9)} ${perSize.map((r) => fmt(r).padStart(14)).join('')}`);
  }
  return { sizes, rates };
}

/** Inserts/s, lookups/s and heap bytes per connection (undefined without --expose-gc). */
export function benchConnTable(count = 1_000_000) {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const table = new ConnTable();
  const conns = new Array(count);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const caddr = 0xcb000000 + (i >>> 8);
    const cp = IpvsConn.alloc({ protocol: 6, caddr, cport: 1024 + (i & 0xff), vaddr: 0xc0a80164, vport: 80 }, 0x0a000002 + (i & 7), 80, 0);
    table.hash(cp);
    conns[i] = cp;
  }
  const insertSecs = (performance.now() - t0) / 1000;
  globalThis.gc?.();
  const bytes = process.memoryUsage().heapUsed - before - count * 8; // minus the benchmark's own array of references
  let found = 0;
  const t1 = performance.now();
  for (let i = 0; i < count; i++) {
    const caddr = 0xcb000000 + (i >>> 8);
    if (table.inGet(6, caddr, 1024 + (i & 0xff), 0xc0a80164, 80) !== null) found++;
  }
  const lookupSecs = (performance.now() - t1) / 1000;
  if (found !== count) throw new Error(`lookup found ${found} of ${count}`);
  console.log(`\nipvs: connection table with ${fmt(count)} TCP connections`);
  console.log(`  inserts (create + hash): ${fmt(count / insertSecs)} /s`);
  console.log(`  lookups (ip_vs_conn_in_get, all hits): ${fmt(count / lookupSecs)} /s`);
  console.log(`  memory: ${globalThis.gc ? fmt(bytes / count) : '(run node with --expose-gc for this figure)'} bytes per connection (heap growth / count)`);
  return { count: conns.length, insertRate: count / insertSecs, lookupRate: count / lookupSecs, bytesPerConn: globalThis.gc ? bytes / count : undefined };
}
