import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, decodeIpv4, encodeFrame, encodeIpv4 } from '../../src/net/wire/frame.js';
import { frameLength, ipv4TotalLength } from '../../src/net/wire/length.js';
import type { EthernetFrame, Ipv4Packet } from '../../src/net/wire/packet.js';
import { ethernetFrame, ipv4Packet } from './arbitraries.js';

/** Where the UDP checksum fields sit in an encoded frame (a zero there means "none", RFC 768). */
function udpChecksumOffsets(f: EthernetFrame): number[] {
  const out: number[] = [];
  let at = 14;
  let p: Ipv4Packet['payload'] | EthernetFrame['payload'] = f.payload;
  while (p.layer === 'ipv4') {
    at += 20 + p.options.length;
    const inner: Ipv4Packet['payload'] = p.payload;
    if (inner.layer === 'udp') out.push(at + 6, at + 7);
    p = inner;
  }
  return out;
}

describe('wire codec properties', () => {
  it('decode(encode(frame)) deep-equals the frame', () => {
    fc.assert(
      fc.property(ethernetFrame, (f) => {
        const bytes = encodeFrame(f);
        expect(bytes.length).toBe(frameLength(f));
        expect(decodeFrame(bytes)).toEqual({ ok: true, value: f });
      }),
      { numRuns: 2000 },
    );
  });

  it('decodeIpv4(encodeIpv4(packet)) deep-equals the packet', () => {
    fc.assert(
      fc.property(ipv4Packet, (p) => {
        const bytes = encodeIpv4(p);
        expect(bytes.length).toBe(ipv4TotalLength(p));
        expect(decodeIpv4(bytes)).toEqual({ ok: true, value: p });
      }),
      { numRuns: 1000 },
    );
  });

  it('decode never throws on arbitrary bytes, and errors point inside the buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, verify) => {
        for (const r of [decodeFrame(bytes, { verifyChecksums: verify }), decodeIpv4(bytes, { verifyChecksums: verify })]) {
          if (!r.ok) {
            expect(r.error.offset).toBeGreaterThanOrEqual(0);
            expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
          }
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('decode never throws on corrupted or truncated valid frames (reaching the deep layers)', () => {
    fc.assert(
      fc.property(
        ethernetFrame,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (f, flips, cut) => {
          const bytes = encodeFrame(f).slice();
          for (const [i, mask] of flips) if (bytes.length > 0) bytes[i % bytes.length] = (bytes[i % bytes.length] as number) ^ mask;
          const truncated = bytes.subarray(0, cut % (bytes.length + 1));
          for (const b of [bytes, truncated]) {
            for (const r of [decodeFrame(b), decodeFrame(b, { verifyChecksums: false })]) {
              if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(b.length);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('changing any byte makes decode fail or give a different value', () => {
    fc.assert(
      fc.property(ethernetFrame, fc.nat(), fc.integer({ min: 1, max: 255 }), (f, index, mask) => {
        const bytes = encodeFrame(f).slice();
        const i = index % bytes.length;
        bytes[i] = (bytes[i] as number) ^ mask;
        const udpCsum = udpChecksumOffsets(f);
        const csumAt = udpCsum.findIndex((o) => o === i);
        if (csumAt >= 0) {
          const hi = udpCsum[csumAt - (csumAt % 2)] as number;
          // RFC 768: a zero checksum means the sender computed none; it is accepted.
          fc.pre(((bytes[hi] as number) | (bytes[hi + 1] as number)) !== 0);
        }
        const r = decodeFrame(bytes);
        if (r.ok) expect(r.value).not.toEqual(f);
      }),
      { numRuns: 5000 },
    );
  });
});
