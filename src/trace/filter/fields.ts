/**
 * The display-filter field catalog: every Wireshark field name the lab computes, its type (as
 * Wireshark's ftype: unsigned integer, boolean, IPv4, Ethernet, string, bytes, or a protocol
 * that can only be tested for presence) and a reader that visits its occurrences in one layer.
 * A filter walks the layers (layers.ts) with a reader bound once at compile time, so testing
 * `tcp.flags.syn == 1` reads one bit and builds no tree. Names, types and occurrence rules are
 * Wireshark 4.0's (`tshark -G fields`); fields that need a whole conversation or capture (relative
 * sequence numbers, stream indexes, frame numbers, times) are listed in UNSUPPORTED with why.
 */
import { assertNever } from '../../assert-never.js';
import { formatIp4, type Ip4 } from '../../net/wire/addr.js';
import { encodeFrame } from '../../net/wire/frame.js';
import { frameLength, ipv4HeaderLength, ipv4TotalLength, tcpHeaderLength, tcpOptionLength } from '../../net/wire/length.js';
import type { EthernetFrame, Ipv4Packet, TcpOption, TcpSegment } from '../../net/wire/packet.js';
import { walkLayers, optionSpan, type LayerNode } from './layers.js';
import { icmpHasIdentSeq, type QuotedIp, type QuotedTcp } from './quoted.js';
import {
  ARP_HW_NAMES,
  ARP_OPCODE_NAMES,
  DRARP_ERROR_NAMES,
  DSCP_NAMES,
  ECN_NAMES,
  ETHERTYPE_NAMES,
  IPPROTO_NAMES,
  TCP_OPTION_KIND_NAMES,
  VRRP_AUTH_NAMES,
  VRRP_TYPE_NAMES,
  type ValueNames,
} from './value-names.js';

/** Wireshark's field types, reduced to what the lab's fields use. */
export type FieldKind = 'uint' | 'bool' | 'ipv4' | 'ether' | 'string' | 'bytes' | 'none';

/** A field value inside the filter: numbers for uint/bool (0/1)/ipv4/ether, text, or bytes. */
export type Scalar = number | string | Uint8Array;

/** Visits one occurrence; returning true stops the walk (the filter found what it needed). */
export type ScalarVisitor = (v: Scalar) => boolean;

export interface FieldDef {
  readonly name: string;
  readonly kind: FieldKind;
  /** The largest value of a uint field. */
  readonly max: number;
  /** Value strings accepted as literals (`arp.opcode == request`). */
  readonly names?: ValueNames;
  /** For booleans: the true/false words of the field's tree line ("Set" / "Not set"). */
  readonly trueFalse?: readonly [string, string];
  /** Visits each occurrence of the field in `layer`; true as soon as `visit` returns true. */
  readonly read: (layer: LayerNode, offset: number, frame: EthernetFrame, visit: ScalarVisitor) => boolean;
}

type Get = (layer: LayerNode, offset: number, frame: EthernetFrame) => Scalar | undefined;

const SET_NOT_SET: readonly [string, string] = ['Set', 'Not set'];
const TRUE_FALSE: readonly [string, string] = ['True', 'False'];

const defs = new Map<string, FieldDef>();

function maxOf(bits: number): number {
  return bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits - 1;
}

function add(def: FieldDef): void {
  defs.set(def.name, def);
}

/** A field with at most one occurrence per layer. */
function one(name: string, kind: FieldKind, bits: number, get: Get, extra?: Partial<FieldDef>): void {
  add({
    name,
    kind,
    max: maxOf(bits),
    read: (l, o, f, visit) => {
      const v = get(l, o, f);
      return v !== undefined && visit(v);
    },
    ...extra,
  });
}

/** A field with any number of occurrences per layer. */
function many(name: string, kind: FieldKind, bits: number, read: FieldDef['read'], extra?: Partial<FieldDef>): void {
  add({ name, kind, max: maxOf(bits), read, ...extra });
}

/** A protocol (or FT_NONE item): present or not. */
function proto(name: string, present: (l: LayerNode) => boolean): void {
  add({ name, kind: 'none', max: 0, read: (l, _o, _f, visit) => present(l) && visit(0) });
}

const b = (x: boolean): number => (x ? 1 : 0);

function wire16(frame: EthernetFrame, offset: number): number {
  const bytes = encodeFrame(frame);
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
}

function macFirstByte(mac: number): number {
  return Math.floor(mac / 0x100_0000_0000);
}

// ---- frame -------------------------------------------------------------------------------

