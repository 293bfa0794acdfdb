// pcap replay figures for `npm run bench` (issue 7): a capture of one TCP conversation of
// 1,000,000 packets (a client sending 100-byte segments with timestamps, the server acking each
// one, handshake and close included) is written with the project's PcapWriter to a temporary
// folder, then (1) read and planned (readFileSync + planReplay: every frame decoded, the client's
// packets picked) and (2) replayed: a two-host lab whose client replays the capture at a live
// tcp-server, run headless with the trace counted, not kept (the build reads and plans the file
// itself, so (2) includes (1)). When `tshark` is installed, `tshark -r FILE -T fields -e
// frame.number` is timed on the same file and the ratio printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';

const { PcapWriter } = await load('net/pcap/writer.js');
const { planReplay } = await load('net/apps/replay.js');
const { parseIp4, parseMac } = await load('net/wire/addr.js');
const { loadScenario } = await load('scenarios/load.js');
const { runScenario } = await load('scenarios/run.js');

const CLIENT = '10.0.0.10';
const SERVER = '10.0.0.80';
const PORT = 9000;
const GAP_NS = 10_000;
const DATA = new Uint8Array(100).fill(0x61);
const NONE = new Uint8Array(0);
const SYN = 0x002;
const ACK = 0x010;
const PSH = 0x008;
const FIN = 0x001;

