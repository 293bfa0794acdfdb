/**
 * Dotted-quad text of addresses for message parameters, memoised: the same few addresses appear
 * in every route and drop explanation, and formatting them anew for each packet would dominate
 * the hot path. The memo is bounded and cleared when full, so it cannot grow with a SYN flood's
 * spoofed sources; it has no effect on behaviour.
 */
import type { Ip4 } from './wire/addr.js';
import { formatIp4 } from './wire/addr.js';

const MAX_ENTRIES = 4096;
const memo = new Map<Ip4, string>();

/** `formatIp4(addr)`, memoised. */
export function ipText(addr: Ip4): string {
  let s = memo.get(addr);
  if (s === undefined) {
    if (memo.size >= MAX_ENTRIES) memo.clear();
    s = formatIp4(addr);
    memo.set(addr, s);
  }
  return s;
}
