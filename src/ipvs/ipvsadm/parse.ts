/**
 * The ipvsadm 1.31 command line (ipvsadm.c: parse_options, process_options, generic_opt_check),
 * parsed the way the real tool does it, with its own error texts and exit codes: popt option
 * scanning (long options, `--opt=value`, clustered short options like `-Ln`, `-p` with an
 * optional value), the first option must be the command, `-r` without a port copies the port of a
 * service given EARLIER on the line, DR/TUN servers get the service port, defaults are wlc, -g,
 * -w 1 and -p 360. Every error carries the position of the word (or letter) it is about.
 * The alibaba/DPVS additions are parsed too: `-b` is FULLNAT on -a/-e but --sched-flags on -A/-E,
 * `-P/-Q/-G … -z LIP` manage local addresses, `-j enable` turns SYNPROXY on. A command the real
 * tool accepts but the lab cannot simulate (one-packet scheduling, persistence engines, GUE/GRE
 * tunnels, IPv6, SCTP, the sync daemon) ends in a "not modelled" error at its option.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../net/wire/packet.js';
import type { Msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import { msg } from '../../i18n/message.js';
import type { DestFwd } from '../dest.js';
import { ONE_PACKET_MODELLED, SCTP_MODELLED } from '../modelled.js';
import { IP_VS_CONN_F_SYNPROXY } from '../synproxy.js';
import {
  IP_VS_SVC_F_ONEPACKET,
  IP_VS_SVC_F_PERSISTENT,
  IP_VS_SVC_F_SCHED1,
  IP_VS_SVC_F_SCHED2,
  IP_VS_SVC_F_SCHED3,
  IP_VS_SVC_F_SCHED_MASK,
  IPPROTO_SCTP,
} from '../service.js';
import { listFormat, type FormatOptions } from './format.js';
import { inetAton, isIpv6, serviceToPort, stringToNumber, strIsDigit, strtolWhole } from './inet.js';
import {
  COMMAND_OF,
  COMMANDS_V_OPTIONS,
  type CommandName,
  OPT_NAMES,
  OPTION_COLUMN,
  optIndex,
  type OptName,
  shortLookupFor,
  TUN_OPTS,
  TUN_TYPES,
  type TunType,
  TUNNEL_TYPES_V_OPTIONS,
} from './options.js';
import { type OptEvent, PoptScanner, spanOf } from './popt.js';
import { type Token, tokenize } from './tokenize.js';

/** Where in the line something is: character offset and length, and which word. */
export interface Span {
  readonly offset: number;
  readonly length: number;
  readonly tokenIndex: number;
}

/**
 * Why a command failed. `usage`/`popt`/`kernel` errors are ipvsadm's own (its exact stderr text);
 * `notModelled` means the real tool would accept the command but lvslab cannot simulate it yet;
 * `shell` is a line the shell itself would reject (an unterminated quote).
 */
export interface IpvsadmError {
  readonly kind: 'usage' | 'popt' | 'kernel' | 'notModelled' | 'shell';
  /** ipvsadm's message, as printed (first line, no newline); '' for lvslab's own errors. */
  readonly message: string;
  /** Everything ipvsadm prints on stderr, newlines included; '' for lvslab's own errors. */
  readonly stderr: string;
  readonly exitCode: number;
  /** The explanation for the trace and the UI. */
  readonly msg: Msg;
  /** The word (or letter) the error is about. */
  readonly span: Span;
  /**
   * Set when the error is in a line of `ipvsadm -R`'s standard input: that line's number
   * (1-based); `span` is then an offset in the standard-input text, not in the command line.
   */
  readonly stdinLine?: number;
}

/** A service selector: fwmark (non-zero) or <protocol, vaddr, vport>. */
export interface SvcArg {
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly fwmark: number;
}

/** A real server as given with -r and the server options. */
export interface DestArg {
  readonly daddr: Ip4;
  readonly dport: number;
  readonly fwd: DestFwd;
  readonly weight: number;
  readonly uThreshold: number;
  readonly lThreshold: number;
}

/** The listing format options (FMT_*) a `-L` command sets; `rule` is `-S`'s own. */
export type ListFormat = Omit<FormatOptions, 'rule'>;

/** A plain `-L` listing: every FMT_* bit off. */
const { rule: _rule, ...LIST_DEFAULTS }: FormatOptions = listFormat();

