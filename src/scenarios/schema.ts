/**
 * The scenario format, version 1 (docs: scenario-format.md), as zod schemas. Objects are strict:
 * an unknown key is an error. Leaves are parsed, not just checked: durations become integer ns,
 * addresses numbers, `setup`/`run`/`ipvsadm` text typed commands, traffic/events/expectations
 * discriminated unions. A problem found inside a value is a custom issue whose `message` is a
 * message id and whose params say where (an offset into the string, or the key), so the loader
 * can point at the exact character. The JSON Schema of `lvslab schema` comes from these same
 * definitions (input side), so the two cannot drift.
 */
import * as z from 'zod';
import { msg, type Msg } from '../i18n/message.js';
import { DURATION_PATTERN, RATE_PATTERN, readDuration, readRate, type Rate } from './duration.js';
import { parseScript } from './commands/index.js';
import { splitScript } from './commands/shell.js';
import { parseRouteWords } from './commands/ip-route.js';
import { checkSysctlKey, readSysctlValue } from './commands/sysctl-keys.js';
import { readAddrPrefix, readEndpoint, readIp4, readMac, type AddrPrefix, type Endpoint, type ValueResult } from './commands/values.js';
import type { CommandScript, DevRef, RouteSpec } from './commands/types.js';
import type { Ip4, Mac } from '../net/wire/addr.js';

/** Where, inside the value at an issue's path, a problem lies. Carried in a custom issue's params. */
export interface IssueWhere {
  /** Path below the issue's own path (e.g. a list index). */
  readonly path?: readonly (string | number)[];
  /** Character offset into the string value. */
  readonly offset?: number;
  /** Point at the key rather than the value. */
  readonly atKey?: boolean;
}

/** The params of a custom issue raised by this schema. */
export interface IssueParams {
  readonly msgParams?: Msg['params'];
  readonly offset?: number;
  readonly atKey?: boolean;
  /** A "which of these keys" issue, redundant when the same object also has unknown keys. */
  readonly shape?: boolean;
}

function report(ctx: z.core.$RefinementCtx, m: Msg, where: IssueWhere = {}, shape = false): void {
  const params: IssueParams = {
    ...(m.params !== undefined ? { msgParams: m.params } : {}),
    ...(where.offset !== undefined ? { offset: where.offset } : {}),
    ...(where.atKey === true ? { atKey: true } : {}),
    ...(shape ? { shape: true } : {}),
  };
  ctx.issues.push({ code: 'custom', message: m.id, input: undefined, ...(where.path !== undefined ? { path: [...where.path] } : {}), params });
}

/** Turns a value reader into a transform that reports its message. */
function parsed<T>(read: (text: string) => ValueResult<T>) {
  return (text: string, ctx: z.core.$RefinementCtx): T => {
    const r = read(text);
    if (r.ok) return r.value;
    report(ctx, r.msg);
    return z.NEVER;
  };
}

// ---------------------------------------------------------------------------------------------
// Leaves

/** Names of hosts and segments: a letter, then letters, digits, `_` or `-` (no dots: placeholders use them). */
export const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*$';
/** Interface names in `interfaces:` (Linux's 15-character limit; no `:` aliases, no dots). */
export const IFNAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,14}$';
/** Scenario names (`lvslab play NAME`). */
export const SCENARIO_NAME_PATTERN = '^[a-z0-9][a-z0-9-]*$';

const hostName = z.string().regex(new RegExp(NAME_PATTERN), { error: 'scenario.name.host' });
const segmentName = z.string({ error: 'scenario.expected.name' }).regex(new RegExp(NAME_PATTERN), { error: 'scenario.name.segment' });
const ifName = z.string().regex(new RegExp(IFNAME_PATTERN), { error: 'scenario.name.iface' });
const ref = z.string({ error: 'scenario.expected.name' });
const text = z.string({ error: 'scenario.expected.text' });

const duration = () =>
  z
    .string({ error: 'scenario.expected.duration' })
    .meta({ pattern: DURATION_PATTERN, description: 'a duration with a unit: 250us, 15ms, 2s' })
    .transform(parsed(readDuration));

