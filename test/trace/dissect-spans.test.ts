/**
 * Byte spans of the details tree (what the hex pane highlights). Properties over every frame of
 * several built-in labs and over random valid frames: each layer lies inside the frame, each
 * line inside its layer and inside its parent line, and each integer, address or byte value
 * read back from the bytes at its span (big-endian, through the bit mask of a bit field) is the
 * value shown: a wrong offset fails. Table tests pin known offsets; dissectIp is dissect less
 * the frame and Ethernet header; and against `tshark -T pdml` every line we share with
 * Wireshark has Wireshark's pos and size (skipped without tshark).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { encodeFrame, encodeIpv4 } from '../../src/net/wire/frame.js';
import type { EthernetFrame, Ipv4Packet, VrrpV2Packet } from '../../src/net/wire/packet.js';
import { runScenario } from '../../src/scenarios/run.js';
import { dissect, dissectIp, treeLine, type DissectedField, type DissectedLayer } from '../../src/trace/dissect.js';
import { resetCause, vrrpAuthString } from '../../src/trace/filter/fields.js';
import { loadBuiltin } from '../e2e/helpers.js';
import { EXTRA } from '../dissect/extra-frames.js';
import { CAPTURE, FRAG_NEEDED, FULLNAT, ip, IPIP, SYN, VRRP2 } from '../filter/frames.js';
import { comparableFrame, hasTshark, tshark, writeCapture } from '../filter/tshark-helpers.js';
import { ethernetFrame } from '../wire/arbitraries.js';

const LABS = ['dr-basic', 'tun-basic', 'fullnat-toa', 'nat-basic', 'synproxy-flood', 'keepalived-failover', 'tun-mtu'] as const;

interface LabPackets {
  readonly frames: EthernetFrame[];
  readonly packets: Ipv4Packet[];
}

/** The distinct frames (tx/rx) and IP-only packets (hook, drop, ipvs.xmit) of a lab's trace. */
function labPackets(name: string): LabPackets {
  const run = runScenario(loadBuiltin(name), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!run.ok) throw new Error(`${name} does not run`);
  const frames = new Set<EthernetFrame>();
  const packets = new Set<Ipv4Packet>();
  for (const e of run.trace.events) {
    if (e.kind === 'tx' || e.kind === 'rx') frames.add(e.frame);
    else if (e.kind === 'hook') packets.add(e.packet);
    else if (e.kind === 'ipvs.xmit') packets.add(e.before).add(e.after);
    else if (e.kind === 'drop') {
      if (e.packet.layer === 'eth') frames.add(e.packet);
      else packets.add(e.packet);
    }
  }
  return { frames: [...frames], packets: [...packets] };
}

const labs = new Map(LABS.map((name) => [name, labPackets(name)] as const));

function readBE(b: Uint8Array, pos: number, len: number): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + (b[pos + i] as number);
  return v;
}

function readLE(b: Uint8Array, pos: number, len: number): number {
  let v = 0;
  for (let i = len - 1; i >= 0; i--) v = v * 256 + (b[pos + i] as number);
  return v;
}

