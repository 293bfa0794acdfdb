/**
 * Cross-check with an independent dissector: tshark reads a pcap written by PcapWriter from
 * packet values encoded by our codecs, and must find no malformed frame and no bad checksum.
 * Skipped, with a visible name, where tshark is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../src/net/pcap/writer.js';
import { encodeFrame } from '../../src/net/wire/frame.js';
import type { EthernetFrame, Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { ethernetFrame } from '../wire/arbitraries.js';
import { ip, mac, VECTORS } from '../wire/vectors.js';

const hasTshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;

/** Extra frames beyond the golden ones: SACK with TOA, port unreachable, a big IPIP-wrapped segment. */
function extraFrames(): EthernetFrame[] {
  const syn = VECTORS.find((v) => v.name.startsWith('TCP SYN'))?.value;
  if (syn === undefined) throw new Error('vector missing');
  const synIp = syn.payload as Ipv4Packet;
  const seg: TcpSegment = {
    ...(synIp.payload as TcpSegment),
    flags: 0x010,
    ack: 0x01020304,
    options: [
      { kind: 'toa', port: 40000, addr: ip('192.168.1.10') },
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'sack', blocks: [[1000, 2000], [3000, 4000]] },
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'timestamps', tsval: 1, tsecr: 2 },
    ],
    payload: new Uint8Array(200).fill(0x41),
  };
  const sackToa: EthernetFrame = { ...syn, payload: { ...synIp, payload: seg } };
  const portUnreach: EthernetFrame = {
    layer: 'eth',
    dst: mac('02:00:00:00:00:0a'),
    src: mac('02:00:00:00:00:02'),
    ethertype: 0x0800,
    payload: {
      layer: 'ipv4',
      tos: 0xc0,
      id: 5,
      df: false,
      mf: false,
      fragOffset: 0,
      ttl: 64,
      protocol: 1,
      src: ip('10.0.0.2'),
      dst: ip('192.168.1.10'),
      options: new Uint8Array(0),
      payload: { layer: 'icmp', kind: 'unreach', code: 3, nextHopMtu: 0, original: encodeFrame(sackToa).subarray(14, 14 + 28) },
    },
  };
  const tunnelled: EthernetFrame = {
    ...syn,
    payload: { ...synIp, protocol: 4, src: ip('10.0.0.1'), dst: ip('10.0.0.2'), payload: { ...synIp, payload: seg } },
  };
  return [sackToa, portUnreach, tunnelled];
}

const FIELDS = [
  'frame.number',
  'frame.protocols',
  'ip.checksum.status',
  'tcp.checksum.status',
  'udp.checksum.status',
  'icmp.checksum.status',
  'vrrp.checksum.status',
  '_ws.malformed',
  '_ws.expert.severity',
  'tcp.option_kind',
];

interface Row {
  readonly number: number;
  readonly protocols: string;
  readonly statuses: string[];
  readonly malformed: string;
  readonly severities: number[];
  readonly optionKinds: string;
}

function tshark(file: string, prefs: string[]): Row[] {
  const args = ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
  for (const p of prefs) args.push('-o', p);
  args.push('-T', 'fields', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f]));
  const r = spawnSync('tshark', args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const c = line.split('\t');
      return {
        number: Number(c[0]),
        protocols: c[1] ?? '',
        statuses: c.slice(2, 7).flatMap((s) => (s === undefined || s === '' ? [] : s.split(','))),
        malformed: c[7] ?? '',
        severities: (c[8] ?? '').split(',').filter((s) => s !== '').map(Number),
        optionKinds: c[9] ?? '',
      };
    });
}

/** Whether the frame is a VRRPv3 advert with the RFC 9568 checksum (no pseudo-header). */
function asV2(f: EthernetFrame): boolean {
  return f.payload.layer === 'ipv4' && f.payload.payload.layer === 'vrrp' && f.payload.payload.version === 3 && f.payload.payload.checksumAsV2 === true;
}

/** Wireshark's PI_ERROR expert severity (malformed, bad IP/TCP/UDP checksum; a bad VRRP checksum is PI_WARN). */
const PI_ERROR = 0x00800000;
/** proto_checksum_enum_e: 0 bad, 1 good, 2 unverified, 3 not present. */
const BAD = '0';