/** Writes the conversation of `packets` frames (at least 6) and returns the file's bytes. */
export function conversation(packets) {
  const cMac = parseMac('02:00:00:00:00:0a');
  const sMac = parseMac('02:00:00:00:00:50');
  const c = parseIp4(CLIENT);
  const s = parseIp4(SERVER);
  const cIsn = 1_000_000;
  const sIsn = 3_000_000_000;
  const w = new PcapWriter();
  let t = 0;
  let id = 0;
  const frame = (fromClient, seq, ack, flags, payload, options) => {
    w.writeFrame(t, {
      layer: 'eth', dst: fromClient ? sMac : cMac, src: fromClient ? cMac : sMac, ethertype: 0x0800,
      payload: {
        layer: 'ipv4', tos: 0, id: id++ & 0xffff, df: true, mf: false, fragOffset: 0, ttl: 64, protocol: 6,
        src: fromClient ? c : s, dst: fromClient ? s : c, options: NONE,
        payload: { layer: 'tcp', sport: fromClient ? 40000 : PORT, dport: fromClient ? PORT : 40000, seq: seq >>> 0, ack: ack >>> 0, flags, window: 502, urgent: 0, options, payload },
      },
    });
    t += GAP_NS;
  };
  const ts = (fromClient) => [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval: (fromClient ? 5000 : 9000) + Math.floor(t / 1e6), tsecr: 7 }];
  const synOpts = [{ kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, { kind: 'timestamps', tsval: 5000, tsecr: 0 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }];
  frame(true, cIsn, 0, SYN, NONE, synOpts);
  frame(false, sIsn, cIsn + 1, SYN | ACK, NONE, [{ kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, { kind: 'timestamps', tsval: 9000, tsecr: 5000 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }]);
  frame(true, cIsn + 1, sIsn + 1, ACK, NONE, ts(true));
  let cSeq = cIsn + 1;
  const pairs = (packets - 6) >> 1;
  for (let i = 0; i < pairs; i++) {
    frame(true, cSeq, sIsn + 1, PSH | ACK, DATA, ts(true));
    cSeq += DATA.length;
    frame(false, sIsn + 1, cSeq, ACK, NONE, ts(false));
  }
  if ((packets - 6) % 2 === 1) frame(false, sIsn + 1, cSeq, ACK, NONE, ts(false));
  frame(true, cSeq, sIsn + 1, FIN | ACK, NONE, ts(true));
  frame(false, sIsn + 1, cSeq + 1, FIN | ACK, NONE, ts(false));
  frame(true, cSeq + 1, sIsn + 2, ACK, NONE, ts(true));
  return w.toBytes();
}

const LAB = (file) => `lvslab: 1
name: bench-replay
title: "bench: replay a 1,000,000-packet capture at a live server"
segments: [{ name: lan }]
hosts:
  client:
    interfaces: { eth0: { segment: lan, ip: ${CLIENT}/24 } }
  server:
    interfaces: { eth0: { segment: lan, ip: ${SERVER}/24 } }
    apps: [{ tcp-server: { port: ${PORT} } }]
traffic:
  - { from: client, replay: { file: ${JSON.stringify(file)} }, at: 1ms }
`;

/**
 * Times reading + replaying a `packets`-packet capture, and tshark on the same file when present.
 * Returns seconds for each part, the replay's sent/total, and tshark's seconds (undefined: absent).
 */
export function benchPcapReplay(packets = Number(process.env.LVSLAB_BENCH_PCAP_PACKETS ?? 1_000_000)) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lvslab-bench-pcap-'));
  try {
    const file = path.join(dir, 'conversation.pcap');
    const w0 = performance.now();
    const bytes = conversation(packets);
    writeFileSync(file, bytes);
    const writeSecs = (performance.now() - w0) / 1000;
    console.log(`\npcap: wrote ${fmt(packets)} packets of one TCP conversation (${fmt(bytes.length / 1e6)} MB) with PcapWriter in ${writeSecs.toFixed(2)} s`);

    const r0 = performance.now();
    const plan = planReplay(readFileSync(file), { file });
    const planSecs = (performance.now() - r0) / 1000;
    if (!plan.ok) throw new Error(`planReplay failed on the bench capture: ${JSON.stringify(plan.error)}`);
    if (plan.value.frames !== packets) throw new Error(`planReplay read ${plan.value.frames} frames, not ${packets}`);
    console.log(`pcap: read + plan (readFileSync, readCapture, decode every frame, pick the client's ${fmt(plan.value.packets.length)} packets): ${planSecs.toFixed(2)} s = ${fmt(packets / planSecs)} packets/s`);

    const labFile = path.join(dir, 'replay.yaml');
    writeFileSync(labFile, LAB(file));
    const loaded = loadScenario(readFileSync(labFile, 'utf8'), labFile);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    let done;
    const watch = { emit(e) { if (e.kind === 'app' && e.msg.id === 'replay.done') done = e.msg.params; } };
    const t0 = performance.now();
    const run = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [watch], keepTrace: false });
    const replaySecs = (performance.now() - t0) / 1000;
    if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
    if (done === undefined || done.sent !== plan.value.packets.length) throw new Error(`the replay did not send every client packet: ${JSON.stringify(done)}`);
    console.log(
      `pcap: read + plan + replay at a live tcp-server (headless, trace counted): ${replaySecs.toFixed(2)} s = ${fmt(packets / replaySecs)} capture packets/s ` +
        `(all ${fmt(done.sent)} client packets sent; ${fmt(run.stats.events)} events)`,
    );

    let tsharkSecs;
    if (spawnSync('sh', ['-c', 'command -v tshark']).status === 0) {
      const k0 = performance.now();
      const k = spawnSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number'], { stdio: ['ignore', 'ignore', 'pipe'] });
      tsharkSecs = (performance.now() - k0) / 1000;
      if (k.status !== 0) throw new Error(`tshark failed: ${String(k.stderr)}`);
      console.log(`pcap: tshark -r FILE -T fields -e frame.number: ${tsharkSecs.toFixed(2)} s; ratio tshark / (read + plan) = ${(tsharkSecs / planSecs).toFixed(2)}×, tshark / (read + plan + replay) = ${(tsharkSecs / replaySecs).toFixed(2)}×`);
    } else {
      console.log('pcap: tshark is not installed: the ratio against tshark is skipped');
    }
    return { packets, writeSecs, planSecs, replaySecs, replayEvents: run.stats.events, tsharkSecs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) benchPcapReplay();