function hexOf(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Fields whose value is the bytes at the span, as hex text. */
const BYTE_FIELDS = new Set([
  'tcp.options',
  'tcp.payload',
  'udp.payload',
  'data.data',
  'icmp.unused',
  'tcp.options.experimental.data',
  'tcp.options.unknown.payload',
]);
/** Fields Wireshark reads little-endian. */
const LITTLE_ENDIAN = new Set(['icmp.ident_le', 'icmp.seq_le']);
/** Bit fields whose value is the masked bits times a unit (header lengths in 32-bit words, fragment offset in 8 bytes). */
const UNIT: Readonly<Record<string, number>> = { 'ip.hdr_len': 4, 'tcp.hdr_len': 4, 'ip.frag_offset': 8 };
/** Fields without a bit pattern whose value is only part of their bytes. */
const MASK: Readonly<Record<string, number>> = { 'tcp.flags': 0x0fff };

interface Span {
  readonly pos: number;
  readonly len: number;
}

function inside(inner: Span, outer: Span): boolean {
  return inner.pos >= outer.pos && inner.len >= 0 && inner.pos + inner.len <= outer.pos + outer.len;
}

/**
 * What is wrong with the value of `f` read back from `bytes` at its span ('' when right).
 * `parent` is the enclosing line (a flag bit's pattern covers its parent's bytes).
 */
function valueProblem(f: DissectedField, bytes: Uint8Array, parent: DissectedField | undefined): string {
  if (f.pos === undefined || f.len === undefined) return '';
  const at = `${f.name || f.label} at ${f.pos}/${f.len}`;
  if (f.name === '') {
    const port = /^TOA client port: (\d+)$/.exec(f.label);
    if (port !== null) return readBE(bytes, f.pos, f.len) === Number(port[1]) ? '' : `${at}: ${readBE(bytes, f.pos, f.len)}`;
    const addr = /^TOA client address: (.+)$/.exec(f.label);
    if (addr !== null) return f.len === 4 && formatIp4(readBE(bytes, f.pos, 4)) === addr[1] ? '' : `${at}: wrong address bytes`;
    return '';
  }
  const span = bytes.subarray(f.pos, f.pos + f.len);
  if (BYTE_FIELDS.has(f.name)) return hexOf(span) === f.value ? '' : `${at}: ${hexOf(span)} ≠ ${String(f.value)}`;
  if (f.name === 'tcp.reset_cause') return resetCause(span) === f.value ? '' : `${at}: reset cause`;
  if (f.name === 'vrrp.auth_string') return vrrpAuthString(span) === f.value ? '' : `${at}: auth string`;
  if (f.generated === true) {
    if (f.name === 'tcp.options.wscale.multiplier') return f.value === 2 ** Math.min(span[0] as number, 14) ? '' : `${at}: multiplier`;
    if (f.name === 'tcp.flags.str') return '';
    return `${at}: a generated field with a span`;
  }
  const want = typeof f.value === 'boolean' ? Number(f.value) : f.value;
  if (typeof want !== 'number') return '';
  if (f.bits !== undefined) {
    const pattern = f.bits.replace(/ /g, '');
    const w = pattern.length;
    // The pattern's word: the field's own bytes, or its parent's when it is wider (a flag bit of tcp.flags).
    const region = Math.ceil(w / 8) <= f.len ? { pos: f.pos, len: f.len } : parent?.pos !== undefined && parent.len !== undefined ? { pos: parent.pos, len: parent.len } : undefined;
    if (region === undefined || Math.ceil(w / 8) > region.len) return `${at}: ${w}-bit pattern wider than its bytes`;
    const word = readBE(bytes, region.pos, region.len) % 2 ** w;
    let got = 0;
    for (let i = 0; i < w; i++) {
      if (pattern[i] === '.') continue;
      const bitIndex = w - 1 - i;
      const byte = region.pos + region.len - 1 - Math.floor(bitIndex / 8);
      if (byte < f.pos || byte >= f.pos + f.len) return `${at}: bit ${bitIndex} lies outside the span`;
      got = got * 2 + (Math.floor(word / 2 ** bitIndex) % 2);
    }
    got *= UNIT[f.name] ?? 1;
    return got === want ? '' : `${at}: read ${got}, shown ${want}`;
  }
  if (f.len > 6) return `${at}: a number over ${f.len} bytes`;
  const raw = LITTLE_ENDIAN.has(f.name) ? readLE(bytes, f.pos, f.len) : readBE(bytes, f.pos, f.len);
  const got = MASK[f.name] === undefined ? raw : raw & (MASK[f.name] as number);
  return got === want ? '' : `${at}: read ${got}, shown ${want}`;
}

/** Every problem with the spans of `layers` over `bytes` (empty when all are true). */
function spanProblems(layers: readonly DissectedLayer[], bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const whole = { pos: 0, len: bytes.length };
  const walk = (fields: readonly DissectedField[], layer: Span, parent: DissectedField | undefined): void => {
    for (const f of fields) {
      if ((f.pos === undefined) !== (f.len === undefined)) problems.push(`${f.name}: pos without len`);
      if (f.pos !== undefined && f.len !== undefined) {
        const s = { pos: f.pos, len: f.len };
        if (!inside(s, layer)) problems.push(`${f.name || f.label} ${f.pos}/${f.len} outside its layer ${layer.pos}/${layer.len}`);
        if (parent?.pos !== undefined && parent.len !== undefined && !inside(s, { pos: parent.pos, len: parent.len })) {
          problems.push(`${f.name || f.label} ${f.pos}/${f.len} outside its parent ${parent.name} ${parent.pos}/${parent.len}`);
        }
      }
      const p = valueProblem(f, bytes, parent);
      if (p !== '') problems.push(p);
      if (f.children !== undefined) walk(f.children, layer, f);
    }
  };
  for (const l of layers) {
    if (l.pos === undefined || l.len === undefined) {
      problems.push(`layer ${l.name} without a span`);
      continue;
    }
    const span = { pos: l.pos, len: l.len };
    if (!inside(span, whole)) problems.push(`layer ${l.name} ${l.pos}/${l.len} outside the ${bytes.length} bytes`);
    if (l.hdrLen !== undefined && (l.hdrLen < 8 || l.hdrLen > l.len)) problems.push(`layer ${l.name}: header ${l.hdrLen} of ${l.len}`);
    walk(l.fields, span, undefined);
  }
  return problems;
}

function fieldsNamed(layers: readonly DissectedLayer[], name: string): DissectedField[] {
  const out: DissectedField[] = [];
  const walk = (fs: readonly DissectedField[]): void => {
    for (const f of fs) {
      if (f.name === name) out.push(f);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const l of layers) walk(l.fields);
  return out;
}

const spanOf = (f: DissectedField | undefined): [number | undefined, number | undefined] => [f?.pos, f?.len];

describe('spans of every frame of the built-in labs', () => {
  it.each(LABS)('%s: inside layer, parent and frame; values read back from their bytes', (name) => {
    const { frames } = labs.get(name) as LabPackets;
    expect(frames.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const f of frames) for (const p of spanProblems(dissect(f), encodeFrame(f))) problems.push(p);
    expect([...new Set(problems)]).toEqual([]);
  });

  it.each(LABS)('%s: IP-only packets (hooks, IPVS) have the same spans, relative to the IP header', (name) => {
    const { packets } = labs.get(name) as LabPackets;
    expect(packets.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const p of packets) for (const x of spanProblems(dissectIp(p), encodeIpv4(p))) problems.push(x);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('the labs exercise what the spans must get right', () => {
    const all = [...labs.values()].flatMap((l) => l.frames.flatMap((f) => dissect(f)));
    const names = new Set(all.map((l) => l.name));
    expect([...names].sort()).toEqual(['arp', 'eth', 'frame', 'icmp', 'ip', 'tcp', 'udp', 'vrrp'].filter((n) => names.has(n)).sort());
    for (const must of ['arp', 'icmp', 'vrrp', 'tcp']) expect(names).toContain(must);
    expect(all.some((l) => l.name === 'icmp' && fieldsNamed([l], 'ip').length === 1)).toBe(true);
    expect(all.some((l) => fieldsNamed([l], 'tcp.options.experimental').length > 0)).toBe(true);
    const labFrames = [...labs.values()].flatMap((l) => l.frames);
    expect(labFrames.some((f) => dissect(f).filter((l) => l.name === 'ip').length === 2)).toBe(true);
  });
});

describe('spans of random valid frames', () => {
  it('hold for any frame the codec can encode', () => {
    fc.assert(
      fc.property(ethernetFrame, (f) => {
        expect(spanProblems(dissect(f), encodeFrame(f))).toEqual([]);
      }),
      { numRuns: 400, seed: 0x5a4e },
    );
  });

  it('dissectIp is dissect without frame and eth, every span 14 bytes earlier', () => {
    const shift = (fs: readonly DissectedField[] | undefined): unknown =>
      fs?.map((f) => ({ name: f.name, line: treeLine(f), pos: f.pos === undefined ? undefined : f.pos - 14, len: f.len, children: shift(f.children) }));
    const plain = (fs: readonly DissectedField[] | undefined): unknown =>
      fs?.map((f) => ({ name: f.name, line: treeLine(f), pos: f.pos, len: f.len, children: plain(f.children) }));
    fc.assert(
      fc.property(ethernetFrame, (f) => {
        if (f.payload.layer !== 'ipv4') return;
        const framed = dissect(f).slice(2);
        const bare = dissectIp(f.payload);
        expect(bare.map((l) => [l.name, l.title, l.pos, l.len, l.hdrLen, plain(l.fields)])).toEqual(
          framed.map((l) => [l.name, l.title, (l.pos as number) - 14, l.len, l.hdrLen, shift(l.fields)]),
        );
      }),
      { numRuns: 200, seed: 0x1d },
    );
  });
});

describe('known offsets', () => {
  it('puts the fields of a plain Ethernet/IPv4/TCP frame where RFC 791 and RFC 9293 put them', () => {
    const layers = dissect(SYN);
    expect(layers.map((l) => [l.name, l.pos, l.len, l.hdrLen])).toEqual([
      ['frame', 0, 74, undefined],
      ['eth', 0, 14, undefined],
      ['ip', 14, 60, 20],
      ['tcp', 34, 40, 40],
    ]);
    expect(spanOf(fieldsNamed(layers, 'eth.dst')[0])).toEqual([0, 6]);
    expect(spanOf(fieldsNamed(layers, 'eth.type')[0])).toEqual([12, 2]);
    expect(spanOf(fieldsNamed(layers, 'ip.ttl')[0])).toEqual([22, 1]);
    expect(spanOf(fieldsNamed(layers, 'ip.src')[0])).toEqual([26, 4]);
    expect(spanOf(fieldsNamed(layers, 'ip.dst')[0])).toEqual([30, 4]);
    expect(spanOf(fieldsNamed(layers, 'ip.flags.df')[0])).toEqual([20, 1]);
    expect(spanOf(fieldsNamed(layers, 'ip.frag_offset')[0])).toEqual([20, 2]);
    expect(spanOf(fieldsNamed(layers, 'tcp.srcport')[0])).toEqual([34, 2]);
    expect(spanOf(fieldsNamed(layers, 'tcp.dstport')[0])).toEqual([36, 2]);
    expect(spanOf(fieldsNamed(layers, 'tcp.flags')[0])).toEqual([46, 2]);
    expect(spanOf(fieldsNamed(layers, 'tcp.flags.syn')[0])).toEqual([47, 1]);
    expect(spanOf(fieldsNamed(layers, 'tcp.flags.ae')[0])).toEqual([46, 1]);
    expect(spanOf(fieldsNamed(layers, 'tcp.options')[0])).toEqual([54, 20]);
    // MSS, SACK permitted, timestamps, NOP, window scale: one after the other from byte 54.
    expect(fieldsNamed(layers, 'tcp.option_kind').map(spanOf)).toEqual([[54, 1], [58, 1], [60, 1], [70, 1], [71, 1]]);
    expect(spanOf(fieldsNamed(layers, 'tcp.options.timestamp')[0])).toEqual([60, 10]);
    expect(spanOf(fieldsNamed(layers, 'tcp.len')[0])).toEqual([undefined, undefined]);
    expect(spanOf(fieldsNamed(layers, 'frame.len')[0])).toEqual([undefined, undefined]);
  });

  it('puts the inner header of IPIP after the outer one: inner ip.src at 46..50', () => {
    const layers = dissect(IPIP);
    expect(layers.map((l) => [l.name, l.pos, l.len])).toEqual([
      ['frame', 0, 94],
      ['eth', 0, 14],
      ['ip', 14, 80],
      ['ip', 34, 60],
      ['tcp', 54, 40],
    ]);
    expect(fieldsNamed(layers, 'ip.src').map(spanOf)).toEqual([[26, 4], [46, 4]]);
    expect(fieldsNamed(layers, 'tcp.dstport').map(spanOf)).toEqual([[56, 2]]);
  });

  it('gives TOA (option 254) its 8 bytes, the client port and address inside them', () => {
    const layers = dissect(FULLNAT);
    const toa = fieldsNamed(layers, 'tcp.options.experimental')[0];
    expect(spanOf(toa)).toEqual([66, 8]);
    const lines = (toa?.children ?? []).map((c) => [c.name || c.label, c.pos, c.len]);
    expect(lines).toEqual([
      ['tcp.option_kind', 66, 1],
      ['tcp.option_len', 67, 1],
      ['tcp.options.experimental.exid', 68, 2],
      ['tcp.options.experimental.data', 70, 4],
      ['TOA client port: 40000', 68, 2],
      ['TOA client address: 203.0.113.10', 70, 4],
    ]);
  });

  it('puts the quoted header of an ICMP error inside the ICMP payload', () => {
    const layers = dissect(FRAG_NEEDED);
    const icmp = layers.find((l) => l.name === 'icmp');
    expect([icmp?.pos, icmp?.len]).toEqual([34, 36]);
    expect(spanOf(fieldsNamed(layers, 'icmp.mtu')[0])).toEqual([40, 2]);
    expect(spanOf(fieldsNamed(layers, 'icmp.unused')[0])).toEqual([38, 2]);
    // The quoted IP header starts after the 8-byte ICMP header; its source address 12 bytes in.
    const quotedIp = fieldsNamed(layers, 'ip')[0];
    expect(spanOf(quotedIp)).toEqual([42, 20]);
    expect(fieldsNamed(layers, 'ip.src').map(spanOf)).toEqual([[26, 4], [54, 4]]);
    expect(spanOf(fieldsNamed(layers, 'tcp')[0])).toEqual([62, 8]);
    expect(fieldsNamed(layers, 'tcp.dstport').map(spanOf)).toEqual([[64, 2]]);
  });

  it('puts VRRPv2 addresses and the password where RFC 3768 puts them', () => {
    const authData = new Uint8Array(8);
    authData.set(new TextEncoder().encode('secret'));
    const v = VRRP2.payload as Ipv4Packet;
    const withAuth: EthernetFrame = { ...VRRP2, payload: { ...v, payload: { ...(v.payload as VrrpV2Packet), authType: 1, addrs: [ip('10.0.0.1'), ip('10.0.0.2')], authData } } };
    const layers = dissect(withAuth);
    const vrrp = layers.find((l) => l.name === 'vrrp');
    const addrs = fieldsNamed(layers, 'vrrp.ip_addr').map(spanOf);
    expect(addrs).toEqual([[42, 4], [46, 4]]);
    expect(spanOf(fieldsNamed(layers, 'vrrp.auth_string')[0])).toEqual([50, 8]);
    expect(spanOf(fieldsNamed(layers, 'vrrp.checksum')[0])).toEqual([40, 2]);
    expect([vrrp?.pos, vrrp?.len]).toEqual([34, 24]);
  });
});

// ---- against Wireshark --------------------------------------------------------------------

/** Per packet, "name\u0000showname" → the [pos, size] of each occurrence, in PDML order. */
function pdmlSpans(file: string): Map<string, [number, number][]>[] {
  const r = tshark(['-o', 'nameres.mac_name:FALSE', '-r', file, '-T', 'pdml']);
  if (r.status !== 0) throw new Error(r.stderr);
  const unescape = (s: string): string =>
    s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return r.stdout
    .split('<packet>')
    .slice(1)
    .map((packet) => {
      const m = new Map<string, [number, number][]>();
      for (const x of packet.matchAll(/<(?:proto|field) name="([^"]*)" showname="([^"]*)" size="(\d+)" pos="(\d+)"/g)) {
        const key = `${x[1] as string}\u0000${unescape(x[2] as string)}`;
        const list = m.get(key) ?? [];
        list.push([Number(x[4]), Number(x[3])]);
        m.set(key, list);
      }
      return m;
    });
}

/** Our [pos, len] per "name\u0000line" of a frame, in tree order; layers with the span Wireshark gives their line (the header). */
function ourSpans(frame: EthernetFrame): Map<string, [number, number][]> {
  const m = new Map<string, [number, number][]>();
  const add = (key: string, span: [number, number]): void => {
    const list = m.get(key) ?? [];
    list.push(span);
    m.set(key, list);
  };
  const walk = (fields: readonly DissectedField[]): void => {
    for (const f of fields) {
      const line = f.generated === true ? treeLine(f).slice(1, -1) : treeLine(f);
      if (f.name !== '') add(`${f.name}\u0000${line}`, [f.pos ?? -1, f.len ?? 0]);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const l of dissect(frame)) {
    if (l.name !== 'frame') add(`${l.name}\u0000${l.title}`, [l.pos ?? -1, l.hdrLen ?? l.len ?? 0]);
    walk(l.fields);
  }
  return m;
}

describe.skipIf(!hasTshark)('spans match tshark -T pdml', () => {
  const labFrames = [...labs.values()].flatMap((l) => l.frames.slice(0, 150));
  const frames = [...CAPTURE, ...EXTRA, ...labFrames, ...fc.sample(comparableFrame, { numRuns: 300, seed: 777 })];
  const capture = writeCapture(frames);
  afterAll(() => capture.remove());

  it('every line Wireshark also shows has its pos and size (a line without bytes: size 0)', () => {
    const theirs = pdmlSpans(capture.file);
    expect(theirs.length).toBe(frames.length);
    const wrong: string[] = [];
    let compared = 0;
    frames.forEach((f, i) => {
      const t = theirs[i] as Map<string, [number, number][]>;
      for (const [key, spans] of ourSpans(f)) {
        const ws = t.get(key);
        if (ws === undefined || ws.length !== spans.length) continue;
        spans.forEach(([pos, len], k) => {
          const [wp, wl] = ws[k] as [number, number];
          compared++;
          const same = pos < 0 ? wl === 0 : pos === wp && len === wl;
          if (!same) wrong.push(`frame ${i + 1} ${key.replace('\u0000', ' | ')}: ours ${pos}/${len}, tshark ${wp}/${wl}`);
        });
      }
    });
    expect(wrong.slice(0, 30)).toEqual([]);
    expect(compared).toBeGreaterThan(20_000);
  });
});
