/**
 * IPv4 header codec (RFC 791 §3.1) and the protocol binding table for its payload: 1 ICMP,
 * 4 IPIP (RFC 2003: another IPv4 packet, as LVS tunnel mode sends), 6 TCP, 17 UDP, 112 VRRP,
 * anything else raw. A fragment (MF set or offset > 0) carries raw bytes. Options stay raw
 * bytes. Derived on encode: version, IHL, total length, header checksum. On receive the
 * reserved flag bit is ignored and bytes after the total length (Ethernet padding) are dropped.
 */
import { assertNever } from '../../assert-never.js';
import { EMPTY_BYTES, get16, get32, put16, put32 } from './bytes.js';
import { checksumVerifies, internetChecksum, pseudoHeaderSum } from './checksum.js';
import { msg } from '../../i18n/message.js';
import { checksumFault, WireFault } from './fault.js';
import { emitIcmp, parseIcmp } from './icmp.js';
import { icmpLength, ipv4HeaderLength, ipv4TotalLength, tcpHeaderLength, vrrpLength } from './length.js';
import { IPPROTO_ICMP, IPPROTO_IPIP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_VRRP, type Ipv4Packet } from './packet.js';
import { emitTcp, parseTcp } from './tcp.js';
import { emitUdp, parseUdp } from './udp.js';
import { emitVrrp, parseVrrp } from './vrrp.js';

/** Offset of the header checksum field within the IPv4 header. */
export const IPV4_CHECKSUM_OFFSET = 10;

/**
 * How many IPv4 headers one packet may nest (IPIP in IPIP…). Bounds the decoder's recursion on
 * crafted input; real tunnels nest once or twice.
 */
export const MAX_IPIP_DEPTH = 8;

/**
 * Writes `p` at `off` and returns the total length written. A valid value: tos/ttl/protocol
 * 0..255, id 0..65535, fragOffset 0..8191, addresses 32-bit, options a multiple of 4 bytes and
 * at most 40, `protocol` agreeing with the payload's layer (4 for an Ipv4Packet, 6 tcp, 17 udp,
 * 1 icmp, 112 vrrp; any for raw), a raw payload when fragmented, total length ≤ 65535, at most
 * {@link MAX_IPIP_DEPTH} nested headers; the payload layers valid as their emitters say.
 */
export function emitIpv4(p: Ipv4Packet, buf: Uint8Array, off: number): number {
  const hl = ipv4HeaderLength(p);
  const total = ipv4TotalLength(p);
  buf[off] = 0x40 | (hl >>> 2);
  buf[off + 1] = p.tos;
  put16(buf, off + 2, total);
  put16(buf, off + 4, p.id);
  put16(buf, off + 6, (p.df ? 0x4000 : 0) | (p.mf ? 0x2000 : 0) | (p.fragOffset & 0x1fff));
  buf[off + 8] = p.ttl;
  buf[off + 9] = p.protocol;
  buf[off + 10] = 0;
  buf[off + 11] = 0;
  put32(buf, off + 12, p.src);
  put32(buf, off + 16, p.dst);
  if (p.options.length > 0) buf.set(p.options, off + 20);
  for (let i = off + 20 + p.options.length; i < off + hl; i++) buf[i] = 0;
  put16(buf, off + IPV4_CHECKSUM_OFFSET, internetChecksum(buf, off, off + hl));

  const at = off + hl;
  const pl = p.payload;
  switch (pl.layer) {
    case 'tcp':
      emitTcp(pl, buf, at, tcpHeaderLength(pl) + pl.payload.length, pseudoHeaderSum(p.src, p.dst, 0, 0));
      break;
    case 'udp':
      emitUdp(pl, buf, at, 8 + pl.payload.length, pseudoHeaderSum(p.src, p.dst, 0, 0));
      break;
    case 'icmp':
      emitIcmp(pl, buf, at, icmpLength(pl));
      break;
    case 'ipv4':
      emitIpv4(pl, buf, at);
      break;
    case 'vrrp':
      emitVrrp(pl, buf, at, vrrpLength(pl), pseudoHeaderSum(p.src, p.dst, 0, 0));
      break;
    case 'raw':
      buf.set(pl.bytes, at);
      break;
    default:
      return assertNever(pl);
  }
  return total;
}

