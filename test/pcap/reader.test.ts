import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCapture, scanCapture } from '../../src/net/pcap/reader.js';
import { decodeFrame } from '../../src/net/wire/frame.js';
import { hex, VECTORS } from '../wire/vectors.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/pcaps/${name}`, import.meta.url)));

/** Little- or big-endian byte builders for hand-made files. */
function u16(v: number, le: boolean): number[] {
  return le ? [v & 0xff, v >>> 8] : [v >>> 8, v & 0xff];
}
function u32(v: number, le: boolean): number[] {
  const be = [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return le ? be.reverse() : be;
}
function pad4(b: number[]): number[] {
  return b.length % 4 === 0 ? b : [...b, ...new Array<number>(4 - (b.length % 4)).fill(0)];
}
/** A pcapng block: type, total length, body (padded), total length. */
function block(type: number, body: number[], le: boolean): number[] {
  const padded = pad4(body);
  const len = 12 + padded.length;
  return [...u32(type, le), ...u32(len, le), ...padded, ...u32(len, le)];
}
const shb = (le: boolean): number[] =>
  block(0x0a0d0d0a, [...u32(0x1a2b3c4d, le), ...u16(1, le), ...u16(0, le), ...u32(0xffffffff, le), ...u32(0xffffffff, le)], le);
const idb = (linktype: number, snaplen: number, options: number[], le: boolean): number[] =>
  block(1, [...u16(linktype, le), 0, 0, ...u32(snaplen, le), ...options], le);
const option = (code: number, value: number[], le: boolean): number[] => pad4([...u16(code, le), ...u16(value.length, le), ...value]);
const epb = (ifId: number, units: number, data: number[], origLen: number, le: boolean): number[] =>
  block(6, [...u32(ifId, le), ...u32(Math.floor(units / 2 ** 32), le), ...u32(units >>> 0, le), ...u32(data.length, le), ...u32(origLen, le), ...data], le);

describe('readCapture: classic pcap', () => {
  it.each([
    ['golden-frames-ns.pcap', 'ns magic, written by a Python script'],
    ['golden-frames-us.pcap', 'µs magic, written by editcap'],
    ['golden-frames.pcapng', 'pcapng with if_tsresol 9, written by editcap'],
  ])('%s (%s) holds the golden frames at 1 s intervals', (name) => {
    const r = readCapture(fixture(name));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.linktype).toBe(1);
    expect(r.value.packets.map((p) => p.ts)).toEqual(VECTORS.map((_, i) => i * 1e9));
    r.value.packets.forEach((p, i) => {
      const v = VECTORS[i];
      expect(v).toBeDefined();
      expect(Array.from(p.bytes)).toEqual(Array.from(v?.bytes ?? []));
      expect(p.origLen).toBe(p.bytes.length);
      expect(decodeFrame(p.bytes)).toEqual({ ok: true, value: v?.value });
    });
  });

  it('reads a big-endian µs file', () => {
    const file = hex(`a1 b2 c3 d4 00 02 00 04 00 00 00 00 00 00 00 00 00 00 ff ff 00 00 00 01
      00 00 00 05 00 00 00 07 00 00 00 02 00 00 00 3c de ad`);
    expect(readCapture(file)).toEqual({ ok: true, value: { linktype: 1, packets: [{ ts: 5e9 + 7000, bytes: hex('de ad'), origLen: 60 }] } });
  });

  it('reads a big-endian ns file', () => {
    const file = hex(`a1 b2 3c 4d 00 02 00 04 00 00 00 00 00 00 00 00 00 00 ff ff 00 00 00 01
      00 00 00 05 00 00 00 07 00 00 00 01 00 00 00 01 99`);
    expect(readCapture(file)).toEqual({ ok: true, value: { linktype: 1, packets: [{ ts: 5e9 + 7, bytes: hex('99'), origLen: 1 }] } });
  });

  const golden = fixture('golden-frames-ns.pcap');
  // Records: 24 (ARP, 42 bytes), 82 (TCP SYN, 74 bytes), 172 (third record) …
  it('a file cut inside a record body: error at that record’s captured-length field', () => {
    expect(readCapture(golden.subarray(0, 172 + 16 + 10))).toMatchObject({
      ok: false,
      error: { offset: 180, message: 'record 3 at byte 172: captured length 79 runs past the end of the file (10 bytes left)' },
    });
  });

  it('a file cut inside a record header: error at the record start', () => {
    expect(readCapture(golden.subarray(0, 172 + 5))).toMatchObject({
      ok: false,
      error: { offset: 172, message: 'record 3 at byte 172: header truncated, 5 bytes of 16' },
    });
  });

  it('a file cut inside the file header', () => {
    expect(readCapture(golden.subarray(0, 10))).toMatchObject({ ok: false, error: { offset: 0, message: 'pcap file header truncated: 10 bytes of 24' } });
  });

  it('garbage: unknown magic at offset 0', () => {
    expect(readCapture(new TextEncoder().encode('GET / HTTP/1.1\r\n'))).toMatchObject({
      ok: false,
      error: { offset: 0, message: 'not a pcap or pcapng file: magic number 0x47455420' },
    });
    expect(readCapture(new Uint8Array(2))).toMatchObject({ ok: false, error: { offset: 0 } });
  });

  it('an unsupported version at offset 4', () => {
    const b = golden.slice(0, 24);
    b[4] = 3;
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: 4, message: 'pcap version 3.4 is not 2.x' } });
  });

  it('an out-of-range timestamp fraction at its field', () => {
    const b = golden.slice();
    b.set(u32(1e9, true), 24 + 4);
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: 28 } });
  });
});