/** A parsed command the lab can run. */
export type IpvsadmCommand =
  | {
      readonly cmd: 'add-service' | 'edit-service';
      readonly svc: SvcArg;
      readonly schedName: string;
      readonly flags: number;
      readonly timeout: number;
      readonly netmask: Ip4;
    }
  | { readonly cmd: 'delete-service'; readonly svc: SvcArg }
  | { readonly cmd: 'flush' }
  | {
      readonly cmd: 'list';
      readonly svc: SvcArg | null;
      readonly connections: boolean;
      readonly timeout: boolean;
      readonly daemon: boolean;
      readonly format: ListFormat;
    }
  | { readonly cmd: 'add-server' | 'edit-server' | 'delete-server'; readonly svc: SvcArg; readonly dest: DestArg }
  | { readonly cmd: 'set'; readonly tcp: number; readonly tcpfin: number; readonly udp: number }
  | { readonly cmd: 'save'; readonly numeric: boolean }
  | { readonly cmd: 'zero'; readonly svc: SvcArg | null }
  | { readonly cmd: 'version' }
  | { readonly cmd: 'add-laddr' | 'del-laddr'; readonly svc: SvcArg; readonly laddr: Ip4; readonly laddrSpan: Span }
  | { readonly cmd: 'get-laddr'; readonly svc: SvcArg | null }
  | { readonly cmd: 'restore' };

/** A parsed line: the command and where its parts were. */
export interface ParsedIpvsadm {
  readonly command: IpvsadmCommand;
  /** The command word (the whole line's start when there is none). */
  readonly commandSpan: Span;
  readonly svcSpan: Span | null;
  readonly destSpan: Span | null;
  /** The `-s` value, when given. */
  readonly schedSpan: Span | null;
}

/** A parsed line, or why it cannot run. */
export type ParseResult = { readonly ok: true; readonly value: ParsedIpvsadm } | { readonly ok: false; readonly error: IpvsadmError };

/** IPVS_SVC_PERSISTENT_TIMEOUT: `-p` without a value (the man page's 300 is wrong). */
export const DEFAULT_PERSISTENT_TIMEOUT = 360;
/** MAX_TIMEOUT: 31 days. */
const MAX_TIMEOUT = 86400 * 31;
const INT_MAX = 2147483647;
const UINT_MAX = 4294967295;
/** IP_VS_SCHEDNAME_MAXLEN − 1 characters are kept of `-s`. */
const SCHEDNAME_MAX = 15;
const DEF_SCHED = 'wlc';
const PROGRAM = 'ipvsadm';

const SERVICE_ADDR = 1;
const SERVICE_PORT = 2;

function usage(message: string, span: Span, exitCode = 2): IpvsadmError {
  return { kind: 'usage', message, stderr: `${message}\n`, exitCode, msg: msg('ipvs.ipvsadm.error', { text: message }), span };
}

function tryHelp(span: Span): IpvsadmError {
  const message = `Try \`${PROGRAM} -h' or '${PROGRAM} --help' for more information.`;
  return { kind: 'usage', message, stderr: `${message}\n`, exitCode: 255, msg: msg('ipvs.ipvsadm.error', { text: message }), span };
}

function notModelled(m: Msg, span: Span): IpvsadmError {
  return { kind: 'notModelled', message: '', stderr: '', exitCode: 2, msg: m, span };
}

// ───────────────────────────── value parsers ─────────────────────────────

interface ParsedService {
  readonly result: number;
  readonly inet6: boolean;
  readonly addr: Ip4;
  readonly port: number | null;
}

/** parse_service: `addr[:port]` or `[v6addr]:port`; the port may be a service name. */
function parseService(buf: string, protocol: number): ParsedService {
  const none: ParsedService = { result: 0, inet6: false, addr: 0, port: null };
  if (strIsDigit(buf)) return none;
  let b = buf;
  let portText: string | null = null;
  if (b.startsWith('[')) {
    b = b.slice(1);
    const close = b.indexOf(']');
    if (close < 0) return none;
    const after = b.slice(close + 1);
    b = b.slice(0, close);
    if (!after.startsWith(':')) return none;
    portText = after.slice(1);
  }
  let inet6 = false;
  let addr: Ip4 = 0;
  if (isIpv6(b)) {
    inet6 = true;
  } else {
    const colon = b.lastIndexOf(':');
    portText = null;
    if (colon >= 0) {
      portText = b.slice(colon + 1);
      b = b.slice(0, colon);
    }
    const a = inetAton(b);
    if (a === undefined) return none;
    addr = a;
  }
  if (portText === null) return { result: SERVICE_ADDR, inet6, addr, port: null };
  const port = stringToNumber(portText, 0, 65535) ?? serviceToPort(portText, protocol);
  if (port === undefined) return none;
  return { result: SERVICE_ADDR | SERVICE_PORT, inet6, addr, port };
}