describe.skipIf(!hasTshark)(hasTshark ? 'tshark reads our pcap' : 'tshark not installed: skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvslab-tshark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const frames = [...VECTORS.map((v) => v.value), ...extraFrames()];
  const corrupt = encodeFrame(frames[1] as EthernetFrame).slice();
  corrupt[50] = (corrupt[50] as number) ^ 0x01; // TCP checksum of the SYN
  const file = join(dir, 'frames.pcap');
  const w = new PcapWriter();
  frames.forEach((f, i) => w.writeFrame(i * 1_000_000, f));
  w.writePacket(frames.length * 1_000_000, corrupt);
  writeFileSync(file, w.toBytes());


  it('finds no malformed frame and no bad checksum (keepalived-default VRRPv3 checksums)', () => {
    const rows = tshark(file, []);
    expect(rows).toHaveLength(frames.length + 1);
    frames.forEach((f, i) => {
      const row = rows[i] as Row;
      expect(row.malformed, `frame ${row.number}`).toBe('');
      expect(row.severities.filter((s) => s >= PI_ERROR), `frame ${row.number} ${row.protocols}`).toEqual([]);
      expect(row.statuses.includes(BAD), `frame ${row.number} ${row.protocols}`).toBe(asV2(f));
    });
  });

  it('finds the RFC 9568-form VRRPv3 checksum good when told to expect it', () => {
    const rows = tshark(file, ['vrrp.v3_checksum_as_in_v2:TRUE']);
    frames.forEach((f, i) => {
      if (asV2(f)) expect((rows[i] as Row).statuses).not.toContain(BAD);
    });
  });

  it('dissects the layers we meant: IPIP, TOA, SACK, VRRP', () => {
    const rows = tshark(file, []);
    const protocols = rows.map((r) => r.protocols);
    expect(protocols).toContain('eth:ethertype:ip:ip:tcp');
    expect(protocols).toContain('eth:ethertype:ip:vrrp');
    expect(protocols).toContain('eth:ethertype:arp');
    expect(protocols.filter((p) => p === 'eth:ethertype:ip:icmp:ip:tcp').length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.optionKinds.split(',').includes('254') && r.optionKinds.split(',').includes('5'))).toBe(true);
  });

  it('does report the frame we corrupted (so the checks above can fail)', () => {
    const last = tshark(file, []).at(-1) as Row;
    expect(last.statuses).toContain(BAD);
    expect(last.severities).toContain(PI_ERROR);
  });
});

describe.skipIf(!hasTshark)(hasTshark ? 'tshark agrees on the checksums of random frames' : 'tshark not installed: skipped', () => {
  it('finds every outer IP/TCP/UDP/ICMP/VRRP checksum of 300 random valid frames good', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvslab-tshark-'));
    try {
      const frames = fc.sample(ethernetFrame, { numRuns: 300, seed: 20240601 });
      const w = new PcapWriter();
      frames.forEach((f, i) => w.writeFrame(i, f));
      const file = join(dir, 'random.pcap');
      writeFileSync(file, w.toBytes());
      const r = spawnSync(
        'tshark',
        ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE',
          '-T', 'fields', '-E', 'occurrence=f', ...['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status', 'vrrp.checksum.status'].flatMap((f) => ['-e', f])],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      expect(r.status, r.stderr).toBe(0);
      const rows = r.stdout.trimEnd().split('\n');
      expect(rows).toHaveLength(frames.length);
      frames.forEach((f, i) => {
        const statuses = (rows[i] as string).split('\t');
        const outer = f.payload.layer === 'ipv4' ? f.payload : undefined;
        // A v3 advert in the RFC 9568 form is "bad" for tshark's default preference.
        const rfc9568 = outer !== undefined && asV2(f);
        if (rfc9568) statuses[4] = '';
        expect(statuses, `frame ${i + 1}`).not.toContain(BAD);
        // Every IPv4 frame has its header checksum checked and found good (status 1), and so
        // has the innermost TCP/UDP/ICMP/VRRP layer when there is one.
        if (outer === undefined) return;
        expect(statuses[0], `frame ${i + 1}`).toBe('1');
        let inner: Ipv4Packet = outer;
        while (inner.payload.layer === 'ipv4') inner = inner.payload;
        if (inner.payload.layer !== 'raw' && !rfc9568) expect(statuses.slice(1), `frame ${i + 1} ${inner.payload.layer}`).toContain('1');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
