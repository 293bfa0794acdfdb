/**
 * The IPv4 packet paths of a host (net/ipv4/ip_input.c, ip_forward.c, ip_output.c):
 * ip_rcv → PREROUTING → input route → local delivery (LOCAL_IN → protocol handler, or ICMP
 * protocol unreachable) or ip_forward (TTL ≤ 1 → ICMP time exceeded; DF and too big → ICMP
 * fragmentation needed; TTL decrement; FORWARD) → dst_output (POSTROUTING → neighbour output).
 * Local output: ip_queue_xmit → LOCAL_OUT → dst_output; a packet to one of our own addresses goes
 * through `lo` and comes back in (PREROUTING → LOCAL_IN) without touching a wire.
 * Simplified: no fragmentation or reassembly (a fragment for us, or a packet needing
 * fragmentation without DF, is dropped with a reason), no IP options processing, no redirects.
 */
import { assertNever } from '../assert-never.js';
import type { Mac } from './wire/addr.js';
import { MAC_BROADCAST, isMulticast, multicastMac } from './wire/addr.js';
import { ipText } from './ip-text.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_TIME_EXCEEDED, IPPROTO_ICMP } from './wire/packet.js';
import { ipv4TotalLength } from './wire/length.js';
import type { RouteEvent } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import type { RouteResult, Skb } from './types.js';
import type { NetDevice } from './iface.js';
import type { PktType } from './arp.js';
import type { Host } from './host.js';
import type { InputRoute } from './route-lookup.js';
import { icmpRcv } from './icmp.js';

const ICMP_PROT_UNREACH = 2;
const ROUTE_IN_IDS = { local: 'route.in.local', broadcast: 'route.in.broadcast', multicast: 'route.in.multicast' } as const;
const ICMP_EXC_TTL = 0;

/** Emits a `route` event for `skb`. */
export function emitRoute(host: Host, skb: Skb, type: RouteEvent['type'], msg: Msg, route?: RouteResult): void {
  const sim = host.sim;
  if (route === undefined) {
    sim.emit({ kind: 'route', t: sim.now, host: host.name, msg, pkt: skb.pkt, flow: skb.flow, dst: skb.ip.dst, type });
    return;
  }
  sim.emit({
    kind: 'route',
    t: sim.now,
    host: host.name,
    msg,
    pkt: skb.pkt,
    flow: skb.flow,
    dst: skb.ip.dst,
    type,
    dev: route.dev,
    nextHop: route.nextHop,
    src: route.src,
  });
}

/** ip_rcv: a packet received on `dev` (from a segment, a tunnel, or the loopback). */
export function ipRcv(host: Host, skb: Skb, dev: NetDevice, pktType: PktType): void {
  skb.iif = dev.name;
  if (pktType !== 'host') host.setPktType(skb, pktType);
  if (host.nfHookPass('PREROUTING', skb, dev.preroutingState)) ipRcvFinish(host, skb, dev, pktType);
}

/** ip_rcv_finish: the input route decides local delivery, forwarding or a drop. */
function ipRcvFinish(host: Host, skb: Skb, dev: NetDevice, pktType: PktType): void {
  const ip = skb.ip;
  const r: InputRoute = host.inputRoute(ip.dst, ip.src, dev);
  switch (r.kind) {
    case 'local':
      emitRoute(host, skb, r.type, { id: ROUTE_IN_IDS[r.type], params: { dst: ipText(ip.dst), iface: dev.name } });
      ipLocalDeliver(host, skb, dev);
      return;
    case 'forward':
      emitRoute(
        host,
        skb,
        'unicast',
        { id: 'route.in.forward', params: { dst: ipText(ip.dst), iface: dev.name, outIface: r.route.dev, nextHop: ipText(r.route.nextHop) } },
        r.route,
      );
      ipForward(host, skb, dev, r.route, pktType);
      return;
    case 'error':
      emitRoute(host, skb, 'unreachable', { id: 'route.in.unreachable', params: { dst: ipText(ip.dst), iface: dev.name } });
      if (r.icmpCode !== undefined) host.icmpSend(skb, ICMP_DEST_UNREACH, r.icmpCode);
      host.drop(skb, r.reason);
      return;
    default:
      assertNever(r);
  }
}

/** The loopback device handed a locally sent packet back to IP input (loopback_xmit → netif_rx). */
export function loopbackRcv(host: Host, skb: Skb, lo: NetDevice): void {
  skb.iif = lo.name;
  if (!host.nfHookPass('PREROUTING', skb, lo.preroutingState)) return;
  // The skb keeps the output route it was sent with: local delivery, no new lookup.
  const dst = skb.ip.dst;
  if (host.isLocalAddress(dst) || host.fib.addrType(dst) === 'broadcast' || isMulticast(dst)) ipLocalDeliver(host, skb, lo);
  else ipRcvFinish(host, skb, lo, 'host');
}

/** ip_local_deliver: reassembly (not modelled), then LOCAL_IN. */
function ipLocalDeliver(host: Host, skb: Skb, dev: NetDevice): void {
  const ip = skb.ip;
  if (ip.mf || ip.fragOffset !== 0) {
    host.drop(skb, { id: 'ip.drop.fragment', params: { src: ipText(ip.src), dst: ipText(ip.dst) } });
    return;
  }
  if (host.nfHookPass('LOCAL_IN', skb, dev.localInState)) ipLocalDeliverFinish(host, skb);
}

