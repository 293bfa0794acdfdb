/** English texts of the `replay.*` messages. */
export const replayMessages: Readonly<Record<string, string>> = {
  'replay.file.unreadable': 'cannot read the capture {file}: {reason}',
  'replay.file.bad': '{file} is not a capture lvslab can read: at byte {offset}: {reason}',
  'replay.file.linktype':
    '{file}: link type {linktype} cannot be replayed; lvslab reads Ethernet (1), raw IP (101, 228) and Linux cooked captures (113, 276)',
  'replay.file.frame': '{file}: frame {frame} at byte {offset} does not decode: {reason}',
  'replay.file.frameReason': '{layer}: {reason}',
  'replay.file.linkTruncated': 'link-layer header truncated',
  'replay.file.noIpv4': '{file} holds no IPv4 packet to replay',
  'replay.file.noClient': '{file}: {client} sent no IPv4 packet in this capture; pick the client with `client:`',
  'replay.speed.invalid': 'speed must be a number from 0.001 to 1000 (it divides the gaps of the capture); got {got}',
  'replay.start':
    'replay of {file}: {packets} packets of {frames} frames were sent by the client {client}; they leave here with source {from}, and what went to {server} now goes to {to}',
  'replay.shift':
    'replay: the live server {to} answered the SYN from port {sport} with ISN {live} (captured: {captured}); acks, SACK blocks and the echoed timestamp are shifted by {shift}',
  'replay.reset': 'replay: {to} reset the connection from port {sport}; {held} packets of it are not sent',
  'replay.noSynAck': 'replay: no SYN-ACK from {to} for port {sport}; {held} packets that needed it are not sent',
  'replay.stalled':
    'replay: {to} never sent the bytes up to {need} that the capture acknowledges (it sent up to {have}); {held} packets of port {sport} are not sent',
  'replay.done': 'replay of {file} finished: {sent} of {total} packets sent, {abandoned} given up',
};
