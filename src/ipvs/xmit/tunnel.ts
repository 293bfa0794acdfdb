/**
 * IP tunnelling, LVS-TUN (ip_vs_xmit.c: ip_vs_tunnel_xmit, ip_vs_prepare_tunneled_skb,
 * ip_vs_tunnel_xmit_prepare; reference §6.3). The route step (route.ts) runs in tunnel mode: the
 * MTU it checks is the route MTU minus the 20-byte outer header, and with net.ipv4.vs.pmtu_disc=0
 * it does not check at all. Then the whole packet, its TTL already decremented, becomes the payload
 * of a new IPv4 header (RFC 2003 IPIP, protocol 4): tos = INET_ECN_encapsulate(inner tos,
 * inner tos) as ip_vs_prepare_tunneled_skb computes it (the DSCP copied; the ECN bits copied,
 * except that a CE-marked inner packet gets ECT(0) outside, RFC 6040), TTL = the inner TTL, DF copied from the inner packet
 * when pmtu_disc=1 (else 0), id from ip_select_ident (0 for a DF packet, else the host's IP id
 * generator), source = the preferred source of the route to the real server, destination = the real
 * server. The real server decapsulates it on tunl0 (src/net/ipip.ts) and answers the client
 * directly from the VIP. Simplified: only `--tun-type ipip` (GUE and GRE are refused by ipvsadm and
 * the control layer); a pmtu_disc=0 packet too big for the link is dropped by the output path
 * because lvslab does not fragment.
 */
import { formatIp4 } from '../../net/wire/addr.js';
import type { Ipv4Packet } from '../../net/wire/packet.js';
import { IPPROTO_IPIP } from '../../net/wire/packet.js';
import type { Skb } from '../../net/types.js';
import type { Verdict } from '../../trace/events.js';
import { msg } from '../../i18n/message.js';
import type { IpvsConn } from '../conn.js';
import type { IpvsState } from '../state.js';
import { ipVsGetOutRt, type OutRtMode, ipVsSendOrCont } from './route.js';

/** sizeof(struct iphdr): what the IPIP outer header adds. */
export const IPIP_OVERHEAD = 20;

/** IP_VS_RT_MODE_LOCAL | NON_LOCAL | CONNECT | TUNNEL. */
const RT_MODE_TUNNEL: OutRtMode = { local: true, tunnelOverhead: IPIP_OVERHEAD };

const NO_OPTIONS = new Uint8Array(0);

/** The ECN field (the low two bits of tos) and its CE and ECT(0) codepoints (RFC 3168). */
const INET_ECN_MASK = 3;
const INET_ECN_CE = 3;
const INET_ECN_ECT_0 = 2;

/** INET_ECN_encapsulate(outer, inner) with outer = inner: the outer tos of a tunnelled packet. */
export function ecnEncapsulate(tos: number): number {
  const ecn = tos & INET_ECN_MASK;
  return (tos & ~INET_ECN_MASK) | (ecn === INET_ECN_CE ? INET_ECN_ECT_0 : ecn);
}

/**
 * The outer header ip_vs_tunnel_xmit puts around `inner` (whose TTL is already decremented):
 * `pmtuDisc` is net.ipv4.vs.pmtu_disc, `nextId` the host's ip_select_ident for non-DF packets.
 */
export function ipipEncapsulate(inner: Ipv4Packet, saddr: number, daddr: number, pmtuDisc: boolean, nextId: () => number): Ipv4Packet {
  const df = pmtuDisc && inner.df;
  return {
    layer: 'ipv4',
    tos: ecnEncapsulate(inner.tos),
    id: df ? 0 : nextId(),
    df,
    mf: false,
    fragOffset: 0,
    ttl: inner.ttl,
    protocol: IPPROTO_IPIP,
    src: saddr,
    dst: daddr,
    options: NO_OPTIONS,
    payload: inner,
  };
}

/** ip_vs_tunnel_xmit: returns ACCEPT for a local real server, STOLEN otherwise (sent or dropped). */
export function tunnelXmit(ipvs: IpvsState, skb: Skb, cp: IpvsConn): Verdict {
  const host = ipvs.host;
  const rt = ipVsGetOutRt(ipvs, skb, cp.daddr, RT_MODE_TUNNEL);
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
  const inner = skb.ip;
  const pmtuDisc = ipvs.sysctl('pmtu_disc') !== 0;
  const outer = ipipEncapsulate(inner, route.src, cp.daddr, pmtuDisc, () => host.nextIpId());
  skb.ip = outer;
  skb.ipvsProperty = true;
  host.emit({
    kind: 'ipvs.xmit',
    fwd: 'tunnel',
    pkt: skb.pkt,
    flow: skb.flow,
    before: rt.before,
    after: outer,
    msg: msg(outer.df ? 'ipvs.tun.encap' : pmtuDisc ? 'ipvs.tun.encapNoDf' : 'ipvs.tun.encapPmtuOff', {
      rs: formatIp4(cp.daddr),
      src: formatIp4(outer.src),
      vip: formatIp4(inner.dst),
      dev: route.dev,
      ttl: outer.ttl,
      mtu: rt.mtu,
    }),
  });
  ipVsSendOrCont(ipvs, skb, route);
  return 'STOLEN';
}