/** parse_fwmark: 1..UINT_MAX. */
function parseFwmark(buf: string): number | undefined {
  const v = strtolWhole(buf);
  return v === undefined || v <= 0 || v > UINT_MAX ? undefined : v;
}

/** parse_sched_flags: each flag's bit, and the scheduler it belongs to. */
const SCHED_FLAG_BITS: ReadonlyMap<string, { readonly bit: number; readonly sched?: string }> = new Map([
  ['flag-1', { bit: IP_VS_SVC_F_SCHED1 }],
  ['flag-2', { bit: IP_VS_SVC_F_SCHED2 }],
  ['flag-3', { bit: IP_VS_SVC_F_SCHED3 }],
  ['sh-fallback', { bit: IP_VS_SVC_F_SCHED1, sched: 'sh' }],
  ['sh-port', { bit: IP_VS_SVC_F_SCHED2, sched: 'sh' }],
  ['mh-fallback', { bit: IP_VS_SVC_F_SCHED1, sched: 'mh' }],
  ['mh-port', { bit: IP_VS_SVC_F_SCHED2, sched: 'mh' }],
]);

// ───────────────────────────── the parser ─────────────────────────────

interface Work {
  cmd: CommandName | null;
  cmdSpan: Span;
  protocol: number;
  vaddr: Ip4;
  vport: number;
  fwmark: number;
  svcInet6: boolean;
  svcSpan: Span | null;
  schedName: string;
  schedSpan: Span | null;
  svcFlags: number;
  timeout: number;
  netmask: Ip4;
  pe: string;
  daddr: Ip4;
  dport: number;
  destInet6: boolean;
  destSpan: Span | null;
  fwd: DestFwd;
  fwdSpan: Span | null;
  weight: number;
  uThreshold: number;
  lThreshold: number;
  tunType: TunType;
  /** -z (alibaba): the local address, where it was, and whether it was IPv6. */
  laddr: Ip4;
  laddrSpan: Span | null;
  laddrInet6: boolean;
  schedFlagsArg: string;
  schedFlagsSpan: Span | null;
  format: { -readonly [K in keyof ListFormat]: ListFormat[K] };
  /** The span of the first word that set each option column (set_option). */
  seen: (Span | undefined)[];
}

function newWork(lineSpan: Span): Work {
  return {
    cmd: null,
    cmdSpan: lineSpan,
    protocol: 0,
    vaddr: 0,
    vport: 0,
    fwmark: 0,
    svcInet6: false,
    svcSpan: null,
    schedName: '',
    schedSpan: null,
    svcFlags: 0,
    timeout: 0,
    netmask: 0xffff_ffff,
    pe: '',
    daddr: 0,
    dport: 0,
    destInet6: false,
    destSpan: null,
    fwd: 'droute',
    fwdSpan: null,
    weight: 1,
    uThreshold: 0,
    lThreshold: 0,
    tunType: 'ipip',
    laddr: 0,
    laddrSpan: null,
    laddrInet6: false,
    schedFlagsArg: '',
    schedFlagsSpan: null,
    format: { ...LIST_DEFAULTS },
    seen: new Array<Span | undefined>(OPT_NAMES.length),
  };
}

function has(w: Work, name: OptName): boolean {
  return w.seen[optIndex(name)] !== undefined;
}

/** set_option: the second time an option column is set is an error. */
function setOption(w: Work, name: OptName, span: Span): IpvsadmError | undefined {
  const j = optIndex(name);
  if (w.seen[j] !== undefined) return usage(`multiple '${name}' options specified`, span);
  w.seen[j] = span;
  return undefined;
}

/** Parser options. */
export interface ParseOptions {
  /**
   * Default true: a command the lab cannot simulate yet is an error. False parses the full
   * grammar (any scheduler, -m, -i, -p …) for tools that only read commands; the sync daemon
   * still fails, having no command form here.
   */
  readonly checkModelled?: boolean;
}

