/**
 * Wireshark's packet details pane for a lab frame: one layer per protocol (frame, eth, arp, ip —
 * twice for IPIP —, tcp, udp, icmp, vrrp, data), each a tree of fields named, labelled and
 * shown as Wireshark 4.0 shows them (`tshark -V` with MAC name resolution off), so that a
 * student can type any field name they see into a display filter. Derived values (lengths,
 * checksums) come from the codec in src/net/wire. Differences from Wireshark, all because one
 * frame is seen alone: sequence, acknowledgment and SACK numbers are raw (Wireshark shows them
 * relative to the conversation), there is no conversation analysis, application payloads are
 * not dissected, and fragments are not reassembled. TOA (TCP option 254) is shown as Wireshark's
 * "Experimental" option, with the client address it carries added as text lines.
 * Each line and layer carries its byte span in the encoded frame (what Wireshark's bytes pane
 * highlights when the line is selected), so the hex pane can show where a field sits.
 * Dissection builds the whole tree; filters use the lazy readers of filter/fields.ts instead.
 */
import { assertNever } from '../assert-never.js';
import { formatIp4, formatMac } from '../net/wire/addr.js';
import { internetChecksum, pseudoHeaderSum } from '../net/wire/checksum.js';
import { ARP_LEN } from '../net/wire/arp.js';
import { encodeFrame, encodeIpv4 } from '../net/wire/frame.js';
import { icmpLength, tcpHeaderLength, tcpOptionLength, vrrpLength } from '../net/wire/length.js';
import type { ArpPacket, EthernetFrame, IcmpMessage, Ipv4Packet, TcpOption, TcpSegment, UdpDatagram, VrrpPacket } from '../net/wire/packet.js';
import {
  arpKind,
  experimentData,
  icmpMtu,
  icmpType,
  icmpUnused,
  ipFlags,
  ipHeaderLen,
  ipTotalLen,
  isExperimental,
  tcpFlags12,
  tcpFlagsString,
  tcpOptionKind,
  tcpOptionLen,
  resetCause,
  vrrpAuthString,
  wscaleMultiplier,
} from './filter/fields.js';
import { icmpQuote, optionSpan } from './filter/layers.js';
import { icmpHasIdentSeq, quotedPacket, type QuotedIcmp, type QuotedIp, type QuotedTcp, type QuotedUdp } from './filter/quoted.js';
import {
  ARP_HW_NAMES,
  ARP_OPCODE_NAMES,
  DRARP_ERROR_NAMES,
  DSCP_NAMES,
  DSCP_SHORT_NAMES,
  ECN_NAMES,
  ECN_SHORT_NAMES,
  ETHERTYPE_NAMES,
  hex,
  ICMP_ALTHOST_CODE_NAMES,
  ICMP_EXTECHO_REPLY_CODE_NAMES,
  ICMP_EXTECHO_REQUEST_CODE_NAMES,
  ICMP_PARAMPROB_CODE_NAMES,
  ICMP_PHOTURIS_CODE_NAMES,
  ICMP_REDIRECT_CODE_NAMES,
  ICMP_RTRADV_CODE_NAMES,
  ICMP_TIMXCEED_CODE_NAMES,
  ICMP_TYPE_NAMES,
  ICMP_UNREACH_CODE_NAMES,
  IPPROTO_NAMES,
  namedDec,
  TCP_OPTION_KIND_NAMES,
  VRRP_AUTH_NAMES,
  VRRP_TYPE_NAMES,
  vrrpPriorityName,
  type ValueNames,
} from './filter/value-names.js';

/** A field's value: numbers for integers and addresses (Ip4, Mac), hex text for bytes. */
export type FieldValue = number | string | boolean | bigint;

/** One line of the details tree. */
export interface DissectedField {
  /** Wireshark's filter name (ip.src, tcp.flags.syn, tcp.option_kind…); '' for a text-only line. */
  readonly name: string;
  /** Wireshark's label ("Source Address", "Time to Live"). */
  readonly label: string;
  /** The value, comparable with display-filter literals: Ip4/Mac as numbers, bytes as hex text. */
  readonly value: FieldValue;
  /** The value as Wireshark shows it ("TCP (6)", "0x3ca4 [validation disabled]"); '' when the label says it all. */
  readonly display: string;
  /** The bit pattern Wireshark prints before a bit field ("0100 ...."). */
  readonly bits?: string;
  /** A value Wireshark computes rather than reads (shown in [brackets]). */
  readonly generated?: true;
  readonly children?: readonly DissectedField[];
  /**
   * Where the line's bytes start, counted from the first dissected byte (the frame's for
   * `dissect`, the IP header's for `dissectIp`); with `len`, the bytes Wireshark's bytes pane
   * highlights when the line is selected. A bit field spans the bytes that hold its bits. Absent
   * for a value computed without bytes of its own (frame.len, tcp.len, data.len, arp.isgratuitous…).
   */
  readonly pos?: number;
  /** The number of bytes from `pos` (present exactly when `pos` is). */
  readonly len?: number;
}

/** One protocol layer of the tree. */
export interface DissectedLayer {
  /** Wireshark's protocol filter name: frame, eth, arp, ip, tcp, udp, icmp, vrrp, data. */
  readonly name: string;
  /** The layer's tree line ("Internet Protocol Version 4, Src: 203.0.113.10, Dst: 192.168.1.100"). */
  readonly title: string;
  readonly fields: readonly DissectedField[];
  /**
   * The layer's bytes, counted as DissectedField.pos is: the whole frame for frame, the 14-byte
   * header for eth, the header and everything it carries for ip, tcp, udp, icmp (with the packet
   * it quotes), and the whole message for arp, vrrp and data. Always set by dissect/dissectIp.
   */
  readonly pos?: number;
  readonly len?: number;
  /**
   * For ip, tcp and udp: the length of the header alone, at `pos`. Wireshark highlights only the
   * header when the layer's line is selected.
   */
  readonly hdrLen?: number;
}

