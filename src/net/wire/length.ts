/**
 * Encoded lengths computed from packet values without encoding them: what `encode` would write.
 * IPv4 total length (RFC 791: header with options padded to 4 bytes, plus payload), TCP header
 * length with options padded to 4 bytes (RFC 9293 §3.1), UDP 8 + data (RFC 768), ICMP 8 + body,
 * VRRP v2 16 + 4n (RFC 3768 §5.1) and v3 8 + 4n (RFC 5798 §5.1). Ethernet frames are counted
 * without FCS and without padding to the 60-byte minimum (as a sender-side capture shows them).
 */
import { assertNever } from '../../assert-never.js';
import type { EthernetFrame, IcmpMessage, Ipv4Packet, TcpOption, TcpSegment, VrrpPacket } from './packet.js';

/** Encoded length of one TCP option in bytes (kind byte included). */
export function tcpOptionLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'mss':
      return 4;
    case 'wscale':
      return 3;
    case 'sackPermitted':
      return 2;
    case 'sack':
      return 2 + 8 * o.blocks.length;
    case 'timestamps':
      return 10;
    case 'toa':
      return 8;
    case 'unknown':
      return 2 + o.data.length;
    default:
      return assertNever(o);
  }
}

/** Length of the TCP options area: the options' bytes, padded with zeros to a multiple of 4. */
export function tcpOptionsLength(options: readonly TcpOption[]): number {
  let n = 0;
  for (let i = 0; i < options.length; i++) n += tcpOptionLength(options[i] as TcpOption);
  return (n + 3) & ~3;
}

/** TCP header length (20 + padded options), the value of data offset × 4. */
export function tcpHeaderLength(s: TcpSegment): number {
  return 20 + tcpOptionsLength(s.options);
}

/** Encoded ICMP message length: 8-byte header plus body. */
export function icmpLength(m: IcmpMessage): number {
  switch (m.kind) {
    case 'echo':
    case 'other':
      return 8 + m.data.length;
    case 'unreach':
    case 'timeExceeded':
      return 8 + m.original.length;
    default:
      return assertNever(m);
  }
}

/** Encoded VRRP message length: v2 16 + 4n (with 8 bytes of auth data), v3 8 + 4n. */
export function vrrpLength(v: VrrpPacket): number {
  return v.version === 2 ? 16 + 4 * v.addrs.length : 8 + 4 * v.addrs.length;
}

/** IPv4 header length: 20 + options padded to a multiple of 4 (the IHL × 4). */
export function ipv4HeaderLength(p: Ipv4Packet): number {
  return 20 + ((p.options.length + 3) & ~3);
}

/** IPv4 total length (the header field) computed from the value. */
export function ipv4TotalLength(p: Ipv4Packet): number {
  const pl = p.payload;
  let payloadLen: number;
  switch (pl.layer) {
    case 'tcp':
      payloadLen = tcpHeaderLength(pl) + pl.payload.length;
      break;
    case 'udp':
      payloadLen = 8 + pl.payload.length;
      break;
    case 'icmp':
      payloadLen = icmpLength(pl);
      break;
    case 'ipv4':
      payloadLen = ipv4TotalLength(pl);
      break;
    case 'vrrp':
      payloadLen = vrrpLength(pl);
      break;
    case 'raw':
      payloadLen = pl.bytes.length;
      break;
    default:
      return assertNever(pl);
  }
  return ipv4HeaderLength(p) + payloadLen;
}

/** Ethernet frame length: 14-byte header plus payload; no FCS, no padding to 60 bytes. */
export function frameLength(f: EthernetFrame): number {
  const pl = f.payload;
  switch (pl.layer) {
    case 'arp':
      return 14 + 28;
    case 'ipv4':
      return 14 + ipv4TotalLength(pl);
    case 'raw':
      return 14 + pl.bytes.length;
    default:
      return assertNever(pl);
  }
}
