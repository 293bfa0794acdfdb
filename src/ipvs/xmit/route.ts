/**
 * The route step of every IPVS transmitter (ip_vs_xmit.c: __ip_vs_get_out_rt, decrement_ttl,
 * ensure_mtu_is_adequate; §6). A real server local to the director means "to the local stack" (if
 * the mode allows it). Otherwise TTL ≤ 1 → ICMP time exceeded and drop; TTL − 1; DF, longer than
 * the route MTU (minus a tunnel's outer header) and not a relayed ICMP error → ICMP fragmentation
 * needed and drop; a tunnel with pmtu_disc=0 skips that check.
 * Simplified: no route cache, no RT_MODE_RDR/CONNECT checks.
 */
import { formatIp4 } from '../../net/wire/addr.js';
import type { Ip4 } from '../../net/wire/addr.js';
import type { Ipv4Packet } from '../../net/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_TIME_EXCEEDED, IPPROTO_ICMP } from '../../net/wire/packet.js';
import { ipv4TotalLength } from '../../net/wire/length.js';
import type { RouteResult, Skb } from '../../net/types.js';
import { msg } from '../../i18n/message.js';
import type { IpvsState } from '../state.js';

/** ICMP_EXC_TTL: time to live exceeded in transit. */
const ICMP_EXC_TTL = 0;

/** The IP_VS_RT_MODE_* bits a transmitter passes to the route step. */
export interface OutRtMode {
  /** IP_VS_RT_MODE_LOCAL: a real server address of the director itself is allowed (local delivery). */
  readonly local: boolean;
  /**
   * IP_VS_RT_MODE_TUNNEL: the bytes of the outer header, subtracted from the route MTU for the
   * MTU check (0 when not tunnelling). A tunnel with net.ipv4.vs.pmtu_disc=0 skips the check.
   */
  readonly tunnelOverhead: number;
}

/** The ordinary mode of NAT, DR and TUN from LOCAL_IN/LOCAL_OUT: local and non-local servers. */
export const RT_MODE_ANY: OutRtMode = { local: true, tunnelOverhead: 0 };

/** The result of the route step. */
export type OutRt =
  /** The real server is a local address: the caller hands the packet to the local stack. */
  | { readonly kind: 'local'; readonly route: RouteResult }
  /**
   * The packet may go on: `skb.ip` now has the decremented TTL, `before` is the packet as it
   * arrived, `mtu` is the MTU the check used.
   */
  | { readonly kind: 'remote'; readonly route: RouteResult; readonly before: Ipv4Packet; readonly mtu: number }
  /** The packet was dropped (with its reason, and an ICMP error where the kernel sends one). */
  | { readonly kind: 'dropped' };

const DROPPED: OutRt = { kind: 'dropped' };

/**
 * __ip_vs_get_out_rt toward `daddr` for `skb`. On 'remote' the TTL of `skb.ip` has been
 * decremented; on 'dropped' the skb is gone (the caller returns STOLEN).
 */
export function ipVsGetOutRt(ipvs: IpvsState, skb: Skb, daddr: Ip4, mode: OutRtMode): OutRt {
  const host = ipvs.host;
  const route = host.routeOutput(daddr);
  switch (route.type) {
    case 'local':
      if (!mode.local) {
        host.drop(skb, msg('ipvs.icmp.localRs', { rs: formatIp4(daddr) }));
        return DROPPED;
      }
      return { kind: 'local', route };
    case 'unicast':
      break;
    case 'broadcast':
    case 'multicast':
    case 'unreachable':
      host.drop(skb, msg('ipvs.xmit.noRoute', { rs: formatIp4(daddr), type: route.type }));
      return DROPPED;
  }
  const before = skb.ip;
  if (before.ttl <= 1) {
    host.icmpSend(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
    host.drop(skb, msg('ipvs.xmit.ttlExceeded', { rs: formatIp4(daddr) }));
    return DROPPED;
  }
  const after = { ...before, ttl: before.ttl - 1 };
  skb.ip = after;
  const mtu = route.mtu - mode.tunnelOverhead;
  if (mode.tunnelOverhead > 0 && ipvs.sysctl('pmtu_disc') === 0) return { kind: 'remote', route, before, mtu };
  const len = ipv4TotalLength(after);
  if (after.df && len > mtu && after.protocol !== IPPROTO_ICMP) {
    host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    host.drop(skb, msg('ipvs.xmit.fragNeeded', { rs: formatIp4(daddr), len, mtu }));
    return DROPPED;
  }
  return { kind: 'remote', route, before, mtu };
}

/**
 * ip_vs_send_or_cont for a remote real server: the packet, now IPVS's own, runs LOCAL_OUT and then
 * dst_output on the route found above (the caller returns NF_STOLEN).
 */
export function ipVsSendOrCont(ipvs: IpvsState, skb: Skb, route: RouteResult): void {
  const host = ipvs.host;
  skb.ipvsProperty = true;
  host.nfHook('LOCAL_OUT', skb, { hook: 'LOCAL_OUT', in: null, out: route.dev }, (s) => host.dstOutput(s, route));
}
