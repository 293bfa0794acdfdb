/**
 * ipvsadm 1.31's output, character for character (ipvsadm.c: list_all, print_title,
 * print_service_entry, print_largenum, print_sched_flags, list_conn/print_conn, list_timeout).
 * It works on entries as libipvs hands them to ipvsadm (services with their servers in kernel
 * list order, counters as read), so a test or a checker can build them directly. Real-server lines
 * end in the padding of their last column, as on a real machine. Without -n, ports are shown by
 * their /etc/services name and addresses stay numeric (the lab has no resolver).
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIp4 } from '../../net/wire/addr.js';
import {
  IP_VS_CONN_F_DROUTE,
  IP_VS_CONN_F_FULLNAT,
  IP_VS_CONN_F_FWD_MASK,
  IP_VS_CONN_F_LOCALNODE,
  IP_VS_CONN_F_MASQ,
  IP_VS_CONN_F_TUNNEL,
} from '../dest.js';
import {
  IP_VS_SVC_F_ONEPACKET,
  IP_VS_SVC_F_PERSISTENT,
  IP_VS_SVC_F_SCHED1,
  IP_VS_SVC_F_SCHED2,
  IP_VS_SVC_F_SCHED3,
  IP_VS_SVC_F_SCHED_MASK,
  protocolName,
} from '../service.js';
import type { ShownStats } from '../stats.js';
import { portToService } from './inet.js';
import { cmpDests, cmpServices, glibcQsort } from './sort.js';
import { IP_VS_CONN_F_SYNPROXY } from '../synproxy.js';

/** IP_VS_VERSION_CODE 0x010201. */
export const IPVS_VERSION = '1.2.1';

/** A real server as ipvsadm receives it (ipvs_dest_entry_t). */
export interface DestEntry {
  readonly daddr: Ip4;
  readonly dport: number;
  /** Forwarding method bits (IP_VS_CONN_F_*). */
  readonly connFlags: number;
  readonly weight: number;
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly uThreshold: number;
  readonly lThreshold: number;
  readonly stats: ShownStats;
  /** Tunnel type 0 ipip, 1 gue, 2 gre; port and flags (0 -c, 1 +c, 2 r+c) for gue/gre. */
  readonly tunType: number;
  readonly tunPort: number;
  readonly tunFlags: number;
}

/** A service as ipvsadm receives it (ipvs_service_entry_t plus its dests in kernel list order). */
export interface ServiceEntry {
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly fwmark: number;
  readonly schedName: string;
  readonly flags: number;
  /** Persistence timeout in seconds. */
  readonly timeout: number;
  readonly netmask: Ip4;
  readonly peName: string;
  readonly stats: ShownStats;
  readonly dests: readonly DestEntry[];
}

/** A line of /proc/net/ip_vs_conn as ipvsadm reads it. */
export interface ConnEntry {
  /** `TCP`, `UDP`, `SCTP`, `IP` (fwmark templates). */
  readonly protocol: string;
  readonly caddr: Ip4;
  readonly cport: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly daddr: Ip4;
  readonly dport: number;
  readonly state: string;
  /** Whole seconds left. */
  readonly expires: number;
}

/** The FMT_* bits of a listing. */
export interface FormatOptions {
  readonly numeric: boolean;
  readonly stats: boolean;
  readonly rate: boolean;
  readonly thresholds: boolean;
  readonly persistentConn: boolean;
  readonly nosort: boolean;
  readonly exact: boolean;
  readonly tunInfo: boolean;
  /** FMT_RULE: the `-S` form. */
  readonly rule: boolean;
}

/** A plain `-L` format, with overrides. */
export function listFormat(over: Partial<FormatOptions> = {}): FormatOptions {
  return {
    numeric: false,
    stats: false,
    rate: false,
    thresholds: false,
    persistentConn: false,
    nosort: false,
    exact: false,
    tunInfo: false,
    rule: false,
    ...over,
  };
}

function left(s: string, width: number): string {
  return s.padEnd(width);
}

function right(s: string, width: number): string {
  return s.padStart(width);
}

