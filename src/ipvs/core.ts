/**
 * IPVS in the packet path (ip_vs_core.c). The hooks are a data table with the kernel's priorities
 * (ip_vs_ops4, §5.1), registered with the first service and removed with the last. `ipVsIn` is
 * ip_vs_in_hook (§5.2): find the connection, handle a SYN that reuses an old entry (§3.8), drop
 * silently if its real server was deleted, otherwise schedule a new one (TCP needs SYN without
 * RST; no service or no SYN → ACCEPT, the packet goes on to the director's own stack, §5.3; no
 * real server → ICMP port unreachable, even for TCP, and drop, §5.6), count, advance the state,
 * transmit, re-arm the timer. `ipVsOut` is ip_vs_out_hook for replies that pass the director:
 * handle_response rewrites a NAT reply's source (nat-response.ts), counts it and advances the
 * state as OUTPUT. ICMP errors (ip_vs_in_icmp, ip_vs_out_icmp, ip_vs_forward_icmp) are in icmp.ts.
 * Not modelled: cache_bypass, the drop_packet defense, sync.
 */
import type { NfHookOps, NfHookState, Skb } from '../net/types.js';
import { formatIp4, isMulticast } from '../net/wire/addr.js';
import type { Ipv4Packet } from '../net/wire/packet.js';
import {
  ICMP_DEST_UNREACH,
  ICMP_PORT_UNREACH,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_ACK,
  TCP_FIN,
  TCP_RST,
  TCP_SYN,
} from '../net/wire/packet.js';
import type { HookName, Verdict } from '../trace/events.js';
import { msg, type Msg } from '../i18n/message.js';
import { connExpireNow, connNew, connPut, type IpvsConn } from './conn.js';
import { emitSched } from './sched-event.js';
import { inStats, outStats } from './packet-stats.js';
import {
  IP_VS_CONN_F_FWD_MASK,
  IP_VS_CONN_F_MASQ,
  IP_VS_CONN_F_FULLNAT,
  IP_VS_CONN_F_NOOUTPUT,
  IP_VS_DEST_F_AVAILABLE,
} from './dest.js';
import { setState } from './proto.js';
import { forwardIcmp, ipVsInIcmp, ipVsOutIcmp } from './icmp.js';
import { natHandleResponse, natUnmatchedReply } from './nat-response.js';
import { connStats, schedPersist, type ScheduleResult } from './persist.js';
import { FTPDATA, FTPPORT, IP_VS_SVC_F_PERSISTENT, serviceLabel, type Service } from './service.js';
import type { IpvsState } from './state.js';
import { synproxyAckRcv, synproxyDnat, synproxyFilterAck, synproxyOut, synproxyEnabled, synproxySynRcv } from './synproxy.js';
import { IP_VS_TCP_S_CLOSE, IP_VS_TCP_S_FIN_WAIT, IP_VS_TCP_S_TIME_WAIT } from './tcp-state.js';
import { packetXmit } from './xmit/xmit.js';
import { fullnatResponseXmit, fullnatSnat } from './xmit/fullnat.js';

type HookFn = (ipvs: IpvsState, skb: Skb, state: NfHookState) => Verdict;

/** ip_vs_ops4: which function runs at which hook and priority. */
export const IPVS_HOOKS: readonly { readonly hook: HookName; readonly priority: number; readonly fn: 'in' | 'out' | 'forwardIcmp' }[] = [
  { hook: 'LOCAL_IN', priority: 98, fn: 'out' }, // NF_IP_PRI_NAT_SRC - 2: replies to a local client
  { hook: 'LOCAL_IN', priority: 99, fn: 'in' }, // NF_IP_PRI_NAT_SRC - 1: requests to a VIP, after filtering
  { hook: 'LOCAL_OUT', priority: -99, fn: 'out' }, // NF_IP_PRI_NAT_DST + 1
  { hook: 'LOCAL_OUT', priority: -98, fn: 'in' }, // NF_IP_PRI_NAT_DST + 2: requests from local clients
  { hook: 'FORWARD', priority: 99, fn: 'forwardIcmp' }, // ICMP errors about IPVS connections
  { hook: 'FORWARD', priority: 100, fn: 'out' }, // NF_IP_PRI_NAT_SRC: NAT replies from real servers
];

