/**
 * Running tshark over frames for the cross-checks: write the frames to a temporary pcap with
 * PcapWriter, run tshark on it, and read its PDML. `hasTshark` tells the tests whether to run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PcapWriter } from '../../src/net/pcap/writer.js';
import type { EthernetFrame, Ipv4Packet, TcpOption } from '../../src/net/wire/packet.js';
import { ETHERTYPE_NAMES, TCP_OPTION_KIND_NAMES } from '../../src/trace/filter/value-names.js';
import { ethernetFrame } from '../wire/arbitraries.js';

export const hasTshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;

/** A pcap of `frames` (one per virtual second) in a fresh temporary directory. */
export function writeCapture(frames: readonly EthernetFrame[]): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lvslab-tshark-'));
  const file = join(dir, 'frames.pcap');
  const w = new PcapWriter();
  frames.forEach((f, i) => w.writeFrame(i * 1_000_000_000, f));
  writeFileSync(file, w.toBytes());
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs tshark; throws with its stderr if it fails. */
export function tshark(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The frame numbers tshark's display filter selects, or undefined when tshark rejects the filter. */
export function tsharkSelects(file: string, filter: string): number[] | undefined {
  const r = tshark(['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']);
  if (r.status !== 0) return undefined;
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number);
}

function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Per packet, the "name\u0000text" of every PDML proto and field element that has a text. */
export function pdmlLines(file: string): string[][] {
  const r = tshark(['-o', 'nameres.mac_name:FALSE', '-r', file, '-T', 'pdml']);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout
    .split('<packet>')
    .slice(1)
    .map((packet) => [...packet.matchAll(/<(?:proto|field) name="([^"]*)" showname="([^"]*)"/g)].map((m) => `${m[1] as string}\u0000${unescapeXml(m[2] as string)}`));
}

function ipChain(p: Ipv4Packet, visit: (ip: Ipv4Packet) => boolean): boolean {
  return visit(p) && (p.payload.layer !== 'ipv4' || ipChain(p.payload, visit));
}

/** An option the lab keeps as unknown but Wireshark dissects in its own way (MD5, MPTCP, …). */
function specialInWireshark(o: TcpOption): boolean {
  return o.kind === 'unknown' && o.type !== 253 && o.type !== 254 && TCP_OPTION_KIND_NAMES.has(o.type);
}

/** An ICMP error quoting fewer bytes than an IP header: Wireshark shows the partial header, the lab nothing. */
function shortQuote(ip: Ipv4Packet): boolean {
  const m = ip.payload;
  if (m.layer !== 'icmp') return false;
  const q = m.kind === 'unreach' || m.kind === 'timeExceeded' ? m.original : m.kind === 'other' ? m.data : undefined;
  return q !== undefined && q.length > 0 && q.length < 20;
}

/**
 * Valid frames Wireshark reads the way the lab models them: raw payloads only under ethertypes
 * Wireshark does not dissect (and no 802.3 length, below 0x0600, in the type field), no IP
 * options (the generator's are random bytes Wireshark rejects), no unknown TCP option of a kind
 * Wireshark has its own dissector for, and no ICMP error quoting less than an IP header.
 */
export const comparableFrame: fc.Arbitrary<EthernetFrame> = ethernetFrame.filter((f) => {
  if (f.payload.layer === 'raw' && (f.ethertype < 0x0600 || ETHERTYPE_NAMES.has(f.ethertype))) return false;
  if (f.payload.layer !== 'ipv4') return true;
  return ipChain(f.payload, (ip) => {
    if (ip.options.length > 0 || shortQuote(ip)) return false;
    return ip.payload.layer !== 'tcp' || !ip.payload.options.some(specialInWireshark);
  });
});
