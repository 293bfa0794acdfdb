import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../src/net/wire/checksum.js';
import { decodeFrame, decodeIpv4, encodeFrame, encodeIpv4 } from '../../src/net/wire/frame.js';
import type { EthernetFrame, Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { hex, VECTORS } from './vectors.js';

function vector(name: string): { bytes: Uint8Array; value: EthernetFrame } {
  const v = VECTORS.find((x) => x.name.startsWith(name));
  if (v === undefined) throw new Error(`no vector ${name}`);
  return { bytes: v.bytes.slice(), value: v.value };
}

/** A copy of `bytes` with `edit` applied. */
function edited(bytes: Uint8Array, edit: (b: Uint8Array) => void): Uint8Array {
  const b = bytes.slice();
  edit(b);
  return b;
}

/** Recomputes the IPv4 header checksum of the header at `at` (so a test reaches deeper checks). */
function fixIpChecksum(b: Uint8Array, at: number): void {
  const hl = ((b[at] as number) & 0x0f) * 4;
  b[at + 10] = 0;
  b[at + 11] = 0;
  const c = internetChecksum(b, at, at + hl);
  b[at + 10] = c >>> 8;
  b[at + 11] = c & 0xff;
}

// TCP SYN: eth 0..13, IP 14..33, TCP 34..53, options 54 MSS, 58 SACK-perm, 60 TS, 70 NOP, 71 WS.
const SYN = vector('TCP SYN').bytes;
const UDP = vector('UDP').bytes; // eth 0..13, IP 14..33, UDP 34..41
const ECHO = vector('ICMP echo').bytes; // ICMP at 34
const VRRP2 = vector('VRRPv2').bytes; // VRRP at 34
const VRRP3 = vector('VRRPv3 advertisement vrid').bytes;
const ARP = vector('ARP').bytes;

const NO_CSUM = { verifyChecksums: false } as const;

describe('malformed frames give a typed error at the right byte offset', () => {
  const cases: [string, Uint8Array, { verifyChecksums?: boolean } | undefined, string, number, RegExp][] = [
    ['empty buffer', new Uint8Array(0), undefined, 'eth', 0, /truncated/],
    ['13-byte frame', SYN.subarray(0, 13), undefined, 'eth', 0, /truncated/],
    ['IPv4 header cut at 10 bytes', SYN.subarray(0, 24), undefined, 'ipv4', 14, /truncated/],
    ['IP version 6 under ethertype 0x0800', edited(SYN, (b) => (b[14] = 0x65)), undefined, 'ipv4', 14, /version 6/],
    ['IHL 4', edited(SYN, (b) => (b[14] = 0x44)), undefined, 'ipv4', 14, /below the minimum/],
    ['IHL 15 past the buffer', edited(SYN.subarray(0, 14 + 40), (b) => (b[14] = 0x4f)), undefined, 'ipv4', 14, /60 bytes runs past the 40/],
    ['total length beyond the frame', edited(SYN, (b) => (b[17] = 0x3d)), undefined, 'ipv4', 16, /total length 61 exceeds the 60/],
    ['total length shorter than the header', edited(SYN, (b) => (b[17] = 0x10)), undefined, 'ipv4', 16, /shorter than/],
    ['bad IP header checksum', edited(SYN, (b) => (b[22] = 0x3f)), undefined, 'ipv4', 24, /checksum 0x9ab7 is wrong/],
    ['bad TCP checksum', edited(SYN, (b) => (b[60] = (b[60] as number) ^ 1)), undefined, 'tcp', 50, /TCP checksum/],
    ['TCP data offset 4', edited(SYN, (b) => (b[46] = 0x40)), undefined, 'tcp', 46, /below the minimum/],
    ['TCP data offset 15 past the segment', edited(SYN, (b) => (b[46] = 0xf0)), undefined, 'tcp', 46, /runs past/],
    ['TCP option length 0', edited(SYN, (b) => (b[55] = 0)), NO_CSUM, 'tcp', 55, /length 0, below the minimum of 2/],
    ['TCP option running past the header', edited(SYN, (b) => (b[61] = 40)), NO_CSUM, 'tcp', 61, /runs past the end of the options/],
    ['TCP option kind in the last byte with no length', edited(SYN, (b) => b.set([1, 1, 1, 8], 70)), NO_CSUM, 'tcp', 73, /no length byte/],
    ['UDP length 7', edited(UDP, (b) => (b[39] = 7)), NO_CSUM, 'udp', 38, /below the header/],
    ['UDP length beyond the IP payload', edited(UDP, (b) => (b[39] = 14)), NO_CSUM, 'udp', 38, /exceeds the 13 bytes/],
    ['bad UDP checksum', edited(UDP, (b) => (b[46] = (b[46] as number) ^ 0x20)), undefined, 'udp', 40, /UDP checksum 0xfc1e is wrong/],
    ['bad ICMP checksum', edited(ECHO, (b) => (b[42] = (b[42] as number) ^ 1)), undefined, 'icmp', 36, /ICMP checksum/],
    ['ICMP shorter than 8 bytes', edited(ECHO.subarray(0, 40), (b) => ((b[17] = 26), fixIpChecksum(b, 14))), undefined, 'icmp', 34, /truncated/],
    ['VRRP count disagreeing with the length', edited(VRRP2, (b) => (b[37] = 2)), NO_CSUM, 'vrrp', 37, /2 addresses make 24/],
    ['VRRP version 4', edited(VRRP2, (b) => (b[34] = 0x41)), NO_CSUM, 'vrrp', 34, /version 4/],
    ['bad VRRPv2 checksum', edited(VRRP2, (b) => (b[35] = 52)), undefined, 'vrrp', 40, /VRRPv2 checksum 0xb8bd/],
    ['bad VRRPv3 checksum in both forms', edited(VRRP3, (b) => (b[35] = 52)), undefined, 'vrrp', 40, /with or without/],
    ['ARP cut after the fixed part', ARP.subarray(0, 30), undefined, 'arp', 14, /needs 28/],
  ];
  it.each(cases)('%s', (_name, bytes, opts, layer, offset, message) => {
    const r = decodeFrame(bytes, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.layer).toBe(layer);
      expect(r.error.offset).toBe(offset);
      expect(r.error.message).toMatch(message);
    }
  });

  it('decodeIpv4 reports offsets from the start of the bytes it was given', () => {
    const ip = SYN.slice(14);
    ip[8] = 63; // ttl: breaks the header checksum at byte 10
    expect(decodeIpv4(ip)).toMatchObject({ ok: false, error: { layer: 'ipv4', offset: 10 } });
  });

  it('rejects IPIP nested more than 8 deep (bounded recursion)', () => {
    let p: Ipv4Packet = (vector('IPIP').value.payload as Ipv4Packet).payload as Ipv4Packet;
    for (let i = 0; i < 8; i++) p = { ...p, protocol: 4, payload: p };
    const r = decodeIpv4(encodeIpv4(p));
    expect(r).toMatchObject({ ok: false, error: { layer: 'ipv4', offset: 8 * 20, message: 'more than 8 nested IPv4 headers' } });
    expect(decodeIpv4(encodeIpv4(p.payload as Ipv4Packet)).ok).toBe(true);
  });
});

