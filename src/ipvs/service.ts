/**
 * A virtual service (struct ip_vs_service) and the list operations the kernel performs on its real
 * servers (ip_vs_ctl.c): `updateDest` is `__ip_vs_update_dest` (a new dest goes to the HEAD of the
 * list, an edit leaves it where it is, `last_weight` keeps the latest non-zero weight, OVERLOAD is
 * cleared when the upper threshold is removed or raised), `unlinkDest` is `__ip_vs_unlink_dest`
 * (AVAILABLE cleared, unlinked, the scheduler told). They need no host, so the public scheduler
 * API and the control layer share them.
 */
import type { Ip4 } from '../net/wire/addr.js';
import { formatIp4 } from '../net/wire/addr.js';
import type { IpvsServiceSnapshot } from '../trace/events.js';
import {
  Dest,
  DestList,
  IP_VS_CONN_F_DEST_MASK,
  IP_VS_CONN_F_FWD_MASK,
  IP_VS_CONN_F_INACTIVE,
  IP_VS_CONN_F_MASQ,
  IP_VS_CONN_F_NOOUTPUT,
  IP_VS_DEST_F_AVAILABLE,
  IP_VS_DEST_F_OVERLOAD,
} from './dest.js';
import type { SchedEnv, SchedulerOps } from './sched/scheduler.js';
import type { IpvsStats } from './stats.js';

/** IPPROTO_SCTP (the wire module has no SCTP). */
export const IPPROTO_SCTP = 132;

/** Service flags (svc->flags, include/uapi/linux/ip_vs.h). */
export const IP_VS_SVC_F_PERSISTENT = 0x0001;
export const IP_VS_SVC_F_HASHED = 0x0002;
export const IP_VS_SVC_F_ONEPACKET = 0x0004;
export const IP_VS_SVC_F_SCHED1 = 0x0008;
export const IP_VS_SVC_F_SCHED2 = 0x0010;
export const IP_VS_SVC_F_SCHED3 = 0x0020;
export const IP_VS_SVC_F_SCHED_MASK = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3;
/** The alibaba kernels' SYNPROXY flag (`-j enable`; their IP_VS_CONN_F_SYNPROXY, used on the service too). */
export const IP_VS_SVC_F_SYNPROXY = 0x8000;

/** The FTP control port, which the service lookup and ip_vs_leave treat specially. */
export const FTPPORT = 21;
/** The FTP data port (ip_vs_schedule never schedules from it). */
export const FTPDATA = 20;

/** A virtual service. `destinations` is in kernel list order (newest first). */
export class Service {
  /** IP protocol number: 6 TCP, 17 UDP, 132 SCTP; TCP for fwmark services, as ipvsadm stores it. */
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  /** 0 for an address/port service. */
  readonly fwmark: number;
  /** The bound scheduler, or null for the kernel's `none`. */
  scheduler: SchedulerOps | null = null;
  /** svc->sched_data: the scheduler's own state. */
  schedData: unknown = null;
  /** IP_VS_SVC_F_* bits. */
  flags = 0;
  /** Persistence timeout in seconds (shown by ipvsadm), meaningful with IP_VS_SVC_F_PERSISTENT. */
  timeout = 0;
  /** Persistence granularity mask. */
  netmask: Ip4 = 0xffff_ffff;
  readonly destinations = new DestList();
  readonly stats: IpvsStats;
  /** Creation order, for the kernel's hash-bucket listing order (`--nosort`). */
  readonly seq: number;
  private snapshotCache: IpvsServiceSnapshot | null = null;

  constructor(protocol: number, vaddr: Ip4, vport: number, fwmark: number, stats: IpvsStats, seq = 0) {
    this.protocol = protocol;
    this.vaddr = vaddr;
    this.vport = vport;
    this.fwmark = fwmark;
    this.stats = stats;
    this.seq = seq;
  }

  /** The scheduler's name as the kernel reports it (`none` when unbound). */
  get schedName(): string {
    return this.scheduler === null ? 'none' : this.scheduler.name;
  }

  /** The trace view (cached until the service is edited). */
  snapshot(): IpvsServiceSnapshot {
    if (this.snapshotCache === null) this.snapshotCache = buildSnapshot(this);
    return this.snapshotCache;
  }

  /** Forget the cached snapshot after an edit. */
  invalidateSnapshot(): void {
    this.snapshotCache = null;
  }
}

/** The protocol's name as ipvsadm prints it. */
export function protocolName(protocol: number): 'TCP' | 'UDP' | 'SCTP' {
  return protocol === 17 ? 'UDP' : protocol === IPPROTO_SCTP ? 'SCTP' : 'TCP';
}

