// `npm run bench`: the figures the issues ask for, printed as numbers, then a summary table of
// issue 7's targets (what | measured | bar | met). A benchmark, not a test: run it on a quiet
// machine and compare runs made on the same machine. LVSLAB_BENCH_DIST names another compiled tree
// than dist/ (bench/dist.js); LVSLAB_BENCH_REQUESTS, LVSLAB_BENCH_KEPT_REQUESTS and
// LVSLAB_BENCH_PCAP_PACKETS scale the long rows down for a quick look (the bars are for the defaults);
// LVSLAB_BENCH_CONNS=0 skips the 1,000,000-connection lab (a minute or two on its own).
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';
import { printSummary, row, skip } from './summary.js';

const benchStart = performance.now();
const { encodeFrame, encodeFrameInto, decodeFrame } = await load('net/wire/frame.js');
const { parseIp4, parseMac } = await load('net/wire/addr.js');

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

const { benchHeadless, benchKept } = await import('./sim.js');
const headless = benchHeadless();
const kept = benchKept();

const { benchSchedulers, benchConnTable } = await import('./ipvs.js');
const sched = benchSchedulers();
const conn = benchConnTable();

const { benchKeepalived } = await import('./keepalived.js');
benchKeepalived();

const { benchStateFolds } = await import('./state.js');
benchStateFolds();

const { benchSynFlood } = await import('./synflood.js');
const flood = benchSynFlood();

const { benchPcapReplay } = await import('./pcap.js');
const pcap = benchPcapReplay();

const { benchStreaming } = await import('./stream.js');
const stream = await benchStreaming();

const { benchUi } = await import('./ui.js');
const ui = await benchUi();

// The longest section last: 1,000,000 connections held open (LVSLAB_BENCH_CONNS=0 skips it).
const { benchConcurrent } = await import('./conns.js');
const concurrent = process.env.LVSLAB_BENCH_CONNS === '0' ? undefined : benchConcurrent();

// ---- the summary: issue 7's table, row by row ---------------------------------------------------