/**
 * Parses the IPv4 packet starting at `start`, with `end` the end of the available bytes (which
 * may hold padding after the packet). `depth` counts the enclosing IPv4 headers.
 */
export function parseIpv4(buf: Uint8Array, start: number, end: number, verify: boolean, depth = 0): Ipv4Packet | WireFault {
  const avail = end - start;
  if (avail < 20) return new WireFault('ipv4', start, msg('wire.ipv4.truncated', { len: avail }));
  const b0 = buf[start] as number;
  const version = b0 >>> 4;
  if (version !== 4) return new WireFault('ipv4', start, msg('wire.ipv4.version', { version }));
  const ihl = b0 & 0x0f;
  if (ihl < 5) return new WireFault('ipv4', start, msg('wire.ipv4.ihlShort', { ihl }));
  const hl = ihl * 4;
  if (hl > avail) return new WireFault('ipv4', start, msg('wire.ipv4.ihlPast', { hl, avail }));
  const total = get16(buf, start + 2);
  if (total < hl) return new WireFault('ipv4', start + 2, msg('wire.ipv4.totalShort', { total, hl }));
  if (total > avail) return new WireFault('ipv4', start + 2, msg('wire.ipv4.totalPast', { total, avail }));
  if (verify && !checksumVerifies(buf, start, start + hl)) {
    return checksumFault('ipv4', buf, start + IPV4_CHECKSUM_OFFSET, 'wire.ipv4.checksum');
  }
  const frag = get16(buf, start + 6);
  const mf = (frag & 0x2000) !== 0;
  const fragOffset = frag & 0x1fff;
  const protocol = buf[start + 9] as number;
  const src = get32(buf, start + 12);
  const dst = get32(buf, start + 16);
  const pStart = start + hl;
  const pEnd = start + total;
  let payload: Ipv4Packet['payload'] | WireFault;
  if (mf || fragOffset > 0) {
    payload = { layer: 'raw', bytes: buf.subarray(pStart, pEnd) };
  } else {
    switch (protocol) {
      case IPPROTO_TCP:
        payload = parseTcp(buf, pStart, pEnd, pseudoHeaderSum(src, dst, 0, 0), verify);
        break;
      case IPPROTO_UDP:
        payload = parseUdp(buf, pStart, pEnd, pseudoHeaderSum(src, dst, 0, 0), verify);
        break;
      case IPPROTO_ICMP:
        payload = parseIcmp(buf, pStart, pEnd, verify);
        break;
      case IPPROTO_IPIP:
        payload =
          depth + 1 >= MAX_IPIP_DEPTH
            ? new WireFault('ipv4', pStart, msg('wire.ipv4.nested', { max: MAX_IPIP_DEPTH }))
            : parseIpv4(buf, pStart, pEnd, verify, depth + 1);
        break;
      case IPPROTO_VRRP:
        payload = parseVrrp(buf, pStart, pEnd, pseudoHeaderSum(src, dst, 0, 0), verify);
        break;
      default:
        payload = { layer: 'raw', bytes: buf.subarray(pStart, pEnd) };
    }
    if (payload instanceof WireFault) return payload;
  }
  return {
    layer: 'ipv4',
    tos: buf[start + 1] as number,
    id: get16(buf, start + 4),
    df: (frag & 0x4000) !== 0,
    mf,
    fragOffset,
    ttl: buf[start + 8] as number,
    protocol,
    src,
    dst,
    options: hl > 20 ? buf.subarray(start + 20, start + hl) : EMPTY_BYTES,
    payload,
  };
}
