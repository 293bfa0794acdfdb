/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's-complement sum of
 * the data taken as big-endian 16-bit words, an odd final byte padded with a zero low byte.
 * Sums are kept unfolded while adding (a double holds them exactly) and folded once at the end,
 * so partial sums over even-length ranges chain freely (RFC 1071 §2(B)). RFC 1624 gives the
 * incremental update used when one 16-bit word of a header changes (NAT rewrites, TTL).
 */
import type { Ip4 } from './addr.js';

/**
 * Adds the 16-bit big-endian words of `bytes[start..end)` to `initial` and returns the running
 * (unfolded) sum. Every range but the last in a chain must have even length.
 */
export function sumWords(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  const evenEnd = end - ((end - start) & 1);
  for (; i < evenEnd; i += 2) sum += ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  if (i < end) sum += (bytes[i] as number) << 8;
  return sum;
}

/** Folds a running sum to 16 bits with end-around carry. */
export function foldSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The Internet checksum of `bytes[start..end)` plus an optional running sum (e.g. a pseudo-header). */
export function internetChecksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  return ~foldSum(sumWords(bytes, start, end, initial)) & 0xffff;
}

/**
 * Whether a region that contains its own checksum field verifies: its folded sum (plus the
 * pseudo-header sum) is 0xffff, one's-complement negative zero.
 */
export function checksumVerifies(bytes: Uint8Array, start: number, end: number, initial = 0): boolean {
  return foldSum(sumWords(bytes, start, end, initial)) === 0xffff;
}

/**
 * Running sum of the IPv4 pseudo-header used by TCP, UDP (RFC 9293 §3.1, RFC 768) and VRRPv3
 * (RFC 5798 §5.2.8): source, destination, zero + protocol, and the upper-layer length.
 */
export function pseudoHeaderSum(src: Ip4, dst: Ip4, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}

/**
 * RFC 1624 eqn. 3: the new checksum after one 16-bit word covered by `checksum` changes from
 * `oldWord` to `newWord` (HC' = ~(~HC + ~m + m')).
 */
export function updateChecksum(checksum: number, oldWord: number, newWord: number): number {
  return ~foldSum((~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff)) & 0xffff;
}