/** print_largenum. */
export function largenum(i: number, exact: boolean): string {
  if (exact) {
    const s = String(i);
    return right(s, s.length <= 8 ? 9 : s.length + 1);
  }
  if (i < 100_000_000) return right(String(i), 9);
  if (i < 1_000_000_000) return `${right(String(Math.floor(i / 1000)), 8)}K`;
  if (i < 100_000_000_000) return `${right(String(Math.floor(i / 1_000_000)), 8)}M`;
  if (i < 100_000_000_000_000) return `${right(String(Math.floor(i / 1_000_000_000)), 8)}G`;
  return `${right(String(Math.floor(i / 1_000_000_000_000)), 8)}T`;
}

/** addrport_to_anyname: `addr:port`, the port by name unless numeric. */
export function addrPort(addr: Ip4, port: number, protocol: number, numeric: boolean): string {
  if (numeric) return `${formatIp4(addr)}:${port}`;
  return `${formatIp4(addr)}:${portToService(port, protocol) ?? String(port)}`;
}

/** fwd_name; an unknown method prints as glibc prints a NULL string. */
function fwdName(connFlags: number): string {
  switch (connFlags & IP_VS_CONN_F_FWD_MASK) {
    case IP_VS_CONN_F_MASQ:
      return 'Masq';
    case IP_VS_CONN_F_LOCALNODE:
      return 'Local';
    case IP_VS_CONN_F_TUNNEL:
      return 'Tunnel';
    case IP_VS_CONN_F_DROUTE:
      return 'Route';
    case IP_VS_CONN_F_FULLNAT:
      return 'FullNat';
    default:
      return '(null)';
  }
}

/** fwd_switch: the option that recreates the method in `-S` output. */
function fwdSwitch(connFlags: number): string {
  switch (connFlags & IP_VS_CONN_F_FWD_MASK) {
    case IP_VS_CONN_F_MASQ:
      return '-m';
    case IP_VS_CONN_F_TUNNEL:
      return '-i';
    case IP_VS_CONN_F_LOCALNODE:
    case IP_VS_CONN_F_DROUTE:
      return '-g';
    default:
      return '(null)';
  }
}

const TUN_NAMES = ['ipip', 'gue', 'gre'];
const TUN_FLAGS = ['-c', '+c', 'r+c'];
const TUN_FLAG_OPTS = ['--tun-nocsum', '--tun-csum', '--tun-remcsum'];

/** fwd_tun_info: `ipip`, `gue:port:flags`, `gre:flags`, or undefined for non-tunnel servers. */
function tunInfo(d: DestEntry): string | undefined {
  if ((d.connFlags & IP_VS_CONN_F_FWD_MASK) !== IP_VS_CONN_F_TUNNEL) return undefined;
  switch (d.tunType) {
    case 0:
      return 'ipip';
    case 1:
      return `gue:${d.tunPort}:${TUN_FLAGS[d.tunFlags] ?? ''}`;
    case 2:
      return `gre:${TUN_FLAGS[d.tunFlags] ?? ''}`;
    default:
      return undefined;
  }
}

/** print_sched_flags: the names of SCHED1..3 for this scheduler, comma-separated. */
function schedFlags(se: ServiceEntry): string {
  const names: string[] = [];
  if (se.schedName === 'sh') {
    if (se.flags & IP_VS_SVC_F_SCHED1) names.push('sh-fallback');
    if (se.flags & IP_VS_SVC_F_SCHED2) names.push('sh-port');
  } else if (se.schedName === 'mh') {
    if (se.flags & IP_VS_SVC_F_SCHED1) names.push('mh-fallback');
    if (se.flags & IP_VS_SVC_F_SCHED2) names.push('mh-port');
  } else {
    if (se.flags & IP_VS_SVC_F_SCHED1) names.push('flag-1');
    if (se.flags & IP_VS_SVC_F_SCHED2) names.push('flag-2');
    if (se.flags & IP_VS_SVC_F_SCHED3) names.push('flag-3');
  }
  return names.join(',');
}

