/**
 * One readable line per trace event, shared by the lab's event list and `lvslab run`'s plain text
 * output (one function, one format). Columns: time in seconds, host, where (interface, netfilter
 * hook, `ipvs`, `arp`, …), a short kind, then a summary in the vocabulary of the tool a student
 * would use to see the same thing: tcpdump for frames, `ip route get`, `ip neigh`, `ip monitor`
 * for devices, addresses and routes, `ipvsadm -L` and `ipvsadm -Lc` for IPVS, `ss` for sockets.
 *
 *     1.000050 client   eth0        tx    internet IP 203.0.113.10.40001 > 192.168.1.100.80: Flags [S], …
 */
import { assertNever } from '../assert-never.js';
import { render } from '../i18n/index.js';
import { formatIp4, formatMac } from '../net/wire/addr.js';
import { formatRouteText } from '../net/wire/route-text.js';
import type { FwdMethod, IpvsServiceSnapshot, TraceEvent, TraceEventKind } from '../trace/events.js';
import { summarize, summarizeIp } from '../trace/summary.js';
import type { TraceMeta } from '../trace/trace.js';
import { KIND_HUE, type Hue } from './color.js';
import { displayWidth, fitWidth, padStartToWidth, padToWidth } from './width.js';

export { fitWidth };

/** Width of the time column (seconds with 6 decimals: up to 999.999999 s stays aligned). */
export const TIME_WIDTH = 10;
/** Width of the "where" column: the longest netfilter hook name, POSTROUTING. */
export const WHERE_WIDTH = 11;
/** Width of the kind column. */
export const KIND_WIDTH = 5;

export interface EventLineOptions {
  /** Pad the host column to this width (the longest host name of the trace); default 8. */
  readonly hostWidth?: number;
  /** Pad segment names in frame summaries to this width; default 0 (no padding). */
  readonly segmentWidth?: number;
  /** Cut the line to this many terminal columns, ending it with `…` when cut. */
  readonly width?: number;
  /** Colour the kind column with ANSI escapes (for a terminal; the lab screen colours on its own). */
  readonly color?: boolean;
}

/** Line options fitted to a trace's names: hosts and segments line up in columns. */
export function eventLineOptions(meta: TraceMeta, color = false): EventLineOptions {
  let hostWidth = 0;
  for (const h of meta.hosts) hostWidth = Math.max(hostWidth, displayWidth(h));
  let segmentWidth = 0;
  for (const s of meta.segments) segmentWidth = Math.max(segmentWidth, displayWidth(s));
  return { hostWidth, segmentWidth, color };
}

/** The short kind column of each event kind (greppable: ` tx `, ` drop `, ` sched `). */
export const KIND_LABEL: Readonly<Record<TraceEventKind, string>> = {
  tx: 'tx',
  rx: 'rx',
  hook: 'hook',
  route: 'route',
  neigh: 'neigh',
  link: 'link',
  addr: 'addr',
  fib: 'fib',
  drop: 'drop',
  'ipvs.service': 'svc',
  'ipvs.dest': 'dest',
  'ipvs.sched': 'sched',
  'ipvs.conn': 'conn',
  'ipvs.xmit': 'xmit',
  'ipvs.synproxy': 'synpx',
  vrrp: 'vrrp',
  keepalived: 'kalive',
  host: 'host',
  sock: 'sock',
  app: 'app',
  cmd: 'cmd',
  checkpoint: 'check',
};

/** The forwarding method as ipvsadm's "Forward" column prints it. */
export const FWD_LABEL: Readonly<Record<FwdMethod, string>> = {
  masq: 'Masq',
  droute: 'Route',
  tunnel: 'Tunnel',
  fullnat: 'FullNat',
  localnode: 'Local',
  bypass: 'Bypass',
};

const NS_PER_US = 1_000;
const NS_PER_MS = 1_000_000;
const NS_PER_SEC = 1_000_000_000;

/** Virtual time as seconds with microsecond precision, the time column: `1.000050`. */
export function formatSeconds(ns: number): string {
  const sec = Math.floor(ns / NS_PER_SEC);
  const us = Math.floor((ns - sec * NS_PER_SEC) / NS_PER_US);
  return `${sec}.${String(us).padStart(6, '0')}`;
}

