/**
 * LVS-NAT requests (ip_vs_xmit.c: ip_vs_nat_xmit, ip_vs_nat_send_or_cont; §6.1). After the shared
 * route step (route.ts) the IP daddr becomes the real server and the TCP/UDP dport its port (so
 * `-r RS:8080` maps a service on :80); DNAT to 127/8 from outside is refused. Remote servers get
 * the packet through LOCAL_OUT, a local one at the current hook (ACCEPT). The wire encoder derives
 * the checksums from the new fields, so a UDP datagram that came with checksum 0 leaves with one,
 * as in the kernel's full-recompute branch. Not modelled: NO_CPORT entries, conntrack, app helpers.
 */
import { formatIp4, isLoopback } from '../../net/wire/addr.js';
import type { Ipv4Packet } from '../../net/wire/packet.js';
import type { Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import { msg } from '../../i18n/message.js';
import type { IpvsConn } from '../conn.js';
import type { IpvsState } from '../state.js';
import { ipVsGetOutRt, RT_MODE_ANY, type OutRt, ipVsSendOrCont } from './route.js';

/** rt_is_input_route: the packet came in from a device (not generated here, not looped back). */
export function cameFromOutside(skb: Skb): boolean {
  return skb.iif !== null && skb.iif !== 'lo';
}

/**
 * "From world but DNAT to loopback address?": a packet from outside must not be handed to a
 * 127/8 real server. Drops it and returns true when that is the case.
 */
export function refuseLoopbackDnat(ipvs: IpvsState, skb: Skb, cp: IpvsConn, rt: OutRt): boolean {
  if (rt.kind !== 'local' || !isLoopback(cp.daddr) || !cameFromOutside(skb)) return false;
  ipvs.host.drop(skb, msg('ipvs.nat.loopback', { rs: formatIp4(cp.daddr) }));
  return true;
}

/**
 * ip_vs_nat_send_or_cont: marks the skb as IPVS's; a local real server gets it at the current hook
 * (ACCEPT), a remote one through LOCAL_OUT and dst_output (STOLEN).
 */
export function natSendOrCont(ipvs: IpvsState, skb: Skb, rt: OutRt): Verdict {
  skb.ipvsProperty = true;
  if (rt.kind !== 'remote') return 'ACCEPT';
  ipVsSendOrCont(ipvs, skb, rt.route);
  return 'STOLEN';
}

/** The request after DNAT: IP daddr = real server, L4 destination port = its port. */
export function dnatPacket(ip: Ipv4Packet, cp: IpvsConn): Ipv4Packet {
  const l4 = ip.payload;
  if (l4.layer === 'tcp' || l4.layer === 'udp') return { ...ip, dst: cp.daddr, payload: { ...l4, dport: cp.dport } };
  return { ...ip, dst: cp.daddr };
}

/** ip_vs_nat_xmit: returns ACCEPT for a local real server, STOLEN otherwise (sent or dropped). */
export function natXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const arrived = skb.ip;
  const rt = ipVsGetOutRt(ipvs, skb, cp.daddr, RT_MODE_ANY);
  if (rt.kind === 'dropped') return 'STOLEN';
  if (refuseLoopbackDnat(ipvs, skb, cp, rt)) return 'STOLEN';
  const after = dnatPacket(skb.ip, cp);
  skb.ip = after;
  const l4 = arrived.payload;
  const vport = l4.layer === 'tcp' || l4.layer === 'udp' ? l4.dport : cp.vport;
  ipvs.host.emit({
    kind: 'ipvs.xmit',
    fwd: 'masq',
    pkt: skb.pkt,
    flow: skb.flow,
    before: arrived,
    after,
    msg: msg(rt.kind === 'local' ? 'ipvs.nat.dnatLocal' : 'ipvs.nat.dnat', {
      vip: `${formatIp4(arrived.dst)}:${vport}`,
      rs: `${formatIp4(cp.daddr)}:${cp.dport}`,
      dev: rt.kind === 'remote' ? rt.route.dev : 'lo',
      nextHop: rt.kind === 'remote' ? formatIp4(rt.route.nextHop) : formatIp4(cp.daddr),
    }),
  });
  return natSendOrCont(ipvs, skb, rt);
}