/** print_title. */
export function formatTitle(f: FormatOptions): string {
  const prot = left('Prot LocalAddress:Port', 33);
  if (f.stats) {
    return `${prot} ${right('Conns', 8)} ${right('InPkts', 8)} ${right('OutPkts', 8)} ${right('InBytes', 8)} ${right('OutBytes', 8)}\n  -> RemoteAddress:Port\n`;
  }
  if (f.rate) {
    return `${prot} ${right('CPS', 8)} ${right('InPPS', 8)} ${right('OutPPS', 8)} ${right('InBPS', 8)} ${right('OutBPS', 8)}\n  -> RemoteAddress:Port\n`;
  }
  if (f.thresholds) {
    return `${prot} ${left('Uthreshold', 10)} ${left('Lthreshold', 10)} ${left('ActiveConn', 10)} ${left('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
  }
  if (f.persistentConn) {
    return `${prot} ${left('Weight', 9)} ${left('PersistConn', 11)} ${left('ActiveConn', 10)} ${left('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
  }
  if (f.tunInfo) {
    return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n';
  }
  if (!f.rule) return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
  return '';
}

/** print_service_entry: the service line and its servers (sorted unless --nosort). */
export function formatServiceEntry(se: ServiceEntry, f: FormatOptions): string {
  let svcName: string;
  if (se.fwmark !== 0) {
    svcName = f.rule ? `-f ${se.fwmark}` : `FWM  ${se.fwmark}`;
  } else {
    const vname = addrPort(se.vaddr, se.vport, se.protocol, f.numeric);
    svcName = f.rule ? `${optionFromProtocol(se.protocol)} ${vname}` : `${left(protocolName(se.protocol), 4)} ${vname}`.slice(0, 33);
  }
  const sched = schedFlags(se);
  const persistent = (se.flags & IP_VS_SVC_F_PERSISTENT) !== 0;
  let out: string;
  if (f.rule) {
    out = `-A ${svcName} -s ${se.schedName}`;
    if (persistent) {
      out += ` -p ${se.timeout}`;
      if (se.netmask !== 0xffff_ffff) out += ` -M ${formatIp4(se.netmask)}`;
    }
    if (se.peName !== '') out += ` --pe ${se.peName}`;
    if (se.flags & IP_VS_SVC_F_ONEPACKET) out += ' -o';
    if (se.flags & IP_VS_SVC_F_SCHED_MASK) out += ` -b ${sched}`;
  } else if (f.stats) {
    const s = se.stats;
    out = left(svcName, 33) + [s.conns, s.inpkts, s.outpkts, s.inbytes, s.outbytes].map((v) => largenum(v, f.exact)).join('');
  } else if (f.rate) {
    const s = se.stats;
    out = left(svcName, 33) + [s.cps, s.inpps, s.outpps, s.inbps, s.outbps].map((v) => largenum(v, f.exact)).join('');
  } else {
    out = `${svcName} ${se.schedName}`;
    if (se.flags & IP_VS_SVC_F_SCHED_MASK) out += ` (${sched})`;
    if (persistent) {
      out += ` persistent ${se.timeout}`;
      if (se.netmask !== 0xffff_ffff) out += ` mask ${formatIp4(se.netmask)}`;
      if (se.peName !== '') out += ` pe ${se.peName}`;
    }
    if (se.flags & IP_VS_SVC_F_ONEPACKET) out += ' ops';
    // alibaba's print_service_entry; its -S branch has no counterpart, so a saved table loses -j.
    if (se.flags & IP_VS_CONN_F_SYNPROXY) out += ' synproxy';
  }
  out += '\n';
  const dests = f.nosort ? se.dests : glibcQsort(se.dests, cmpDests);
  for (const d of dests) out += formatDestLine(se, svcName, d, f);
  return out;
}

function optionFromProtocol(protocol: number): string {
  return protocol === 6 ? '-t' : protocol === 17 ? '-u' : protocol === 132 ? '--sctp-service' : '--xxx-service';
}

function formatDestLine(se: ServiceEntry, svcName: string, d: DestEntry, f: FormatOptions): string {
  const full = addrPort(d.daddr, d.dport, se.protocol, f.numeric);
  if (f.rule) {
    const base = `-a ${svcName} -r ${full} ${fwdSwitch(d.connFlags)} -w ${d.weight}`;
    if ((d.connFlags & IP_VS_CONN_F_FWD_MASK) !== IP_VS_CONN_F_TUNNEL) return `${base}\n`;
    switch (d.tunType) {
      case 2:
        return `${base} --tun-type gre ${TUN_FLAG_OPTS[d.tunFlags] ?? ''}\n`;
      case 1:
        return `${base} --tun-type gue --tun-port ${d.tunPort} ${TUN_FLAG_OPTS[d.tunFlags] ?? ''}\n`;
      case 0:
        return `${base} --tun-type ${TUN_NAMES[0] as string}\n`;
      default:
        return `${base}\n`;
    }
  }
  const dname = full.slice(0, 28);
  const head = `  -> ${left(dname, 28)}`;
  if (f.stats) {
    const s = d.stats;
    return `${head}${[s.conns, s.inpkts, s.outpkts, s.inbytes, s.outbytes].map((v) => largenum(v, f.exact)).join('')}\n`;
  }
  if (f.rate) {
    const s = d.stats;
    return `${head} ${right(String(s.cps), 8)} ${right(String(s.inpps), 8)} ${right(String(s.outpps), 8)}${largenum(s.inbps, f.exact)}${largenum(s.outbps, f.exact)}\n`;
  }
  if (f.thresholds) {
    return `${head} ${left(String(d.uThreshold), 10)} ${left(String(d.lThreshold), 10)} ${left(String(d.activeConns), 10)} ${left(String(d.inactConns), 10)}\n`;
  }
  if (f.persistentConn) {
    return `${head} ${left(String(d.weight), 9)} ${left(String(d.persistConns), 11)} ${left(String(d.activeConns), 10)} ${left(String(d.inactConns), 10)}\n`;
  }
  if (f.tunInfo) {
    return `${head} ${left(fwdName(d.connFlags), 7)} ${left(tunInfo(d) ?? 'n/a', 13)} ${left(String(d.weight), 6)} ${left(String(d.activeConns), 10)} ${left(String(d.inactConns), 10)}\n`;
  }
  return `${head} ${left(fwdName(d.connFlags), 7)} ${left(String(d.weight), 6)} ${left(String(d.activeConns), 10)} ${left(String(d.inactConns), 10)}\n`;
}

/** list_all: the version line (not for -S), the title, every service (sorted unless --nosort). */
export function formatListAll(services: readonly ServiceEntry[], f: FormatOptions, connTabSize: number): string {
  let out = f.rule ? '' : `IP Virtual Server version ${IPVS_VERSION} (size=${connTabSize})\n`;
  out += formatTitle(f);
  const list = f.nosort ? services : glibcQsort(services, cmpServices);
  for (const se of list) out += formatServiceEntry(se, f);
  return out;
}

/** list_service (`-L -t VIP:port`): the title and the one service, no version line. */
export function formatListService(se: ServiceEntry, f: FormatOptions): string {
  return formatTitle(f) + formatServiceEntry(se, f);
}

/** list_conn / print_conn (`-L -c`). */
export function formatConnections(conns: readonly ConnEntry[], f: Pick<FormatOptions, 'numeric' | 'persistentConn'>): string {
  let out = 'IPVS connection entries\n';
  if (f.persistentConn) {
    out += `pro expire ${left('state', 11)} ${left('source', 18)} ${left('virtual', 18)} ${left('destination', 18)} ${left('pe name', 16)} pe_data\n`;
  } else {
    out += `pro expire ${left('state', 11)} ${left('source', 18)} ${left('virtual', 18)} destination\n`;
  }
  for (const c of conns) {
    const proto = c.protocol === 'TCP' ? 6 : c.protocol === 'UDP' ? 17 : c.protocol === 'SCTP' ? 132 : 0;
    const expire = `${String(Math.floor(c.expires / 60)).padStart(2, '0')}:${String(c.expires % 60).padStart(2, '0')}`;
    const cname = addrPort(c.caddr, c.cport, proto, f.numeric);
    const vname = addrPort(c.vaddr, c.vport, proto, f.numeric);
    const dname = addrPort(c.daddr, c.dport, proto, f.numeric);
    out += `${left(c.protocol, 3)} ${left(expire, 6)} ${left(c.state, 11)} ${left(cname, 18)} ${left(vname, 18)} ${dname}\n`;
  }
  return out;
}

/** list_timeout (`-L --timeout`). */
export function formatTimeout(tcp: number, tcpfin: number, udp: number): string {
  return `Timeout (tcp tcpfin udp): ${tcp} ${tcpfin} ${udp}\n`;
}

/** version() (`-v`). */
export function formatVersion(): string {
  return `ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v${IPVS_VERSION})\n`;
}