const durationDefault = (dflt: string) =>
  z
    .string({ error: 'scenario.expected.duration' })
    .meta({ pattern: DURATION_PATTERN, description: 'a duration with a unit: 250us, 15ms, 2s' })
    .default(dflt)
    .transform(parsed(readDuration));

/** A whole number in [min, max]; with `dflt`, optional (the default shows in the JSON Schema). */
const intIn = (min: number, max: number, dflt?: number) => {
  const check = (n: number, ctx: z.core.$RefinementCtx): number => {
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    report(ctx, msg('scenario.value.intRange', { min, max, got: String(n) }));
    return z.NEVER;
  };
  const base = z.number({ error: 'scenario.expected.int' }).meta({ type: 'integer', minimum: min, maximum: max });
  return dflt === undefined ? base.transform(check) : base.default(dflt).transform(check);
};

const port = (dflt?: number) => intIn(1, 65535, dflt);

const ip4 = z.string({ error: 'scenario.expected.ip4' }).meta({ description: 'an IPv4 address' }).transform(parsed(readIp4));
const endpoint = z.string({ error: 'scenario.expected.endpoint' }).meta({ description: 'ADDRESS:PORT' }).transform(parsed(readEndpoint));
const prefix = z
  .string({ error: 'scenario.expected.prefix' })
  .meta({ description: 'ADDRESS/PREFIX' })
  .transform(parsed((t) => readAddrPrefix(t)));
const mac = z.string({ error: 'scenario.expected.mac' }).meta({ description: 'a MAC address, 02:00:00:00:00:0a' }).transform(parsed(readMac));
const rate = z
  .string({ error: 'scenario.expected.rate' })
  .meta({ pattern: RATE_PATTERN, description: 'a rate: 2000/s, 5/ms, 10/100ms' })
  .transform(parsed(readRate));

/** A string holding shell commands, parsed into a CommandScript. */
const script = (ipvsadmOnly: boolean) =>
  z
    .string({ error: 'scenario.expected.script' })
    .meta({ description: ipvsadmOnly ? 'ipvsadm lines, the leading `ipvsadm` optional' : 'shell commands, one per line (also ; and &&)' })
    .transform((t, ctx): CommandScript => {
      const p = parseScript(t, { ipvsadmOnly });
      for (const e of p.errors) report(ctx, e.msg, { offset: e.offset });
      return p.errors.length > 0 ? z.NEVER : p.script;
    });

// ---------------------------------------------------------------------------------------------
// Hosts

/** An address with its prefix length, as configured on an interface. */
export type IfaceAddr = AddrPrefix;

const ifaceAddrs = z
  .union([z.string(), z.array(z.string()).min(1)], { error: 'scenario.expected.addrList' })
  .meta({ description: 'ADDRESS/PREFIX, or a list of them' })
  .transform((v, ctx): IfaceAddr[] => {
    const list = typeof v === 'string' ? [v] : v;
    const out: IfaceAddr[] = [];
    let bad = false;
    list.forEach((t, i) => {
      const r = readAddrPrefix(t);
      if (r.ok) out.push(r.value);
      else {
        bad = true;
        report(ctx, r.msg, typeof v === 'string' ? {} : { path: [i] });
      }
    });
    return bad ? z.NEVER : out;
  });

const interfaceSchema = z.strictObject({
  segment: ref.optional(),
  ip: ifaceAddrs.default([]),
  mac: mac.optional(),
  mtu: intIn(68, 65536).optional(),
});

/** A `routes:` entry: `ip route add` syntax, parsed. */
export interface RouteEntry {
  readonly text: string;
  readonly route: RouteSpec;
  /** The interface named by `dev`, with its offset in `text`. */
  readonly devRefs: readonly DevRef[];
}

