import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { md5Hex } from '../../../src/keepalived/check/md5.js';
import { textBytes } from '../../../src/net/apps/payload.js';

describe('MD5 (RFC 1321)', () => {
  // RFC 1321 appendix A.5, the test suite.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('MD5("%s") = %s', (text, hex) => {
    expect(md5Hex(textBytes(text))).toBe(hex);
  });

  it('agrees with OpenSSL for any input, across the 55/56/64-byte padding edges', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(md5Hex(data)).toBe(createHash('md5').update(data).digest('hex'));
      }),
    );
  });
});
