/**
 * The proof that the same expression selects the same frames here and in tshark: frames are
 * written with PcapWriter, and for each filter the frame numbers tshark prints with `-Y <filter>`
 * must equal the frames our compiled filter matches — over the hand-built sample capture and over
 * a few hundred random valid frames. Filters tshark rejects must be rejected here too. Skipped,
 * with the reason in its name, where tshark is not installed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { compileFilter } from '../../src/trace/filter/index.js';
import { CAPTURE } from './frames.js';
import { comparableFrame, hasTshark, tsharkSelects, writeCapture } from './tshark-helpers.js';

/** Filters whose matches must agree with tshark's (Wireshark 4.0 semantics). */
export const AGREEING_FILTERS: readonly string[] = [
  'tcp',
  'arp',
  'ip',
  'udp',
  'icmp',
  'vrrp',
  'eth',
  'frame',
  'data',
  '!ip',
  'not tcp',
  'tcp.port == 80',
  'tcp.port eq 80',
  'tcp.port != 80',
  'tcp.port in {80, 443}',
  'tcp.port not in {80}',
  'tcp.port in {5000..6000}',
  'tcp.srcport == 40000',
  'tcp.dstport == 80 && tcp.flags.syn == 1',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.flags.syn == True',
  'tcp.flags.syn == "Set"',
  'tcp.flags.syn',
  'tcp.flags & 0x12 == 0x12',
  'tcp.flags & 0x02',
  'tcp.flags == 0x018',
  'tcp.flags.reset == 1',
  'tcp.flags.str == "··········S·"',
  'tcp.seq_raw == 1000',
  'tcp.ack_raw == 3001',
  'tcp.len > 0',
  'tcp.len == 0',
  'tcp.hdr_len == 40',
  'tcp.window_size_value < 1000',
  'tcp.urgent_pointer == 0',
  'tcp.checksum',
  'tcp.option_kind == 254',
  'tcp.option_kind == 8 && tcp.options.timestamp.tsval == 5',
  'tcp.option_kind == "Window Scale"',
  'tcp.option_kind != 8',
  'tcp.option_len == 8',
  'tcp.options.mss_val == 1460',
  'tcp.options.wscale.shift == 7',
  'tcp.options.wscale.multiplier == 128',
  'tcp.options.sack_perm',
  'tcp.options.experimental',
  'tcp.options.experimental.exid == 0x9c40',
  'tcp.options.experimental.data == cb:00:71:0a',
  'tcp.options.timestamp.tsecr == 0',
  'tcp.options.eol',
  'tcp.options',
  'tcp.payload contains "GET"',
  'ip.src == 203.0.113.10',
  'ip.src != 203.0.113.10',
  '!(ip.src == 203.0.113.10)',
  'ip.src === 203.0.113.10',
  'ip.src !== 203.0.113.10',
  'ip.addr == 192.168.1.0/24',
  'ip.addr != 192.168.1.0/24',
  'ip.dst == 224.0.0.0/4',
  'ip.src in {10.0.0.0/8, 203.0.113.10}',
  'ip.src == ip.dst',
  'ip.src & 255.0.0.0 == 203.0.0.0',
  'ip.src > 192.168.1.1',
  'ip.proto == 4',
  'ip.proto == TCP',
  'ip.proto == "udp"',
  'ip.ttl >= 64 and not tcp',
  'ip.ttl == 255',
  'ip.flags.df == 1',
  'ip.flags.mf',
  'ip.flags.mf == 1',
  'ip.flags == 0x2',
  'ip.frag_offset == 0',
  'ip.id == 7',
  'ip.len == 60',
  'ip.hdr_len == 20',
  'ip.dsfield == 0',
  'ip.dsfield.dscp == "Default"',
  'ip.checksum > 0x8000',
  'ip.src_host == "192.168.1.1"',
  'ip.host contains "113"',
  'udp.port == 5353',
  'udp.length == 12',
  'udp.checksum',
  'icmp.type == 8',
  'icmp.type == 3 && icmp.code == 4',
  'icmp.mtu == 1400',
  'icmp.ident == 1 && icmp.seq == 1',
  'icmp.seq_le == 256',
  'icmp.unused',
  'arp.opcode == 1',
  'arp.opcode == request',
  'arp.opcode == reply',
  'arp.src.hw_mac == 02:00:00:00:00:0a',
  'arp.dst.proto_ipv4 == 192.168.1.100',
  'arp.isgratuitous',
  'arp.isannouncement',
  'arp.hw.type == 1 && arp.proto.type == 0x0800',
  'vrrp.version == 2',
  'vrrp.version == 3 && vrrp.prio == 255',
  'vrrp.virt_rtr_id == 51 && vrrp.addr_count == 1',
  'vrrp.auth_type == 0',
  'vrrp.adver_int == 1',
  'vrrp.short_adver_int == 100',
  'vrrp.ip_addr == 10.0.0.2',
  'vrrp.type == Advertisement',
  'eth.addr == ff:ff:ff:ff:ff:ff',
  'eth.dst == ff-ff-ff-ff-ff-ff',
  'eth.src == 0200.0000.000a',
  'eth.dst.ig == 1',
  'eth.lg == 0',
  'eth.type == 0x0806',
  'eth.type == ARP',
  'frame.len > 70',
  'frame.len == 42',
  'data.len == 5',
  'tcp.port == 80 || udp.port == 5353 && ip.ttl == 1',
  '!tcp.port == 80',
  '!tcp && ip || arp',
  '(tcp || udp) && !(ip.src == 192.168.1.1)',
  'tcp.port==80&&ip.src==10.0.0.2',
];