function buildSnapshot(svc: Service): IpvsServiceSnapshot {
  const flags: string[] = [];
  if (svc.flags & IP_VS_SVC_F_PERSISTENT) flags.push('persistent');
  if (svc.flags & IP_VS_SVC_F_ONEPACKET) flags.push('ops');
  if (svc.flags & IP_VS_SVC_F_SCHED1) flags.push('flag-1');
  if (svc.flags & IP_VS_SVC_F_SCHED2) flags.push('flag-2');
  if (svc.flags & IP_VS_SVC_F_SCHED3) flags.push('flag-3');
  if (svc.flags & IP_VS_SVC_F_SYNPROXY) flags.push('synproxy');
  return {
    protocol: protocolName(svc.protocol),
    vaddr: svc.vaddr,
    vport: svc.vport,
    fwmark: svc.fwmark,
    scheduler: svc.schedName,
    flags,
    timeout: svc.flags & IP_VS_SVC_F_PERSISTENT ? svc.timeout : 0,
    netmask: svc.netmask,
  };
}

/**
 * A short label for messages, as `ipvsadm -L -n` names a service: `TCP 192.168.1.100:80` or
 * `FWM 1`. Takes a Service or a selector of one (ctl.ts ServiceSel).
 */
export function serviceLabel(svc: Pick<Service, 'protocol' | 'vaddr' | 'vport' | 'fwmark'>): string {
  return svc.fwmark !== 0 ? `FWM ${svc.fwmark}` : `${protocolName(svc.protocol)} ${formatIp4(svc.vaddr)}:${svc.vport}`;
}

/** A real server's settings as user space gives them (struct ip_vs_dest_user_kern). */
export interface DestUser {
  readonly daddr: Ip4;
  readonly dport: number;
  /** IP_VS_CONN_F_MASQ / _TUNNEL / _DROUTE (only the DEST_MASK bits are used). */
  readonly connFlags: number;
  readonly weight: number;
  readonly uThreshold: number;
  readonly lThreshold: number;
}

/** ip_vs_bind_scheduler: binds `sched` (or `none`) and lets it set up its state (`env`: the clock at bind time). */
export function bindScheduler(svc: Service, sched: SchedulerOps | null, env?: SchedEnv): void {
  svc.schedData = null;
  svc.scheduler = sched;
  sched?.initService?.(svc, env);
  svc.invalidateSnapshot();
}

/** ip_vs_unbind_scheduler. */
export function unbindScheduler(svc: Service): void {
  svc.scheduler?.doneService?.(svc);
  svc.scheduler = null;
  svc.schedData = null;
  svc.invalidateSnapshot();
}

/** ip_vs_lookup_dest: the linked dest with this address and port. */
export function lookupDest(svc: Service, daddr: Ip4, dport: number): Dest | null {
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (n.daddr === daddr && n.dport === dport) return n;
  }
  return null;
}

/**
 * __ip_vs_update_dest: applies user settings to `dest`; with `add` the dest is linked at the head
 * of the list and the scheduler's add_dest runs, otherwise its upd_dest runs and the dest stays put.
 * A dest bound to another service object before (resurrected from the trash) has its stats zeroed.
 */
export function updateDest(svc: Service, dest: Dest, u: DestUser, add: boolean, now: number): void {
  if (add || u.weight !== 0) dest.lastWeight = u.weight;
  dest.weight = u.weight;
  let connFlags = (u.connFlags & IP_VS_CONN_F_DEST_MASK) | IP_VS_CONN_F_INACTIVE;
  if ((connFlags & IP_VS_CONN_F_FWD_MASK) !== IP_VS_CONN_F_MASQ) connFlags |= IP_VS_CONN_F_NOOUTPUT;
  dest.connFlags = connFlags;
  if (dest.svc !== svc) {
    if (dest.svc !== null) dest.stats.zero(now);
    dest.svc = svc;
  }
  dest.flags |= IP_VS_DEST_F_AVAILABLE;
  if (u.uThreshold === 0 || u.uThreshold > dest.uThreshold) dest.flags &= ~IP_VS_DEST_F_OVERLOAD;
  dest.uThreshold = u.uThreshold;
  dest.lThreshold = u.lThreshold;
  if (add) {
    svc.destinations.addHead(dest);
    svc.scheduler?.addDest?.(svc, dest);
  } else {
    svc.scheduler?.updDest?.(svc, dest);
  }
}

/** __ip_vs_unlink_dest: clears AVAILABLE, unlinks, and (with `svcupd`) tells the scheduler. */
export function unlinkDest(svc: Service, dest: Dest, svcupd: boolean): void {
  dest.flags &= ~IP_VS_DEST_F_AVAILABLE;
  svc.destinations.del(dest);
  if (svcupd) svc.scheduler?.delDest?.(svc, dest);
}
