/**
 * Direct routing (ip_vs_xmit.c: ip_vs_dr_xmit, __ip_vs_get_out_rt, decrement_ttl,
 * ensure_mtu_is_adequate, ip_vs_send_or_cont). The route is looked up toward the real server with
 * FLOWI_FLAG_KNOWN_NH: for an on-link server the next hop is the server itself, while the IP
 * header still says VIP, so the only visible change on the wire is the destination MAC (and the
 * TTL). A real server address that is local to the director hands the packet to the local stack.
 * Otherwise: TTL ≤ 1 → ICMP time exceeded; DF and longer than the route MTU → ICMP fragmentation
 * needed; then the packet, marked ipvs_property, runs LOCAL_OUT and dst_output. The IP checksum is
 * derived when the packet is encoded.
 */
import { formatIp4 } from '../../net/wire/addr.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_TIME_EXCEEDED } from '../../net/wire/packet.js';
import { ipv4TotalLength } from '../../net/wire/length.js';
import type { Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import { msg } from '../../i18n/message.js';
import type { IpvsConn } from '../conn.js';
import type { IpvsState } from '../state.js';

/** ICMP_EXC_TTL: time to live exceeded in transit. */
const ICMP_EXC_TTL = 0;

/** ip_vs_dr_xmit: returns ACCEPT for a local real server, STOLEN otherwise (sent or dropped). */
export function drXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const host = ipvs.host;
  const rs = formatIp4(cp.daddr);
  const route = host.routeOutput(cp.daddr);
  switch (route.type) {
    case 'local':
      skb.ipvsProperty = true;
      return 'ACCEPT';
    case 'unicast':
      break;
    case 'broadcast':
    case 'multicast':
    case 'unreachable':
      host.drop(skb, msg('ipvs.xmit.noRoute', { rs, type: route.type }));
      return 'STOLEN';
  }
  const before = skb.ip;
  if (before.ttl <= 1) {
    host.icmpSend(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
    host.drop(skb, msg('ipvs.xmit.ttlExceeded', { rs }));
    return 'STOLEN';
  }
  const after = { ...before, ttl: before.ttl - 1 };
  skb.ip = after;
  const len = ipv4TotalLength(after);
  if (after.df && len > route.mtu) {
    host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, route.mtu);
    host.drop(skb, msg('ipvs.xmit.fragNeeded', { rs, len, mtu: route.mtu }));
    return 'STOLEN';
  }
  skb.ipvsProperty = true;
  host.emit({
    kind: 'ipvs.xmit',
    fwd: 'droute',
    pkt: skb.pkt,
    flow: skb.flow,
    before,
    after,
    msg: msg('ipvs.dr.rewriteMac', { rs, vip: formatIp4(after.dst), dev: route.dev, nextHop: formatIp4(route.nextHop) }),
  });
  host.nfHook('LOCAL_OUT', skb, { hook: 'LOCAL_OUT', in: null, out: route.dev }, (s) => host.dstOutput(s, route));
  return 'STOLEN';
}