/** Filters tshark refuses: we must refuse them too. */
export const REJECTED_FILTERS: readonly string[] = [
  'ip.srcc == 1.2.3.4',
  'ip.src ==',
  'ip.src == 1.2.3.4 &&',
  '(ip.src == 1.2.3.4',
  'ip.src == 1.2.3.4)',
  'ip.src == 02:00:00:00:00:01',
  'ip.src == 192.168.1',
  'ip.src == 1.2.3.4/33',
  'tcp.port == 65536',
  'tcp.port in {80 443}',
  'tcp.port 80',
  'eth.dst == ff:ff:ff:ff:ff',
  'ip.proto == tcp',
  'tcp.flags.syn & 1',
  'ip.src contains 1.2.3.4',
  'arp.opcode == 1x',
  '"abc" == ip.src',
  'ip.src = 1.2.3.4',
  'ip.src == "abc',
  'tcp AND ip',
];

function frameNumbersHere(frames: readonly EthernetFrame[], filter: string): number[] {
  const r = compileFilter(filter);
  if (!r.ok) throw new Error(`${filter}: ${r.error.message}`);
  const out: number[] = [];
  frames.forEach((f, i) => {
    if (r.filter.matches(f)) out.push(i + 1);
  });
  return out;
}

/** Filters over random frames: ranges of values random fields take. */
const RANDOM_FILTERS: readonly string[] = [
  'tcp',
  'udp',
  'icmp',
  'vrrp',
  'arp',
  'ip.addr == 0.0.0.0/1',
  'ip.src > ip.dst',
  'ip.ttl < 64',
  'ip.proto == 4',
  'ip.flags.mf == 1 || ip.frag_offset > 0',
  'ip.dsfield.ecn == 3',
  'ip.len > 100',
  'tcp.port < 1024',
  'tcp.srcport > tcp.dstport',
  'tcp.flags.syn == 1 && tcp.flags.ack == 1',
  'tcp.flags & 0x0c',
  'tcp.option_kind == 254',
  'tcp.option_kind == 5',
  'tcp.options.mss_val < 1000',
  'tcp.options.wscale.multiplier == 16384',
  'tcp.len > 5',
  'tcp.hdr_len > 40',
  'udp.length > 20',
  'icmp.type == 3 && icmp.code == 4',
  'icmp.mtu > 30000',
  'icmp.ident > 30000',
  'vrrp.version == 3',
  'vrrp.prio > 200',
  'vrrp.ip_addr == 128.0.0.0/1',
  'arp.opcode == 2',
  'arp.isgratuitous',
  'eth.dst.ig == 1',
  'eth.type == 0x0806',
  'frame.len > 100',
];

describe.skipIf(!hasTshark)('display filters agree with tshark', () => {
  const sample = writeCapture(CAPTURE);
  const randomFrames = fc.sample(comparableFrame, { numRuns: 400, seed: 20240601 });
  const random = writeCapture(randomFrames);
  afterAll(() => {
    sample.remove();
    random.remove();
  });

  it.each(AGREEING_FILTERS)('%s', (filter) => {
    const theirs = tsharkSelects(sample.file, filter);
    expect(theirs, 'tshark accepts the filter').toBeDefined();
    expect(frameNumbersHere(CAPTURE, filter)).toEqual(theirs);
  });

  it.each(REJECTED_FILTERS)('rejects %s as tshark does', (filter) => {
    expect(tsharkSelects(sample.file, filter)).toBeUndefined();
    expect(compileFilter(filter).ok).toBe(false);
  });

  it.each(RANDOM_FILTERS)('random frames: %s', (filter) => {
    const theirs = tsharkSelects(random.file, filter);
    expect(theirs, 'tshark accepts the filter').toBeDefined();
    expect(frameNumbersHere(randomFrames, filter)).toEqual(theirs);
  });
});

describe.skipIf(hasTshark)('display filters agree with tshark (skipped: tshark is not installed)', () => {
  it('needs tshark on PATH', () => undefined);
});
