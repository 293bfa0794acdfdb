/**
 * Dotted-quad text of addresses for message parameters, memoised: the same few addresses appear
 * in every route and drop explanation, and formatting them anew for each packet would dominate
 * the hot path. The memo is a fixed direct-mapped table (an address's slot is a hash of it; a
 * different address in the same slot replaces it), so it cannot grow with a SYN flood's spoofed
 * sources and a look-up is an integer compare instead of a Map probe; it has no effect on behaviour.
 */
import type { Ip4 } from './wire/addr.js';
import { formatIp4 } from './wire/addr.js';

const SLOTS = 4096;
/** The address held by each slot, as a signed 32-bit integer (valid where `texts` is set). */
const addrs = new Int32Array(SLOTS);
const texts: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** `formatIp4(addr)`, memoised. */
export function ipText(addr: Ip4): string {
  const a = addr | 0;
  const slot = (a ^ (a >>> 12) ^ (a >>> 24)) & (SLOTS - 1);
  const s = texts[slot];
  if (s !== undefined && addrs[slot] === a) return s;
  const text = formatIp4(addr);
  addrs[slot] = a;
  texts[slot] = text;
  return text;
}