/** The text of a tree line exactly as `tshark -V` prints it (without indentation). */
export function treeLine(f: DissectedField): string {
  const core = f.display === '' ? f.label : `${f.label}: ${f.display}`;
  const text = f.bits === undefined ? core : `${f.bits} = ${core}`;
  return f.generated === true ? `[${text}]` : text;
}

/** The whole tree as indented text, four spaces per level, like `tshark -V`. */
export function dissectionText(layers: readonly DissectedLayer[]): string {
  const lines: string[] = [];
  const walk = (fields: readonly DissectedField[], depth: number): void => {
    for (const f of fields) {
      lines.push(`${'    '.repeat(depth)}${treeLine(f)}`);
      if (f.children !== undefined) walk(f.children, depth + 1);
    }
  };
  for (const l of layers) {
    lines.push(l.title);
    walk(l.fields, 1);
  }
  return lines.join('\n');
}

// ---- building blocks ---------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The optional parts of a tree line. */
interface FieldExtra {
  readonly bits?: string;
  readonly generated?: true;
  readonly children?: readonly DissectedField[];
}

/** `pos` of a line that covers no bytes (a value Wireshark computes: frame.len, tcp.len…). */
const NO_BYTES = -1;

/** A tree line over bytes [pos, pos + len) of the dissected bytes, or none when pos is NO_BYTES. */
function field(name: string, label: string, value: FieldValue, display: string, pos: number, len: number, extra?: FieldExtra): DissectedField {
  // Most lines have no extras: one literal keeps them a single object shape (dissection speed).
  if (extra === undefined) return pos === NO_BYTES ? { name, label, value, display } : { name, label, value, display, pos, len };
  const f: Mutable<DissectedField> = { name, label, value, display };
  if (extra.bits !== undefined) f.bits = extra.bits;
  if (extra.generated !== undefined) f.generated = extra.generated;
  if (extra.children !== undefined) f.children = extra.children;
  if (pos !== NO_BYTES) {
    f.pos = pos;
    f.len = len;
  }
  return f;
}

/** A plain decimal field. */
function dec(name: string, label: string, v: number, pos: number, len: number, extra?: FieldExtra): DissectedField {
  return field(name, label, v, String(v), pos, len, extra);
}

/** A text-only line (no filter name). */
function text(label: string, pos: number, len: number, children?: readonly DissectedField[]): DissectedField {
  return field('', label, '', '', pos, len, children === undefined ? undefined : { children });
}

/** A big-endian 16-bit word of `bytes` at `at`. */
function read16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

/**
 * Wireshark's bit pattern: the `width` bits of a field whose mask is `mask` within `totalBits`,
 * printed from the most significant bit in groups of four, '.' for bits outside the mask.
 */
export function bitPattern(raw: number, mask: number, totalBits: number): string {
  let s = '';
  for (let i = totalBits - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? String(Math.floor(raw / bit) % 2) : '.';
    if (i % 4 === 0 && i !== 0) s += ' ';
  }
  return s;
}

/** Wireshark's "n bytes" with its singular for one. */
function bytesCount(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

function hexBytes(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Wireshark shortens a long byte field to 36 bytes and an ellipsis. */
function hexShort(b: Uint8Array): string {
  return b.length > 36 ? `${hexBytes(b.subarray(0, 36))}…` : hexBytes(b);
}

function setNotSet(x: boolean): string {
  return x ? 'Set' : 'Not set';
}

function flagBit(name: string, label: string, on: boolean, mask: number, raw: number, totalBits: number, pos: number, len: number): DissectedField {
  return field(name, label, on, setNotSet(on), pos, len, { bits: bitPattern(raw, mask, totalBits) });
}

// ---- frame, eth, data --------------------------------------------------------------------

function frameLayer(n: number): DissectedLayer {
  const len = `${n} bytes (${n * 8} bits)`;
  return {
    name: 'frame',
    title: `Frame: ${n} bytes on wire (${n * 8} bits), ${n} bytes captured (${n * 8} bits)`,
    fields: [field('frame.len', 'Frame Length', n, len, NO_BYTES, 0), field('frame.cap_len', 'Capture Length', n, len, NO_BYTES, 0)],
    pos: 0,
    len: n,
  };
}

/** A MAC address at `at`; its LG and IG bits live in the first three bytes (the OUI), as Wireshark marks them. */
function macField(name: string, label: string, mac: number, which: 'dst' | 'src', at: number): DissectedField {
  const top = Math.floor(mac / 0x1_0000_00);
  const lg = (top & 0x020000) !== 0;
  const ig = (top & 0x010000) !== 0;
  const children = [
    field('eth.addr', 'Address', mac, formatMac(mac), at, 6),
    field(`eth.${which}.lg`, 'LG bit', lg, lg ? 'Locally administered address (this is NOT the factory default)' : 'Globally unique address (factory default)', at, 3, {
      bits: bitPattern(top, 0x020000, 24),
    }),
    field(`eth.${which}.ig`, 'IG bit', ig, ig ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)', at, 3, {
      bits: bitPattern(top, 0x010000, 24),
    }),
  ];
  return field(name, label, mac, formatMac(mac), at, 6, { children });
}

