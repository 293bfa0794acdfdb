/**
 * ipvsadm's listing order (libipvs.c: ipvs_cmp_services, ipvs_cmp_dests, sorted with qsort).
 * Services compare by fwmark, address family, protocol, address, port; servers by address, port.
 * The address (and fwmark) comparison subtracts two unsigned 32-bit values and keeps the result in
 * a signed int, so addresses 2^31 or more apart compare the wrong way round: 10.0.0.1 sorts AFTER
 * 192.168.1.1. Because that comparison is not transitive, the order then depends on the sort
 * algorithm: this is glibc's qsort, a top-down merge sort (glibc ≤ 2.36 and ≥ 2.39).
 */
import type { Ip4 } from '../../net/wire/addr.js';

/** `(int)(a - b)` for two unsigned 32-bit values. */
export function signedDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** What the service comparison looks at. */
export interface ServiceSortKey {
  readonly fwmark: number;
  readonly protocol: number;
  readonly vaddr: Ip4;
  readonly vport: number;
}

/** What the server comparison looks at. */
export interface DestSortKey {
  readonly daddr: Ip4;
  readonly dport: number;
}

/** ipvs_cmp_services (IPv4 only: the address family compares equal). */
export function cmpServices(a: ServiceSortKey, b: ServiceSortKey): number {
  return signedDiff(a.fwmark, b.fwmark) || a.protocol - b.protocol || signedDiff(a.vaddr, b.vaddr) || a.vport - b.vport;
}

/** ipvs_cmp_dests. */
export function cmpDests(a: DestSortKey, b: DestSortKey): number {
  return signedDiff(a.daddr, b.daddr) || a.dport - b.dport;
}

/** glibc's msort: split at n/2, sort both halves, merge taking from the left while cmp ≤ 0. */
export function glibcQsort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  const out = items.slice();
  const tmp = new Array<T>(out.length);
  msort(out, 0, out.length, tmp, cmp);
  return out;
}

function msort<T>(b: T[], from: number, n: number, tmp: T[], cmp: (a: T, b: T) => number): void {
  if (n <= 1) return;
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  msort(b, from, n1, tmp, cmp);
  msort(b, from + n1, n2, tmp, cmp);
  let i = from;
  let j = from + n1;
  const iEnd = from + n1;
  const jEnd = from + n;
  let k = 0;
  while (i < iEnd && j < jEnd) {
    if (cmp(b[i] as T, b[j] as T) <= 0) tmp[k++] = b[i++] as T;
    else tmp[k++] = b[j++] as T;
  }
  while (i < iEnd) tmp[k++] = b[i++] as T;
  for (let m = 0; m < k; m++) b[from + m] = tmp[m] as T;
}