/** ip_local_deliver_finish: the protocol handler, or ICMP protocol unreachable. */
function ipLocalDeliverFinish(host: Host, skb: Skb): void {
  const protocol = skb.ip.protocol;
  if (protocol === IPPROTO_ICMP) {
    host.rawIcmpCopy(skb);
    icmpRcv(host, skb);
    return;
  }
  const handler = host.protocolHandler(protocol);
  if (handler !== undefined) {
    handler(skb, host);
    return;
  }
  host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH);
  host.drop(skb, { id: 'ip.drop.noProtocol', params: { protocol } });
}

/** ip_forward: TTL and MTU checks, TTL decrement, FORWARD, then dst_output. */
function ipForward(host: Host, skb: Skb, inDev: NetDevice, route: RouteResult, pktType: PktType): void {
  const ip = skb.ip;
  if (pktType !== 'host') {
    host.drop(skb, { id: 'ip.drop.forwardNotHost', params: { dst: ipText(ip.dst), iface: inDev.name } });
    return;
  }
  if (ip.ttl <= 1) {
    host.icmpSend(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
    host.drop(skb, { id: 'ip.drop.ttlExceeded', params: { ttl: ip.ttl, dst: ipText(ip.dst) } });
    return;
  }
  const len = ipv4TotalLength(ip);
  if (ip.df && len > route.mtu) {
    host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, route.mtu);
    host.drop(skb, { id: 'ip.drop.fragNeeded', params: { len, mtu: route.mtu, iface: route.dev } });
    return;
  }
  skb.ip = { ...ip, ttl: ip.ttl - 1 };
  if (host.nfHookPass('FORWARD', skb, { hook: 'FORWARD', in: inDev.name, out: route.dev })) dstOutput(host, skb, route);
}

/** ip_queue_xmit / ip_local_out: route (when not given), LOCAL_OUT, then dst_output. */
export function ipQueueXmit(host: Host, skb: Skb, given?: RouteResult): void {
  let route = given;
  if (route === undefined) {
    const ip = skb.ip;
    route = host.routeOutput(ip.dst, ip.src === 0 ? undefined : { src: ip.src });
    const dst = ipText(ip.dst);
    if (route.type === 'unreachable') {
      emitRoute(host, skb, 'unreachable', { id: 'route.out.unreachable', params: { dst } });
      host.drop(skb, { id: 'ip.drop.noRouteLocal', params: { dst } });
      return;
    }
    const nextHop = route.nextHop === ip.dst ? dst : ipText(route.nextHop);
    emitRoute(host, skb, route.type, { id: 'route.out', params: { dst, outIface: route.dev, nextHop, src: ipText(route.src) } }, route);
  }
  if (host.nfHookPass('LOCAL_OUT', skb, { hook: 'LOCAL_OUT', in: null, out: route.dev })) dstOutput(host, skb, route);
}

/** dst_output → ip_output: POSTROUTING, then ip_finish_output. */
export function dstOutput(host: Host, skb: Skb, route: RouteResult): void {
  if (host.nfHookPass('POSTROUTING', skb, { hook: 'POSTROUTING', in: null, out: route.dev })) ipFinishOutput(host, skb, route);
}

/** ip_finish_output: MTU (fragmentation is not modelled), then the neighbour layer. */
function ipFinishOutput(host: Host, skb: Skb, route: RouteResult): void {
  const dev = host.device(route.dev);
  if (dev === undefined || !dev.up) {
    host.drop(skb, { id: 'ip.drop.devDown', params: { iface: route.dev } });
    return;
  }
  const mtu = route.mtu > 0 ? Math.min(route.mtu, dev.mtu) : dev.mtu;
  const len = ipv4TotalLength(skb.ip);
  if (len > mtu) {
    if (skb.ip.df) {
      host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
      host.drop(skb, { id: 'ip.drop.fragNeeded', params: { len, mtu, iface: dev.name } });
    } else host.drop(skb, { id: 'ip.drop.fragmentation', params: { len, mtu, iface: dev.name } });
    return;
  }
  neighOutput(host, dev, skb, route);
}

/** ip_finish_output2 / neigh_output: the link-layer destination, resolving it through ARP when needed. */
function neighOutput(host: Host, dev: NetDevice, skb: Skb, route: RouteResult): void {
  switch (dev.kind) {
    case 'loopback':
      host.loopbackXmit(skb, dev);
      return;
    case 'ipip': {
      const xmit = host.tunnelXmit(dev.name);
      if (xmit === undefined) host.drop(skb, { id: 'ip.drop.tunnelNotModelled', params: { iface: dev.name } });
      else xmit(skb, route);
      return;
    }
    case 'ether': {
      let mac: Mac | undefined;
      if (route.type === 'broadcast' || route.nextHop === 0xffffffff) mac = MAC_BROADCAST;
      else if (route.type === 'multicast' || isMulticast(route.nextHop)) mac = multicastMac(skb.ip.dst);
      if (mac !== undefined) host.xmit(dev.name, skb, mac);
      else dev.neigh.output(skb, route.nextHop);
      return;
    }
    default:
      assertNever(dev.kind);
  }
}
