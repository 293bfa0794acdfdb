/**
 * ICMP codec (RFC 792): echo request/reply, destination unreachable (with the RFC 1191
 * next-hop MTU in bytes 6-7 of a code 4 "fragmentation needed"), time exceeded, and any other
 * message kept as type, code, the 4 "rest of header" bytes and data. The checksum covers the
 * whole ICMP message. Decode is lossless: an unreachable or time-exceeded message whose unused
 * bytes are not zero (e.g. RFC 4884 extensions) decodes as `other`.
 */
import { assertNever } from '../../assert-never.js';
import { get16, get32, put16, put32 } from './bytes.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { msg } from '../../i18n/message.js';
import { checksumFault, WireFault } from './fault.js';
import {
  ICMP_DEST_UNREACH,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_FRAG_NEEDED,
  ICMP_TIME_EXCEEDED,
  type IcmpMessage,
} from './packet.js';

/** Offset of the checksum field within the ICMP header. */
export const ICMP_CHECKSUM_OFFSET = 2;

/**
 * Writes `m` at `off`; `len` = 8 + body length (see length.ts). A valid value: code 0..255,
 * ident/seq/nextHopMtu 0..65535, rest 0..2^32-1, type 0..255. Canonical (decode gives it back):
 * `nextHopMtu` is 0 unless code is 4; `other` is not used for a message the specific kinds cover
 * (echo types 0/8, and types 3/11 whose unused bytes are zero).
 */
export function emitIcmp(m: IcmpMessage, buf: Uint8Array, off: number, len: number): void {
  let body: Uint8Array;
  switch (m.kind) {
    case 'echo':
      buf[off] = m.type;
      buf[off + 1] = m.code;
      put16(buf, off + 4, m.ident);
      put16(buf, off + 6, m.seq);
      body = m.data;
      break;
    case 'unreach':
      buf[off] = ICMP_DEST_UNREACH;
      buf[off + 1] = m.code;
      put16(buf, off + 4, 0);
      put16(buf, off + 6, m.nextHopMtu);
      body = m.original;
      break;
    case 'timeExceeded':
      buf[off] = ICMP_TIME_EXCEEDED;
      buf[off + 1] = m.code;
      put32(buf, off + 4, 0);
      body = m.original;
      break;
    case 'other':
      buf[off] = m.type;
      buf[off + 1] = m.code;
      put32(buf, off + 4, m.rest);
      body = m.data;
      break;
    default:
      return assertNever(m);
  }
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  if (body.length > 0) buf.set(body, off + 8);
  put16(buf, off + ICMP_CHECKSUM_OFFSET, internetChecksum(buf, off, off + len));
}

/** Parses the ICMP message in `buf[start..end)` (the whole IP payload). */
export function parseIcmp(buf: Uint8Array, start: number, end: number, verify: boolean): IcmpMessage | WireFault {
  const len = end - start;
  if (len < 8) return new WireFault('icmp', start, msg('wire.icmp.truncated', { len }));
  if (verify && !checksumVerifies(buf, start, end)) {
    return checksumFault('icmp', buf, start + ICMP_CHECKSUM_OFFSET, 'wire.icmp.checksum');
  }
  const type = buf[start] as number;
  const code = buf[start + 1] as number;
  const body = buf.subarray(start + 8, end);
  if (type === ICMP_ECHO_REPLY || type === ICMP_ECHO_REQUEST) {
    return { layer: 'icmp', kind: 'echo', type, code, ident: get16(buf, start + 4), seq: get16(buf, start + 6), data: body };
  }
  const rest = get32(buf, start + 4);
  if (type === ICMP_DEST_UNREACH && (rest === 0 || (code === ICMP_FRAG_NEEDED && rest >>> 16 === 0))) {
    return { layer: 'icmp', kind: 'unreach', code, nextHopMtu: rest & 0xffff, original: body };
  }
  if (type === ICMP_TIME_EXCEEDED && rest === 0) {
    return { layer: 'icmp', kind: 'timeExceeded', code, original: body };
  }
  return { layer: 'icmp', kind: 'other', type, code, rest, data: body };
}
