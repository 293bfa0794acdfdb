/**
 * The per-host IPVS state (struct netns_ipvs, ip_vs_ctl.c): the two service tables (by
 * <protocol, vaddr, vport> and by fwmark), the connection table, the TCP/UDP timeout tables that
 * `ipvsadm --set` changes, the dest trash, the total statistics, and the sysctls, which are read
 * from the host (`net.ipv4.vs.*`) each time they matter, as the kernel reads its sysctl fields.
 * The service lookup for packets is ip_vs_service_find (§1.5): fwmark first when the packet carries
 * a mark, then the exact triple, then FTP data to port 21, then a port-0 service.
 */
import type { HostApi, NfHookOps, Timer } from '../net/types.js';
import type { Ip4 } from '../net/wire/addr.js';
import { IPPROTO_TCP } from '../net/wire/packet.js';
import { ConnTable } from './conn.js';
import type { Dest } from './dest.js';
import type { SchedEnv } from './sched/scheduler.js';
import { FTPDATA, FTPPORT, IPPROTO_SCTP, type Service } from './service.js';
import { IpvsStats } from './stats.js';
import { TCP_DEFAULT_TIMEOUTS, UDP_DEFAULT_TIMEOUT } from './tcp-state.js';

/** The IPVS sysctls (Documentation/networking/ipvs-sysctl.rst) and their defaults (§10). */
export const IPVS_SYSCTL_DEFAULTS = {
  amemthresh: 1024,
  am_droprate: 10,
  drop_entry: 0,
  drop_packet: 0,
  secure_tcp: 0,
  snat_reroute: 1,
  sync_version: 1,
  sync_ports: 1,
  cache_bypass: 0,
  expire_nodest_conn: 0,
  sloppy_tcp: 0,
  sloppy_sctp: 0,
  expire_quiescent_template: 0,
  nat_icmp_send: 0,
  pmtu_disc: 1,
  backup_only: 0,
  conn_reuse_mode: 1,
  schedule_icmp: 0,
  ignore_tunneled: 0,
  run_estimation: 1,
  lblc_expiration: 86400,
  lblcr_expiration: 86400,
  // The alibaba FULLNAT switches (its sysctl_ip_vs_*_entry), on by default.
  fullnat_toa_entry: 1,
  fullnat_timestamp_remove_entry: 1,
  fullnat_mss_adjust_entry: 1,
} as const;

/** A sysctl under net.ipv4.vs. */
export type IpvsSysctl = keyof typeof IPVS_SYSCTL_DEFAULTS;

/** The size of the connection hash table (CONFIG_IP_VS_TAB_BITS=12), shown in ipvsadm's header. */
export const IP_VS_CONN_TAB_SIZE = 4096;

/** IP_VS_SVC_TAB_SIZE: buckets of each service hash table. */
const SVC_TAB_MASK = 255;

const PROTO_INDEX: Readonly<Record<number, number>> = { [IPPROTO_TCP]: 0, 17: 1, [IPPROTO_SCTP]: 2 };

/** An exact numeric key for <protocol, vaddr, vport> (50 bits, exact in a double). */
export function svcKey(protocol: number, vaddr: Ip4, vport: number): number {
  return ((vaddr * 65536 + vport) * 4) + (PROTO_INDEX[protocol] ?? 3);
}

