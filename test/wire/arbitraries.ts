/**
 * fast-check generators of valid, canonical packet values (those decode gives back exactly):
 * see the validity notes on each emitter. TCP option lists follow the padding rule of
 * packet.ts: EOL only last, present whenever the options' length is not a multiple of 4.
 */
import fc from 'fast-check';
import { foldSum, pseudoHeaderSum } from '../../src/net/wire/checksum.js';
import { tcpOptionLength, vrrpLength } from '../../src/net/wire/length.js';
import type {
  ArpPacket,
  EthernetFrame,
  IcmpMessage,
  Ipv4Packet,
  RawPayload,
  TcpOption,
  TcpSegment,
  UdpDatagram,
  VrrpPacket,
} from '../../src/net/wire/packet.js';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const mac = fc.integer({ min: 0, max: 2 ** 48 - 1 });
const ip4 = u32;
const bytes = (maxLength: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength });

const KNOWN_KINDS = new Set([0, 1, 2, 3, 4, 5, 8, 254]);

const tcpOption: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.constant<TcpOption>({ kind: 'nop' }),
  u16.map<TcpOption>((value) => ({ kind: 'mss', value })),
  u8.map<TcpOption>((shift) => ({ kind: 'wscale', shift })),
  fc.constant<TcpOption>({ kind: 'sackPermitted' }),
  fc
    .array(fc.tuple(u32, u32), { minLength: 1, maxLength: 4 })
    .map<TcpOption>((blocks) => ({ kind: 'sack', blocks: blocks.map(([l, r]) => [l, r] as const) })),
  fc.record({ tsval: u32, tsecr: u32 }).map<TcpOption>((t) => ({ kind: 'timestamps', ...t })),
  fc.record({ port: u16, addr: ip4 }).map<TcpOption>((t) => ({ kind: 'toa', ...t })),
  fc
    .record({ type: u8.filter((k) => !KNOWN_KINDS.has(k)), data: bytes(12) })
    .map<TcpOption>((t) => ({ kind: 'unknown', ...t })),
  // A dpvs IPv6 TOA: kind 254 with length 20 is not the IPv4 TOA and stays unknown.
  fc.uint8Array({ minLength: 18, maxLength: 18 }).map<TcpOption>((data) => ({ kind: 'unknown', type: 254, data })),
);

/** Canonical TCP option lists of at most 40 bytes. */
export const tcpOptions: fc.Arbitrary<readonly TcpOption[]> = fc
  .tuple(fc.array(tcpOption, { maxLength: 8 }), fc.boolean())
  .map(([opts, extraEol]) => {
    const out: TcpOption[] = [];
    let len = 0;
    for (const o of opts) {
      const l = tcpOptionLength(o);
      if (len + l > 40) break;
      out.push(o);
      len += l;
    }
    if (len < 40 && (len % 4 !== 0 || extraEol)) out.push({ kind: 'eol' });
    return out;
  });

export const tcpSegment: fc.Arbitrary<TcpSegment> = fc.record({
  layer: fc.constant('tcp' as const),
  sport: u16,
  dport: u16,
  seq: u32,
  ack: u32,
  flags: fc.integer({ min: 0, max: 0x1ff }),
  window: u16,
  urgent: u16,
  options: tcpOptions,
  payload: bytes(64),
});

export const udpDatagram: fc.Arbitrary<UdpDatagram> = fc.record({
  layer: fc.constant('udp' as const),
  sport: u16,
  dport: u16,
  payload: bytes(64),
});

export const icmpMessage: fc.Arbitrary<IcmpMessage> = fc.oneof(
  fc.record({
    layer: fc.constant('icmp' as const),
    kind: fc.constant('echo' as const),
    type: fc.constantFrom(0 as const, 8 as const),
    code: u8,
    ident: u16,
    seq: u16,
    data: bytes(64),
  }),
  fc.tuple(u8, u16, bytes(64)).map<IcmpMessage>(([code, mtu, original]) => ({
    layer: 'icmp',
    kind: 'unreach',
    code,
    nextHopMtu: code === 4 ? mtu : 0,
    original,
  })),
  fc.record({ layer: fc.constant('icmp' as const), kind: fc.constant('timeExceeded' as const), code: u8, original: bytes(64) }),
  fc.record({
    layer: fc.constant('icmp' as const),
    kind: fc.constant('other' as const),
    type: u8.filter((t) => t !== 0 && t !== 3 && t !== 8 && t !== 11),
    code: u8,
    rest: u32,
    data: bytes(32),
  }),
);