function ethLayer(f: EthernetFrame): DissectedLayer {
  const typeName = ETHERTYPE_NAMES.get(f.ethertype) ?? 'Unknown';
  return {
    name: 'eth',
    title: `Ethernet II, Src: ${formatMac(f.src)}, Dst: ${formatMac(f.dst)}`,
    fields: [
      macField('eth.dst', 'Destination', f.dst, 'dst', 0),
      macField('eth.src', 'Source', f.src, 'src', 6),
      field('eth.type', 'Type', f.ethertype, `${typeName} (${hex(f.ethertype, 4)})`, 12, 2),
    ],
    pos: 0,
    len: 14,
  };
}

function dataFields(bytes: Uint8Array, at: number): DissectedField[] {
  return [field('data.data', 'Data', hexBytes(bytes), hexShort(bytes), at, bytes.length), dec('data.len', 'Length', bytes.length, NO_BYTES, 0, { generated: true })];
}

function dataLayer(bytes: Uint8Array, at: number): DissectedLayer {
  return { name: 'data', title: `Data (${bytesCount(bytes.length)})`, fields: dataFields(bytes, at), pos: at, len: bytes.length };
}

// ---- arp ---------------------------------------------------------------------------------

function arpLayer(a: ArpPacket, at: number): DissectedLayer {
  const k = arpKind(a);
  const opName = ARP_OPCODE_NAMES.get(a.oper);
  const op = opName ?? 'Unknown';
  const plain = opName ?? `opcode ${hex(a.oper, 4)}`;
  const what = k.announcement ? 'ARP Announcement' : k.probe ? 'ARP Probe' : k.gratuitous ? `${op}/gratuitous ARP` : plain;
  const fields: DissectedField[] = [
    field('arp.hw.type', 'Hardware type', 1, namedDec(ARP_HW_NAMES, 1), at, 2),
    field('arp.proto.type', 'Protocol type', 0x0800, `IPv4 (${hex(0x0800, 4)})`, at + 2, 2),
    dec('arp.hw.size', 'Hardware size', 6, at + 4, 1),
    dec('arp.proto.size', 'Protocol size', 4, at + 5, 1),
    field('arp.opcode', 'Opcode', a.oper, `${op} (${a.oper})`, at + 6, 2),
  ];
  if (k.gratuitous) fields.push(field('arp.isgratuitous', 'Is gratuitous', true, 'True', NO_BYTES, 0, { generated: true }));
  if (k.probe) fields.push(field('arp.isprobe', 'Is probe', true, 'True', NO_BYTES, 0, { generated: true }));
  if (k.announcement) fields.push(field('arp.isannouncement', 'Is announcement', true, 'True', NO_BYTES, 0, { generated: true }));
  fields.push(
    field('arp.src.hw_mac', 'Sender MAC address', a.sha, formatMac(a.sha), at + 8, 6),
    field('arp.src.proto_ipv4', 'Sender IP address', a.spa, formatIp4(a.spa), at + 14, 4),
    field('arp.dst.hw_mac', 'Target MAC address', a.tha, formatMac(a.tha), at + 18, 6),
  );
  if (a.oper === 7) {
    const status = a.tpa >>> 24;
    fields.push(field('arp.dst.drarp_error_status', 'DRARP error status', status, namedDec(DRARP_ERROR_NAMES, status), at + 24, 1));
  } else {
    fields.push(field('arp.dst.proto_ipv4', 'Target IP address', a.tpa, formatIp4(a.tpa), at + 24, 4));
  }
  return { name: 'arp', title: `Address Resolution Protocol (${what})`, fields, pos: at, len: ARP_LEN };
}

// ---- ip ----------------------------------------------------------------------------------

function ipTitle(ip: Ipv4Packet | QuotedIp): string {
  return `Internet Protocol Version 4, Src: ${formatIp4(ip.src)}, Dst: ${formatIp4(ip.dst)}`;
}

const IP_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [4, 'Reserved bit'],
  [2, "Don't fragment"],
  [1, 'More fragments'],
];

