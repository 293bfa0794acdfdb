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
 * Dissection builds the whole tree; filters use the lazy readers of filter/fields.ts instead.
 */
import { assertNever } from '../assert-never.js';
import { formatIp4, formatMac } from '../net/wire/addr.js';
import { internetChecksum, pseudoHeaderSum } from '../net/wire/checksum.js';
import { encodeFrame } from '../net/wire/frame.js';
import { frameLength, tcpHeaderLength, tcpOptionsLength, vrrpLength } from '../net/wire/length.js';
import type { ArpPacket, EthernetFrame, IcmpMessage, Ipv4Packet, TcpOption, TcpSegment, UdpDatagram, VrrpPacket } from '../net/wire/packet.js';
import {
  arpKind,
  experimentData,
  icmpMtu,
  icmpType,
  icmpUnused,
  ipChecksum,
  ipFlags,
  ipHeaderLen,
  ipTotalLen,
  isExperimental,
  tcpChecksum,
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
}

/** One protocol layer of the tree. */
export interface DissectedLayer {
  /** Wireshark's protocol filter name: frame, eth, arp, ip, tcp, udp, icmp, vrrp, data. */
  readonly name: string;
  /** The layer's tree line ("Internet Protocol Version 4, Src: 203.0.113.10, Dst: 192.168.1.100"). */
  readonly title: string;
  readonly fields: readonly DissectedField[];
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

function field(name: string, label: string, value: FieldValue, display: string, extra?: Partial<DissectedField>): DissectedField {
  return extra === undefined ? { name, label, value, display } : { name, label, value, display, ...extra };
}

/** A plain decimal field. */
function dec(name: string, label: string, v: number, extra?: Partial<DissectedField>): DissectedField {
  return field(name, label, v, String(v), extra);
}

/** A text-only line (no filter name). */
function text(label: string, children?: readonly DissectedField[]): DissectedField {
  return children === undefined ? { name: '', label, value: '', display: '' } : { name: '', label, value: '', display: '', children };
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

function flagBit(name: string, label: string, on: boolean, mask: number, raw: number, totalBits: number): DissectedField {
  return field(name, label, on, setNotSet(on), { bits: bitPattern(raw, mask, totalBits) });
}

// ---- frame, eth, data --------------------------------------------------------------------

function frameLayer(f: EthernetFrame): DissectedLayer {
  const n = frameLength(f);
  const len = `${n} bytes (${n * 8} bits)`;
  return {
    name: 'frame',
    title: `Frame: ${n} bytes on wire (${n * 8} bits), ${n} bytes captured (${n * 8} bits)`,
    fields: [field('frame.len', 'Frame Length', n, len), field('frame.cap_len', 'Capture Length', n, len)],
  };
}

function macField(name: string, label: string, mac: number, which: 'dst' | 'src'): DissectedField {
  const top = Math.floor(mac / 0x1_0000_00);
  const lg = (top & 0x020000) !== 0;
  const ig = (top & 0x010000) !== 0;
  const children = [
    field('eth.addr', 'Address', mac, formatMac(mac)),
    field(`eth.${which}.lg`, 'LG bit', lg, lg ? 'Locally administered address (this is NOT the factory default)' : 'Globally unique address (factory default)', {
      bits: bitPattern(top, 0x020000, 24),
    }),
    field(`eth.${which}.ig`, 'IG bit', ig, ig ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)', {
      bits: bitPattern(top, 0x010000, 24),
    }),
  ];
  return field(name, label, mac, formatMac(mac), { children });
}

function ethLayer(f: EthernetFrame): DissectedLayer {
  const typeName = ETHERTYPE_NAMES.get(f.ethertype) ?? 'Unknown';
  return {
    name: 'eth',
    title: `Ethernet II, Src: ${formatMac(f.src)}, Dst: ${formatMac(f.dst)}`,
    fields: [
      macField('eth.dst', 'Destination', f.dst, 'dst'),
      macField('eth.src', 'Source', f.src, 'src'),
      field('eth.type', 'Type', f.ethertype, `${typeName} (${hex(f.ethertype, 4)})`),
    ],
  };
}

