/**
 * FULLNAT forwarding (alibaba/LVS ip_vs_xmit.c ip_vs_fnat_xmit and ip_vs_fnat_response_xmit,
 * ip_vs_proto_tcp.c tcp_fnat_in_handler / tcp_fnat_out_handler; reference §4.1). A client packet
 * CIP:CPORT → VIP:VPORT leaves as LIP:LPORT → RIP:RPORT; the real server's reply RIP:RPORT →
 * LIP:LPORT comes back to the director's own address (LOCAL_IN) and leaves as VIP:VPORT →
 * CIP:CPORT, so any routing between director and RS works and the RS needs no VIP and no ARP
 * tricks. TCP extras (fnat-seq.ts): in the client SYN timestamps become NOPs, the ISN gets a delta,
 * and TOA is inserted; TOA also goes into the handshake-completing ACK (ack = RS ISN + 1, not
 * SYN/RST/FIN); the RS's SYN-ACK MSS is lowered by 8. As in alibaba's 2.6.32 code: no TTL
 * decrement either way, DF packets over the route MTU get ICMP fragmentation needed. Sysctls
 * net.ipv4.vs.fullnat_toa_entry, _timestamp_remove_entry, _mss_adjust_entry (default 1) switch
 * the extras off. Simplified: UDP gets only the address/port rewrite (no UOA).
 */
import { formatIp4 } from '../../net/wire/addr.js';
import type { Ipv4Packet, TcpSegment } from '../../net/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../net/wire/packet.js';
import { ipv4TotalLength } from '../../net/wire/length.js';
import type { RouteResult, Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import type { Msg } from '../../i18n/message.js';
import { msg } from '../../i18n/message.js';
import type { IpvsConn } from '../conn.js';
import { addToa, clampMss, fnatInitSeq, optionRoom, removeTimestamps, seqAdjustIn, seqAdjustOut, TCPOLEN_TOA } from '../fnat-seq.js';
import type { IpvsState } from '../state.js';
import { ipVsSendOrCont } from './route.js';

function entry(ipvs: IpvsState, name: 'toa' | 'timestamp_remove' | 'mss_adjust'): boolean {
  return ipvs.sysctl(`fullnat_${name}_entry`) !== 0;
}

function ep(addr: number, port: number): string {
  return `${formatIp4(addr)}:${port}`;
}

/** What the inbound TCP handler did, for the trace message. */
interface InTcp {
  readonly seg: TcpSegment;
  readonly m: Msg;
}

/**
 * tcp_fnat_in_handler: ports, timestamps, ISN delta and TOA for a client→RS segment. `maxGrowth`
 * is how many bytes the packet may grow before it exceeds the route MTU.
 */
function fnatInTcp(ipvs: IpvsState, cp: IpvsConn, seg: TcpSegment, maxGrowth: number): InTcp {
  const names = { client: ep(cp.caddr, cp.cport), vip: ep(cp.vaddr, cp.vport), local: ep(cp.laddr, cp.lport), rs: ep(cp.daddr, cp.dport) };
  const flags = seg.flags;
  let out: TcpSegment = { ...seg, sport: cp.lport, dport: cp.dport };
  let m: Msg = msg('ipvs.fullnat.in', names);
  const toaOn = entry(ipvs, 'toa');
  const withToa = (s: TcpSegment): TcpSegment | undefined =>
    toaOn && maxGrowth >= TCPOLEN_TOA ? addToa(s, cp.caddr, cp.cport) : undefined;

  if ((flags & TCP_SYN) !== 0 && (flags & TCP_ACK) === 0) {
    if (entry(ipvs, 'timestamp_remove')) out = removeTimestamps(out) ?? out;
    if (cp.fnatSeq === null || cp.fnatSeq.clientIsn !== seg.seq) {
      cp.fnatSeq = fnatInitSeq(seg.seq, ipvs.host.sim.randomInt(0, 0xffff_ffff));
    }
    const newIsn = (seg.seq + cp.fnatSeq.delta) >>> 0;
    const toa = withToa(out);
    const p = { ...names, isn: seg.seq, newIsn, room: optionRoom(out) };
    m = msg(toa !== undefined ? 'ipvs.fullnat.inSyn' : toaOn ? 'ipvs.fullnat.inSynNoToa' : 'ipvs.fullnat.inSynToaOff', p);
    if (toa !== undefined) out = toa;
  } else if (
    (flags & (TCP_SYN | TCP_RST | TCP_FIN)) === 0 &&
    (flags & TCP_ACK) !== 0 &&
    cp.fnatSeq !== null &&
    cp.fnatSeq.fdataSeq !== 0 &&
    seg.ack === cp.fnatSeq.fdataSeq &&
    toaOn
  ) {
    const toa = withToa(out);
    m = msg(toa !== undefined ? 'ipvs.fullnat.inAckToa' : 'ipvs.fullnat.inAckNoToa', { ...names, room: optionRoom(out) });
    if (toa !== undefined) out = toa;
  }
  if (cp.fnatSeq !== null) out = seqAdjustIn(out, cp.fnatSeq.delta);
  return { seg: out, m };
}

/** Looks up the route for a FULLNAT packet; null (after a drop) when it cannot go. */
function fnatRoute(ipvs: IpvsState, skb: Skb, dst: number, src: number): RouteResult | null {
  const route = ipvs.host.routeOutput(dst, { src });
  if (route.type === 'unicast') return route;
  ipvs.host.drop(skb, msg('ipvs.xmit.noRoute', { rs: formatIp4(dst), type: route.type }));
  return null;
}

/** DF set and longer than the route MTU: ICMP fragmentation needed and drop. */
function tooBig(ipvs: IpvsState, skb: Skb, route: RouteResult, dst: number): boolean {
  const len = ipv4TotalLength(skb.ip);
  if (!skb.ip.df || len <= route.mtu) return false;
  ipvs.host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, route.mtu);
  ipvs.host.drop(skb, msg('ipvs.xmit.fragNeeded', { rs: formatIp4(dst), len, mtu: route.mtu }));
  return true;
}

