import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/net/pcap/reader.js';
import { fdSink, PcapWriter, writableSink } from '../../src/net/pcap/writer.js';
import { hex, VECTORS } from '../wire/vectors.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/pcaps/${name}`, import.meta.url)));

describe('PcapWriter', () => {
  it('writes the little-endian nanosecond file header (magic 0xa1b23c4d, 2.4, snaplen 262144, linktype 1)', () => {
    expect(Array.from(new PcapWriter().toBytes())).toEqual(
      Array.from(hex('4d 3c b2 a1  02 00 04 00  00 00 00 00  00 00 00 00  00 00 04 00  01 00 00 00')),
    );
  });

  it('writes a record header with seconds, nanoseconds, captured and original length', () => {
    const w = new PcapWriter();
    w.writePacket(3 * 1e9 + 250_000_001, hex('aa bb cc')); // 250000001 = 0x0ee6b281
    expect(Array.from(w.toBytes().subarray(24))).toEqual(Array.from(hex('03 00 00 00  81 b2 e6 0e  03 00 00 00  03 00 00 00  aa bb cc')));
  });

  it('reproduces the independently written golden pcap byte for byte', () => {
    const w = new PcapWriter();
    VECTORS.forEach((v, i) => w.writeFrame(i * 1e9, v.value));
    expect(Array.from(w.toBytes())).toEqual(Array.from(fixture('golden-frames-ns.pcap')));
    expect(w.packetCount).toBe(VECTORS.length);
    expect(w.byteLength).toBe(w.toBytes().length);
  });

  it('cuts packets longer than the snaplen and keeps the original length', () => {
    const w = new PcapWriter({ snaplen: 4 });
    w.writePacket(0, hex('01 02 03 04 05 06'));
    expect(readCapture(w.toBytes())).toEqual({
      ok: true,
      value: { linktype: 1, packets: [{ ts: 0, bytes: hex('01 02 03 04'), origLen: 6 }] },
    });
  });

  it('write → read round trip, whatever the chunk size; streaming gives the same bytes', () => {
    const packet = fc.record({ ts: fc.integer({ min: 0, max: 2 ** 53 - 1 }), bytes: fc.uint8Array({ maxLength: 300 }) });
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 30 }), fc.integer({ min: 1, max: 2000 }), (packets, chunkSize) => {
        const mem = new PcapWriter({ chunkSize });
        const chunks: Uint8Array[] = [];
        const streamed = new PcapWriter({ chunkSize, sink: (c) => chunks.push(c.slice()) });
        for (const p of packets) {
          mem.writePacket(p.ts, p.bytes);
          streamed.writePacket(p.ts, p.bytes);
        }
        streamed.flush();
        const file = mem.toBytes();
        expect(Buffer.concat(chunks).equals(Buffer.from(file))).toBe(true);
        const r = readCapture(file);
        expect(r).toEqual({ ok: true, value: { linktype: 1, packets: packets.map((p) => ({ ...p, origLen: p.bytes.length })) } });
      }),
      { numRuns: 300 },
    );
  });
});

describe('PcapWriter sinks', () => {
  it('fdSink writes the same file as toBytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvslab-pcap-'));
    try {
      const path = join(dir, 'out.pcap');
      const fd = openSync(path, 'w');
      const streamed = new PcapWriter({ chunkSize: 100, sink: fdSink(fd) });
      const mem = new PcapWriter();
      VECTORS.forEach((v, i) => {
        streamed.writeFrame(i, v.value);
        mem.writeFrame(i, v.value);
      });
      streamed.flush();
      closeSync(fd);
      expect(Array.from(readFileSync(path))).toEqual(Array.from(mem.toBytes()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writableSink hands each chunk to a stream once', async () => {
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (c: Buffer) => got.push(c));
    const w = new PcapWriter({ chunkSize: 64, sink: writableSink(out) });
    VECTORS.forEach((v, i) => w.writeFrame(i, v.value));
    w.flush();
    out.end();
    await new Promise((resolve) => out.on('end', resolve));
    const mem = new PcapWriter();
    VECTORS.forEach((v, i) => mem.writeFrame(i, v.value));
    expect(Array.from(Buffer.concat(got))).toEqual(Array.from(mem.toBytes()));
  });
});
