/** English texts for ipvs-xmit message ids (see src/i18n/index.ts). */
export const ipvsXmitMessages: Readonly<Record<string, string>> = {
  'ipvs.tun.encap':
    'IPIP tunnel to {rs}: the whole packet (still addressed to the VIP {vip}, TTL now {ttl}) goes inside a new IP header {src} → {rs}, protocol 4, DF copied; it leaves {dev}, and the inner packet may be at most {mtu} bytes (route MTU − 20)',
  'ipvs.tun.encapNoDf':
    'IPIP tunnel to {rs}: the whole packet (still addressed to the VIP {vip}, TTL now {ttl}) goes inside a new IP header {src} → {rs}, protocol 4, without DF because the inner packet has none; it leaves {dev}',
  'ipvs.tun.encapPmtuOff':
    'IPIP tunnel to {rs}: the whole packet (still addressed to the VIP {vip}, TTL now {ttl}) goes inside a new IP header {src} → {rs}, protocol 4; net.ipv4.vs.pmtu_disc = 0, so the outer header never has DF and no MTU check is made (a packet too big would be fragmented); it leaves {dev}',
  'ipvs.tun.typeNotModelled':
    'The tunnel type {type} is not modelled in lvslab: only --tun-type ipip (the default) is',
  'ipvs.nat.dnat':
    'NAT to {rs}: the destination {vip} is rewritten to the real server {rs} (address and port, checksums recomputed); the packet leaves {dev} for next hop {nextHop} (TTL − 1)',
  'ipvs.nat.dnatLocal':
    'NAT to {rs}, an address of the director itself: the destination {vip} is rewritten to {rs} and the packet goes on to the local stack',
  'ipvs.nat.loopback':
    'IPVS refuses to NAT a packet from outside to the loopback address {rs} (127.0.0.0/8); the packet is dropped',
  'ipvs.nat.snat':
    'NAT reply: the source {rs} is rewritten back to {vip}, so the client {client} sees the address and port it connected to',
  'ipvs.nat.icmpSend':
    'A packet from NAT real server {rs} to {client} matches no IPVS connection: with net.ipv4.vs.nat_icmp_send = 1 the real server gets ICMP port unreachable and the packet is dropped',
  'ipvs.icmp.relayNat':
    'ICMP error (type {type}) from {from} about connection {client} → {vip}: relayed to the real server {rs}, with the outer destination and the quoted source rewritten to {rs}',
  'ipvs.icmp.outNat':
    'ICMP error (type {type}) from NAT real server {rs} about connection {client} → {vip}: the outer source and the quoted destination are rewritten to the VIP {vip}',
  'ipvs.icmp.localRs':
    'IPVS does not relay an ICMP error seen at FORWARD to {rs}, an address of the director itself; the packet is dropped',
};