const addrs = fc.array(ip4, { maxLength: 20 });

export const vrrpPacket: fc.Arbitrary<VrrpPacket> = fc.oneof(
  fc.record({
    layer: fc.constant('vrrp' as const),
    version: fc.constant(2 as const),
    type: fc.integer({ min: 0, max: 15 }),
    vrid: u8,
    priority: u8,
    authType: u8,
    adverInt: u8,
    addrs,
    authData: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  }),
  fc
    .record({
      layer: fc.constant('vrrp' as const),
      version: fc.constant(3 as const),
      type: fc.integer({ min: 0, max: 15 }),
      vrid: u8,
      priority: u8,
      maxAdverInt: fc.integer({ min: 0, max: 0xfff }),
      addrs,
    })
    .chain((v) => fc.boolean().map<VrrpPacket>((asV2) => (asV2 ? { ...v, checksumAsV2: true } : v))),
);

const rawPayload = (maxLength: number): fc.Arbitrary<RawPayload> =>
  bytes(maxLength).map((b) => ({ layer: 'raw' as const, bytes: b }));

const ipOptions = fc.integer({ min: 0, max: 10 }).chain((n) => fc.uint8Array({ minLength: 4 * n, maxLength: 4 * n }));

const unboundProtocol = u8.filter((p) => ![1, 4, 6, 17, 112].includes(p));
const PROTOCOL_OF = { tcp: 6, udp: 17, icmp: 1, ipv4: 4, vrrp: 112 } as const;

/**
 * An IPv4 header around `payload`, with the protocol and fragment fields that fit it: a raw
 * payload is a fragment (any protocol) or an unfragmented packet of an unbound protocol.
 */
function ipv4Around(payload: fc.Arbitrary<Ipv4Packet['payload']>): fc.Arbitrary<Ipv4Packet> {
  return fc
    .record({
      tos: u8,
      id: u16,
      df: fc.boolean(),
      ttl: u8,
      src: ip4,
      dst: ip4,
      options: ipOptions,
      payload,
      frag: fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 0x1fff }), u8, unboundProtocol),
    })
    .map(({ frag: [mf, fragOffset, anyProtocol, unbound], ...h }): Ipv4Packet => {
      if (h.payload.layer === 'raw') {
        const fragmented = mf || fragOffset > 0;
        return { layer: 'ipv4', ...h, protocol: fragmented ? anyProtocol : unbound, mf, fragOffset };
      }
      return { layer: 'ipv4', ...h, protocol: PROTOCOL_OF[h.payload.layer], mf: false, fragOffset: 0 };
    })
    .filter((p) => p.payload.layer !== 'vrrp' || !vrrpChecksumAmbiguous(p.src, p.dst, p.payload));
}

/**
 * Whether both VRRPv3 checksum forms would verify (the pseudo-header sums to one's-complement
 * zero): decode cannot tell them apart and reports the default form.
 */
function vrrpChecksumAmbiguous(src: number, dst: number, v: VrrpPacket): boolean {
  return v.version === 3 && foldSum(pseudoHeaderSum(src, dst, 112, vrrpLength(v))) === 0xffff;
}

/** Valid IPv4 packets, IPIP nested up to three deep. */
export const ipv4Packet: fc.Arbitrary<Ipv4Packet> = fc.letrec<{ ip: Ipv4Packet }>((tie) => ({
  ip: ipv4Around(
    fc.oneof(
      { depthIdentifier: 'ipip', maxDepth: 3 },
      tcpSegment,
      udpDatagram,
      icmpMessage,
      vrrpPacket,
      rawPayload(48),
      tie('ip'),
    ),
  ),
})).ip;

export const arpPacket: fc.Arbitrary<ArpPacket> = fc.record({
  layer: fc.constant('arp' as const),
  oper: u16,
  sha: mac,
  spa: ip4,
  tha: mac,
  tpa: ip4,
});

/** Valid Ethernet frames. */
export const ethernetFrame: fc.Arbitrary<EthernetFrame> = fc.oneof(
  fc.record({ layer: fc.constant('eth' as const), dst: mac, src: mac, ethertype: fc.constant(0x0800), payload: ipv4Packet }),
  fc.record({ layer: fc.constant('eth' as const), dst: mac, src: mac, ethertype: fc.constant(0x0806), payload: arpPacket }),
  fc.record({
    layer: fc.constant('eth' as const),
    dst: mac,
    src: mac,
    ethertype: u16.filter((t) => t !== 0x0800 && t !== 0x0806),
    payload: rawPayload(64),
  }),
);