const routeEntry = z
  .string({ error: 'scenario.expected.route' })
  .meta({ description: '`ip route` syntax: default via 192.168.1.1, 10.0.0.0/8 dev eth1' })
  .transform((t, ctx): RouteEntry => {
    const split = splitScript(t);
    const first = split.errors[0];
    if (first !== undefined) {
      report(ctx, first.msg, { offset: first.offset });
      return z.NEVER;
    }
    const cmd = split.commands[0];
    const extra = split.commands[1];
    if (cmd === undefined || cmd.redirects.length > 0 || extra !== undefined) {
      report(ctx, msg('scenario.route.oneRoute'), { offset: extra?.start ?? 0 });
      return z.NEVER;
    }
    const r = parseRouteWords(cmd.words);
    if (!r.ok) {
      report(ctx, r.error.msg, { offset: r.error.offset });
      return z.NEVER;
    }
    return { text: t, route: r.value.route, devRefs: r.value.refs };
  });

/** A `sysctl:` entry, key in dotted form. */
export interface SysctlSetting {
  readonly key: string;
  readonly value: number;
  /** The key as written in the YAML (for positions). */
  readonly yamlKey: string;
  /** The DEV of a `net.ipv4.conf.DEV.*` key when DEV is an interface. */
  readonly dev?: string;
}

const sysctlMap = z
  .record(z.string(), z.union([z.number(), z.string()], { error: 'scenario.expected.sysctlValue' }))
  .meta({ description: 'sysctl name → integer value, e.g. net.ipv4.conf.all.arp_ignore: 1' })
  .transform((m, ctx): SysctlSetting[] => {
    const out: SysctlSetting[] = [];
    let bad = false;
    for (const [k, v] of Object.entries(m)) {
      const key = checkSysctlKey(k);
      if (!key.ok) {
        report(ctx, key.msg, { path: [k], atKey: true });
        bad = true;
        continue;
      }
      const value = readSysctlValue(String(v));
      if (value === undefined) {
        report(ctx, msg('scenario.sysctl.badValue', { key: key.value.key, value: String(v) }), { path: [k] });
        bad = true;
        continue;
      }
      out.push({ key: key.value.key, value, yamlKey: k, ...(key.value.dev !== undefined ? { dev: key.value.dev } : {}) });
    }
    return bad ? z.NEVER : out;
  });

/** `keepalived:` inline text or `{ file: path }` (relative to the scenario file). */
export type KeepalivedSpec = { readonly kind: 'inline'; readonly text: string } | { readonly kind: 'file'; readonly file: string };

const keepalived = z
  .union([z.string(), z.strictObject({ file: z.string().min(1) })], { error: 'scenario.expected.keepalived' })
  .transform((v): KeepalivedSpec => (typeof v === 'string' ? { kind: 'inline', text: v } : { kind: 'file', file: v.file }));

const httpServer = z.strictObject({
  port: port(80),
  body: text.optional(),
  size: intIn(0, 1_000_000_000, 1000),
});

const tcpServer = z.strictObject({
  port: port(),
  reply: intIn(0, 1_000_000_000, 0),
});

/** An application on a host. */
export type AppSpec =
  | { readonly kind: 'http-server'; readonly port: number; readonly body?: string; readonly size: number }
  | { readonly kind: 'tcp-server'; readonly port: number; readonly reply: number };

const APP_KINDS = ['http-server', 'tcp-server'] as const;

const app = z
  .strictObject({ 'http-server': httpServer.optional(), 'tcp-server': tcpServer.optional() })
  .transform((a, ctx): AppSpec => {
    const given = APP_KINDS.filter((k) => a[k] !== undefined);
    if (given.length !== 1) {
      report(ctx, msg(given.length === 0 ? 'scenario.app.none' : 'scenario.app.several', { kinds: APP_KINDS.join(', ') }), {}, true);
      return z.NEVER;
    }
    const h = a['http-server'];
    if (h !== undefined) return { kind: 'http-server', port: h.port, size: h.size, ...(h.body !== undefined ? { body: h.body } : {}) };
    const t = a['tcp-server'] as z.output<typeof tcpServer>;
    return { kind: 'tcp-server', port: t.port, reply: t.reply };
  });

const hostSchema = z.strictObject({
  interfaces: z.record(ifName, interfaceSchema).default({}),
  routes: z.array(routeEntry).default([]),
  sysctl: sysctlMap.default([]),
  setup: script(false).optional(),
  ipvsadm: script(true).optional(),
  keepalived: keepalived.optional(),
  apps: z.array(app).default([]),
});

