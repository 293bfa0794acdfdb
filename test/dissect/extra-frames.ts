/**
 * More frames for the dissector's comparison with tshark: ARP probe, announcement, gratuitous
 * reply and an unknown opcode, an echo reply, an unreachable quoting UDP, unknown ICMP codes,
 * TCP with EOL padding, SACK, a RST carrying a reason, an unknown and an experimental option, every flag and URG, an IP
 * header with options, DSCP/ECN, VRRPv2 with a password and VRRPv3 with the RFC 9568 checksum,
 * IPIP carrying UDP, an ICMP timestamp request, and the other ICMP errors (redirect, source
 * quench, parameter problem, an unreachable with non-zero unused bytes) quoting a SYN.
 */
import { encodeFrame } from '../../src/net/wire/frame.js';
import type { EthernetFrame, IcmpMessage, VrrpPacket } from '../../src/net/wire/packet.js';
import { arp, eth, ip, ipv4, mac, SYN, tcp, udp, UDP } from '../filter/frames.js';

/** The first 28 bytes of the sample SYN, as an ICMP error quotes them. */
const QUOTED_SYN = encodeFrame(SYN).slice(14, 14 + 28);

const BCAST = { dst: mac('ff:ff:ff:ff:ff:ff') };
const unreach = (code: number, original: Uint8Array): IcmpMessage => ({ layer: 'icmp', kind: 'unreach', code, nextHopMtu: 0, original });
const password = new Uint8Array(8);
password.set(new TextEncoder().encode('secret'));
const vrrpAuth: VrrpPacket = {
  layer: 'vrrp',
  version: 2,
  type: 1,
  vrid: 9,
  priority: 150,
  authType: 1,
  adverInt: 3,
  addrs: [ip('10.0.0.1'), ip('10.0.0.2'), ip('10.0.0.3')],
  authData: password,
};
const vrrpV3AsV2: VrrpPacket = { layer: 'vrrp', version: 3, type: 1, vrid: 8, priority: 0, maxAdverInt: 4095, addrs: [ip('10.0.0.9')], checksumAsV2: true };

export const EXTRA: readonly EthernetFrame[] = [
  eth(arp(1, '02:00:00:00:00:0a', '0.0.0.0', '00:00:00:00:00:00', '192.168.1.100'), BCAST),
  eth(arp(2, '02:00:00:00:00:0a', '192.168.1.100', 'ff:ff:ff:ff:ff:ff', '192.168.1.100'), BCAST),
  eth(arp(1, '02:00:00:00:00:0a', '192.168.1.100', 'ff:ff:ff:ff:ff:ff', '192.168.1.100'), BCAST),
  eth(arp(8, '02:00:00:00:00:0a', '192.168.1.100', '02:00:00:00:00:01', '192.168.1.1'), BCAST),
  eth(ipv4('192.168.1.100', '192.168.1.1', { layer: 'icmp', kind: 'echo', type: 0, code: 0, ident: 0x1234, seq: 7, data: new Uint8Array([0x68, 0x69]) })),
  eth(ipv4('192.168.1.100', '192.168.1.1', unreach(3, encodeFrame(UDP).slice(14)), { df: false, tos: 0xc0 })),
  eth(ipv4('192.168.1.100', '192.168.1.1', unreach(13, encodeFrame(UDP).slice(14, 14 + 28)), { df: false })),
  eth(ipv4('192.168.1.100', '192.168.1.1', { layer: 'icmp', kind: 'timeExceeded', code: 1, original: encodeFrame(UDP).slice(14, 14 + 28) })),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x010, { options: [{ kind: 'mss', value: 536 }, { kind: 'wscale', shift: 14 }, { kind: 'eol' }] }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x010, { options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[100, 200], [300, 400]] }] }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x004, { options: [{ kind: 'unknown', type: 99, data: new Uint8Array([1, 2]) }] }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x010, { options: [{ kind: 'unknown', type: 253, data: new Uint8Array([0xab, 0xcd, 1, 2, 3, 4]) }] }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x1ff, { urgent: 9, window: 5 }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x000))),
  eth(ipv4('192.168.1.1', '192.168.1.100', tcp(1, 2, 0x014, { payload: new TextEncoder().encode('abc\0def') }))),
  eth(ipv4('192.168.1.1', '192.168.1.100', udp(1, 2, new Uint8Array(0)), { options: new Uint8Array([0x94, 4, 0, 0]), tos: 0xb9, ttl: 1 })),
  eth(ipv4('192.168.1.2', '224.0.0.18', vrrpAuth, { ttl: 255 }), { dst: mac('01:00:5e:00:00:12') }),
  eth(ipv4('192.168.1.2', '224.0.0.18', vrrpV3AsV2, { ttl: 255 }), { dst: mac('01:00:5e:00:00:12') }),
  eth(ipv4('192.168.1.2', '192.168.1.20', ipv4('203.0.113.10', '192.168.1.100', udp(40000, 53, new Uint8Array(12))))),
  eth(ipv4('192.168.1.1', '192.168.1.100', { layer: 'icmp', kind: 'other', type: 13, code: 0, rest: 0x12340007, data: new Uint8Array(12) })),
  eth(ipv4('192.168.1.1', '203.0.113.10', { layer: 'icmp', kind: 'other', type: 5, code: 1, rest: ip('192.168.1.254'), data: QUOTED_SYN })),
  eth(ipv4('192.168.1.1', '203.0.113.10', { layer: 'icmp', kind: 'other', type: 4, code: 0, rest: 0, data: QUOTED_SYN })),
  eth(ipv4('192.168.1.1', '203.0.113.10', { layer: 'icmp', kind: 'other', type: 12, code: 0, rest: 0x14000000, data: QUOTED_SYN })),
  eth(ipv4('192.168.1.1', '203.0.113.10', { layer: 'icmp', kind: 'other', type: 3, code: 3, rest: 7, data: QUOTED_SYN })),
];
