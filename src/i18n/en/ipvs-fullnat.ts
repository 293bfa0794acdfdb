/** English texts for ipvs-fullnat message ids (see src/i18n/index.ts). */
export const ipvsFullnatMessages: Readonly<Record<string, string>> = {
  'ipvs.fullnat.in':
    'FULLNAT: {client} → {vip} leaves as {local} → {rs}: the source becomes the local address and port, the destination the real server',
  'ipvs.fullnat.inSyn':
    'FULLNAT: the client SYN {client} → {vip} leaves as {local} → {rs}; timestamps (if any) overwritten with NOPs, ISN {isn} re-randomised to {newIsn}, and the TOA option (kind 254, length 8) carries the client {client}',
  'ipvs.fullnat.inSynNoToa':
    'FULLNAT: the client SYN {client} → {vip} leaves as {local} → {rs}; timestamps (if any) overwritten with NOPs, ISN {isn} re-randomised to {newIsn}; no TOA: only {room} bytes of TCP option space are free (8 needed) or the MTU leaves no room',
  'ipvs.fullnat.inSynToaOff':
    'FULLNAT: the client SYN {client} → {vip} leaves as {local} → {rs}; timestamps (if any) overwritten with NOPs, ISN {isn} re-randomised to {newIsn}; no TOA (net.ipv4.vs.fullnat_toa_entry = 0)',
  'ipvs.fullnat.inAckToa':
    'FULLNAT: the ACK that completes the handshake ({client} → {vip}) leaves as {local} → {rs} with the TOA option carrying the client {client}: the real server\'s toa module reads it from this segment',
  'ipvs.fullnat.inAckNoToa':
    'FULLNAT: the ACK that completes the handshake ({client} → {vip}) leaves as {local} → {rs} WITHOUT TOA: only {room} bytes of TCP option space are free (8 needed) or the MTU leaves no room, so the real server cannot learn the client address',
  'ipvs.fullnat.out':
    'FULLNAT reply: {rs} → {local} leaves as {vip} → {client}: the source becomes the VIP, the destination the client again',
  'ipvs.fullnat.outSynAck':
    'FULLNAT reply: the real server\'s SYN-ACK {rs} → {local} leaves as {vip} → {client}; its ISN {rsIsn} is recorded (the ACK of ISN + 1 will carry TOA) and its MSS {mss} is lowered to {clamped}, so that full-size client segments still fit after the 8-byte TOA',
  'ipvs.fullnat.noPort':
    'bind local address: no port available — {service} has no free (local address, local port) towards {rs} (no local address configured with ipvsadm -P, or every port tried collides); the connection is deleted, the client gets ICMP port unreachable (ip_vs_leave) and the packet is dropped',
  'ipvs.fullnat.noPorts':
    'FULLNAT rewrites TCP and UDP packets only; relaying anything else for the connection (an ICMP error about it, say) is not modelled, so the packet is dropped',
};
