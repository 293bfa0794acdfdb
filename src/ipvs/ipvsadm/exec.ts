/**
 * Runs a parsed ipvsadm command against a host's IPVS state, as ipvsadm's process_options does
 * through libipvs: control commands call the control layer and turn a kernel errno into ipvsadm's
 * message (libipvs.c: ipvs_strerror, per command) with exit status 255; listings read the state
 * (counters as the estimator last saw them) and print with format.ts.
 */
import { SEC } from '../../net/types.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import { connProtocolName, connStateName } from '../conn.js';
import {
  addDest,
  addService,
  type CtlResult,
  delDest,
  delService,
  editDest,
  editService,
  findService,
  flush,
  getTimeouts,
  type IpvsErrno,
  setTimeouts,
  zero,
} from '../ctl.js';
import { type Dest, fwdToConnFlags } from '../dest.js';
import { addLaddr, delLaddr, getLaddrs } from '../laddr-ctl.js';
import { formatLaddrAll, type LaddrServiceEntry } from './format-laddr.js';
import type { Service } from '../service.js';
import { IP_VS_CONN_TAB_SIZE, type IpvsState } from '../state.js';
import {
  type ConnEntry,
  type DestEntry,
  formatConnections,
  formatListAll,
  formatListService,
  formatTimeout,
  formatVersion,
  type FormatOptions,
  listFormat,
  type ServiceEntry,
} from './format.js';
import { type IpvsadmCommand, type IpvsadmError, type ParsedIpvsadm, parseIpvsadm, type Span, type SvcArg } from './parse.js';
import { restoreTable } from './restore.js';

/** What running one ipvsadm line produced. */
export interface IpvsadmResult {
  /** What it printed on standard output. */
  readonly output: string;
  /** What it printed on standard error. */
  readonly stderr: string;
  readonly exitCode: number;
  /** Set when the command failed: what, why, and where in the line. */
  readonly error?: IpvsadmError;
}

/** ipvs_strerror's table: the message for an errno, by the libipvs call that failed. */
const STRERROR: Readonly<Record<string, Partial<Record<IpvsErrno, string>>>> = {
  'add-service': { EEXIST: 'Service already exists', ENOENT: 'Scheduler or persistence engine not found' },
  'edit-service': { ESRCH: 'No such service', ENOENT: 'Scheduler or persistence engine not found' },
  'delete-service': { ESRCH: 'No such service' },
  zero: { ESRCH: 'No such service' },
  'add-server': { ESRCH: 'Service not defined', EEXIST: 'Destination already exists' },
  'edit-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
  'delete-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
  list: { ESRCH: 'No such service' },
  'add-laddr': { ESRCH: 'Service not defined', EEXIST: 'Local address already exists' },
  'del-laddr': { ESRCH: 'Service not defined', ENOENT: 'No such Local address' },
  'get-laddr': { ESRCH: 'No such service' },
};

/** The generic entries of ipvs_strerror, then strerror(). */
const GENERIC_STRERROR: Readonly<Partial<Record<IpvsErrno, string>>> = {
  EINVAL: 'Invalid operation.  Possibly wrong module version, address not unicast, ...',
  ERANGE: 'Numerical result out of range',
  ESRCH: 'No such process',
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
};

function kernelError(cmd: string, errno: IpvsErrno, span: Span, exitCode = 255): IpvsadmResult {
  const message = STRERROR[cmd]?.[errno] ?? GENERIC_STRERROR[errno] ?? errno;
  const stderr = `${message}\n`;
  return { output: '', stderr, exitCode, error: { kind: 'kernel', message, stderr, exitCode, msg: msg('ipvs.ipvsadm.error', { text: message }), span } };
}

function failed(r: IpvsadmError): IpvsadmResult {
  return { output: '', stderr: r.stderr, exitCode: r.exitCode, error: r };
}

function done(output = ''): IpvsadmResult {
  return { output, stderr: '', exitCode: 0 };
}