const perSec = (n, unit) => `${fmt(n)} ${unit}/s`;
row('wire: encode TCP/IPv4/Ethernet frame with options', perSec(encodeRate, 'frames'), '≥ 1,000,000 frames/s', encodeRate >= 1e6);
row('wire: decode TCP/IPv4/Ethernet frame with options', perSec(decodeRate, 'frames'), '≥ 1,000,000 frames/s', decodeRate >= 1e6);
row(`sim: DR lab, ${fmt(headless.requests)} requests, trace counted (run --quiet)`, perSec(headless.rate, 'events'), '≥ 1,000,000 events/s', headless.rate >= 1e6, `${fmt(headless.events)} events in ${headless.secs.toFixed(1)} s`);
if (kept.error !== undefined) skip(`sim: DR lab, ${fmt(kept.requests)} requests, full trace kept`, '≥ 300,000 events/s', kept.error);
else {
  const what = `sim: DR lab, ${fmt(kept.requests)} requests, full trace kept`;
  const note = `${fmt(kept.events)} events in ${kept.secs.toFixed(1)} s; ratio to counted ${(kept.rate / headless.rate).toFixed(2)}${kept.scaledFrom !== undefined ? `; scaled down from ${fmt(kept.scaledFrom)} for free memory` : ''}`;
  row(what, perSec(kept.rate, 'events'), '≥ 300,000 events/s', kept.rate >= 3e5, note);
  row('sim: heap per kept event', kept.bytesPerEvent === undefined ? 'needs --expose-gc' : `${fmt(kept.bytesPerEvent)} bytes`, 'printed', undefined, 'heap growth / events, gc() before and after');
}
const at10k = sched.sizes.indexOf(10000);
for (const [names, bar] of [[['rr', 'wrr', 'dh', 'sh', 'mh', 'fo'], 1e7], [['lc', 'wlc', 'sed', 'nq', 'ovf', 'lblc', 'lblcr'], 1e6]]) {
  for (const name of names) {
    const r = sched.rates.get(name)?.[at10k];
    if (r === undefined) skip(`ipvs: ${name} decisions at 10,000 RS`, `≥ ${fmt(bar)}/s`, 'no such scheduler in the registry');
    else row(`ipvs: ${name} decisions at 10,000 RS`, perSec(r, 'decisions'), `≥ ${fmt(bar)}/s`, r >= bar);
  }
}
row(`ipvs: conn table inserts (${fmt(conn.count)} conns)`, perSec(conn.insertRate, 'inserts'), '≥ 2,000,000/s', conn.insertRate >= 2e6);
row(`ipvs: conn table lookups (${fmt(conn.count)} conns)`, perSec(conn.lookupRate, 'lookups'), '≥ 2,000,000/s', conn.lookupRate >= 2e6);
if (conn.bytesPerConn === undefined) skip('ipvs: conn table memory at 1,000,000 conns', '≤ 250 bytes/conn', 'run node with --expose-gc');
else row('ipvs: conn table memory at 1,000,000 conns', `${fmt(conn.bytesPerConn)} bytes/conn`, '≤ 250 bytes/conn', conn.bytesPerConn <= 250);
row('synflood: 1,000,000 spoofed SYNs, SYNPROXY director', `${flood.big.secs.toFixed(2)} s`, '≤ 3 s', flood.big.secs <= 3, `${fmt(flood.big.syns / flood.big.secs)} SYNs/s`);
if (flood.flat === undefined) skip("synflood: director's memory flat", 'flat', 'run node with --expose-gc');
else {
  const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
  row("synflood: director's memory flat (250k vs 1M SYNs)", `${mb(flood.small.heapGrowth)} → ${mb(flood.big.heapGrowth)}`, 'flat (< 0.75 MB more)', flood.flat, `${flood.big.conns} conn entries at the end`);
}
const pcapWhat = `pcap: read + replay ${fmt(pcap.packets)}-packet capture`;
if (pcap.tsharkSecs === undefined) {
  skip(pcapWhat, '≥ 5× tshark', `tshark is not installed (ours: ${pcap.replaySecs.toFixed(2)} s)`);
} else {
  const ratio = pcap.tsharkSecs / pcap.replaySecs;
  row(pcapWhat, `${pcap.replaySecs.toFixed(2)} s, tshark ${pcap.tsharkSecs.toFixed(2)} s = ${ratio.toFixed(2)}×`, '≥ 5× faster than tshark', ratio >= 5, `read + plan alone ${pcap.planSecs.toFixed(2)} s = ${(pcap.tsharkSecs / pcap.planSecs).toFixed(2)}×`);
}
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
for (const [mode, what] of [['json', 'lvslab run --json into a pipe'], ['pcap', 'lvslab run --pcap DIR']]) {
  const m = stream[mode];
  row(
    `stream: ${what}, heap held at ${fmt(m.small.requests)} → ${fmt(m.large.requests)} requests`,
    `${mib(m.small.heap)} → ${mib(m.large.heap)}`,
    'constant (≤ 2 MB more)',
    m.flat,
    `${mib(m.small.written)} → ${mib(m.large.written)} written; peak RSS ${mib(m.small.rss)} → ${mib(m.large.rss)}`,
  );
}
if (ui.firstFrame === undefined) skip('ui: first frame of lvslab play dr-basic', '≤ 500 ms', '`script` (util-linux) is not installed');
else for (const [size, v] of ui.firstFrame) row(`ui: first frame of lvslab play dr-basic, ${size}`, `${v.toFixed(0)} ms median of 5`, '≤ 500 ms', v <= 500);
for (const [size, v] of ui.screen) {
  row(`ui: one step, ${size}, ${fmt(v.events)}-event trace`, `${v.stepP99.toFixed(2)} ms p99`, '≤ 16 ms', v.stepP99 <= 16, `median ${v.stepMedian.toFixed(2)}, max ${v.stepMax.toFixed(2)}`);
  row(`ui: jump to the end, ${size}, ${fmt(v.events)}-event trace`, `${v.jumpMedian.toFixed(2)} ms median`, '≤ 50 ms', v.jumpMedian <= 50, `max ${v.jumpMax.toFixed(2)}`);
}
if (ui.big === undefined) skip('ui: open a kept 1,000,000-event trace', '≤ 500 ms', 'LVSLAB_BENCH_UI_BIG_EVENTS=0');
else {
  const b = ui.big;
  const perEvent = b.bytesPerEvent === undefined ? 'needs --expose-gc' : `${fmt(b.bytesPerEvent)} B/event kept + ${fmt(b.openBytesPerEvent)} B/event of indexes`;
  row(
    `ui: open a kept ${fmt(b.events)}-event trace (indexes, state checkpoints, first screen)`,
    `${b.openMs.toFixed(0)} ms`,
    '≤ 500 ms',
    b.openMs <= 500,
    `index ${b.openParts.indexMs.toFixed(0)}, state ${b.openParts.stateMs.toFixed(0)}, screen ${b.openParts.screenMs.toFixed(0)} ms; ${perEvent}; simulating it took ${(b.makeMs / 1000).toFixed(2)} s`,
  );
  for (const [size, v] of b.sizes) {
    row(`ui: one step, ${size}, ${fmt(b.events)}-event trace`, `${v.stepP99.toFixed(2)} ms p99`, '≤ 16 ms', v.stepP99 <= 16, `← p99 ${v.backP99.toFixed(2)}`);
    row(`ui: jump to the end, ${size}, ${fmt(b.events)}-event trace`, `${v.jumpMedian.toFixed(2)} ms median`, '≤ 50 ms', v.jumpMedian <= 50, `max ${v.jumpMax.toFixed(2)}`);
  }
}
if (concurrent === undefined) skip('scale: 1,000,000 concurrent connections, 100 RS, 10,000 clients', 'runs; ipvsadm -L -n --stats right', 'LVSLAB_BENCH_CONNS=0');
else {
  const c = concurrent;
  row(
    'scale: 1,000,000 concurrent connections, 100 RS, 10,000 clients, headless',
    `${c.secs.toFixed(1)} s, ${fmt(c.events)} events`,
    'runs; ipvsadm -L -n --stats right',
    c.statsOk,
    `${fmt(c.events / c.secs)} events/s; ${c.bytesPerConn === undefined ? 'heap needs --expose-gc' : `${fmt(c.bytesPerConn)} B of heap per connection`}; director entries ${fmt(c.conns)}`,
  );
}
printSummary();
console.log(`(the whole benchmark took ${((performance.now() - benchStart) / 1000).toFixed(0)} s)`);
