/**
 * The bytes pane, as Wireshark's (and `tshark -x`'s) hex dump: per line an offset, the bytes in
 * hex, in two groups of eight, and the same bytes as ASCII ('.' for what does not print),
 *
 *   0000  02 00 00 00 00 0b 02 00  00 00 00 05 08 00 45 00   ..............E.
 *
 * with the bytes of the field selected in the details tree highlighted in both columns. A narrow
 * pane shows 8 (or 4) bytes per line instead of 16. Pure: the lines, the character ranges to
 * highlight and the scroll position; the HexPane component draws them.
 */
import { encodeFrame, encodeIpv4 } from '../net/wire/frame.js';
import type { DissectedField, DissectedLayer } from '../trace/dissect.js';
import type { TraceEvent } from '../trace/events.js';

/** A run of bytes: `len` bytes from offset `pos`. */
export interface ByteSpan {
  readonly pos: number;
  readonly len: number;
}

/** Characters [from, to) of a line's text to draw highlighted. */
export interface HexMark {
  readonly from: number;
  readonly to: number;
}

export interface HexLine {
  /** Offset of the line's first byte. */
  readonly offset: number;
  readonly text: string;
  /** The highlighted part of the hex column, then of the ASCII column; empty when none of the line is. */
  readonly marks: readonly HexMark[];
}

export interface HexView {
  /** Bytes per line: 16 (Wireshark's), or 8 or 4 when the pane is narrow. */
  readonly perLine: number;
  /** Lines of the whole dump. */
  readonly lineCount: number;
  /** Index of the first line shown. */
  readonly top: number;
  /** The lines shown: at most `rows`, from `top`. */
  readonly lines: readonly HexLine[];
  /**
   * The top that shows the highlight, moving as little as possible from `top` (equal to `top`
   * when the highlight is in view or there is none). A taller highlight shows from its start.
   */
  readonly scrollTo: number;
}

export interface HexDumpOptions {
  /** Columns available for a line. */
  readonly width: number;
  /** Lines available. */
  readonly rows: number;
  readonly highlight?: ByteSpan;
  /** The first line to show (the pane's scroll position); when absent, where the highlight is seen. */
  readonly top?: number;
}

/** Spaces between the offset and the hex column, and between the hex and the ASCII columns. */
const OFFSET_GAP = 2;
const ASCII_GAP = 3;

/** Hex digits of the offset: 4, as Wireshark, unless the bytes go past 0xffff. */
function offsetDigits(n: number): number {
  let d = 4;
  while (n > 16 ** d) d++;
  return d;
}

/** Width of the hex column for `per` bytes: "xx " each, less the last space, plus the group gap of a 16-byte line. */
function hexWidth(per: number): number {
  return per * 3 - 1 + (per === 16 ? 1 : 0);
}

/** Length of a full line of `per` bytes. */
export function hexLineWidth(per: number, digits = 4): number {
  return digits + OFFSET_GAP + hexWidth(per) + ASCII_GAP + per;
}

/** Bytes per line for a pane `width` columns wide: the most of 16, 8, 4 whose line fits (4 at least). */
export function bytesPerLine(width: number, digits = 4): number {
  if (width >= hexLineWidth(16, digits)) return 16;
  if (width >= hexLineWidth(8, digits)) return 8;
  return 4;
}

/** Column of byte `i` (0-based within the line) in the hex column, from the start of that column. */
function hexCol(i: number, per: number): number {
  return i * 3 + (per === 16 && i >= 8 ? 1 : 0);
}

const HEX = '0123456789abcdef';

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

function dumpLine(bytes: Uint8Array, offset: number, per: number, digits: number, highlight: ByteSpan | undefined): HexLine {
  const end = Math.min(bytes.length, offset + per);
  let text = offset.toString(16).padStart(digits, '0') + ' '.repeat(OFFSET_GAP);
  let ascii = '';
  for (let i = offset; i < end; i++) {
    const b = bytes[i] as number;
    if (i > offset) text += per === 16 && i - offset === 8 ? '  ' : ' ';
    text += HEX[b >>> 4] + (HEX[b & 15] as string);
    ascii += printable(b);
  }
  const hexStart = digits + OFFSET_GAP;
  const asciiStart = hexStart + hexWidth(per) + ASCII_GAP;
  text = text.padEnd(asciiStart) + ascii;
  const marks: HexMark[] = [];
  if (highlight !== undefined) {
    const from = Math.max(offset, highlight.pos);
    const to = Math.min(end, highlight.pos + highlight.len);
    if (from < to) {
      const a = from - offset;
      const z = to - offset;
      marks.push({ from: hexStart + hexCol(a, per), to: hexStart + hexCol(z - 1, per) + 2 }, { from: asciiStart + a, to: asciiStart + z });
    }
  }
  return { offset, text, marks };
}

/**
 * The hex dump of `bytes` fitted to `opts.width`, the `opts.rows` lines from `top` (given, or
 * chosen so that the highlight shows), with the highlighted characters of each line.
 */
export function hexDump(bytes: Uint8Array, opts: HexDumpOptions): HexView {
  const digits = offsetDigits(bytes.length);
  const per = bytesPerLine(opts.width, digits);
  const lineCount = Math.ceil(bytes.length / per);
  const rows = Math.max(0, Math.floor(opts.rows));
  const maxTop = Math.max(0, lineCount - rows);
  const clamp = (t: number): number => Math.min(maxTop, Math.max(0, Math.floor(t)));
  const h = opts.highlight !== undefined && opts.highlight.len > 0 && opts.highlight.pos < bytes.length ? opts.highlight : undefined;
  const from = clamp(opts.top ?? 0);
  let scrollTo = from;
  if (h !== undefined && rows > 0) {
    const first = Math.floor(h.pos / per);
    const last = Math.floor((Math.min(bytes.length, h.pos + h.len) - 1) / per);
    if (last - first + 1 > rows) scrollTo = clamp(first);
    else if (first < from) scrollTo = clamp(first);
    else if (last >= from + rows) scrollTo = clamp(last - rows + 1);
  }
  const top = opts.top === undefined ? scrollTo : from;
  const lines: HexLine[] = [];
  for (let l = top; l < Math.min(lineCount, top + rows); l++) lines.push(dumpLine(bytes, l * per, per, digits, h));
  return { perLine: per, lineCount, top, lines, scrollTo };
}

/**
 * The bytes Wireshark highlights for a tree line: a field's span, or for a layer its header
 * (ip, tcp, udp) or its whole message; undefined for a line without bytes.
 */
export function highlightOf(item: DissectedField | DissectedLayer): ByteSpan | undefined {
  if (item.pos === undefined || item.len === undefined) return undefined;
  const len = 'hdrLen' in item && item.hdrLen !== undefined ? item.hdrLen : item.len;
  return { pos: item.pos, len };
}

/**
 * The bytes the event's packet had, as the spans of its dissection count them (see
 * packet-view's eventLayers): the frame for tx/rx (dissect), the IP packet for a hook, a drop
 * of an IP packet and an IPVS transmit (dissectIp; for ipvs.xmit the packet after the rewrite).
 */
export function bytesOfEvent(e: TraceEvent): Uint8Array | undefined {
  switch (e.kind) {
    case 'tx':
    case 'rx':
      return encodeFrame(e.frame);
    case 'hook':
      return encodeIpv4(e.packet);
    case 'drop':
      return e.packet.layer === 'eth' ? encodeFrame(e.packet) : encodeIpv4(e.packet);
    case 'ipvs.xmit':
      return encodeIpv4(e.after);
    default:
      return undefined;
  }
}
