/** English texts for ipvs-synproxy message ids (see src/i18n/index.ts). */
export const ipvsSynproxyMessages: Readonly<Record<string, string>> = {
  'ipvs.synproxy.synack':
    'SYNPROXY step 1: {service} answers the SYN of {client} itself. The SYN becomes the SYN-ACK: addresses and ports swapped, seq = cookie {cookie}, ack = {isn} + 1, TTL 63, TOS 0, MSS {mss} (window scale and timestamps overwritten with NOPs, SACK-permitted kept); it goes straight back out {dev} to the MAC the SYN came from, without a route lookup. No connection entry is created: a flood of SYNs costs the director nothing but these answers',
  'ipvs.synproxy.noWeight': 'SYNPROXY: {service} has no real server with a weight above 0, so the SYN is dropped without an answer',
  'ipvs.synproxy.noRoute': 'SYNPROXY: no route back to {client} for the cookie SYN-ACK; the SYN is dropped',
  'ipvs.synproxy.badAck':
    'SYNPROXY step 2: the ACK from {client} acknowledges {ack}, but {ack} − 1 is not a cookie the director made for this address, port and sequence number in the last 4 minutes: dropped, nothing created',
  'ipvs.synproxy.goodAck':
    'SYNPROXY step 2: the ACK from {client} carries a valid cookie ({cookie}, MSS {mss} encoded in it): only now the service schedules ({rs}), creates the entry in SYN_SENT and keeps this ACK until the real server answers',
  'ipvs.synproxy.rsSyn':
    'SYNPROXY: a new SYN to {rs} with the client\'s own ISN {isn} (window 5000, DF, options from the cookie), so later client sequence numbers need no translation',
  'ipvs.synproxy.synRetransmit': 'SYNPROXY: no SYN-ACK from {rs} before the SYN_SENT timer ran out; the SYN is sent again ({left} retransmissions left)',
  'ipvs.synproxy.notAck': 'SYNPROXY: the entry to {rs} still waits for the real server\'s SYN-ACK; a client segment without ACK is dropped',
  'ipvs.synproxy.queueFull': 'SYNPROXY: {held} client segments are already held for {rs}; this one is dropped (the client will retransmit it)',
  'ipvs.synproxy.held': 'SYNPROXY: the real server {rs} has not answered yet; this client segment is held ({held} held)',
  'ipvs.synproxy.rsSynack':
    'SYNPROXY step 3: {rs} answers with ISN {isn}. delta = cookie ISN − {isn} = {delta}; the entry is ESTABLISHED and the {held} held client segment(s) go to the real server (ack − delta). From now on every server→client seq gets + delta and every client→server ack − delta',
  'ipvs.synproxy.synackDropped': 'SYNPROXY: the SYN-ACK of {rs} is dropped: the client finished its handshake with the cookie long ago',
  'ipvs.synproxy.rsRst': 'SYNPROXY: {rs} refused the connection with a RST; the entry closes and the RST goes on to the client with its sequence fixed',
};
