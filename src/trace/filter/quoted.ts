/**
 * The packet an ICMP error quotes (RFC 792: the invoking datagram's IP header and at least its
 * first 8 payload bytes; Linux icmp_send quotes up to 576 bytes in all), read field by field as
 * far as the bytes go, the way Wireshark dissects it inside the ICMP tree. Wireshark's rules:
 * the quoted IP header needs 20 bytes; a quoted TCP header shows ports and sequence number from
 * 8 bytes and everything else only from 20 (packet-tcp.c in an error packet); UDP shows what its
 * 8-byte header holds; a quoted ICMP echo shows identifier and sequence. A quoted IPIP packet or
 * a non-first fragment is shown as IP only. Views are memoised per byte array.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import type { TcpOption } from '../../net/wire/packet.js';

/** The quoted IPv4 header, fields as on the wire (nothing is recomputed). */
export interface QuotedIp {
  readonly layer: 'qip';
  readonly hdrLen: number;
  readonly tos: number;
  readonly totalLen: number;
  readonly id: number;
  /** The three flag bits (reserved, DF, MF) as Wireshark's ip.flags value: 0..7. */
  readonly flags: number;
  readonly df: boolean;
  readonly mf: boolean;
  /** In 8-byte units, as on the wire. */
  readonly fragOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly transport: QuotedTcp | QuotedUdp | QuotedIcmp | undefined;
}

/** The part of a quoted TCP header that 20 bytes hold. */
export interface QuotedTcpHeader {
  readonly ack: number;
  readonly hdrLen: number;
  /** Bits 11..0 of bytes 12-13: reserved (3), AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN. */
  readonly flags: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgent: number;
  /** Options up to the first EOL; undefined when the quote stops inside the options. */
  readonly options: readonly TcpOption[] | undefined;
  /** The bytes of the options area (Wireshark's tcp.options), when quoted in full. */
  readonly optionBytes: Uint8Array | undefined;
  /** EOL bytes (an EOL and the zero padding after it), each shown by Wireshark as an EOL. */
  readonly eols: number;
}

export interface QuotedTcp {
  readonly layer: 'qtcp';
  readonly sport: number;
  readonly dport: number;
  /** Absent when fewer than 8 bytes are quoted. */
  readonly seq: number | undefined;
  /** Absent when fewer than 20 bytes are quoted. */
  readonly header: QuotedTcpHeader | undefined;
}

export interface QuotedUdp {
  readonly layer: 'qudp';
  readonly sport: number;
  readonly dport: number;
  readonly length: number | undefined;
  readonly checksum: number | undefined;
}

export interface QuotedIcmp {
  readonly layer: 'qicmp';
  readonly type: number;
  readonly code: number;
  readonly checksum: number;
  /** Identifier and sequence of an echo or other query message (types 0, 8, 13-18). */
  readonly ident: number | undefined;
  readonly seq: number | undefined;
}

/** ICMP types whose second header word is identifier + sequence number. */
export function icmpHasIdentSeq(type: number): boolean {
  return type === 0 || type === 8 || (type >= 13 && type <= 18);
}

function u16(b: Uint8Array, o: number): number {
  return ((b[o] as number) << 8) | (b[o + 1] as number);
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) * 0x1000000 + ((b[o + 1] as number) << 16) + ((b[o + 2] as number) << 8) + (b[o + 3] as number));
}

/**
 * TCP options in `b[start..end)` as the packet value spells them, stopping at the first EOL;
 * `eols` counts that EOL and every byte after it. An option whose length byte is impossible
 * ends the list (Wireshark marks the rest malformed).
 */
export function readTcpOptions(b: Uint8Array, start: number, end: number): { options: TcpOption[]; eols: number } {
  const options: TcpOption[] = [];
  let p = start;
  while (p < end) {
    const kind = b[p] as number;
    if (kind === 0) return { options, eols: end - p };
    if (kind === 1) {
      options.push({ kind: 'nop' });
      p++;
      continue;
    }
    if (p + 1 >= end) break;
    const len = b[p + 1] as number;
    if (len < 2 || p + len > end) break;
    const d = p + 2;
    if (kind === 2 && len === 4) options.push({ kind: 'mss', value: u16(b, d) });
    else if (kind === 3 && len === 3) options.push({ kind: 'wscale', shift: b[d] as number });
    else if (kind === 4 && len === 2) options.push({ kind: 'sackPermitted' });
    else if (kind === 5 && len >= 10 && (len - 2) % 8 === 0) {
      const blocks: (readonly [number, number])[] = [];
      for (let q = d; q < p + len; q += 8) blocks.push([u32(b, q), u32(b, q + 4)]);
      options.push({ kind: 'sack', blocks });
    } else if (kind === 8 && len === 10) options.push({ kind: 'timestamps', tsval: u32(b, d), tsecr: u32(b, d + 4) });
    else if (kind === 254 && len === 8) options.push({ kind: 'toa', port: u16(b, d), addr: u32(b, d + 2) });
    else options.push({ kind: 'unknown', type: kind, data: b.subarray(d, p + len) });
    p += len;
  }
  return { options, eols: 0 };
}