describe('readCapture: pcapng', () => {
  // Hand-built: section 1 little-endian (IDB default µs resolution + if_tsoffset 10 s, EPB,
  // an unknown block 0x0bad, SPB cut by snaplen 4), section 2 big-endian (IDB 2^-10 s resolution, EPB).
  const le = true;
  const section1 = [
    ...shb(le),
    ...idb(1, 4, [...option(14, [...u32(10, le), ...u32(0, le)], le), ...option(0, [], le)], le),
    ...epb(0, 1_500_000, [1, 2, 3], 3, le),
    ...block(0x0bad, [9, 9, 9, 9], le),
    ...block(3, [...u32(6, le), 0xa, 0xb, 0xc, 0xd, 0xe, 0xf], le),
  ];
  const section2 = [...shb(false), ...idb(1, 0, option(9, [0x80 | 10], false), false), ...epb(0, 3 * 1024 + 512, [7], 64, false)];
  const file = new Uint8Array([...section1, ...section2]);

  it('reads both sections with their byte orders, resolutions and offsets', () => {
    expect(readCapture(file)).toEqual({
      ok: true,
      value: {
        linktype: 1,
        packets: [
          { ts: 10e9 + 1_500_000_000, bytes: new Uint8Array([1, 2, 3]), origLen: 3 },
          { ts: 0, bytes: new Uint8Array([0xa, 0xb, 0xc, 0xd]), origLen: 6 },
          { ts: 3.5e9, bytes: new Uint8Array([7]), origLen: 64 },
        ],
      },
    });
  });

  const epbAt = shb(le).length + idb(1, 4, [...option(14, [...u32(10, le), ...u32(0, le)], le), ...option(0, [], le)], le).length;
  const withBlockLength = (len: number): Uint8Array => {
    const b = file.slice();
    b.set(u32(len, le), epbAt + 4);
    return b;
  };

  it.each([0, 4, 8])('a block length of %i is an error at its field, not an endless loop', (len) => {
    expect(readCapture(withBlockLength(len))).toMatchObject({ ok: false, error: { offset: epbAt + 4, message: expect.stringMatching(/below the minimum of 12/) } });
  });

  it('a block length that is not a multiple of 4', () => {
    expect(readCapture(withBlockLength(34))).toMatchObject({ ok: false, error: { offset: epbAt + 4, message: expect.stringMatching(/multiple of 4/) } });
  });

  it('a block length running past the file', () => {
    expect(readCapture(file.subarray(0, epbAt + 20))).toMatchObject({ ok: false, error: { offset: epbAt + 4, message: expect.stringMatching(/runs past the end of the file \(20 bytes left\)/) } });
  });

  it('a file cut inside a block header', () => {
    expect(readCapture(file.subarray(0, epbAt + 6))).toMatchObject({ ok: false, error: { offset: epbAt } });
  });

  it('a trailing length that differs from the leading one', () => {
    const epbLen = 32 + 4;
    const b = file.slice();
    b.set(u32(40, le), epbAt + epbLen - 4);
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: epbAt + epbLen - 4 } });
  });

  it('a packet on an interface the section does not describe', () => {
    const b = file.slice();
    b.set(u32(3, le), epbAt + 8);
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: epbAt + 8, message: expect.stringMatching(/interface 3/) } });
  });

  it('a captured length running past its block', () => {
    const b = file.slice();
    b.set(u32(9, le), epbAt + 20);
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: epbAt + 20 } });
  });

  it('a bad byte-order magic', () => {
    const b = file.slice();
    b.set([1, 2, 3, 4], 8);
    expect(readCapture(b)).toMatchObject({ ok: false, error: { offset: 8 } });
  });
});