/** Virtual time for the header: `1.234567 s` from one second on, `12.345 ms` below it. */
export function formatVirtualTime(ns: number): string {
  if (ns >= NS_PER_SEC) return `${formatSeconds(ns)} s`;
  const ms = Math.floor(ns / NS_PER_MS);
  const us = Math.floor((ns - ms * NS_PER_MS) / NS_PER_US);
  return `${ms}.${String(us).padStart(3, '0')} ms`;
}

/** `TCP 192.168.1.100:80`, or `FWM 1` for a firewall-mark service, as ipvsadm names services. */
export function formatService(s: IpvsServiceSnapshot): string {
  if (s.fwmark > 0) return `FWM ${s.fwmark}`;
  return `${s.protocol} ${formatIp4(s.vaddr)}:${s.vport}`;
}

function endpoint(addr: number, port: number): string {
  return `${formatIp4(addr)}:${port}`;
}

/** The "where" column: interface, netfilter hook, or the subsystem that acted. */
export function eventWhere(e: TraceEvent): string {
  switch (e.kind) {
    case 'tx':
    case 'rx':
      return e.iface;
    case 'hook':
      return e.hook;
    case 'route':
      return e.dev ?? '-';
    case 'neigh':
      return 'arp';
    case 'link':
    case 'addr':
      return e.iface;
    case 'fib':
      return e.route.dev === '' ? '-' : e.route.dev;
    case 'drop':
      return '-';
    case 'ipvs.service':
    case 'ipvs.dest':
    case 'ipvs.sched':
    case 'ipvs.conn':
    case 'ipvs.xmit':
    case 'ipvs.synproxy':
      return 'ipvs';
    case 'vrrp':
      return e.iface;
    case 'keepalived':
      return e.checker ?? 'keepalived';
    case 'host':
      return '-';
    case 'sock':
      return 'tcp';
    case 'app':
      return e.app;
    case 'cmd':
      return 'shell';
    case 'checkpoint':
      return '-';
    default:
      return assertNever(e);
  }
}

function routeSummary(e: Extract<TraceEvent, { kind: 'route' }>): string {
  // `ip route get` prints the type first for everything but unicast.
  const parts: string[] = [];
  if (e.type !== 'unicast') parts.push(e.type);
  parts.push(formatIp4(e.dst));
  // An on-link destination is its own next hop; `ip route get` then prints no `via`.
  if (e.nextHop !== undefined && e.nextHop !== e.dst) parts.push('via', formatIp4(e.nextHop));
  if (e.dev !== undefined) parts.push('dev', e.dev);
  if (e.src !== undefined) parts.push('src', formatIp4(e.src));
  return parts.join(' ');
}

function neighSummary(e: Extract<TraceEvent, { kind: 'neigh' }>): string {
  // `ip neigh` / `ip monitor neigh` form.
  const base = `${formatIp4(e.ip)} dev ${e.iface}`;
  if (e.state === 'NONE') return `Deleted ${base}`;
  const lladdr = e.mac === undefined ? '' : ` lladdr ${formatMac(e.mac)}`;
  return `${base}${lladdr} ${e.state}`;
}

function linkSummary(e: Extract<TraceEvent, { kind: 'link' }>): string {
  switch (e.op) {
    case 'up':
    case 'down':
      return `${e.iface} ${e.op}`;
    case 'mtu':
      return `${e.iface} mtu ${e.mtu}`;
    case 'address':
      return `${e.iface} address ${e.mac === undefined ? '-' : formatMac(e.mac)}`;
    case 'new':
      return `${e.iface} new link/${e.link} mtu ${e.mtu} ${e.up ? 'up' : 'down'}`;
    default:
      return assertNever(e.op);
  }
}

function addrSummary(e: Extract<TraceEvent, { kind: 'addr' }>): string {
  // `ip monitor address` / `ip addr`'s inet line: the label ends it.
  const a = e.entry;
  const brd = a.broadcast === 0 ? '' : ` brd ${formatIp4(a.broadcast)}`;
  const secondary = a.secondary ? ' secondary' : '';
  return `${e.op} ${formatIp4(a.addr)}/${a.prefixLen}${brd} scope ${a.scope}${secondary} ${a.label}`;
}

