/**
 * Capture file reader: classic pcap (draft-ietf-opsawg-pcap; both byte orders, µs magic
 * 0xa1b2c3d4 and ns magic 0xa1b23c4d) and pcapng (draft-ietf-opsawg-pcapng: Section Header,
 * Interface Description with if_tsresol and if_tsoffset, Enhanced, Simple and the obsolete
 * Packet block; other blocks skipped; byte order per section). One link type per capture.
 *
 * Not built on the `pcap-parser` package: it is stream/event based (asynchronous), knows only
 * the µs magic, cannot report byte offsets of errors, drops a truncated last record silently
 * and does not read pcapng. A synchronous reader over bytes in memory does all of that. Every
 * length is checked before use and every loop advances, so no input throws or hangs. One walk over
 * one DataView hands each record to a sink: `readCapture` makes a packet object of it,
 * `scanCapture` only notes where it is (typed-array columns, no object per packet). A failure's
 * reason is a message id (`pcap.<what>`, texts in src/i18n/en/wire.ts), rendered in English for
 * `message` only when the walk fails.
 */
import { render } from '../../i18n/index.js';
import { msg, type Msg } from '../../i18n/message.js';

/** One captured packet. */
export interface CapturedPacket {
  /**
   * Nanoseconds since the epoch. A double: exact below 2^53 ns (104 days, so virtual time is
   * exact); wall-clock captures are rounded to a few hundred ns. 0 for pcapng Simple Packet
   * blocks, which carry no timestamp.
   */
  readonly ts: number;
  /** The captured bytes (a view into the file's bytes). */
  readonly bytes: Uint8Array;
  /** The packet's length on the wire (more than bytes.length when the snaplen cut it). */
  readonly origLen: number;
}

export interface Capture {
  /** LINKTYPE_* of the capture (1 = Ethernet); a pcapng file without interfaces reports 1. */
  readonly linktype: number;
  readonly packets: readonly CapturedPacket[];
}

/** What is wrong with the file and where (byte offset from the start of the file). */
export interface CaptureError {
  readonly offset: number;
  /** Why, as a message id (`pcap.<what>`) to render in the user's language. */
  readonly msg: Msg;
  /** Why, in English (the text of `msg`). */
  readonly message: string;
}

export type CaptureResult = { readonly ok: true; readonly value: Capture } | { readonly ok: false; readonly error: CaptureError };

const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_IDB = 0x00000001;
const PCAPNG_PB = 0x00000002;
const PCAPNG_SPB = 0x00000003;
const PCAPNG_EPB = 0x00000006;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

/** Where the records go as the walk finds them: `start` is the byte offset of the captured bytes. */
interface RecordSink {
  record(ts: number, start: number, caplen: number, origLen: number): void;
}

/** The walk's outcome: the capture's link type, or what is wrong and where. */
type WalkResult = { readonly ok: true; readonly linktype: number } | { readonly ok: false; readonly offset: number; readonly msg: Msg };

/** The public form of a failed walk: the reason as a message id and as English text. */
function captureError(r: { readonly offset: number; readonly msg: Msg }): { readonly ok: false; readonly error: CaptureError } {
  return { ok: false, error: { offset: r.offset, msg: r.msg, message: render(r.msg, 'en') } };
}

/** Reads a classic pcap or a pcapng file held in memory. Never throws. */
export function readCapture(bytes: Uint8Array): CaptureResult {
  const packets: CapturedPacket[] = [];
  const r = walkCapture(bytes, {
    record(ts, start, caplen, origLen) {
      packets.push({ ts, bytes: bytes.subarray(start, start + caplen), origLen });
    },
  });
  return r.ok ? { ok: true, value: { linktype: r.linktype, packets } } : captureError(r);
}

/**
 * Where each record of a capture is, as columns: record i's captured bytes are
 * bytes[start[i], start[i] + caplen[i]), taken at ts[i] ns. The arrays may be longer than `count`.
 */
export interface CaptureIndex {
  readonly linktype: number;
  readonly count: number;
  readonly ts: Float64Array;
  readonly start: Uint32Array;
  readonly caplen: Uint32Array;
}

export type CaptureIndexResult = { readonly ok: true; readonly value: CaptureIndex } | { readonly ok: false; readonly error: CaptureError };

/**
 * Like `readCapture` (same checks, same errors), but notes only where each record is: no object
 * or view per packet, for captures of millions of packets. Never throws.
 */
