/**
 * The control plane (ip_vs_ctl.c): adding, editing and deleting services and real servers,
 * flushing, zeroing counters, and the timeouts of `ipvsadm --set`. Each operation checks what the
 * kernel checks, in the kernel's order, and returns the kernel's errno, which `ipvsadm` turns into
 * its messages (ipvs_strerror). The netfilter hooks are registered with the first service and
 * removed with the last (§5.1). A deleted real server is unlinked, loses AVAILABLE and waits in
 * the trash while connections refer to it; adding it again brings the same object back, with its
 * counters (§7.3). Every change is a trace event, so the table can be rebuilt at any step.
 */
import { SEC } from '../net/types.js';
import type { Ip4 } from '../net/wire/addr.js';
import { formatIp4, isMulticast } from '../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../net/wire/packet.js';
import type { Msg } from '../i18n/message.js';
import { msg } from '../i18n/message.js';
import { connDel } from './conn.js';
import { registerHooks, unregisterHooks } from './core.js';
import { Dest, destSnapshot, IP_VS_DEST_F_AVAILABLE } from './dest.js';
import {
  NO_SCHEDULER,
  ONE_PACKET_MODELLED,
  SCTP_MODELLED,
} from './modelled.js';
import { findScheduler } from './sched/registry.js';
import type { SchedulerOps } from './sched/scheduler.js';
import {
  bindScheduler,
  type DestUser,
  FTPPORT,
  IP_VS_SVC_F_ONEPACKET,
  IPPROTO_SCTP,
  lookupDest,
  Service,
  serviceLabel,
  unbindScheduler,
  unlinkDest,
  updateDest,
} from './service.js';
import { type IpvsState, svcKey } from './state.js';
import { IP_VS_TCP_S_ESTABLISHED, IP_VS_TCP_S_FIN_WAIT } from './tcp-state.js';

/** Kernel errors the control operations return; ENOTMODELLED is lvslab's own refusal. */
export type IpvsErrno = 'EEXIST' | 'ESRCH' | 'ENOENT' | 'ERANGE' | 'EINVAL' | 'ENOTMODELLED';

/** An operation's outcome: the value, or an errno (with an explanation for ENOTMODELLED). */
export type CtlResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errno: IpvsErrno; readonly msg?: Msg };

/** Which service a command is about: a fwmark (non-zero) or <protocol, vaddr, vport>. */
export interface ServiceSel {
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly fwmark: number;
}

/** A service's settings as user space gives them (struct ip_vs_service_user_kern). */
export interface ServiceUser extends ServiceSel {
  /** A kernel scheduler short name, or `none`. */
  readonly schedName: string;
  /** IP_VS_SVC_F_* bits (PERSISTENT, ONEPACKET, SCHED1..3). */
  readonly flags: number;
  /** Persistence timeout in seconds. */
  readonly timeout: number;
  readonly netmask: Ip4;
}

/** The three timeouts of `ipvsadm --set` / `--timeout`, in seconds. */
export interface IpvsTimeouts {
  readonly tcp: number;
  readonly tcpfin: number;
  readonly udp: number;
}

const TRASH_CHECK = 60 * SEC;
const TRASH_IDLE = 120 * SEC;

function fail<T>(errno: IpvsErrno, m?: Msg): CtlResult<T> {
  return m === undefined ? { ok: false, errno } : { ok: false, errno, msg: m };
}

function ok<T>(value: T): CtlResult<T> {
  return { ok: true, value };
}

/** The service a command names (no fallbacks: this is the control path, not packet lookup). */
export function findService(ipvs: IpvsState, sel: ServiceSel): Service | undefined {
  const svc = sel.fwmark !== 0 ? ipvs.fwmFind(sel.fwmark) : ipvs.svcFind(sel.protocol, sel.vaddr, sel.vport);
  return svc !== undefined && svc.protocol === sel.protocol ? svc : undefined;
}

function lookupScheduler(name: string): CtlResult<SchedulerOps | null> {
  if (name === NO_SCHEDULER) return ok(null);
  const sched = findScheduler(name);
  if (sched !== undefined) return ok(sched);
  return fail('ENOENT');
}

