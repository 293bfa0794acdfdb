/**
 * The public codec entry points: a whole Ethernet frame or a bare IPv4 packet to bytes and back.
 * Encoding computes the length, takes one Uint8Array of that size and writes every layer into
 * it, checksums computed in place. Because packet values are immutable the bytes are memoised per
 * value (a WeakMap, so they go when the value goes); `encodeFrameInto` skips the memo for bulk
 * writers (pcap). Arrays are cut from shared 64 KiB slabs, as Node's Buffer pool does: a typed
 * array over 64 bytes with its own buffer costs a malloc each. Decoding verifies lengths and
 * checksums and never throws: every failure is a WireError with the layer and byte offset.
 */
import { emitEthernet, parseEthernet } from './ethernet.js';
import { toWireError, WireFault } from './fault.js';
import { emitIpv4, parseIpv4 } from './ipv4.js';
import { frameLength, ipv4TotalLength } from './length.js';
import type { Decoded, DecodeOptions, EthernetFrame, Ipv4Packet } from './packet.js';

const frameMemo = new WeakMap<EthernetFrame, Uint8Array>();
const ipv4Memo = new WeakMap<Ipv4Packet, Uint8Array>();

const SLAB_SIZE = 64 * 1024;
let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

/** A zeroed array of `len` bytes, cut from the current slab (own buffer when large). */
function allocate(len: number): Uint8Array {
  if (len > SLAB_SIZE / 4) return new Uint8Array(len);
  if (slabUsed + len > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const bytes = new Uint8Array(slab, slabUsed, len);
  slabUsed = (slabUsed + len + 7) & ~7;
  return bytes;
}

/**
 * The bytes of frame `f` (no FCS, no padding to 60 bytes), computed once per value. The returned
 * array is shared by every caller for that value: do not modify it. `f` must be valid as
 * described on `emitEthernet` and the per-protocol emitters; `decodeFrame` gives back a value
 * deep-equal to a valid canonical `f`.
 */
export function encodeFrame(f: EthernetFrame): Uint8Array {
  let bytes = frameMemo.get(f);
  if (bytes === undefined) {
    bytes = allocate(frameLength(f));
    emitEthernet(f, bytes, 0);
    frameMemo.set(f, bytes);
  }
  return bytes;
}

/**
 * Writes the bytes of frame `f` into `buf` at `off` without memoising them, and returns their
 * length (frameLength(f)); `buf` must have room. Uses the memoised bytes when there are some.
 */
export function encodeFrameInto(f: EthernetFrame, buf: Uint8Array, off: number): number {
  const memo = frameMemo.get(f);
  if (memo !== undefined) {
    buf.set(memo, off);
    return memo.length;
  }
  const len = frameLength(f);
  emitEthernet(f, buf, off);
  return len;
}

/** The bytes of IPv4 packet `p` (for IPIP payload views, raw-IP captures), memoised like encodeFrame. */
export function encodeIpv4(p: Ipv4Packet): Uint8Array {
  let bytes = ipv4Memo.get(p);
  if (bytes === undefined) {
    bytes = allocate(ipv4TotalLength(p));
    emitIpv4(p, bytes, 0);
    ipv4Memo.set(p, bytes);
  }
  return bytes;
}

/**
 * Decodes an Ethernet frame. Byte arrays in the value (payloads, options) are views into
 * `bytes`: do not modify `bytes` afterwards. Checksums are verified unless
 * `opts.verifyChecksums` is false (captures taken with checksum offload).
 */
export function decodeFrame(bytes: Uint8Array, opts?: DecodeOptions): Decoded<EthernetFrame> {
  const r = parseEthernet(bytes, 0, bytes.length, opts?.verifyChecksums !== false);
  return r instanceof WireFault ? { ok: false, error: toWireError(r) } : { ok: true, value: r };
}

/** Decodes an IPv4 packet; bytes after its total length are ignored. Same rules as decodeFrame. */
export function decodeIpv4(bytes: Uint8Array, opts?: DecodeOptions): Decoded<Ipv4Packet> {
  const r = parseIpv4(bytes, 0, bytes.length, opts?.verifyChecksums !== false);
  return r instanceof WireFault ? { ok: false, error: toWireError(r) } : { ok: true, value: r };
}