proto('frame', (l) => l.layer === 'eth');
one('frame.len', 'uint', 32, (l) => (l.layer === 'eth' ? frameLength(l) : undefined));
one('frame.cap_len', 'uint', 32, (l) => (l.layer === 'eth' ? frameLength(l) : undefined));

// ---- eth ---------------------------------------------------------------------------------

proto('eth', (l) => l.layer === 'eth');
one('eth.dst', 'ether', 48, (l) => (l.layer === 'eth' ? l.dst : undefined));
one('eth.src', 'ether', 48, (l) => (l.layer === 'eth' ? l.src : undefined));
many('eth.addr', 'ether', 48, (l, _o, _f, v) => l.layer === 'eth' && (v(l.dst) || v(l.src)));
one('eth.type', 'uint', 16, (l) => (l.layer === 'eth' ? l.ethertype : undefined), { names: ETHERTYPE_NAMES });
const lg = (mac: number): number => (macFirstByte(mac) >>> 1) & 1;
const ig = (mac: number): number => macFirstByte(mac) & 1;
const LG_TF: readonly [string, string] = [
  'Locally administered address (this is NOT the factory default)',
  'Globally unique address (factory default)',
];
const IG_TF: readonly [string, string] = ['Group address (multicast/broadcast)', 'Individual address (unicast)'];
one('eth.dst.lg', 'bool', 1, (l) => (l.layer === 'eth' ? lg(l.dst) : undefined), { trueFalse: LG_TF });
one('eth.dst.ig', 'bool', 1, (l) => (l.layer === 'eth' ? ig(l.dst) : undefined), { trueFalse: IG_TF });
one('eth.src.lg', 'bool', 1, (l) => (l.layer === 'eth' ? lg(l.src) : undefined), { trueFalse: LG_TF });
one('eth.src.ig', 'bool', 1, (l) => (l.layer === 'eth' ? ig(l.src) : undefined), { trueFalse: IG_TF });
many('eth.lg', 'bool', 1, (l, _o, _f, v) => l.layer === 'eth' && (v(lg(l.dst)) || v(lg(l.src))), { trueFalse: LG_TF });
many('eth.ig', 'bool', 1, (l, _o, _f, v) => l.layer === 'eth' && (v(ig(l.dst)) || v(ig(l.src))), { trueFalse: IG_TF });

// ---- arp ---------------------------------------------------------------------------------

proto('arp', (l) => l.layer === 'arp');
one('arp.hw.type', 'uint', 16, (l) => (l.layer === 'arp' ? 1 : undefined), { names: ARP_HW_NAMES });
one('arp.proto.type', 'uint', 16, (l) => (l.layer === 'arp' ? 0x0800 : undefined), { names: ETHERTYPE_NAMES });
one('arp.hw.size', 'uint', 8, (l) => (l.layer === 'arp' ? 6 : undefined));
one('arp.proto.size', 'uint', 8, (l) => (l.layer === 'arp' ? 4 : undefined));
one('arp.opcode', 'uint', 16, (l) => (l.layer === 'arp' ? l.oper : undefined), { names: ARP_OPCODE_NAMES });
one('arp.src.hw_mac', 'ether', 48, (l) => (l.layer === 'arp' ? l.sha : undefined));
one('arp.src.proto_ipv4', 'ipv4', 32, (l) => (l.layer === 'arp' ? l.spa : undefined));
one('arp.dst.hw_mac', 'ether', 48, (l) => (l.layer === 'arp' ? l.tha : undefined));
/** A DRARP error (opcode 7) puts a status byte where the target IP address would be. */
const isDrarpError = (a: { oper: number }): boolean => a.oper === 7;
one('arp.dst.proto_ipv4', 'ipv4', 32, (l) => (l.layer === 'arp' && !isDrarpError(l) ? l.tpa : undefined));
one('arp.dst.drarp_error_status', 'uint', 8, (l) => (l.layer === 'arp' && isDrarpError(l) ? l.tpa >>> 24 : undefined), {
  names: DRARP_ERROR_NAMES,
});

