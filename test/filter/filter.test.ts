/**
 * Display filters over hand-built frames, without tshark: which sample frames each filter
 * selects (reasoned from the frames in frames.ts), operator precedence, Wireshark 4's "any" and
 * "all" semantics on fields that occur several times (IPIP, ICMP errors quoting a packet),
 * literal forms, and compile errors with their offsets and suggestions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/i18n/index.js';
import { compileFilter, type FrameFilter } from '../../src/trace/filter/index.js';
import { ethernetFrame } from '../wire/arbitraries.js';
import {
  ARP_REPLY,
  ARP_REQUEST,
  CAPTURE,
  FIRST_FRAGMENT,
  FRAG_NEEDED,
  FULLNAT,
  GRATUITOUS,
  IPIP,
  PING,
  RST,
  SYN,
  SYN_ACK,
  TIME_EXCEEDED,
  UDP,
  UNKNOWN_ETHERTYPE,
  VRRP2,
  VRRP3,
} from './frames.js';

function compile(text: string): FrameFilter {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message} at ${r.error.offset}`);
  return r.filter;
}

/** 1-based numbers of the sample frames the filter selects. */
function selects(text: string): number[] {
  const f = compile(text);
  return CAPTURE.flatMap((frame, i) => (f.matches(frame) ? [i + 1] : []));
}

const n = (frame: (typeof CAPTURE)[number]): number => CAPTURE.indexOf(frame) + 1;

describe('which frames a filter selects', () => {
  const cases: readonly (readonly [string, readonly (typeof CAPTURE)[number][]])[] = [
    ['arp', [ARP_REQUEST, ARP_REPLY, GRATUITOUS]],
    ['vrrp', [VRRP2, VRRP3]],
    // The quoted TCP header inside the frag-needed counts as TCP, as in Wireshark.
    ['tcp', [SYN, IPIP, FULLNAT, FRAG_NEEDED, SYN_ACK, RST]],
    ['tcp.port == 80', [SYN, IPIP, FULLNAT, FRAG_NEEDED, SYN_ACK, RST]],
    ['tcp.dstport == 80 && tcp.flags.syn == 1', [SYN, IPIP]],
    ['tcp.flags.syn == 1 && tcp.flags.ack == 1', [SYN_ACK]],
    ['tcp.flags.reset', [SYN, IPIP, FULLNAT, SYN_ACK, RST]],
    ['tcp.flags.reset == 1', [RST]],
    ['tcp.option_kind == 254', [FULLNAT]],
    ['tcp.options.wscale.shift == 7', [SYN, IPIP, SYN_ACK]],
    ['tcp.len > 0', [FULLNAT]],
    ['tcp.seq_raw == 1000', [SYN, IPIP]],
    ['ip.proto == 4', [IPIP]],
    ['ip.ttl == 255', [VRRP2, VRRP3]],
    ['ip.flags.mf == 1', [FIRST_FRAGMENT]],
    ['icmp.type == 8', [PING, TIME_EXCEEDED]],
    ['icmp.mtu == 1400', [FRAG_NEEDED]],
    ['udp', [UDP]],
    ['data', [PING, FIRST_FRAGMENT, UNKNOWN_ETHERTYPE]],
    ['arp.opcode == reply', [ARP_REPLY]],
    ['arp.isgratuitous', [GRATUITOUS]],
    ['vrrp.ip_addr == 10.0.0.2', [VRRP3]],
    ['eth.type == 0x88b5', [UNKNOWN_ETHERTYPE]],
    ['eth.dst == ff:ff:ff:ff:ff:ff', [ARP_REQUEST, GRATUITOUS, UNKNOWN_ETHERTYPE]],
    ['frame.len == 42', [ARP_REQUEST, ARP_REPLY, GRATUITOUS]],
    ['ip.addr == 10.0.0.0/8', [FULLNAT]],
    ['vrrp.ip_addr == 10.0.0.0/8', [VRRP3]],
  ];
  it.each(cases)('%s', (text, frames) => {
    expect(selects(text)).toEqual(frames.map(n).sort((a, b) => a - b));
  });

  it('an empty filter selects everything', () => {
    expect(selects('')).toHaveLength(CAPTURE.length);
    expect(selects('   ')).toHaveLength(CAPTURE.length);
  });
});

