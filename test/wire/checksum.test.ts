import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumVerifies, foldSum, internetChecksum, pseudoHeaderSum, sumWords, updateChecksum } from '../../src/net/wire/checksum.js';
import { hex } from './vectors.js';

describe('Internet checksum (RFC 1071)', () => {
  it('matches the RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2', () => {
    const b = hex('00 01 f2 03 f4 f5 f6 f7');
    expect(foldSum(sumWords(b, 0, b.length))).toBe(0xddf2);
    expect(internetChecksum(b, 0, b.length)).toBe(0x220d);
  });

  it('pads an odd final byte with a zero low byte', () => {
    expect(internetChecksum(hex('12 34 56'), 0, 3)).toBe(~(0x1234 + 0x5600) & 0xffff);
  });

  it('chains over even-length ranges and folds large sums exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(), (b, cut) => {
        const mid = (cut % (b.length + 1)) & ~1;
        expect(internetChecksum(b, 0, b.length)).toBe(internetChecksum(b, mid, b.length, sumWords(b, 0, mid)));
      }),
    );
  });

  it('a region holding its own checksum verifies, and any single-byte change breaks it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 100 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (data, i, mask) => {
        const b = data.slice();
        b[0] = 0;
        b[1] = 0;
        const c = internetChecksum(b, 0, b.length);
        b[0] = c >>> 8;
        b[1] = c & 0xff;
        expect(checksumVerifies(b, 0, b.length)).toBe(true);
        b[i % b.length] = (b[i % b.length] as number) ^ mask;
        expect(checksumVerifies(b, 0, b.length)).toBe(false);
      }),
    );
  });

  it('pseudo-header sum: src and dst as 16-bit words, protocol, length (RFC 9293 §3.1)', () => {
    // 10.0.0.1 -> 10.0.0.2, UDP, 13 bytes: 0a00+0001+0a00+0002+0011+000d
    expect(pseudoHeaderSum(0x0a000001, 0x0a000002, 17, 13)).toBe(0x1421);
  });

  it('RFC 1624 incremental update equals recomputation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 0xffff }), (h, w, word) => {
        const b = h.slice();
        b[0] = 0;
        b[1] = 0;
        const before = internetChecksum(b, 0, 20);
        const old = ((b[2 * w] as number) << 8) | (b[2 * w + 1] as number);
        b[2 * w] = word >>> 8;
        b[2 * w + 1] = word & 0xff;
        const after = internetChecksum(b, 0, 20);
        // One's complement has two zeros; RFC 1624 §3 may give 0xffff where recomputation gives 0.
        const inc = updateChecksum(before, old, word);
        expect(inc === after || (inc === 0xffff && after === 0) || (inc === 0 && after === 0xffff)).toBe(true);
      }),
    );
  });
});
