/**
 * The per-host UDP layer (RFC 768; Linux net/ipv4/udp.c): sockets bound to a port on every local
 * address, sendto() from the route's source address, and delivery by destination port. A
 * unicast datagram for a port nobody bound gets ICMP port unreachable (type 3 code 3) and is
 * dropped (__udp4_lib_rcv); broadcast and multicast ones are dropped silently. Datagrams leave
 * with TTL 64 and DF set when they fit the route MTU (IP_PMTUDISC_WANT); an unconnected socket has
 * no private IP ID counter, so a DF datagram carries ID 0 (ip_select_ident_segs). Simplified: no
 * connect(), no SO_REUSEADDR, no fragmentation here (larger datagrams go out without DF).
 */
import type { Ip4 } from '../wire/addr.js';
import type { IcmpMessage, Ipv4Packet, UdpDatagram } from '../wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, IPPROTO_UDP } from '../wire/packet.js';
import type { HostApi, Skb } from '../types.js';
import { msg } from '../../i18n/message.js';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW, IP_DEFAULT_TTL } from '../tcp/params.js';
import { icmpErrno, parseQuoted } from '../tcp/icmp-err.js';
import type { TcpErrno } from '../tcp/state.js';

/** One received datagram, as recvfrom() sees it. */
export interface UdpMessage {
  readonly src: Ip4;
  readonly sport: number;
  readonly dst: Ip4;
  readonly data: Uint8Array;
  readonly skb: Skb;
}

/** A bound UDP socket. */
export interface UdpSocket {
  readonly port: number;
  /** sendto(): false when there is no route to `dst` (ENETUNREACH). */
  sendTo(dst: Ip4, dport: number, data: Uint8Array, flow?: number): boolean;
  /** Called for ICMP errors about datagrams this socket sent (IP_RECVERR-style). */
  onError?: (errno: TcpErrno, dst: Ip4, dport: number) => void;
  close(): void;
}

/** The outcome of bind(). */
export type UdpBindResult = { readonly ok: true; readonly value: UdpSocket } | { readonly ok: false; readonly errno: 'EADDRINUSE' | 'EADDRNOTAVAIL' };

const NO_IP_OPTIONS = new Uint8Array(0);

class BoundSocket implements UdpSocket {
  onError?: (errno: TcpErrno, dst: Ip4, dport: number) => void;
  open = true;

  constructor(
    private readonly stack: UdpStack,
    readonly port: number,
    readonly onMessage: (m: UdpMessage) => void,
  ) {}

  sendTo(dst: Ip4, dport: number, data: Uint8Array, flow?: number): boolean {
    return this.open && this.stack.send(this.port, dst, dport, data, flow);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.stack.unbind(this);
  }
}

/** The UDP layer of one host. Get it with `udpStack(host)`. */
export class UdpStack {
  private readonly sockets = new Map<number, BoundSocket>();

  constructor(readonly host: HostApi) {
    host.addProtocol(IPPROTO_UDP, (skb) => this.rcv(skb));
  }

  /** bind(): port 0 picks a free ephemeral port at random (udp_lib_get_port). */
  bind(port: number, onMessage: (m: UdpMessage) => void): UdpBindResult {
    let p = port;
    if (p === 0) {
      const free = this.randomFreePort();
      if (free === undefined) return { ok: false, errno: 'EADDRNOTAVAIL' };
      p = free;
    } else if (this.sockets.has(p)) {
      return { ok: false, errno: 'EADDRINUSE' };
    }
    const s = new BoundSocket(this, p, onMessage);
    this.sockets.set(p, s);
    return { ok: true, value: s };
  }

  /** Called by a socket's close(). */
  unbind(s: UdpSocket): void {
    if (this.sockets.get(s.port) === s) this.sockets.delete(s.port);
  }

  /** Builds the datagram and hands it to ip_queue_xmit. */
  send(sport: number, dst: Ip4, dport: number, data: Uint8Array, flow?: number): boolean {
    const host = this.host;
    const route = host.routeOutput(dst);
    if (route.type === 'unreachable') return false;
    const udp: UdpDatagram = { layer: 'udp', sport, dport, payload: data };
    const df = 20 + 8 + data.length <= route.mtu;
    const ip: Ipv4Packet = {
      layer: 'ipv4',
      tos: 0,
      id: df ? 0 : host.sim.randomInt(0, 0xffff),
      df,
      mf: false,
      fragOffset: 0,
      ttl: IP_DEFAULT_TTL,
      protocol: IPPROTO_UDP,
      src: route.src,
      dst,
      options: NO_IP_OPTIONS,
      payload: udp,
    };
    host.ipQueueXmit(host.newSkb(ip, flow));
    return true;
  }

  /** udp_rcv: deliver to the bound socket, or answer port unreachable. */
  rcv(skb: Skb): void {
    const ip = skb.ip;
    const udp = ip.payload;
    if (udp.layer !== 'udp') {
      this.host.drop(skb, msg('udp.drop.notUdp'));
      return;
    }
    const s = this.sockets.get(udp.dport);
    if (s !== undefined) {
      s.onMessage({ src: ip.src, sport: udp.sport, dst: ip.dst, data: udp.payload, skb });
      return;
    }
    if (this.host.isLocalAddress(ip.dst)) this.host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
    this.host.drop(skb, msg('udp.drop.noSocket', { port: udp.dport }));
  }

  /** __udp4_lib_err: an ICMP error quoting one of our datagrams; the host's ICMP layer calls this. */
  icmpError(icmp: IcmpMessage): void {
    if (icmp.kind !== 'unreach' && icmp.kind !== 'timeExceeded') return;
    const q = parseQuoted(icmp.original);
    if (q === undefined || q.protocol !== IPPROTO_UDP) return;
    const e = icmpErrno(icmp.kind === 'unreach' ? ICMP_DEST_UNREACH : 11, icmp.code);
    const s = this.sockets.get(q.sport);
    if (e === undefined || s === undefined) return;
    s.onError?.(e.errno, q.dst, q.dport);
  }

  /** The host crashed: every socket vanishes. */
  flush(): void {
    for (const s of this.sockets.values()) s.open = false;
    this.sockets.clear();
  }

  private randomFreePort(): number | undefined {
    const range = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
    const start = this.host.sim.randomInt(0, range - 1);
    for (let i = 0; i < range; i++) {
      const port = EPHEMERAL_LOW + ((start + i) % range);
      if (!this.sockets.has(port)) return port;
    }
    return undefined;
  }
}

const stacks = new WeakMap<HostApi, UdpStack>();

/** The UDP layer of `host`, created (and registered as IP protocol 17) on first use. */
export function udpStack(host: HostApi): UdpStack {
  let s = stacks.get(host);
  if (s === undefined) {
    s = new UdpStack(host);
    stacks.set(host, s);
  }
  return s;
}