// ---------------------------------------------------------------------------------------------
// Traffic

/** `http://ADDR[:PORT][/PATH]`: the lab has no DNS, so the host is an IPv4 address. */
export interface HttpUrl {
  readonly text: string;
  readonly addr: Ip4;
  readonly port: number;
  readonly path: string;
}

function readUrl(t: string): ValueResult<HttpUrl> {
  const m = /^http:\/\/([^/:?#]+)(?::(\d{1,5}))?(\/[^\s]*)?$/.exec(t);
  if (m === null) return { ok: false, msg: msg('scenario.url.bad', { text: t }) };
  const addr = readIp4(m[1] as string);
  if (!addr.ok) return { ok: false, msg: msg('scenario.url.noDns', { host: m[1] as string }) };
  const p = m[2] === undefined ? 80 : Number(m[2]);
  if (p < 1 || p > 65535) return { ok: false, msg: msg('scenario.value.port', { text: m[2] as string }) };
  return { ok: true, value: { text: t, addr: addr.value, port: p, path: m[3] ?? '/' } };
}

const url = z.string({ error: 'scenario.expected.url' }).meta({ description: 'http://ADDRESS[:PORT]/PATH' }).transform(parsed(readUrl));

const httpTraffic = z.strictObject({ url, count: intIn(1, 1_000_000, 1), every: durationDefault('1s') });
const tcpTraffic = z.strictObject({
  to: endpoint,
  send: intIn(0, 1_000_000_000, 0),
  receive: intIn(0, 1_000_000_000, 0),
  count: intIn(1, 1_000_000, 1),
  every: durationDefault('1s'),
  writes: intIn(1, 10_000, 1),
  gap: durationDefault('1s'),
});
const pingTraffic = z.strictObject({ to: ip4, count: intIn(1, 1_000_000, 1), every: durationDefault('1s'), size: intIn(0, 65507, 56) });
/** The most SYNs one flood may send: far beyond what a lesson needs, well within the run's event budget. */
export const SYNFLOOD_MAX_SYNS = 1_000_000;

const synfloodTraffic = z
  .strictObject({ to: endpoint, rate, for: duration(), spoof: prefix.optional() })
  .superRefine((t, ctx) => {
    const total = Math.ceil((t.for * t.rate.count) / t.rate.period);
    if (total > SYNFLOOD_MAX_SYNS) report(ctx, msg('scenario.synflood.tooMany', { total, max: SYNFLOOD_MAX_SYNS }), { path: ['rate'] });
  });
/** The most connections one `conns` source may open (clients × each). */
export const CONNS_MAX = 2_000_000;
/** The client port range `conns` binds by default: Linux's ip_local_port_range. */
export const CONNS_DEFAULT_PORTS = '32768-60999';

/** `conns: { ports }`: `LOW-HIGH`, the source ports each client address binds in turn. */
export interface PortRange {
  readonly low: number;
  readonly high: number;
}

function readPortRange(t: string): ValueResult<PortRange> {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(t);
  const low = m === null ? NaN : Number(m[1]);
  const high = m === null ? NaN : Number(m[2]);
  if (!(low >= 1 && high <= 65535 && low <= high)) return { ok: false, msg: msg('scenario.conns.ports', { text: t }) };
  return { ok: true, value: { low, high } };
}

/** How many client addresses a prefix offers: its host addresses (all of a /31 or /32). */
export function prefixHosts(prefixLen: number): number {
  return prefixLen >= 31 ? 2 ** (32 - prefixLen) : 2 ** (32 - prefixLen) - 2;
}

/** The first client address of a `sources` prefix: the network address + 1 (the prefix itself for /31, /32). */
export function prefixFirstHost(p: AddrPrefix): Ip4 {
  return p.prefixLen >= 31 ? p.addr : (p.addr + 1) >>> 0;
}

const portRange = z
  .string({ error: 'scenario.expected.text' })
  .meta({ pattern: '^[0-9]{1,5}-[0-9]{1,5}$', description: 'LOW-HIGH, e.g. 32768-60999' })
  .default(CONNS_DEFAULT_PORTS)
  .transform(parsed(readPortRange));

const sourcesPrefix = z
  .string({ error: 'scenario.expected.prefix' })
  .meta({ description: 'ADDRESS/PREFIX: the client addresses, its host addresses in order' })
  .transform((t, ctx): AddrPrefix => {
    const r = readAddrPrefix(t);
    if (!r.ok) {
      report(ctx, r.msg);
      return z.NEVER;
    }
    const hostMask = r.value.prefixLen === 0 ? 0xffff_ffff : 2 ** (32 - r.value.prefixLen) - 1;
    if (((r.value.addr & hostMask) >>> 0) !== 0) {
      report(ctx, msg('scenario.conns.hostBits', { text: t }));
      return z.NEVER;
    }
    return r.value;
  });

const connsTraffic = z
  .strictObject({
    to: endpoint,
    sources: sourcesPrefix,
    clients: intIn(1, 16_777_216).optional(),
    each: intIn(1, 65535, 1),
    rate: z
      .string({ error: 'scenario.expected.rate' })
      .meta({ pattern: RATE_PATTERN, description: 'connections started per time: 200000/s, 5/ms' })
      .default('10000/s')
      .transform(parsed(readRate)),
    ports: portRange,
  })
  .transform((t, ctx) => {
    const room = prefixHosts(t.sources.prefixLen);
    const clients = t.clients ?? room;
    let bad = false;
    if (clients > room) {
      report(ctx, msg('scenario.conns.tooManyClients', { clients, room }), { path: ['clients'] });
      bad = true;
    }
    if (t.each > t.ports.high - t.ports.low + 1) {
      report(ctx, msg('scenario.conns.tooManyEach', { each: t.each, ports: t.ports.high - t.ports.low + 1 }), { path: ['each'] });
      bad = true;
    }
    if (clients * t.each > CONNS_MAX) {
      report(ctx, msg('scenario.conns.tooMany', { total: clients * t.each, max: CONNS_MAX }), { path: ['each'] });
      bad = true;
    }
    if (bad) return z.NEVER;
    return { ...t, clients, first: prefixFirstHost(t.sources) };
  });
/** The `replay` speed range: beyond 1000 the capture's gaps shrink below the lab's own latencies anyway. */
export const REPLAY_MIN_SPEED = 0.001;
export const REPLAY_MAX_SPEED = 1000;
const replayTraffic = z.strictObject({
  file: z.string({ error: 'scenario.expected.text' }).min(1).meta({ description: 'a pcap or pcapng file, relative to the scenario file' }),
  client: ip4.optional(),
  server: ip4.optional(),
  to: ip4.optional(),
  speed: z
    .number({ error: 'replay.speed.invalid' })
    .meta({ minimum: REPLAY_MIN_SPEED, maximum: REPLAY_MAX_SPEED, description: 'divides the gaps between the captured packets' })
    .default(1)
    .transform((n, ctx): number => {
      if (n >= REPLAY_MIN_SPEED && n <= REPLAY_MAX_SPEED) return n;
      report(ctx, msg('replay.speed.invalid', { got: String(n) }));
      return z.NEVER;
    }),
});

export type HttpTraffic = z.output<typeof httpTraffic>;
export type TcpTraffic = z.output<typeof tcpTraffic>;
export type PingTraffic = z.output<typeof pingTraffic>;
export type SynfloodTraffic = z.output<typeof synfloodTraffic>;
export type ReplayTraffic = z.output<typeof replayTraffic>;
export type ConnsTraffic = z.output<typeof connsTraffic>;

interface TrafficBase {
  readonly from: string;
  /** Start time, ns. */
  readonly at: number;
}

/** A traffic source: which host, when, and what it sends. */
export type TrafficSpec =
  | (TrafficBase & { readonly kind: 'http'; readonly http: HttpTraffic })
  | (TrafficBase & { readonly kind: 'tcp'; readonly tcp: TcpTraffic })
  | (TrafficBase & { readonly kind: 'ping'; readonly ping: PingTraffic })
  | (TrafficBase & { readonly kind: 'synflood'; readonly synflood: SynfloodTraffic })
  | (TrafficBase & { readonly kind: 'replay'; readonly replay: ReplayTraffic })
  | (TrafficBase & { readonly kind: 'conns'; readonly conns: ConnsTraffic });

const TRAFFIC_KINDS = ['http', 'tcp', 'ping', 'synflood', 'replay', 'conns'] as const;

const traffic = z
  .strictObject({
    from: ref,
    at: durationDefault('0s'),
    http: httpTraffic.optional(),
    tcp: tcpTraffic.optional(),
    ping: pingTraffic.optional(),
    synflood: synfloodTraffic.optional(),
    replay: replayTraffic.optional(),
    conns: connsTraffic.optional(),
  })
  .transform((t, ctx): TrafficSpec => {
    const given = TRAFFIC_KINDS.filter((k) => t[k] !== undefined);
    if (given.length !== 1) {
      const second = given[1];
      report(ctx, msg(given.length === 0 ? 'scenario.traffic.none' : 'scenario.traffic.several', { kinds: TRAFFIC_KINDS.join(', ') }), second === undefined ? {} : { path: [second], atKey: true }, true);
      return z.NEVER;
    }
    const b = { from: t.from, at: t.at };
    if (t.http !== undefined) return { ...b, kind: 'http', http: t.http };
    if (t.tcp !== undefined) return { ...b, kind: 'tcp', tcp: t.tcp };
    if (t.ping !== undefined) return { ...b, kind: 'ping', ping: t.ping };
    if (t.synflood !== undefined) return { ...b, kind: 'synflood', synflood: t.synflood };
    if (t.conns !== undefined) return { ...b, kind: 'conns', conns: t.conns };
    return { ...b, kind: 'replay', replay: t.replay as ReplayTraffic };
  });

// ---------------------------------------------------------------------------------------------
// Events

const block = z.strictObject({ segment: ref, filter: text });

/** A timed change. `at` is ns. */
export type EventSpec =
  | { readonly kind: 'run'; readonly at: number; readonly on: string; readonly run: CommandScript }
  | { readonly kind: 'crash'; readonly at: number; readonly crash: string }
  | { readonly kind: 'restart'; readonly at: number; readonly restart: string }
  | { readonly kind: 'block'; readonly at: number; readonly block: { readonly segment: string; readonly filter: string }; readonly for?: number };

const EVENT_KINDS = ['run', 'crash', 'restart', 'block'] as const;

const event = z
  .strictObject({
    at: duration(),
    on: ref.optional(),
    run: script(false).optional(),
    crash: ref.optional(),
    restart: ref.optional(),
    block: block.optional(),
    for: duration().optional(),
  })
  .transform((e, ctx): EventSpec => {
    const given = EVENT_KINDS.filter((k) => e[k] !== undefined);
    if (given.length !== 1) {
      const second = given[1];
      report(ctx, msg(given.length === 0 ? 'scenario.event.none' : 'scenario.event.several', { kinds: EVENT_KINDS.join(', ') }), second === undefined ? {} : { path: [second], atKey: true }, true);
      return z.NEVER;
    }
    let bad = false;
    if (e.on !== undefined && e.run === undefined) {
      report(ctx, msg('scenario.event.onWithoutRun'), { path: ['on'], atKey: true });
      bad = true;
    }
    if (e.for !== undefined && e.block === undefined) {
      report(ctx, msg('scenario.event.forWithoutBlock'), { path: ['for'], atKey: true });
      bad = true;
    }
    if (e.run !== undefined && e.on === undefined) {
      report(ctx, msg('scenario.event.runWithoutOn'), { path: ['run'], atKey: true });
      bad = true;
    }
    if (bad) return z.NEVER;
    if (e.run !== undefined) return { kind: 'run', at: e.at, on: e.on as string, run: e.run };
    if (e.crash !== undefined) return { kind: 'crash', at: e.at, crash: e.crash };
    if (e.restart !== undefined) return { kind: 'restart', at: e.at, restart: e.restart };
    const blk = e.block as { segment: string; filter: string };
    return { kind: 'block', at: e.at, block: blk, ...(e.for !== undefined ? { for: e.for } : {}) };
  });

// ---------------------------------------------------------------------------------------------
// Checkpoints

/** A frame count condition: `>=1`, `0`, `<=3`, `==2`, `!=0`, `<5`, `>1`. */
export interface CountSpec {
  readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=';
  readonly n: number;
}

function readCount(v: number | string): ValueResult<CountSpec> {
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 ? { ok: true, value: { op: '==', n: v } } : { ok: false, msg: msg('scenario.count.bad', { text: String(v) }) };
  }
  const m = /^\s*(==|!=|<=|>=|<|>)?\s*(\d{1,9})\s*$/.exec(v);
  if (m === null) return { ok: false, msg: msg('scenario.count.bad', { text: v }) };
  return { ok: true, value: { op: (m[1] ?? '==') as CountSpec['op'], n: Number(m[2]) } };
}

const count = z
  .union([z.number(), z.string()], { error: 'scenario.expected.count' })
  .meta({ description: 'a number of frames (exact), or a comparison: ">=1", "<=3", "!=0"' })
  .transform((v, ctx): CountSpec => {
    const r = readCount(v);
    if (r.ok) return r.value;
    report(ctx, r.msg);
    return z.NEVER;
  });

/** What a checkpoint checks: frames in the trace, or a command's output on a host. */
export type ExpectSpec =
  | {
      readonly kind: 'frames';
      /** A Wireshark display filter, placeholders not yet resolved. */
      readonly frames: string;
      readonly count: CountSpec;
      readonly segment?: string;
      /** `previous`: since the previous checkpoint (default); `start`: the whole run. */
      readonly since: 'previous' | 'start';
    }
  | {
      readonly kind: 'command';
      readonly on: string;
      readonly run: CommandScript;
      readonly contains?: string;
      /** A JavaScript regular expression, multiline (`^`/`$` match at line ends). */
      readonly matches?: string;
      readonly equals?: string;
    };

const FRAME_ONLY = ['count', 'segment', 'since'] as const;
const COMMAND_ONLY = ['on', 'contains', 'matches', 'equals'] as const;

const expectation = z
  .strictObject({
    frames: text.optional(),
    count: count.optional(),
    segment: ref.optional(),
    since: z.enum(['previous', 'start'], { error: 'scenario.expected.since' }).optional(),
    on: ref.optional(),
    run: script(false).optional(),
    contains: text.optional(),
    matches: text.optional(),
    equals: text.optional(),
  })
  .transform((x, ctx): ExpectSpec => {
    if ((x.frames === undefined) === (x.run === undefined)) {
      report(ctx, msg(x.frames === undefined ? 'scenario.expect.none' : 'scenario.expect.both'), x.frames === undefined ? {} : { path: ['run'], atKey: true }, true);
      return z.NEVER;
    }
    let bad = false;
    const wrong = x.frames !== undefined ? COMMAND_ONLY : FRAME_ONLY;
    for (const k of wrong) {
      if (x[k] !== undefined) {
        report(ctx, msg(x.frames !== undefined ? 'scenario.expect.notForFrames' : 'scenario.expect.notForCommand', { key: k }), { path: [k], atKey: true });
        bad = true;
      }
    }
    if (x.frames !== undefined) {
      if (bad) return z.NEVER;
      return { kind: 'frames', frames: x.frames, count: x.count ?? { op: '>=', n: 1 }, since: x.since ?? 'previous', ...(x.segment !== undefined ? { segment: x.segment } : {}) };
    }
    if (x.on === undefined) {
      report(ctx, msg('scenario.expect.runWithoutOn'), { path: ['run'], atKey: true });
      bad = true;
    }
    if (x.contains === undefined && x.matches === undefined && x.equals === undefined) {
      report(ctx, msg('scenario.expect.noCheck'), { path: ['run'], atKey: true });
      bad = true;
    }
    if (x.matches !== undefined) {
      const problem = regexProblem(x.matches);
      if (problem !== undefined) {
        report(ctx, msg('scenario.expect.badRegex', { problem }), { path: ['matches'] });
        bad = true;
      }
    }
    if (bad) return z.NEVER;
    return {
      kind: 'command',
      on: x.on as string,
      run: x.run as CommandScript,
      ...(x.contains !== undefined ? { contains: x.contains } : {}),
      ...(x.matches !== undefined ? { matches: x.matches } : {}),
      ...(x.equals !== undefined ? { equals: x.equals } : {}),
    };
  });

/** Why a pattern is not a valid JavaScript regular expression (the engine's own words), or undefined. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'm');
    return undefined;
  } catch (e) {
    return e instanceof SyntaxError ? e.message : 'invalid pattern';
  }
}

/**
 * A text a student reads, as a string (English) or by language. The loader replaces the second
 * form by one language's text before the schema runs (local-text.ts), so the value here is always
 * a string; the form is declared for the JSON Schema (editor completion).
 */
const textByLang = z
  .strictObject({ en: text, 'zh-CN': text.optional() })
  .meta({ description: 'the text in each language the lab speaks; en is required and is what a missing language falls back to' });
const localText = z.union([text, textByLang], { error: 'scenario.expected.text' }).transform((v) => (typeof v === 'string' ? v : v.en));

const choice = z
  .union([z.string(), z.number(), z.boolean(), textByLang], { error: 'scenario.expected.text' })
  .transform((v) => (typeof v === 'object' ? v.en : String(v)));

const quiz = z
  .strictObject({ ask: localText, choices: z.array(choice).min(2, { error: 'scenario.quiz.fewChoices' }), answer: choice, why: localText.optional() })
  .transform((q, ctx) => {
    if (!q.choices.includes(q.answer)) {
      report(ctx, msg('scenario.quiz.answerNotChoice', { answer: q.answer }), { path: ['answer'] });
      return z.NEVER;
    }
    return q;
  });

const checkpoint = z.strictObject({
  at: duration(),
  title: localText,
  say: localText.optional(),
  expect: z.array(expectation).default([]),
  quiz: quiz.optional(),
});

// ---------------------------------------------------------------------------------------------
// Top level

/** The `topic` values (what `lvslab list` groups by). */
export const TOPICS = ['nat', 'dr', 'tun', 'fullnat', 'synproxy', 'scheduling', 'persistence', 'keepalived', 'arp', 'netfilter', 'misc'] as const;

const segment = z.strictObject({ name: segmentName, latency: duration().optional() });

/** The whole format. */
export const scenarioSchema = z
  .strictObject({
    lvslab: z.literal(1, { error: 'scenario.version.bad' }),
    name: z.string({ error: 'scenario.expected.text' }).regex(new RegExp(SCENARIO_NAME_PATTERN), { error: 'scenario.name.scenario' }),
    title: localText,
    topic: z.enum(TOPICS, { error: 'scenario.expected.topic' }).default('misc'),
    summary: localText.optional(),
    seed: intIn(0, 0xffff_ffff, 1),
    segments: z.array(segment).default([]),
    hosts: z.record(hostName, hostSchema, { error: 'scenario.expected.hosts' }),
    traffic: z.array(traffic).default([]),
    events: z.array(event).default([]),
    checkpoints: z.array(checkpoint).default([]),
    until: duration().optional(),
    /** Simulator events the run may execute (default: the runner's EVENT_BUDGET); raise it for labs at scale. */
    budget: intIn(1000, 1_000_000_000).meta({ description: 'simulator events the run may execute before it stops (default 5,000,000)' }).optional(),
  })
  .meta({ title: 'lvslab scenario', description: 'A lab for lvslab, format version 1' });

export type Scenario = z.output<typeof scenarioSchema>;
export type HostSpec = z.output<typeof hostSchema>;
export type InterfaceSpec = z.output<typeof interfaceSchema>;
export type SegmentSpec = z.output<typeof segment>;
export type CheckpointSpec = z.output<typeof checkpoint>;
export type QuizSpec = z.output<typeof quiz>;
export type { Rate, Endpoint, AddrPrefix, Mac };

/** The JSON Schema (draft 2020-12) of the scenario format: what a file may contain. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}
