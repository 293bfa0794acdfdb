/**
 * Wireshark display filters over the lab's frames: `compileFilter('tcp.port == 80 && ip.src ==
 * 10.0.0.0/8')` parses once and returns a predicate that selects the same frames tshark would
 * select from the lab's pcap (for the fields in fields.ts). Errors carry the 0-based character
 * offset of the offending token and a message id (rendered in English in `message`); an
 * unknown field name gets the nearest known one as a suggestion. An empty filter matches every
 * frame, as Wireshark's empty display filter does.
 */
import { render } from '../../i18n/index.js';
import type { Msg } from '../../i18n/message.js';
import type { EthernetFrame } from '../../net/wire/packet.js';
import { compileExpr } from './compile.js';
import { tokenize } from './lexer.js';
import { parse } from './parser.js';

export { fieldNames, fieldDef, type FieldDef, type FieldKind } from './fields.js';

/** A compiled display filter. */
export interface FrameFilter {
  /** The filter text as given. */
  readonly text: string;
  /** Whether the frame passes the filter. */
  matches(frame: EthernetFrame): boolean;
}

/** Why a filter did not compile: where (0-based character offset in the text) and what. */
export interface FilterError {
  readonly offset: number;
  /** The English text of `msg`. */
  readonly message: string;
  readonly msg: Msg;
}

export type CompileResult = { readonly ok: true; readonly filter: FrameFilter } | { readonly ok: false; readonly error: FilterError };

/** Compiles a Wireshark display filter; never throws. */
export function compileFilter(text: string): CompileResult {
  if (text.trim() === '') return { ok: true, filter: { text, matches: () => true } };
  const tokens = tokenize(text);
  const tree = Array.isArray(tokens) ? parse(tokens) : tokens;
  const pred = 'offset' in tree ? tree : compileExpr(tree);
  if (typeof pred !== 'function') {
    return { ok: false, error: { offset: pred.offset, message: render(pred.msg), msg: pred.msg } };
  }
  return { ok: true, filter: { text, matches: pred } };
}