/** Parses one ipvsadm command line (the leading word `ipvsadm` is optional). */
export function parseIpvsadm(line: string, opts: ParseOptions = {}): ParseResult {
  const lex = tokenize(line);
  const lineSpan: Span = { offset: 0, length: line.length, tokenIndex: 0 };
  if (!lex.ok) {
    const span = { offset: lex.error.offset, length: 1, tokenIndex: 0 };
    return {
      ok: false,
      error: { kind: 'shell', message: '', stderr: '', exitCode: 2, msg: msg('ipvs.ipvsadm.unterminatedQuote', { quote: lex.error.quote }), span },
    };
  }
  let args = lex.tokens;
  const first = args[0];
  if (first !== undefined && (first.text === PROGRAM || first.text.endsWith(`/${PROGRAM}`))) args = args.slice(1);
  const result = parseArgs(args, lineSpan, opts.checkModelled ?? true);
  return 'error' in result ? { ok: false, error: result.error } : { ok: true, value: result.value };
}

/**
 * Parses an argument vector already split into words (argv[1..]), such as a line of `ipvsadm -R`'s
 * standard input; `lineLength` is the length of the text the words' offsets refer to.
 */
export function parseIpvsadmWords(words: readonly Token[], lineLength: number, opts: ParseOptions = {}): ParseResult {
  const result = parseArgs(words, { offset: 0, length: lineLength, tokenIndex: 0 }, opts.checkModelled ?? true);
  return 'error' in result ? { ok: false, error: result.error } : { ok: true, value: result.value };
}