/** The fields of the IPv4 header at `at`. */
function ipFields(ip: Ipv4Packet | QuotedIp, checksum: number, at: number): DissectedField[] {
  const hl = ipHeaderLen(ip);
  const firstByte = 0x40 | (hl >>> 2);
  const dscp = ip.tos >>> 2;
  const ecn = ip.tos & 3;
  const flags = ipFlags(ip);
  const flagNames = IP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const flagsByte = flags << 5;
  const fragWord = (flags << 13) | ip.fragOffset;
  const fields: DissectedField[] = [
    dec('ip.version', 'Version', 4, at, 1, { bits: bitPattern(firstByte, 0xf0, 8) }),
    field('ip.hdr_len', 'Header Length', hl, `${hl} bytes (${hl >>> 2})`, at, 1, { bits: bitPattern(firstByte, 0x0f, 8) }),
    field('ip.dsfield', 'Differentiated Services Field', ip.tos, `${hex(ip.tos, 2)} (DSCP: ${DSCP_SHORT_NAMES.get(dscp) ?? 'Unknown'}, ECN: ${ECN_SHORT_NAMES.get(ecn) ?? ''})`, at + 1, 1, {
      children: [
        field('ip.dsfield.dscp', 'Differentiated Services Codepoint', dscp, namedDec(DSCP_NAMES, dscp), at + 1, 1, { bits: bitPattern(ip.tos, 0xfc, 8) }),
        field('ip.dsfield.ecn', 'Explicit Congestion Notification', ecn, namedDec(ECN_NAMES, ecn), at + 1, 1, { bits: bitPattern(ip.tos, 0x03, 8) }),
      ],
    }),
    dec('ip.len', 'Total Length', ipTotalLen(ip), at + 2, 2),
    field('ip.id', 'Identification', ip.id, `${hex(ip.id, 4)} (${ip.id})`, at + 4, 2),
    field('ip.flags', 'Flags', flags, [`0x${flags}`, ...flagNames].join(', '), at + 6, 1, {
      bits: bitPattern(flagsByte, 0xe0, 8),
      children: [
        flagBit('ip.flags.rb', 'Reserved bit', (flags & 4) !== 0, 0x80, flagsByte, 8, at + 6, 1),
        flagBit('ip.flags.df', "Don't fragment", ip.df, 0x40, flagsByte, 8, at + 6, 1),
        flagBit('ip.flags.mf', 'More fragments', ip.mf, 0x20, flagsByte, 8, at + 6, 1),
      ],
    }),
    dec('ip.frag_offset', 'Fragment Offset', ip.fragOffset * 8, at + 6, 2, { bits: bitPattern(fragWord, 0x1fff, 16) }),
    dec('ip.ttl', 'Time to Live', ip.ttl, at + 8, 1),
    field('ip.proto', 'Protocol', ip.protocol, namedDec(IPPROTO_NAMES, ip.protocol), at + 9, 1),
    field('ip.checksum', 'Header Checksum', checksum, `${hex(checksum, 4)} [validation disabled]`, at + 10, 2),
    field('ip.src', 'Source Address', ip.src, formatIp4(ip.src), at + 12, 4),
    field('ip.dst', 'Destination Address', ip.dst, formatIp4(ip.dst), at + 16, 4),
  ];
  if (ip.layer === 'ipv4' && ip.options.length > 0) fields.push(text(`Options: (${ip.options.length} bytes)`, at + 20, ip.options.length));
  return fields;
}

// ---- tcp ---------------------------------------------------------------------------------

const TCP_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x001, 'FIN'],
  [0x002, 'SYN'],
  [0x004, 'RST'],
  [0x008, 'PSH'],
  [0x010, 'ACK'],
  [0x020, 'URG'],
  [0x040, 'ECE'],
  [0x080, 'CWR'],
  [0x100, 'AE'],
];

/** The 12 flag bits in bytes 12-13 of the TCP header at `at`; each bit's line marks the byte holding it. */
function tcpFlagsField(flags: number, at: number): DissectedField {
  const names = TCP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const bit = (name: string, label: string, mask: number): DissectedField =>
    flagBit(name, label, (flags & mask) !== 0, mask, flags, 12, mask > 0xff ? at + 12 : at + 13, 1);
  return field('tcp.flags', 'Flags', flags, `${hex(flags, 3)} (${names.length === 0 ? '<None>' : names.join(', ')})`, at + 12, 2, {
    children: [
      bit('tcp.flags.res', 'Reserved', 0xe00),
      bit('tcp.flags.ae', 'Accurate ECN', 0x100),
      bit('tcp.flags.cwr', 'Congestion Window Reduced', 0x080),
      bit('tcp.flags.ece', 'ECN-Echo', 0x040),
      bit('tcp.flags.urg', 'Urgent', 0x020),
      bit('tcp.flags.ack', 'Acknowledgment', 0x010),
      bit('tcp.flags.push', 'Push', 0x008),
      bit('tcp.flags.reset', 'Reset', 0x004),
      bit('tcp.flags.syn', 'Syn', 0x002),
      bit('tcp.flags.fin', 'Fin', 0x001),
      field('tcp.flags.str', 'TCP Flags', tcpFlagsString(flags), tcpFlagsString(flags), at + 12, 2, { generated: true }),
    ],
  });
}

/** The option's name in the "Options:" summary line. */
function optionSummaryName(o: TcpOption | undefined): string {
  if (o === undefined) return 'End of Option List (EOL)';
  switch (o.kind) {
    case 'eol':
      return 'End of Option List (EOL)';
    case 'nop':
      return 'No-Operation (NOP)';
    case 'mss':
      return 'Maximum segment size';
    case 'wscale':
      return 'Window scale';
    case 'sackPermitted':
      return 'SACK permitted';
    case 'sack':
      return 'SACK';
    case 'timestamps':
      return 'Timestamps';
    case 'toa':
      return 'Experimental';
    case 'unknown':
      return isExperimental(o) ? 'Experimental' : `Unknown (${hex(o.type, 2)})`;
    default:
      return assertNever(o);
  }
}

function kindField(kind: number, p: number): DissectedField {
  return field('tcp.option_kind', 'Kind', kind, `${TCP_OPTION_KIND_NAMES.get(kind) ?? 'Unknown'} (${kind})`, p, 1);
}