function quotedTcp(b: Uint8Array, o: number, end: number): QuotedTcp | undefined {
  const avail = end - o;
  if (avail < 4) return undefined;
  const seq = avail >= 8 ? u32(b, o + 4) : undefined;
  let header: QuotedTcpHeader | undefined;
  if (avail >= 20) {
    const hdrLen = ((b[o + 12] as number) >>> 4) * 4;
    let options: readonly TcpOption[] | undefined;
    let optionBytes: Uint8Array | undefined;
    let eols = 0;
    if (hdrLen >= 20 && hdrLen <= avail) {
      const r = readTcpOptions(b, o + 20, o + hdrLen);
      options = r.options;
      eols = r.eols;
      optionBytes = b.subarray(o + 20, o + hdrLen);
    }
    header = {
      ack: u32(b, o + 8),
      hdrLen,
      flags: u16(b, o + 12) & 0x0fff,
      window: u16(b, o + 14),
      checksum: u16(b, o + 16),
      urgent: u16(b, o + 18),
      options,
      optionBytes,
      eols,
    };
  }
  return { layer: 'qtcp', sport: u16(b, o), dport: u16(b, o + 2), seq, header };
}

function quotedUdp(b: Uint8Array, o: number, end: number): QuotedUdp | undefined {
  const avail = end - o;
  if (avail < 4) return undefined;
  return {
    layer: 'qudp',
    sport: u16(b, o),
    dport: u16(b, o + 2),
    length: avail >= 6 ? u16(b, o + 4) : undefined,
    checksum: avail >= 8 ? u16(b, o + 6) : undefined,
  };
}

function quotedIcmp(b: Uint8Array, o: number, end: number): QuotedIcmp | undefined {
  const avail = end - o;
  if (avail < 4) return undefined;
  const type = b[o] as number;
  const idSeq = avail >= 8 && icmpHasIdentSeq(type);
  return {
    layer: 'qicmp',
    type,
    code: b[o + 1] as number,
    checksum: u16(b, o + 2),
    ident: idSeq ? u16(b, o + 4) : undefined,
    seq: idSeq ? u16(b, o + 6) : undefined,
  };
}

function readQuoted(b: Uint8Array): QuotedIp | undefined {
  if (b.length < 20 || (b[0] as number) >>> 4 !== 4) return undefined;
  const hdrLen = ((b[0] as number) & 0x0f) * 4;
  if (hdrLen < 20 || hdrLen > b.length) return undefined;
  const flagsFrag = u16(b, 6);
  const protocol = b[9] as number;
  const fragOffset = flagsFrag & 0x1fff;
  let transport: QuotedTcp | QuotedUdp | QuotedIcmp | undefined;
  if (fragOffset === 0) {
    if (protocol === 6) transport = quotedTcp(b, hdrLen, b.length);
    else if (protocol === 17) transport = quotedUdp(b, hdrLen, b.length);
    else if (protocol === 1) transport = quotedIcmp(b, hdrLen, b.length);
  }
  return {
    layer: 'qip',
    hdrLen,
    tos: b[1] as number,
    totalLen: u16(b, 2),
    id: u16(b, 4),
    flags: flagsFrag >>> 13,
    df: (flagsFrag & 0x4000) !== 0,
    mf: (flagsFrag & 0x2000) !== 0,
    fragOffset,
    ttl: b[8] as number,
    protocol,
    checksum: u16(b, 10),
    src: u32(b, 12),
    dst: u32(b, 16),
    transport,
  };
}

const memo = new WeakMap<Uint8Array, QuotedIp | null>();

/** The quoted packet of an ICMP error's `original` bytes, or undefined if Wireshark would not dissect it as IPv4. */
export function quotedPacket(original: Uint8Array): QuotedIp | undefined {
  let q = memo.get(original);
  if (q === undefined) {
    q = readQuoted(original) ?? null;
    memo.set(original, q);
  }
  return q ?? undefined;
}