/** Maps a control result to ipvsadm's outcome; `span` picks where an errno points. */
function outcome<T>(cmd: string, r: CtlResult<T>, span: (e: IpvsErrno) => Span): IpvsadmResult {
  if (r.ok) return done();
  if (r.errno === 'ENOTMODELLED') {
    const s = span(r.errno);
    return failed({ kind: 'notModelled', message: '', stderr: '', exitCode: 2, msg: r.msg ?? msg('ipvs.notModelled.command', { command: cmd }), span: s });
  }
  return kernelError(cmd, r.errno, span(r.errno));
}

function destEntry(d: Dest, now: number): DestEntry {
  return {
    daddr: d.daddr,
    dport: d.dport,
    connFlags: d.connFlags,
    weight: d.weight,
    activeConns: d.activeConns,
    inactConns: d.inactConns,
    persistConns: d.persistConns,
    uThreshold: d.uThreshold,
    lThreshold: d.lThreshold,
    stats: d.stats.read(now),
    tunType: 0,
    tunPort: 0,
    tunFlags: 0,
  };
}

/** What libipvs returns for a service (ipvs_get_service + ipvs_get_dests), at virtual time `now`. */
export function serviceEntry(svc: Service, now: number): ServiceEntry {
  return {
    protocol: svc.protocol,
    vaddr: svc.vaddr,
    vport: svc.vport,
    fwmark: svc.fwmark,
    schedName: svc.schedName,
    flags: svc.flags,
    timeout: svc.timeout,
    netmask: svc.netmask,
    peName: '',
    stats: svc.stats.read(now),
    dests: svc.destinations.toArray().map((d) => destEntry(d, now)),
  };
}

/** The lines of /proc/net/ip_vs_conn (one-packet entries are never hashed, so never listed). */
export function connEntries(ipvs: IpvsState): ConnEntry[] {
  const now = ipvs.host.sim.now;
  const out: ConnEntry[] = [];
  for (const cp of ipvs.conns) {
    out.push({
      protocol: connProtocolName(cp.protocol),
      caddr: cp.caddr,
      cport: cp.cport,
      vaddr: cp.vaddr,
      vport: cp.vport,
      daddr: cp.daddr,
      dport: cp.dport,
      state: connStateName(cp),
      expires: Math.max(0, Math.floor((cp.expires - now) / SEC)),
    });
  }
  return out;
}

function runList(ipvs: IpvsState, c: Extract<IpvsadmCommand, { cmd: 'list' }>, p: ParsedIpvsadm): IpvsadmResult {
  const f: FormatOptions = listFormat({ ...c.format, rule: false });
  if (c.connections) return done(formatConnections(connEntries(ipvs), f));
  const now = ipvs.host.sim.now;
  if (c.svc !== null) {
    const svc = findService(ipvs, c.svc);
    if (svc === undefined) return kernelError('list', 'ESRCH', p.svcSpan ?? p.commandSpan, 1);
    return done(formatListService(serviceEntry(svc, now), f));
  }
  if (c.timeout) {
    const t = getTimeouts(ipvs);
    return done(formatTimeout(t.tcp, t.tcpfin, t.udp));
  }
  if (c.daemon) return done('');
  const services = ipvs.servicesInHashOrder().map((s) => serviceEntry(s, now));
  return done(formatListAll(services, f, IP_VS_CONN_TAB_SIZE));
}

function laddrEntry(svc: Service): LaddrServiceEntry {
  return { vaddr: svc.vaddr, vport: svc.vport, laddrs: getLaddrs(svc) };
}

/**
 * `-G`: one service (list_laddrs; a missing one prints libipvs's message, and process_options
 * prints it a second time) or every service in the kernel's order (list_all_laddrs).
 */
function runGetLaddr(ipvs: IpvsState, sel: SvcArg | null, span: Span): IpvsadmResult {
  if (sel === null) return done(formatLaddrAll(ipvs.servicesInHashOrder().map(laddrEntry)));
  const svc = findService(ipvs, sel);
  if (svc !== undefined) return done(formatLaddrAll([laddrEntry(svc)]));
  const r = kernelError('get-laddr', 'ESRCH', span);
  const stderr = r.stderr + r.stderr;
  return r.error === undefined ? r : { ...r, stderr, error: { ...r.error, stderr } };
}