export function scanCapture(bytes: Uint8Array): CaptureIndexResult {
  let cap = Math.max(16, Math.ceil(bytes.length / 128));
  let ts = new Float64Array(cap);
  let start = new Uint32Array(cap);
  let caplen = new Uint32Array(cap);
  let count = 0;
  const r = walkCapture(bytes, {
    record(t, at, len) {
      if (count === cap) {
        cap *= 2;
        const nts = new Float64Array(cap);
        nts.set(ts);
        ts = nts;
        const nstart = new Uint32Array(cap);
        nstart.set(start);
        start = nstart;
        const nlen = new Uint32Array(cap);
        nlen.set(caplen);
        caplen = nlen;
      }
      ts[count] = t;
      start[count] = at;
      caplen[count] = len;
      count++;
    },
  });
  return r.ok ? { ok: true, value: { linktype: r.linktype, count, ts, start, caplen } } : captureError(r);
}

function walkCapture(bytes: Uint8Array, sink: RecordSink): WalkResult {
  if (bytes.length < 4) return fail(0, msg('pcap.tooShort', { len: bytes.length }));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint32(0, false);
  switch (magic) {
    case 0xa1b2c3d4:
      return readClassic(bytes, dv, false, 1000, sink);
    case 0xd4c3b2a1:
      return readClassic(bytes, dv, true, 1000, sink);
    case 0xa1b23c4d:
      return readClassic(bytes, dv, false, 1, sink);
    case 0x4d3cb2a1:
      return readClassic(bytes, dv, true, 1, sink);
    case PCAPNG_SHB:
      return readPcapng(bytes, dv, sink);
    default:
      return fail(0, msg('pcap.magic', { magic: hex8(magic) }));
  }
}

function fail(offset: number, m: Msg): WalkResult {
  return { ok: false, offset, msg: m };
}

/** A 32-bit field as `0x` and eight hex digits, for messages. */
function hex8(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}

/** Classic pcap; `fracNs` is the nanoseconds per unit of the timestamp fraction (1000 for µs). */
function readClassic(bytes: Uint8Array, dv: DataView, le: boolean, fracNs: number, sink: RecordSink): WalkResult {
  if (bytes.length < 24) return fail(0, msg('pcap.headerTruncated', { len: bytes.length }));
  const major = dv.getUint16(4, le);
  const minor = dv.getUint16(6, le);
  if (major !== 2) return fail(4, msg('pcap.version', { major, minor }));
  const linktype = dv.getUint32(20, le) & 0xffff;
  const fracLimit = 1e9 / fracNs;
  let n = 0;
  let off = 24;
  while (off < bytes.length) {
    n++;
    const left = bytes.length - off;
    if (left < 16) return fail(off, msg('pcap.record.headerTruncated', { n, at: off, left }));
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const incl = dv.getUint32(off + 8, le);
    const orig = dv.getUint32(off + 12, le);
    if (frac >= fracLimit) return fail(off + 4, msg('pcap.record.fraction', { n, at: off, frac, limit: fracLimit }));
    if (incl > left - 16) {
      return fail(off + 8, msg('pcap.record.past', { n, at: off, incl, left: left - 16 }));
    }
    sink.record(sec * 1e9 + frac * fracNs, off + 16, incl, orig);
    off += 16 + incl;
  }
  return { ok: true, linktype };
}

interface Interface {
  readonly linktype: number;
  readonly snaplen: number;
  /** Timestamp units → ns: multiply by `mul`, then divide by `div`. */
  readonly mul: number;
  readonly div: number;
  readonly offsetNs: number;
}

