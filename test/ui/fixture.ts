/**
 * A hand-made DR trace for the UI tests: a SYN leaves the client, reaches the director, IPVS
 * (droute) sends it on to rs1 with a new destination MAC and the TTL decremented, rs1 receives it.
 */
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';
import { ETHERTYPE_IPV4, IPPROTO_TCP, TCP_SYN, type EthernetFrame, type Ipv4Packet } from '../../src/net/wire/packet.js';
import type { IpvsServiceSnapshot, TraceEvent } from '../../src/trace/events.js';
import { Trace } from '../../src/trace/trace.js';
import type { Key } from 'ink';
import { readScenarioSource } from '../../src/scenarios/builtins.js';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { packetAt } from '../../src/ui/screen.js';
import { createSession, type LabSession } from '../../src/ui/session.js';
import { reduceView, type ViewAction, type ViewContext, type ViewState } from '../../src/ui/view-state.js';

function ip(text: string): number {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(text);
  return v;
}
function mac(text: string): number {
  const v = parseMac(text);
  if (v === undefined) throw new Error(text);
  return v;
}

export const CLIENT_MAC = mac('02:00:00:00:00:01');
export const DIRECTOR_MAC = mac('02:00:00:00:00:05');
export const RS1_MAC = mac('02:00:00:00:00:0b');
export const CIP = ip('203.0.113.10');
export const VIP = ip('192.168.1.100');

export const SYN: Ipv4Packet = {
  layer: 'ipv4',
  tos: 0,
  id: 0x1234,
  df: true,
  mf: false,
  fragOffset: 0,
  ttl: 64,
  protocol: IPPROTO_TCP,
  src: CIP,
  dst: VIP,
  options: new Uint8Array(0),
  payload: {
    layer: 'tcp',
    sport: 40001,
    dport: 80,
    seq: 1000,
    ack: 0,
    flags: TCP_SYN,
    window: 64240,
    urgent: 0,
    options: [{ kind: 'mss', value: 1460 }],
    payload: new Uint8Array(0),
  },
};

/** What the director forwards: the same packet, TTL one less (ip_vs_dr_xmit keeps the IP header). */
export const SYN_FORWARDED: Ipv4Packet = { ...SYN, ttl: 63 };

export const FRAME_FROM_CLIENT: EthernetFrame = {
  layer: 'eth',
  dst: DIRECTOR_MAC,
  src: CLIENT_MAC,
  ethertype: ETHERTYPE_IPV4,
  payload: SYN,
};

/** DR: the director sends the frame from its own MAC to rs1's MAC. */
export const FRAME_TO_RS1: EthernetFrame = {
  layer: 'eth',
  dst: RS1_MAC,
  src: DIRECTOR_MAC,
  ethertype: ETHERTYPE_IPV4,
  payload: SYN_FORWARDED,
};

const SERVICE: IpvsServiceSnapshot = {
  protocol: 'TCP',
  vaddr: VIP,
  vport: 80,
  fwmark: 0,
  scheduler: 'rr',
  flags: [],
  timeout: 0,
  netmask: 0xffffffff,
};

const SEC = 1_000_000_000;
const US = 1_000;

