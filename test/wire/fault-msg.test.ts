/**
 * Decode failures as message ids: every failure of the wire decoders carries a `msg` whose English
 * rendering is exactly the `message` library users read, and whose Simplified Chinese rendering is
 * Chinese and keeps every number and hex value of the English. Each `wire.*` id is reached by at
 * least one malformed frame below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireMessages } from '../../src/i18n/en/wire.js';
import { internetChecksum } from '../../src/net/wire/checksum.js';
import { decodeFrame, decodeIpv4, encodeIpv4 } from '../../src/net/wire/frame.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { VECTORS } from './vectors.js';
import { expectRendersBoth } from '../i18n/renders-both.js';


function bytesOf(name: string): Uint8Array {
  const v = VECTORS.find((x) => x.name.startsWith(name));
  if (v === undefined) throw new Error(`no vector ${name}`);
  return v.bytes.slice();
}

function edited(bytes: Uint8Array, edit: (b: Uint8Array) => void): Uint8Array {
  const b = bytes.slice();
  edit(b);
  return b;
}

/** The frame cut to `n` bytes of IPv4 payload, with the IPv4 total length and checksum made to agree. */
function ipPayloadCut(bytes: Uint8Array, n: number): Uint8Array {
  const b = bytes.slice(0, 14 + 20 + n);
  b[16] = 0;
  b[17] = 20 + n;
  b[24] = 0;
  b[25] = 0;
  const c = internetChecksum(b, 14, 34);
  b[24] = c >>> 8;
  b[25] = c & 0xff;
  return b;
}

const SYN = bytesOf('TCP SYN');
const UDP = bytesOf('UDP');
const ECHO = bytesOf('ICMP echo');
const VRRP2 = bytesOf('VRRPv2');
const VRRP3 = bytesOf('VRRPv3 advertisement vrid');
const ARP = bytesOf('ARP');
const NO_CSUM = { verifyChecksums: false } as const;

describe('every wire decode failure is a message id', () => {
  const cases: [string, Uint8Array, { verifyChecksums?: boolean } | undefined][] = [
    ['wire.eth.truncated', SYN.subarray(0, 13), undefined],
    ['wire.arp.headerTruncated', ARP.subarray(0, 14 + 6), undefined],
    ['wire.arp.truncated', ARP.subarray(0, 30), undefined],
    ['wire.ipv4.truncated', SYN.subarray(0, 24), undefined],
    ['wire.ipv4.version', edited(SYN, (b) => (b[14] = 0x65)), undefined],
    ['wire.ipv4.ihlShort', edited(SYN, (b) => (b[14] = 0x44)), undefined],
    ['wire.ipv4.ihlPast', edited(SYN.subarray(0, 14 + 40), (b) => (b[14] = 0x4f)), undefined],
    ['wire.ipv4.totalShort', edited(SYN, (b) => (b[17] = 0x10)), undefined],
    ['wire.ipv4.totalPast', edited(SYN, (b) => (b[17] = 0x3d)), undefined],
    ['wire.ipv4.checksum', edited(SYN, (b) => (b[22] = 0x3f)), undefined],
    ['wire.icmp.truncated', ipPayloadCut(ECHO, 6), undefined],
    ['wire.icmp.checksum', edited(ECHO, (b) => (b[42] = (b[42] as number) ^ 1)), undefined],
    ['wire.tcp.truncated', ipPayloadCut(SYN, 12), undefined],
    ['wire.tcp.doffShort', edited(SYN, (b) => (b[46] = 0x40)), undefined],
    ['wire.tcp.doffPast', edited(SYN, (b) => (b[46] = 0xf0)), undefined],
    ['wire.tcp.checksum', edited(SYN, (b) => (b[60] = (b[60] as number) ^ 1)), undefined],
    ['wire.tcp.optNoLength', edited(SYN, (b) => b.set([1, 1, 1, 8], 70)), NO_CSUM],
    ['wire.tcp.optShort', edited(SYN, (b) => (b[55] = 0)), NO_CSUM],
    ['wire.tcp.optPast', edited(SYN, (b) => (b[61] = 40)), NO_CSUM],
    ['wire.udp.truncated', ipPayloadCut(UDP, 4), undefined],
    ['wire.udp.lengthShort', edited(UDP, (b) => (b[39] = 7)), NO_CSUM],
    ['wire.udp.lengthPast', edited(UDP, (b) => (b[39] = 14)), NO_CSUM],
    ['wire.udp.checksum', edited(UDP, (b) => (b[46] = (b[46] as number) ^ 0x20)), undefined],
    ['wire.vrrp.truncated', ipPayloadCut(VRRP2, 7), undefined],
    ['wire.vrrp.version', edited(VRRP2, (b) => (b[34] = 0x41)), NO_CSUM],
    ['wire.vrrp.count', edited(VRRP2, (b) => (b[37] = 2)), NO_CSUM],
    ['wire.vrrp.checksumV2', edited(VRRP2, (b) => (b[35] = 52)), undefined],
    ['wire.vrrp.checksumV3', edited(VRRP3, (b) => (b[35] = 52)), undefined],
  ];

  it.each(cases)('%s', (id, bytes, opts) => {
    const r = decodeFrame(bytes, opts);
    if (r.ok) throw new Error('decoded');
    expect(r.error.msg.id).toBe(id);
    expectRendersBoth(r.error);
  });

  it('wire.ipv4.nested (IPIP deeper than 8)', () => {
    const ipip = VECTORS.find((x) => x.name.startsWith('IPIP'))?.value.payload as Ipv4Packet;
    let p = ipip.payload as Ipv4Packet;
    for (let i = 0; i < 8; i++) p = { ...p, protocol: 4, payload: p };
    const r = decodeIpv4(encodeIpv4(p));
    if (r.ok) throw new Error('decoded');
    expect(r.error.msg).toEqual({ id: 'wire.ipv4.nested', params: { max: 8 } });
    expectRendersBoth(r.error);
  });

  it('the cases above reach every wire.* id of the catalog', () => {
    const reached = new Set([...cases.map((c) => c[0]), 'wire.ipv4.nested']);
    expect(Object.keys(wireMessages).filter((id) => id.startsWith('wire.') && !reached.has(id))).toEqual([]);
  });

  it('the error is plain data: layer, offset, the message id and its English text', () => {
    const r = decodeFrame(SYN.subarray(0, 13));
    if (r.ok) throw new Error('decoded');
    expect(r.error).toEqual({ layer: 'eth', offset: 0, msg: { id: 'wire.eth.truncated', params: { len: 13 } }, message: 'Ethernet header truncated: 13 bytes, the header needs 14' });
  });
});

describe('any corrupted frame fails with a message that renders in both languages', () => {
  it('byte flips in the golden frames, with and without checksum verification', () => {
    const frames = VECTORS.map((v) => v.bytes);
    fc.assert(
      fc.property(
        fc.constantFrom(...frames),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.boolean(),
        (f, flips, cut, verify) => {
          const b = f.slice(0, f.length - (cut % 8));
          for (const [i, m] of flips) b[i % b.length] = (b[i % b.length] as number) ^ m;
          const r = decodeFrame(b, { verifyChecksums: verify });
          if (!r.ok) expectRendersBoth(r.error);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
