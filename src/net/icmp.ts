/**
 * ICMP in the host (net/ipv4/icmp.c). icmp_rcv answers echo requests for any local address
 * (source = the address pinged, TOS copied, TTL ip_default_ttl, DF clear as on Linux's ICMP
 * socket) and passes echo replies and errors to the sockets (ping_rcv, each protocol's
 * err_handler). __icmp_send builds errors: never about an ICMP error, a broadcast or multicast,
 * a link-layer broadcast, or a non-first fragment; source = the offending packet's destination
 * when that was us, else the route's source (icmp_errors_use_inbound_ifaddr=1: the inbound
 * interface's address); the quote is as much of the packet as fits in 576 bytes (Linux), at least
 * the IP header and 8 bytes (RFC 792). Simplified: no rate limiting, no timestamp/address-mask.
 */
import { assertNever } from '../assert-never.js';
import type { IcmpMessage, Ipv4Packet } from './wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, IPPROTO_ICMP } from './wire/packet.js';
import { encodeIpv4 } from './wire/frame.js';
import { formatIp4, isMulticast } from './wire/addr.js';
import type { Skb } from './types.js';
import type { Host } from './host.js';
import { RT_SCOPE_LINK, inetSelectAddr } from './addr-select.js';

/** ICMP types that are errors (icmp_pointers[].error): never answered with another error. */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
/** NR_ICMP_TYPES: types above it are treated like errors. */
const NR_ICMP_TYPES = 18;
/** The largest ICMP error datagram (RFC 1812 §4.3.2.3, Linux: 576). */
const ICMP_ERROR_MAX = 576;
const EMPTY = new Uint8Array(0);

/** The ICMP type number of a message value. */
export function icmpType(m: IcmpMessage): number {
  switch (m.kind) {
    case 'echo':
      return m.type;
    case 'unreach':
      return ICMP_DEST_UNREACH;
    case 'timeExceeded':
      return ICMP_TIME_EXCEEDED;
    case 'other':
      return m.type;
    default:
      return assertNever(m);
  }
}

/**
 * __icmp_send(skb, type, code, info): sends an ICMP error about `skb` back to its source, unless
 * one of the kernel's rules forbids it (the reason is then returned, undefined when sent).
 */
export function icmpSend(host: Host, skb: Skb, type: number, code: number, info: number): string | undefined {
  const ip = skb.ip;
  if (ip.fragOffset !== 0) return 'icmp.noError.fragment';
  const dstType = host.fib.addrType(ip.dst);
  if (dstType === 'broadcast' || dstType === 'multicast' || host.pktTypeOf(skb) !== 'host') return 'icmp.noError.broadcast';
  if (ip.src === 0 || ip.src === 0xffffffff || isMulticast(ip.src)) return 'icmp.noError.badSource';
  if (ip.protocol === IPPROTO_ICMP && ip.payload.layer === 'icmp') {
    const t = icmpType(ip.payload);
    if (t > NR_ICMP_TYPES || ERROR_TYPES.has(t)) return 'icmp.noError.aboutError';
  }
  let saddr = 0;
  if (host.isLocalAddress(ip.dst)) saddr = ip.dst;
  else if (skb.iif !== null && host.sysctl('net.ipv4.icmp_errors_use_inbound_ifaddr') !== 0) {
    const inDev = host.device(skb.iif);
    if (inDev !== undefined) saddr = inetSelectAddr(inDev, ip.src, RT_SCOPE_LINK, host.devices);
  }
  const route = host.routeOutput(ip.src, saddr === 0 ? undefined : { src: saddr });
  if (route.type === 'unreachable') return 'icmp.noError.noRoute';
  if (saddr === 0) saddr = route.src;
  const room = Math.min(route.mtu, ICMP_ERROR_MAX) - 20 - 8;
  const whole = encodeIpv4(ip);
  const original = whole.length > room ? whole.slice(0, room) : whole.slice();
  let payload: IcmpMessage;
  if (type === ICMP_DEST_UNREACH) payload = { layer: 'icmp', kind: 'unreach', code, nextHopMtu: code === 4 ? info : 0, original };
  else if (type === ICMP_TIME_EXCEEDED) payload = { layer: 'icmp', kind: 'timeExceeded', code, original };
  else payload = { layer: 'icmp', kind: 'other', type, code, rest: info >>> 0, data: original };
  const err: Ipv4Packet = {
    layer: 'ipv4',
    tos: (ip.tos & 0x1e) | 0xc0,
    id: host.nextIpId(),
    df: false,
    mf: false,
    fragOffset: 0,
    ttl: host.sysctl('net.ipv4.ip_default_ttl'),
    protocol: IPPROTO_ICMP,
    src: saddr,
    dst: ip.src,
    options: EMPTY,
    payload,
  };
  host.ipQueueXmit(host.newSkb(err, skb.flow));
  return undefined;
}

/** icmp_rcv for a locally delivered ICMP message. */
export function icmpRcv(host: Host, skb: Skb): void {
  const ip = skb.ip;
  const m = ip.payload;
  if (m.layer !== 'icmp') {
    host.drop(skb, { id: 'icmp.drop.malformed' });
    return;
  }
  const type = icmpType(m);
  if (type === ICMP_ECHO_REQUEST && m.kind === 'echo') {
    const dstType = host.fib.addrType(ip.dst);
    const toGroup = dstType === 'broadcast' || dstType === 'multicast';
    if (host.sysctl('net.ipv4.icmp_echo_ignore_all') !== 0 || (toGroup && host.sysctl('net.ipv4.icmp_echo_ignore_broadcasts') !== 0)) {
      host.drop(skb, { id: toGroup ? 'icmp.drop.echoBroadcastIgnored' : 'icmp.drop.echoIgnored', params: { dst: formatIp4(ip.dst) } });
      return;
    }
    let src = ip.dst;
    if (toGroup) {
      const inDev = skb.iif === null ? undefined : host.device(skb.iif);
      src = inDev === undefined ? 0 : inetSelectAddr(inDev, ip.src, RT_SCOPE_LINK, host.devices);
    }
    const reply: Ipv4Packet = {
      layer: 'ipv4',
      tos: ip.tos,
      id: host.nextIpId(),
      df: false,
      mf: false,
      fragOffset: 0,
      ttl: host.sysctl('net.ipv4.ip_default_ttl'),
      protocol: IPPROTO_ICMP,
      src,
      dst: ip.src,
      options: EMPTY,
      payload: { ...m, type: ICMP_ECHO_REPLY, code: 0 },
    };
    host.ipQueueXmit(host.newSkb(reply, skb.flow));
    return;
  }
  if (type === ICMP_ECHO_REPLY) {
    if (!host.deliverEchoReply(skb)) host.drop(skb, { id: 'icmp.drop.noPingSocket' });
    return;
  }
  if (m.kind === 'unreach' || m.kind === 'timeExceeded' || (m.kind === 'other' && ERROR_TYPES.has(m.type))) {
    host.deliverIcmpError(skb, m);
  }
}
