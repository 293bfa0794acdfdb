/** English texts for the net layer's message ids. */
export const netMessages: Readonly<Record<string, string>> = {
  // Segments and interfaces
  'seg.tx': 'frame sent',
  'seg.drop.blocked': 'dropped on segment {segment}: the frame matches the block filter {filter}',
  'net.rx': 'frame received',
  'eth.drop.unknownType': 'dropped on {iface}: ethertype {ethertype} is not handled',

  // Builder and command errors (the texts the real tools print)
  'sysctl.err.unknownKey': 'sysctl: cannot stat {path}: No such file or directory',
  'sysctl.err.badValue': 'sysctl: setting key "{key}": Invalid argument',
  'addr.err.exists': 'RTNETLINK answers: File exists',
  'addr.err.invalid': 'RTNETLINK answers: Invalid argument',
  'addr.err.notFound': 'RTNETLINK answers: Cannot assign requested address',
  'addr.err.badLabel': '"dev" ({dev}) must match "label" ({label}).',
  'link.err.exists': 'RTNETLINK answers: File exists',
  'link.err.noDevice': 'Cannot find device "{iface}"',
  'link.err.notEthernet': '{iface} is not an Ethernet device',
  'link.err.unknownSegment': 'no segment named {segment}',
  'lab.err.duplicateSegment': 'segment {segment} is defined twice',
  'lab.err.duplicateHost': 'host {host} is defined twice',
  'route.err.exists': 'RTNETLINK answers: File exists',
  'route.err.notFound': 'RTNETLINK answers: No such process',
  'route.err.invalidGateway': 'Error: Nexthop has invalid gateway.',
  'route.err.devDown': 'Error: Device for nexthop is not up.',
  'route.err.nexthopDevDown': 'Error: Nexthop device is not up.',
  'route.err.netDown': 'RTNETLINK answers: Network is down',
  'route.err.onlinkNoDevice': 'Error: Nexthop device required for onlink.',
  'route.err.noDevice': 'Cannot find device "{dev}"',
  'route.err.invalidPrefsrc': 'Error: Invalid prefsrc address.',
  'route.err.invalid': 'RTNETLINK answers: Invalid argument',

  // Routing decisions
  'route.in.local': '{dst} is a local address: deliver to this host (arrived on {iface})',
  'route.in.broadcast': '{dst} is a broadcast address: deliver to this host (arrived on {iface})',
  'route.in.multicast': '{iface} has joined the multicast group {dst}: deliver to this host',
  'route.in.forward': '{dst} is not local: forward out of {outIface} to next hop {nextHop}',
  'route.in.unreachable': 'no way to deliver or forward {dst} (arrived on {iface})',
  'route.out': 'route to {dst}: out of {outIface}, next hop {nextHop}, source {src}',
  'route.out.unreachable': 'no route to {dst}',

  // Netfilter
  'nf.accept': '{hook}: ACCEPT',
  'nf.drop': '{hook}: DROP by {by}',
  'nf.stolen': '{hook}: STOLEN by {by} (the module took the packet)',

  // IPv4 drops
  'ip.drop.notForwarding': 'dropped: {dst} is not an address of this host and {iface} does not forward (net.ipv4.conf.{iface}.forwarding = 0)',
  'ip.drop.noRoute': 'dropped: no route to {dst}; ICMP network unreachable sent back',
  'ip.drop.unreachableRoute': 'dropped: {dst} matches an unreachable route; ICMP host unreachable sent back',
  'ip.drop.prohibitRoute': 'dropped: {dst} matches a prohibit route; ICMP administratively prohibited sent back',
  'ip.drop.blackholeRoute': 'dropped silently: {dst} matches a blackhole route',
  'ip.drop.martianSource': 'dropped: martian source {src} (for {dst}, arrived on {iface})',
  'ip.drop.martianDest': 'dropped: martian destination {dst} (from {src}, arrived on {iface})',
  'ip.drop.localSource': 'dropped: the source {src} is one of this host\'s own addresses, arriving from outside on {iface} (martian source; accept_local = 0)',
  'ip.drop.rpFilter.noRoute': 'dropped by rp_filter = {value} ({mode}, the max of conf.all and conf.{iface}): no route back to the source {src}',
  'ip.drop.rpFilter.strict': 'dropped by rp_filter = {value} (strict, the max of conf.all and conf.{iface}): the route back to {src} leaves through {routeIface}, not {iface}',
  'ip.drop.mcastNotJoined': 'dropped: {iface} has not joined the multicast group {dst}',
  'ip.drop.fragment': 'dropped: a fragment of a packet from {src} to {dst}; reassembly is not modelled',
  'ip.drop.noProtocol': 'dropped: nothing handles IP protocol {protocol} here; ICMP protocol unreachable sent back',
  'ip.drop.forwardNotHost': 'not forwarded: the frame for {dst} was not addressed to the MAC of {iface} (broadcast or multicast)',
  'ip.drop.ttlExceeded': 'dropped: TTL {ttl} would reach 0 on the way to {dst}; ICMP time exceeded sent back',
  'ip.drop.fragNeeded': 'dropped: {len} bytes with DF set do not fit the MTU {mtu} of {iface}; ICMP fragmentation needed sent back',
  'ip.drop.fragmentation': 'dropped: {len} bytes do not fit the MTU {mtu} of {iface} and fragmentation is not modelled',
  'ip.drop.noRouteLocal': 'not sent: no route to {dst} (Network is unreachable)',
  'ip.drop.devDown': 'dropped: {iface} is down',
  'ip.drop.noCarrier': 'dropped: {iface} is not plugged into a segment or cannot send',
  'ip.drop.tunnelNotModelled': 'dropped: {iface} has no tunnel driver attached',

  // IPIP
  'ipip.drop.malformed': 'dropped: an IPIP packet without an inner IPv4 packet',
  'ipip.drop.noTunnel': 'dropped: no IPIP tunnel device is up to receive it; ICMP port unreachable sent back',

  // ICMP
  'icmp.drop.malformed': 'dropped: the ICMP message could not be read',
  'icmp.drop.noPingSocket': 'echo reply dropped: no ping is waiting for it',
  'icmp.drop.echoIgnored': 'echo request to {dst} ignored: net.ipv4.icmp_echo_ignore_all = 1',
  'icmp.drop.echoBroadcastIgnored': 'echo request to {dst} ignored: net.ipv4.icmp_echo_ignore_broadcasts = 1',
  'icmp.noError.fragment': 'no ICMP error: the packet is a non-first fragment',
  'icmp.noError.broadcast': 'no ICMP error: the packet was sent to a broadcast or multicast address',
  'icmp.noError.badSource': 'no ICMP error: the packet\'s source is not a unicast address',
  'icmp.noError.aboutError': 'no ICMP error: the packet is itself an ICMP error',
  'icmp.noError.noRoute': 'no ICMP error: no route back to the sender',

  // ARP: the reply decision (arp_ignore, arp_filter)
  'arp.ignore.any': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = {value} replies for any local address, on whichever interface it is configured',
  'arp.ignore.onIface': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = {value} (the max of conf.all and conf.{iface}) and {tip} is configured on {iface}',
  'arp.ignore.notOnIface': '{iface} ignores the ARP request for {tip} from {sip}: arp_ignore = {value} (the max of conf.all and conf.{iface}) replies only for addresses configured on {iface}, and {tip} is not',
  'arp.ignore.sameSubnet': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = 2, {tip} is configured on {iface} and {sip} is in its subnet',
  'arp.ignore.notSameSubnet': '{iface} ignores the ARP request for {tip} from {sip}: arp_ignore = 2 and {sip} is not in the subnet of {tip} on {iface}',
  'arp.ignore.scopeOk': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = 3 hides only addresses of scope host, and {tip} has scope link or global',
  'arp.ignore.scopeHost': '{iface} ignores the ARP request for {tip} from {sip}: arp_ignore = 3 and {tip} is configured with scope host',
  'arp.ignore.reserved': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = {value} is reserved and behaves like 0',
  'arp.ignore.never': '{iface} ignores the ARP request for {tip} from {sip}: arp_ignore = 8 never replies, not even for the addresses of {iface}',
  'arp.ignore.unknownValue': '{iface} answers the ARP request for {tip} from {sip}: arp_ignore = {value} is not a defined value and behaves like 0',
  'arp.filter.noRoute': '{iface} ignores the ARP request for {tip} from {sip}: arp_filter is on and there is no route back to {sip}',
  'arp.filter.otherIface': '{iface} ignores the ARP request for {tip} from {sip}: arp_filter is on and the route back to {sip} leaves through {outIface}, not {iface}',
  'arp.reply.dad': '{iface} answers a duplicate-address probe for {tip} (sender IP 0.0.0.0), arp_ignore = {value}',
  'arp.proxy.reply': '{iface} answers the ARP request for {tip} with its own MAC (proxy_arp): the route to {tip} leaves through {outIface}',
  'arp.drop.badOp': 'ARP packet with opcode {oper} ignored on {iface}',
  'arp.drop.badTarget': 'ARP request for {tip} ignored on {iface}: multicast and loopback targets are never answered',
  'arp.drop.gratuitous': 'gratuitous ARP from {sip} dropped on {iface}: drop_gratuitous_arp is on',
  'arp.garp.sent': '{iface} announces {ip} with a gratuitous ARP',

  // ARP: the sender IP of our requests (arp_announce)
  'arp.announce.0.localSrc': '{iface} asks who has {target} ({probe}) with sender IP {sip}: arp_announce = {value} uses the source of the waiting packet because {src} is a local address (on any interface)',
  'arp.announce.0.notLocal': '{iface} asks who has {target} ({probe}) with sender IP {sip}: arp_announce = {value}, but the waiting packet\'s source {src} is not local, so the best address of {iface} for {target}',
  'arp.announce.1.onlink': '{iface} asks who has {target} ({probe}) with sender IP {sip}: arp_announce = 1 uses the waiting packet\'s source because a subnet of {iface} holds both {src} and {target}',
  'arp.announce.1.notOnlink': '{iface} asks who has {target} ({probe}) with sender IP {sip}: arp_announce = 1 and no subnet of {iface} holds both the packet\'s source {src} and {target}, so the best address of {iface} for {target}',
  'arp.announce.2': '{iface} asks who has {target} ({probe}) with sender IP {sip}: arp_announce = 2 ignores the waiting packet\'s source ({src}) and uses the best primary address of {iface} for {target}',
  'arp.announce.noPacket': '{iface} asks who has {target} ({probe}) with sender IP {sip}: no packet is waiting, so the best address of {iface} for {target}',

  // Neighbour (ARP cache) entries
  'neigh.incomplete': '{ip} on {iface} is not in the ARP cache: INCOMPLETE, packets wait while ARP requests go out',
  'neigh.reachable.reply': '{ip} is at {mac} ({iface}): a unicast ARP reply confirms it, REACHABLE',
  'neigh.stale.request': '{ip} is at {mac} ({iface}), seen in its ARP request: STALE (not confirmed)',
  'neigh.stale.broadcastReply': '{ip} is at {mac} ({iface}), seen in a broadcast ARP reply: STALE (not confirmed)',
  'neigh.stale.requestForUs': '{ip} asked for one of our addresses: its MAC {mac} is cached as STALE on {iface}',
  'neigh.garp': '{ip} announces {mac} with a gratuitous ARP: the entry on {iface} is updated',
  'neigh.delay': '{ip} was STALE and a packet used it: DELAY, a probe follows in {delayMs} ms unless it is confirmed',
  'neigh.delay.fromReachable': '{ip} on {iface} has not been confirmed for reachable_time but is in use: DELAY for {delayMs} ms',
  'neigh.stale.timeout': '{ip} on {iface} has not been confirmed for {reachableMs} ms (reachable_time): STALE',
  'neigh.reachable.confirmed': '{ip} on {iface} was confirmed during DELAY: REACHABLE again',
  'neigh.probe': '{ip} on {iface} was not confirmed: PROBE with unicast ARP requests',
  'neigh.failed': '{ip} on {iface} did not answer {probes} ARP requests: FAILED, waiting packets are dropped',
  'neigh.admin': '{ip} set to {state} on {iface} by an administrator',
  'neigh.removed': '{ip} removed from the ARP cache of {iface}',
  'neigh.drop.failed': 'dropped: {ip} on {iface} could not be resolved (ARP entry FAILED)',
  'neigh.drop.queueFull': 'dropped: more than {qlen} packets were waiting for the ARP resolution of {ip} on {iface}',

  // IPIP decapsulation (LVS-TUN real servers)
  'ip.drop.rpFilter.tunnel':
    'dropped by rp_filter = {value} ({mode}; the kernel uses the max of conf.all.rp_filter and conf.{iface}.rp_filter): the packet from {src} came out of the IPIP tunnel on {iface}, but the route back to {src} leaves through {routeIface}, so the reverse-path check fails. An LVS-TUN real server needs rp_filter 0 on {iface} AND on all',
  'ipip.drop.ecn':
    'dropped: the outer IPIP header is marked CE (congestion experienced) but the inner packet is not ECN-capable (RFC 6040 decapsulation)',
  'app.synflood.start':
    'SYN flood: {total} raw SYNs to {to}:{port} from {from}, each with a random source port and ISN, and no handshake behind any of them',
  'app.synflood.done': 'SYN flood to {to}:{port} over: {sent} SYNs sent',
  'app.synflood.badRate': 'a SYN flood needs a positive rate ({count} per {period} ns given)',
  'host.crash':
    '{host} crashes: it stops dead, with no goodbye on the wire (no FIN, no priority-0 advert); its ARP cache, sockets and the runtime state of its daemons (VIPs keepalived added, the IPVS table) are lost',
  'host.restart': '{host} boots again with its configuration; enabled daemons (keepalived) and its servers start again',
};
