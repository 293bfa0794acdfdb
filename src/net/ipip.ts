/**
 * IPIP decapsulation (RFC 2003; Linux net/ipv4/ipip.c, ip_tunnel.c ip_tunnel_rcv, with the fallback
 * device `tunl0` that `modprobe ipip` creates): an IP-in-IP packet delivered to a local address is
 * unwrapped, counted in the tunnel device's RX statistics, its ECN field combined with the outer
 * one (RFC 6040, INET_ECN_decapsulate: outer CE over a not-ECT inner packet is dropped, outer CE
 * marks an ECT inner packet CE, outer ECT(1) turns inner ECT(0) into ECT(1)), and the inner packet
 * enters IP input again on the tunnel device. So PREROUTING, rp_filter (max of all and tunl0: the
 * LVS-TUN lesson) and the input route see it as received on `tunl0`. The packet keeps its id.
 * Without an up tunnel device the kernel answers ICMP port unreachable (tunnel4_rcv).
 * Simplified: only the catch-all fallback tunnel (no `ip tunnel add` with local/remote), no
 * encapsulation through the device.
 */
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH } from './wire/packet.js';
import type { Ipv4Packet } from './wire/packet.js';
import { ipv4TotalLength } from './wire/length.js';
import type { Skb } from './types.js';
import type { Host } from './host.js';

const ECN_MASK = 3;
const ECN_NOT_ECT = 0;
const ECN_ECT_1 = 1;
const ECN_ECT_0 = 2;
const ECN_CE = 3;

/**
 * INET_ECN_decapsulate: the inner packet with the outer header's ECN folded in, or undefined when
 * it must be dropped (outer CE, inner not ECN-capable).
 */
export function ecnDecapsulate(outerTos: number, inner: Ipv4Packet): Ipv4Packet | undefined {
  const outer = outerTos & ECN_MASK;
  const ecn = inner.tos & ECN_MASK;
  if (ecn === ECN_NOT_ECT) return outer === ECN_CE ? undefined : inner;
  if (outer === ECN_CE && ecn !== ECN_CE) return { ...inner, tos: (inner.tos & ~ECN_MASK) | ECN_CE };
  if (outer === ECN_ECT_1 && ecn === ECN_ECT_0) return { ...inner, tos: (inner.tos & ~ECN_MASK) | ECN_ECT_1 };
  return inner;
}

/** ipip_rcv for a locally delivered protocol-4 packet. */
export function ipipRcv(host: Host, skb: Skb): void {
  const inner = skb.ip.payload;
  if (inner.layer !== 'ipv4') {
    host.drop(skb, { id: 'ipip.drop.malformed' });
    return;
  }
  const tunnel = host.devices.find((d) => d.kind === 'ipip' && d.up);
  if (tunnel === undefined) {
    host.icmpSend(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
    host.drop(skb, { id: 'ipip.drop.noTunnel' });
    return;
  }
  const decapsulated = ecnDecapsulate(skb.ip.tos, inner);
  if (decapsulated === undefined) {
    host.drop(skb, { id: 'ipip.drop.ecn' });
    return;
  }
  // ip_tunnel_rcv counts the packet on the tunnel device before handing it to IP input.
  tunnel.stats.rxPackets++;
  tunnel.stats.rxBytes += ipv4TotalLength(decapsulated);
  skb.ip = decapsulated;
  host.ipRcv(skb, tunnel.name);
}
