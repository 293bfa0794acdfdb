/**
 * The public scheduler API: build a service with one of lvslab's kernel schedulers, change its real
 * servers as ipvsadm would (-a links a server at the head of the list, -e edits in place, -d
 * unlinks), set the connection counters a scheduler looks at, and ask which server the next new
 * connection goes to. No host and no packets are involved, so property tests can drive a scheduler
 * directly. Errors are thrown as `IpvsError`, with ipvsadm's message where it has one.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { Ip4 } from '../net/wire/addr.js';
import { parseIp4 } from '../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../net/wire/packet.js';
import { render } from '../i18n/index.js';
import type { Msg } from '../i18n/message.js';
import { msg } from '../i18n/message.js';
import { Dest, type DestFwd, fwdToConnFlags, IP_VS_DEST_F_OVERLOAD } from './dest.js';
import { NO_SCHEDULER } from './modelled.js';
import { findScheduler } from './sched/registry.js';
import { destLoadChanged, type SchedEnv, type SchedPacket } from './sched/scheduler.js';
import { bindScheduler, IP_VS_SVC_F_SCHED_MASK, lookupDest, Service, unlinkDest, updateDest } from './service.js';
import { IpvsStats } from './stats.js';
import { IPVS_SYSCTL_DEFAULTS } from './state.js';

/** An error from the scheduler API: a kernel errno and its explanation. */
export class IpvsError extends Error {
  readonly errno: 'EEXIST' | 'ENOENT' | 'ERANGE' | 'EINVAL';
  readonly msg: Msg;

  constructor(errno: IpvsError['errno'], m: Msg) {
    super(render(m));
    this.name = 'IpvsError';
    this.errno = errno;
    this.msg = m;
  }
}

/** How to create a service. */
export interface ServiceOptions {
  /** A kernel scheduler short name lvslab models (see `schedulerNames()`), or `none`. */
  readonly scheduler: string;
  readonly protocol?: 'TCP' | 'UDP';
  /** The VIP (number or dotted quad); default 0.0.0.0. */
  readonly vaddr?: Ip4 | string;
  readonly vport?: number;
  /** A fwmark service when non-zero. */
  readonly fwmark?: number;
  /** IP_VS_SVC_F_SCHED1..3 bits (`-b flag-1` …, `sh-fallback` …). */
  readonly schedFlags?: number;
}

/** A real server's settings (defaults as ipvsadm: port 0, DR, weight 1, no thresholds). */
export interface DestOptions {
  readonly daddr: Ip4 | string;
  readonly dport?: number;
  readonly fwd?: DestFwd;
  readonly weight?: number;
  readonly uThreshold?: number;
  readonly lThreshold?: number;
}

/** Counters a scheduler reads; set them to stage a situation. */
export interface DestCounters {
  readonly activeConns?: number;
  readonly inactConns?: number;
  readonly persistConns?: number;
  /** Sets or clears IP_VS_DEST_F_OVERLOAD. */
  readonly overloaded?: boolean;
}

function addr(a: Ip4 | string): Ip4 {
  if (typeof a === 'number') return a >>> 0;
  const v = parseIp4(a);
  if (v === undefined) throw new IpvsError('EINVAL', msg('ipvs.api.badAddress', { text: a }));
  return v;
}

/**
 * Creates a service bound to a scheduler, as `ipvsadm -A -s <name>` does. `env` is the clock at
 * bind time (lblc/lblcr time their cache garbage collection from it; default: time 0).
 * @throws IpvsError ENOENT for a name no kernel has (lvslab models every scheduler a current kernel ships).
 */
export function createService(opts: ServiceOptions, env?: SchedEnv): Service {
  const name = opts.scheduler;
  const sched = name === NO_SCHEDULER ? null : findScheduler(name);
  if (sched === undefined) {
    throw new IpvsError('ENOENT', msg('ipvs.ipvsadm.error', { text: 'Scheduler or persistence engine not found' }));
  }
  const fwmark = opts.fwmark ?? 0;
  const protocol = fwmark !== 0 || opts.protocol !== 'UDP' ? IPPROTO_TCP : IPPROTO_UDP;
  const svc = new Service(protocol, fwmark !== 0 ? 0 : addr(opts.vaddr ?? 0), fwmark !== 0 ? 0 : (opts.vport ?? 0), fwmark, new IpvsStats(0, 0));
  svc.flags = (opts.schedFlags ?? 0) & IP_VS_SVC_F_SCHED_MASK;
  bindScheduler(svc, sched, env);
  return svc;
}

function destUser(o: DestOptions, daddr: Ip4) {
  const u = {
    daddr,
    dport: o.dport ?? 0,
    connFlags: fwdToConnFlags(o.fwd ?? 'droute'),
    weight: o.weight ?? 1,
    uThreshold: o.uThreshold ?? 0,
    lThreshold: o.lThreshold ?? 0,
  };
  if (u.weight < 0 || u.lThreshold > u.uThreshold) throw new IpvsError('ERANGE', msg('ipvs.ipvsadm.error', { text: 'Numerical result out of range' }));
  return u;
}