describe('precedence', () => {
  it('! binds tighter than &&, which binds tighter than ||', () => {
    for (const [bare, grouped] of [
      ['!tcp && ip || arp', '((!tcp) && ip) || arp'],
      ['arp || ip && !tcp', 'arp || (ip && (!tcp))'],
      ['not tcp and ip or arp', '((not tcp) and ip) or arp'],
      ['!tcp.port == 80', '!(tcp.port == 80)'],
    ]) {
      expect(selects(bare as string), bare).toEqual(selects(grouped as string));
    }
    expect(selects('!tcp && ip || arp')).toEqual(
      [ARP_REQUEST, ARP_REPLY, PING, VRRP2, UDP, GRATUITOUS, FIRST_FRAGMENT, VRRP3, TIME_EXCEEDED].map(n).sort((a, b) => a - b),
    );
    // Had || bound tighter, `udp || arp && vrrp` would select nothing.
    expect(selects('udp || arp && vrrp')).toEqual([n(UDP)]);
  });
});

describe('fields that occur more than once', () => {
  const one = (text: string, frame: (typeof CAPTURE)[number]): boolean => compile(text).matches(frame);

  it('== holds if any occurrence matches: both IP headers of an IPIP frame count', () => {
    expect(one('ip.src == 192.168.1.2', IPIP)).toBe(true);
    expect(one('ip.src == 203.0.113.10', IPIP)).toBe(true);
  });

  it('!= holds only if every occurrence differs, so it is not "some header differs"', () => {
    expect(one('ip.src != 192.168.1.2', IPIP)).toBe(false);
    expect(one('ip.src != 203.0.113.10', IPIP)).toBe(false);
    expect(one('ip.src != 10.9.9.9', IPIP)).toBe(true);
    // !== (any_ne) is the "some occurrence differs" test.
    expect(one('ip.src !== 192.168.1.2', IPIP)).toBe(true);
    expect(one('ip.src === 192.168.1.2', IPIP)).toBe(false);
    expect(one('ip.src === 192.168.1.2', SYN_ACK)).toBe(false);
    expect(one('ip.src === 192.168.1.100', SYN_ACK)).toBe(true);
  });

  it('a != b equals !(a == b) when the field is present, and both are false-ish when absent', () => {
    for (const frame of [IPIP, SYN, FRAG_NEEDED]) {
      expect(one('ip.src != 203.0.113.10', frame)).toBe(!one('ip.src == 203.0.113.10', frame));
    }
    expect(one('ip.src != 203.0.113.10', ARP_REQUEST)).toBe(false);
    expect(one('!(ip.src == 203.0.113.10)', ARP_REQUEST)).toBe(true);
    expect(one('tcp.port not in {80}', ARP_REQUEST)).toBe(true);
  });

  it('a quoted packet in an ICMP error contributes occurrences', () => {
    expect(one('ip.dst == 192.168.1.100', FRAG_NEEDED)).toBe(true);
    expect(one('ip.src == ip.dst', FRAG_NEEDED)).toBe(true);
    expect(one('ip.src == ip.dst', SYN)).toBe(false);
    expect(one('icmp.type == 8 && icmp.type == 11', TIME_EXCEEDED)).toBe(true);
  });

  it('ip.addr, tcp.port, eth.addr match either end', () => {
    expect(one('ip.addr == 192.168.1.100 && ip.addr == 203.0.113.10', SYN)).toBe(true);
    expect(one('tcp.port == 40000 && tcp.port == 80', SYN_ACK)).toBe(true);
    expect(one('eth.addr == 02:00:00:00:00:01', SYN_ACK)).toBe(true);
  });
});

