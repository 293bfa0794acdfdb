/**
 * tcpdump-style one-line summaries: each line as `tcpdump -n -S` (4.99) prints the sample
 * frames, formats taken from print-arp.c, print-ip.c, print-tcp.c, print-udp.c, print-icmp.c
 * and print-vrrp.c (tcpdump is not installed here to compare against).
 */
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../src/net/wire/frame.js';
import type { EthernetFrame, Ipv4Packet } from '../../src/net/wire/packet.js';
import { summarize, summarizeIp, tcpdumpFlags } from '../../src/trace/summary.js';
import {
  ARP_REPLY,
  ARP_REQUEST,
  arp,
  eth,
  FIRST_FRAGMENT,
  FRAG_NEEDED,
  FULLNAT,
  GRATUITOUS,
  ipv4,
  IPIP,
  PING,
  RST,
  SYN,
  SYN_ACK,
  tcp,
  TIME_EXCEEDED,
  udp,
  UDP,
  UNKNOWN_ETHERTYPE,
  VRRP2,
  VRRP3,
} from '../filter/frames.js';

const SYN_OPTS = 'options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]';

describe('summaries of the sample frames', () => {
  it.each([
    [SYN, `IP 203.0.113.10.40000 > 192.168.1.100.80: Flags [S], seq 1000, win 64240, ${SYN_OPTS}, length 0`],
    [SYN_ACK, `IP 192.168.1.100.80 > 203.0.113.10.40000: Flags [S.], seq 5000, ack 1001, win 65160, ${SYN_OPTS}, length 0`],
    [RST, 'IP 192.168.1.100.80 > 203.0.113.10.40000: Flags [R.], seq 0, ack 1001, win 0, length 0'],
    [
      FULLNAT,
      'IP 10.0.0.2.5000 > 192.168.1.20.80: Flags [P.], seq 2000:2018, ack 3001, win 502, options [nop,nop,TS val 5 ecr 6,exp-9c40], length 18: HTTP: GET / HTTP/1.0',
    ],
    [IPIP, `IP 192.168.1.2 > 192.168.1.20: IP 203.0.113.10.40000 > 192.168.1.100.80: Flags [S], seq 1000, win 64240, ${SYN_OPTS}, length 0`],
    [ARP_REQUEST, 'ARP, Request who-has 192.168.1.100 tell 192.168.1.1, length 28'],
    [ARP_REPLY, 'ARP, Reply 192.168.1.100 is-at 02:00:00:00:00:0a, length 28'],
    [GRATUITOUS, 'ARP, Request who-has 192.168.1.100 tell 192.168.1.100, length 28'],
    [PING, 'IP 192.168.1.1 > 192.168.1.100: ICMP echo request, id 1, seq 1, length 64'],
    [FRAG_NEEDED, 'IP 192.168.1.1 > 203.0.113.10: ICMP 192.168.1.100 unreachable - need to frag (mtu 1400), length 36'],
    [TIME_EXCEEDED, 'IP 192.168.1.254 > 192.168.1.1: ICMP time exceeded in-transit, length 36'],
    [VRRP2, 'IP 192.168.1.2 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100, authtype none, intvl 1s, length 20'],
    [VRRP3, 'IP 192.168.1.3 > 224.0.0.18: VRRPv3, Advertisement, vrid 7, prio 255, intvl 100cs, length 16'],
    [UDP, 'IP 192.168.1.1.5353 > 192.168.1.100.5300: UDP, length 4'],
    [FIRST_FRAGMENT, 'IP 192.168.1.1 > 192.168.1.100: ip-proto-17'],
    [UNKNOWN_ETHERTYPE, '02:00:00:00:00:0a > ff:ff:ff:ff:ff:ff, ethertype Unknown (0x88b5), length 19'],
  ] as const)('%#', (frame, line) => {
    expect(summarize(frame)).toBe(line);
  });
});

