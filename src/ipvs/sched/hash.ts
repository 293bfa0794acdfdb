/**
 * The kernel hashes behind the hashing schedulers. `hash32` is hash_32() of include/linux/hash.h
 * (multiply by GOLDEN_RATIO_32, keep the top `bits` bits), which dh, sh and lblc/lblcr use for
 * their bucket index. `hsiphash32` is hsiphash() of lib/siphash.c as a 64-bit kernel runs it:
 * SipHash-1-3 over 64-bit words, returning the low 32 bits (mh's hash; 32-bit kernels use
 * HalfSipHash instead and get other numbers). 64-bit words are kept as two unsigned 32-bit
 * halves so that the per-packet path needs neither BigInt nor allocation; one core (sipCore) is
 * shared by `hsiphash32` and `sipHash`, which runs any c/d variant over bytes (pinned to SipHash-2-4).
 * The packet path uses `hsiphash32Prepared`: the same SipHash-1-3 of one 4-byte word, unrolled,
 * on a key whose message-independent first steps were done once by `prepareHsipKey`.
 */

/** GOLDEN_RATIO_32 (include/linux/hash.h). */
export const GOLDEN_RATIO_32 = 0x61c88647;

/** hash_32(val, bits): `(val * GOLDEN_RATIO_32 mod 2^32) >> (32 - bits)`, for bits in 1..32. */
export function hash32(val: number, bits: number): number {
  return Math.imul(val, GOLDEN_RATIO_32) >>> (32 - bits);
}

/** A 128-bit SipHash key as two 64-bit words (k0, k1), each split into unsigned 32-bit halves. */
export interface SipKey {
  readonly k0hi: number;
  readonly k0lo: number;
  readonly k1hi: number;
  readonly k1lo: number;
}

/** A 64-bit result as unsigned 32-bit halves. */
export interface U64 {
  readonly hi: number;
  readonly lo: number;
}

/** The high half of the last `sipCore` result (its return value is the low half). */
let coreHi = 0;

/**
 * The SipHash core (preamble, compression, finalisation), on locals so that it optimises well.
 * `words` holds `nWords` 64-bit message words as [hi, lo] pairs, the last one already carrying the
 * length byte. Runs c rounds per word and d final rounds; returns low32(v0^v1^v2^v3) and leaves
 * the high half in `coreHi`. The single round body is SIPHASH_PERMUTATION on 32-bit halves.
 */
