import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GOLDEN_RATIO_32, hash32, hsiphash32, hsiphash32Prepared, prepareHsipKey, sipHash, type SipKey } from '../../../src/ipvs/sched/hash.js';
import { MH_HASH1, MH_HASH2 } from '../../../src/ipvs/sched/mh.js';
import { parseIp4 } from '../../../src/net/wire/addr.js';

function ip(s: string): number {
  const v = parseIp4(s);
  if (v === undefined) throw new Error(s);
  return v;
}

/** 64-bit reference with BigInt (independent of the 32-bit-halves core). */
const M64 = (1n << 64n) - 1n;
function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & M64;
}
function sipRef(k0: bigint, k1: bigint, data: Uint8Array, c: number, d: number): bigint {
  let v0 = 0x736f6d6570736575n ^ k0;
  let v1 = 0x646f72616e646f6dn ^ k1;
  let v2 = 0x6c7967656e657261n ^ k0;
  let v3 = 0x7465646279746573n ^ k1;
  const round = (): void => {
    v0 = (v0 + v1) & M64; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M64; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M64; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M64; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const words: bigint[] = [];
  const full = data.length - (data.length % 8);
  for (let i = 0; i < full; i += 8) {
    let m = 0n;
    for (let j = 7; j >= 0; j--) m = (m << 8n) | BigInt(data[i + j] ?? 0);
    words.push(m);
  }
  let b = BigInt(data.length & 0xff) << 56n;
  for (let i = full; i < data.length; i++) b |= BigInt(data[i] ?? 0) << BigInt((i - full) * 8);
  words.push(b);
  for (const m of words) {
    v3 ^= m;
    for (let i = 0; i < c; i++) round();
    v0 ^= m;
  }
  v2 ^= 0xffn;
  for (let i = 0; i < d; i++) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

function keyOf(k0: bigint, k1: bigint): SipKey {
  return { k0hi: Number(k0 >> 32n), k0lo: Number(k0 & 0xffffffffn), k1hi: Number(k1 >> 32n), k1lo: Number(k1 & 0xffffffffn) };
}

describe('hash_32 (include/linux/hash.h, §2.10)', () => {
  it('GOLDEN_RATIO_32 is 0x61C88647', () => {
    expect(GOLDEN_RATIO_32).toBe(0x61c88647);
  });

  it('worked examples: 10.0.0.1 → 39, 10.0.0.2 → 137, 192.168.1.10 → 248, 172.16.5.77 → 108', () => {
    expect(hash32(ip('10.0.0.1'), 8)).toBe(39);
    expect(hash32(ip('10.0.0.2'), 8)).toBe(137);
    expect(hash32(ip('192.168.1.10'), 8)).toBe(248);
    expect(hash32(ip('172.16.5.77'), 8)).toBe(108);
  });

  it('the product behind 10.0.0.1: 0x0A000001 × 0x61C88647 mod 2^32 = 0x27C88647', () => {
    expect(Math.imul(0x0a000001, GOLDEN_RATIO_32) >>> 0).toBe(0x27c88647);
  });

  it('equals the exact product mod 2^32, top bits, for any value and width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 32 }), (v, bits) => {
        const exact = Number(((BigInt(v) * 0x61c88647n) & 0xffffffffn) >> BigInt(32 - bits));
        expect(hash32(v, bits)).toBe(exact);
      }),
    );
  });
});

describe('SipHash core (lib/siphash.c)', () => {
  const key = keyOf(0x0706050403020100n, 0x0f0e0d0c0b0a0908n);

  it('official SipHash-2-4 test vector: key 00..0f, message 00..0e → 0xa129ca6149be45e5', () => {
    const msg = Uint8Array.from({ length: 15 }, (_, i) => i);
    const r = sipHash(key, msg, 2, 4);
    expect(r.hi).toBe(0xa129ca61);
    expect(r.lo).toBe(0x49be45e5);
  });

  it('SipHash-2-4 of the empty message with key 00..0f → 0x726fdb47dd0e0e31 (first vector of the paper)', () => {
    const r = sipHash(key, new Uint8Array(0), 2, 4);
    expect(r.hi).toBe(0x726fdb47);
    expect(r.lo).toBe(0xdd0e0e31);
  });

  it('matches an independent BigInt SipHash for any key, message and round counts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: M64 }),
        fc.bigInt({ min: 0n, max: M64 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (k0, k1, data, c, d) => {
          const r = sipHash(keyOf(k0, k1), data, c, d);
          const want = sipRef(k0, k1, data, c, d);
          expect((BigInt(r.hi) << 32n) | BigInt(r.lo)).toBe(want);
        },
      ),
    );
  });

  it('hsiphash32 is SipHash-1-3 of the 4 little-endian bytes of v, low 32 bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: 0n, max: M64 }), fc.integer({ min: 0, max: 0xffffffff }), (k0, k1, v) => {
        const bytes = Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
        expect(hsiphash32(keyOf(k0, k1), v)).toBe(Number(sipRef(k0, k1, bytes, 1, 3) & 0xffffffffn));
      }),
    );
  });

  it('hsiphash32Prepared (unrolled, prepared key) is bit-identical to the general hsiphash32', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.bigInt({ min: 0n, max: M64 }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 16 }), (k0, k1, vs) => {
        const key = keyOf(k0, k1);
        const prep = prepareHsipKey(key);
        for (const v of vs) expect(hsiphash32Prepared(prep, v)).toBe(hsiphash32(key, v));
      }),
      { numRuns: 500 },
    );
    for (const key of [MH_HASH1, MH_HASH2]) {
      const prep = prepareHsipKey(key);
      for (const v of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, ip('192.168.1.10')]) expect(hsiphash32Prepared(prep, v)).toBe(hsiphash32(key, v));
    }
  });

  it("mh's fixed keys (generate_hash_secret): worked example 192.168.1.10 → 3588839862", () => {
    expect(MH_HASH1).toEqual({ k0hi: 0, k0lo: 2654435761, k1hi: 0, k1lo: 2654435761 });
    expect(MH_HASH2).toEqual({ k0hi: 0, k0lo: 2654446892, k1hi: 0, k1lo: 2654446892 });
    expect(hsiphash32(MH_HASH1, ip('192.168.1.10'))).toBe(3588839862);
  });
});
