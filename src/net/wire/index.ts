/**
 * The wire formats of lvslab: packet values (packet.ts), addresses (addr.ts), and their codecs.
 * Start with encodeFrame / decodeFrame; the per-protocol emit/parse functions are the building
 * blocks for tools that work on one layer (a hex view, a checksum display).
 */
export * from './addr.js';
export * from './packet.js';
export { encodeFrame, encodeFrameInto, decodeFrame, encodeIpv4, decodeIpv4 } from './frame.js';
export {
  frameLength,
  ipv4TotalLength,
  ipv4HeaderLength,
  tcpHeaderLength,
  tcpOptionLength,
  tcpOptionsLength,
  icmpLength,
  vrrpLength,
} from './length.js';
export { sumWords, foldSum, internetChecksum, checksumVerifies, pseudoHeaderSum, updateChecksum } from './checksum.js';
export { ETH_HLEN, emitEthernet, parseEthernet } from './ethernet.js';
export { ARP_LEN, emitArp, parseArp } from './arp.js';
export { IPV4_CHECKSUM_OFFSET, MAX_IPIP_DEPTH, emitIpv4, parseIpv4 } from './ipv4.js';
export {
  TCPOPT_EOL,
  TCPOPT_NOP,
  TCPOPT_MSS,
  TCPOPT_WINDOW,
  TCPOPT_SACK_PERM,
  TCPOPT_SACK,
  TCPOPT_TIMESTAMP,
  TCPOPT_TOA,
  TCP_CHECKSUM_OFFSET,
  emitTcp,
  parseTcp,
} from './tcp.js';
export { UDP_CHECKSUM_OFFSET, emitUdp, parseUdp } from './udp.js';
export { ICMP_CHECKSUM_OFFSET, emitIcmp, parseIcmp } from './icmp.js';
export { VRRP_CHECKSUM_OFFSET, emitVrrp, parseVrrp } from './vrrp.js';
export { WireFault } from './fault.js';