/** The events of the fixture, in order. */
export function drEvents(): TraceEvent[] {
  const pkt = 7;
  const flow = 3;
  return [
    { kind: 'tx', t: SEC, host: 'client', msg: { id: 'test.tx' }, iface: 'eth0', segment: 'lan', pkt, flow, frame: FRAME_FROM_CLIENT },
    { kind: 'rx', t: SEC + 50 * US, host: 'director', msg: { id: 'test.rx' }, iface: 'eth0', segment: 'lan', pkt, flow, frame: FRAME_FROM_CLIENT },
    { kind: 'hook', t: SEC + 50 * US, host: 'director', msg: { id: 'test.hook' }, hook: 'LOCAL_IN', verdict: 'STOLEN', by: 'ipvs', pkt, flow, packet: SYN },
    {
      kind: 'ipvs.sched', t: SEC + 50 * US, host: 'director', msg: { id: 'test.sched' }, pkt, flow, scheduler: 'rr', service: SERVICE,
      dest: { daddr: ip('192.168.1.11'), dport: 80, fwd: 'droute', weight: 1, activeConns: 0, inactConns: 0, persistConns: 0, uThreshold: 0, lThreshold: 0 },
    },
    { kind: 'ipvs.xmit', t: SEC + 50 * US, host: 'director', msg: { id: 'test.xmit' }, fwd: 'droute', pkt, flow, before: SYN, after: SYN_FORWARDED },
    { kind: 'tx', t: SEC + 51 * US, host: 'director', msg: { id: 'test.tx2', params: { dst: '02:00:00:00:00:0b' } }, iface: 'eth0', segment: 'lan', pkt, flow, frame: FRAME_TO_RS1 },
    { kind: 'rx', t: SEC + 100 * US, host: 'rs1', msg: { id: 'test.rx2' }, iface: 'eth0', segment: 'lan', pkt, flow, frame: FRAME_TO_RS1 },
    { kind: 'checkpoint', t: SEC + 100 * US, host: 'director', msg: { id: 'test.cp' }, index: 0, title: 'SYN reached rs1' },
  ];
}

/** The fixture as a Trace. */
export function drTrace(): Trace {
  const trace = new Trace({
    scenario: 'dr-fixture',
    title: 'LVS-DR: one SYN, hop by hop',
    seed: 1,
    hosts: ['client', 'director', 'rs1'],
    segments: ['lan'],
  });
  for (const e of drEvents()) trace.emit(e);
  return trace;
}

// ---- real labs, as the app opens them ------------------------------------------------------

/** Ink's key flags with nothing pressed; tests spread the keys they press over it. */
export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** A `key` action as Ink reports one key press (or one burst of typed characters). */
export function keyAction(input: string, key: Partial<Key> = {}): ViewAction {
  return { type: 'key', input, key: { ...NO_KEY, ...key } };
}

const loadedCache = new Map<string, LoadedScenario>();
const sessionCache = new Map<string, LabSession>();

/** A built-in lab loaded as `lvslab play <name>` loads it. */
export function loadLab(name: string): LoadedScenario {
  const cached = loadedCache.get(name);
  if (cached !== undefined) return cached;
  const src = readScenarioSource(name);
  if (!src.ok) throw new Error(src.error);
  const r = loadScenario(src.source.text, src.source.file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  loadedCache.set(name, r.scenario);
  return r.scenario;
}

/** The session of a built-in lab with its own seed (cached: a session is immutable). */
export function labSession(name: string): LabSession {
  const cached = sessionCache.get(name);
  if (cached !== undefined) return cached;
  const r = createSession(loadLab(name), undefined);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  sessionCache.set(name, r.session);
  return r.session;
}

/** The reducer's context exactly as app.tsx builds it for a session. */
export function viewContext(session: LabSession, pageRows = 8, canRerun = true, wide = false): ViewContext {
  return {
    quizzes: session.quizzes,
    hosts: session.hosts,
    checkCommand: (line) => session.checkCommand(line),
    canRerun,
    pageRows,
    wide,
    treeKeys: (s: ViewState) => packetAt(s).rows,
  };
}

/** Applies actions in order. */
export function drive(state: ViewState, ctx: ViewContext, actions: readonly ViewAction[]): ViewState {
  return actions.reduce((s, a) => reduceView(s, a, ctx), state);
}

/** The first step at or after `from` whose event satisfies `pred`. */
export function findStep(trace: Trace, pred: (e: TraceEvent) => boolean, from = 0): number {
  for (let i = from; i < trace.events.length; i++) {
    const e = trace.events[i];
    if (e !== undefined && pred(e)) return i;
  }
  throw new Error('no such step');
}