function parseArgs(
  args: readonly Token[],
  lineSpan: Span,
  checkModelled: boolean,
): { readonly value: ParsedIpvsadm } | { readonly error: IpvsadmError } {
  const w = newWork(lineSpan);
  if (args.length === 0) {
    // No arguments: list everything, names resolved (list_all(FMT_NONE)).
    return { value: { command: listCommand(w, null), commandSpan: lineSpan, svcSpan: null, destSpan: null, schedSpan: null } };
  }
  const scan = new PoptScanner(args);
  const firstEv = scan.next();
  const firstSpan = args[0] === undefined ? lineSpan : spanOf(args[0]);
  if (firstEv.kind !== 'opt') return { error: tryHelp(firstEv.kind === 'error' ? firstEv.span : firstSpan) };
  const tag = firstEv.def.tag;
  if (tag === 'v') {
    return { value: { command: { cmd: 'version' }, commandSpan: firstEv.span, svcSpan: null, destSpan: null, schedSpan: null } };
  }
  if (tag === 'h') return { error: notModelled(msg('ipvs.notModelled.help'), firstEv.span) };
  const cmd = COMMAND_OF[tag];
  if (cmd === undefined) return { error: tryHelp(firstEv.span) };
  w.cmd = cmd;
  w.cmdSpan = firstEv.span;
  scan.shortLookup = shortLookupFor(cmd);
  if (cmd === 'start-daemon' || cmd === 'stop-daemon') {
    if (firstEv.value !== 'master' && firstEv.value !== 'backup') {
      const text = cmd === 'start-daemon' ? 'illegal start-daemon parameter specified' : 'illegal start_daemon specified';
      return { error: usage(text, firstEv.valueSpan ?? firstEv.span) };
    }
  }

  for (;;) {
    const ev = scan.next();
    if (ev.kind === 'end') break;
    if (ev.kind === 'error') {
      const text = `${ev.token.text}: ${ev.reason}`;
      return { error: { kind: 'popt', message: text, stderr: `${text}\n`, exitCode: 255, msg: msg('ipvs.ipvsadm.error', { text }), span: ev.span } };
    }
    const err = applyOption(w, ev);
    if (err !== undefined) return { error: err };
  }

  // --set takes exactly three leftover words.
  const leftovers = scan.leftovers;
  let timeouts: readonly number[] = [];
  if (cmd === 'set') {
    if (leftovers.length < 3) return { error: usage('--set option requires 3 timeout values', w.cmdSpan) };
    const values: number[] = [];
    for (const t of leftovers.slice(0, 3)) {
      const v = stringToNumber(t.text, 0, MAX_TIMEOUT);
      if (v === undefined) return { error: usage(`invalid timeout value \`${t.text}' specified`, spanOf(t)) };
      values.push(v);
    }
    timeouts = values;
    leftovers.splice(0, 3);
  }
  const extra = leftovers[0];
  if (extra !== undefined) return { error: usage(`unexpected argument ${extra.text}`, spanOf(extra)) };

  if (w.schedFlagsArg !== '') {
    const sched = w.schedName !== '' ? w.schedName : DEF_SCHED;
    const flagsSpan = w.schedFlagsSpan ?? w.cmdSpan;
    const names = w.schedFlagsArg.split(',').filter((f) => f !== '');
    if (names.length === 0) return { error: usage(`invalid scheduler flag \`${w.schedFlagsArg}'`, flagsSpan) };
    let bits = 0;
    for (const f of names) {
      const def = SCHED_FLAG_BITS.get(f);
      if (def === undefined) return { error: usage(`invalid scheduler flag \`${f}'`, flagsSpan) };
      bits |= def.bit;
      if (def.sched !== undefined && def.sched !== sched) return { error: usage(`incompatible scheduler flag \`${f}'`, flagsSpan) };
    }
    w.svcFlags = (w.svcFlags & ~IP_VS_SVC_F_SCHED_MASK) | bits;
  }

  const optErr = genericOptCheck(w, cmd);
  if (optErr !== undefined) return { error: optErr };

  if (cmd === 'add-service' || cmd === 'edit-service') {
    if (w.fwmark === 0 && w.vport === 0 && (w.svcFlags & IP_VS_SVC_F_PERSISTENT) === 0) {
      return { error: usage('Zero port specified for non-persistent service', w.svcSpan ?? w.cmdSpan) };
    }
    if (w.svcFlags & IP_VS_SVC_F_ONEPACKET && w.fwmark === 0 && w.protocol !== IPPROTO_UDP) {
      return { error: usage('One-Packet Scheduling is only for UDP virtual services', w.seen[optIndex('ops')] ?? w.cmdSpan) };
    }
    if (w.schedName === '') w.schedName = DEF_SCHED;
  }

  if (cmd === 'add-server' || cmd === 'edit-server') {
    if (w.fwmark === 0 && (w.fwd === 'tunnel' || w.fwd === 'droute')) w.dport = w.vport;
    if (w.destInet6 !== w.svcInet6 && w.fwd !== 'tunnel') {
      return { error: usage('Different address family is allowed only for tunneling servers', w.destSpan ?? w.cmdSpan) };
    }
    const tunOpt = ['tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'].find((n) => has(w, n as OptName));
    if (tunOpt !== undefined && w.fwd !== 'tunnel') {
      return { error: usage('Tunnel options conflict with forward method', w.seen[optIndex(tunOpt as OptName)] ?? w.cmdSpan) };
    }
    const tunErr = tunnelOptCheck(w);
    if (tunErr !== undefined) return { error: tunErr };
  }

  if (cmd === 'list') {
    const f = w.format;
    const what = has(w, 'connection') || has(w, 'timeout') || has(w, 'daemon');
    if ((what && (f.stats || f.rate || f.thresholds)) || ((has(w, 'timeout') || has(w, 'daemon')) && f.persistentConn)) {
      return { error: usage('options conflicts in the list command', w.cmdSpan) };
    }
  }

  if (cmd === 'start-daemon' || cmd === 'stop-daemon') {
    return { error: notModelled(msg('ipvs.notModelled.command', { command: cmd }), w.cmdSpan) };
  }
  const nm = checkModelled ? modelledCheck(w, cmd) : undefined;
  if (nm !== undefined) return { error: nm };
  return { value: buildCommand(w, cmd, timeouts) };
}

