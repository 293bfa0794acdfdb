/**
 * What an ICMP error means to a socket: Linux's icmp_err_convert[] table (net/ipv4/icmp.c) maps
 * each destination-unreachable code to an errno and says whether it is fatal ("hard"), and the
 * error quotes the offending IP header plus 8 bytes of L4 header (RFC 792), enough to find the
 * socket by its ports (tcp_v4_err, __udp4_lib_err).
 */
import type { Ip4 } from '../wire/addr.js';
import { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED } from '../wire/packet.js';
import type { TcpErrno } from './state.js';

/** The errno an ICMP error reports and whether it is fatal. */
export interface IcmpErrno {
  readonly errno: TcpErrno;
  readonly fatal: boolean;
}

/** icmp_err_convert[], indexed by destination-unreachable code (0..15). */
const UNREACH: readonly IcmpErrno[] = [
  { errno: 'ENETUNREACH', fatal: false }, // 0 net unreachable
  { errno: 'EHOSTUNREACH', fatal: false }, // 1 host unreachable
  { errno: 'ENOPROTOOPT', fatal: true }, // 2 protocol unreachable
  { errno: 'ECONNREFUSED', fatal: true }, // 3 port unreachable
  { errno: 'EMSGSIZE', fatal: false }, // 4 fragmentation needed
  { errno: 'EOPNOTSUPP', fatal: false }, // 5 source route failed
  { errno: 'ENETUNREACH', fatal: true }, // 6 network unknown
  { errno: 'EHOSTDOWN', fatal: true }, // 7 host unknown
  { errno: 'ENONET', fatal: true }, // 8 source host isolated
  { errno: 'ENETUNREACH', fatal: true }, // 9 network administratively prohibited
  { errno: 'EHOSTUNREACH', fatal: true }, // 10 host administratively prohibited
  { errno: 'ENETUNREACH', fatal: false }, // 11 network unreachable for TOS
  { errno: 'EHOSTUNREACH', fatal: false }, // 12 host unreachable for TOS
  { errno: 'EHOSTUNREACH', fatal: true }, // 13 communication administratively prohibited
  { errno: 'EHOSTUNREACH', fatal: true }, // 14 host precedence violation
  { errno: 'EHOSTUNREACH', fatal: true }, // 15 precedence cutoff in effect
];

/** The errno of an ICMP error, or undefined for types a socket ignores. */
export function icmpErrno(type: number, code: number): IcmpErrno | undefined {
  if (type === ICMP_DEST_UNREACH) return UNREACH[code];
  if (type === ICMP_TIME_EXCEEDED) return { errno: 'EHOSTUNREACH', fatal: false };
  if (type === 12) return { errno: 'EPROTO', fatal: true }; // parameter problem
  return undefined;
}

/** The fields of the quoted packet a socket lookup needs. */
export interface QuotedHeader {
  readonly protocol: number;
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly sport: number;
  readonly dport: number;
  /** Bytes 4..7 of the L4 header: the TCP sequence number. */
  readonly seq: number;
}

function u32(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}

/** Reads the quoted IP header and first 8 L4 bytes; undefined when too short to hold them. */
export function parseQuoted(original: Uint8Array): QuotedHeader | undefined {
  if (original.length < 20) return undefined;
  const ihl = ((original[0] as number) & 0x0f) * 4;
  if (ihl < 20 || original.length < ihl + 8) return undefined;
  return {
    protocol: original[9] as number,
    src: u32(original, 12),
    dst: u32(original, 16),
    sport: ((original[ihl] as number) << 8) | (original[ihl + 1] as number),
    dport: ((original[ihl + 2] as number) << 8) | (original[ihl + 3] as number),
    seq: u32(original, ihl + 4),
  };
}