const HOOK_FNS: Readonly<Record<'in' | 'out' | 'forwardIcmp', HookFn>> = {
  in: ipVsIn,
  out: ipVsOut,
  forwardIcmp: ipVsForwardIcmp,
};

/** ip_vs_register_hooks. */
export function registerHooks(ipvs: IpvsState): void {
  if (ipvs.hookOps !== null) return;
  const ops: NfHookOps[] = IPVS_HOOKS.map((h) => {
    const fn = HOOK_FNS[h.fn];
    return { hook: h.hook, priority: h.priority, owner: 'ipvs', fn: (skb: Skb, st: NfHookState) => fn(ipvs, skb, st) };
  });
  ipvs.hookOps = ops;
  for (const o of ops) ipvs.host.nfRegister(o);
}

/** ip_vs_unregister_hooks. */
export function unregisterHooks(ipvs: IpvsState): void {
  const ops = ipvs.hookOps;
  if (ops === null) return;
  ipvs.hookOps = null;
  for (const o of ops) ipvs.host.nfUnregister(o);
}

/** skb->pkt_type == PACKET_HOST, judged from the IP destination (the skb keeps no L2 type). */
function packetForHost(ip: Ipv4Packet): boolean {
  return ip.dst !== 0xffff_ffff && !isMulticast(ip.dst);
}

/** is_new_conn_expected (§3.8): an uncontrolled entry a new SYN may replace. */
function isNewConnExpected(cp: IpvsConn, connReuseMode: number): boolean {
  if (cp.control !== null) return false;
  if (cp.protocol !== IPPROTO_TCP) return false;
  return (
    cp.state === IP_VS_TCP_S_TIME_WAIT ||
    cp.state === IP_VS_TCP_S_CLOSE ||
    ((connReuseMode & 2) !== 0 && cp.state === IP_VS_TCP_S_FIN_WAIT && (cp.flags & IP_VS_CONN_F_NOOUTPUT) !== 0)
  );
}

/** ip_vs_in_hook. */
export function ipVsIn(ipvs: IpvsState, skb: Skb, st: NfHookState): Verdict {
  if (skb.ipvsProperty) return 'ACCEPT';
  const ip = skb.ip;
  if (st.hook !== 'LOCAL_OUT' && !packetForHost(ip)) return 'ACCEPT';
  if (!ipvs.enable || ipvs.numServices === 0) return 'ACCEPT';
  if (ip.protocol === IPPROTO_ICMP) return ipVsInIcmp(ipvs, skb, st.hook);
  if (ip.protocol !== IPPROTO_TCP && ip.protocol !== IPPROTO_UDP) return 'ACCEPT';
  const l4 = ip.payload;
  if (l4.layer !== 'tcp' && l4.layer !== 'udp') {
    ipvs.host.drop(skb, msg('ipvs.in.noPorts'));
    return 'DROP';
  }
  const tcpFlags = l4.layer === 'tcp' ? l4.flags : null;
  // ip_vs_service_find, at most once per packet: a pure SYN needs it before the connection lookup
  // (SYNPROXY answers it), anything else only when no connection matches.
  let svc: Service | undefined;
  let svcLooked = false;
  if (tcpFlags !== null && (tcpFlags & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) === TCP_SYN) {
    svc = ipvs.serviceFind(skb.mark, ip.protocol, ip.dst, l4.dport);
    svcLooked = true;
    if (svc !== undefined && synproxyEnabled(svc)) {
      const synproxied = synproxySynRcv(ipvs, skb, svc);
      if (synproxied !== null) return synproxied;
    }
  }
  let cp = ipvs.conns.inGet(ip.protocol, ip.src, l4.sport, ip.dst, l4.dport);
  let reused: IpvsConn | null = null;

  if (cp !== null && tcpFlags !== null && (tcpFlags & TCP_SYN) !== 0 && ip.fragOffset === 0) {
    let resched = false;
    if (ipvs.sysctl('expire_nodest_conn') !== 0 && cp.dest !== null && cp.dest.weight === 0) {
      resched = true;
    } else {
      const mode = ipvs.sysctl('conn_reuse_mode');
      resched = mode !== 0 && isNewConnExpected(cp, mode);
    }
    if (resched) {
      if (cp.nControl === 0) connExpireNow(ipvs, cp);
      reused = cp;
      cp = null;
    }
  }

  if (cp !== null && cp.dest !== null && (cp.dest.flags & IP_VS_DEST_F_AVAILABLE) === 0) {
    if (ipvs.sysctl('expire_nodest_conn') !== 0) {
      connExpireNow(ipvs, cp);
      cp = null;
    } else {
      ipvs.host.drop(skb, msg('ipvs.in.destUnavailable', { rs: `${formatIp4(cp.daddr)}:${cp.dport}` }));
      return 'DROP';
    }
  }

  if (cp === null) {
    if (!svcLooked) svc = ipvs.serviceFind(skb.mark, ip.protocol, ip.dst, l4.dport);
    if (tcpFlags !== null && svc !== undefined && synproxyEnabled(svc)) {
      const synproxied = synproxyAckRcv(ipvs, skb, svc, (s) => scheduleOrLeave(ipvs, s, skb, l4.sport, l4.dport, reused));
      if (synproxied !== null) return synproxied;
    }
    if (tcpFlags !== null) {
      const syn = (tcpFlags & TCP_SYN) !== 0 || ipvs.sysctl('sloppy_tcp') !== 0;
      if (!syn || (tcpFlags & TCP_RST) !== 0) return 'ACCEPT';
    }
    if (svc === undefined) return 'ACCEPT';
    const made = scheduleOrLeave(ipvs, svc, skb, l4.sport, l4.dport, reused);
    if (typeof made === 'string') return made;
    cp = made;
  }

  inStats(ipvs, cp, ip);
  if (cp.synproxy !== null) {
    const held = synproxyFilterAck(ipvs, cp, skb);
    if (held !== null) {
      connPut(ipvs, cp, skb);
      return held;
    }
    synproxyDnat(cp, skb);
  }
  setState(ipvs, cp, 'INPUT', tcpFlags);
  const verdict = packetXmit(ipvs, skb, cp);
  cp.inPkts++;
  cp.oldState = cp.state;
  connPut(ipvs, cp, skb);
  return verdict;
}

