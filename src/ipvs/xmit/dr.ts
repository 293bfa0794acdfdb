/**
 * Direct routing (ip_vs_xmit.c: ip_vs_dr_xmit, ip_vs_send_or_cont). The route is looked up toward
 * the real server with FLOWI_FLAG_KNOWN_NH: for an on-link server the next hop is the server
 * itself, while the IP header still says VIP, so the only visible change on the wire is the
 * destination MAC (and the TTL). The shared route step (route.ts) hands a packet for a real server
 * address local to the director to the local stack, and applies the TTL and MTU rules; then the
 * packet, marked ipvs_property, runs LOCAL_OUT and dst_output. The IP checksum is derived when the
 * packet is encoded.
 */
import { formatIp4 } from '../../net/wire/addr.js';
import type { Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import { msg } from '../../i18n/message.js';
import type { IpvsConn } from '../conn.js';
import type { IpvsState } from '../state.js';
import { ipVsGetOutRt, RT_MODE_ANY, ipVsSendOrCont } from './route.js';

/** ip_vs_dr_xmit: returns ACCEPT for a local real server, STOLEN otherwise (sent or dropped). */
export function drXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const host = ipvs.host;
  const rt = ipVsGetOutRt(ipvs, skb, cp.daddr, RT_MODE_ANY);
  switch (rt.kind) {
    case 'local':
      skb.ipvsProperty = true;
      return 'ACCEPT';
    case 'dropped':
      return 'STOLEN';
    case 'remote':
      break;
  }
  const route = rt.route;
  const after = skb.ip;
  skb.ipvsProperty = true;
  host.emit({
    kind: 'ipvs.xmit',
    fwd: 'droute',
    pkt: skb.pkt,
    flow: skb.flow,
    before: rt.before,
    after,
    msg: msg('ipvs.dr.rewriteMac', {
      rs: formatIp4(cp.daddr),
      vip: formatIp4(after.dst),
      dev: route.dev,
      nextHop: formatIp4(route.nextHop),
    }),
  });
  ipVsSendOrCont(ipvs, skb, route);
  return 'STOLEN';
}