describe('literals', () => {
  const ok = (text: string, frame: (typeof CAPTURE)[number]): boolean => compile(text).matches(frame);
  it.each([
    ['tcp.port == 80', SYN],
    ['tcp.port == 0x50', SYN],
    ['tcp.port == 0120', SYN],
    ['tcp.port == 0b1010000', SYN],
    ['tcp.port == +80', SYN],
    ['tcp.flags.syn == True', SYN],
    ['tcp.flags.syn == true', SYN],
    ['tcp.flags.syn == "Set"', SYN],
    ['tcp.flags.ack == "not set"', SYN],
    ['tcp.flags.syn == 2', SYN],
    ['ip.proto == TCP', SYN],
    ['ip.proto == "tcp"', SYN],
    ['arp.opcode == REQUEST', ARP_REQUEST],
    ['eth.src == 02:00:00:00:00:01', SYN],
    ['eth.src == 02-00-00-00-00-01', SYN],
    ['eth.src == 0200.0000.0001', SYN],
    ['eth.src == 020000000001', SYN],
    ['ip.src == 203.0.113.0/24', SYN],
    ['ip.src == 0.0.0.0/0', SYN],
    ['ip.src in {10.0.0.0/8, 203.0.113.10}', SYN],
    ['tcp.port in {70..90}', SYN],
    ['ip.src & 255.255.0.0 == 203.0.0.0', SYN],
    ['tcp.flags & 0x02', SYN],
    ['ip.src_host == "203.0.113.10"', SYN],
    ['ip.host contains "113"', SYN],
    ['tcp.payload contains "GET"', FULLNAT],
    ['tcp.payload contains 47:45:54', FULLNAT],
    ['tcp.options.experimental.data == cb:00:71:0a', FULLNAT],
    ['ip.src eq 203.0.113.10 and ip.ttl ge 64 and ip.ttl le 64 and ip.ttl gt 1 and ip.ttl lt 65 and ip.ttl ne 1', SYN],
  ] as const)('%s', (text, frame) => {
    expect(ok(text, frame)).toBe(true);
  });
});

