/**
 * UDP codec (RFC 768). The length and checksum are derived on encode; the checksum covers the
 * IPv4 pseudo-header and a computed 0 is sent as 0xffff. On receive a checksum of 0 means the
 * sender computed none and is accepted, and bytes of the IP payload beyond the UDP length are
 * ignored, as Linux does (udp_rcv trims the skb to the UDP length).
 */
import { get16, put16 } from './bytes.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { msg } from '../../i18n/message.js';
import { checksumFault, WireFault } from './fault.js';
import { IPPROTO_UDP, type UdpDatagram } from './packet.js';

/** Offset of the checksum field within the UDP header. */
export const UDP_CHECKSUM_OFFSET = 6;

/**
 * Writes `d` at `off`; `len` = 8 + payload length, `addrSum` the pseudo-header sum of the IPv4
 * source and destination alone.
 * A valid value: ports 0..65535, payload ≤ 65507 bytes (so the IPv4 total length fits).
 */
export function emitUdp(d: UdpDatagram, buf: Uint8Array, off: number, len: number, addrSum: number): void {
  put16(buf, off, d.sport);
  put16(buf, off + 2, d.dport);
  put16(buf, off + 4, len);
  buf[off + 6] = 0;
  buf[off + 7] = 0;
  if (d.payload.length > 0) buf.set(d.payload, off + 8);
  const csum = internetChecksum(buf, off, off + len, addrSum + IPPROTO_UDP + len);
  put16(buf, off + UDP_CHECKSUM_OFFSET, csum === 0 ? 0xffff : csum);
}

/**
 * Parses the datagram in `buf[start..end)` (the IP payload); `addrSum` is the pseudo-header sum
 * of the source and destination addresses alone (protocol and length are added here).
 */
export function parseUdp(buf: Uint8Array, start: number, end: number, addrSum: number, verify: boolean): UdpDatagram | WireFault {
  const avail = end - start;
  if (avail < 8) return new WireFault('udp', start, msg('wire.udp.truncated', { len: avail }));
  const ulen = get16(buf, start + 4);
  if (ulen < 8) return new WireFault('udp', start + 4, msg('wire.udp.lengthShort', { ulen }));
  if (ulen > avail) return new WireFault('udp', start + 4, msg('wire.udp.lengthPast', { ulen, avail }));
  const csum = get16(buf, start + UDP_CHECKSUM_OFFSET);
  if (verify && csum !== 0 && !checksumVerifies(buf, start, start + ulen, addrSum + IPPROTO_UDP + ulen)) {
    return checksumFault('udp', buf, start + UDP_CHECKSUM_OFFSET, 'wire.udp.checksum');
  }
  return { layer: 'udp', sport: get16(buf, start), dport: get16(buf, start + 2), payload: buf.subarray(start + 8, start + ulen) };
}