/** The body of parse_options' loop for one option. */
function applyOption(w: Work, ev: OptEvent): IpvsadmError | undefined {
  const tag = ev.def.tag;
  if (tag === 'sort') return undefined;
  if (tag === '6') {
    if (w.fwmark === 0) return usage('-6 used before -f\n', ev.span);
    w.svcInet6 = true;
    return undefined;
  }
  const column = OPTION_COLUMN[tag];
  if (column === undefined) return usage(`invalid option \`${ev.token.text}'`, ev.span);
  const dup = setOption(w, column, ev.span);
  if (dup !== undefined) return dup;
  const value = ev.value ?? '';
  const vspan = ev.valueSpan ?? ev.span;
  switch (tag) {
    case 't':
    case 'u':
    case 'sctp-service': {
      w.protocol = tag === 't' ? IPPROTO_TCP : tag === 'u' ? IPPROTO_UDP : IPPROTO_SCTP;
      const p = parseService(value, w.protocol);
      if ((p.result & SERVICE_ADDR) === 0) return usage('illegal virtual server address[:port] specified', vspan);
      w.vaddr = p.addr;
      w.vport = p.port ?? 0;
      w.svcInet6 = p.inet6;
      w.svcSpan = vspan;
      return undefined;
    }
    case 'f': {
      w.protocol = IPPROTO_TCP;
      w.svcInet6 = false;
      const mark = parseFwmark(value);
      if (mark === undefined) return usage(`invalid fwmark value \`${value}' specified`, vspan);
      w.fwmark = mark;
      w.svcSpan = vspan;
      return undefined;
    }
    case 's':
      w.schedName = value.slice(0, SCHEDNAME_MAX);
      w.schedSpan = vspan;
      return undefined;
    case 'p': {
      w.svcFlags |= IP_VS_SVC_F_PERSISTENT;
      if (ev.value === null) {
        w.timeout = DEFAULT_PERSISTENT_TIMEOUT;
        return undefined;
      }
      const t = stringToNumber(value, 1, MAX_TIMEOUT);
      if (t === undefined) return usage(`invalid timeout value \`${value}' specified`, vspan);
      w.timeout = t;
      return undefined;
    }
    case 'M': {
      if (w.svcInet6) {
        const plen = Number.parseInt(value, 10);
        if (!(plen >= 1 && plen <= 128)) return usage('illegal ipv6 netmask specified', vspan);
        return undefined;
      }
      const mask = inetAton(value);
      if (mask === undefined) return usage('illegal virtual server persistent mask specified', vspan);
      w.netmask = mask;
      return undefined;
    }
    case 'r': {
      const p = parseService(value, w.protocol);
      if ((p.result & SERVICE_ADDR) === 0) return usage('illegal real server address[:port] specified', vspan);
      w.daddr = p.addr;
      w.destInet6 = p.inet6;
      // Without a port, the service port known SO FAR is copied.
      w.dport = p.result === SERVICE_ADDR ? w.vport : (p.port ?? 0);
      w.destSpan = vspan;
      return undefined;
    }
    case 'm':
    case 'i':
    case 'g':
      w.fwd = tag === 'm' ? 'masq' : tag === 'i' ? 'tunnel' : 'droute';
      w.fwdSpan = ev.span;
      return undefined;
    case 'fullnat':
      w.fwd = 'fullnat';
      w.fwdSpan = ev.span;
      return undefined;
    case 'z': {
      // alibaba parses -z with parse_service into a scratch service: a port, if any, is ignored.
      const p = parseService(value, IPPROTO_TCP);
      if ((p.result & SERVICE_ADDR) === 0) return usage('illegal local address', vspan);
      w.laddr = p.addr;
      w.laddrInet6 = p.inet6;
      w.laddrSpan = vspan;
      return undefined;
    }
    case 'w':
      return numberOption(value, 0, 65535, 'illegal weight specified', vspan, (n) => (w.weight = n));
    case 'x':
      return numberOption(value, 0, INT_MAX, 'illegal u_threshold specified', vspan, (n) => (w.uThreshold = n));
    case 'y':
      return numberOption(value, 0, INT_MAX, 'illegal l_threshold specified', vspan, (n) => (w.lThreshold = n));
    case 'syncid':
      return numberOption(value, 0, 255, 'illegal syncid specified', vspan, () => undefined);
    case 'mcast-port':
      return numberOption(value, 1, 65535, 'illegal mcast-port specified', vspan, () => undefined);
    case 'mcast-ttl':
      return numberOption(value, 1, 255, 'illegal mcast-ttl specified', vspan, () => undefined);
    case 'sync-maxlen':
      return numberOption(value, 1, 65535 - 20 - 8, 'illegal sync-maxlen specified', vspan, () => undefined);
    case 'tun-port':
      return numberOption(value, 1, 65535, 'illegal tunnel port specified', vspan, () => undefined);
    case 'mcast-group': {
      if (value.includes(':')) {
        const group0 = value.split(':')[0] ?? '';
        if (!isIpv6(value) || group0.length !== 4 || !/^ff/i.test(group0)) {
          return usage(`invalid IPv6 mcast-group \`${value}'`, vspan);
        }
        return undefined;
      }
      const g = inetAton(value);
      if (g === undefined || g >>> 28 !== 0xe) return usage(`invalid IPv4 mcast-group \`${value}'`, vspan);
      return undefined;
    }
    case 'tun-type': {
      const t = TUN_TYPES.find((x) => x === value);
      if (t === undefined) return usage('illegal tunnel type specified', vspan);
      w.tunType = t;
      return undefined;
    }
    case 'n':
      w.format.numeric = true;
      return undefined;
    case 'stats':
      w.format.stats = true;
      return undefined;
    case 'rate':
      w.format.rate = true;
      return undefined;
    case 'thresholds':
      w.format.thresholds = true;
      return undefined;
    case 'persistent-conn':
      w.format.persistentConn = true;
      return undefined;
    case 'nosort':
      w.format.nosort = true;
      return undefined;
    case 'X':
      w.format.exact = true;
      return undefined;
    case 'tun-info':
      w.format.tunInfo = true;
      return undefined;
    case 'o':
      w.svcFlags |= IP_VS_SVC_F_ONEPACKET;
      return undefined;
    case 'pe':
      w.pe = value.slice(0, 32);
      return undefined;
    case 'b':
      w.schedFlagsArg = value.slice(0, 127);
      w.schedFlagsSpan = vspan;
      return undefined;
    case 'j':
      // alibaba compares the first strlen("enable") / strlen("disable") bytes: a prefix match.
      if (value.startsWith('enable')) w.svcFlags |= IP_VS_CONN_F_SYNPROXY;
      else if (value.startsWith('disable')) w.svcFlags &= ~IP_VS_CONN_F_SYNPROXY;
      // The alibaba tool's fail() text itself ends in a newline, so stderr shows a blank line after it.
      else return { ...usage('synproxy switch must be enable or disable', vspan), stderr: 'synproxy switch must be enable or disable\n\n' };
      return undefined;
    default:
      // -c, --timeout, --daemon, --mcast-interface, --tun-nocsum/--tun-csum/--tun-remcsum: only recorded.
      return undefined;
  }
}