/** Settings the lab cannot simulate yet (checked before anything changes). */
function unmodelledService(u: ServiceUser): Msg | undefined {
  if (!ONE_PACKET_MODELLED && u.flags & IP_VS_SVC_F_ONEPACKET) return msg('ipvs.notModelled.ops');
  if (!SCTP_MODELLED && u.fwmark === 0 && u.protocol === IPPROTO_SCTP) return msg('ipvs.notModelled.sctp');
  return undefined;
}

function emitService(ipvs: IpvsState, op: 'add' | 'edit' | 'del', svc: Service): void {
  ipvs.host.emit({
    kind: 'ipvs.service',
    op,
    service: svc.snapshot(),
    msg: msg(`ipvs.service.${op}`, { service: serviceLabel(svc), scheduler: svc.schedName }),
  });
}

function emitDest(ipvs: IpvsState, op: 'add' | 'edit' | 'del', svc: Service, dest: Dest, id: string): void {
  ipvs.host.emit({
    kind: 'ipvs.dest',
    op,
    service: svc.snapshot(),
    dest: destSnapshot(dest),
    msg: msg(id, {
      service: serviceLabel(svc),
      rs: `${formatIp4(dest.daddr)}:${dest.dport}`,
      fwd: dest.fwd,
      weight: dest.weight,
      active: dest.activeConns,
      inactive: dest.inactConns,
    }),
  });
}

/** ip_vs_add_service. */
export function addService(ipvs: IpvsState, u: ServiceUser): CtlResult<Service> {
  if (findService(ipvs, u) !== undefined) return fail('EEXIST');
  const sched = lookupScheduler(u.schedName);
  if (!sched.ok) return sched;
  if (u.fwmark === 0 && u.protocol !== IPPROTO_TCP && u.protocol !== IPPROTO_UDP && u.protocol !== IPPROTO_SCTP) {
    return fail('EINVAL');
  }
  const notModelled = unmodelledService(u);
  if (notModelled !== undefined) return fail('ENOTMODELLED', notModelled);
  if (ipvs.numServices === 0) registerHooks(ipvs);
  const svc = new Service(u.protocol, u.vaddr, u.vport, u.fwmark, ipvs.newStats(), ipvs.nextServiceSeq());
  svc.flags = u.flags;
  svc.timeout = u.timeout;
  svc.netmask = u.netmask;
  bindScheduler(svc, sched.value, ipvs.schedEnv);
  if (svc.fwmark === 0) {
    if (svc.vport === FTPPORT) ipvs.ftpsvcCounter++;
    else if (svc.vport === 0) ipvs.nullsvcCounter++;
  } else {
    ipvs.nullsvcCounter++;
  }
  if (u.fwmark !== 0) ipvs.fwmTable.set(u.fwmark, svc);
  else ipvs.svcTable.set(svcKey(u.protocol, u.vaddr, u.vport), svc);
  ipvs.numServices++;
  ipvs.enable = true;
  emitService(ipvs, 'add', svc);
  return ok(svc);
}

/** ip_vs_edit_service: a different scheduler is bound afresh; flags, timeout and mask are replaced. */
export function editService(ipvs: IpvsState, u: ServiceUser): CtlResult<Service> {
  const svc = findService(ipvs, u);
  if (svc === undefined) return fail('ESRCH');
  const sched = lookupScheduler(u.schedName);
  if (!sched.ok) return sched;
  const notModelled = unmodelledService(u);
  if (notModelled !== undefined) return fail('ENOTMODELLED', notModelled);
  if (sched.value !== svc.scheduler) {
    if (svc.scheduler !== null) unbindScheduler(svc);
    bindScheduler(svc, sched.value, ipvs.schedEnv);
  }
  svc.flags = u.flags;
  svc.timeout = u.timeout;
  svc.netmask = u.netmask;
  svc.invalidateSnapshot();
  emitService(ipvs, 'edit', svc);
  return ok(svc);
}

