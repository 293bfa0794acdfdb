/** English texts for the ipvs layer's message ids. */
export const ipvsMessages: Readonly<Record<string, string>> = {
  'ipvs.service.add': 'IPVS service {service} added with scheduler {scheduler}',
  'ipvs.service.edit': 'IPVS service {service} edited (scheduler {scheduler})',
  'ipvs.service.del': 'IPVS service {service} deleted; its real servers go to the trash while connections still use them',
  'ipvs.dest.add': 'Real server {rs} added to {service} ({fwd}, weight {weight}); new servers go to the head of the list',
  'ipvs.dest.addFromTrash':
    'Real server {rs} added back to {service}: the deleted server object comes back from the trash with its counters ({active} active, {inactive} inactive)',
  'ipvs.dest.edit': 'Real server {rs} of {service} edited in place ({fwd}, weight {weight}); its place in the list does not change',
  'ipvs.dest.del':
    'Real server {rs} deleted from {service}: unlinked and no longer AVAILABLE; packets of its existing connections will be dropped silently',
  'ipvs.dest.counters': 'Real server {rs}: ActiveConn {active}, InActConn {inactive}, PersistConn {persistent}',
  'ipvs.conn.new': 'New IPVS connection entry in state {state} (timeout {timeout} s), counted as inactive until its state says otherwise',
  'ipvs.conn.state': 'IPVS connection {from} → {to}; expires in {timeout} s unless another packet comes',
  'ipvs.conn.refresh': 'IPVS connection stays {state}; the packet re-armed its timer to {timeout} s',
  'ipvs.conn.expire': 'IPVS connection entry expired in state {state} and was removed; the real server counters go down',
  'ipvs.conn.expireLater': 'IPVS connection entry timed out but still controls {controlled} connection(s); it is kept 60 s more',
  'ipvs.sched.pick': '{scheduler} picked real server {rs} for a new connection to {service}',
  'ipvs.sched.pickReuse':
    'A SYN matched an old entry that may be replaced (TIME_WAIT/CLOSE with conn_reuse_mode, or a weight-0 server with expire_nodest_conn): the old entry expires and {scheduler} picked {rs} for {service}',
  'ipvs.sched.noDest': '{scheduler}: {service} - no destination available',
  'ipvs.leave.noDest': 'No real server available for {service}: IPVS sends ICMP port unreachable (even for TCP) and drops the packet',
  'ipvs.in.destUnavailable':
    'The connection\'s real server {rs} was deleted: IPVS drops the packet silently (set net.ipv4.vs.expire_nodest_conn=1 to reschedule instead)',
  'ipvs.in.noPorts': 'IPVS cannot read the TCP/UDP ports of this packet and drops it',
  'ipvs.dr.rewriteMac':
    'Direct routing to {rs}: the packet leaves {dev} for next hop {nextHop}, so only the destination MAC changes; the IP destination stays the VIP {vip} (TTL − 1)',
  'ipvs.xmit.noRoute': 'IPVS has no usable route to real server {rs} ({type}); the packet is dropped',
  'ipvs.xmit.ttlExceeded': 'TTL would reach 0 on the way to real server {rs}: ICMP time exceeded is sent and the packet dropped',
  'ipvs.xmit.fragNeeded':
    'The packet ({len} bytes, DF set) is larger than the MTU {mtu} toward real server {rs}: ICMP fragmentation needed is sent and the packet dropped',
  'ipvs.xmit.notModelled': 'Forwarding method {fwd} is not modelled yet; the packet is dropped',
  'ipvs.ipvsadm.error': 'ipvsadm: {text}',
  'ipvs.ipvsadm.unterminatedQuote': 'The shell reached the end of the line inside a {quote} quote',
  'ipvs.notModelled.ops': 'One-packet scheduling (-o) is not modelled in lvslab yet',
  'ipvs.notModelled.pe': 'The persistence engine {name} is not modelled in lvslab',
  'ipvs.notModelled.sctp': 'SCTP services are not modelled in lvslab',
  'ipvs.notModelled.ipv6': 'IPv6 is not modelled in lvslab',
  'ipvs.notModelled.command': 'ipvsadm {command} is not modelled in lvslab yet',
  'ipvs.notModelled.help': 'ipvsadm -h (the usage text) is not modelled in lvslab',
  'ipvs.api.badAddress': '{text} is not an IPv4 address',
  'ipvs.restore.noStdin': 'ipvsadm -R reads its commands from standard input; give them with a here-document (ipvsadm -R <<EOF … EOF)',
  'ipvs.restore.nested': 'ipvsadm -R cannot be given inside the standard input of ipvsadm -R (ipvsadm stops the restore here)',
  'ipvs.restore.heredocUnterminated': 'this here-document has no line "{delimiter}" to end it',
  'ipvs.restore.heredocOnlyIpvsadm': 'a here-document is only modelled for ipvsadm -R, not for {word}',
  'ipvs.restore.heredocTabs': '<<- (tab-stripping here-documents) is not modelled: use <<EOF',
};
