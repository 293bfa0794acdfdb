/**
 * Big-endian (network order) field access on byte arrays, shared by the protocol codecs.
 * Plain byte reads and writes: cheaper than a DataView per packet, and inlined by V8.
 * Callers check bounds first; reads past the end would yield undefined.
 */
import type { Mac } from './addr.js';

/** Reads an unsigned 16-bit big-endian field. */
export function get16(b: Uint8Array, off: number): number {
  return ((b[off] as number) << 8) | (b[off + 1] as number);
}

/** Reads an unsigned 32-bit big-endian field. */
export function get32(b: Uint8Array, off: number): number {
  return (
    (((b[off] as number) << 24) | ((b[off + 1] as number) << 16) | ((b[off + 2] as number) << 8) | (b[off + 3] as number)) >>>
    0
  );
}

/** Reads a 6-byte MAC address. */
export function getMac(b: Uint8Array, off: number): Mac {
  return get16(b, off) * 0x1_0000_0000 + get32(b, off + 2);
}

/** Writes an unsigned 16-bit big-endian field. */
export function put16(b: Uint8Array, off: number, v: number): void {
  b[off] = v >>> 8;
  b[off + 1] = v;
}

/** Writes an unsigned 32-bit big-endian field. */
export function put32(b: Uint8Array, off: number, v: number): void {
  b[off] = v >>> 24;
  b[off + 1] = v >>> 16;
  b[off + 2] = v >>> 8;
  b[off + 3] = v;
}

/** Writes a 6-byte MAC address. */
export function putMac(b: Uint8Array, off: number, mac: Mac): void {
  put16(b, off, Math.floor(mac / 0x1_0000_0000));
  put32(b, off + 2, mac >>> 0);
}

/** A shared zero-length array for absent options and empty payloads (nothing to mutate). */
export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);