function numberOption(value: string, min: number, max: number, text: string, span: Span, set: (n: number) => void): IpvsadmError | undefined {
  const n = stringToNumber(value, min, max);
  if (n === undefined) return usage(text, span);
  set(n);
  return undefined;
}

/** generic_opt_check: compulsory, illegal and mutually exclusive options, in column order. */
function genericOptCheck(w: Work, cmd: CommandName): IpvsadmError | undefined {
  const row = COMMANDS_V_OPTIONS[cmd];
  let last = -1;
  let count = 0;
  for (let j = 0; j < OPT_NAMES.length; j++) {
    const rule = row[j];
    const span = w.seen[j];
    const name = OPT_NAMES[j] as OptName;
    if (span === undefined) {
      if (rule === '+') return usage(`You need to supply the '${name}' option for the '${cmd}' command`, w.cmdSpan);
      continue;
    }
    if (rule === 'x') return usage(`Illegal '${name}' option with the '${cmd}' command`, span);
    if (rule === '1') {
      count++;
      if (count === 1) {
        last = j;
        continue;
      }
      return usage(`The option '${name}' conflicts with the '${OPT_NAMES[last] as string}' option in the '${cmd}' command`, span);
    }
  }
  return undefined;
}

/** tunnel_opt_check: which tunnel options the tunnel type takes. */
function tunnelOptCheck(w: Work): IpvsadmError | undefined {
  const row = TUNNEL_TYPES_V_OPTIONS[w.tunType];
  let last: OptName | null = null;
  let count = 0;
  for (let j = 0; j < TUN_OPTS.length; j++) {
    const name = TUN_OPTS[j] as OptName;
    const rule = row[j];
    const span = w.seen[optIndex(name)];
    if (span === undefined) {
      if (rule === '+') return usage(`You need to supply the '${name}' option for the '${w.tunType}' tunnel type`, w.fwdSpan ?? w.cmdSpan);
      continue;
    }
    if (rule === 'x') return usage(`Illegal '${name}' option with the '${w.tunType}' tunnel type`, span);
    if (rule === '1') {
      count++;
      if (count === 1) {
        last = name;
        continue;
      }
      return usage(`The option '${name}' conflicts with the '${last ?? ''}' option in the '${w.tunType}' tunnel type`, span);
    }
  }
  return undefined;
}

