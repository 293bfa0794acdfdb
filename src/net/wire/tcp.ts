/**
 * TCP header codec (RFC 9293 §3.1) with the options Linux parses in tcp_parse_options():
 * EOL, NOP, MSS (RFC 9293), window scale and timestamps (RFC 7323), SACK-permitted and SACK
 * (RFC 2018), plus TOA (kind 254, length 8: client port then IPv4 address, as inserted by
 * FULLNAT in alibaba/LVS and dpvs). A known kind with a length Linux would not accept (an MSS of
 * length 3, a 20-byte IPv6 TOA) is kept as `unknown` with its data, so nothing is lost.
 * Options are padded with zeros to a multiple of 4; decode stops at EOL and ignores the bytes
 * after it. The reserved header bits are written as zero and ignored on receive (RFC 9293).
 */
import { assertNever } from '../../assert-never.js';
import { get16, get32, put16, put32 } from './bytes.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { msg } from '../../i18n/message.js';
import { checksumFault, WireFault } from './fault.js';
import { IPPROTO_TCP, type TcpOption, type TcpSegment } from './packet.js';

/** Option kinds as assigned by IANA (254 is the experimental kind TOA uses). */
export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;
export const TCPOPT_WINDOW = 3;
export const TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5;
export const TCPOPT_TIMESTAMP = 8;
export const TCPOPT_TOA = 254;

/** Offset of the checksum field within the TCP header. */
export const TCP_CHECKSUM_OFFSET = 16;

const EOL: TcpOption = Object.freeze({ kind: 'eol' });
const NOP: TcpOption = Object.freeze({ kind: 'nop' });
const SACK_PERMITTED: TcpOption = Object.freeze({ kind: 'sackPermitted' });
const NO_OPTIONS: readonly TcpOption[] = Object.freeze([]);

/**
 * Writes the segment `s` at `off`; `len` is its encoded length (header + payload, see
 * length.ts) and `addrSum` the pseudo-header sum of the IPv4 source and destination alone.
 *
 * A valid value: ports, window and urgent in 0..65535; seq and ack in 0..2^32-1; flags in
 * 0..0x1ff; option fields in range (mss 16 bits, wscale shift 0..255, SACK 1..4 blocks of
 * 32-bit edges, timestamps 32 bits, TOA port 16 bits, unknown data ≤ 253 bytes and a kind that
 * is not EOL/NOP); options' encoded length ≤ 40 bytes. Canonical (decode gives it back): EOL
 * only last, and an EOL whenever the options' length is not a multiple of 4; no known kind
 * written as `unknown` with that kind's accepted length.
 */
export function emitTcp(s: TcpSegment, buf: Uint8Array, off: number, len: number, addrSum: number): void {
  const hl = len - s.payload.length;
  put16(buf, off, s.sport);
  put16(buf, off + 2, s.dport);
  put32(buf, off + 4, s.seq);
  put32(buf, off + 8, s.ack);
  buf[off + 12] = ((hl >>> 2) << 4) | ((s.flags >>> 8) & 1);
  buf[off + 13] = s.flags;
  put16(buf, off + 14, s.window);
  buf[off + 16] = 0;
  buf[off + 17] = 0;
  put16(buf, off + 18, s.urgent);
  let p = off + 20;
  const options = s.options;
  for (let i = 0; i < options.length; i++) p = emitOption(options[i] as TcpOption, buf, p);
  const dataStart = off + hl;
  while (p < dataStart) buf[p++] = 0;
  if (s.payload.length > 0) buf.set(s.payload, dataStart);
  put16(buf, off + TCP_CHECKSUM_OFFSET, internetChecksum(buf, off, off + len, addrSum + IPPROTO_TCP + len));
}

function emitOption(o: TcpOption, buf: Uint8Array, p: number): number {
  switch (o.kind) {
    case 'eol':
      buf[p] = TCPOPT_EOL;
      return p + 1;
    case 'nop':
      buf[p] = TCPOPT_NOP;
      return p + 1;
    case 'mss':
      buf[p] = TCPOPT_MSS;
      buf[p + 1] = 4;
      put16(buf, p + 2, o.value);
      return p + 4;
    case 'wscale':
      buf[p] = TCPOPT_WINDOW;
      buf[p + 1] = 3;
      buf[p + 2] = o.shift;
      return p + 3;
    case 'sackPermitted':
      buf[p] = TCPOPT_SACK_PERM;
      buf[p + 1] = 2;
      return p + 2;
    case 'sack': {
      buf[p] = TCPOPT_SACK;
      buf[p + 1] = 2 + 8 * o.blocks.length;
      let q = p + 2;
      for (const [left, right] of o.blocks) {
        put32(buf, q, left);
        put32(buf, q + 4, right);
        q += 8;
      }
      return q;
    }
    case 'timestamps':
      buf[p] = TCPOPT_TIMESTAMP;
      buf[p + 1] = 10;
      put32(buf, p + 2, o.tsval);
      put32(buf, p + 6, o.tsecr);
      return p + 10;
    case 'toa':
      buf[p] = TCPOPT_TOA;
      buf[p + 1] = 8;
      put16(buf, p + 2, o.port);
      put32(buf, p + 4, o.addr);
      return p + 8;
    case 'unknown':
      buf[p] = o.type;
      buf[p + 1] = 2 + o.data.length;
      buf.set(o.data, p + 2);
      return p + 2 + o.data.length;
    default:
      return assertNever(o);
  }
}

