/**
 * LVS-NAT replies (ip_vs_core.c: handle_response's SNAT, ip_vs_has_real_service and the
 * nat_icmp_send branch of ip_vs_out_hook; §5.4). A reply matching a NAT connection gets source
 * VIP:vport; the caller counts it and advances the state as OUTPUT. snat_reroute only re-routes
 * replies of a local real server (LOCAL_OUT), and lvslab routes by destination alone, so it is not
 * modelled. With nat_icmp_send=1 a non-RST packet from a NAT real server with no connection gets
 * ICMP port unreachable and is dropped.
 */
import { formatIp4 } from '../net/wire/addr.js';
import type { TcpSegment, UdpDatagram } from '../net/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, IPPROTO_TCP, TCP_RST } from '../net/wire/packet.js';
import type { Skb } from '../net/types.js';
import type { Verdict } from '../trace/events.js';
import { msg } from '../i18n/message.js';
import type { IpvsConn } from './conn.js';
import { IP_VS_CONN_F_FWD_MASK, IP_VS_CONN_F_MASQ } from './dest.js';
import type { IpvsState } from './state.js';

/**
 * handle_response for a MASQ connection: rewrites the reply's source to VIP:vport (the SNAT
 * handler and `ip_hdr(skb)->saddr = cp->vaddr`) and records the rewrite in the trace.
 */
export function natHandleResponse(ipvs: IpvsState, skb: Skb, cp: IpvsConn, l4: TcpSegment | UdpDatagram): void {
  const before = skb.ip;
  const after = { ...before, src: cp.vaddr, payload: { ...l4, sport: cp.vport } };
  skb.ip = after;
  ipvs.host.emit({
    kind: 'ipvs.xmit',
    fwd: 'masq',
    pkt: skb.pkt,
    flow: skb.flow,
    before,
    after,
    msg: msg('ipvs.nat.snat', {
      rs: `${formatIp4(before.src)}:${l4.sport}`,
      vip: `${formatIp4(cp.vaddr)}:${cp.vport}`,
      client: `${formatIp4(before.dst)}:${l4.dport}`,
    }),
  });
}

/** ip_vs_has_real_service: whether `addr:port` is a NAT real server of some service for `protocol`. */
export function hasNatRealService(ipvs: IpvsState, protocol: number, addr: number, port: number): boolean {
  for (const table of [ipvs.svcTable, ipvs.fwmTable]) {
    for (const svc of table.values()) {
      if (svc.fwmark === 0 && svc.protocol !== protocol) continue;
      for (const dest of svc.destinations) {
        if (dest.daddr === addr && dest.dport === port && (dest.connFlags & IP_VS_CONN_F_FWD_MASK) === IP_VS_CONN_F_MASQ) {
          return true;
        }
      }
    }
  }
  return false;
}

/**
 * The end of ip_vs_out_hook for a TCP/UDP packet that matched no connection: with nat_icmp_send=1,
 * a packet from a NAT real server (other than a TCP RST) is answered with ICMP port unreachable
 * and dropped; anything else goes on (ACCEPT).
 */
export function natUnmatchedReply(ipvs: IpvsState, skb: Skb, l4: TcpSegment | UdpDatagram): Verdict {
  if (ipvs.sysctl('nat_icmp_send') === 0) return 'ACCEPT';
  const ip = skb.ip;
  if (!hasNatRealService(ipvs, ip.protocol, ip.src, l4.sport)) return 'ACCEPT';
  if (ip.protocol === IPPROTO_TCP && l4.layer === 'tcp' && (l4.flags & TCP_RST) !== 0) return 'ACCEPT';
  ipvs.host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
  ipvs.host.drop(skb, msg('ipvs.nat.icmpSend', { rs: `${formatIp4(ip.src)}:${l4.sport}`, client: `${formatIp4(ip.dst)}:${l4.dport}` }));
  return 'DROP';
}
