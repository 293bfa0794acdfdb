/**
 * TCP options of the handshake and of every later segment, laid out exactly as Linux's
 * tcp_options_write() does (net/ipv4/tcp_output.c), so a capture reads like a real one:
 * SYN `mss, sackOK, TS, nop, wscale`; SYN-ACK the same order with only what the peer offered;
 * later segments `nop, nop, TS` when timestamps were negotiated (RFC 7323 §3, RFC 2018 §2).
 * The options chosen always fill whole 32-bit words, as Linux's do, so no padding is needed.
 */
import type { TcpOption } from '../wire/packet.js';
import { TCP_MAX_WSCALE } from './params.js';

/** What a peer's SYN (or SYN-ACK) offered. */
export interface PeerSynOptions {
  /** The MSS option's value, or undefined when absent. */
  readonly mss: number | undefined;
  readonly sackPermitted: boolean;
  /** The peer's TSval when it sent the timestamps option. */
  readonly tsval: number | undefined;
  /** The shift it announced (clamped to 14, RFC 7323 §2.3), or undefined when absent. */
  readonly wscale: number | undefined;
}

/** Reads the handshake options of a SYN or SYN-ACK; unknown options are ignored (RFC 9293 §3.1). */
export function parseSynOptions(options: readonly TcpOption[]): PeerSynOptions {
  let mss: number | undefined;
  let sackPermitted = false;
  let tsval: number | undefined;
  let wscale: number | undefined;
  for (const o of options) {
    switch (o.kind) {
      case 'mss':
        mss = o.value;
        break;
      case 'sackPermitted':
        sackPermitted = true;
        break;
      case 'timestamps':
        tsval = o.tsval;
        break;
      case 'wscale':
        wscale = Math.min(o.shift, TCP_MAX_WSCALE);
        break;
      case 'eol':
      case 'nop':
      case 'sack':
      case 'toa':
      case 'unknown':
        break;
    }
  }
  return { mss, sackPermitted, tsval, wscale };
}

/** The TSval/TSecr pair of a later segment, when timestamps are in use. */
export function timestampOf(options: readonly TcpOption[]): { readonly tsval: number; readonly tsecr: number } | undefined {
  for (const o of options) if (o.kind === 'timestamps') return o;
  return undefined;
}

const NOP: TcpOption = { kind: 'nop' };
const SACK_PERMITTED: TcpOption = { kind: 'sackPermitted' };

/** The parts of a handshake segment's options; undefined parts are left out. */
export interface SynOptionChoice {
  readonly mss: number;
  readonly sackPermitted: boolean;
  readonly timestamps: { readonly tsval: number; readonly tsecr: number } | undefined;
  readonly wscale: number | undefined;
}

/** Options of a SYN or SYN-ACK in tcp_options_write() order. */
export function synOptions(c: SynOptionChoice): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', value: c.mss }];
  if (c.timestamps !== undefined) {
    if (c.sackPermitted) out.push(SACK_PERMITTED);
    else out.push(NOP, NOP);
    out.push({ kind: 'timestamps', tsval: c.timestamps.tsval, tsecr: c.timestamps.tsecr });
  } else if (c.sackPermitted) {
    out.push(NOP, NOP, SACK_PERMITTED);
  }
  if (c.wscale !== undefined) out.push(NOP, { kind: 'wscale', shift: c.wscale });
  return out;
}

/** Options of a segment after the handshake when timestamps are in use: `nop, nop, TS`. */
export function timestampOptions(tsval: number, tsecr: number): TcpOption[] {
  return [NOP, NOP, { kind: 'timestamps', tsval, tsecr }];
}