describe('lenient decoding', () => {
  it('accepts wrong checksums when verification is off (checksum offload captures)', () => {
    const { bytes, value } = vector('TCP SYN');
    const bad = edited(bytes, (b) => ((b[24] = (b[24] as number) ^ 0xff), (b[50] = (b[50] as number) ^ 0xff)));
    expect(decodeFrame(bad)).toMatchObject({ ok: false });
    expect(decodeFrame(bad, NO_CSUM)).toEqual({ ok: true, value });
  });

  it('accepts a UDP checksum of zero (sender computed none, RFC 768)', () => {
    const { bytes, value } = vector('UDP');
    expect(decodeFrame(edited(bytes, (b) => ((b[40] = 0), (b[41] = 0))))).toEqual({ ok: true, value });
  });

  it('ignores IP payload bytes beyond the UDP length, as Linux trims them', () => {
    const { bytes, value } = vector('UDP');
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    longer[17] = 0x24; // total length 36: 3 extra bytes after the datagram
    fixIpChecksum(longer, 14);
    const r = decodeFrame(longer);
    expect(r.ok && r.value.payload.layer === 'ipv4' && r.value.payload.payload).toEqual((value.payload as Ipv4Packet).payload);
  });

  it('ignores reserved bits (IP flag bit 0x8000, TCP header bits 9-11) as a receiver must', () => {
    const { bytes, value } = vector('TCP SYN');
    const b = edited(bytes, (x) => ((x[20] = (x[20] as number) | 0x80), (x[46] = (x[46] as number) | 0x0e)));
    fixIpChecksum(b, 14);
    expect(decodeFrame(b, NO_CSUM)).toEqual({ ok: true, value });
  });

  it('keeps a non-IPv4-over-Ethernet ARP packet as raw bytes', () => {
    const b = edited(ARP, (x) => (x[15] = 6)); // htype 6 (IEEE 802)
    expect(decodeFrame(b)).toMatchObject({ ok: true, value: { payload: { layer: 'raw', bytes: b.subarray(14) } } });
  });
});