function readPcapng(bytes: Uint8Array, dv: DataView, sink: RecordSink): WalkResult {
  let linktype: number | undefined;
  let interfaces: Interface[] = [];
  let le = true;
  let off = 0;
  while (off < bytes.length) {
    const left = bytes.length - off;
    if (left < 12) return fail(off, msg('pcap.block.truncated', { at: off, left }));
    const type = dv.getUint32(off, le);
    if (type === PCAPNG_SHB) {
      const bom = dv.getUint32(off + 8, false);
      if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else if (bom === 0x4d3c2b1a) le = true;
      else return fail(off + 8, msg('pcap.shb.byteOrder', { at: off, bom: hex8(bom) }));
      interfaces = [];
    }
    const blen = dv.getUint32(off + 4, le);
    if (blen < 12 || blen % 4 !== 0) {
      return fail(off + 4, msg(blen < 12 ? 'pcap.block.lengthShort' : 'pcap.block.lengthAlign', { at: off, len: blen }));
    }
    if (blen > left) return fail(off + 4, msg('pcap.block.past', { at: off, len: blen, left }));
    if (dv.getUint32(off + blen - 4, le) !== blen) {
      return fail(off + blen - 4, msg('pcap.block.trailer', { at: off, trailer: dv.getUint32(off + blen - 4, le), len: blen }));
    }
    const body = off + 8;
    const bodyLen = blen - 12;
    switch (type) {
      case PCAPNG_SHB: {
        if (bodyLen < 16) return fail(off + 4, msg('pcap.shb.short', { at: off, len: blen }));
        const major = dv.getUint16(body + 4, le);
        if (major !== 1) return fail(body + 4, msg('pcap.shb.version', { at: off, major, minor: dv.getUint16(body + 6, le) }));
        break;
      }
      case PCAPNG_IDB: {
        if (bodyLen < 8) return fail(off + 4, msg('pcap.idb.short', { at: off, len: blen }));
        const ifc = readInterface(dv, off, body + bodyLen, le);
        if ('id' in ifc) return fail(off, ifc);
        interfaces.push(ifc);
        linktype ??= ifc.linktype;
        break;
      }
      case PCAPNG_EPB:
      case PCAPNG_PB: {
        const enhanced = type === PCAPNG_EPB;
        const what = enhanced ? msg('pcap.block.epb') : msg('pcap.block.pb');
        if (bodyLen < 20) return fail(off + 4, msg('pcap.packet.short', { what, at: off, len: blen }));
        const ifId = enhanced ? dv.getUint32(body, le) : dv.getUint16(body, le);
        const ifc = interfaces[ifId];
        if (ifc === undefined) return fail(body, msg('pcap.packet.noInterface', { what, at: off, ifId }));
        if (ifc.linktype !== linktype) return fail(body, msg('pcap.packet.linktype', { what, at: off, linktype: ifc.linktype, first: String(linktype) }));
        const caplen = dv.getUint32(body + 12, le);
        if (caplen > bodyLen - 20) {
          return fail(body + 12, msg('pcap.packet.past', { what, at: off, caplen, room: bodyLen - 20 }));
        }
        const units = dv.getUint32(body + 4, le) * 0x1_0000_0000 + dv.getUint32(body + 8, le);
        sink.record(Math.floor((units * ifc.mul) / ifc.div) + ifc.offsetNs, body + 20, caplen, dv.getUint32(body + 16, le));
        break;
      }
      case PCAPNG_SPB: {
        if (bodyLen < 4) return fail(off + 4, msg('pcap.spb.short', { at: off, len: blen }));
        const ifc = interfaces[0];
        if (ifc === undefined) return fail(off, msg('pcap.spb.noInterface', { at: off }));
        if (ifc.linktype !== linktype) return fail(off, msg('pcap.spb.linktype', { at: off, linktype: ifc.linktype, first: String(linktype) }));
        const origLen = dv.getUint32(body, le);
        let caplen = Math.min(origLen, bodyLen - 4);
        if (ifc.snaplen > 0) caplen = Math.min(caplen, ifc.snaplen);
        sink.record(0, body + 4, caplen, origLen);
        break;
      }
      default:
        break;
    }
    off += blen;
  }
  return { ok: true, linktype: linktype ?? 1 };
}

/**
 * Parses the body of the Interface Description block at `block` (its body ends at `end`); a Msg
 * is the reason it is malformed.
 */
function readInterface(dv: DataView, block: number, end: number, le: boolean): Interface | Msg {
  const start = block + 8;
  const linktype = dv.getUint16(start, le);
  const snaplen = dv.getUint32(start + 4, le);
  let mul = 1000;
  let div = 1;
  let offsetNs = 0;
  let p = start + 8;
  while (end - p >= 4) {
    const code = dv.getUint16(p, le);
    const len = dv.getUint16(p + 2, le);
    if (code === OPT_ENDOFOPT) break;
    const padded = (len + 3) & ~3;
    if (padded > end - p - 4) return msg('pcap.idb.optionPast', { at: block, code, optAt: p, len });
    if (code === OPT_IF_TSRESOL && len >= 1) {
      const v = dv.getUint8(p + 4);
      const exp = v & 0x7f;
      if ((v & 0x80) !== 0) {
        mul = 1e9;
        div = 2 ** exp;
      } else if (exp <= 9) {
        mul = 10 ** (9 - exp);
        div = 1;
      } else {
        mul = 1;
        div = 10 ** (exp - 9);
      }
    } else if (code === OPT_IF_TSOFFSET && len >= 8) {
      const hi = le ? dv.getInt32(p + 8, true) : dv.getInt32(p + 4, false);
      const lo = le ? dv.getUint32(p + 4, true) : dv.getUint32(p + 8, false);
      offsetNs = (hi * 0x1_0000_0000 + lo) * 1e9;
    }
    p += 4 + padded;
  }
  return { linktype, snaplen, mul, div, offsetNs };
}
