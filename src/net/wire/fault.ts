/**
 * The decode failure carried between the protocol decoders of this folder. A class so the
 * dispatching code can tell a failure from a decoded layer with one `instanceof`; the public
 * entry points (frame.ts) hand out plain `WireError` objects. The reason is a message id
 * (`wire.<layer>.<what>`, texts in src/i18n/en/wire.ts); its English sentence is rendered only
 * when a failure is read, so decoding pays nothing for it.
 */
import { render } from '../../i18n/index.js';
import { msg, type Msg } from '../../i18n/message.js';
import { get16 } from './bytes.js';
import type { WireError } from './packet.js';

/** A decode failure at `offset` (from the start of the buffer given to the public decoder). */
export class WireFault implements WireError {
  constructor(
    readonly layer: string,
    readonly offset: number,
    readonly msg: Msg,
  ) {}

  /** The reason in English. */
  get message(): string {
    return render(this.msg, 'en');
  }
}

/** The plain-object form of a failure, as returned by the public decoders. */
export function toWireError(f: WireFault): WireError {
  return { layer: f.layer, offset: f.offset, msg: f.msg, message: f.message };
}

/** A wrong checksum: the failure points at the 16-bit field at `at` and quotes it (`0x1c46`). */
export function checksumFault(layer: string, buf: Uint8Array, at: number, id: string): WireFault {
  return new WireFault(layer, at, msg(id, { csum: `0x${get16(buf, at).toString(16).padStart(4, '0')}` }));
}