/** Wireshark's ARP classification (packet-arp.c): each flag is present only when true. */
export function arpKind(a: { oper: number; spa: Ip4; tpa: Ip4; tha: number }): {
  gratuitous: boolean;
  announcement: boolean;
  probe: boolean;
} {
  const gratuitous = (a.oper === 1 || a.oper === 2) && a.spa === a.tpa;
  const announcement = a.oper === 1 && a.spa === a.tpa && a.tha === 0;
  const probe = !announcement && a.oper === 1 && a.spa === 0 && a.tha === 0;
  return { gratuitous, announcement, probe };
}
one('arp.isgratuitous', 'bool', 1, (l) => (l.layer === 'arp' && arpKind(l).gratuitous ? 1 : undefined), { trueFalse: TRUE_FALSE });
one('arp.isannouncement', 'bool', 1, (l) => (l.layer === 'arp' && arpKind(l).announcement ? 1 : undefined), { trueFalse: TRUE_FALSE });
one('arp.isprobe', 'bool', 1, (l) => (l.layer === 'arp' && arpKind(l).probe ? 1 : undefined), { trueFalse: TRUE_FALSE });

// ---- ip ----------------------------------------------------------------------------------

type IpLike = Ipv4Packet | QuotedIp;
const ipGet =
  (get: (ip: IpLike, offset: number, frame: EthernetFrame) => Scalar | undefined): Get =>
  (l, o, f) =>
    l.layer === 'ipv4' || l.layer === 'qip' ? get(l, o, f) : undefined;

/** ip.flags: reserved, DF, MF as a 3-bit value (the lab never sets the reserved bit). */
export function ipFlags(ip: IpLike): number {
  return ip.layer === 'qip' ? ip.flags : (ip.df ? 2 : 0) | (ip.mf ? 1 : 0);
}
export function ipHeaderLen(ip: IpLike): number {
  return ip.layer === 'qip' ? ip.hdrLen : ipv4HeaderLength(ip);
}
export function ipTotalLen(ip: IpLike): number {
  return ip.layer === 'qip' ? ip.totalLen : ipv4TotalLength(ip);
}
export function ipChecksum(ip: IpLike, offset: number, frame: EthernetFrame): number {
  return ip.layer === 'qip' ? ip.checksum : wire16(frame, offset + 10);
}

proto('ip', (l) => l.layer === 'ipv4' || l.layer === 'qip');
one('ip.version', 'uint', 8, ipGet(() => 4));
one('ip.hdr_len', 'uint', 8, ipGet((ip) => ipHeaderLen(ip)));
one('ip.dsfield', 'uint', 8, ipGet((ip) => ip.tos));
one('ip.dsfield.dscp', 'uint', 8, ipGet((ip) => ip.tos >>> 2), { names: DSCP_NAMES });
one('ip.dsfield.ecn', 'uint', 8, ipGet((ip) => ip.tos & 3), { names: ECN_NAMES });
one('ip.len', 'uint', 16, ipGet((ip) => ipTotalLen(ip)));
one('ip.id', 'uint', 16, ipGet((ip) => ip.id));
one('ip.flags', 'uint', 8, ipGet((ip) => ipFlags(ip)));
one('ip.flags.rb', 'bool', 1, ipGet((ip) => (ipFlags(ip) >>> 2) & 1), { trueFalse: SET_NOT_SET });
one('ip.flags.df', 'bool', 1, ipGet((ip) => b(ip.df)), { trueFalse: SET_NOT_SET });
one('ip.flags.mf', 'bool', 1, ipGet((ip) => b(ip.mf)), { trueFalse: SET_NOT_SET });
one('ip.frag_offset', 'uint', 16, ipGet((ip) => ip.fragOffset * 8));
one('ip.ttl', 'uint', 8, ipGet((ip) => ip.ttl));
one('ip.proto', 'uint', 8, ipGet((ip) => ip.protocol), { names: IPPROTO_NAMES });
one('ip.checksum', 'uint', 16, ipGet((ip, o, f) => ipChecksum(ip, o, f)));
one('ip.src', 'ipv4', 32, ipGet((ip) => ip.src));
one('ip.dst', 'ipv4', 32, ipGet((ip) => ip.dst));
many('ip.addr', 'ipv4', 32, (l, _o, _f, v) => (l.layer === 'ipv4' || l.layer === 'qip') && (v(l.src) || v(l.dst)));
one('ip.src_host', 'string', 0, ipGet((ip) => formatIp4(ip.src)));
one('ip.dst_host', 'string', 0, ipGet((ip) => formatIp4(ip.dst)));
many('ip.host', 'string', 0, (l, _o, _f, v) => (l.layer === 'ipv4' || l.layer === 'qip') && (v(formatIp4(l.src)) || v(formatIp4(l.dst))));

// ---- tcp ---------------------------------------------------------------------------------

