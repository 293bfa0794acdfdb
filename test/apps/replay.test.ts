/**
 * `replay` traffic: reading the shipped captures (pcap and pcapng), choosing the client, the
 * re-addressing and the ack shift against a live server (a crafted capture), errors with byte
 * offsets, the scenario wiring (errors at the `file` key) and the replay-http lab's frames.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FakeNet, FakeSim, eventsOf, flagsOf } from '../tcp/fake-net.js';
import { planReplay, startApp, startReplay, shiftSegment, REPLAY_STALL_WAIT, type ReplayPlan } from '../../src/net/apps/index.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { PcapWriter } from '../../src/net/pcap/writer.js';
import { decodeIpv4, encodeIpv4 } from '../../src/net/wire/frame.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { EthernetFrame, Ipv4Packet, TcpOption, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import { MS, SEC } from '../../src/net/types.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { buildLab } from '../../src/scenarios/build.js';
import { runScenario } from '../../src/scenarios/run.js';
import { render } from '../../src/i18n/index.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { ROOT, loadBuiltin } from '../e2e/helpers.js';

const ip = (t: string): number => parseIp4(t) as number;
const FIXTURES = path.join(ROOT, 'fixtures', 'pcaps');
const PCAP = readFileSync(path.join(FIXTURES, 'http-get.pcap'));
const PCAPNG = readFileSync(path.join(FIXTURES, 'http-get.pcapng'));

function planOf(bytes: Uint8Array, opts: Partial<Parameters<typeof planReplay>[1]> = {}): ReplayPlan {
  const r = planReplay(bytes, { file: 'x.pcap', ...opts });
  if (!r.ok) throw new Error(render(r.error.msg));
  return r.value;
}

function errorOf(bytes: Uint8Array, opts: Partial<Parameters<typeof planReplay>[1]> = {}): { id: string; text: string; offset: number | undefined } {
  const r = planReplay(bytes, { file: 'x.pcap', ...opts });
  if (r.ok) throw new Error('expected an error');
  return { id: r.error.msg.id, text: render(r.error.msg), offset: r.error.offset };
}

describe('the shipped captures (made by fixtures/pcaps/src/http-get.yaml)', () => {
  it('pcap and pcapng give the same 7 client packets of 18 frames, at the same times', () => {
    const a = planOf(PCAP);
    const b = planOf(PCAPNG);
    for (const p of [a, b]) {
      expect(p.frames).toBe(18);
      expect(p.client).toBe(ip('10.0.0.10'));
      expect(p.server).toBe(ip('10.0.0.80'));
      expect(p.to).toBe(ip('10.0.0.80'));
      expect(p.packets.map((x) => x.frame)).toEqual([3, 5, 6, 12, 13, 14, 15]);
    }
    expect(b.packets.map((x) => x.rel)).toEqual(a.packets.map((x) => x.rel));
    expect(a.packets.map((x) => x.rel)).toEqual([0, 100_000, 100_000, 200_000, 200_000, 200_000, 200_000]);
    expect(b.packets.map((x) => encodeIpv4(x.ip))).toEqual(a.packets.map((x) => encodeIpv4(x.ip)));
    // The captured server's ISN comes from its SYN-ACK (frame 4: seq 1472263656, TSval 1179785835).
    const flow = a.packets[0]?.flow;
    expect(flow?.capIsn).toBe(1472263656);
    expect(flow?.capTsval).toBe(1179785835);
    expect(a.packets.every((x) => x.flow === flow)).toBe(true);
  });

  it('are what the fixture scenario produces today (regenerate them as fixtures/pcaps/README.md says)', () => {
    const file = path.join(FIXTURES, 'src', 'http-get.yaml');
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error('load');
    const w = new PcapWriter();
    const run = runScenario(loaded.scenario, {
      seed: undefined,
      untilNs: undefined,
      keepTrace: false,
      sinks: [{ emit: (e: TraceEvent) => e.kind === 'tx' && e.segment === 'lan' && w.writeFrame(e.t, e.frame) }],
    });
    expect(run.ok).toBe(true);
    expect(Buffer.from(w.toBytes()).equals(PCAP)).toBe(true);
  });

  it('an explicit client that is not in the capture is an error', () => {
    expect(errorOf(PCAP, { client: ip('10.0.0.99') })).toMatchObject({ id: 'replay.file.noClient' });
  });
});

describe('bad capture bytes: one error with the byte offset, never an exception', () => {
  it('a truncated file header', () => {
    const e = errorOf(PCAP.subarray(0, 20));
    expect(e).toMatchObject({ id: 'replay.file.bad', offset: 0 });
    expect(e.text).toBe('x.pcap is not a capture lvslab can read: at byte 0: pcap file header truncated: 20 bytes of 24');
  });

  it('a wrong magic number', () => {
    const b = Uint8Array.from(PCAP);
    b[0] = 0x12;
    expect(errorOf(b)).toMatchObject({ id: 'replay.file.bad', offset: 0 });
    expect(errorOf(b).text).toContain('magic number 0x123cb2a1');
  });

  it('a record cut short: the offset of its captured length', () => {
    // Record 1 starts at 24 (16-byte header + 42-byte ARP), record 2 at 82.
    const e = errorOf(PCAP.subarray(0, 82 + 16 + 10));
    expect(e).toMatchObject({ id: 'replay.file.bad', offset: 82 + 8 });
    expect(e.text).toContain('record 2 at byte 82');
  });

  it('a pcapng block length that is not a multiple of 4', () => {
    const b = Uint8Array.from(PCAPNG);
    const dv = new DataView(b.buffer);
    const idb = dv.getUint32(4, false); // the SHB's length: the IDB follows it
    dv.setUint32(idb + 4, 21, false);
    expect(errorOf(b)).toMatchObject({ id: 'replay.file.bad', offset: idb + 4 });
    expect(errorOf(b).text).toContain('length 21 is not a multiple of 4');
  });

  it('a frame whose IPv4 header does not decode: the offset inside the file', () => {
    const b = Uint8Array.from(PCAP);
    // Frame 3 (the SYN): record 3 at 82 + 16 + 42 = 140; IPv4 header at 140 + 16 + 14; IHL 3 is invalid.
    const ipAt = 140 + 16 + 14;
    expect(b[ipAt]).toBe(0x45);
    b[ipAt] = 0x43;
    const e = errorOf(b);
    expect(e.id).toBe('replay.file.frame');
    expect(e.offset).toBeGreaterThanOrEqual(ipAt);
    expect(e.offset).toBeLessThan(ipAt + 20);
    expect(e.text).toMatch(/^x\.pcap: frame 3 at byte \d+ does not decode: /);
  });

  it('a link type that cannot be replayed, a capture without IPv4', () => {
    const b = Uint8Array.from(PCAP);
    new DataView(b.buffer).setUint32(20, 105, true); // 802.11
    expect(errorOf(b).id).toBe('replay.file.linktype');
    expect(errorOf(PCAP.subarray(0, 24 + 2 * (16 + 42))).id).toBe('replay.file.noIpv4');
  });

  it('any mutation of a shipped capture loads or gives an error with an offset inside the file', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(), (ng, edits, cut) => {
        const b = Uint8Array.from(ng ? PCAPNG : PCAP);
        for (const [at, v] of edits) b[at % b.length] = v;
        const bytes = b.subarray(0, b.length - (cut % 64));
        const r = planReplay(bytes, { file: 'm' });
        if (!r.ok && r.error.offset !== undefined) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
        }
        if (!r.ok) expect(render(r.error.msg)).not.toMatch(/\{\w+\}/);
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// A crafted capture: 10.9.9.9 talks to 10.8.8.8:80 (a tcp-server answering 100 bytes).

const C = ip('10.9.9.9');
const S = ip('10.8.8.8');
const CLIENT = ip('203.0.113.10');
const SERVER = ip('192.168.1.11');

function tcpIp(src: number, dst: number, seg: Partial<TcpSegment> & { sport: number; dport: number; seq: number; ack: number; flags: number }, id = 7): Ipv4Packet {
  return {
    layer: 'ipv4', tos: 0, id, df: true, mf: false, fragOffset: 0, ttl: 61, protocol: 6, src, dst, options: new Uint8Array(0),
    payload: { layer: 'tcp', window: 500, urgent: 0, options: [], payload: new Uint8Array(0), ...seg },
  };
}
const eth = (payload: EthernetFrame['payload'], ethertype = 0x0800): EthernetFrame => ({ layer: 'eth', dst: 0x020000000002, src: 0x020000000001, ethertype, payload });
const ts = (tsval: number, tsecr: number): TcpOption => ({ kind: 'timestamps', tsval, tsecr });

function craftedCapture(): Uint8Array {
  const w = new PcapWriter();
  type Seg = Omit<Parameters<typeof tcpIp>[2], 'sport' | 'dport'>;
  const c = (seg: Seg, id: number): Ipv4Packet => tcpIp(C, S, { sport: 40000, dport: 80, ...seg }, id);
  const s = (seg: Seg): Ipv4Packet => tcpIp(S, C, { sport: 80, dport: 40000, ...seg });
  const frames: [number, EthernetFrame][] = [
    [0, eth({ layer: 'arp', oper: 1, sha: 0x020000000001, spa: C, tha: 0, tpa: S }, 0x0806)],
    [1 * MS, eth(c({ seq: 1000, ack: 0, flags: TCP_SYN, options: [{ kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, ts(50, 0)] }, 1))],
    [2 * MS, eth(s({ seq: 5000, ack: 1001, flags: TCP_SYN | TCP_ACK, options: [{ kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, ts(777, 50)] }))],
    [2.5 * MS, eth({ layer: 'ipv4', tos: 0, id: 2, df: false, mf: false, fragOffset: 0, ttl: 64, protocol: 17, src: C, dst: ip('10.6.6.6'), options: new Uint8Array(0), payload: { layer: 'udp', sport: 5353, dport: 53, payload: new Uint8Array([1, 2, 3]) } })],
    [3 * MS, eth(c({ seq: 1001, ack: 5001, flags: TCP_ACK, options: [ts(51, 777)] }, 3))],
    [3 * MS, eth(c({ seq: 1001, ack: 5001, flags: TCP_ACK | TCP_PSH, options: [ts(51, 777)], payload: new Uint8Array([104, 101, 108, 108, 111]) }, 4))],
    [3.5 * MS, eth(tcpIp(ip('10.7.7.7'), S, { sport: 1234, dport: 80, seq: 1, ack: 0, flags: TCP_SYN }))],
    [4 * MS, eth(s({ seq: 5001, ack: 1006, flags: TCP_ACK | TCP_PSH, options: [ts(778, 51)], payload: new Uint8Array(100) }))],
    [5 * MS, eth(c({ seq: 1006, ack: 5101, flags: TCP_ACK, options: [{ kind: 'nop' }, { kind: 'nop' }, ts(52, 778), { kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[5001, 5101]] }] }, 5))],
    [6 * MS, eth(c({ seq: 1006, ack: 5101, flags: TCP_ACK | TCP_FIN, options: [ts(53, 778)] }, 6))],
    [7 * MS, eth(s({ seq: 5101, ack: 1007, flags: TCP_ACK | TCP_FIN, options: [ts(779, 53)] }))],
    [8 * MS, eth(c({ seq: 1007, ack: 5102, flags: TCP_ACK, options: [ts(54, 779)] }, 8))],
  ];
  for (const [t, f] of frames) w.writeFrame(t, f);
  return w.toBytes();
}

function liveLab(reply: number) {
  const sim = new FakeSim(3);
  const net = new FakeNet(sim, 50_000);
  const client = net.addHost('client', CLIENT);
  const server = net.addHost('rs1', SERVER);
  tcpStack(client); // the client's own TCP, which would answer the server with RSTs without the claim
  expect(startApp(server, { kind: 'tcp-server', port: 80, reply }).ok).toBe(true);
  return { sim, net, client, server };
}

describe('choosing the client', () => {
  it('defaults to the first SYN without ACK; an explicit client picks its own first SYN', () => {
    const bytes = craftedCapture();
    const p = planOf(bytes);
    expect([p.client, p.server, p.frames, p.packets.length]).toEqual([C, S, 12, 7]);
    const other = planOf(bytes, { client: ip('10.7.7.7') });
    expect([other.client, other.server, other.packets.length]).toEqual([ip('10.7.7.7'), S, 1]);
    expect(planOf(bytes, { client: S }).server).toBe(C); // no SYN from S: its first packet, the SYN-ACK
  });
});

describe('re-addressing and the ack shift against a live server', () => {
  it('a plan given as plain packet objects is replayed exactly as the plan planReplay made', () => {
    const sentWith = (make: (p: ReplayPlan) => ReplayPlan): unknown[] => {
      const { sim, net, client } = liveLab(100);
      startReplay(client, make(planOf(craftedCapture(), { to: SERVER, speed: 1 })), 10 * MS);
      sim.run(5 * SEC);
      return net.log.filter((r) => r.from === 'client').map((r) => encodeIpv4(r.ip));
    };
    const columns = sentWith((p) => p);
    expect(columns).toHaveLength(7);
    const plain = sentWith((p) => ({ file: p.file, client: p.client, server: p.server, to: p.to, speed: p.speed, frames: p.frames, packets: [...p.packets] }));
    expect(plain).toEqual(columns);
  });

  it('sends the client packets re-addressed, shifted onto the live ISN; the live server completes the exchange', () => {
    const { sim, net, client } = liveLab(100);
    const plan = planOf(craftedCapture(), { to: SERVER, speed: 1 });
    const h = startReplay(client, plan, 10 * MS);
    sim.run(5 * SEC);
    const sent = net.log.filter((r) => r.from === 'client').map((r) => r.ip);
    expect(sent).toHaveLength(7);
    expect(sent.every((x) => x.src === CLIENT)).toBe(true);
    expect(sent.map((x) => x.dst)).toEqual([SERVER, ip('10.6.6.6'), SERVER, SERVER, SERVER, SERVER, SERVER]);
    // Other fields kept (IP ID, TTL, DF), checksums valid.
    expect(sent.filter((x) => x.protocol === 6).map((x) => [x.id, x.ttl, x.df])).toEqual([[1, 61, true], [3, 61, true], [4, 61, true], [5, 61, true], [6, 61, true], [8, 61, true]]);
    for (const x of sent) expect(decodeIpv4(encodeIpv4(x)).ok).toBe(true);

    const live = net.tcp('rs1');
    const synAck = live.find((r) => flagsOf(r.seg) === 'S.');
    if (synAck === undefined) throw new Error('no SYN-ACK');
    const isn = synAck.seg.seq;
    const liveTs = (synAck.seg.options.find((o) => o.kind === 'timestamps') as { tsval: number }).tsval;
    const segs = net.tcp('client').map((r) => r.seg);
    expect(segs.map(flagsOf)).toEqual(['S', '.', 'P.', '.', 'F.', '.']);
    expect(segs.map((s) => s.seq)).toEqual([1000, 1001, 1001, 1006, 1006, 1007]);
    const shift = (n: number): number => (n - 5000 + isn) >>> 0;
    expect(segs.map((s) => s.ack)).toEqual([0, shift(5001), shift(5001), shift(5101), shift(5101), shift(5102)]);
    const tsecr = segs.map((s) => (s.options.find((o) => o.kind === 'timestamps') as { tsecr: number }).tsecr);
    expect(tsecr.slice(1)).toEqual([777, 777, 778, 778, 779].map((v) => (v - 777 + liveTs) >>> 0));
    expect(segs[3]?.options.find((o) => o.kind === 'sack')).toEqual({ kind: 'sack', blocks: [[shift(5001), shift(5101)]] });

    // Nobody reset anything; the server's socket closed normally (LAST_ACK → CLOSED).
    expect(net.tcp().filter((r) => (r.seg.flags & TCP_RST) !== 0)).toEqual([]);
    const states = eventsOf(sim, 'sock', 'rs1').filter((e) => e.rport === 40000).map((e) => e.state);
    expect(states.slice(-2)).toEqual(['LAST_ACK', 'CLOSED']);
    expect(h.summary()).toEqual({ total: 7, sent: 7, abandoned: 0, done: true });
    const app = eventsOf(sim, 'app', 'client').map((e) => e.msg.id);
    expect(app).toEqual(['replay.start', 'replay.shift', 'replay.done']);
    expect(eventsOf(sim, 'app', 'client')[0]?.t).toBe(10 * MS);
  });

  it('the first packet leaves at `at`, the others at their captured gaps divided by speed', () => {
    const { sim, net, client } = liveLab(100);
    startReplay(client, planOf(craftedCapture(), { to: SERVER, speed: 4 }), 20 * MS);
    sim.run(5 * SEC);
    const times = net.log.filter((r) => r.from === 'client').map((r) => r.t);
    expect(times[0]).toBe(20 * MS);
    expect(times[1]).toBe(20 * MS + (1.5 * MS) / 4); // the UDP packet, 1.5 ms after the SYN in the capture
  });

  it('waits for the live server: acks of bytes it never sent are held, then given up', () => {
    const { sim, net, client } = liveLab(40); // 40 bytes, where the capture acknowledges 100
    const h = startReplay(client, planOf(craftedCapture(), { to: SERVER }), 10 * MS);
    sim.run(10 * SEC);
    expect(net.tcp('client').map((r) => flagsOf(r.seg))).toEqual(['S', '.', 'P.']);
    expect(h.summary()).toEqual({ total: 7, sent: 4, abandoned: 3, done: true });
    const stalled = eventsOf(sim, 'app', 'client').find((e) => e.msg.id === 'replay.stalled');
    expect(stalled?.msg.params?.['held']).toBe(3);
    // Given up REPLAY_STALL_WAIT after the first held packet (due 13 ms + 1 ms of capture gaps).
    expect(stalled?.t).toBe(14 * MS + REPLAY_STALL_WAIT);
    // The server's retransmissions reached the client and were neither answered nor reset.
    expect(net.tcp('client').some((r) => (r.seg.flags & TCP_RST) !== 0)).toBe(false);
  });

  it('without a listening server: the RST ends the connection, its packets are given up', () => {
    const sim = new FakeSim(3);
    const net = new FakeNet(sim, 50_000);
    const client = net.addHost('client', CLIENT);
    net.addHost('rs1', SERVER);
    tcpStack(net.hosts[1]!);
    const h = startReplay(client, planOf(craftedCapture(), { to: SERVER }), 0);
    sim.run(10 * SEC);
    expect(net.tcp('client').map((r) => flagsOf(r.seg))).toEqual(['S']);
    expect(h.summary()).toMatchObject({ sent: 2, abandoned: 5, done: true });
    expect(eventsOf(sim, 'app', 'client').map((e) => e.msg.id)).toEqual(['replay.start', 'replay.reset', 'replay.done']);
  });

  it('shiftSegment leaves segments without ACK alone and wraps modulo 2^32', () => {
    const syn: TcpSegment = { layer: 'tcp', sport: 1, dport: 2, seq: 5, ack: 0, flags: TCP_SYN, window: 1, urgent: 0, options: [ts(1, 0)], payload: new Uint8Array(0) };
    expect(shiftSegment(syn, 100, 100)).toBe(syn);
    const ack = { ...syn, flags: TCP_ACK, ack: 0xffff_fff0, options: [ts(1, 0xffff_ffff)] };
    const out = shiftSegment(ack, 0x20, 2);
    expect(out.ack).toBe(0x10);
    expect(out.options).toEqual([ts(1, 1)]);
    expect(out.seq).toBe(5);
  });
});

// ---------------------------------------------------------------------------------------------
// The scenario wiring

function scenarioWith(replay: string, capture?: Uint8Array): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lvslab-replay-'));
  if (capture !== undefined) writeFileSync(path.join(dir, 'cap.pcap'), capture);
  const file = path.join(dir, 'lab.yaml');
  writeFileSync(
    file,
    [
      'lvslab: 1',
      'name: replay-test',
      'title: a replay',
      'segments: [{ name: lan }]',
      'hosts:',
      '  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }',
      '  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } }, apps: [{ tcp-server: { port: 80, reply: 100 } }] }',
      'traffic:',
      `  - { from: a, replay: ${replay} }`,
      '',
    ].join('\n'),
  );
  return { dir, file };
}

function buildErrors(file: string): string[] {
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) return loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
  const b = buildLab(loaded.scenario, { seed: undefined, sinks: [] });
  return b.ok ? [] : b.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('replay in a scenario', () => {
  it('a missing file, bad bytes: one error at the file value', () => {
    const col = '  - { from: a, replay: { file: '.length + 1;
    expect(buildErrors(scenarioWith('{ file: nothing.pcap }').file)).toEqual([`9:${col}: cannot read the capture nothing.pcap: ENOENT`]);
    const bad = Uint8Array.from(PCAP.subarray(0, 100));
    expect(buildErrors(scenarioWith('{ file: cap.pcap }', bad).file)).toEqual([
      `9:${col}: cap.pcap is not a capture lvslab can read: at byte 90: record 2 at byte 82: captured length 42 runs past the end of the file (2 bytes left)`,
    ]);
  });

  it('speed must be from 0.001 to 1000; client, server and to are addresses', () => {
    expect(buildErrors(scenarioWith('{ file: cap.pcap, speed: 0 }', PCAP).file)[0]).toMatch(/speed must be a number from 0\.001 to 1000 .*; got 0$/);
    expect(buildErrors(scenarioWith('{ file: cap.pcap, to: 10.0.0 }', PCAP).file)).toHaveLength(1);
    expect(buildErrors(scenarioWith('{ file: cap.pcap, client: 10.0.0.10, server: 10.0.0.80, to: 10.0.0.2, speed: 2.5 }', PCAP).file)).toEqual([]);
  });

  it('runs the shipped capture against a tcp-server that answers too little: the acks stall, no RST', () => {
    const { file } = scenarioWith('{ file: cap.pcap, to: 10.0.0.2 }', PCAP);
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error('load');
    const run = runScenario(loaded.scenario, { seed: undefined, untilNs: 5 * SEC, sinks: [], keepTrace: true });
    if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
    const ids = run.trace.events.filter((e) => e.kind === 'app' && e.host === 'a').map((e) => (e as { msg: { id: string } }).msg.id);
    expect(ids).toEqual(['replay.start', 'replay.shift', 'replay.stalled', 'replay.done']);
    expect(run.trace.events.filter((e) => e.kind === 'tx' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp' && (e.frame.payload.payload.flags & TCP_RST) !== 0)).toEqual([]);
  });
});

describe('the replay-http lab', () => {
  it('the client sends 7 + 4 replayed packets, nobody resets, both replays end', () => {
    const loaded = loadBuiltin('replay-http');
    const run = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
    const ev = run.trace.events;
    const clientIp = ev.filter((e) => e.kind === 'tx' && e.host === 'client' && e.frame.payload.layer === 'ipv4');
    expect(clientIp).toHaveLength(11);
    const rst = ev.filter((e) => e.kind === 'tx' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp' && (e.frame.payload.payload.flags & TCP_RST) !== 0);
    expect(rst).toHaveLength(0);
    const done = ev.filter((e) => e.kind === 'app' && e.msg.id === 'replay.done').map((e) => (e as { msg: { params?: Record<string, unknown> } }).msg.params);
    expect(done).toEqual([
      { file: '../fixtures/pcaps/http-get.pcap', sent: 7, total: 7, abandoned: 0 },
      { file: '../fixtures/pcaps/http-get.pcap', sent: 4, total: 7, abandoned: 3 },
    ]);
  });
});

