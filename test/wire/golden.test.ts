import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, encodeFrameInto } from '../../src/net/wire/frame.js';
import { frameLength } from '../../src/net/wire/length.js';
import { VECTORS } from './vectors.js';

describe('golden frames', () => {
  describe.each(VECTORS)('$name', ({ bytes, value }) => {
    it('decodes to the value', () => {
      expect(decodeFrame(bytes)).toEqual({ ok: true, value });
    });
    it('encodes to exactly those bytes', () => {
      expect(Array.from(encodeFrame(value))).toEqual(Array.from(bytes));
    });
    it('encodeFrameInto writes the same bytes at an offset, touching nothing else', () => {
      const buf = new Uint8Array(bytes.length + 10).fill(0xee);
      expect(encodeFrameInto({ ...value }, buf, 3)).toBe(bytes.length);
      expect(Array.from(buf.subarray(3, 3 + bytes.length))).toEqual(Array.from(bytes));
      expect([...buf.subarray(0, 3), ...buf.subarray(3 + bytes.length)].every((x) => x === 0xee)).toBe(true);
    });
    it('frameLength matches without encoding', () => {
      expect(frameLength(value)).toBe(bytes.length);
    });
  });

  it('ignores Ethernet padding after the IP total length (a 60-byte minimum frame)', () => {
    const arp = VECTORS[0];
    const udp = VECTORS[3];
    if (arp === undefined || udp === undefined) throw new Error('vectors missing');
    for (const { bytes, value } of [arp, udp]) {
      const padded = new Uint8Array(60);
      padded.set(bytes);
      padded.fill(0xaa, bytes.length);
      expect(decodeFrame(padded)).toEqual({ ok: true, value });
    }
  });

  it('memoises the bytes per value', () => {
    const v = VECTORS[1]?.value;
    if (v === undefined) throw new Error('vectors missing');
    expect(encodeFrame(v)).toBe(encodeFrame(v));
    expect(encodeFrame({ ...v })).not.toBe(encodeFrame(v));
  });
});
