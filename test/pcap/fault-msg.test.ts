/**
 * Capture-file failures as message ids: every failure of readCapture/scanCapture carries a `msg`
 * whose English rendering is exactly its `message`, and whose Simplified Chinese rendering is
 * Chinese and keeps every number and hex value. Each `pcap.*` id is reached by a hand-made file.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/i18n/index.js';
import type { Msg } from '../../src/i18n/message.js';
import { wireMessages } from '../../src/i18n/en/wire.js';
import { readCapture, scanCapture } from '../../src/net/pcap/reader.js';
import { expectRendersBoth } from '../i18n/renders-both.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/pcaps/${name}`, import.meta.url)));

const u16 = (v: number): number[] => [v & 0xff, v >>> 8];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const pad4 = (b: number[]): number[] => (b.length % 4 === 0 ? b : [...b, ...new Array<number>(4 - (b.length % 4)).fill(0)]);
/** A little-endian pcapng block. */
function block(type: number, body: number[]): number[] {
  const padded = pad4(body);
  const len = 12 + padded.length;
  return [...u32(type), ...u32(len), ...padded, ...u32(len)];
}
const SHB = block(0x0a0d0d0a, [...u32(0x1a2b3c4d), ...u16(1), ...u16(0), ...u32(0xffffffff), ...u32(0xffffffff)]);
const idb = (linktype: number, options: number[] = []): number[] => block(1, [...u16(linktype), 0, 0, ...u32(0), ...options]);
const epb = (ifId: number, data: number[], caplen = data.length): number[] =>
  block(6, [...u32(ifId), ...u32(0), ...u32(0), ...u32(caplen), ...u32(data.length), ...data]);
const pb = (ifId: number, data: number[]): number[] => block(2, [...u16(ifId), ...u16(0), ...u32(0), ...u32(0), ...u32(data.length), ...u32(data.length), ...data]);
const spb = (data: number[]): number[] => block(3, [...u32(data.length), ...data]);
const file = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

const golden = fixture('golden-frames-ns.pcap');
const goodNg = file(SHB, idb(1), epb(0, [1, 2, 3]));
const epbAt = SHB.length + idb(1).length;
function edited(bytes: Uint8Array, edit: (b: Uint8Array) => void): Uint8Array {
  const b = bytes.slice();
  edit(b);
  return b;
}

/** A message's id and the ids of the messages nested in its parameters. */
const idsOf = (m: Msg): string[] => [m.id, ...Object.values(m.params ?? {}).flatMap((v) => (typeof v === 'object' ? idsOf(v) : []))];

describe('every capture-file failure is a message id', () => {
  const cases: [string, Uint8Array][] = [
    ['pcap.tooShort', new Uint8Array(2)],
    ['pcap.magic', new TextEncoder().encode('GET / HTTP/1.1\r\n')],
    ['pcap.headerTruncated', golden.subarray(0, 10)],
    ['pcap.version', edited(golden.subarray(0, 24), (b) => (b[4] = 3))],
    ['pcap.record.headerTruncated', golden.subarray(0, 172 + 5)],
    ['pcap.record.fraction', edited(golden, (b) => b.set(u32(1e9), 28))],
    ['pcap.record.past', golden.subarray(0, 172 + 16 + 10)],
    ['pcap.block.truncated', goodNg.subarray(0, epbAt + 6)],
    ['pcap.block.lengthShort', edited(goodNg, (b) => b.set(u32(8), epbAt + 4))],
    ['pcap.block.lengthAlign', edited(goodNg, (b) => b.set(u32(34), epbAt + 4))],
    ['pcap.block.past', goodNg.subarray(0, epbAt + 20)],
    ['pcap.block.trailer', edited(goodNg, (b) => b.set(u32(40), b.length - 4))],
    ['pcap.shb.byteOrder', edited(goodNg, (b) => b.set([1, 2, 3, 4], 8))],
    ['pcap.shb.short', file(block(0x0a0d0d0a, [...u32(0x1a2b3c4d), ...u16(1), ...u16(0), ...u32(0)]))],
    ['pcap.shb.version', edited(goodNg, (b) => b.set(u16(2), 12))],
    ['pcap.idb.short', file(SHB, block(1, [...u16(1), 0, 0]))],
    ['pcap.idb.optionPast', file(SHB, idb(1, [...u16(2), ...u16(100)]))],
    ['pcap.packet.short', file(SHB, idb(1), block(6, new Array<number>(16).fill(0)))],
    ['pcap.packet.noInterface', file(SHB, idb(1), pb(3, [1, 2]))],
    ['pcap.packet.linktype', file(SHB, idb(1), idb(101), epb(1, [1]))],
    ['pcap.packet.past', file(SHB, idb(1), epb(0, [1, 2, 3], 9))],
    ['pcap.spb.short', file(SHB, idb(1), block(3, []))],
    ['pcap.spb.noInterface', file(SHB, spb([0xaa]))],
    ['pcap.spb.linktype', file(SHB, idb(1), SHB, idb(101), spb([0xaa]))],
  ];
  const reached = new Set<string>();

  it.each(cases)('%s', (id, bytes) => {
    const r = readCapture(bytes);
    if (r.ok) throw new Error('read');
    expect(r.error.msg.id).toBe(id);
    expectRendersBoth(r.error);
    const s = scanCapture(bytes);
    expect(s.ok ? undefined : s.error.msg).toEqual(r.error.msg);
    for (const i of idsOf(r.error.msg)) reached.add(i);
  });

  it('the enhanced and the obsolete packet block are named in both languages', () => {
    const r = readCapture(file(SHB, idb(1), epb(3, [1])));
    if (r.ok) throw new Error('read');
    expect(r.error.message).toBe(`pcapng enhanced packet block at byte ${epbAt}: interface 3 is not described in this section`);
    expect(render(r.error.msg, 'zh-CN')).toBe(`字节偏移 ${epbAt} 处的 pcapng 增强分组块：接口 3 没有在本节中描述`);
    reached.add('pcap.block.epb');
  });

  it('the cases above reach every pcap.* id of the catalog', () => {
    expect(Object.keys(wireMessages).filter((id) => id.startsWith('pcap.') && !reached.has(id))).toEqual([]);
  });

  it('the error is plain data: offset, the message id and its English text', () => {
    const r = readCapture(golden.subarray(0, 10));
    if (r.ok) throw new Error('read');
    expect(r.error).toEqual({ offset: 0, msg: { id: 'pcap.headerTruncated', params: { len: 10 } }, message: 'pcap file header truncated: 10 bytes of 24' });
  });
});

describe('any corrupted capture fails with a message that renders in both languages', () => {
  it('byte changes and cuts in the fixtures', () => {
    const files = [golden, fixture('golden-frames.pcapng'), goodNg];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (f, cut, at, byte) => {
        const b = f.slice(0, f.length - (cut % 40));
        if (b.length > 0) b[at % b.length] = byte;
        const r = readCapture(b);
        if (!r.ok) expectRendersBoth(r.error);
      }),
      { numRuns: 1500 },
    );
  });
});