/** __ip_vs_del_service: unbinds the scheduler, moves every dest to the trash, unhashes. */
function delServiceNow(ipvs: IpvsState, svc: Service): void {
  if (svc.scheduler !== null) unbindScheduler(svc);
  for (const dest of svc.destinations.toArray()) {
    unlinkDest(svc, dest, false);
    trashDest(ipvs, dest);
  }
  if (svc.fwmark === 0) {
    if (svc.vport === FTPPORT) ipvs.ftpsvcCounter--;
    else if (svc.vport === 0) ipvs.nullsvcCounter--;
    ipvs.svcTable.delete(svcKey(svc.protocol, svc.vaddr, svc.vport));
  } else {
    ipvs.nullsvcCounter--;
    ipvs.fwmTable.delete(svc.fwmark);
  }
  ipvs.numServices--;
  emitService(ipvs, 'del', svc);
  if (ipvs.numServices === 0) unregisterHooks(ipvs);
  expireNodestConns(ipvs);
}

/** ip_vs_del_service. */
export function delService(ipvs: IpvsState, sel: ServiceSel): CtlResult<void> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return fail('ESRCH');
  delServiceNow(ipvs, svc);
  return ok(undefined);
}

/** ip_vs_flush (`ipvsadm -C`): deletes every service, in table order. */
export function flush(ipvs: IpvsState): CtlResult<void> {
  for (const svc of ipvs.servicesInHashOrder()) delServiceNow(ipvs, svc);
  return ok(undefined);
}

/** ip_vs_zero_service / ip_vs_zero_all (`ipvsadm -Z`): counters of one service, or of all plus the totals. */
export function zero(ipvs: IpvsState, sel: ServiceSel | null): CtlResult<void> {
  const now = ipvs.host.sim.now;
  const zeroOne = (svc: Service): void => {
    for (const d of svc.destinations) d.stats.zero(now);
    svc.stats.zero(now);
  };
  if (sel === null) {
    for (const svc of ipvs.servicesInHashOrder()) zeroOne(svc);
    ipvs.totStats.zero(now);
    return ok(undefined);
  }
  const svc = findService(ipvs, sel);
  if (svc === undefined) return fail('ESRCH');
  zeroOne(svc);
  return ok(undefined);
}

/** inet_addr_type() is RTN_UNICAST or RTN_LOCAL (0.0.0.0/8, 255.255.255.255 and multicast are not). */
function unicastAddress(addr: Ip4): boolean {
  return addr >>> 24 !== 0 && addr !== 0xffff_ffff && !isMulticast(addr);
}

/** ip_vs_add_dest: a new dest, or the same one back from the trash, linked at the head of the list. */
export function addDest(ipvs: IpvsState, sel: ServiceSel, u: DestUser): CtlResult<Dest> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return fail('ESRCH');
  if (u.weight < 0 || u.lThreshold > u.uThreshold) return fail('ERANGE');
  if (lookupDest(svc, u.daddr, u.dport) !== null) return fail('EEXIST');
  const now = ipvs.host.sim.now;
  const i = ipvs.destTrash.findIndex(
    (d) =>
      d.daddr === u.daddr &&
      d.dport === u.dport &&
      d.vfwmark === svc.fwmark &&
      d.protocol === svc.protocol &&
      (svc.fwmark !== 0 || (d.vaddr === svc.vaddr && d.vport === svc.vport)),
  );
  let dest: Dest;
  let id = 'ipvs.dest.add';
  if (i >= 0) {
    dest = ipvs.destTrash[i] as Dest;
    ipvs.destTrash.splice(i, 1);
    dest.stats.setRunning(true, now);
    id = 'ipvs.dest.addFromTrash';
  } else {
    if (!unicastAddress(u.daddr)) return fail('EINVAL');
    dest = new Dest(svc, u.daddr, u.dport, ipvs.newStats());
  }
  updateDest(svc, dest, u, true, now);
  emitDest(ipvs, 'add', svc, dest, id);
  return ok(dest);
}

/** ip_vs_edit_dest: settings replaced in place; the dest keeps its position in the list. */
export function editDest(ipvs: IpvsState, sel: ServiceSel, u: DestUser): CtlResult<Dest> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return fail('ESRCH');
  if (u.weight < 0 || u.lThreshold > u.uThreshold) return fail('ERANGE');
  const dest = lookupDest(svc, u.daddr, u.dport);
  if (dest === null) return fail('ENOENT');
  updateDest(svc, dest, u, false, ipvs.host.sim.now);
  emitDest(ipvs, 'edit', svc, dest, 'ipvs.dest.edit');
  return ok(dest);
}

