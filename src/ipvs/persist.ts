/**
 * Persistence (ip_vs_core.c: ip_vs_sched_persist; ip_vs_conn.c: ip_vs_ct_in_get,
 * ip_vs_check_template; ip_vs.h: ip_vs_control_add, ip_vs_control_assure_ct). A persistent
 * service keeps a template per client network (client address AND -M netmask, client port 0):
 * a new connection first looks for the template and goes to its real server; only without a
 * usable one does the scheduler run, and a template is created. Templates are re-armed to the -p
 * timeout only when a new connection is made through them, and live on in 60 s steps while they
 * still control connections. Port-0 and fwmark services use vport 0 (fwmark: protocol 0 and the
 * mark as the "address"). Not modelled: persistence engines (--pe sip), FTP helpers, IPv6.
 */
import { SEC, type Skb } from '../net/types.js';
import { formatIp4 } from '../net/wire/addr.js';
import { IPPROTO_UDP } from '../net/wire/packet.js';
import { msg, type Msg } from '../i18n/message.js';
import { connNew, connPut, connReport, connSnapshot, IP_VS_CTPL_S_ASSURED, type IpvsConn } from './conn.js';
import { emitSched } from './sched-event.js';
import {
  type Dest,
  IP_VS_CONN_F_ONE_PACKET,
  IP_VS_CONN_F_TEMPLATE,
  IP_VS_DEST_F_AVAILABLE,
} from './dest.js';
import { FTPPORT, IP_VS_SVC_F_ONEPACKET, serviceLabel, type Service } from './service.js';
import type { IpvsState } from './state.js';

/** What ip_vs_schedule returns: a connection, or `ignored` (1 ACCEPT, 0 ip_vs_leave, −1 DROP). */
export interface ScheduleResult {
  readonly cp: IpvsConn | null;
  readonly ignored: number;
  /** With `ignored` 0: why ip_vs_leave refuses the packet, when it is not "no real server". */
  readonly leaveWhy?: Msg;
}

/** The port an invalidated template gets, so that no lookup matches it any more. */
const INVALID_PORT = 0xffff;

function rsLabel(dest: Dest): string {
  return `${formatIp4(dest.daddr)}:${dest.dport}`;
}

/** expire_quiescent_template: with the sysctl set, a template to a weight-0 server is not used. */
function expireQuiescentTemplate(ipvs: IpvsState, dest: Dest): boolean {
  return ipvs.sysctl('expire_quiescent_template') !== 0 && dest.weight === 0;
}

/**
 * ip_vs_check_template: true when the template's real server may still take its clients (it
 * exists, was not deleted and, with expire_quiescent_template=1, does not have weight 0). A
 * rejected template is made unmatchable in place (ports 0xffff, rehashed) and left to expire.
 */
export function checkTemplate(ipvs: IpvsState, ct: IpvsConn, skb: Skb): boolean {
  const dest = ct.dest;
  if (dest !== null && (dest.flags & IP_VS_DEST_F_AVAILABLE) !== 0 && !expireQuiescentTemplate(ipvs, dest)) return true;
  if (ct.vport !== INVALID_PORT && ipvs.conns.unhash(ct)) {
    ct.dport = INVALID_PORT;
    ct.vport = INVALID_PORT;
    ipvs.conns.hash(ct);
  }
  const why = dest === null || (dest.flags & IP_VS_DEST_F_AVAILABLE) === 0 ? 'ipvs.persist.invalidDeleted' : 'ipvs.persist.invalidQuiescent';
  ipvs.host.emit({
    kind: 'ipvs.conn',
    op: 'state',
    conn: connSnapshot(ct),
    msg: msg(why, { client: formatIp4(ct.caddr), rs: formatIp4(ct.daddr) }),
    pkt: skb.pkt,
    flow: skb.flow,
  });
  return false;
}

/** ip_vs_control_add: `cp` is controlled by `ct` (which then cannot expire while `cp` lives). */
export function controlAdd(cp: IpvsConn, ct: IpvsConn): void {
  if (cp.control !== null) return;
  cp.control = ct;
  ct.nControl++;
}

/**
 * ip_vs_control_assure_ct: the template of `cp` becomes ASSURED (TCP ESTABLISHED, or a UDP
 * reply). The kernel leaves the template's timer alone; the change is recorded as a state event.
 */
