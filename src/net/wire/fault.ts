/**
 * The decode failure carried between the protocol decoders of this folder. A class so the
 * dispatching code can tell a failure from a decoded layer with one `instanceof`; the public
 * entry points (frame.ts) hand out plain `WireError` objects.
 */
import type { WireError } from './packet.js';

/** A decode failure at `offset` (from the start of the buffer given to the public decoder). */
export class WireFault implements WireError {
  constructor(
    readonly layer: string,
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The plain-object form of a failure, as returned by the public decoders. */
export function toWireError(f: WireFault): WireError {
  return { layer: f.layer, offset: f.offset, message: f.message };
}

/** A 16-bit field as four hex digits, for messages (`0x1c46`). */
export function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}