/** The per-host IPVS state. */
export class IpvsState {
  readonly host: HostApi;
  /** ip_vs_svc_table: services by <protocol, vaddr, vport>. */
  readonly svcTable = new Map<number, Service>();
  /** ip_vs_svc_fwm_table: services by fwmark. */
  readonly fwmTable = new Map<number, Service>();
  /** ipvs->num_services. */
  numServices = 0;
  /** Services on port 21 (ftpsvc_counter) and on port 0 (nullsvc_counter). */
  ftpsvcCounter = 0;
  nullsvcCounter = 0;
  readonly conns = new ConnTable();
  /** The TCP timeout table in seconds, by state (pd->timeout_table). */
  readonly tcpTimeouts: number[] = [...TCP_DEFAULT_TIMEOUTS];
  /** The UDP timeout in seconds. */
  udpTimeout: number = UDP_DEFAULT_TIMEOUT;
  /** ipvs->tot_stats. */
  readonly totStats: IpvsStats;
  /** ipvs->dest_trash: deleted dests kept while referenced, reused when re-added. */
  readonly destTrash: Dest[] = [];
  trashTimer: Timer | null = null;
  /** The registered netfilter hooks, while any service exists. */
  hookOps: readonly NfHookOps[] | null = null;
  /** ipvs->enable: set with the first service, never cleared. */
  enable = false;
  /** The estimator's tick phase (ns). */
  readonly estEpoch: number;
  /** What schedulers get besides the packet: the virtual clock and the seeded generator. */
  readonly schedEnv: SchedEnv;
  private svcSeq = 0;
  private readonly sysctlKeys = new Map<IpvsSysctl, string>();

  constructor(host: HostApi) {
    this.host = host;
    this.estEpoch = host.sim.now;
    this.totStats = this.newStats();
    const sim = host.sim;
    this.schedEnv = {
      get now(): number {
        return sim.now;
      },
      randomInt: (min: number, max: number): number => sim.randomInt(min, max),
      sysctl: (name: 'lblc_expiration' | 'lblcr_expiration'): number => this.sysctl(name),
    };
  }

  /** The current value of net.ipv4.vs.<name> (the default when the host has none). */
  sysctl(name: IpvsSysctl): number {
    let key = this.sysctlKeys.get(name);
    if (key === undefined) {
      key = `net.ipv4.vs.${name}`;
      this.sysctlKeys.set(name, key);
    }
    const v = this.host.sysctl(key);
    return Number.isFinite(v) ? v : IPVS_SYSCTL_DEFAULTS[name];
  }

  /** A stats object on this host's estimator phase. */
  newStats(): IpvsStats {
    return new IpvsStats(this.estEpoch, this.host.sim.now);
  }

  /** A creation sequence number for a new service. */
  nextServiceSeq(): number {
    return ++this.svcSeq;
  }

  /** __ip_vs_service_find: the exact <protocol, vaddr, vport> service. */
  svcFind(protocol: number, vaddr: Ip4, vport: number): Service | undefined {
    return this.svcTable.get(svcKey(protocol, vaddr, vport));
  }

  /** __ip_vs_svc_fwm_find. */
  fwmFind(fwmark: number): Service | undefined {
    return this.fwmTable.get(fwmark);
  }

  /** ip_vs_service_find: the service a packet belongs to (§1.5), or undefined. */
  serviceFind(mark: number, protocol: number, vaddr: Ip4, vport: number): Service | undefined {
    if (mark !== 0) {
      const svc = this.fwmTable.get(mark);
      if (svc !== undefined) return svc;
    }
    let svc = this.svcFind(protocol, vaddr, vport);
    if (svc !== undefined) return svc;
    if (protocol === IPPROTO_TCP && this.ftpsvcCounter > 0 && (vport === FTPDATA || vport >= 1024)) {
      svc = this.svcFind(protocol, vaddr, FTPPORT);
      if (svc !== undefined) return svc;
    }
    if (this.nullsvcCounter > 0) svc = this.svcFind(protocol, vaddr, 0);
    return svc;
  }

  /**
   * All services in the order the kernel dumps them (what `ipvsadm --nosort` shows): the
   * <protocol, addr, port> table bucket by bucket, then the fwmark table; newest first within a
   * bucket. The bucket hash also mixes in the netns pointer, which is taken as 0 here.
   */
  servicesInHashOrder(): Service[] {
    const bucketOf = (s: Service): number =>
      s.fwmark !== 0
        ? 256 + (s.fwmark & SVC_TAB_MASK)
        : (s.protocol ^ s.vaddr ^ (s.vport >>> 8) ^ s.vport) & SVC_TAB_MASK;
    const all = [...this.svcTable.values(), ...this.fwmTable.values()];
    return all.sort((a, b) => bucketOf(a) - bucketOf(b) || b.seq - a.seq);
  }
}
