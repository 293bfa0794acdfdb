/**
 * `ipvsadm -L -n` and `ipvsadm -L -n -c` of a folded host state, printed by ipvsadm's own
 * formatters (src/ipvs/ipvsadm/format.ts) from the entries libipvs would hand them: services in
 * the kernel's hash order (ipvsadm sorts them), real servers in list order, connection entries in
 * the table's order with the seconds left at the given virtual time. Counters of `--stats` and
 * `--rate` are not in the trace, so these views are the plain listing only.
 */
import { SEC } from '../../net/types.js';
import type { FwdMethod, IpvsDestSnapshot, IpvsServiceSnapshot } from '../../trace/events.js';
import { type HostState, protocolNumber, servicesInHashOrder, type ServiceState } from '../../trace/state/index.js';
import {
  IP_VS_CONN_F_BYPASS,
  IP_VS_CONN_F_DROUTE,
  IP_VS_CONN_F_FULLNAT,
  IP_VS_CONN_F_LOCALNODE,
  IP_VS_CONN_F_MASQ,
  IP_VS_CONN_F_TUNNEL,
} from '../../ipvs/dest.js';
import {
  IP_VS_SVC_F_ONEPACKET,
  IP_VS_SVC_F_PERSISTENT,
  IP_VS_SVC_F_SCHED1,
  IP_VS_SVC_F_SCHED2,
  IP_VS_SVC_F_SCHED3,
  IP_VS_SVC_F_SYNPROXY,
} from '../../ipvs/service.js';
import { ZERO_STATS } from '../../ipvs/stats.js';
import { IP_VS_CONN_TAB_SIZE } from '../../ipvs/state.js';
import { type ConnEntry, type DestEntry, formatConnections, formatListAll, listFormat, type ServiceEntry } from '../../ipvs/ipvsadm/format.js';

const FWD_FLAGS: Readonly<Record<FwdMethod, number>> = {
  masq: IP_VS_CONN_F_MASQ,
  localnode: IP_VS_CONN_F_LOCALNODE,
  tunnel: IP_VS_CONN_F_TUNNEL,
  droute: IP_VS_CONN_F_DROUTE,
  bypass: IP_VS_CONN_F_BYPASS,
  fullnat: IP_VS_CONN_F_FULLNAT,
};

const SVC_FLAGS: Readonly<Record<string, number>> = {
  persistent: IP_VS_SVC_F_PERSISTENT,
  ops: IP_VS_SVC_F_ONEPACKET,
  'flag-1': IP_VS_SVC_F_SCHED1,
  'flag-2': IP_VS_SVC_F_SCHED2,
  'flag-3': IP_VS_SVC_F_SCHED3,
  synproxy: IP_VS_SVC_F_SYNPROXY,
};

function svcFlags(s: IpvsServiceSnapshot): number {
  let f = 0;
  for (const name of s.flags) f |= SVC_FLAGS[name] ?? 0;
  return f;
}

function destEntry(d: IpvsDestSnapshot): DestEntry {
  return {
    daddr: d.daddr,
    dport: d.dport,
    connFlags: FWD_FLAGS[d.fwd],
    weight: d.weight,
    activeConns: d.activeConns,
    inactConns: d.inactConns,
    persistConns: d.persistConns,
    uThreshold: d.uThreshold,
    lThreshold: d.lThreshold,
    stats: ZERO_STATS,
    tunType: 0,
    tunPort: 0,
    tunFlags: 0,
  };
}

/** The entry libipvs would return for a folded service. */
export function serviceEntryOf(s: ServiceState): ServiceEntry {
  const v = s.service;
  return {
    protocol: protocolNumber(v.protocol),
    vaddr: v.vaddr,
    vport: v.vport,
    fwmark: v.fwmark,
    schedName: v.scheduler,
    flags: svcFlags(v),
    timeout: v.timeout,
    netmask: v.netmask,
    peName: '',
    stats: ZERO_STATS,
    dests: s.dests.map(destEntry),
  };
}

/** `ipvsadm -L -n` output. */
export function formatIpvsList(h: HostState): string {
  return formatListAll(servicesInHashOrder(h).map(serviceEntryOf), listFormat({ numeric: true }), IP_VS_CONN_TAB_SIZE);
}

/** The /proc/net/ip_vs_conn lines at virtual time `nowNs`. */
export function connEntriesOf(h: HostState, nowNs: number): ConnEntry[] {
  const out: ConnEntry[] = [];
  for (const c of h.conns.values()) {
    out.push({
      protocol: c.protocol,
      caddr: c.caddr,
      cport: c.cport,
      vaddr: c.vaddr,
      vport: c.vport,
      daddr: c.daddr,
      dport: c.dport,
      state: c.state,
      expires: Math.max(0, Math.floor((c.expires - nowNs) / SEC)),
    });
  }
  return out;
}

/** `ipvsadm -L -n -c` output at virtual time `nowNs`. */
export function formatIpvsConns(h: HostState, nowNs: number): string {
  return formatConnections(connEntriesOf(h, nowNs), { numeric: true, persistentConn: false });
}
