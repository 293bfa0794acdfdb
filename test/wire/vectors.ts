/**
 * Golden frames: bytes laid out by hand, field by field, and the packet values they stand for.
 * Every checksum was computed by an independent implementation (a Python struct script written
 * for this, not our codec) and the whole set was checked once with tshark 4.0.17
 * (`-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE`): every
 * IP/TCP/UDP/ICMP/VRRP/IGMP checksum status "Good", no malformed frame. The VRRPv3 frame with the
 * RFC 9568 checksum is "Good" only with `-o vrrp.v3_checksum_as_in_v2:TRUE`, as expected.
 * Two checksums worked by hand are shown in comments.
 */
import type { EthernetFrame, Ipv4Packet } from '../../src/net/wire/packet.js';
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';

/** Bytes from hex text with any whitespace. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function ip(text: string): number {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad test address ${text}`);
  return v;
}

export function mac(text: string): number {
  const v = parseMac(text);
  if (v === undefined) throw new Error(`bad test MAC ${text}`);
  return v;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const NONE = new Uint8Array(0);

const CLIENT = mac('02:00:00:00:00:0a');
const DIRECTOR = mac('02:00:00:00:00:64');
const REAL = mac('02:00:00:00:00:02');

function ipv4(fields: Partial<Ipv4Packet> & Pick<Ipv4Packet, 'src' | 'dst' | 'protocol' | 'payload'>): Ipv4Packet {
  return { layer: 'ipv4', tos: 0, id: 0, df: true, mf: false, fragOffset: 0, ttl: 64, options: NONE, ...fields };
}

export interface Vector {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly value: EthernetFrame;
}

export const VECTORS: readonly Vector[] = [
  {
    name: 'ARP request who-has 192.168.1.100 tell 192.168.1.10',
    bytes: hex(`
      ff ff ff ff ff ff  02 00 00 00 00 0a  08 06
      00 01 08 00 06 04 00 01  02 00 00 00 00 0a  c0 a8 01 0a  00 00 00 00 00 00  c0 a8 01 64`),
    value: {
      layer: 'eth',
      dst: mac('ff:ff:ff:ff:ff:ff'),
      src: CLIENT,
      ethertype: 0x0806,
      payload: { layer: 'arp', oper: 1, sha: CLIENT, spa: ip('192.168.1.10'), tha: 0, tpa: ip('192.168.1.100') },
    },
  },
  {
    // IP checksum by hand: 4500+003c+1c46+4000+4006+0000+c0a8+010a+c0a8+0164 = 0x26546,
    // folded 0x6546+2 = 0x6548, complemented 0x9ab7.
    name: 'TCP SYN with Linux options MSS, SACK-permitted, timestamps, NOP, window scale',
    bytes: hex(`
      02 00 00 00 00 64  02 00 00 00 00 0a  08 00
      45 00 00 3c 1c 46 40 00 40 06 9a b7 c0 a8 01 0a c0 a8 01 64
      9c 40 00 50 12 34 56 78 00 00 00 00 a0 02 fa f0 e1 d1 00 00
      02 04 05 b4  04 02  08 0a 00 01 e2 40 00 00 00 00  01  03 03 07`),
    value: {
      layer: 'eth',
      dst: DIRECTOR,
      src: CLIENT,
      ethertype: 0x0800,
      payload: ipv4({
        id: 0x1c46,
        protocol: 6,
        src: ip('192.168.1.10'),
        dst: ip('192.168.1.100'),
        payload: {
          layer: 'tcp',
          sport: 40000,
          dport: 80,
          seq: 0x12345678,
          ack: 0,
          flags: 0x002,
          window: 64240,
          urgent: 0,
          options: [
            { kind: 'mss', value: 1460 },
            { kind: 'sackPermitted' },
            { kind: 'timestamps', tsval: 123456, tsecr: 0 },
            { kind: 'nop' },
            { kind: 'wscale', shift: 7 },
          ],
          payload: NONE,
        },
      }),
    },
  },
  {
    name: 'FULLNAT TCP PSH+ACK with TOA (192.168.1.10:40000), NOP, NOP, timestamps and 5 bytes',
    bytes: hex(`
      02 00 00 00 00 02  02 00 00 00 00 64  08 00
      45 00 00 41 00 01 40 00 40 06 26 51 0a 00 00 64 0a 00 00 02
      13 88 00 50 12 34 56 79 0b ad ca fe a0 18 01 f6 d2 61 00 00
      fe 08 9c 40 c0 a8 01 0a  01 01  08 0a 00 01 e2 41 00 0f 12 06
      47 45 54 20 2f`),
    value: {
      layer: 'eth',
      dst: REAL,
      src: DIRECTOR,
      ethertype: 0x0800,
      payload: ipv4({
        id: 1,
        protocol: 6,
        src: ip('10.0.0.100'),
        dst: ip('10.0.0.2'),
        payload: {
          layer: 'tcp',
          sport: 5000,
          dport: 80,
          seq: 0x12345679,
          ack: 0x0badcafe,
          flags: 0x018,
          window: 502,
          urgent: 0,
          options: [
            { kind: 'toa', port: 40000, addr: ip('192.168.1.10') },
            { kind: 'nop' },
            { kind: 'nop' },
            { kind: 'timestamps', tsval: 123457, tsecr: 987654 },
          ],
          payload: ascii('GET /'),
        },
      }),
    },
  },
  {
    // UDP checksum by hand: pseudo-header 0a00+0001+0a00+0002+0011+000d = 0x1421; datagram
    // 9c40+0fa0+000d+0000+6865+6c6c+6f00 = 0x1efbe; total 0x203df, folded 0x03e1, complemented 0xfc1e.
    name: 'UDP 10.0.0.1:40000 -> 10.0.0.2:4000 "hello"',
    bytes: hex(`
      02 00 00 00 00 02  02 00 00 00 00 0a  08 00
      45 00 00 21 42 42 40 00 40 11 e4 87 0a 00 00 01 0a 00 00 02
      9c 40 0f a0 00 0d fc 1e  68 65 6c 6c 6f`),
    value: {
      layer: 'eth',
      dst: REAL,
      src: CLIENT,
      ethertype: 0x0800,
      payload: ipv4({
        id: 0x4242,
        protocol: 17,
        src: ip('10.0.0.1'),
        dst: ip('10.0.0.2'),
        payload: { layer: 'udp', sport: 40000, dport: 4000, payload: ascii('hello') },
      }),
    },
  },
  {
    name: 'ICMP fragmentation needed, next-hop MTU 1480 (RFC 1191), quoting a 1500-byte DF packet',
    bytes: hex(`
      02 00 00 00 00 0a  02 00 00 00 00 64  08 00
      45 c0 00 38 00 00 00 00 40 01 ae 52 0a 00 00 01 c0 a8 01 0a
      03 04 f1 f5 00 00 05 c8
      45 00 05 dc 01 02 40 00 40 06 68 66 c0 a8 01 0a 0a 00 00 02  9c 40 00 50 12 34 56 79`),
    value: {
      layer: 'eth',
      dst: CLIENT,
      src: DIRECTOR,
      ethertype: 0x0800,
      payload: ipv4({
        tos: 0xc0,
        df: false,
        protocol: 1,
        src: ip('10.0.0.1'),
        dst: ip('192.168.1.10'),
        payload: {
          layer: 'icmp',
          kind: 'unreach',
          code: 4,
          nextHopMtu: 1480,
          original: hex('45 00 05 dc 01 02 40 00 40 06 68 66 c0 a8 01 0a 0a 00 00 02  9c 40 00 50 12 34 56 79'),
        },
      }),
    },
  },
  {
    name: 'ICMP echo request id 0x1234 seq 1',
    bytes: hex(`
      02 00 00 00 00 64  02 00 00 00 00 0a  08 00
      45 00 00 24 0a bc 40 00 40 01 ac 5e c0 a8 01 0a c0 a8 01 64
      08 00 54 35 12 34 00 01  61 62 63 64 65 66 67 68`),
    value: {
      layer: 'eth',
      dst: DIRECTOR,
      src: CLIENT,
      ethertype: 0x0800,
      payload: ipv4({
        id: 0x0abc,
        protocol: 1,
        src: ip('192.168.1.10'),
        dst: ip('192.168.1.100'),
        payload: { layer: 'icmp', kind: 'echo', type: 8, code: 0, ident: 0x1234, seq: 1, data: ascii('abcdefgh') },
      }),
    },
  },
  {
    // VRRP checksum by hand: 2133+6401+0001+0000+c0a8+0164+0+0+0+0 = 0x14741, folded 0x4742,
    // complemented 0xb8bd (no pseudo-header in v2).
    name: 'VRRPv2 advertisement vrid 51 prio 100 adver 1 s, VIP 192.168.1.100',
    bytes: hex(`
      01 00 5e 00 00 12  00 00 5e 00 01 33  08 00
      45 c0 00 28 00 00 00 00 ff 70 18 ea c0 a8 01 01 e0 00 00 12
      21 33 64 01 00 01 b8 bd  c0 a8 01 64  00 00 00 00 00 00 00 00`),
    value: {
      layer: 'eth',
      dst: mac('01:00:5e:00:00:12'),
      src: mac('00:00:5e:00:01:33'),
      ethertype: 0x0800,
      payload: ipv4({
        tos: 0xc0,
        df: false,
        ttl: 255,
        protocol: 112,
        src: ip('192.168.1.1'),
        dst: ip('224.0.0.18'),
        payload: {
          layer: 'vrrp',
          version: 2,
          type: 1,
          vrid: 51,
          priority: 100,
          authType: 0,
          adverInt: 1,
          addrs: [ip('192.168.1.100')],
          authData: new Uint8Array(8),
        },
      }),
    },
  },
  {
    name: 'VRRPv3 advertisement vrid 51 prio 150 max adver 100 cs, checksum with pseudo-header',
    bytes: hex(`
      01 00 5e 00 00 12  02 00 00 00 00 c2  08 00
      45 c0 00 24 00 00 00 00 ff 70 18 ed c0 a8 01 02 e0 00 00 12
      31 33 96 02 00 64 12 0e  c0 a8 01 64  c0 a8 01 65`),
    value: vrrp3Frame(false),
  },
  {
    name: 'VRRPv3 advertisement, RFC 9568 checksum without pseudo-header (v3_checksum_as_v2)',
    bytes: hex(`
      01 00 5e 00 00 12  02 00 00 00 00 c2  08 00
      45 c0 00 24 00 00 00 00 ff 70 18 ed c0 a8 01 02 e0 00 00 12
      31 33 96 02 00 64 b4 4b  c0 a8 01 64  c0 a8 01 65`),
    value: vrrp3Frame(true),
  },
  {
    name: 'IPIP (LVS tunnel): DIP 10.0.0.1 -> RIP 10.0.0.2 carrying client SYN to the VIP',
    bytes: hex(`
      02 00 00 00 00 02  02 00 00 00 00 64  08 00
      45 00 00 40 00 00 40 00 40 04 26 b8 0a 00 00 01 0a 00 00 02
      45 00 00 2c 00 07 40 00 40 06 b7 06 c0 a8 01 0a c0 a8 01 64
      9c 41 00 50 00 00 00 01 00 00 00 00 60 02 fa f0 7c e4 00 00  02 04 05 b4`),
    value: {
      layer: 'eth',
      dst: REAL,
      src: DIRECTOR,
      ethertype: 0x0800,
      payload: ipv4({
        protocol: 4,
        src: ip('10.0.0.1'),
        dst: ip('10.0.0.2'),
        payload: ipv4({
          id: 7,
          protocol: 6,
          src: ip('192.168.1.10'),
          dst: ip('192.168.1.100'),
          payload: {
            layer: 'tcp',
            sport: 40001,
            dport: 80,
            seq: 1,
            ack: 0,
            flags: 0x002,
            window: 64240,
            urgent: 0,
            options: [{ kind: 'mss', value: 1460 }],
            payload: NONE,
          },
        }),
      }),
    },
  },
  {
    name: 'IPv4 with Router Alert option carrying IGMPv3 (raw payload)',
    bytes: hex(`
      01 00 5e 00 00 16  02 00 00 00 00 02  08 00
      46 c0 00 20 00 00 40 00 01 02 f9 ff 0a 00 00 02 e0 00 00 16  94 04 00 00
      22 00 dd ff 00 00 00 00`),
    value: {
      layer: 'eth',
      dst: mac('01:00:5e:00:00:16'),
      src: REAL,
      ethertype: 0x0800,
      payload: ipv4({
        tos: 0xc0,
        ttl: 1,
        protocol: 2,
        src: ip('10.0.0.2'),
        dst: ip('224.0.0.22'),
        options: hex('94 04 00 00'),
        payload: { layer: 'raw', bytes: hex('22 00 dd ff 00 00 00 00') },
      }),
    },
  },
  {
    name: 'ICMP time exceeded in transit quoting a traceroute UDP probe',
    bytes: hex(`
      02 00 00 00 00 0a  02 00 00 00 00 64  08 00
      45 c0 00 38 00 99 00 00 40 01 ad b9 0a 00 00 01 c0 a8 01 0a
      0b 00 ef c1 00 00 00 00
      45 00 00 1c 00 55 40 00 01 11 ad c1 c0 a8 01 0a 0a 00 00 09  82 9a 82 9b 00 08 00 00`),
    value: {
      layer: 'eth',
      dst: CLIENT,
      src: DIRECTOR,
      ethertype: 0x0800,
      payload: ipv4({
        tos: 0xc0,
        id: 0x99,
        df: false,
        protocol: 1,
        src: ip('10.0.0.1'),
        dst: ip('192.168.1.10'),
        payload: {
          layer: 'icmp',
          kind: 'timeExceeded',
          code: 0,
          original: hex('45 00 00 1c 00 55 40 00 01 11 ad c1 c0 a8 01 0a 0a 00 00 09  82 9a 82 9b 00 08 00 00'),
        },
      }),
    },
  },
  {
    name: 'First fragment (MF) of a UDP datagram: raw payload',
    bytes: hex(`
      02 00 00 00 00 02  02 00 00 00 00 0a  08 00
      45 00 00 24 07 77 20 00 40 11 3f 50 0a 00 00 01 0a 00 00 02
      00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f`),
    value: {
      layer: 'eth',
      dst: REAL,
      src: CLIENT,
      ethertype: 0x0800,
      payload: ipv4({
        id: 0x777,
        df: false,
        mf: true,
        protocol: 17,
        src: ip('10.0.0.1'),
        dst: ip('10.0.0.2'),
        payload: { layer: 'raw', bytes: hex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f') },
      }),
    },
  },
];

function vrrp3Frame(asV2: boolean): EthernetFrame {
  return {
    layer: 'eth',
    dst: mac('01:00:5e:00:00:12'),
    src: mac('02:00:00:00:00:c2'),
    ethertype: 0x0800,
    payload: ipv4({
      tos: 0xc0,
      df: false,
      ttl: 255,
      protocol: 112,
      src: ip('192.168.1.2'),
      dst: ip('224.0.0.18'),
      payload: {
        layer: 'vrrp',
        version: 3,
        type: 1,
        vrid: 51,
        priority: 150,
        maxAdverInt: 100,
        addrs: [ip('192.168.1.100'), ip('192.168.1.101')],
        ...(asV2 ? { checksumAsV2: true as const } : {}),
      },
    }),
  };
}