function send(ipvs: IpvsState, skb: Skb, before: Ipv4Packet, route: RouteResult, m: Msg): Verdict {
  const host = ipvs.host;
  skb.ipvsProperty = true;
  host.emit({ kind: 'ipvs.xmit', fwd: 'fullnat', pkt: skb.pkt, flow: skb.flow, before, after: skb.ip, msg: m });
  ipVsSendOrCont(ipvs, skb, route);
  return 'STOLEN';
}

/** ip_vs_fnat_xmit: a client packet rewritten to LIP:LPORT → RIP:RPORT and sent (always STOLEN). */
export function fullnatXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const route = fnatRoute(ipvs, skb, cp.daddr, cp.laddr);
  if (route === null) return 'STOLEN';
  if (tooBig(ipvs, skb, route, cp.daddr)) return 'STOLEN';
  const before = skb.ip;
  const l4 = before.payload;
  let payload: Ipv4Packet['payload'];
  let m: Msg;
  if (l4.layer === 'tcp') {
    const r = fnatInTcp(ipvs, cp, l4, route.mtu - ipv4TotalLength(before));
    payload = r.seg;
    m = r.m;
  } else if (l4.layer === 'udp') {
    payload = { ...l4, sport: cp.lport, dport: cp.dport };
    m = msg('ipvs.fullnat.in', { client: ep(cp.caddr, cp.cport), vip: ep(cp.vaddr, cp.vport), local: ep(cp.laddr, cp.lport), rs: ep(cp.daddr, cp.dport) });
  } else {
    ipvs.host.drop(skb, msg('ipvs.fullnat.noPorts'));
    return 'STOLEN';
  }
  skb.ip = { ...before, src: cp.laddr, dst: cp.daddr, payload };
  return send(ipvs, skb, before, route, m);
}

/**
 * tcp_fnat_out_handler / udp: the RS's reply rewritten to VIP:VPORT → CIP:CPORT in place (`skb.ip`),
 * with the RS ISN recorded and its MSS clamped from the SYN-ACK, and the ISN delta taken off the
 * ACK and SACK blocks. Returns the trace message for the response transmit.
 */
export function fullnatSnat(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Msg {
  const ip = skb.ip;
  const l4 = ip.payload;
  const names = { rs: ep(cp.daddr, cp.dport), local: ep(cp.laddr, cp.lport), vip: ep(cp.vaddr, cp.vport), client: ep(cp.caddr, cp.cport) };
  let m = msg('ipvs.fullnat.out', names);
  let payload = l4;
  if (l4.layer === 'tcp') {
    let seg: TcpSegment = { ...l4, sport: cp.vport, dport: cp.cport };
    if ((l4.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) {
      if (cp.fnatSeq !== null) cp.fnatSeq.fdataSeq = (l4.seq + 1) >>> 0;
      const mss = l4.options.find((o) => o.kind === 'mss');
      if (mss !== undefined && mss.kind === 'mss' && entry(ipvs, 'mss_adjust')) {
        seg = clampMss(seg, TCPOLEN_TOA);
        m = msg('ipvs.fullnat.outSynAck', { ...names, mss: mss.value, clamped: Math.max(0, mss.value - TCPOLEN_TOA), rsIsn: l4.seq });
      }
    }
    if (cp.fnatSeq !== null) seg = seqAdjustOut(seg, cp.fnatSeq.delta);
    payload = seg;
  } else if (l4.layer === 'udp') {
    payload = { ...l4, sport: cp.vport, dport: cp.cport };
  }
  skb.ip = { ...ip, src: cp.vaddr, dst: cp.caddr, payload };
  return m;
}

/** ip_vs_fnat_response_xmit: routes the rewritten reply to the client (STOLEN: sent or dropped). */
export function fullnatResponseXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn, before: Ipv4Packet, m: Msg): Verdict {
  const route = fnatRoute(ipvs, skb, cp.caddr, cp.vaddr);
  if (route === null) return 'STOLEN';
  if (tooBig(ipvs, skb, route, cp.caddr)) return 'STOLEN';
  return send(ipvs, skb, before, route, m);
}