/**
 * Adds a real server at the HEAD of the list (`ipvsadm -a`); the scheduler's add_dest runs.
 * @throws IpvsError EEXIST when the server is already there, ERANGE for bad weight/thresholds.
 */
export function addDest(svc: Service, o: DestOptions): Dest {
  const daddr = addr(o.daddr);
  const u = destUser(o, daddr);
  if (lookupDest(svc, daddr, u.dport) !== null) throw new IpvsError('EEXIST', msg('ipvs.ipvsadm.error', { text: 'Destination already exists' }));
  const dest = new Dest(svc, daddr, u.dport, new IpvsStats(0, 0));
  updateDest(svc, dest, u, true, 0);
  return dest;
}

/**
 * Replaces a real server's settings in place (`ipvsadm -e`: anything not given goes back to the
 * default, as with ipvsadm); the scheduler's upd_dest runs.
 * @throws IpvsError ENOENT when there is no such server.
 */
export function editDest(svc: Service, o: DestOptions): Dest {
  const daddr = addr(o.daddr);
  const u = destUser(o, daddr);
  const dest = lookupDest(svc, daddr, u.dport);
  if (dest === null) throw new IpvsError('ENOENT', msg('ipvs.ipvsadm.error', { text: 'No such destination' }));
  updateDest(svc, dest, u, false, 0);
  return dest;
}

/**
 * Unlinks a real server (`ipvsadm -d`): it loses AVAILABLE and the scheduler's del_dest runs.
 * @throws IpvsError ENOENT when there is no such server.
 */
export function removeDest(svc: Service, daddr: Ip4 | string, dport = 0): void {
  const dest = lookupDest(svc, addr(daddr), dport);
  if (dest === null) throw new IpvsError('ENOENT', msg('ipvs.ipvsadm.error', { text: 'No such destination' }));
  unlinkDest(svc, dest, true);
}

/** Sets the counters and the OVERLOAD flag a scheduler reads. */
export function setDestCounters(dest: Dest, c: DestCounters): void {
  if (c.activeConns !== undefined) dest.activeConns = c.activeConns;
  if (c.inactConns !== undefined) dest.inactConns = c.inactConns;
  if (c.persistConns !== undefined) dest.persistConns = c.persistConns;
  if (c.overloaded === true) dest.flags |= IP_VS_DEST_F_OVERLOAD;
  if (c.overloaded === false) dest.flags &= ~IP_VS_DEST_F_OVERLOAD;
  destLoadChanged(dest);
}

/** The real servers in kernel list order (newest first). */
export function destinations(svc: Service): Dest[] {
  return svc.destinations.toArray();
}

/** Scheduler sysctls in seconds (net.ipv4.vs.*); unset ones keep the kernel default. */
export interface SchedSysctls {
  readonly lblc_expiration?: number;
  readonly lblcr_expiration?: number;
}

/**
 * A scheduling environment with a seeded generator (pure-rand xoroshiro128+), a fixed clock (ns)
 * and, optionally, scheduler sysctls.
 */
export function createSchedEnv(seed = 0, now = 0, sysctls: SchedSysctls = {}): SchedEnv {
  const rng = xoroshiro128plus(seed);
  return {
    now,
    randomInt: (min: number, max: number) => unsafeUniformIntDistribution(min, max, rng),
    sysctl: (name: 'lblc_expiration' | 'lblcr_expiration') => sysctls[name] ?? IPVS_SYSCTL_DEFAULTS[name],
  };
}

/** Each service's own environment when the caller gives none (seed 0, time 0), so that twos' draws depend on that service's calls only. */
const defaultEnvs = new WeakMap<Service, SchedEnv>();

function defaultEnv(svc: Service): SchedEnv {
  let env = defaultEnvs.get(svc);
  if (env === undefined) {
    env = createSchedEnv();
    defaultEnvs.set(svc, env);
  }
  return env;
}

/**
 * Asks the service's scheduler for the real server of a new connection, as ip_vs_schedule does.
 * Unset packet fields default to a TCP client 0.0.0.0:0 sending to the service's own address.
 * Returns null when no server is available. The scheduler's state advances (rr moves on). Without
 * `env`, the service gets its own seed-0 environment at time 0, the same for every service.
 */
export function schedule(svc: Service, pkt: Partial<SchedPacket> = {}, env: SchedEnv = defaultEnv(svc)): Dest | null {
  if (svc.scheduler === null) return null;
  const full: SchedPacket = {
    protocol: pkt.protocol ?? svc.protocol,
    caddr: pkt.caddr ?? 0,
    cport: pkt.cport ?? 0,
    vaddr: pkt.vaddr ?? svc.vaddr,
    vport: pkt.vport ?? svc.vport,
  };
  return svc.scheduler.schedule(svc, full, env);
}