describe('TCP options', () => {
  const base = vector('TCP SYN').value;
  const ipOf = (f: EthernetFrame): Ipv4Packet => f.payload as Ipv4Packet;
  const withOptionBytes = (opt: string): Uint8Array => {
    // Encode a segment with an unknown placeholder option, then overwrite its bytes.
    const optBytes = hex(opt);
    const seg: TcpSegment = { ...(ipOf(base).payload as TcpSegment), options: [{ kind: 'unknown', type: 99, data: new Uint8Array(optBytes.length - 2) }] };
    const bytes = encodeFrame({ ...base, payload: { ...ipOf(base), payload: seg } }).slice();
    bytes.set(optBytes, 54);
    return bytes;
  };
  const optionsOf = (bytes: Uint8Array): unknown => {
    const r = decodeFrame(bytes, NO_CSUM);
    return r.ok ? ((r.value.payload as Ipv4Packet).payload as TcpSegment).options : r.error;
  };

  it('keeps a known kind with a length Linux would not accept as unknown (MSS of length 3 + EOL)', () => {
    expect(optionsOf(withOptionBytes('02 03 05 00'))).toEqual([{ kind: 'unknown', type: 2, data: hex('05') }, { kind: 'eol' }]);
  });

  it('keeps a 20-byte dpvs IPv6 TOA (kind 254) as unknown', () => {
    const opt = 'fe 14 9c 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 0a 01 01';
    expect(optionsOf(withOptionBytes(opt))).toEqual([
      { kind: 'unknown', type: 254, data: hex('9c 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 0a') },
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'eol' }, // 22 option bytes are padded to 24
    ]);
  });

  it('decodes SACK blocks and stops at EOL, ignoring what follows', () => {
    expect(optionsOf(withOptionBytes('05 0a 00 00 00 01 00 00 00 09  00 ff'))).toEqual([
      { kind: 'sack', blocks: [[1, 9]] },
      { kind: 'eol' },
    ]);
  });

  it('pads options to 4 bytes with zeros, which decode turns into the final EOL', () => {
    const seg: TcpSegment = { ...(ipOf(base).payload as TcpSegment), options: [{ kind: 'wscale', shift: 7 }, { kind: 'eol' }] };
    const frame: EthernetFrame = { ...base, payload: { ...ipOf(base), payload: seg } };
    const bytes = encodeFrame(frame);
    expect(Array.from(bytes.subarray(46, 47))).toEqual([0x60]); // data offset 6 = 24 bytes
    expect(Array.from(bytes.subarray(54, 58))).toEqual([3, 3, 7, 0]);
    const noEol: TcpSegment = { ...seg, options: [{ kind: 'wscale', shift: 7 }] };
    expect(Array.from(encodeFrame({ ...frame, payload: { ...ipOf(frame), payload: noEol } }))).toEqual(Array.from(bytes));
  });
});

describe('ICMP stays lossless', () => {
  it('decodes an unreachable with non-zero unused bytes (RFC 4884 length) as other', () => {
    const { bytes } = vector('ICMP fragmentation');
    const b = edited(bytes, (x) => (x[39] = 7)); // byte 5 of the ICMP header
    const r = decodeFrame(b, NO_CSUM);
    expect(r.ok && (r.value.payload as Ipv4Packet).payload).toMatchObject({ kind: 'other', type: 3, code: 4, rest: 0x000705c8 });
  });
});