type TcpLike = TcpSegment | QuotedTcp;
const tcpGet =
  (get: (s: TcpLike, offset: number, frame: EthernetFrame) => Scalar | undefined): Get =>
  (l, o, f) =>
    l.layer === 'tcp' || l.layer === 'qtcp' ? get(l, o, f) : undefined;
/** For fields a quoted header shows only when 20 bytes are quoted. */
const tcpHdrGet =
  (get: (s: TcpSegment | { layer: 'qtcp'; h: NonNullable<QuotedTcp['header']> }, offset: number, frame: EthernetFrame) => Scalar | undefined): Get =>
  (l, o, f) => {
    if (l.layer === 'tcp') return get(l, o, f);
    if (l.layer === 'qtcp' && l.header !== undefined) return get({ layer: 'qtcp', h: l.header }, o, f);
    return undefined;
  };

/** The 12 flag bits Wireshark shows (reserved, AE, CWR … FIN). */
export function tcpFlags12(s: TcpLike): number | undefined {
  if (s.layer === 'tcp') return s.flags & 0x1ff;
  return s.header?.flags;
}
const TCP_FLAG_LETTERS = 'RRRACEUAPRSF';
/** Wireshark's tcp.flags.str: one letter per set bit, `·` for a clear one. */
export function tcpFlagsString(flags: number): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += (flags >>> (11 - i)) & 1 ? TCP_FLAG_LETTERS[i] : '·';
  return s;
}
export function tcpChecksum(s: TcpSegment, offset: number, frame: EthernetFrame): number {
  return wire16(frame, offset + 16);
}

proto('tcp', (l) => l.layer === 'tcp' || l.layer === 'qtcp');
one('tcp.srcport', 'uint', 16, tcpGet((s) => s.sport));
one('tcp.dstport', 'uint', 16, tcpGet((s) => s.dport));
many('tcp.port', 'uint', 16, (l, _o, _f, v) => (l.layer === 'tcp' || l.layer === 'qtcp') && (v(l.sport) || v(l.dport)));
one('tcp.seq_raw', 'uint', 32, (l) => (l.layer === 'tcp' ? l.seq : undefined));
one('tcp.ack_raw', 'uint', 32, tcpHdrGet((s) => (s.layer === 'tcp' ? s.ack : s.h.ack)));
one('tcp.hdr_len', 'uint', 8, tcpHdrGet((s) => (s.layer === 'tcp' ? tcpHeaderLength(s) : s.h.hdrLen)));
one('tcp.len', 'uint', 32, (l) => (l.layer === 'tcp' ? l.payload.length : undefined));
one('tcp.flags', 'uint', 16, tcpGet((s) => tcpFlags12(s)));
const flagBit = (name: string, mask: number): void =>
  one(name, 'bool', 1, tcpGet((s) => {
    const fl = tcpFlags12(s);
    return fl === undefined ? undefined : b((fl & mask) !== 0);
  }), { trueFalse: SET_NOT_SET });
flagBit('tcp.flags.res', 0xe00);
flagBit('tcp.flags.ae', 0x100);
flagBit('tcp.flags.cwr', 0x080);
flagBit('tcp.flags.ece', 0x040);
flagBit('tcp.flags.urg', 0x020);
flagBit('tcp.flags.ack', 0x010);
flagBit('tcp.flags.push', 0x008);
flagBit('tcp.flags.reset', 0x004);
flagBit('tcp.flags.syn', 0x002);
flagBit('tcp.flags.fin', 0x001);
one('tcp.flags.str', 'string', 0, tcpGet((s) => {
  const fl = tcpFlags12(s);
  return fl === undefined ? undefined : tcpFlagsString(fl);
}));
one('tcp.window_size_value', 'uint', 16, tcpHdrGet((s) => (s.layer === 'tcp' ? s.window : s.h.window)));
one('tcp.checksum', 'uint', 16, tcpHdrGet((s, o, f) => (s.layer === 'tcp' ? tcpChecksum(s, o, f) : s.h.checksum)));
one('tcp.urgent_pointer', 'uint', 16, tcpHdrGet((s) => (s.layer === 'tcp' ? s.urgent : s.h.urgent)));
one('tcp.options', 'bytes', 0, tcpHdrGet((s, o, f) => {
  if (s.layer === 'qtcp') return s.h.optionBytes !== undefined && s.h.optionBytes.length > 0 ? s.h.optionBytes : undefined;
  const hl = tcpHeaderLength(s);
  return hl > 20 ? encodeFrame(f).subarray(o + 20, o + hl) : undefined;
}));
/**
 * Text as Wireshark's format_text shows it: printable ASCII as is, C escapes for the usual
 * control characters, octal for the others, U+FFFD for bytes above 0x7f (a simplification:
 * Wireshark decodes valid UTF-8 sequences).
 */
