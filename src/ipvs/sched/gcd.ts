/** Euclid's greatest common divisor of two non-negative integers (wrr's `di` and mh's `g`). */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