/** The tree item of option `o` (undefined: one EOL byte) whose kind byte is at `p`. */
function optionItem(o: TcpOption | undefined, p: number): DissectedField {
  if (o === undefined || o.kind === 'eol') return field('tcp.options.eol', 'TCP Option - End of Option List (EOL)', '', '', p, 1, { children: [kindField(0, p)] });
  const kind = tcpOptionKind(o);
  const len = tcpOptionLen(o);
  const size = len ?? 1;
  const head: DissectedField[] = len === undefined ? [kindField(kind, p)] : [kindField(kind, p), dec('tcp.option_len', 'Length', len, p + 1, 1)];
  switch (o.kind) {
    case 'nop':
      return field('tcp.options.nop', 'TCP Option - No-Operation (NOP)', '', '', p, size, { children: head });
    case 'mss':
      return field('tcp.options.mss', 'TCP Option - Maximum segment size', '', `${o.value} bytes`, p, size, {
        children: [...head, dec('tcp.options.mss_val', 'MSS Value', o.value, p + 2, 2)],
      });
    case 'wscale': {
      const m = wscaleMultiplier(o.shift);
      return field('tcp.options.wscale', 'TCP Option - Window scale', '', `${o.shift} (multiply by ${m})`, p, size, {
        children: [
          ...head,
          dec('tcp.options.wscale.shift', 'Shift count', o.shift, p + 2, 1),
          dec('tcp.options.wscale.multiplier', 'Multiplier', m, p + 2, 1, { generated: true }),
        ],
      });
    }
    case 'sackPermitted':
      return field('tcp.options.sack_perm', 'TCP Option - SACK permitted', '', '', p, size, { children: head });
    case 'sack': {
      const edges: DissectedField[] = [];
      let q = p + 2;
      for (const [le, re] of o.blocks) {
        edges.push(field('tcp.options.sack_le', `left edge = ${le}`, le, '', q, 4), field('tcp.options.sack_re', `right edge = ${re}`, re, '', q + 4, 4));
        q += 8;
      }
      const ranges = o.blocks.map(([le, re]) => `${le}-${re}`).join(' ');
      return field('tcp.options.sack', `TCP Option - SACK ${ranges}`, '', '', p, size, {
        children: [...head, ...edges, dec('tcp.options.sack.count', 'TCP SACK Count', o.blocks.length, NO_BYTES, 0, { generated: true })],
      });
    }
    case 'timestamps':
      return field('tcp.options.timestamp', 'TCP Option - Timestamps', '', `TSval ${o.tsval}, TSecr ${o.tsecr}`, p, size, {
        children: [
          ...head,
          dec('tcp.options.timestamp.tsval', 'Timestamp value', o.tsval, p + 2, 4),
          dec('tcp.options.timestamp.tsecr', 'Timestamp echo reply', o.tsecr, p + 6, 4),
        ],
      });
    case 'toa':
    case 'unknown': {
      const data = experimentData(o);
      if (data !== undefined) {
        const children = [...head];
        if (data.length >= 2) {
          const exid = ((data[0] as number) << 8) | (data[1] as number);
          children.push(field('tcp.options.experimental.exid', 'Experiment Identifier', exid, `Unknown (${hex(exid, 4)})`, p + 2, 2));
        }
        if (data.length > 2) children.push(field('tcp.options.experimental.data', 'Data', hexBytes(data.subarray(2)), hexBytes(data.subarray(2)), p + 4, data.length - 2));
        if (o.kind === 'toa') children.push(text(`TOA client port: ${o.port}`, p + 2, 2), text(`TOA client address: ${formatIp4(o.addr)}`, p + 4, 4));
        const what = o.kind === 'toa' ? `TOA, client ${formatIp4(o.addr)}:${o.port}` : 'Unknown';
        return field('tcp.options.experimental', 'TCP Option - Experimental', '', what, p, size, { children });
      }
      const children = [...head];
      if (o.kind === 'unknown' && o.data.length > 0) children.push(field('tcp.options.unknown.payload', 'Payload', hexBytes(o.data), hexBytes(o.data), p + 2, o.data.length));
      return field('tcp.options.unknown', 'TCP Option - Unknown', '', '', p, size, { children });
    }
    default:
      return assertNever(o);
  }
}

/** The options area `bytes`, which starts at `at`, listed as Wireshark lists it (see optionSpan). */
function optionsField(s: TcpSegment | QuotedTcp, bytes: Uint8Array, at: number): DissectedField | undefined {
  const span = optionSpan(s);
  if (span === undefined || bytes.length === 0) return undefined;
  const items: DissectedField[] = [];
  const names: string[] = [];
  let p = at;
  for (let i = 0; i < span.count; i++) {
    const o = span.options[i] as TcpOption;
    items.push(optionItem(o, p));
    names.push(optionSummaryName(o));
    p += tcpOptionLength(o);
  }
  for (let i = 0; i < span.eols; i++) {
    items.push(optionItem(undefined, p));
    names.push(optionSummaryName(undefined));
    p++;
  }
  return field('tcp.options', 'Options', hexBytes(bytes), [`(${bytes.length} bytes)`, ...names].join(', '), at, bytes.length, { children: items });
}