export function formatText(bytes: Uint8Array): string {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  let s = '';
  for (const c of bytes) {
    if (named[c] !== undefined) s += named[c];
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else if (c >= 0x80) s += '\ufffd';
    else s += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return s;
}
/** The text of a RST's payload as Wireshark shows it (RFC 1122 4.2.2.12 "reset cause"): a C string, up to its first NUL. */
export function resetCause(payload: Uint8Array): string {
  const nul = payload.indexOf(0);
  return formatText(nul < 0 ? payload : payload.subarray(0, nul));
}
/** Wireshark shows a RST's payload as its "reset cause", not as tcp.payload. */
const isRst = (s: TcpSegment): boolean => (s.flags & 0x004) !== 0;
one('tcp.payload', 'bytes', 0, (l) => (l.layer === 'tcp' && l.payload.length > 0 && !isRst(l) ? l.payload : undefined));
one('tcp.reset_cause', 'string', 0, (l) => (l.layer === 'tcp' && l.payload.length > 0 && isRst(l) ? resetCause(l.payload) : undefined));

/** Wireshark's option kind number for an option value. */
export function tcpOptionKind(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
      return 0;
    case 'nop':
      return 1;
    case 'mss':
      return 2;
    case 'wscale':
      return 3;
    case 'sackPermitted':
      return 4;
    case 'sack':
      return 5;
    case 'timestamps':
      return 8;
    case 'toa':
      return 254;
    case 'unknown':
      return o.type;
    default:
      return assertNever(o);
  }
}

/** Visits the options (and trailing EOLs as kind 0) of a TCP layer. */
function eachOption(l: LayerNode, visit: (o: TcpOption | undefined) => boolean): boolean {
  if (l.layer !== 'tcp' && l.layer !== 'qtcp') return false;
  const span = optionSpan(l);
  if (span === undefined) return false;
  for (let i = 0; i < span.count; i++) if (visit(span.options[i] as TcpOption)) return true;
  for (let i = 0; i < span.eols; i++) if (visit(undefined)) return true;
  return false;
}
many('tcp.option_kind', 'uint', 8, (l, _o, _f, v) => eachOption(l, (o) => v(o === undefined ? 0 : tcpOptionKind(o))), {
  names: TCP_OPTION_KIND_NAMES,
});
/** An option's length byte (EOL and NOP have none). */
export function tcpOptionLen(o: TcpOption): number | undefined {
  return o.kind === 'eol' || o.kind === 'nop' ? undefined : tcpOptionLength(o);
}
many('tcp.option_len', 'uint', 8, (l, _o, _f, v) =>
  eachOption(l, (o) => {
    const len = o === undefined ? undefined : tcpOptionLen(o);
    return len !== undefined && v(len);
  }),
);
const optPresent = (name: string, match: (o: TcpOption | undefined) => boolean): void =>
  many(name, 'none', 0, (l, _o, _f, v) => eachOption(l, (o) => match(o) && v(0)));
/** Wireshark dissects kinds 253 and 254 as RFC 6994 experiments. */
export const isExperimental = (o: TcpOption): boolean =>
  o.kind === 'toa' || (o.kind === 'unknown' && (o.type === 253 || o.type === 254));
optPresent('tcp.options.eol', (o) => o === undefined);
optPresent('tcp.options.nop', (o) => o?.kind === 'nop');
optPresent('tcp.options.mss', (o) => o?.kind === 'mss');
optPresent('tcp.options.wscale', (o) => o?.kind === 'wscale');
optPresent('tcp.options.sack_perm', (o) => o?.kind === 'sackPermitted');
optPresent('tcp.options.sack', (o) => o?.kind === 'sack');
optPresent('tcp.options.timestamp', (o) => o?.kind === 'timestamps');
optPresent('tcp.options.experimental', (o) => o !== undefined && isExperimental(o));
optPresent('tcp.options.unknown', (o) => o?.kind === 'unknown' && !isExperimental(o));
const optValue = (name: string, bits: number, kind: FieldKind, get: (o: TcpOption, visit: ScalarVisitor) => boolean): void =>
  many(name, kind, bits, (l, _o, _f, v) => eachOption(l, (o) => o !== undefined && get(o, v)));