/** ip_vs_del_dest: unlinked (the scheduler is told), AVAILABLE cleared, moved to the trash. */
export function delDest(ipvs: IpvsState, sel: ServiceSel, daddr: Ip4, dport: number): CtlResult<void> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return fail('ESRCH');
  const dest = lookupDest(svc, daddr, dport);
  if (dest === null) return fail('ENOENT');
  unlinkDest(svc, dest, true);
  trashDest(ipvs, dest);
  emitDest(ipvs, 'del', svc, dest, 'ipvs.dest.del');
  expireNodestConns(ipvs);
  return ok(undefined);
}

/** __ip_vs_del_dest: stop the estimator and keep the dest in the trash (checked every 60 s). */
function trashDest(ipvs: IpvsState, dest: Dest): void {
  dest.stats.setRunning(false, ipvs.host.sim.now);
  if (ipvs.destTrash.length === 0) scheduleTrashCheck(ipvs);
  ipvs.destTrash.unshift(dest);
  dest.idleStart = 0;
}

function scheduleTrashCheck(ipvs: IpvsState): void {
  ipvs.trashTimer?.cancel();
  ipvs.trashTimer = ipvs.host.sim.after(TRASH_CHECK, () => trashExpire(ipvs));
}

/** ip_vs_dest_trash_expire: frees dests unreferenced for 120 s. */
function trashExpire(ipvs: IpvsState): void {
  ipvs.trashTimer = null;
  const now = ipvs.host.sim.now;
  for (let i = ipvs.destTrash.length - 1; i >= 0; i--) {
    const dest = ipvs.destTrash[i] as Dest;
    // A scheduler cache (lblc/lblcr) may be what still holds the dest: let its timers catch up.
    if (dest.refcnt > 0) dest.svc?.scheduler?.tick?.(dest.svc, ipvs.schedEnv);
    if (dest.refcnt > 0) continue;
    if (dest.idleStart !== 0) {
      if (now < dest.idleStart + TRASH_IDLE) continue;
    } else {
      dest.idleStart = Math.max(1, now);
      continue;
    }
    ipvs.destTrash.splice(i, 1);
  }
  if (ipvs.destTrash.length > 0) scheduleTrashCheck(ipvs);
}

/**
 * ip_vs_expire_nodest_conn_flush: with expire_nodest_conn=1, entries of deleted servers are
 * deleted (not those still controlling others), and with each its controller (a persistence
 * template) once nothing else uses it. The kernel runs this from a work queue a jiffy later.
 */
function expireNodestConns(ipvs: IpvsState): void {
  if (ipvs.sysctl('expire_nodest_conn') === 0) return;
  for (const cp of [...ipvs.conns]) {
    if (cp.dest === null || (cp.dest.flags & IP_VS_DEST_F_AVAILABLE) !== 0) continue;
    if (cp.nControl > 0) continue;
    const ct = cp.control;
    connDel(ipvs, cp);
    if (ct !== null && ct.nControl === 0) connDel(ipvs, ct);
  }
}

/** ip_vs_set_timeout: a value of 0 leaves that timeout unchanged. */
export function setTimeouts(ipvs: IpvsState, t: IpvsTimeouts): CtlResult<void> {
  if (t.tcp < 0 || t.tcpfin < 0 || t.udp < 0) return fail('EINVAL');
  if (t.tcp !== 0) ipvs.tcpTimeouts[IP_VS_TCP_S_ESTABLISHED] = t.tcp;
  if (t.tcpfin !== 0) ipvs.tcpTimeouts[IP_VS_TCP_S_FIN_WAIT] = t.tcpfin;
  if (t.udp !== 0) ipvs.udpTimeout = t.udp;
  return ok(undefined);
}

/** __ip_vs_get_timeouts: ESTABLISHED, FIN_WAIT and UDP timeouts in seconds. */
export function getTimeouts(ipvs: IpvsState): IpvsTimeouts {
  return {
    tcp: ipvs.tcpTimeouts[IP_VS_TCP_S_ESTABLISHED] ?? 0,
    tcpfin: ipvs.tcpTimeouts[IP_VS_TCP_S_FIN_WAIT] ?? 0,
    udp: ipvs.udpTimeout,
  };
}

