/**
 * The TCP header surgery FULLNAT does (alibaba/LVS ip_vs_proto_tcp.c: tcp_opt_remove_timestamp,
 * tcp_in_init_seq, tcp_in_adjust_seq, tcp_out_adjust_seq, tcp_opt_add_toa, tcp_opt_adjust_mss;
 * the same names in dpvs). Timestamps leave the client SYN as NOPs (many clients share one local
 * address towards the RS, and their unrelated clocks would look like PAWS failures); the client
 * ISN is re-randomised with a per-connection delta (client→RS seq + delta, RS→client ack and SACK
 * blocks − delta); the TOA option (kind 254, length 8: client port then IPv4 address) goes right
 * after the fixed 20-byte header when 8 bytes of option room are free and the MTU allows it; the
 * RS's SYN-ACK MSS is lowered by the TOA length. Pure functions on immutable segments, so SYNPROXY
 * can apply its own delta with the same helpers. The ISN comes from the seeded generator instead of
 * secure_tcp_sequence_number.
 */
import type { Ip4 } from '../net/wire/addr.js';
import type { TcpOption, TcpSegment } from '../net/wire/packet.js';
import { tcpOptionsLength } from '../net/wire/length.js';

/** The TOA option's length (struct ip_vs_tcpo_addr: kind, len, port, IPv4 address). */
export const TCPOLEN_TOA = 8;
/** The TCP option space: 60-byte maximum header minus the fixed 20 bytes. */
export const TCP_OPTION_SPACE = 40;

/** Per-connection FULLNAT sequence state (cp->fnat_seq). */
export interface FnatSeq {
  /** The client's ISN the delta was drawn for. */
  readonly clientIsn: number;
  /** Added to client→RS seq, subtracted from RS→client ack (mod 2^32). */
  readonly delta: number;
  /** The RS's ISN + 1, learned from its SYN-ACK (fdata_seq); 0 until then. */
  fdataSeq: number;
}

/** seq + d mod 2^32. */
export function seqPlus(seq: number, d: number): number {
  return (seq + d) >>> 0;
}

/**
 * tcp_in_init_seq: the delta that turns the client ISN `clientIsn` into `newIsn` on the
 * director–RS side.
 */
export function fnatInitSeq(clientIsn: number, newIsn: number): FnatSeq {
  return { clientIsn, delta: (newIsn - clientIsn) >>> 0, fdataSeq: 0 };
}

/** tcp_in_adjust_seq: the client→RS segment with `delta` added to its sequence number. */
export function seqAdjustIn(seg: TcpSegment, delta: number): TcpSegment {
  if (delta === 0) return seg;
  return { ...seg, seq: seqPlus(seg.seq, delta) };
}

/** tcp_out_adjust_seq: the RS→client segment with `delta` taken off its ACK number and SACK blocks. */
export function seqAdjustOut(seg: TcpSegment, delta: number): TcpSegment {
  if (delta === 0) return seg;
  const neg = (0x1_0000_0000 - delta) >>> 0;
  let options = seg.options;
  if (options.some((o) => o.kind === 'sack')) {
    options = options.map((o) =>
      o.kind === 'sack' ? { kind: 'sack', blocks: o.blocks.map(([l, r]) => [seqPlus(l, neg), seqPlus(r, neg)] as const) } : o,
    );
  }
  return { ...seg, ack: seqPlus(seg.ack, neg), options };
}

const NOP: TcpOption = { kind: 'nop' };
const TEN_NOPS: readonly TcpOption[] = Array.from({ length: 10 }, () => NOP);

/** tcp_opt_remove_timestamp: the timestamps option overwritten in place by 10 NOPs; undefined when there is none. */
export function removeTimestamps(seg: TcpSegment): TcpSegment | undefined {
  const i = seg.options.findIndex((o) => o.kind === 'timestamps');
  if (i < 0) return undefined;
  return { ...seg, options: [...seg.options.slice(0, i), ...TEN_NOPS, ...seg.options.slice(i + 1)] };
}

/** Free option bytes: 40 minus the (padded) options already present. */
export function optionRoom(seg: TcpSegment): number {
  return TCP_OPTION_SPACE - tcpOptionsLength(seg.options);
}

/** tcp_opt_add_toa: the TOA option inserted right after the fixed header; undefined when it does not fit. */
export function addToa(seg: TcpSegment, caddr: Ip4, cport: number): TcpSegment | undefined {
  if (optionRoom(seg) < TCPOLEN_TOA) return undefined;
  const toa: TcpOption = { kind: 'toa', port: cport, addr: caddr };
  return { ...seg, options: [toa, ...seg.options] };
}

/** tcp_opt_adjust_mss: the MSS option lowered by `by` bytes; the segment itself when it has none. */
export function clampMss(seg: TcpSegment, by: number): TcpSegment {
  if (!seg.options.some((o) => o.kind === 'mss')) return seg;
  return { ...seg, options: seg.options.map((o) => (o.kind === 'mss' ? { kind: 'mss', value: Math.max(0, o.value - by) } : o)) };
}