/**
 * ip_vs_schedule (a persistent service goes through its template: persist.ts). `ignored` follows the kernel: 1 = not for IPVS to
 * decide (ACCEPT), 0 = no real server (ip_vs_leave), −1 = failure (DROP).
 */
function ipVsSchedule(
  ipvs: IpvsState,
  svc: Service,
  skb: Skb,
  cport: number,
  vport: number,
  reused: IpvsConn | null,
): ScheduleResult {
  const ip = skb.ip;
  if (cport === FTPDATA) return { cp: null, ignored: 1 };
  if (skb.iif === null || skb.iif === 'lo') {
    // A reply from a local real server must not open a new connection.
    if (ipvs.conns.inGet(ip.protocol, ip.dst, vport, ip.src, cport) !== null) return { cp: null, ignored: 1 };
  }
  if (svc.flags & IP_VS_SVC_F_PERSISTENT) return schedPersist(ipvs, svc, skb, cport, vport);
  if (svc.fwmark === 0 && vport !== svc.vport) {
    // Only a port-0 service gets here: the kernel logs "port zero only supported in persistent services".
    ipvs.host.drop(skb, msg('ipvs.persist.portZeroNotPersistent', { service: serviceLabel(svc) }));
    return { cp: null, ignored: -1 };
  }
  const pkt = { protocol: ip.protocol, caddr: ip.src, cport, vaddr: ip.dst, vport };
  const dest = svc.scheduler === null ? null : svc.scheduler.schedule(svc, pkt, ipvs.schedEnv);
  const label = serviceLabel(svc);
  if (dest === null) {
    emitSched(ipvs, svc, skb, null, msg('ipvs.sched.noDest', { scheduler: svc.schedName, service: label }));
    return { cp: null, ignored: 0 };
  }
  const rs = `${formatIp4(dest.daddr)}:${dest.dport}`;
  emitSched(
    ipvs,
    svc,
    skb,
    dest,
    reused === null
      ? msg('ipvs.sched.pick', { scheduler: svc.schedName, service: label, rs })
      : msg('ipvs.sched.pickReuse', { scheduler: svc.schedName, service: label, rs }),
  );
  const param = { protocol: ip.protocol, caddr: ip.src, cport, vaddr: ip.dst, vport };
  const cp = connNew(ipvs, param, dest.daddr, dest.dport !== 0 ? dest.dport : vport, 0, dest, skb.mark, skb);
  if (cp === null) {
    // FULLNAT: "bind local address: no port available"; the entry is gone. alibaba's
    // ip_vs_schedule returns NULL with *ignored still 0, so tcp/udp_conn_schedule call
    // ip_vs_leave: ICMP port unreachable to the client, then NF_DROP.
    return { cp: null, ignored: 0, leaveWhy: msg('ipvs.fullnat.noPort', { service: label, rs }) };
  }
  connStats(ipvs, svc, dest);
  return { cp, ignored: 0 };
}