optValue('tcp.options.mss_val', 16, 'uint', (o, v) => o.kind === 'mss' && v(o.value));
optValue('tcp.options.wscale.shift', 8, 'uint', (o, v) => o.kind === 'wscale' && v(o.shift));
/** Wireshark caps the multiplier at 2^14 (RFC 7323 §2.3). */
export const wscaleMultiplier = (shift: number): number => 2 ** Math.min(shift, 14);
optValue('tcp.options.wscale.multiplier', 16, 'uint', (o, v) => o.kind === 'wscale' && v(wscaleMultiplier(o.shift)));
optValue('tcp.options.sack_le', 32, 'uint', (o, v) => o.kind === 'sack' && o.blocks.some((bl) => v(bl[0])));
optValue('tcp.options.sack_re', 32, 'uint', (o, v) => o.kind === 'sack' && o.blocks.some((bl) => v(bl[1])));
optValue('tcp.options.sack.count', 8, 'uint', (o, v) => o.kind === 'sack' && v(o.blocks.length));
optValue('tcp.options.timestamp.tsval', 32, 'uint', (o, v) => o.kind === 'timestamps' && v(o.tsval));
optValue('tcp.options.timestamp.tsecr', 32, 'uint', (o, v) => o.kind === 'timestamps' && v(o.tsecr));

/** The data bytes of an experimental option (after its 2-byte header). */
export function experimentData(o: TcpOption): Uint8Array | undefined {
  if (o.kind === 'toa') {
    const d = new Uint8Array(6);
    d[0] = o.port >>> 8;
    d[1] = o.port & 255;
    d[2] = o.addr >>> 24;
    d[3] = (o.addr >>> 16) & 255;
    d[4] = (o.addr >>> 8) & 255;
    d[5] = o.addr & 255;
    return d;
  }
  return o.kind === 'unknown' && isExperimental(o) ? o.data : undefined;
}
optValue('tcp.options.experimental.exid', 16, 'uint', (o, v) => {
  const d = experimentData(o);
  return d !== undefined && d.length >= 2 && v(((d[0] as number) << 8) | (d[1] as number));
});
optValue('tcp.options.experimental.data', 0, 'bytes', (o, v) => {
  const d = experimentData(o);
  return d !== undefined && d.length > 2 && v(d.subarray(2));
});
optValue('tcp.options.unknown.payload', 0, 'bytes', (o, v) => o.kind === 'unknown' && !isExperimental(o) && o.data.length > 0 && v(o.data));

// ---- udp ---------------------------------------------------------------------------------

proto('udp', (l) => l.layer === 'udp' || l.layer === 'qudp');
one('udp.srcport', 'uint', 16, (l) => (l.layer === 'udp' || l.layer === 'qudp' ? l.sport : undefined));
one('udp.dstport', 'uint', 16, (l) => (l.layer === 'udp' || l.layer === 'qudp' ? l.dport : undefined));
many('udp.port', 'uint', 16, (l, _o, _f, v) => (l.layer === 'udp' || l.layer === 'qudp') && (v(l.sport) || v(l.dport)));
one('udp.length', 'uint', 16, (l) => (l.layer === 'udp' ? 8 + l.payload.length : l.layer === 'qudp' ? l.length : undefined));
one('udp.checksum', 'uint', 16, (l, o, f) => (l.layer === 'udp' ? wire16(f, o + 6) : l.layer === 'qudp' ? l.checksum : undefined));
one('udp.payload', 'bytes', 0, (l) => (l.layer === 'udp' && l.payload.length > 0 ? l.payload : undefined));

// ---- icmp --------------------------------------------------------------------------------