export function controlAssureCt(ipvs: IpvsState, cp: IpvsConn): void {
  const ct = cp.control;
  if (ct === null || (ct.flags & IP_VS_CONN_F_TEMPLATE) === 0 || (ct.state & IP_VS_CTPL_S_ASSURED) !== 0) return;
  ct.state |= IP_VS_CTPL_S_ASSURED;
  connReport(ipvs, ct, msg('ipvs.persist.templateAssured'));
}

/** ip_vs_conn_stats: one connection for the dest, its service and the totals (templates are not counted). */
export function connStats(ipvs: IpvsState, svc: Service, dest: Dest): void {
  const now = ipvs.host.sim.now;
  dest.stats.addConn(now);
  svc.stats.addConn(now);
  ipvs.totStats.addConn(now);
}

/**
 * ip_vs_sched_persist: the connection for a new packet of a persistent service, through the
 * client network's template (found, or created after the scheduler picked a real server).
 */
export function schedPersist(ipvs: IpvsState, svc: Service, skb: Skb, cport: number, vport: number): ScheduleResult {
  const ip = skb.ip;
  const snet = (ip.src & svc.netmask) >>> 0;
  // Template key: <protocol, snet, 0, vaddr, vport>; FTP keeps vport 0, port-0 and fwmark
  // services too (fwmark: protocol IPPROTO_IP and the mark in place of the address).
  let tplProtocol = ip.protocol;
  let tplVaddr = ip.dst;
  let tplVport = 0;
  if (vport === svc.vport) {
    if (svc.vport !== FTPPORT) tplVport = vport;
  } else if (svc.fwmark !== 0) {
    tplProtocol = 0;
    tplVaddr = svc.fwmark;
  }
  const label = serviceLabel(svc);
  let ct = ipvs.conns.ctInGet(tplProtocol, snet, tplVaddr, tplVport);
  let dest: Dest;
  if (ct === null || !checkTemplate(ipvs, ct, skb)) {
    const picked = svc.scheduler === null ? null : svc.scheduler.schedule(svc, { protocol: ip.protocol, caddr: ip.src, cport, vaddr: ip.dst, vport }, ipvs.schedEnv);
    if (picked === null) {
      emitSched(ipvs, svc, skb, null, msg('ipvs.persist.noDest', { scheduler: svc.schedName, service: label }));
      return { cp: null, ignored: 0 };
    }
    dest = picked;
    emitSched(ipvs, svc, skb, dest, msg('ipvs.persist.pick', { scheduler: svc.schedName, service: label, rs: rsLabel(dest), client: formatIp4(snet) }));
    const tplDport = vport === svc.vport && svc.vport !== FTPPORT ? dest.dport : 0;
    const param = { protocol: tplProtocol, caddr: snet, cport: 0, vaddr: tplVaddr, vport: tplVport };
    ct = connNew(ipvs, param, dest.daddr, tplDport, IP_VS_CONN_F_TEMPLATE, dest, skb.mark, skb);
    if (ct === null) return { cp: null, ignored: -1 };
    ct.timeout = svc.timeout * SEC;
  } else {
    dest = ct.dest as Dest;
    emitSched(ipvs, svc, skb, dest, msg('ipvs.persist.hit', { service: label, rs: rsLabel(dest), client: formatIp4(snet), weight: dest.weight }));
  }
  // The connection keeps the packet's port unless it is the service port and the server has one.
  const dport = vport === svc.vport && dest.dport !== 0 ? dest.dport : vport;
  const flags = svc.flags & IP_VS_SVC_F_ONEPACKET && ip.protocol === IPPROTO_UDP ? IP_VS_CONN_F_ONE_PACKET : 0;
  const param = { protocol: ip.protocol, caddr: ip.src, cport, vaddr: ip.dst, vport };
  const cp = connNew(ipvs, param, dest.daddr, dport, flags, dest, skb.mark, skb);
  if (cp === null) {
    connPut(ipvs, ct, skb);
    return { cp: null, ignored: -1 };
  }
  controlAdd(cp, ct);
  connPut(ipvs, ct, skb);
  connStats(ipvs, svc, dest);
  return { cp, ignored: 0 };
}