/** conn_schedule's outcome as a verdict: the new entry, or ACCEPT (not ours), ip_vs_leave, or DROP. */
function scheduleOrLeave(ipvs: IpvsState, svc: Service, skb: Skb, cport: number, vport: number, reused: IpvsConn | null): IpvsConn | Verdict {
  const s = ipVsSchedule(ipvs, svc, skb, cport, vport, reused);
  if (s.cp !== null) return s.cp;
  return s.ignored > 0 ? 'ACCEPT' : s.ignored === 0 ? ipVsLeave(ipvs, svc, skb, vport, s.leaveWhy) : 'DROP';
}

/**
 * ip_vs_leave: no real server (or `why` else). FTP-data to an FTP VIP passes; otherwise ICMP port
 * unreachable and drop.
 */
function ipVsLeave(ipvs: IpvsState, svc: Service, skb: Skb, dport: number, why?: Msg): Verdict {
  if (svc.vport === FTPPORT && dport !== FTPPORT) return 'ACCEPT';
  ipvs.host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
  ipvs.host.drop(skb, why ?? msg('ipvs.leave.noDest', { service: serviceLabel(svc) }));
  return 'DROP';
}

/** ip_vs_out_hook: a reply from a real server (or for a DR entry, from the VIP) passing the director. */
export function ipVsOut(ipvs: IpvsState, skb: Skb, _st: NfHookState): Verdict {
  if (skb.ipvsProperty) return 'ACCEPT';
  if (!ipvs.enable) return 'ACCEPT';
  const ip = skb.ip;
  if (ip.protocol === IPPROTO_ICMP) return ipVsOutIcmp(ipvs, skb);
  if (ip.protocol !== IPPROTO_TCP && ip.protocol !== IPPROTO_UDP) return 'ACCEPT';
  let l4 = ip.payload;
  if (l4.layer !== 'tcp' && l4.layer !== 'udp') return 'ACCEPT';
  const cp = ipvs.conns.outGet(ip.protocol, ip.src, l4.sport, ip.dst, l4.dport);
  if (cp === null) return natUnmatchedReply(ipvs, skb, l4);
  if (cp.synproxy !== null) {
    // Synproxy step 3 (the server's SYN-ACK is dropped) and seq += delta on the way out.
    const synproxied = synproxyOut(ipvs, cp, skb);
    if (synproxied !== null) return synproxied;
    if (skb.ip.payload.layer === 'tcp') l4 = skb.ip.payload;
  }
  // handle_response: first the source rewrite of the forwarding method, then the common part.
  // NAT (-m): the source goes back to VIP:vport (nat-response.ts).
  if ((cp.flags & IP_VS_CONN_F_FWD_MASK) === IP_VS_CONN_F_MASQ) natHandleResponse(ipvs, skb, cp, l4);
  // FULLNAT (-b): RIP:RPORT → LIP:LPORT leaves as VIP:VPORT → CIP:CPORT, routed to the client (fullnat.ts).
  if ((cp.flags & IP_VS_CONN_F_FWD_MASK) === IP_VS_CONN_F_FULLNAT) {
    const m = fullnatSnat(ipvs, skb, cp);
    outStats(ipvs, cp, ip);
    setState(ipvs, cp, 'OUTPUT', l4.layer === 'tcp' ? l4.flags : null);
    connPut(ipvs, cp, skb);
    return fullnatResponseXmit(ipvs, skb, cp, ip, m);
  }
  outStats(ipvs, cp, ip);
  setState(ipvs, cp, 'OUTPUT', l4.layer === 'tcp' ? l4.flags : null);
  skb.ipvsProperty = true;
  connPut(ipvs, cp, skb);
  return 'ACCEPT';
}

/** ip_vs_forward_icmp: ICMP errors about IPVS connections passing the director (icmp.ts). */
export function ipVsForwardIcmp(ipvs: IpvsState, skb: Skb, st: NfHookState): Verdict {
  return forwardIcmp(ipvs, skb, st);
}