/** ICMP type of a message value. */
export function icmpType(l: LayerNode): number | undefined {
  if (l.layer === 'qicmp') return l.type;
  if (l.layer !== 'icmp') return undefined;
  switch (l.kind) {
    case 'echo':
      return l.type;
    case 'unreach':
      return 3;
    case 'timeExceeded':
      return 11;
    case 'other':
      return l.type;
    default:
      return assertNever(l);
  }
}
/** Identifier and sequence of an ICMP query message, as one 32-bit word, or undefined. */
function icmpIdSeq(l: LayerNode): number | undefined {
  if (l.layer === 'qicmp') return l.ident === undefined || l.seq === undefined ? undefined : l.ident * 0x10000 + l.seq;
  if (l.layer !== 'icmp') return undefined;
  if (l.kind === 'echo') return l.ident * 0x10000 + l.seq;
  if (l.kind === 'other' && icmpHasIdentSeq(l.type)) return l.rest;
  return undefined;
}
const swap16 = (v: number): number => ((v & 0xff) << 8) | (v >>> 8);
proto('icmp', (l) => l.layer === 'icmp' || l.layer === 'qicmp');
one('icmp.type', 'uint', 8, (l) => icmpType(l));
one('icmp.code', 'uint', 8, (l) => (l.layer === 'icmp' || l.layer === 'qicmp' ? l.code : undefined));
one('icmp.checksum', 'uint', 16, (l, o, f) => (l.layer === 'icmp' ? wire16(f, o + 2) : l.layer === 'qicmp' ? l.checksum : undefined));
one('icmp.ident', 'uint', 16, (l) => {
  const w = icmpIdSeq(l);
  return w === undefined ? undefined : Math.floor(w / 0x10000);
});
one('icmp.ident_le', 'uint', 16, (l) => {
  const w = icmpIdSeq(l);
  return w === undefined ? undefined : swap16(Math.floor(w / 0x10000));
});
one('icmp.seq', 'uint', 16, (l) => {
  const w = icmpIdSeq(l);
  return w === undefined ? undefined : w % 0x10000;
});
one('icmp.seq_le', 'uint', 16, (l) => {
  const w = icmpIdSeq(l);
  return w === undefined ? undefined : swap16(w % 0x10000);
});
/** The MTU of a "fragmentation needed" (RFC 1191: the low 16 bits of the second header word). */
export function icmpMtu(l: LayerNode): number | undefined {
  if (l.layer !== 'icmp') return undefined;
  if (l.kind === 'unreach') return l.code === 4 ? l.nextHopMtu : undefined;
  return l.kind === 'other' && l.type === 3 && l.code === 4 ? l.rest % 0x10000 : undefined;
}
one('icmp.mtu', 'uint', 16, (l) => icmpMtu(l));

/** The bytes of the second header word an error message leaves unused, as Wireshark lists them. */
export function icmpUnused(l: LayerNode): Uint8Array | undefined {
  if (l.layer !== 'icmp') return undefined;
  const word = (rest: number, bytes: number): Uint8Array => {
    const out = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(rest / 256 ** (bytes - 1 - i)) % 256;
    return out;
  };
  switch (l.kind) {
    case 'unreach':
      return new Uint8Array(l.code === 4 ? 2 : 4);
    case 'timeExceeded':
      return new Uint8Array(4);
    case 'other':
      if (l.type === 3 && l.code === 4) return word(Math.floor(l.rest / 0x10000), 2);
      if (l.type === 3 || l.type === 11) return word(l.rest, 4);
      return l.type === 12 ? word(l.rest % 0x1000000, 3) : undefined;
    case 'echo':
      return undefined;
    default:
      return assertNever(l);
  }
}
one('icmp.unused', 'bytes', 0, (l) => icmpUnused(l));
one('icmp.redir_gw', 'ipv4', 32, (l) => (l.layer === 'icmp' && l.kind === 'other' && l.type === 5 ? l.rest : undefined));
one('icmp.pointer', 'uint', 32, (l) => (l.layer === 'icmp' && l.kind === 'other' && l.type === 12 ? Math.floor(l.rest / 0x1000000) : undefined));

// ---- vrrp --------------------------------------------------------------------------------

proto('vrrp', (l) => l.layer === 'vrrp');
one('vrrp.typever', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.version * 16 + (l.type & 15) : undefined));
one('vrrp.version', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.version : undefined));
one('vrrp.type', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.type & 15 : undefined), { names: VRRP_TYPE_NAMES });
one('vrrp.virt_rtr_id', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.vrid : undefined));
one('vrrp.prio', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.priority : undefined));
one('vrrp.addr_count', 'uint', 8, (l) => (l.layer === 'vrrp' ? l.addrs.length : undefined));
one('vrrp.auth_type', 'uint', 8, (l) => (l.layer === 'vrrp' && l.version === 2 ? l.authType : undefined), { names: VRRP_AUTH_NAMES });
one('vrrp.adver_int', 'uint', 8, (l) => (l.layer === 'vrrp' && l.version === 2 ? l.adverInt : undefined));
one('vrrp.reserved_mbz', 'uint', 8, (l) => (l.layer === 'vrrp' && l.version === 3 ? 0 : undefined));
one('vrrp.short_adver_int', 'uint', 16, (l) => (l.layer === 'vrrp' && l.version === 3 ? l.maxAdverInt & 0xfff : undefined));
one('vrrp.checksum', 'uint', 16, (l, o, f) => (l.layer === 'vrrp' ? wire16(f, o + 6) : undefined));
many('vrrp.ip_addr', 'ipv4', 32, (l, _o, _f, v) => l.layer === 'vrrp' && l.addrs.some((a) => v(a)));
/** The simple-text password of a VRRPv2 advertisement (auth type 1), up to its first NUL. */
export function vrrpAuthString(authData: Uint8Array): string {
  const nul = authData.indexOf(0);
  return formatText(nul < 0 ? authData : authData.subarray(0, nul));
}
one('vrrp.auth_string', 'string', 0, (l) => (l.layer === 'vrrp' && l.version === 2 && l.authType === 1 ? vrrpAuthString(l.authData) : undefined));

