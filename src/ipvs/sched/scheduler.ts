/**
 * The scheduler contract (struct ip_vs_scheduler, include/net/ip_vs.h; ip_vs_sched.c): a small ops
 * object registered under its kernel short name. `initService` sets up the per-service state the
 * kernel keeps in `svc->sched_data`; `addDest`/`delDest`/`updDest` are told about list changes;
 * `schedule` picks a real server for a NEW connection, or null ("no destination available").
 * Schedulers see the service's destination list in kernel list order and never allocate per call.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../net/wire/packet.js';
import { type Dest, IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import { IPPROTO_SCTP, type Service } from '../service.js';

/** What a scheduler may look at in the packet that opens a connection (struct ip_vs_iphdr + ports). */
export interface SchedPacket {
  /** IP protocol number (6 TCP, 17 UDP). */
  readonly protocol: number;
  /** The client: the packet's source address and port. */
  readonly caddr: Ip4;
  readonly cport: number;
  /** The virtual service address and port the packet is sent to. */
  readonly vaddr: Ip4;
  readonly vport: number;
}

/** What the kernel gives a scheduler besides the packet: the clock (jiffies) and randomness. */
export interface SchedEnv {
  /** Virtual time in ns (lblc/lblcr use it for their cache). */
  readonly now: number;
  /** A uniformly distributed integer in [min, max] inclusive (twos draws from it). */
  randomInt(min: number, max: number): number;
  /**
   * A scheduler sysctl in seconds (net.ipv4.vs.lblc_expiration, net.ipv4.vs.lblcr_expiration);
   * without it a scheduler uses the kernel default (86400 s).
   */
  sysctl?(name: 'lblc_expiration' | 'lblcr_expiration'): number;
}

/** A scheduler's ops (struct ip_vs_scheduler). Only `name` and `schedule` are required. */
export interface SchedulerOps {
  /** The kernel short name (`rr`, `wlc` …), as `ipvsadm -s` takes it and `ipvsadm -L` prints it. */
  readonly name: string;
  /**
   * init_service: set up `svc.schedData` when the scheduler is bound to a service. `env` is the
   * environment at bind time (lblc/lblcr start their 60 s garbage-collection clock there).
   */
  initService?(svc: Service, env?: SchedEnv): void;
  /** done_service: release `svc.schedData` when the service is deleted or switches scheduler. */
  doneService?(svc: Service): void;
  /** add_dest: a dest was just linked at the head of the list. */
  addDest?(svc: Service, dest: Dest): void;
  /** del_dest: a dest was just unlinked (its `next` still points at its old successor). */
  delDest?(svc: Service, dest: Dest): void;
  /** upd_dest: a dest was edited in place (`ipvsadm -e`). */
  updDest?(svc: Service, dest: Dest): void;
  /**
   * A dest's activeConns, inactConns or OVERLOAD flag changed (a connection was bound, unbound or
   * moved between active and inactive). No kernel counterpart: the kernel rescans the list on every
   * decision; lvslab's lc/wlc/sed/fo/ovf keep a tree over it instead (dest-tree.ts).
   */
  loadChanged?(svc: Service, dest: Dest): void;
  /**
   * The scheduler's own timers (lblc/lblcr's 60 s garbage collection), run lazily: brings its state
   * up to `env.now`. The scheduler calls it itself before deciding; the dest trash calls it before
   * it looks at a deleted server's references, which the scheduler's cache may hold.
   */
  tick?(svc: Service, env: SchedEnv): void;
  /** Picks the real server for a new connection, or null when none is available. */
  schedule(svc: Service, pkt: SchedPacket, env: SchedEnv): Dest | null;
}

/** Tells the scheduler bound to `dest`'s service that the dest's load or flags changed (loadChanged). */
export function destLoadChanged(dest: Dest): void {
  const svc = dest.svc;
  if (svc === null) return;
  const sched = svc.scheduler;
  if (sched !== null && sched.loadChanged !== undefined) sched.loadChanged(svc, dest);
}

/** Whether a scheduler may pick `dest` at all (§1.4): weight > 0 and not OVERLOADed. */
export function destUsable(dest: Dest): boolean {
  return dest.weight > 0 && (dest.flags & IP_VS_DEST_F_OVERLOAD) === 0;
}

/**
 * The port sh-port and mh-port add to the hash: the first 16-bit port field of TCP, UDP and SCTP
 * (the client's source port), 0 for any other protocol (ip_vs_sh_get_port, ip_vs_mh_get_port).
 */
export function schedPort(pkt: SchedPacket): number {
  return pkt.protocol === IPPROTO_TCP || pkt.protocol === IPPROTO_UDP || pkt.protocol === IPPROTO_SCTP ? pkt.cport : 0;
}
