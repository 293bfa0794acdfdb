/**
 * ARP for IPv4 over Ethernet (RFC 826): the 28-byte packet with htype 1, ptype 0x0800, hlen 6,
 * plen 4, which the value leaves implied. Any other hardware/protocol combination is kept as a
 * RawPayload (the lab only models IPv4 over Ethernet). Bytes after the 28 (Ethernet padding) are
 * ignored; ARP carries no checksum.
 */
import { get16, get32, getMac, put16, put32, putMac } from './bytes.js';
import { msg } from '../../i18n/message.js';
import { WireFault } from './fault.js';
import type { ArpPacket, RawPayload } from './packet.js';

/** Length of an ARP packet for IPv4 over Ethernet. */
export const ARP_LEN = 28;

/** Writes `a` at `off` (28 bytes). Valid: oper 0..65535, sha/tha 48-bit, spa/tpa 32-bit. */
export function emitArp(a: ArpPacket, buf: Uint8Array, off: number): void {
  put16(buf, off, 1);
  put16(buf, off + 2, 0x0800);
  buf[off + 4] = 6;
  buf[off + 5] = 4;
  put16(buf, off + 6, a.oper);
  putMac(buf, off + 8, a.sha);
  put32(buf, off + 14, a.spa);
  putMac(buf, off + 18, a.tha);
  put32(buf, off + 24, a.tpa);
}

/** Parses the ARP packet in `buf[start..end)`. */
export function parseArp(buf: Uint8Array, start: number, end: number): ArpPacket | RawPayload | WireFault {
  const len = end - start;
  if (len < 8) return new WireFault('arp', start, msg('wire.arp.headerTruncated', { len }));
  if (get16(buf, start) !== 1 || get16(buf, start + 2) !== 0x0800 || buf[start + 4] !== 6 || buf[start + 5] !== 4) {
    return { layer: 'raw', bytes: buf.subarray(start, end) };
  }
  if (len < ARP_LEN) return new WireFault('arp', start, msg('wire.arp.truncated', { len }));
  return {
    layer: 'arp',
    oper: get16(buf, start + 6),
    sha: getMac(buf, start + 8),
    spa: get32(buf, start + 14),
    tha: getMac(buf, start + 18),
    tpa: get32(buf, start + 24),
  };
}