function tcpLayer(s: TcpSegment, at: number, bytes: Uint8Array): DissectedLayer {
  const hl = tcpHeaderLength(s);
  const flags = tcpFlags12(s) as number;
  const checksum = read16(bytes, at + 16);
  const ack = (s.flags & 0x010) !== 0 ? `, Ack: ${s.ack}` : '';
  const fields: DissectedField[] = [
    dec('tcp.srcport', 'Source Port', s.sport, at, 2),
    dec('tcp.dstport', 'Destination Port', s.dport, at + 2, 2),
    dec('tcp.len', 'TCP Segment Len', s.payload.length, NO_BYTES, 0, { generated: true }),
    dec('tcp.seq_raw', 'Sequence Number (raw)', s.seq, at + 4, 4),
    dec('tcp.ack_raw', 'Acknowledgment number (raw)', s.ack, at + 8, 4),
    field('tcp.hdr_len', 'Header Length', hl, `${hl} bytes (${hl >>> 2})`, at + 12, 1, { bits: `${bitPattern(hl >>> 2, 0xf, 4)} ....` }),
    tcpFlagsField(flags, at),
    dec('tcp.window_size_value', 'Window', s.window, at + 14, 2),
    field('tcp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [unverified]`, at + 16, 2),
    dec('tcp.urgent_pointer', 'Urgent Pointer', s.urgent, at + 18, 2),
  ];
  if (hl > 20) {
    const opts = optionsField(s, bytes.subarray(at + 20, at + hl), at + 20);
    if (opts !== undefined) fields.push(opts);
  }
  const n = s.payload.length;
  if (n > 0 && (s.flags & 0x004) !== 0) {
    const cause = resetCause(s.payload);
    fields.push(field('tcp.reset_cause', 'Reset cause', cause, cause, at + hl, n));
  } else if (n > 0) {
    fields.push(field('tcp.payload', `TCP payload (${bytesCount(n)})`, hexBytes(s.payload), '', at + hl, n));
  }
  return {
    name: 'tcp',
    title: `Transmission Control Protocol, Src Port: ${s.sport}, Dst Port: ${s.dport}, Seq: ${s.seq}${ack}, Len: ${n}`,
    fields,
    pos: at,
    len: hl + n,
    hdrLen: hl,
  };
}

/** A TCP header quoted at `at` by an ICMP error, `avail` bytes of it present. */
function quotedTcpItem(q: QuotedTcp, at: number, avail: number): DissectedField {
  const fields: DissectedField[] = [dec('tcp.srcport', 'Source Port', q.sport, at, 2), dec('tcp.dstport', 'Destination Port', q.dport, at + 2, 2)];
  if (q.seq !== undefined) fields.push(dec('tcp.seq', 'Sequence Number', q.seq, at + 4, 4));
  const h = q.header;
  if (h !== undefined) {
    fields.push(
      dec('tcp.ack_raw', 'Acknowledgment number (raw)', h.ack, at + 8, 4),
      field('tcp.hdr_len', 'Header Length', h.hdrLen, `${h.hdrLen} bytes (${h.hdrLen >>> 2})`, at + 12, 1, { bits: `${bitPattern(h.hdrLen >>> 2, 0xf, 4)} ....` }),
      tcpFlagsField(h.flags, at),
      dec('tcp.window_size_value', 'Window', h.window, at + 14, 2),
      field('tcp.checksum', 'Checksum', h.checksum, `${hex(h.checksum, 4)} [unverified]`, at + 16, 2),
      dec('tcp.urgent_pointer', 'Urgent Pointer', h.urgent, at + 18, 2),
    );
    if (h.optionBytes !== undefined) {
      const opts = optionsField(q, h.optionBytes, at + 20);
      if (opts !== undefined) fields.push(opts);
    }
  }
  const seq = h !== undefined && q.seq !== undefined ? `, Seq: ${q.seq}` : '';
  const size = h !== undefined && h.hdrLen >= 20 && h.hdrLen <= avail ? h.hdrLen : avail;
  return field('tcp', `Transmission Control Protocol, Src Port: ${q.sport}, Dst Port: ${q.dport}${seq}`, '', '', at, size, { children: fields });
}

// ---- udp ---------------------------------------------------------------------------------

function udpLayer(d: UdpDatagram, at: number, bytes: Uint8Array): DissectedLayer {
  const checksum = read16(bytes, at + 6);
  const n = d.payload.length;
  const fields: DissectedField[] = [
    dec('udp.srcport', 'Source Port', d.sport, at, 2),
    dec('udp.dstport', 'Destination Port', d.dport, at + 2, 2),
    dec('udp.length', 'Length', 8 + n, at + 4, 2),
    field('udp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [unverified]`, at + 6, 2),
  ];
  if (n > 0) fields.push(field('udp.payload', `UDP payload (${bytesCount(n)})`, hexBytes(d.payload), '', at + 8, n));
  return { name: 'udp', title: `User Datagram Protocol, Src Port: ${d.sport}, Dst Port: ${d.dport}`, fields, pos: at, len: 8 + n, hdrLen: 8 };
}

/** A UDP header quoted at `at`, `avail` bytes of it present. */
function quotedUdpItem(q: QuotedUdp, at: number, avail: number): DissectedField {
  const fields: DissectedField[] = [dec('udp.srcport', 'Source Port', q.sport, at, 2), dec('udp.dstport', 'Destination Port', q.dport, at + 2, 2)];
  if (q.length !== undefined) fields.push(dec('udp.length', 'Length', q.length, at + 4, 2));
  if (q.checksum !== undefined) fields.push(field('udp.checksum', 'Checksum', q.checksum, `${hex(q.checksum, 4)} [unverified]`, at + 6, 2));
  return field('udp', `User Datagram Protocol, Src Port: ${q.sport}, Dst Port: ${q.dport}`, '', '', at, Math.min(8, avail), { children: fields });
}

// ---- icmp --------------------------------------------------------------------------------

function icmpTypeField(type: number, at: number): DissectedField {
  const name = ICMP_TYPE_NAMES.get(type) ?? 'Unknown ICMP (obsolete or malformed?)';
  return field('icmp.type', 'Type', type, `${type} (${name})`, at, 1);
}

/** The ICMP types whose codes Wireshark names (any other code shows as a bare number). */
const ICMP_CODE_NAMES: ReadonlyMap<number, ValueNames> = new Map([
  [3, ICMP_UNREACH_CODE_NAMES],
  [5, ICMP_REDIRECT_CODE_NAMES],
  [6, ICMP_ALTHOST_CODE_NAMES],
  [9, ICMP_RTRADV_CODE_NAMES],
  [11, ICMP_TIMXCEED_CODE_NAMES],
  [12, ICMP_PARAMPROB_CODE_NAMES],
  [40, ICMP_PHOTURIS_CODE_NAMES],
  [42, ICMP_EXTECHO_REQUEST_CODE_NAMES],
  [43, ICMP_EXTECHO_REPLY_CODE_NAMES],
]);

function icmpCodeField(type: number, code: number, at: number): DissectedField {
  const names = ICMP_CODE_NAMES.get(type);
  if (names === undefined) return dec('icmp.code', 'Code', code, at + 1, 1);
  return field('icmp.code', 'Code', code, `${code} (${names.get(code) ?? `Unknown code: ${code}`})`, at + 1, 1);
}

/** Identifier and sequence number: the second header word of the ICMP message at `at`. */
function identSeqFields(ident: number, seq: number, at: number): DissectedField[] {
  const swap = (v: number): number => ((v & 0xff) << 8) | (v >>> 8);
  const both = (v: number): string => `${v} (${hex(v, 4)})`;
  return [
    field('icmp.ident', 'Identifier (BE)', ident, both(ident), at + 4, 2),
    field('icmp.ident_le', 'Identifier (LE)', swap(ident), both(swap(ident)), at + 4, 2),
    field('icmp.seq', 'Sequence Number (BE)', seq, both(seq), at + 6, 2),
    field('icmp.seq_le', 'Sequence Number (LE)', swap(seq), both(swap(seq)), at + 6, 2),
  ];
}

/** An ICMP header quoted at `at`, `avail` bytes of it present. */
function quotedIcmpItem(q: QuotedIcmp, at: number, avail: number): DissectedField {
  const fields: DissectedField[] = [
    icmpTypeField(q.type, at),
    icmpCodeField(q.type, q.code, at),
    field('icmp.checksum', 'Checksum', q.checksum, `${hex(q.checksum, 4)} [unverified] [in ICMP error packet]`, at + 2, 2),
  ];
  if (q.ident !== undefined && q.seq !== undefined) fields.push(...identSeqFields(q.ident, q.seq, at));
  return field('icmp', 'Internet Control Message Protocol', '', '', at, avail, { children: fields });
}

/** The packet an ICMP error quotes, whose `original` bytes start at `at`. */
function quotedItems(original: Uint8Array, at: number): DissectedField[] {
  const q = quotedPacket(original);
  if (q === undefined) return [];
  const items = [field('ip', ipTitle(q), '', '', at, q.hdrLen, { children: ipFields(q, q.checksum, at) })];
  const t = q.transport;
  const tAt = at + q.hdrLen;
  const avail = original.length - q.hdrLen;
  if (t !== undefined) {
    switch (t.layer) {
      case 'qtcp':
        items.push(quotedTcpItem(t, tAt, avail));
        break;
      case 'qudp':
        items.push(quotedUdpItem(t, tAt, avail));
        break;
      case 'qicmp':
        items.push(quotedIcmpItem(t, tAt, avail));
        break;
      default:
        assertNever(t);
    }
  }
  return items;
}

function icmpLayer(m: IcmpMessage, at: number, bytes: Uint8Array): DissectedLayer {
  const checksum = read16(bytes, at + 2);
  const type = icmpType(m) as number;
  const fields: DissectedField[] = [icmpTypeField(type, at), icmpCodeField(type, m.code, at), field('icmp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [correct]`, at + 2, 2)];
  if (m.kind === 'echo') {
    fields.push(...identSeqFields(m.ident, m.seq, at));
    if (m.data.length > 0) fields.push(field('data', `Data (${bytesCount(m.data.length)})`, '', '', at + 8, m.data.length, { children: dataFields(m.data, at + 8) }));
  } else if (m.kind === 'other' && icmpHasIdentSeq(m.type)) {
    fields.push(...identSeqFields(Math.floor(m.rest / 0x10000), m.rest % 0x10000, at));
  }
  if (m.kind === 'other' && m.type === 5) fields.push(field('icmp.redir_gw', 'Gateway Address', m.rest, formatIp4(m.rest), at + 4, 4));
  if (m.kind === 'other' && m.type === 12) fields.push(dec('icmp.pointer', 'Pointer', Math.floor(m.rest / 0x1000000), at + 4, 1));
  const mtu = icmpMtu(m);
  const unused = icmpUnused(m);
  // The unused bytes end the second header word, except before a next-hop MTU (RFC 1191), which ends it.
  if (unused !== undefined) fields.push(field('icmp.unused', 'Unused', hexBytes(unused), hexBytes(unused), mtu === undefined ? at + 8 - unused.length : at + 4, unused.length));
  if (mtu !== undefined) fields.push(dec('icmp.mtu', 'MTU of next hop', mtu, at + 6, 2));
  const quoted = icmpQuote(m);
  if (quoted !== undefined) fields.push(...quotedItems(quoted, at + 8));
  return { name: 'icmp', title: 'Internet Control Message Protocol', fields, pos: at, len: icmpLength(m) };
}

// ---- vrrp --------------------------------------------------------------------------------

function vrrpLayer(v: VrrpPacket, at: number, bytes: Uint8Array, ip: Ipv4Packet): DissectedLayer {
  const checksum = read16(bytes, at + 6);
  const type = v.type & 15;
  const first = (v.version << 4) | type;
  const typeName = VRRP_TYPE_NAMES.get(type) ?? 'Unknown';
  const fields: DissectedField[] = [
    field('vrrp.typever', `Version ${v.version}, Packet type ${type} (${typeName})`, first, '', at, 1, {
      children: [
        dec('vrrp.version', 'VRRP protocol version', v.version, at, 1, { bits: bitPattern(first, 0xf0, 8) }),
        field('vrrp.type', 'VRRP packet type', type, `${typeName} (${type})`, at, 1, { bits: bitPattern(first, 0x0f, 8) }),
      ],
    }),
    dec('vrrp.virt_rtr_id', 'Virtual Rtr ID', v.vrid, at + 1, 1),
    field('vrrp.prio', 'Priority', v.priority, `${v.priority} (${vrrpPriorityName(v.priority)})`, at + 2, 1),
    dec('vrrp.addr_count', 'Addr Count', v.addrs.length, at + 3, 1),
  ];
  const len = vrrpLength(v);
  let expected = checksum;
  if (v.version === 2) {
    fields.push(
      field('vrrp.auth_type', 'Auth Type', v.authType, namedDec(VRRP_AUTH_NAMES, v.authType), at + 4, 1),
      dec('vrrp.adver_int', 'Adver Int', v.adverInt, at + 5, 1),
    );
  } else {
    const word = v.maxAdverInt & 0xfff;
    fields.push(
      dec('vrrp.reserved_mbz', 'Reserved', 0, at + 4, 1, { bits: bitPattern(0, 0xf0, 8) }),
      dec('vrrp.short_adver_int', 'Adver Int', word, at + 4, 2, { bits: bitPattern(word, 0x0fff, 16) }),
    );
    // Wireshark verifies v3 with the RFC 5798 pseudo-header, whatever keepalived chose.
    const copy = bytes.slice(at, at + len);
    copy[6] = 0;
    copy[7] = 0;
    expected = internetChecksum(copy, 0, len, pseudoHeaderSum(ip.src, ip.dst, 112, len));
  }
  const status = expected === checksum ? `${hex(checksum, 4)} [correct]` : `${hex(checksum, 4)} incorrect, should be ${hex(expected, 4)}`;
  fields.push(field('vrrp.checksum', 'Checksum', checksum, status, at + 6, 2));
  v.addrs.forEach((a, i) => fields.push(field('vrrp.ip_addr', 'IP Address', a, formatIp4(a), at + 8 + 4 * i, 4)));
  if (v.version === 2 && v.authType === 1) {
    const s = vrrpAuthString(v.authData);
    fields.push(field('vrrp.auth_string', 'Authentication String', s, s, at + len - 8, 8));
  }
  return { name: 'vrrp', title: 'Virtual Router Redundancy Protocol', fields, pos: at, len };
}

// ---- the walk ----------------------------------------------------------------------------

/** The layers of the IPv4 packet at `at` of `bytes` (its encoding), and of what it carries. */
function ipLayers(first: Ipv4Packet, at: number, bytes: Uint8Array, out: DissectedLayer[]): void {
  let ip = first;
  let off = at;
  for (;;) {
    const hl = ipHeaderLen(ip);
    out.push({ name: 'ip', title: ipTitle(ip), fields: ipFields(ip, read16(bytes, off + 10), off), pos: off, len: ipTotalLen(ip), hdrLen: hl });
    const pl = ip.payload;
    const plOff = off + hl;
    switch (pl.layer) {
      case 'ipv4':
        ip = pl;
        off = plOff;
        continue;
      case 'tcp':
        out.push(tcpLayer(pl, plOff, bytes));
        return;
      case 'udp':
        out.push(udpLayer(pl, plOff, bytes));
        return;
      case 'icmp':
        out.push(icmpLayer(pl, plOff, bytes));
        return;
      case 'vrrp':
        out.push(vrrpLayer(pl, plOff, bytes, ip));
        return;
      case 'raw':
        if (pl.bytes.length > 0) out.push(dataLayer(pl.bytes, plOff));
        return;
      default:
        assertNever(pl);
    }
  }
}

/**
 * The details tree of `frame`, outermost layer first. Byte spans (`pos`, `len`) count from the
 * frame's first byte, in the bytes `encodeFrame(frame)` gives.
 */
export function dissect(frame: EthernetFrame): DissectedLayer[] {
  const bytes = encodeFrame(frame);
  const out: DissectedLayer[] = [frameLayer(bytes.length), ethLayer(frame)];
  const pl = frame.payload;
  switch (pl.layer) {
    case 'arp':
      out.push(arpLayer(pl, 14));
      break;
    case 'ipv4':
      ipLayers(pl, 14, bytes, out);
      break;
    case 'raw':
      if (pl.bytes.length > 0) out.push(dataLayer(pl.bytes, 14));
      break;
    default:
      assertNever(pl);
  }
  return out;
}

/**
 * The details tree of an IPv4 packet seen without a frame (at a netfilter hook, by IPVS): its ip
 * layers and what they carry, with byte spans counted from the first byte of the IP header, in
 * the bytes `encodeIpv4(packet)` gives. The same layers as `dissect` gives after its frame and
 * eth layers for a frame carrying `packet`, with every span 14 bytes earlier.
 */
export function dissectIp(packet: Ipv4Packet): DissectedLayer[] {
  const out: DissectedLayer[] = [];
  ipLayers(packet, 0, encodeIpv4(packet), out);
  return out;
}