// ---- data --------------------------------------------------------------------------------

/** The bytes Wireshark shows as "Data": a RawPayload, or the data of an ICMP echo. */
export function dataBytes(l: LayerNode): Uint8Array | undefined {
  if (l.layer === 'raw') return l.bytes.length > 0 ? l.bytes : undefined;
  if (l.layer === 'icmp' && l.kind === 'echo' && l.data.length > 0) return l.data;
  return undefined;
}
proto('data', (l) => dataBytes(l) !== undefined);
one('data.data', 'bytes', 0, (l) => dataBytes(l));
one('data.len', 'uint', 32, (l) => dataBytes(l)?.length);

// ---- lookup ------------------------------------------------------------------------------

/**
 * Wireshark fields the lab knows but cannot compute from one frame, each with the message id
 * (src/i18n/en/ui.ts, parameter `name`) that explains why.
 */
export const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['tcp.seq', 'filter.unsupported.relativeSeq'],
  ['tcp.ack', 'filter.unsupported.relativeSeq'],
  ['tcp.nxtseq', 'filter.unsupported.relativeSeq'],
  ['tcp.stream', 'filter.unsupported.conversation'],
  ['udp.stream', 'filter.unsupported.conversation'],
  ['tcp.completeness', 'filter.unsupported.conversation'],
  ['tcp.window_size', 'filter.unsupported.conversation'],
  ['tcp.window_size_scalefactor', 'filter.unsupported.conversation'],
  ['tcp.time_relative', 'filter.unsupported.conversation'],
  ['tcp.time_delta', 'filter.unsupported.conversation'],
  ['tcp.analysis', 'filter.unsupported.conversation'],
  ['icmp.resp_in', 'filter.unsupported.conversation'],
  ['icmp.resp_to', 'filter.unsupported.conversation'],
  ['icmp.resptime', 'filter.unsupported.conversation'],
  ['frame.number', 'filter.unsupported.capture'],
  ['frame.time', 'filter.unsupported.capture'],
  ['frame.time_epoch', 'filter.unsupported.capture'],
  ['frame.time_delta', 'filter.unsupported.capture'],
  ['frame.time_relative', 'filter.unsupported.capture'],
  ['frame.protocols', 'filter.unsupported.capture'],
  ...['http', 'dns', 'mdns', 'tls', 'ssl', 'ssh', 'ftp', 'telnet', 'smtp', 'sip', 'dhcp', 'bootp', 'ntp', 'snmp', 'quic'].map(
    (p) => [p, 'filter.unsupported.application'] as const,
  ),
  ...['ipv6', 'icmpv6', 'gre', 'igmp', 'sctp', 'vlan', 'llc', 'stp', 'lldp'].map((p) => [p, 'filter.unsupported.protocol'] as const),
]);

/** The definition of a field name, or undefined. */
export function fieldDef(name: string): FieldDef | undefined {
  return defs.get(name);
}

/** Every field name the filter accepts, in catalog order. */
export function fieldNames(): readonly string[] {
  return [...defs.keys()];
}

/**
 * A frame predicate true when some occurrence of `def` satisfies `test` (Wireshark's "any"
 * semantics). The layer visitor is created here, once, so matching allocates nothing.
 */
export function anyOccurrence(def: FieldDef, test: ScalarVisitor): (frame: EthernetFrame) => boolean {
  const read = def.read;
  const onLayer = (l: LayerNode, o: number, f: EthernetFrame): boolean => read(l, o, f, test);
  return (frame) => walkLayers(frame, onLayer);
}

/** Every occurrence of `def` in `frame`, in dissection order. */
export function occurrences(def: FieldDef, frame: EthernetFrame): Scalar[] {
  const out: Scalar[] = [];
  const read = def.read;
  walkLayers(frame, (l, o, f) => read(l, o, f, (v) => {
    out.push(v);
    return false;
  }));
  return out;
}