describe('compile errors', () => {
  const fail = (text: string): { offset: number; message: string; id: string } => {
    const r = compileFilter(text);
    if (r.ok) throw new Error(`${text} compiled`);
    return { offset: r.error.offset, message: r.error.message, id: r.error.msg.id };
  };
  it.each([
    ['ip.srcc == 1.2.3.4', 0, 'filter.error.unknownFieldSuggest', 'Did you mean "ip.src"?'],
    ['tcp.port == 80 && tcp.dstprt == 80', 18, 'filter.error.unknownFieldSuggest', '"tcp.dstport"'],
    ['tcpp', 0, 'filter.error.unknownFieldSuggest', '"tcp"'],
    ['tcp.port == tcp.dstportt', 12, 'filter.error.unknownFieldSuggest', '"tcp.dstport"'],
    ['zebra.stripes == 1', 0, 'filter.error.unknownField', 'neither a field nor a protocol name'],
    ['tcp.seq == 1', 0, 'filter.unsupported.relativeSeq', 'tcp.seq_raw'],
    ['frame.number == 1', 0, 'filter.unsupported.capture', 'one frame at a time'],
    ['tcp.analysis.retransmission', 0, 'filter.unsupported.conversation', 'whole conversation'],
    ['tcp && http', 7, 'filter.unsupported.application', 'tcp.payload'],
    ['ipv6', 0, 'filter.unsupported.protocol', 'IPv4 and ARP only'],
    ['ip.src ==', 9, 'filter.error.unexpectedEnd', 'Unexpected end'],
    ['ip.src == 1.2.3.4 &&', 20, 'filter.error.unexpectedEnd', 'Unexpected end'],
    ['(tcp', 4, 'filter.error.unexpectedEnd', 'Unexpected end'],
    ['tcp)', 3, 'filter.error.unexpected', '")" was unexpected'],
    ['tcp.port 80', 9, 'filter.error.unexpected', '"80" was unexpected'],
    ['ip.src = 1.2.3.4', 7, 'filter.error.unexpected', '"=" was unexpected'],
    ['tcp.port in {80 443}', 16, 'filter.error.setComma', 'separated by commas'],
    ['tcp.port in {80,}', 16, 'filter.error.unexpected', '"}" was unexpected'],
    ['tcp.port == 65536', 12, 'filter.error.tooBig', 'maximum 65535'],
    ['tcp.port == -1', 12, 'filter.error.negative', 'unsigned'],
    ['tcp.port == 80.0', 12, 'filter.error.badNumber', 'not a valid number'],
    ['tcp.port == "80"', 12, 'filter.error.stringForNumber', 'without quotes'],
    ['arp.opcode == requst', 14, 'filter.error.valueNotFound', 'possible values for arp.opcode'],
    ['tcp.flags.syn == maybe', 17, 'filter.error.badBool', '"Set" or "Not set"'],
    ['ip.src == 02:00:00:00:00:01', 10, 'filter.error.badIpv4', 'not a valid IPv4 address'],
    ['ip.src == 192.168.1', 10, 'filter.error.badIpv4', 'not a valid IPv4 address'],
    ['ip.src == 203.0.113.010', 10, 'filter.error.badIpv4', 'not a valid IPv4 address'],
    ['ip.src == "1.2.3.4"', 10, 'filter.error.ipv4String', 'without quotes'],
    ['ip.src == 1.2.3.4/33', 10, 'filter.error.badPrefix', 'not 33'],
    ['ip.src > 10.0.0.0/8', 9, 'filter.error.netOrder', '==, != or in'],
    ['eth.src == 192.168.1.1', 11, 'filter.error.badEther', 'not a valid Ethernet address'],
    ['eth.dst == ff:ff:ff:ff:ff', 11, 'filter.error.etherTooFew', 'too few bytes'],
    ['eth.dst == ff:ff:ff:ff:ff:ff:ff', 11, 'filter.error.etherTooMany', 'too many bytes'],
    ['ip.src == eth.src', 10, 'filter.error.incompatible', 'not of compatible types'],
    ['ip.proto == tcp', 12, 'filter.error.incompatibleQuote', 'ip.proto == "tcp"'],
    ['tcp.options.mss == 1', 0, 'filter.error.presenceOnly', 'presence'],
    ['tcp.flags.syn & 1', 0, 'filter.error.bitand', '"&"'],
    ['ip.src contains 1.2.3.4', 0, 'filter.error.contains', 'contains'],
    ['"abc" == ip.src', 0, 'filter.error.lhsNotField', 'Left side of "=="'],
    ['1.2.3.4 == ip.src', 0, 'filter.error.lhsNotField', 'Left side of "=="'],
    ['80', 0, 'filter.error.notAField', 'not a field name'],
    ['ip.src == "abc', 10, 'filter.error.unterminatedString', 'final quote'],
    ['tcp AND ip', 4, 'filter.error.unexpected', '"AND" was unexpected'],
    ['tcp ~ ip', 4, 'filter.error.unexpected', '"~" was unexpected'],
  ] as const)('%s', (text, offset, id, words) => {
    const e = fail(text);
    expect({ offset: e.offset, id: e.id }).toEqual({ offset, id });
    expect(hasMessage(e.id)).toBe(true);
    expect(e.message).toContain(words);
  });

  it('never throws, and every offset lies within the text', () => {
    const alphabet = fc.constantFrom(...'tcp.ipaddrsyn =!<>&|(){},.."0123456789:/ -'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
        const r = compileFilter(text);
        if (!r.ok) expect(r.error.offset).toBeGreaterThanOrEqual(0);
        if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('laws over random frames', () => {
  it('x != v is x && !(x == v); x in {a, b} is x == a || x == b; x not in S is !(x in S)', () => {
    const pairs: readonly (readonly [string, string])[] = [
      ['ip.src != 10.0.0.1', 'ip.src && !(ip.src == 10.0.0.1)'],
      ['tcp.port != 80', 'tcp.port && !(tcp.port == 80)'],
      ['tcp.port in {80, 443}', 'tcp.port == 80 || tcp.port == 443'],
      ['tcp.port not in {80, 443}', '!(tcp.port in {80, 443})'],
      ['vrrp.prio in {1..64}', 'vrrp.prio >= 1 && vrrp.prio <= 64'],
      ['ip.ttl in {1..64}', 'ip.ttl == 1 || ip.ttl in {2..64}'],
      ['tcp.option_kind !== 1', '!(tcp.option_kind === 1) && tcp.option_kind'],
    ];
    const compiled = pairs.map(([a, b]) => [compile(a), compile(b)] as const);
    fc.assert(
      fc.property(ethernetFrame, (frame) => {
        for (const [a, b] of compiled) expect(a.matches(frame), a.text).toBe(b.matches(frame));
      }),
      { numRuns: 500 },
    );
  });
});
