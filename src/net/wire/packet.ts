/**
 * The packet as a value: one immutable, layered representation shared by the simulation, the
 * codecs, the trace, the display filter and the UI. In the manner of smoltcp's `Repr`, a value
 * keeps what a sender chooses and drops what can be derived (lengths, header lengths, checksums,
 * padding): `encode` computes those, `decode` verifies them. A rewrite builds a new value that
 * shares the unchanged layers (`{ ...ip, ttl: ip.ttl - 1 }`).
 *
 * Each protocol's codec lives in its own file next to this one (ethernet.ts, arp.ts, ipv4.ts,
 * icmp.ts, tcp.ts, udp.ts, vrrp.ts).
 */
import type { Msg } from '../../i18n/message.js';
import type { Ip4, Mac } from './addr.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;

export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_VRRP = 112;

/** TCP header flag bits as they sit in bytes 12-13 of the header (NS is the low bit of byte 12). */
export const TCP_FIN = 0x001;
export const TCP_SYN = 0x002;
export const TCP_RST = 0x004;
export const TCP_PSH = 0x008;
export const TCP_ACK = 0x010;
export const TCP_URG = 0x020;
export const TCP_ECE = 0x040;
export const TCP_CWR = 0x080;
export const TCP_NS = 0x100;

/** Bytes we do not interpret (an unknown ethertype or IP protocol, a fragment's payload). */
export interface RawPayload {
  readonly layer: 'raw';
  readonly bytes: Uint8Array;
}

/** Ethernet II. The frame check sequence is not modelled (pcaps of Ethernet carry none). */
export interface EthernetFrame {
  readonly layer: 'eth';
  readonly dst: Mac;
  readonly src: Mac;
  readonly ethertype: number;
  readonly payload: ArpPacket | Ipv4Packet | RawPayload;
}

export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

/** ARP for IPv4 over Ethernet (RFC 826): htype 1, ptype 0x0800, hlen 6, plen 4 are implied. */
export interface ArpPacket {
  readonly layer: 'arp';
  /** 1 = request, 2 = reply (Wireshark's `arp.opcode`). */
  readonly oper: number;
  readonly sha: Mac;
  readonly spa: Ip4;
  readonly tha: Mac;
  readonly tpa: Ip4;
}

/**
 * IPv4 (RFC 791). Derived on encode: version, IHL, total length, header checksum.
 * `options` are kept as raw bytes (their length must be a multiple of 4; at most 40).
 * A fragment (mf set or fragOffset > 0) carries a RawPayload.
 */
export interface Ipv4Packet {
  readonly layer: 'ipv4';
  /** The whole second byte: DSCP (6 bits) and ECN (2 bits). */
  readonly tos: number;
  readonly id: number;
  readonly df: boolean;
  readonly mf: boolean;
  /** In 8-byte units, as on the wire. */
  readonly fragOffset: number;
  readonly ttl: number;
  /** The protocol number; the payload's layer must agree with it (4 = IPIP carries an Ipv4Packet). */
  readonly protocol: number;
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly options: Uint8Array;
  readonly payload: TcpSegment | UdpDatagram | IcmpMessage | Ipv4Packet | VrrpPacket | RawPayload;
}

/** TCP options by RFC 793/7323/2018, plus TOA (kind 254, len 8: client port + IPv4 address). */
export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly shift: number }
  | { readonly kind: 'sackPermitted' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [left: number, right: number])[] }
  | { readonly kind: 'timestamps'; readonly tsval: number; readonly tsecr: number }
  | { readonly kind: 'toa'; readonly port: number; readonly addr: Ip4 }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array };

/**
 * TCP (RFC 9293). Derived on encode: data offset, checksum, option padding.
 * Options whose encoded length is not a multiple of 4 are padded with zero bytes; decode turns
 * that padding into a final `eol`, so a canonical value ends with `eol` whenever padding is needed.
 */
export interface TcpSegment {
  readonly layer: 'tcp';
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  /** TCP_* bits (9 bits: NS..FIN). */
  readonly flags: number;
  readonly window: number;
  readonly urgent: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
}

