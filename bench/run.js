// `npm run bench`: the figures the issues ask for, printed as numbers. A benchmark, not a test:
// run it on a quiet machine and compare runs made on the same machine.
// LVSLAB_BENCH_DIST names another compiled tree than dist/ (for this file and bench/ui.js).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.env.LVSLAB_BENCH_DIST ?? 'dist');
const load = (rel) => import(pathToFileURL(path.join(DIST, rel)).href);
const { encodeFrame, encodeFrameInto, decodeFrame } = await load('net/wire/frame.js');
const { parseIp4, parseMac } = await load('net/wire/addr.js');
const { loadScenario } = await load('scenarios/load.js');
const { runScenario } = await load('scenarios/run.js');
const { builtinDir } = await load('scenarios/builtins.js');

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Runs `fn` repeatedly for about `ms` of wall time (after a warm-up) and returns operations per second. */
function rate(fn, ms = 1500) {
  const warm = performance.now();
  while (performance.now() - warm < 300) fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) fn();
    ops += 1000;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

const PAYLOAD = new Uint8Array(100);

function tcpFrame(seq) {
  return {
    layer: 'eth',
    dst: parseMac('02:00:00:00:03:01'),
    src: parseMac('02:00:00:00:02:01'),
    ethertype: 0x0800,
    payload: {
      layer: 'ipv4', tos: 0, id: seq & 0xffff, df: true, mf: false, fragOffset: 0, ttl: 64, protocol: 6,
      src: parseIp4('203.0.113.10'), dst: parseIp4('192.168.1.100'), options: new Uint8Array(0),
      payload: {
        layer: 'tcp', sport: 40000, dport: 80, seq, ack: 0, flags: 0x002, window: 64240, urgent: 0,
        options: [
          { kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, { kind: 'timestamps', tsval: seq, tsecr: 0 },
          { kind: 'nop' }, { kind: 'wscale', shift: 7 },
        ],
        payload: PAYLOAD,
      },
    },
  };
}

console.log('lvslab benchmarks (one core; figures vary with the machine)\n');

const values = Array.from({ length: 4096 }, (_, i) => tcpFrame(i));
const out = new Uint8Array(2048);
let n = 0;
const encodeRate = rate(() => encodeFrameInto(values[n++ & 4095], out, 0));
console.log(`wire: encode TCP/IPv4/Ethernet frame with options (174 bytes, checksums computed): ${fmt(encodeRate)} frames/s`);
let m = 0;
const freshRate = rate(() => encodeFrame(tcpFrame(m++)));
console.log(`wire: build a fresh frame value and encode it (memoised bytes allocated):  ${fmt(freshRate)} frames/s`);
const bytes = encodeFrame(tcpFrame(1));
const decodeRate = rate(() => decodeFrame(bytes));
console.log(`wire: decode TCP/IPv4/Ethernet frame with options, checksums verified:      ${fmt(decodeRate)} frames/s`);

const requests = Number(process.env.LVSLAB_BENCH_REQUESTS ?? 10000);
const text = readFileSync(`${builtinDir()}/dr-basic.yaml`, 'utf8').replace('count: 4, every: 100ms', `count: ${requests}, every: 1ms`);
const loaded = loadScenario(text, 'dr-basic (scaled)');
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
let events = 0;
const counter = { emit() { events++; } };
const t0 = performance.now();
const result = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [counter], keepTrace: false });
const secs = (performance.now() - t0) / 1000;
if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
console.log(`sim:  DR lab, ${fmt(requests)} HTTP requests, trace counted not kept: ${fmt(events)} events in ${secs.toFixed(2)} s = ${fmt(events / secs)} events/s`);

const { benchSchedulers, benchConnTable } = await import('./ipvs.js');
benchSchedulers();
benchConnTable();

const { benchKeepalived } = await import('./keepalived.js');
benchKeepalived();

const { benchStateFolds } = await import('./state.js');
benchStateFolds();

const { benchUi } = await import('./ui.js');
await benchUi();