function sipCore(k: SipKey, words: Uint32Array, nWords: number, c: number, d: number): number {
  // Preamble: "somepseudorandomlygeneratedbytes" XOR the key.
  let v0h = (0x736f6d65 ^ k.k0hi) >>> 0;
  let v0l = (0x70736575 ^ k.k0lo) >>> 0;
  let v1h = (0x646f7261 ^ k.k1hi) >>> 0;
  let v1l = (0x6e646f6d ^ k.k1lo) >>> 0;
  let v2h = (0x6c796765 ^ k.k0hi) >>> 0;
  let v2l = (0x6e657261 ^ k.k0lo) >>> 0;
  let v3h = (0x74656462 ^ k.k1hi) >>> 0;
  let v3l = (0x79746573 ^ k.k1lo) >>> 0;
  const compressRounds = nWords * c;
  const total = compressRounds + d;
  let mh = 0;
  let ml = 0;
  let t = 0;
  for (let r = 0; r < total; r++) {
    if (r < compressRounds && r % c === 0) {
      // a new message word m: v3 ^= m before its c rounds
      const w = (r / c) * 2;
      mh = words[w] ?? 0;
      ml = words[w + 1] ?? 0;
      v3h = (v3h ^ mh) >>> 0;
      v3l = (v3l ^ ml) >>> 0;
    }
    // v0 += v1; v1 = rol64(v1, 13); v1 ^= v0; v0 = rol64(v0, 32)
    t = v0l + v1l;
    v0h = (v0h + v1h + (t > 0xffffffff ? 1 : 0)) >>> 0;
    v0l = t >>> 0;
    t = v1h;
    v1h = (((t << 13) | (v1l >>> 19)) ^ v0h) >>> 0;
    v1l = (((v1l << 13) | (t >>> 19)) ^ v0l) >>> 0;
    t = v0h;
    v0h = v0l;
    v0l = t;
    // v2 += v3; v3 = rol64(v3, 16); v3 ^= v2
    t = v2l + v3l;
    v2h = (v2h + v3h + (t > 0xffffffff ? 1 : 0)) >>> 0;
    v2l = t >>> 0;
    t = v3h;
    v3h = (((t << 16) | (v3l >>> 16)) ^ v2h) >>> 0;
    v3l = (((v3l << 16) | (t >>> 16)) ^ v2l) >>> 0;
    // v0 += v3; v3 = rol64(v3, 21); v3 ^= v0
    t = v0l + v3l;
    v0h = (v0h + v3h + (t > 0xffffffff ? 1 : 0)) >>> 0;
    v0l = t >>> 0;
    t = v3h;
    v3h = (((t << 21) | (v3l >>> 11)) ^ v0h) >>> 0;
    v3l = (((v3l << 21) | (t >>> 11)) ^ v0l) >>> 0;
    // v2 += v1; v1 = rol64(v1, 17); v1 ^= v2; v2 = rol64(v2, 32)
    t = v2l + v1l;
    v2h = (v2h + v1h + (t > 0xffffffff ? 1 : 0)) >>> 0;
    v2l = t >>> 0;
    t = v1h;
    v1h = (((t << 17) | (v1l >>> 15)) ^ v2h) >>> 0;
    v1l = (((v1l << 17) | (t >>> 15)) ^ v2l) >>> 0;
    t = v2h;
    v2h = v2l;
    v2l = t;
    if (r < compressRounds && (r + 1) % c === 0) {
      // the word's c rounds are done: v0 ^= m; after the last word, v2 ^= 0xff
      v0h = (v0h ^ mh) >>> 0;
      v0l = (v0l ^ ml) >>> 0;
      if (r + 1 === compressRounds) v2l = (v2l ^ 0xff) >>> 0;
    }
  }
  coreHi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  return (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
}

/**
 * SipHash-c-d of a byte string (the reference algorithm: little-endian 64-bit words, the last
 * word carrying the length in its top byte), for cRounds ≥ 1. Returns the 64-bit v0^v1^v2^v3.
 * Allocates its result; meant for tests and teaching, not for the packet path.
 */
export function sipHash(key: SipKey, data: Uint8Array, cRounds: number, dRounds: number): U64 {
  const len = data.length;
  const full = len - (len % 8);
  const nWords = full / 8 + 1;
  const words = new Uint32Array(nWords * 2);
  for (let i = 0; i < full; i += 8) {
    words[i / 4] = ((data[i + 4] ?? 0) | ((data[i + 5] ?? 0) << 8) | ((data[i + 6] ?? 0) << 16) | ((data[i + 7] ?? 0) << 24)) >>> 0;
    words[i / 4 + 1] = ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
  }
  let bl = 0;
  let bh = (len & 0xff) << 24;
  for (let i = full; i < len; i++) {
    const byte = data[i] ?? 0;
    const shift = (i - full) * 8;
    if (shift < 32) bl |= byte << shift;
    else bh |= byte << (shift - 32);
  }
  words[nWords * 2 - 2] = bh >>> 0;
  words[nWords * 2 - 1] = bl >>> 0;
  const lo = sipCore(key, words, nWords, cRounds, dRounds);
  return { hi: coreHi, lo };
}

/** The one-word message of hsiphash32, reused. */
const oneWord = new Uint32Array(2);

/**
 * hsiphash(&v, sizeof(u32), key) on a 64-bit little-endian kernel: SipHash-1-3 of the four bytes
 * of `v`, so the only message word is b = (4 << 56) | v; the result is the low 32 bits of
 * v0^v1^v2^v3. No allocation.
 */
export function hsiphash32(key: SipKey, v: number): number {
  oneWord[0] = 0x04000000;
  oneWord[1] = v >>> 0;
  return sipCore(key, oneWord, 1, 1, 3);
}

/**
 * A SipHash key prepared for `hsiphash32Prepared`: the state after the preamble and the half of
 * the first round that does not see the message (v0 += v1; v1 = rol13(v1) ^ v0; v0 = rol32(v0)),
 * and v2 and v3 as the preamble leaves them (v3 already XORed with the length byte 4 << 56).
 * Halves are kept as signed int32 (`| 0`) so that the hash runs on small integers, not doubles.
 */
export interface HsipKey {
  readonly v0h: number;
  readonly v0l: number;
  readonly v1h: number;
  readonly v1l: number;
  readonly v2h: number;
  readonly v2l: number;
  readonly v3h: number;
  readonly v3l: number;
}

/** Prepares `key` for `hsiphash32Prepared` (once per key; allocates). */
export function prepareHsipKey(key: SipKey): HsipKey {
  const v0h = (0x736f6d65 ^ key.k0hi) >>> 0;
  const v0l = (0x70736575 ^ key.k0lo) >>> 0;
  const v1h = (0x646f7261 ^ key.k1hi) >>> 0;
  const v1l = (0x6e646f6d ^ key.k1lo) >>> 0;
  const t = v0l + v1l;
  const s0h = (v0h + v1h + (t > 0xffffffff ? 1 : 0)) >>> 0;
  const s0l = t >>> 0;
  return {
    // v0 is rotated by 32 bits: its halves swap
    v0h: s0l | 0,
    v0l: s0h | 0,
    v1h: ((v1h << 13) | (v1l >>> 19)) ^ s0h,
    v1l: ((v1l << 13) | (v1h >>> 19)) ^ s0l,
    v2h: 0x6c796765 ^ key.k0hi,
    v2l: 0x6e657261 ^ key.k0lo,
    v3h: 0x74656462 ^ key.k1hi ^ 0x04000000,
    v3l: 0x79746573 ^ key.k1lo,
  };
}

/**
 * hsiphash32(key, v) on a prepared key: SipHash-1-3 of the four bytes of `v` (message word
 * m = (4 << 56) | v), straight-line — the rest of the one compression round, v0 ^= m, v2 ^= 0xff,
 * three final rounds — returning the low 32 bits of v0^v1^v2^v3. No allocation, no loop.
 */
export function hsiphash32Prepared(k: HsipKey, v: number): number {
  const ml = v | 0;
  let v0h = k.v0h;
  let v0l = k.v0l;
  let v1h = k.v1h;
  let v1l = k.v1l;
  let v2h = k.v2h;
  let v2l = k.v2l;
  let v3h = k.v3h;
  let v3l = k.v3l ^ ml;
  let t = 0;
  // compression round, rest: v2 += v3; v3 = rol16(v3) ^ v2; v0 += v3; v3 = rol21(v3) ^ v0;
  // v2 += v1; v1 = rol17(v1) ^ v2
  t = (v2l + v3l) | 0;
  v2h = (v2h + v3h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v3h;
  v3h = ((t << 16) | (v3l >>> 16)) ^ v2h;
  v3l = ((v3l << 16) | (t >>> 16)) ^ v2l;
  t = (v0l + v3l) | 0;
  v0h = (v0h + v3h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v3h;
  v3h = ((t << 21) | (v3l >>> 11)) ^ v0h;
  v3l = ((v3l << 21) | (t >>> 11)) ^ v0l;
  t = (v2l + v1l) | 0;
  v2h = (v2h + v1h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v1h;
  v1h = ((t << 17) | (v1l >>> 15)) ^ v2h;
  v1l = ((v1l << 17) | (t >>> 15)) ^ v2l;
  // v2 = rol32(v2), then v2 ^= 0xff (in the new low half); v0 ^= m
  t = v2h;
  v2h = v2l;
  v2l = t ^ 0xff;
  v0h ^= 0x04000000;
  v0l ^= ml;
  // three final rounds, unrolled
  t = (v0l + v1l) | 0;
  v0h = (v0h + v1h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v1h;
  v1h = ((t << 13) | (v1l >>> 19)) ^ v0h;
  v1l = ((v1l << 13) | (t >>> 19)) ^ v0l;
  t = v0h;
  v0h = v0l;
  v0l = t;
  t = (v2l + v3l) | 0;
  v2h = (v2h + v3h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v3h;
  v3h = ((t << 16) | (v3l >>> 16)) ^ v2h;
  v3l = ((v3l << 16) | (t >>> 16)) ^ v2l;
  t = (v0l + v3l) | 0;
  v0h = (v0h + v3h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v3h;
  v3h = ((t << 21) | (v3l >>> 11)) ^ v0h;
  v3l = ((v3l << 21) | (t >>> 11)) ^ v0l;
  t = (v2l + v1l) | 0;
  v2h = (v2h + v1h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v1h;
  v1h = ((t << 17) | (v1l >>> 15)) ^ v2h;
  v1l = ((v1l << 17) | (t >>> 15)) ^ v2l;
  t = v2h;
  v2h = v2l;
  v2l = t;
  t = (v0l + v1l) | 0;
  v0h = (v0h + v1h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v1h;
  v1h = ((t << 13) | (v1l >>> 19)) ^ v0h;
  v1l = ((v1l << 13) | (t >>> 19)) ^ v0l;
  t = v0h;
  v0h = v0l;
  v0l = t;
  t = (v2l + v3l) | 0;
  v2h = (v2h + v3h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v3h;
  v3h = ((t << 16) | (v3l >>> 16)) ^ v2h;
  v3l = ((v3l << 16) | (t >>> 16)) ^ v2l;
  t = (v0l + v3l) | 0;
  v0h = (v0h + v3h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v3h;
  v3h = ((t << 21) | (v3l >>> 11)) ^ v0h;
  v3l = ((v3l << 21) | (t >>> 11)) ^ v0l;
  t = (v2l + v1l) | 0;
  v2h = (v2h + v1h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v1h;
  v1h = ((t << 17) | (v1l >>> 15)) ^ v2h;
  v1l = ((v1l << 17) | (t >>> 15)) ^ v2l;
  t = v2h;
  v2h = v2l;
  v2l = t;
  t = (v0l + v1l) | 0;
  v0h = (v0h + v1h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v1h;
  v1h = ((t << 13) | (v1l >>> 19)) ^ v0h;
  v1l = ((v1l << 13) | (t >>> 19)) ^ v0l;
  t = v0h;
  v0h = v0l;
  v0l = t;
  t = (v2l + v3l) | 0;
  v2h = (v2h + v3h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v3h;
  v3h = ((t << 16) | (v3l >>> 16)) ^ v2h;
  v3l = ((v3l << 16) | (t >>> 16)) ^ v2l;
  t = (v0l + v3l) | 0;
  v0h = (v0h + v3h + ((t >>> 0) < (v0l >>> 0) ? 1 : 0)) | 0;
  v0l = t;
  t = v3h;
  v3h = ((t << 21) | (v3l >>> 11)) ^ v0h;
  v3l = ((v3l << 21) | (t >>> 11)) ^ v0l;
  t = (v2l + v1l) | 0;
  v2h = (v2h + v1h + ((t >>> 0) < (v2l >>> 0) ? 1 : 0)) | 0;
  v2l = t;
  t = v1h;
  v1h = ((t << 17) | (v1l >>> 15)) ^ v2h;
  v1l = ((v1l << 17) | (t >>> 15)) ^ v2l;
  t = v2h;
  v2h = v2l;
  v2l = t;
  return (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
}