/** UDP (RFC 768). Derived: length, checksum (a computed 0 is sent as 0xffff). */
export interface UdpDatagram {
  readonly layer: 'udp';
  readonly sport: number;
  readonly dport: number;
  readonly payload: Uint8Array;
}

/** ICMP echo request (type 8) / reply (type 0). */
export interface IcmpEcho {
  readonly layer: 'icmp';
  readonly kind: 'echo';
  readonly type: 0 | 8;
  readonly code: number;
  readonly ident: number;
  readonly seq: number;
  readonly data: Uint8Array;
}

/** Destination unreachable (type 3); `nextHopMtu` is meaningful for code 4 (RFC 1191), else 0. */
export interface IcmpDestUnreach {
  readonly layer: 'icmp';
  readonly kind: 'unreach';
  readonly code: number;
  readonly nextHopMtu: number;
  /** The invoking packet's IP header and at least the first 8 bytes of its payload. */
  readonly original: Uint8Array;
}

/** Time exceeded (type 11): code 0 = TTL exceeded in transit, 1 = reassembly. */
export interface IcmpTimeExceeded {
  readonly layer: 'icmp';
  readonly kind: 'timeExceeded';
  readonly code: number;
  readonly original: Uint8Array;
}

/** Any other ICMP message: the 4 bytes after the checksum as `rest`, then `data`. */
export interface IcmpOther {
  readonly layer: 'icmp';
  readonly kind: 'other';
  readonly type: number;
  readonly code: number;
  readonly rest: number;
  readonly data: Uint8Array;
}

export type IcmpMessage = IcmpEcho | IcmpDestUnreach | IcmpTimeExceeded | IcmpOther;

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_FRAG_NEEDED = 4;

/**
 * VRRP advertisement (RFC 3768 v2, RFC 5798 v3). Derived: count of addresses, checksum.
 * v2: checksum over the VRRP message only; v3 over IPv4 includes the pseudo-header unless
 * encoded with the RFC 9568 rule (keepalived's `v3_checksum_as_v2`), see vrrp.ts.
 */
export type VrrpPacket = VrrpV2Packet | VrrpV3Packet;

export interface VrrpV2Packet {
  readonly layer: 'vrrp';
  readonly version: 2;
  /** 1 = ADVERTISEMENT. */
  readonly type: number;
  readonly vrid: number;
  readonly priority: number;
  /** 0 none, 1 simple text password, 2 IP AH (RFC 2338 values, still used by keepalived). */
  readonly authType: number;
  /** Seconds. */
  readonly adverInt: number;
  readonly addrs: readonly Ip4[];
  /** Exactly 8 bytes. */
  readonly authData: Uint8Array;
}

export interface VrrpV3Packet {
  readonly layer: 'vrrp';
  readonly version: 3;
  readonly type: number;
  readonly vrid: number;
  readonly priority: number;
  /** Centiseconds, 12 bits. */
  readonly maxAdverInt: number;
  readonly addrs: readonly Ip4[];
  /**
   * Present (and true) when the checksum leaves out the IPv4 pseudo-header: the RFC 9568 §5.2.8
   * rule, keepalived's `v3_checksum_as_v2`. Absent: keepalived's default, with the pseudo-header.
   */
  readonly checksumAsV2?: true;
}

/** Any layer of a packet value. */
export type Layer =
  | EthernetFrame
  | ArpPacket
  | Ipv4Packet
  | TcpSegment
  | UdpDatagram
  | IcmpMessage
  | VrrpPacket
  | RawPayload;

/** A decode failure: which layer, where (byte offset from the start of the buffer given), why. */
export interface WireError {
  readonly layer: string;
  readonly offset: number;
  /** Why, as a message id (`wire.<layer>.<what>`) to render in the user's language. */
  readonly msg: Msg;
  /** Why, in English (the text of `msg`). */
  readonly message: string;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

/** Options for decoding captures made by others (checksum offload leaves zeros or garbage). */
export interface DecodeOptions {
  /** Default true: a wrong checksum is an error. */
  readonly verifyChecksums?: boolean;
}