/** Runs a parsed command on `ipvs`; `stdin` is what `-R` reads (no standard input when undefined). */
export function execIpvsadm(ipvs: IpvsState, p: ParsedIpvsadm, stdin?: string): IpvsadmResult {
  const c = p.command;
  const svcSpan = p.svcSpan ?? p.commandSpan;
  const destSpan = p.destSpan ?? svcSpan;
  switch (c.cmd) {
    case 'version':
      return done(formatVersion());
    case 'list':
      return runList(ipvs, c, p);
    case 'save': {
      const f = listFormat({ numeric: c.numeric, rule: true });
      const now = ipvs.host.sim.now;
      return done(formatListAll(ipvs.servicesInHashOrder().map((s) => serviceEntry(s, now)), f, IP_VS_CONN_TAB_SIZE));
    }
    case 'add-service':
    case 'edit-service': {
      const u = { ...c.svc, schedName: c.schedName, flags: c.flags, timeout: c.timeout, netmask: c.netmask };
      const r = c.cmd === 'add-service' ? addService(ipvs, u) : editService(ipvs, u);
      return outcome(c.cmd, r, (e) => (e === 'ENOENT' || e === 'ENOTMODELLED' ? (p.schedSpan ?? p.commandSpan) : svcSpan));
    }
    case 'delete-service':
      return outcome(c.cmd, delService(ipvs, c.svc), () => svcSpan);
    case 'flush':
      return outcome(c.cmd, flush(ipvs), () => p.commandSpan);
    case 'zero':
      return outcome(c.cmd, zero(ipvs, c.svc), () => svcSpan);
    case 'set':
      return outcome(c.cmd, setTimeouts(ipvs, c), () => p.commandSpan);
    case 'add-server':
    case 'edit-server': {
      const d = c.dest;
      const u = {
        daddr: d.daddr,
        dport: d.dport,
        connFlags: fwdToConnFlags(d.fwd),
        weight: d.weight,
        uThreshold: d.uThreshold,
        lThreshold: d.lThreshold,
      };
      const r = c.cmd === 'add-server' ? addDest(ipvs, c.svc, u) : editDest(ipvs, c.svc, u);
      return outcome(c.cmd, r, (e) => (e === 'ESRCH' ? svcSpan : destSpan));
    }
    case 'delete-server':
      return outcome(c.cmd, delDest(ipvs, c.svc, c.dest.daddr, c.dest.dport), (e) => (e === 'ESRCH' ? svcSpan : destSpan));
    case 'add-laddr':
      return outcome(c.cmd, addLaddr(ipvs, c.svc, c.laddr), (e) => (e === 'ESRCH' ? svcSpan : c.laddrSpan));
    case 'del-laddr':
      return outcome(c.cmd, delLaddr(ipvs, c.svc, c.laddr), (e) => (e === 'ESRCH' ? svcSpan : c.laddrSpan));
    case 'get-laddr':
      return runGetLaddr(ipvs, c.svc, svcSpan);
    case 'restore':
      if (stdin === undefined) {
        return failed({ kind: 'notModelled', message: '', stderr: '', exitCode: 2, msg: msg('ipvs.restore.noStdin'), span: p.commandSpan });
      }
      return restoreTable(stdin, (line) => execIpvsadm(ipvs, line));
    default:
      return assertNever(c);
  }
}

/**
 * Parses and runs one ipvsadm line on `ipvs` (the leading word `ipvsadm` is optional); `stdin` is
 * its standard input, which only `-R` reads.
 */
export function runIpvsadm(ipvs: IpvsState, line: string, stdin?: string): IpvsadmResult {
  const parsed = parseIpvsadm(line);
  if (!parsed.ok) return failed(parsed.error);
  return execIpvsadm(ipvs, parsed.value, stdin);
}