function dataFields(bytes: Uint8Array): DissectedField[] {
  return [field('data.data', 'Data', hexBytes(bytes), hexShort(bytes)), dec('data.len', 'Length', bytes.length, { generated: true })];
}

function dataLayer(bytes: Uint8Array): DissectedLayer {
  return { name: 'data', title: `Data (${bytesCount(bytes.length)})`, fields: dataFields(bytes) };
}

// ---- arp ---------------------------------------------------------------------------------

function arpLayer(a: ArpPacket): DissectedLayer {
  const k = arpKind(a);
  const opName = ARP_OPCODE_NAMES.get(a.oper);
  const op = opName ?? 'Unknown';
  const plain = opName ?? `opcode ${hex(a.oper, 4)}`;
  const what = k.announcement ? 'ARP Announcement' : k.probe ? 'ARP Probe' : k.gratuitous ? `${op}/gratuitous ARP` : plain;
  const fields: DissectedField[] = [
    field('arp.hw.type', 'Hardware type', 1, namedDec(ARP_HW_NAMES, 1)),
    field('arp.proto.type', 'Protocol type', 0x0800, `IPv4 (${hex(0x0800, 4)})`),
    dec('arp.hw.size', 'Hardware size', 6),
    dec('arp.proto.size', 'Protocol size', 4),
    field('arp.opcode', 'Opcode', a.oper, `${op} (${a.oper})`),
  ];
  if (k.gratuitous) fields.push(field('arp.isgratuitous', 'Is gratuitous', true, 'True', { generated: true }));
  if (k.probe) fields.push(field('arp.isprobe', 'Is probe', true, 'True', { generated: true }));
  if (k.announcement) fields.push(field('arp.isannouncement', 'Is announcement', true, 'True', { generated: true }));
  fields.push(
    field('arp.src.hw_mac', 'Sender MAC address', a.sha, formatMac(a.sha)),
    field('arp.src.proto_ipv4', 'Sender IP address', a.spa, formatIp4(a.spa)),
    field('arp.dst.hw_mac', 'Target MAC address', a.tha, formatMac(a.tha)),
  );
  if (a.oper === 7) {
    const status = a.tpa >>> 24;
    fields.push(field('arp.dst.drarp_error_status', 'DRARP error status', status, namedDec(DRARP_ERROR_NAMES, status)));
  } else {
    fields.push(field('arp.dst.proto_ipv4', 'Target IP address', a.tpa, formatIp4(a.tpa)));
  }
  return { name: 'arp', title: `Address Resolution Protocol (${what})`, fields };
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

function ipFields(ip: Ipv4Packet | QuotedIp, checksum: number): DissectedField[] {
  const hl = ipHeaderLen(ip);
  const firstByte = 0x40 | (hl >>> 2);
  const dscp = ip.tos >>> 2;
  const ecn = ip.tos & 3;
  const flags = ipFlags(ip);
  const flagNames = IP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const flagsByte = flags << 5;
  const fragWord = (flags << 13) | ip.fragOffset;
  const fields: DissectedField[] = [
    dec('ip.version', 'Version', 4, { bits: bitPattern(firstByte, 0xf0, 8) }),
    field('ip.hdr_len', 'Header Length', hl, `${hl} bytes (${hl >>> 2})`, { bits: bitPattern(firstByte, 0x0f, 8) }),
    field('ip.dsfield', 'Differentiated Services Field', ip.tos, `${hex(ip.tos, 2)} (DSCP: ${DSCP_SHORT_NAMES.get(dscp) ?? 'Unknown'}, ECN: ${ECN_SHORT_NAMES.get(ecn) ?? ''})`, {
      children: [
        field('ip.dsfield.dscp', 'Differentiated Services Codepoint', dscp, namedDec(DSCP_NAMES, dscp), { bits: bitPattern(ip.tos, 0xfc, 8) }),
        field('ip.dsfield.ecn', 'Explicit Congestion Notification', ecn, namedDec(ECN_NAMES, ecn), { bits: bitPattern(ip.tos, 0x03, 8) }),
      ],
    }),
    dec('ip.len', 'Total Length', ipTotalLen(ip)),
    field('ip.id', 'Identification', ip.id, `${hex(ip.id, 4)} (${ip.id})`),
    field('ip.flags', 'Flags', flags, [`0x${flags}`, ...flagNames].join(', '), {
      bits: bitPattern(flagsByte, 0xe0, 8),
      children: [
        flagBit('ip.flags.rb', 'Reserved bit', (flags & 4) !== 0, 0x80, flagsByte, 8),
        flagBit('ip.flags.df', "Don't fragment", ip.df, 0x40, flagsByte, 8),
        flagBit('ip.flags.mf', 'More fragments', ip.mf, 0x20, flagsByte, 8),
      ],
    }),
    dec('ip.frag_offset', 'Fragment Offset', ip.fragOffset * 8, { bits: bitPattern(fragWord, 0x1fff, 16) }),
    dec('ip.ttl', 'Time to Live', ip.ttl),
    field('ip.proto', 'Protocol', ip.protocol, namedDec(IPPROTO_NAMES, ip.protocol)),
    field('ip.checksum', 'Header Checksum', checksum, `${hex(checksum, 4)} [validation disabled]`),
    field('ip.src', 'Source Address', ip.src, formatIp4(ip.src)),
    field('ip.dst', 'Destination Address', ip.dst, formatIp4(ip.dst)),
  ];
  if (ip.layer === 'ipv4' && ip.options.length > 0) fields.push(text(`Options: (${ip.options.length} bytes)`));
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

function tcpFlagsField(flags: number): DissectedField {
  const names = TCP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const bit = (name: string, label: string, mask: number): DissectedField => flagBit(name, label, (flags & mask) !== 0, mask, flags, 12);
  return field('tcp.flags', 'Flags', flags, `${hex(flags, 3)} (${names.length === 0 ? '<None>' : names.join(', ')})`, {
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
      field('tcp.flags.str', 'TCP Flags', tcpFlagsString(flags), tcpFlagsString(flags), { generated: true }),
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

function kindField(kind: number): DissectedField {
  return field('tcp.option_kind', 'Kind', kind, `${TCP_OPTION_KIND_NAMES.get(kind) ?? 'Unknown'} (${kind})`);
}

function optionItem(o: TcpOption | undefined): DissectedField {
  if (o === undefined || o.kind === 'eol') return field('tcp.options.eol', 'TCP Option - End of Option List (EOL)', '', '', { children: [kindField(0)] });
  const kind = tcpOptionKind(o);
  const len = tcpOptionLen(o);
  const head: DissectedField[] = len === undefined ? [kindField(kind)] : [kindField(kind), dec('tcp.option_len', 'Length', len)];
  switch (o.kind) {
    case 'nop':
      return field('tcp.options.nop', 'TCP Option - No-Operation (NOP)', '', '', { children: head });
    case 'mss':
      return field('tcp.options.mss', 'TCP Option - Maximum segment size', '', `${o.value} bytes`, {
        children: [...head, dec('tcp.options.mss_val', 'MSS Value', o.value)],
      });
    case 'wscale': {
      const m = wscaleMultiplier(o.shift);
      return field('tcp.options.wscale', 'TCP Option - Window scale', '', `${o.shift} (multiply by ${m})`, {
        children: [...head, dec('tcp.options.wscale.shift', 'Shift count', o.shift), dec('tcp.options.wscale.multiplier', 'Multiplier', m, { generated: true })],
      });
    }
    case 'sackPermitted':
      return field('tcp.options.sack_perm', 'TCP Option - SACK permitted', '', '', { children: head });
    case 'sack': {
      const edges: DissectedField[] = [];
      for (const [le, re] of o.blocks) {
        edges.push(field('tcp.options.sack_le', `left edge = ${le}`, le, ''), field('tcp.options.sack_re', `right edge = ${re}`, re, ''));
      }
      const ranges = o.blocks.map(([le, re]) => `${le}-${re}`).join(' ');
      return field('tcp.options.sack', `TCP Option - SACK ${ranges}`, '', '', {
        children: [...head, ...edges, dec('tcp.options.sack.count', 'TCP SACK Count', o.blocks.length, { generated: true })],
      });
    }
    case 'timestamps':
      return field('tcp.options.timestamp', 'TCP Option - Timestamps', '', `TSval ${o.tsval}, TSecr ${o.tsecr}`, {
        children: [...head, dec('tcp.options.timestamp.tsval', 'Timestamp value', o.tsval), dec('tcp.options.timestamp.tsecr', 'Timestamp echo reply', o.tsecr)],
      });
    case 'toa':
    case 'unknown': {
      const data = experimentData(o);
      if (data !== undefined) {
        const children = [...head];
        if (data.length >= 2) {
          const exid = ((data[0] as number) << 8) | (data[1] as number);
          children.push(field('tcp.options.experimental.exid', 'Experiment Identifier', exid, `Unknown (${hex(exid, 4)})`));
        }
        if (data.length > 2) children.push(field('tcp.options.experimental.data', 'Data', hexBytes(data.subarray(2)), hexBytes(data.subarray(2))));
        if (o.kind === 'toa') children.push(text(`TOA client port: ${o.port}`), text(`TOA client address: ${formatIp4(o.addr)}`));
        const what = o.kind === 'toa' ? `TOA, client ${formatIp4(o.addr)}:${o.port}` : 'Unknown';
        return field('tcp.options.experimental', 'TCP Option - Experimental', '', what, { children });
      }
      const children = [...head];
      if (o.kind === 'unknown' && o.data.length > 0) children.push(field('tcp.options.unknown.payload', 'Payload', hexBytes(o.data), hexBytes(o.data)));
      return field('tcp.options.unknown', 'TCP Option - Unknown', '', '', { children });
    }
    default:
      return assertNever(o);
  }
}

function optionsField(s: TcpSegment | QuotedTcp, bytes: Uint8Array): DissectedField | undefined {
  const span = optionSpan(s);
  if (span === undefined || bytes.length === 0) return undefined;
  const items: DissectedField[] = [];
  const names: string[] = [];
  for (let i = 0; i < span.count; i++) {
    const o = span.options[i] as TcpOption;
    items.push(optionItem(o));
    names.push(optionSummaryName(o));
  }
  for (let i = 0; i < span.eols; i++) {
    items.push(optionItem(undefined));
    names.push(optionSummaryName(undefined));
  }
  return field('tcp.options', 'Options', hexBytes(bytes), [`(${bytes.length} bytes)`, ...names].join(', '), { children: items });
}

function tcpLayer(s: TcpSegment, offset: number, frame: EthernetFrame): DissectedLayer {
  const hl = tcpHeaderLength(s);
  const flags = tcpFlags12(s) as number;
  const checksum = tcpChecksum(s, offset, frame);
  const ack = (s.flags & 0x010) !== 0 ? `, Ack: ${s.ack}` : '';
  const fields: DissectedField[] = [
    dec('tcp.srcport', 'Source Port', s.sport),
    dec('tcp.dstport', 'Destination Port', s.dport),
    dec('tcp.len', 'TCP Segment Len', s.payload.length, { generated: true }),
    dec('tcp.seq_raw', 'Sequence Number (raw)', s.seq),
    dec('tcp.ack_raw', 'Acknowledgment number (raw)', s.ack),
    field('tcp.hdr_len', 'Header Length', hl, `${hl} bytes (${hl >>> 2})`, { bits: `${bitPattern(hl >>> 2, 0xf, 4)} ....` }),
    tcpFlagsField(flags),
    dec('tcp.window_size_value', 'Window', s.window),
    field('tcp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [unverified]`),
    dec('tcp.urgent_pointer', 'Urgent Pointer', s.urgent),
  ];
  if (tcpOptionsLength(s.options) > 0) {
    const opts = optionsField(s, encodeFrame(frame).subarray(offset + 20, offset + hl));
    if (opts !== undefined) fields.push(opts);
  }
  if (s.payload.length > 0 && (s.flags & 0x004) !== 0) {
    const cause = resetCause(s.payload);
    fields.push(field('tcp.reset_cause', 'Reset cause', cause, cause));
  } else if (s.payload.length > 0) {
    fields.push(field('tcp.payload', `TCP payload (${bytesCount(s.payload.length)})`, hexBytes(s.payload), ''));
  }
  return {
    name: 'tcp',
    title: `Transmission Control Protocol, Src Port: ${s.sport}, Dst Port: ${s.dport}, Seq: ${s.seq}${ack}, Len: ${s.payload.length}`,
    fields,
  };
}

function quotedTcpItem(q: QuotedTcp): DissectedField {
  const fields: DissectedField[] = [dec('tcp.srcport', 'Source Port', q.sport), dec('tcp.dstport', 'Destination Port', q.dport)];
  if (q.seq !== undefined) fields.push(dec('tcp.seq', 'Sequence Number', q.seq));
  const h = q.header;
  if (h !== undefined) {
    fields.push(
      dec('tcp.ack_raw', 'Acknowledgment number (raw)', h.ack),
      field('tcp.hdr_len', 'Header Length', h.hdrLen, `${h.hdrLen} bytes (${h.hdrLen >>> 2})`, { bits: `${bitPattern(h.hdrLen >>> 2, 0xf, 4)} ....` }),
      tcpFlagsField(h.flags),
      dec('tcp.window_size_value', 'Window', h.window),
      field('tcp.checksum', 'Checksum', h.checksum, `${hex(h.checksum, 4)} [unverified]`),
      dec('tcp.urgent_pointer', 'Urgent Pointer', h.urgent),
    );
    if (h.optionBytes !== undefined) {
      const opts = optionsField(q, h.optionBytes);
      if (opts !== undefined) fields.push(opts);
    }
  }
  const seq = h !== undefined && q.seq !== undefined ? `, Seq: ${q.seq}` : '';
  return field('tcp', `Transmission Control Protocol, Src Port: ${q.sport}, Dst Port: ${q.dport}${seq}`, '', '', { children: fields });
}

// ---- udp ---------------------------------------------------------------------------------

function udpLayer(d: UdpDatagram, offset: number, frame: EthernetFrame): DissectedLayer {
  const bytes = encodeFrame(frame);
  const checksum = ((bytes[offset + 6] as number) << 8) | (bytes[offset + 7] as number);
  const fields: DissectedField[] = [
    dec('udp.srcport', 'Source Port', d.sport),
    dec('udp.dstport', 'Destination Port', d.dport),
    dec('udp.length', 'Length', 8 + d.payload.length),
    field('udp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [unverified]`),
  ];
  if (d.payload.length > 0) fields.push(field('udp.payload', `UDP payload (${bytesCount(d.payload.length)})`, hexBytes(d.payload), ''));
  return { name: 'udp', title: `User Datagram Protocol, Src Port: ${d.sport}, Dst Port: ${d.dport}`, fields };
}

function quotedUdpItem(q: QuotedUdp): DissectedField {
  const fields: DissectedField[] = [dec('udp.srcport', 'Source Port', q.sport), dec('udp.dstport', 'Destination Port', q.dport)];
  if (q.length !== undefined) fields.push(dec('udp.length', 'Length', q.length));
  if (q.checksum !== undefined) fields.push(field('udp.checksum', 'Checksum', q.checksum, `${hex(q.checksum, 4)} [unverified]`));
  return field('udp', `User Datagram Protocol, Src Port: ${q.sport}, Dst Port: ${q.dport}`, '', '', { children: fields });
}

// ---- icmp --------------------------------------------------------------------------------

function icmpTypeField(type: number): DissectedField {
  const name = ICMP_TYPE_NAMES.get(type) ?? 'Unknown ICMP (obsolete or malformed?)';
  return field('icmp.type', 'Type', type, `${type} (${name})`);
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

function icmpCodeField(type: number, code: number): DissectedField {
  const names = ICMP_CODE_NAMES.get(type);
  if (names === undefined) return dec('icmp.code', 'Code', code);
  return field('icmp.code', 'Code', code, `${code} (${names.get(code) ?? `Unknown code: ${code}`})`);
}

function identSeqFields(ident: number, seq: number): DissectedField[] {
  const swap = (v: number): number => ((v & 0xff) << 8) | (v >>> 8);
  const both = (v: number): string => `${v} (${hex(v, 4)})`;
  return [
    field('icmp.ident', 'Identifier (BE)', ident, both(ident)),
    field('icmp.ident_le', 'Identifier (LE)', swap(ident), both(swap(ident))),
    field('icmp.seq', 'Sequence Number (BE)', seq, both(seq)),
    field('icmp.seq_le', 'Sequence Number (LE)', swap(seq), both(swap(seq))),
  ];
}

function quotedIcmpItem(q: QuotedIcmp): DissectedField {
  const fields: DissectedField[] = [
    icmpTypeField(q.type),
    icmpCodeField(q.type, q.code),
    field('icmp.checksum', 'Checksum', q.checksum, `${hex(q.checksum, 4)} [unverified] [in ICMP error packet]`),
  ];
  if (q.ident !== undefined && q.seq !== undefined) fields.push(...identSeqFields(q.ident, q.seq));
  return field('icmp', 'Internet Control Message Protocol', '', '', { children: fields });
}

function quotedItems(original: Uint8Array): DissectedField[] {
  const q = quotedPacket(original);
  if (q === undefined) return [];
  const items = [field('ip', ipTitle(q), '', '', { children: ipFields(q, q.checksum) })];
  const t = q.transport;
  if (t !== undefined) {
    switch (t.layer) {
      case 'qtcp':
        items.push(quotedTcpItem(t));
        break;
      case 'qudp':
        items.push(quotedUdpItem(t));
        break;
      case 'qicmp':
        items.push(quotedIcmpItem(t));
        break;
      default:
        assertNever(t);
    }
  }
  return items;
}

function icmpLayer(m: IcmpMessage, offset: number, frame: EthernetFrame): DissectedLayer {
  const bytes = encodeFrame(frame);
  const checksum = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
  const type = icmpType(m) as number;
  const fields: DissectedField[] = [icmpTypeField(type), icmpCodeField(type, m.code), field('icmp.checksum', 'Checksum', checksum, `${hex(checksum, 4)} [correct]`)];
  if (m.kind === 'echo') {
    fields.push(...identSeqFields(m.ident, m.seq));
    if (m.data.length > 0) fields.push(field('data', `Data (${bytesCount(m.data.length)})`, '', '', { children: dataFields(m.data) }));
  } else if (m.kind === 'other' && icmpHasIdentSeq(m.type)) {
    fields.push(...identSeqFields(Math.floor(m.rest / 0x10000), m.rest % 0x10000));
  }
  if (m.kind === 'other' && m.type === 5) fields.push(field('icmp.redir_gw', 'Gateway Address', m.rest, formatIp4(m.rest)));
  if (m.kind === 'other' && m.type === 12) fields.push(dec('icmp.pointer', 'Pointer', Math.floor(m.rest / 0x1000000)));
  const unused = icmpUnused(m);
  if (unused !== undefined) fields.push(field('icmp.unused', 'Unused', hexBytes(unused), hexBytes(unused)));
  const mtu = icmpMtu(m);
  if (mtu !== undefined) fields.push(dec('icmp.mtu', 'MTU of next hop', mtu));
  const quoted = icmpQuote(m);
  if (quoted !== undefined) fields.push(...quotedItems(quoted));
  return { name: 'icmp', title: 'Internet Control Message Protocol', fields };
}

// ---- vrrp --------------------------------------------------------------------------------

function vrrpLayer(v: VrrpPacket, offset: number, frame: EthernetFrame, ip: Ipv4Packet): DissectedLayer {
  const bytes = encodeFrame(frame);
  const checksum = ((bytes[offset + 6] as number) << 8) | (bytes[offset + 7] as number);
  const type = v.type & 15;
  const first = (v.version << 4) | type;
  const typeName = VRRP_TYPE_NAMES.get(type) ?? 'Unknown';
  const fields: DissectedField[] = [
    field('vrrp.typever', `Version ${v.version}, Packet type ${type} (${typeName})`, first, '', {
      children: [
        dec('vrrp.version', 'VRRP protocol version', v.version, { bits: bitPattern(first, 0xf0, 8) }),
        field('vrrp.type', 'VRRP packet type', type, `${typeName} (${type})`, { bits: bitPattern(first, 0x0f, 8) }),
      ],
    }),
    dec('vrrp.virt_rtr_id', 'Virtual Rtr ID', v.vrid),
    field('vrrp.prio', 'Priority', v.priority, `${v.priority} (${vrrpPriorityName(v.priority)})`),
    dec('vrrp.addr_count', 'Addr Count', v.addrs.length),
  ];
  let expected = checksum;
  if (v.version === 2) {
    fields.push(field('vrrp.auth_type', 'Auth Type', v.authType, namedDec(VRRP_AUTH_NAMES, v.authType)), dec('vrrp.adver_int', 'Adver Int', v.adverInt));
  } else {
    const word = v.maxAdverInt & 0xfff;
    fields.push(
      dec('vrrp.reserved_mbz', 'Reserved', 0, { bits: bitPattern(0, 0xf0, 8) }),
      dec('vrrp.short_adver_int', 'Adver Int', word, { bits: bitPattern(word, 0x0fff, 16) }),
    );
    // Wireshark verifies v3 with the RFC 5798 pseudo-header, whatever keepalived chose.
    const len = vrrpLength(v);
    const copy = bytes.slice(offset, offset + len);
    copy[6] = 0;
    copy[7] = 0;
    expected = internetChecksum(copy, 0, len, pseudoHeaderSum(ip.src, ip.dst, 112, len));
  }
  const status = expected === checksum ? `${hex(checksum, 4)} [correct]` : `${hex(checksum, 4)} incorrect, should be ${hex(expected, 4)}`;
  fields.push(field('vrrp.checksum', 'Checksum', checksum, status));
  for (const a of v.addrs) fields.push(field('vrrp.ip_addr', 'IP Address', a, formatIp4(a)));
  if (v.version === 2 && v.authType === 1) {
    const s = vrrpAuthString(v.authData);
    fields.push(field('vrrp.auth_string', 'Authentication String', s, s));
  }
  return { name: 'vrrp', title: 'Virtual Router Redundancy Protocol', fields };
}

// ---- the walk ----------------------------------------------------------------------------

function ipLayers(first: Ipv4Packet, offset: number, frame: EthernetFrame, out: DissectedLayer[]): void {
  let ip = first;
  let off = offset;
  for (;;) {
    out.push({ name: 'ip', title: ipTitle(ip), fields: ipFields(ip, ipChecksum(ip, off, frame)) });
    const pl = ip.payload;
    const plOff = off + ipHeaderLen(ip);
    switch (pl.layer) {
      case 'ipv4':
        ip = pl;
        off = plOff;
        continue;
      case 'tcp':
        out.push(tcpLayer(pl, plOff, frame));
        return;
      case 'udp':
        out.push(udpLayer(pl, plOff, frame));
        return;
      case 'icmp':
        out.push(icmpLayer(pl, plOff, frame));
        return;
      case 'vrrp':
        out.push(vrrpLayer(pl, plOff, frame, ip));
        return;
      case 'raw':
        if (pl.bytes.length > 0) out.push(dataLayer(pl.bytes));
        return;
      default:
        assertNever(pl);
    }
  }
}

/** The details tree of `frame`, outermost layer first. */
export function dissect(frame: EthernetFrame): DissectedLayer[] {
  const out: DissectedLayer[] = [frameLayer(frame), ethLayer(frame)];
  const pl = frame.payload;
  switch (pl.layer) {
    case 'arp':
      out.push(arpLayer(pl));
      break;
    case 'ipv4':
      ipLayers(pl, 14, frame, out);
      break;
    case 'raw':
      if (pl.bytes.length > 0) out.push(dataLayer(pl.bytes));
      break;
    default:
      assertNever(pl);
  }
  return out;
}