/** The summary column: what happened, in the vocabulary of the matching tool. */
export function eventSummary(e: TraceEvent, opts: EventLineOptions = {}): string {
  switch (e.kind) {
    case 'tx':
    case 'rx':
      return `${padToWidth(e.segment, opts.segmentWidth ?? 0)} ${summarize(e.frame)}`;
    case 'hook': {
      const by = e.by === undefined ? '' : ` by ${e.by}`;
      return `${e.verdict}${by}: ${summarizeIp(e.packet)}`;
    }
    case 'route':
      return routeSummary(e);
    case 'neigh':
      return neighSummary(e);
    case 'link':
      return linkSummary(e);
    case 'addr':
      return addrSummary(e);
    case 'fib':
      // `ip monitor route`: the `ip route` line with its table (deletions say `del`, not `Deleted`, to line up with `add`).
      return `${e.op} ${formatRouteText(e.route, { showTable: true }).trimEnd()}`;
    case 'drop':
      return render(e.msg);
    case 'ipvs.service':
      return `${e.op} ${formatService(e.service)} ${e.service.scheduler}`;
    case 'ipvs.dest': {
      const d = e.dest;
      const tail =
        e.op === 'counters'
          ? `active ${d.activeConns} inact ${d.inactConns}`
          : `${FWD_LABEL[d.fwd]} weight ${d.weight}`;
      return `${e.op} ${formatService(e.service)} -> ${endpoint(d.daddr, d.dport)} ${tail}`;
    }
    case 'ipvs.sched': {
      const to = e.dest === undefined ? 'no destination' : endpoint(e.dest.daddr, e.dest.dport);
      return `${e.scheduler} ${formatService(e.service)} -> ${to}`;
    }
    case 'ipvs.conn': {
      const c = e.conn;
      const template = c.template ? ' template' : '';
      return (
        `${e.op} ${c.protocol} ${c.state} ${endpoint(c.caddr, c.cport)} -> ${endpoint(c.vaddr, c.vport)}` +
        (c.laddr !== undefined && c.lport !== undefined ? ` (${endpoint(c.laddr, c.lport)})` : '') +
        ` -> ${endpoint(c.daddr, c.dport)} ${FWD_LABEL[c.fwd]} ${c.timeout}s${template}`
      );
    }
    case 'ipvs.xmit':
      return `${FWD_LABEL[e.fwd]}: ${summarizeIp(e.after)}`;
    case 'sock':
      return `${e.state} ${endpoint(e.laddr, e.lport)} ${endpoint(e.raddr, e.rport)}`;
    case 'vrrp':
      // keepalived's own log line: "(VI_1) Entering MASTER STATE".
      return `(${e.instance}) ${e.from} -> ${e.state} vrid ${e.vrid} prio ${e.prio}`;
    case 'keepalived': {
      if (e.op === 'config-warning') return `warning ${e.conf ?? ''}: ${render(e.msg)}`;
      const at = [e.vs, e.rs === undefined ? undefined : `-> ${endpoint(e.rs.daddr, e.rs.dport)}`].filter((x) => x !== undefined).join(' ');
      return at === '' ? e.op : `${e.op} ${at}`;
    }
    case 'host':
      return e.op;
    case 'app':
    case 'ipvs.synproxy':
      return render(e.msg);
    case 'cmd':
      return e.exitCode === 0 ? `$ ${e.line}` : `$ ${e.line}  (exit ${e.exitCode})`;
    case 'checkpoint':
      return `#${e.index + 1} ${e.title}`;
    default:
      return assertNever(e);
  }
}

/** SGR foreground codes of the hues (ANSI 30-37, reset 39). */
const SGR: Readonly<Record<Hue, number>> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };

/** The one-line form of an event, used by the lab's event list and by `lvslab run`. */
export function formatEventLine(e: TraceEvent, opts: EventLineOptions = {}): string {
  const head = `${padStartToWidth(formatSeconds(e.t), TIME_WIDTH)} ${padToWidth(e.host, opts.hostWidth ?? 8)} ${padToWidth(eventWhere(e), WHERE_WIDTH)} `;
  const kind = padToWidth(KIND_LABEL[e.kind], KIND_WIDTH);
  const plain = `${head}${kind} ${eventSummary(e, opts)}`;
  const line = opts.width === undefined ? plain : fitWidth(plain, opts.width);
  const hue = KIND_HUE[e.kind];
  // Colour only when the kind column survived the cut whole; the visible text stays the same.
  if (opts.color !== true || hue === undefined || !line.startsWith(`${head}${kind}`)) return line;
  return `${head}\u001b[${SGR[hue]}m${kind}\u001b[39m${line.slice(head.length + kind.length)}`;
}
