/**
 * VRRP advertisement codec: version 2 (RFC 3768 §5.1: 0x21, adver int in seconds, 8 bytes of
 * authentication data, checksum over the VRRP message only) and version 3 for IPv4 (RFC 5798
 * §5.1: 0x31, 4 reserved bits + 12-bit max adver int in centiseconds, no authentication).
 * The v3 checksum includes the IPv4 pseudo-header (RFC 5798, keepalived's default) unless the
 * value says `checksumAsV2` (RFC 9568 §5.2.8, keepalived's `v3_checksum_as_v2`); decode accepts
 * either form and records which one verified. v3 reserved bits are ignored on receive.
 */
import { get16, get32, put16, put32 } from './bytes.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { msg } from '../../i18n/message.js';
import { checksumFault, WireFault } from './fault.js';
import { IPPROTO_VRRP, type VrrpPacket } from './packet.js';

/** Offset of the checksum field within the VRRP header. */
export const VRRP_CHECKSUM_OFFSET = 6;

/**
 * Writes `v` at `off`; `len` is its length (see length.ts), `addrSum` the pseudo-header sum of
 * the IPv4 source and destination (used by v3 unless `checksumAsV2`). A valid value: type 0..15,
 * vrid/priority/authType/adverInt 0..255, maxAdverInt 0..4095, 0..255 addresses, v2 authData of
 * exactly 8 bytes. (Receivers further require type 1 and, for v3, maxAdverInt ≠ 0: that is
 * protocol logic, not encoding.)
 */
export function emitVrrp(v: VrrpPacket, buf: Uint8Array, off: number, len: number, addrSum: number): void {
  buf[off + 1] = v.vrid;
  buf[off + 2] = v.priority;
  buf[off + 3] = v.addrs.length;
  buf[off + 6] = 0;
  buf[off + 7] = 0;
  let p = off + 8;
  for (let i = 0; i < v.addrs.length; i++, p += 4) put32(buf, p, v.addrs[i] as number);
  let csum: number;
  if (v.version === 2) {
    buf[off] = 0x20 | (v.type & 0x0f);
    buf[off + 4] = v.authType;
    buf[off + 5] = v.adverInt;
    buf.set(v.authData, p);
    csum = internetChecksum(buf, off, off + len);
  } else {
    buf[off] = 0x30 | (v.type & 0x0f);
    put16(buf, off + 4, v.maxAdverInt & 0x0fff);
    csum = internetChecksum(buf, off, off + len, v.checksumAsV2 === true ? 0 : addrSum + IPPROTO_VRRP + len);
  }
  put16(buf, off + VRRP_CHECKSUM_OFFSET, csum);
}

/**
 * Parses the VRRP message in `buf[start..end)` (the whole IP payload); `addrSum` is the
 * pseudo-header sum of the IPv4 source and destination.
 */
export function parseVrrp(buf: Uint8Array, start: number, end: number, addrSum: number, verify: boolean): VrrpPacket | WireFault {
  const len = end - start;
  if (len < 8) return new WireFault('vrrp', start, msg('wire.vrrp.truncated', { len }));
  const version = (buf[start] as number) >>> 4;
  if (version !== 2 && version !== 3) return new WireFault('vrrp', start, msg('wire.vrrp.version', { version }));
  const count = buf[start + 3] as number;
  const expected = (version === 2 ? 16 : 8) + 4 * count;
  if (len !== expected) {
    return new WireFault('vrrp', start + 3, msg('wire.vrrp.count', { version, len, count, expected }));
  }
  const addrs: number[] = [];
  for (let i = 0, p = start + 8; i < count; i++, p += 4) addrs.push(get32(buf, p));
  const type = (buf[start] as number) & 0x0f;
  const csumField = start + VRRP_CHECKSUM_OFFSET;
  if (version === 2) {
    if (verify && !checksumVerifies(buf, start, end)) {
      return checksumFault('vrrp', buf, csumField, 'wire.vrrp.checksumV2');
    }
    return {
      layer: 'vrrp',
      version: 2,
      type,
      vrid: buf[start + 1] as number,
      priority: buf[start + 2] as number,
      authType: buf[start + 4] as number,
      adverInt: buf[start + 5] as number,
      addrs,
      authData: buf.subarray(end - 8, end),
    };
  }
  const packet: VrrpPacket = {
    layer: 'vrrp',
    version: 3,
    type,
    vrid: buf[start + 1] as number,
    priority: buf[start + 2] as number,
    maxAdverInt: get16(buf, start + 4) & 0x0fff,
    addrs,
  };
  if (checksumVerifies(buf, start, end, addrSum + IPPROTO_VRRP + len)) return packet;
  if (checksumVerifies(buf, start, end)) return { ...packet, checksumAsV2: true };
  if (verify) {
    return checksumFault('vrrp', buf, csumField, 'wire.vrrp.checksumV3');
  }
  return packet;
}
