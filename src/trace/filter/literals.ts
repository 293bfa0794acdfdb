/**
 * Literal values of a display filter, read the way Wireshark 4.0 reads them for the field on
 * the other side of the operator (ftypes/ftype-*.c): integers in decimal, 0x hex, 0b binary or
 * 0-prefixed octal, or a value name (`request`, `TCP`, `"Set"`); booleans as any integer, True,
 * False or the field's own true/false words; IPv4 dotted quads (no leading zeros) with an
 * optional /prefix; Ethernet and byte strings as hex bytes separated by `:`, `-`, `.` or nothing
 * (also 4-digit groups as in `0200.0000.000a`). The lab resolves no host names.
 */
import { assertNever } from '../../assert-never.js';
import { msg } from '../../i18n/message.js';
import { parseIp4, prefixToMask } from '../../net/wire/addr.js';
import type { FieldDef } from './fields.js';
import type { FilterFault } from './lexer.js';
import type { Atom } from './parser.js';
import { valueOfName } from './value-names.js';

/** A literal after conversion for one field. */
export type Literal =
  | { readonly t: 'number'; readonly value: number }
  | { readonly t: 'net'; readonly net: number; readonly mask: number }
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'bytes'; readonly value: Uint8Array };

const INT_RE = /^\+?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

function parseInteger(text: string): number | undefined {
  if (!INT_RE.test(text)) return undefined;
  const t = text.startsWith('+') ? text.slice(1) : text;
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
  if (t.length > 1 && t.startsWith('0')) return parseInt(t.slice(1), 8);
  return Number(t);
}

/** Hex bytes with optional `:`/`-`/`.` separators, or 4-digit groups separated by `.`. */
export function parseByteString(text: string): Uint8Array | undefined {
  let hexDigits: string;
  if (/^[0-9a-fA-F]{2}([:.-]?[0-9a-fA-F]{2})*$/.test(text)) hexDigits = text.replace(/[:.-]/g, '');
  else if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4})+$/.test(text)) hexDigits = text.replace(/\./g, '');
  else return undefined;
  const out = new Uint8Array(hexDigits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hexDigits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function fault(a: Atom, id: string, params: Record<string, string | number>): FilterFault {
  return { offset: a.start, msg: msg(id, params) };
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/**
 * Converts `a` to a literal for `def` (a uint field with a mask takes a uint literal). `allowNet`
 * permits an IPv4 CIDR network (equality tests and sets).
 */
export function parseLiteral(def: FieldDef, a: Atom, allowNet: boolean): Literal | FilterFault {
  const text = a.text;
  const name = def.name;
  switch (def.kind) {
    case 'uint': {
      if (!a.quoted) {
        const n = parseInteger(text);
        if (n !== undefined) {
          if (n > def.max) return fault(a, 'filter.error.tooBig', { text, max: def.max });
          return { t: 'number', value: n };
        }
        if (/^-[0-9]/.test(text)) return fault(a, 'filter.error.negative', { text, name });
      }
      const named = def.names === undefined ? undefined : valueOfName(def.names, text);
      if (named !== undefined) return { t: 'number', value: named };
      if (a.quoted) return fault(a, 'filter.error.stringForNumber', { text, name });
      if (def.names !== undefined) return fault(a, 'filter.error.valueNotFound', { text, name });
      return fault(a, 'filter.error.badNumber', { text, name });
    }
    case 'bool': {
      if (!a.quoted) {
        const n = parseInteger(text);
        if (n !== undefined) return { t: 'number', value: n === 0 ? 0 : 1 };
      }
      const w = text.toLowerCase();
      if (w === 'true') return { t: 'number', value: 1 };
      if (w === 'false') return { t: 'number', value: 0 };
      const [tWord, fWord] = def.trueFalse ?? ['True', 'False'];
      if (w === tWord.toLowerCase()) return { t: 'number', value: 1 };
      if (w === fWord.toLowerCase()) return { t: 'number', value: 0 };
      return fault(a, 'filter.error.badBool', { text, name, t: tWord, f: fWord });
    }
    case 'ipv4': {
      if (a.quoted) return fault(a, 'filter.error.ipv4String', { text });
      const slash = text.indexOf('/');
      const addrText = slash < 0 ? text : text.slice(0, slash);
      const addr = parseIp4(addrText);
      if (addr === undefined) return fault(a, 'filter.error.badIpv4', { text });
      if (slash < 0) return { t: 'number', value: addr };
      const bitsText = text.slice(slash + 1);
      if (!/^[0-9]{1,3}$/.test(bitsText)) return fault(a, 'filter.error.badIpv4', { text });
      const bits = Number(bitsText);
      if (bits > 32) return fault(a, 'filter.error.badPrefix', { bits });
      if (!allowNet) return fault(a, 'filter.error.netOrder', { text });
      const mask = prefixToMask(bits);
      return { t: 'net', net: (addr & mask) >>> 0, mask };
    }
    case 'ether': {
      if (a.quoted) return fault(a, 'filter.error.etherString', { text });
      const bytes = parseByteString(text);
      if (bytes === undefined) return fault(a, 'filter.error.badEther', { text });
      if (bytes.length < 6) return fault(a, 'filter.error.etherTooFew', { text });
      if (bytes.length > 6) return fault(a, 'filter.error.etherTooMany', { text });
      let v = 0;
      for (const x of bytes) v = v * 256 + x;
      return { t: 'number', value: v };
    }
    case 'string':
      return { t: 'string', value: text };
    case 'bytes': {
      if (a.quoted) return { t: 'bytes', value: latin1Bytes(text) };
      const bytes = parseByteString(text);
      return bytes === undefined ? fault(a, 'filter.error.badBytes', { text }) : { t: 'bytes', value: bytes };
    }
    case 'none':
      return fault(a, 'filter.error.presenceOnly', { name });
    default:
      return assertNever(def.kind);
  }
}