/**
 * Parses the segment in `buf[start..end)` (the whole IP payload); `addrSum` is the pseudo-header
 * sum of the IPv4 source and destination alone (protocol and length are added here).
 */
export function parseTcp(
  buf: Uint8Array,
  start: number,
  end: number,
  addrSum: number,
  verify: boolean,
): TcpSegment | WireFault {
  const len = end - start;
  if (len < 20) return new WireFault('tcp', start, msg('wire.tcp.truncated', { len }));
  const doff = (buf[start + 12] as number) >>> 4;
  if (doff < 5) return new WireFault('tcp', start + 12, msg('wire.tcp.doffShort', { doff }));
  const hl = doff * 4;
  if (hl > len) return new WireFault('tcp', start + 12, msg('wire.tcp.doffPast', { doff, hl, len }));
  if (verify && !checksumVerifies(buf, start, end, addrSum + IPPROTO_TCP + len)) {
    return checksumFault('tcp', buf, start + TCP_CHECKSUM_OFFSET, 'wire.tcp.checksum');
  }
  let options = NO_OPTIONS;
  if (hl > 20) {
    const parsed = parseOptions(buf, start + 20, start + hl);
    if (parsed instanceof WireFault) return parsed;
    options = parsed;
  }
  return {
    layer: 'tcp',
    sport: get16(buf, start),
    dport: get16(buf, start + 2),
    seq: get32(buf, start + 4),
    ack: get32(buf, start + 8),
    flags: (((buf[start + 12] as number) & 1) << 8) | (buf[start + 13] as number),
    window: get16(buf, start + 14),
    urgent: get16(buf, start + 18),
    options,
    payload: buf.subarray(start + hl, end),
  };
}

function parseOptions(buf: Uint8Array, start: number, end: number): TcpOption[] | WireFault {
  const out: TcpOption[] = [];
  let i = start;
  while (i < end) {
    const kind = buf[i] as number;
    if (kind === TCPOPT_EOL) {
      out.push(EOL);
      break;
    }
    if (kind === TCPOPT_NOP) {
      out.push(NOP);
      i++;
      continue;
    }
    if (i + 1 >= end) return new WireFault('tcp', i, msg('wire.tcp.optNoLength', { kind }));
    const olen = buf[i + 1] as number;
    if (olen < 2) return new WireFault('tcp', i + 1, msg('wire.tcp.optShort', { kind, olen }));
    if (i + olen > end) {
      return new WireFault('tcp', i + 1, msg('wire.tcp.optPast', { kind, olen, left: end - i }));
    }
    out.push(parseOption(buf, i, kind, olen));
    i += olen;
  }
  return out;
}

function parseOption(buf: Uint8Array, i: number, kind: number, olen: number): TcpOption {
  switch (kind) {
    case TCPOPT_MSS:
      if (olen === 4) return { kind: 'mss', value: get16(buf, i + 2) };
      break;
    case TCPOPT_WINDOW:
      if (olen === 3) return { kind: 'wscale', shift: buf[i + 2] as number };
      break;
    case TCPOPT_SACK_PERM:
      if (olen === 2) return SACK_PERMITTED;
      break;
    case TCPOPT_SACK:
      if (olen >= 10 && (olen - 2) % 8 === 0) {
        const blocks: (readonly [number, number])[] = [];
        for (let q = i + 2; q < i + olen; q += 8) blocks.push([get32(buf, q), get32(buf, q + 4)]);
        return { kind: 'sack', blocks };
      }
      break;
    case TCPOPT_TIMESTAMP:
      if (olen === 10) return { kind: 'timestamps', tsval: get32(buf, i + 2), tsecr: get32(buf, i + 6) };
      break;
    case TCPOPT_TOA:
      if (olen === 8) return { kind: 'toa', port: get16(buf, i + 2), addr: get32(buf, i + 4) };
      break;
    default:
      break;
  }
  return { kind: 'unknown', type: kind, data: buf.subarray(i + 2, i + olen) };
}
