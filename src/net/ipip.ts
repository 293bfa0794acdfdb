/**
 * IPIP decapsulation (RFC 2003; Linux net/ipv4/ipip.c with the fallback device `tunl0` that
 * `modprobe ipip` creates): an IP-in-IP packet delivered to a local address is unwrapped and the
 * inner packet enters IP input again on the tunnel device, so PREROUTING, rp_filter (max of all and
 * tunl0: the LVS-TUN lesson) and the input route see it as received on `tunl0`. The packet keeps
 * its id. Without an up tunnel device the kernel answers ICMP port unreachable (tunnel4_rcv).
 * Simplified: only the catch-all fallback tunnel, no ECN decapsulation rules, no encapsulation.
 */
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH } from './wire/packet.js';
import type { Skb } from './types.js';
import type { Host } from './host.js';

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
  skb.ip = inner;
  host.ipRcv(skb, tunnel.name);
}
