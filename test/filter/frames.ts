/**
 * Hand-built frames for the filter, dissect and summary tests: small builders with lab-like
 * defaults, and a dozen varied frames (SYN with options, ARP request/reply/gratuitous, ping,
 * VRRPv2/v3, IPIP, FULLNAT with TOA, ICMP frag-needed quoting a TCP header, UDP, a fragment,
 * an unknown ethertype) numbered from 1 like a capture.
 */
import { assertNever } from '../../src/assert-never.js';
import { parseIp4, parseMac } from '../../src/net/wire/addr.js';
import { encodeFrame } from '../../src/net/wire/frame.js';
import type {
  ArpPacket,
  EthernetFrame,
  IcmpMessage,
  Ipv4Packet,
  TcpOption,
  TcpSegment,
  UdpDatagram,
  VrrpPacket,
} from '../../src/net/wire/packet.js';

export function ip(text: string): number {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad ip ${text}`);
  return v;
}

export function mac(text: string): number {
  const v = parseMac(text);
  if (v === undefined) throw new Error(`bad mac ${text}`);
  return v;
}

const NONE = new Uint8Array(0);

export const CLIENT_MAC = mac('02:00:00:00:00:01');
export const LB_MAC = mac('02:00:00:00:00:0a');
export const RS_MAC = mac('02:00:00:00:00:14');

export function eth(payload: EthernetFrame['payload'], over: Partial<EthernetFrame> = {}): EthernetFrame {
  const ethertype = payload.layer === 'arp' ? 0x0806 : 0x0800;
  return { layer: 'eth', dst: LB_MAC, src: CLIENT_MAC, ethertype, payload, ...over };
}

function protoOf(p: Ipv4Packet['payload']): number {
  switch (p.layer) {
    case 'tcp':
      return 6;
    case 'udp':
      return 17;
    case 'icmp':
      return 1;
    case 'ipv4':
      return 4;
    case 'vrrp':
      return 112;
    case 'raw':
      return 253;
    default:
      return assertNever(p);
  }
}

export function ipv4(src: string, dst: string, payload: Ipv4Packet['payload'], over: Partial<Ipv4Packet> = {}): Ipv4Packet {
  return {
    layer: 'ipv4',
    tos: 0,
    id: 1,
    df: true,
    mf: false,
    fragOffset: 0,
    ttl: 64,
    protocol: protoOf(payload),
    src: ip(src),
    dst: ip(dst),
    options: NONE,
    payload,
    ...over,
  };
}

export function tcp(sport: number, dport: number, flags: number, over: Partial<TcpSegment> = {}): TcpSegment {
  return { layer: 'tcp', sport, dport, seq: 1000, ack: 0, flags, window: 64240, urgent: 0, options: [], payload: NONE, ...over };
}

export function udp(sport: number, dport: number, payload: Uint8Array): UdpDatagram {
  return { layer: 'udp', sport, dport, payload };
}

export function arp(oper: number, sha: string, spa: string, tha: string, tpa: string): ArpPacket {
  return { layer: 'arp', oper, sha: mac(sha), spa: ip(spa), tha: mac(tha), tpa: ip(tpa) };
}

export const SYN_OPTIONS: readonly TcpOption[] = [
  { kind: 'mss', value: 1460 },
  { kind: 'sackPermitted' },
  { kind: 'timestamps', tsval: 1, tsecr: 0 },
  { kind: 'nop' },
  { kind: 'wscale', shift: 7 },
];

export const SYN = eth(ipv4('203.0.113.10', '192.168.1.100', tcp(40000, 80, 0x002, { options: SYN_OPTIONS })));
export const ARP_REQUEST = eth(arp(1, '02:00:00:00:00:01', '192.168.1.1', '00:00:00:00:00:00', '192.168.1.100'), {
  dst: mac('ff:ff:ff:ff:ff:ff'),
});
export const ARP_REPLY = eth(arp(2, '02:00:00:00:00:0a', '192.168.1.100', '02:00:00:00:00:01', '192.168.1.1'), {
  dst: CLIENT_MAC,
  src: LB_MAC,
});
const echo: IcmpMessage = {
  layer: 'icmp',
  kind: 'echo',
  type: 8,
  code: 0,
  ident: 1,
  seq: 1,
  data: Uint8Array.from({ length: 56 }, (_, i) => i),
};
export const PING = eth(ipv4('192.168.1.1', '192.168.1.100', echo));
const vrrp2: VrrpPacket = {
  layer: 'vrrp',
  version: 2,
  type: 1,
  vrid: 51,
  priority: 100,
  authType: 0,
  adverInt: 1,
  addrs: [ip('192.168.1.100')],
  authData: new Uint8Array(8),
};
export const VRRP2 = eth(ipv4('192.168.1.2', '224.0.0.18', vrrp2, { ttl: 255, df: false }), {
  dst: mac('01:00:5e:00:00:12'),
  src: mac('00:00:5e:00:01:33'),
});
const vrrp3: VrrpPacket = { layer: 'vrrp', version: 3, type: 1, vrid: 7, priority: 255, maxAdverInt: 100, addrs: [ip('10.0.0.1'), ip('10.0.0.2')] };
export const VRRP3 = eth(ipv4('192.168.1.3', '224.0.0.18', vrrp3, { ttl: 255, df: false }), {
  dst: mac('01:00:5e:00:00:12'),
  src: mac('00:00:5e:00:01:07'),
});
/** LVS tunnel mode: the director wraps the client's SYN in IPIP to the real server. */
export const IPIP = eth(ipv4('192.168.1.2', '192.168.1.20', SYN.payload as Ipv4Packet), { dst: RS_MAC, src: LB_MAC });
/** FULLNAT: the director's local address talks to the real server and inserts TOA. */
export const FULLNAT = eth(
  ipv4(
    '10.0.0.2',
    '192.168.1.20',
    tcp(5000, 80, 0x018, {
      seq: 2000,
      ack: 3001,
      window: 502,
      options: [
        { kind: 'nop' },
        { kind: 'nop' },
        { kind: 'timestamps', tsval: 5, tsecr: 6 },
        { kind: 'toa', port: 40000, addr: ip('203.0.113.10') },
      ],
      payload: new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n'),
    }),
  ),
  { dst: RS_MAC, src: LB_MAC },
);
/** A router's "fragmentation needed" quoting the first 28 bytes of a client segment. */
const bigAck = ipv4('203.0.113.10', '192.168.1.100', tcp(40000, 80, 0x010, { payload: new Uint8Array(1400) }));
export const FRAG_NEEDED = eth(
  ipv4(
    '192.168.1.1',
    '203.0.113.10',
    { layer: 'icmp', kind: 'unreach', code: 4, nextHopMtu: 1400, original: encodeFrame(eth(bigAck)).slice(14, 14 + 28) },
    { df: false },
  ),
  { dst: CLIENT_MAC, src: LB_MAC },
);
export const UDP = eth(ipv4('192.168.1.1', '192.168.1.100', udp(5353, 5300, new TextEncoder().encode('abcd'))));
export const SYN_ACK = eth(
  ipv4('192.168.1.100', '203.0.113.10', tcp(80, 40000, 0x012, { seq: 5000, ack: 1001, window: 65160, options: SYN_OPTIONS })),
  { dst: CLIENT_MAC, src: LB_MAC },
);
export const GRATUITOUS = eth(arp(1, '02:00:00:00:00:0a', '192.168.1.100', '00:00:00:00:00:00', '192.168.1.100'), {
  dst: mac('ff:ff:ff:ff:ff:ff'),
  src: LB_MAC,
});
export const FIRST_FRAGMENT = eth(
  ipv4('192.168.1.1', '192.168.1.100', { layer: 'raw', bytes: new Uint8Array(40) }, { protocol: 17, mf: true, id: 7 }),
);
export const UNKNOWN_ETHERTYPE: EthernetFrame = {
  layer: 'eth',
  dst: mac('ff:ff:ff:ff:ff:ff'),
  src: LB_MAC,
  ethertype: 0x88b5,
  payload: { layer: 'raw', bytes: new TextEncoder().encode('hello') },
};
/** A time exceeded quoting a whole ICMP echo request header (traceroute by ping). */
export const TIME_EXCEEDED = eth(
  ipv4(
    '192.168.1.254',
    '192.168.1.1',
    { layer: 'icmp', kind: 'timeExceeded', code: 0, original: encodeFrame(PING).slice(14, 14 + 28) },
    { df: false },
  ),
);
/** RST+ACK with the reserved-free flags, no options. */
export const RST = eth(ipv4('192.168.1.100', '203.0.113.10', tcp(80, 40000, 0x014, { seq: 0, ack: 1001, window: 0 })), {
  dst: CLIENT_MAC,
  src: LB_MAC,
});

/** The sample capture, frame 1 first. */
export const CAPTURE: readonly EthernetFrame[] = [
  SYN,
  ARP_REQUEST,
  ARP_REPLY,
  PING,
  VRRP2,
  IPIP,
  FULLNAT,
  FRAG_NEEDED,
  UDP,
  SYN_ACK,
  GRATUITOUS,
  FIRST_FRAGMENT,
  UNKNOWN_ETHERTYPE,
  VRRP3,
  TIME_EXCEEDED,
  RST,
];