/** Commands the real tool accepts but the lab cannot simulate yet, at the option responsible. */
function modelledCheck(w: Work, cmd: RunnableCommand): IpvsadmError | undefined {
  if (w.svcInet6 && w.svcSpan !== null) return notModelled(msg('ipvs.notModelled.ipv6'), w.svcSpan);
  if (w.svcInet6) return notModelled(msg('ipvs.notModelled.ipv6'), w.seen[optIndex('service-address')] ?? w.cmdSpan);
  if (w.destInet6) return notModelled(msg('ipvs.notModelled.ipv6'), w.destSpan ?? w.cmdSpan);
  if (w.laddrInet6) return notModelled(msg('ipvs.notModelled.ipv6'), w.laddrSpan ?? w.cmdSpan);
  if (cmd === 'add-service' || cmd === 'edit-service') {
    if (!SCTP_MODELLED && w.fwmark === 0 && w.protocol === IPPROTO_SCTP) {
      return notModelled(msg('ipvs.notModelled.sctp'), w.svcSpan ?? w.cmdSpan);
    }
    if (!ONE_PACKET_MODELLED && w.svcFlags & IP_VS_SVC_F_ONEPACKET) {
      return notModelled(msg('ipvs.notModelled.ops'), w.seen[optIndex('ops')] ?? w.cmdSpan);
    }
    if (w.pe !== '') return notModelled(msg('ipvs.notModelled.pe', { name: w.pe }), w.seen[optIndex('pe')] ?? w.cmdSpan);
  }
  if ((cmd === 'add-server' || cmd === 'edit-server') && w.fwd === 'tunnel' && w.tunType !== 'ipip') {
    return notModelled(msg('ipvs.tun.typeNotModelled', { type: w.tunType }), w.seen[optIndex('tun-type')] ?? w.cmdSpan);
  }
  return undefined;
}

function svcArg(w: Work): SvcArg {
  return w.fwmark !== 0
    ? { protocol: IPPROTO_TCP, vaddr: 0, vport: 0, fwmark: w.fwmark }
    : { protocol: w.protocol, vaddr: w.vaddr, vport: w.vport, fwmark: 0 };
}

function listCommand(w: Work, svc: SvcArg | null): IpvsadmCommand {
  return {
    cmd: 'list',
    svc,
    connections: has(w, 'connection'),
    timeout: has(w, 'timeout'),
    daemon: has(w, 'daemon'),
    format: { ...w.format },
  };
}

/** The commands the lab runs (the sync daemon is not modelled). */
type RunnableCommand = Exclude<CommandName, 'start-daemon' | 'stop-daemon'>;

function buildCommand(w: Work, cmd: RunnableCommand, timeouts: readonly number[]): ParsedIpvsadm {
  const hasSvc = has(w, 'service-address');
  let command: IpvsadmCommand;
  switch (cmd) {
    case 'add-service':
    case 'edit-service':
      command = { cmd, svc: svcArg(w), schedName: w.schedName, flags: w.svcFlags, timeout: w.timeout, netmask: w.netmask };
      break;
    case 'delete-service':
      command = { cmd, svc: svcArg(w) };
      break;
    case 'flush':
      command = { cmd };
      break;
    case 'list':
      command = listCommand(w, hasSvc ? svcArg(w) : null);
      break;
    case 'add-server':
    case 'edit-server':
    case 'delete-server':
      command = {
        cmd,
        svc: svcArg(w),
        dest: { daddr: w.daddr, dport: w.dport, fwd: w.fwd, weight: w.weight, uThreshold: w.uThreshold, lThreshold: w.lThreshold },
      };
      break;
    case 'set':
      command = { cmd, tcp: timeouts[0] ?? 0, tcpfin: timeouts[1] ?? 0, udp: timeouts[2] ?? 0 };
      break;
    case 'save':
      command = { cmd, numeric: w.format.numeric };
      break;
    case 'zero':
      command = { cmd, svc: hasSvc ? svcArg(w) : null };
      break;
    case 'add-laddr':
    case 'del-laddr':
      command = { cmd, svc: svcArg(w), laddr: w.laddr, laddrSpan: w.laddrSpan ?? w.cmdSpan };
      break;
    case 'get-laddr':
      command = { cmd, svc: hasSvc ? svcArg(w) : null };
      break;
    case 'restore':
      command = { cmd };
      break;
    default:
      return assertNever(cmd);
  }
  return { command, commandSpan: w.cmdSpan, svcSpan: w.svcSpan, destSpan: w.destSpan, schedSpan: w.schedSpan };
}