describe('the details of each printer', () => {
  it('prints TCP flags in tcpdump order, "." for ACK, "none" without flags', () => {
    expect(tcpdumpFlags(0x002)).toBe('S');
    expect(tcpdumpFlags(0x012)).toBe('S.');
    expect(tcpdumpFlags(0x011)).toBe('F.');
    expect(tcpdumpFlags(0x019)).toBe('FP.');
    expect(tcpdumpFlags(0x0c2)).toBe('SEW');
    expect(tcpdumpFlags(0x000)).toBe('none');
  });

  it('prints seq only with data, SYN, FIN or RST, and urg only with URG', () => {
    const ack = (flags: number, over = {}): string => summarizeIp(ipv4('10.0.0.1', '10.0.0.2', tcp(1, 2, flags, { seq: 7, ack: 9, urgent: 3, ...over })));
    expect(ack(0x010)).toBe('IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], ack 9, win 64240, length 0');
    expect(ack(0x011)).toBe('IP 10.0.0.1.1 > 10.0.0.2.2: Flags [F.], seq 7, ack 9, win 64240, length 0');
    expect(ack(0x030)).toBe('IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.U], ack 9, win 64240, urg 3, length 0');
    expect(ack(0x010, { seq: 0xffff_fffe, payload: new Uint8Array(4) })).toBe(
      'IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], seq 4294967294:2, ack 9, win 64240, length 4',
    );
  });

  it('prints every option kind as print-tcp.c does, and stops at EOL', () => {
    const s = summarizeIp(
      ipv4(
        '10.0.0.1',
        '10.0.0.2',
        tcp(1, 2, 0x010, {
          options: [
            { kind: 'sack', blocks: [[100, 200], [300, 400]] },
            { kind: 'unknown', type: 99, data: new Uint8Array([1, 2]) },
            { kind: 'toa', port: 80, addr: 0 },
            { kind: 'eol' },
          ],
        }),
      ),
    );
    expect(s).toContain('options [sack 2 {100:200}{300:400},unknown-99 0x0102,exp-0050,eol]');
  });

  it('names HTTP payloads on ports 80 and 8080 only, request and response lines only', () => {
    const http = (sport: number, text: string): string =>
      summarizeIp(ipv4('10.0.0.1', '10.0.0.2', tcp(sport, 50000, 0x018, { payload: new TextEncoder().encode(text) })));
    expect(http(80, 'HTTP/1.0 200 OK\r\nServer: x\r\n')).toMatch(/length 28: HTTP: HTTP\/1.0 200 OK$/);
    expect(http(8080, 'hello world, no request line')).toMatch(/length 28: HTTP$/);
    expect(http(81, 'GET / HTTP/1.0\r\n')).toMatch(/length 16$/);
  });

  it('prints ICMP errors with the quoted destination', () => {
    const quoted = encodeFrame(UDP).slice(14, 14 + 28);
    const unreach = (code: number): string =>
      summarizeIp(ipv4('192.168.1.100', '192.168.1.1', { layer: 'icmp', kind: 'unreach', code, nextHopMtu: 0, original: quoted }));
    expect(unreach(3)).toBe('IP 192.168.1.100 > 192.168.1.1: ICMP 192.168.1.100 udp port 5300 unreachable, length 36');
    expect(unreach(1)).toBe('IP 192.168.1.100 > 192.168.1.1: ICMP host 192.168.1.100 unreachable, length 36');
    expect(unreach(2)).toBe('IP 192.168.1.100 > 192.168.1.1: ICMP 192.168.1.100 protocol 17 unreachable, length 36');
    expect(unreach(13)).toBe('IP 192.168.1.100 > 192.168.1.1: ICMP host 192.168.1.100 unreachable - admin prohibited filter, length 36');
    expect(unreach(99)).toBe('IP 192.168.1.100 > 192.168.1.1: ICMP 192.168.1.100 unreachable - #99, length 36');
    const tcpQuoted = encodeFrame(SYN).slice(14, 14 + 28);
    expect(summarizeIp(ipv4('1.1.1.1', '203.0.113.10', { layer: 'icmp', kind: 'unreach', code: 3, nextHopMtu: 0, original: tcpQuoted }))).toBe(
      'IP 1.1.1.1 > 203.0.113.10: ICMP 192.168.1.100 tcp port 80 unreachable, length 36',
    );
  });

  it('prints echo replies and other ICMP types', () => {
    const reply = ipv4('10.0.0.2', '10.0.0.1', { layer: 'icmp', kind: 'echo', type: 0, code: 0, ident: 7, seq: 3, data: new Uint8Array(8) });
    expect(summarizeIp(reply)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 3, length 16');
    const other = (type: number, code = 0, rest = 0): string =>
      summarizeIp(ipv4('10.0.0.2', '10.0.0.1', { layer: 'icmp', kind: 'other', type, code, rest, data: new Uint8Array(4) }));
    expect(other(4)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP source quench, length 12');
    expect(other(13, 0, 0x00050006)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP time stamp query id 5 seq 6, length 12');
    expect(other(12, 0, 0x14000000)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP parameter problem - octet 20, length 12');
    expect(other(77)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP type-#77, length 12');
    const redirect = ipv4('192.168.1.1', '203.0.113.10', {
      layer: 'icmp',
      kind: 'other',
      type: 5,
      code: 1,
      rest: 0xc0a801fe,
      data: encodeFrame(SYN).slice(14, 14 + 28),
    });
    expect(summarizeIp(redirect)).toBe('IP 192.168.1.1 > 203.0.113.10: ICMP redirect 192.168.1.100 to host 192.168.1.254, length 36');
  });

  it('prints VRRP with a TTL other than 255 and unknown types as print-vrrp.c does', () => {
    const v = (VRRP2.payload as Ipv4Packet).payload;
    expect(summarizeIp(ipv4('192.168.1.2', '224.0.0.18', v, { ttl: 64 }))).toBe(
      'IP 192.168.1.2 > 224.0.0.18: VRRPv2, Advertisement, (ttl 64), vrid 51, prio 100, authtype none, intvl 1s, length 20',
    );
    if (v.layer !== 'vrrp' || v.version !== 2) throw new Error('VRRPv2 expected');
    expect(summarizeIp(ipv4('192.168.1.2', '224.0.0.18', { ...v, type: 2 }, { ttl: 255 }))).toBe(
      'IP 192.168.1.2 > 224.0.0.18: VRRPv2, unknown type (2)',
    );
    expect(summarizeIp(ipv4('192.168.1.2', '224.0.0.18', { ...v, authType: 1 }, { ttl: 255 }))).toContain('authtype simple');
  });

  it('prints later fragments and unknown protocols with tcpdump -n wording', () => {
    const later = ipv4('10.0.0.1', '10.0.0.2', { layer: 'raw', bytes: new Uint8Array(16) }, { protocol: 6, fragOffset: 185 });
    expect(summarizeIp(later)).toBe('IP 10.0.0.1 > 10.0.0.2: ip-proto-6');
    const gre = ipv4('10.0.0.1', '10.0.0.2', { layer: 'raw', bytes: new Uint8Array(8) }, { protocol: 47 });
    expect(summarizeIp(gre)).toBe('IP 10.0.0.1 > 10.0.0.2:  ip-proto-47 8');
  });

  it('prints the other ARP operations and a known target MAC', () => {
    const frame = (oper: number, tha: string): EthernetFrame => eth(arp(oper, '02:00:00:00:00:0a', '10.0.0.1', tha, '10.0.0.2'));
    expect(summarize(frame(1, '02:00:00:00:00:01'))).toBe('ARP, Request who-has 10.0.0.2 (02:00:00:00:00:01) tell 10.0.0.1, length 28');
    expect(summarize(frame(3, '02:00:00:00:00:01'))).toBe('ARP, Reverse Request who-is 02:00:00:00:00:01 tell 02:00:00:00:00:0a, length 28');
    expect(summarize(frame(4, '02:00:00:00:00:01'))).toBe('ARP, Reverse Reply 02:00:00:00:00:01 at 10.0.0.2, length 28');
    expect(summarize(frame(10, '02:00:00:00:00:01'))).toBe('ARP, NACK Reply');
  });

  it('summarizes UDP whatever the port', () => {
    expect(summarizeIp(ipv4('10.0.0.1', '10.0.0.2', udp(53, 1024, new Uint8Array(30))))).toBe('IP 10.0.0.1.53 > 10.0.0.2.1024: UDP, length 30');
  });
});