describe('readCapture never throws', () => {
  const magics = [
    [0xd4, 0xc3, 0xb2, 0xa1],
    [0xa1, 0xb2, 0x3c, 0x4d],
    [0x0a, 0x0d, 0x0d, 0x0a],
  ];
  it('on arbitrary bytes behind each magic number, and errors point inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 300 }), (magic, rest) => {
        const b = new Uint8Array([...magic, ...rest]);
        const r = readCapture(b);
        if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('on corrupted valid files', () => {
    const files = [fixture('golden-frames-ns.pcap'), fixture('golden-frames.pcapng')];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), (f, flips) => {
        const b = f.slice();
        for (const [i, m] of flips) b[i % b.length] = (b[i % b.length] as number) ^ m;
        const r = readCapture(b);
        if (!r.ok) expect(r.error.offset).toBeLessThan(b.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanCapture: the same walk as readCapture, as columns', () => {
  /** readCapture's answer rebuilt from scanCapture's columns. */
  function viaScan(bytes: Uint8Array): ReturnType<typeof readCapture> {
    const r = scanCapture(bytes);
    if (!r.ok) return r;
    const packets = [];
    for (let i = 0; i < r.value.count; i++) {
      const start = r.value.start[i] ?? 0;
      packets.push({ ts: r.value.ts[i], bytes: bytes.subarray(start, start + (r.value.caplen[i] ?? 0)) });
    }
    return { ok: true, value: { linktype: r.value.linktype, packets } } as unknown as ReturnType<typeof readCapture>;
  }
  const withoutOrigLen = (r: ReturnType<typeof readCapture>): unknown => (r.ok ? { ok: true, value: { linktype: r.value.linktype, packets: r.value.packets.map((p) => ({ ts: p.ts, bytes: p.bytes })) } } : r);
  const files = ['golden-frames-ns.pcap', 'golden-frames-us.pcap', 'golden-frames.pcapng'].map(fixture);

  it('same records and same errors on the fixtures, cut anywhere and with a byte changed anywhere', () => {
    for (const f of files) expect(viaScan(f)).toEqual(withoutOrigLen(readCapture(f)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (which, cut, at, byte) => {
        const f = files[which] as Uint8Array;
        const b = f.slice(0, cut % (f.length + 1));
        if (b.length > 0) b[at % b.length] = byte;
        expect(viaScan(b)).toEqual(withoutOrigLen(readCapture(b)));
      }),
      { numRuns: 400 },
    );
  });

  it('grows its columns past the first guess (many tiny records)', () => {
    const recs: number[] = [];
    for (let i = 0; i < 300; i++) recs.push(...u32(i, true), ...u32(0, true), ...u32(1, true), ...u32(1, true), i & 0xff);
    const b = new Uint8Array([...u32(0xa1b23c4d, true), ...u16(2, true), ...u16(4, true), ...u32(0, true), ...u32(0, true), ...u32(65535, true), ...u32(1, true), ...recs]);
    const r = scanCapture(b);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.count).toBe(300);
    expect(viaScan(b)).toEqual(withoutOrigLen(readCapture(b)));
  });
});
