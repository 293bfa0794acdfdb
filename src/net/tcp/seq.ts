/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): "a < b" means b lies less than 2^31
 * ahead of a, the comparison the kernel writes as before()/after() in include/net/tcp.h.
 */

/** a + n modulo 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** The signed distance b − a, in (−2^31, 2^31]. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

/** a is before b (kernel `before(a, b)`). */
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/** a is before or equal to b. */
export function seqLeq(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** a is after b (kernel `after(a, b)`). */
export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

/** a is after or equal to b. */
export function seqGeq(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
