/**
 * Bytes the apps send: ASCII text and a filler pattern (`abc…xyz` repeated) for sizes a scenario
 * asks for. Buffers are built once per app and shared by every connection (sent as subarrays).
 */

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`. */
export function textBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Writes the filler pattern into `buf` from `from` to the end. */
export function fillPattern(buf: Uint8Array, from: number): void {
  for (let i = from; i < buf.length; i++) buf[i] = 0x61 + ((i - from) % 26);
}

/** `n` bytes of filler. */
export function filler(n: number): Uint8Array {
  const b = new Uint8Array(n);
  fillPattern(b, 0);
  return b;
}
