/**
 * The protocol layers of a frame in the order Wireshark dissects them, each with its byte
 * offset in the encoded frame: Ethernet, then ARP or IPv4 (again for each IPIP level), then the
 * transport, and for an ICMP error the quoted packet it carries (quoted.ts). A walk allocates
 * nothing for frames without an ICMP error, so a filter can run it per frame. Unknown
 * ethertypes, unknown IP protocols and fragments end in a RawPayload (Wireshark's "Data";
 * Wireshark would reassemble fragments across frames, which a per-frame view cannot).
 */
import { assertNever } from '../../assert-never.js';
import type {
  EthernetFrame,
  Layer,
  IcmpMessage,
  Ipv4Packet,
  TcpOption,
  TcpSegment,
} from '../../net/wire/packet.js';
import { ipv4HeaderLength, tcpOptionLength, tcpOptionsLength } from '../../net/wire/length.js';
import { quotedPacket, type QuotedIcmp, type QuotedIp, type QuotedTcp, type QuotedUdp } from './quoted.js';

/** One dissected layer: a packet value, or a view of a quoted packet inside an ICMP error. */
export type LayerNode =
  | Layer
  | QuotedIp
  | QuotedTcp
  | QuotedUdp
  | QuotedIcmp;

/** Called per layer with its offset in the encoded frame; returning true stops the walk. */
export type LayerVisitor = (layer: LayerNode, offset: number, frame: EthernetFrame) => boolean;

function walkQuoted(q: QuotedIp, frame: EthernetFrame, visit: LayerVisitor): boolean {
  if (visit(q, -1, frame)) return true;
  return q.transport !== undefined && visit(q.transport, -1, frame);
}

function walkIp(first: Ipv4Packet, offset: number, frame: EthernetFrame, visit: LayerVisitor): boolean {
  let ip = first;
  let off = offset;
  for (;;) {
    if (visit(ip, off, frame)) return true;
    const pl = ip.payload;
    const plOff = off + ipv4HeaderLength(ip);
    if (pl.layer === 'ipv4') {
      ip = pl;
      off = plOff;
      continue;
    }
    if (visit(pl, plOff, frame)) return true;
    const quoted = pl.layer === 'icmp' ? icmpQuote(pl) : undefined;
    if (quoted !== undefined) {
      const q = quotedPacket(quoted);
      return q !== undefined && walkQuoted(q, frame, visit);
    }
    return false;
  }
}

/** ICMP error types, whose body quotes the offending datagram (RFC 792): unreachable, source quench, redirect, time exceeded, parameter problem. */
export function isIcmpError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** The quoted datagram's bytes of an ICMP error message, or undefined for other messages. */
export function icmpQuote(m: IcmpMessage): Uint8Array | undefined {
  switch (m.kind) {
    case 'unreach':
    case 'timeExceeded':
      return m.original;
    case 'other':
      return isIcmpError(m.type) ? m.data : undefined;
    case 'echo':
      return undefined;
    default:
      return assertNever(m);
  }
}

/** Visits every layer of `frame`; true if a visit returned true. Quoted layers get offset -1. */
export function walkLayers(frame: EthernetFrame, visit: LayerVisitor): boolean {
  if (visit(frame, 0, frame)) return true;
  const pl = frame.payload;
  if (pl.layer === 'ipv4') return walkIp(pl, 14, frame, visit);
  return visit(pl, 14, frame);
}

/**
 * How Wireshark lists TCP options: the options before the first EOL, then one EOL per byte from
 * that EOL to the end of the (zero-padded) options area. `count` is the number of options
 * before the EOL, `eols` the number of EOL items.
 */
export interface OptionSpan {
  readonly options: readonly TcpOption[];
  readonly count: number;
  readonly eols: number;
}

/** The Wireshark listing of a segment's options (allocation-free: a view of `s.options`). */
export function optionSpan(s: TcpSegment | QuotedTcp): OptionSpan | undefined {
  if (s.layer === 'qtcp') {
    const h = s.header;
    if (h === undefined || h.options === undefined) return undefined;
    return { options: h.options, count: h.options.length, eols: h.eols };
  }
  const options = s.options;
  let count = 0;
  let used = 0;
  while (count < options.length) {
    const o = options[count] as TcpOption;
    if (o.kind === 'eol') break;
    used += tcpOptionLength(o);
    count++;
  }
  return { options, count, eols: tcpOptionsLength(options) - used };
}
