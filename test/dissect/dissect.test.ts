/**
 * The details tree without tshark: layer order (IPIP gives two ip layers), derived values equal
 * to what the codec writes (lengths, checksums), TOA shown as Wireshark's experimental option
 * with our decode added, EOL padding listed byte by byte, a quoted packet nested in ICMP, and the
 * exact text of representative lines.
 */
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../src/net/wire/frame.js';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { bitPattern, dissect, dissectionText, treeLine, type DissectedField, type DissectedLayer } from '../../src/trace/dissect.js';
import { CAPTURE, eth, FRAG_NEEDED, FULLNAT, GRATUITOUS, ip, ipv4, IPIP, PING, SYN, tcp, VRRP3 } from '../filter/frames.js';

function all(layers: readonly DissectedLayer[]): DissectedField[] {
  const out: DissectedField[] = [];
  const walk = (fs: readonly DissectedField[]): void => {
    for (const f of fs) {
      out.push(f);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const l of layers) walk(l.fields);
  return out;
}

function find(frame: EthernetFrame, name: string): DissectedField[] {
  return all(dissect(frame)).filter((f) => f.name === name);
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

describe('layers', () => {
  it('lists Wireshark protocol names outermost first; IPIP has two ip layers', () => {
    expect(dissect(SYN).map((l) => l.name)).toEqual(['frame', 'eth', 'ip', 'tcp']);
    expect(dissect(IPIP).map((l) => l.name)).toEqual(['frame', 'eth', 'ip', 'ip', 'tcp']);
    expect(dissect(IPIP).map((l) => l.title).slice(2, 4)).toEqual([
      'Internet Protocol Version 4, Src: 192.168.1.2, Dst: 192.168.1.20',
      'Internet Protocol Version 4, Src: 203.0.113.10, Dst: 192.168.1.100',
    ]);
    expect(dissect(GRATUITOUS).map((l) => l.title)[2]).toBe('Address Resolution Protocol (ARP Announcement)');
  });

  it('titles TCP with raw sequence numbers', () => {
    expect(dissect(FULLNAT)[3]?.title).toBe('Transmission Control Protocol, Src Port: 5000, Dst Port: 80, Seq: 2000, Ack: 3001, Len: 18');
  });
});

describe('derived values come from the codec', () => {
  it.each(CAPTURE.map((f, i) => [i + 1, f] as const))('frame %i: lengths and checksums equal the encoded bytes', (_n, frame) => {
    const bytes = encodeFrame(frame);
    expect(find(frame, 'frame.len')[0]?.value).toBe(bytes.length);
    const ipLen = find(frame, 'ip.len');
    const ipSum = find(frame, 'ip.checksum');
    if (frame.payload.layer === 'ipv4') {
      expect(ipLen[0]?.value).toBe(u16(bytes, 16));
      expect(ipSum[0]?.value).toBe(u16(bytes, 24));
    }
  });

  it('reads the inner header of IPIP at its own offset', () => {
    const bytes = encodeFrame(IPIP);
    expect(find(IPIP, 'ip.len').map((f) => f.value)).toEqual([u16(bytes, 16), u16(bytes, 34 + 2)]);
    expect(find(IPIP, 'ip.checksum').map((f) => f.value)).toEqual([u16(bytes, 24), u16(bytes, 34 + 10)]);
    expect(find(IPIP, 'tcp.checksum')[0]?.value).toBe(u16(bytes, 54 + 16));
    expect(find(IPIP, 'tcp.hdr_len')[0]?.display).toBe('40 bytes (10)');
  });

  it('shows the UDP length and checksum, the ICMP checksum', () => {
    const udp = eth(ipv4('10.0.0.1', '10.0.0.2', { layer: 'udp', sport: 1, dport: 2, payload: new Uint8Array(5) }));
    const bytes = encodeFrame(udp);
    expect(find(udp, 'udp.length')[0]?.value).toBe(13);
    expect(find(udp, 'udp.checksum')[0]?.value).toBe(u16(bytes, 40));
    expect(find(PING, 'icmp.checksum')[0]?.value).toBe(u16(encodeFrame(PING), 36));
  });
});

describe('TCP options', () => {
  it('shows TOA as an experimental option whose kind filters as 254, with our decode as text', () => {
    const exp = find(FULLNAT, 'tcp.options.experimental')[0];
    expect(exp !== undefined && treeLine(exp)).toBe('TCP Option - Experimental: TOA, client 203.0.113.10:40000');
    const lines = (exp?.children ?? []).map(treeLine);
    expect(lines).toEqual([
      'Kind: RFC3692-style Experiment 2 (254)',
      'Length: 8',
      'Experiment Identifier: Unknown (0x9c40)',
      'Data: cb00710a',
      'TOA client port: 40000',
      'TOA client address: 203.0.113.10',
    ]);
    expect(find(FULLNAT, 'tcp.option_kind').map((f) => f.value)).toEqual([1, 1, 8, 254]);
  });

  it('lists one EOL per byte of padding after the last option', () => {
    const f = eth(ipv4('10.0.0.1', '10.0.0.2', tcp(1, 2, 0x10, { options: [{ kind: 'mss', value: 536 }, { kind: 'wscale', shift: 2 }, { kind: 'eol' }] })));
    expect(find(f, 'tcp.option_kind').map((x) => x.value)).toEqual([2, 3, 0]);
    const opts = find(f, 'tcp.options')[0];
    expect(opts?.display).toBe('(8 bytes), Maximum segment size, Window scale, End of Option List (EOL)');
    const padded = eth(ipv4('10.0.0.1', '10.0.0.2', tcp(1, 2, 0x10, { options: [{ kind: 'wscale', shift: 2 }, { kind: 'eol' }] })));
    expect(find(padded, 'tcp.option_kind').map((x) => x.value)).toEqual([3, 0]);
    const sackPadded = eth(ipv4('10.0.0.1', '10.0.0.2', tcp(1, 2, 0x10, { options: [{ kind: 'sackPermitted' }, { kind: 'eol' }] })));
    expect(find(sackPadded, 'tcp.option_kind').map((x) => x.value)).toEqual([4, 0, 0]);
  });
});

describe('ICMP errors', () => {
  it('nests the quoted IP header and transport under ICMP', () => {
    const icmp = dissect(FRAG_NEEDED).find((l) => l.name === 'icmp');
    const lines = icmp?.fields.map(treeLine);
    expect(lines).toEqual([
      'Type: 3 (Destination unreachable)',
      'Code: 4 (Fragmentation needed)',
      expect.stringMatching(/^Checksum: 0x[0-9a-f]{4} \[correct\]$/),
      'Unused: 0000',
      'MTU of next hop: 1400',
      'Internet Protocol Version 4, Src: 203.0.113.10, Dst: 192.168.1.100',
      'Transmission Control Protocol, Src Port: 40000, Dst Port: 80',
    ]);
    const quotedIp = icmp?.fields[5];
    expect(quotedIp?.children?.find((f) => f.name === 'ip.len')?.value).toBe(1440);
    expect(icmp?.fields[6]?.children?.map(treeLine)).toEqual(['Source Port: 40000', 'Destination Port: 80', 'Sequence Number: 1000']);
  });
});

describe('lines', () => {
  it('prints bit patterns as Wireshark does', () => {
    expect(bitPattern(0x45, 0xf0, 8)).toBe('0100 ....');
    expect(bitPattern(0x45, 0x0f, 8)).toBe('.... 0101');
    expect(bitPattern(0x0005, 0x1fff, 16)).toBe('...0 0000 0000 0101');
    expect(bitPattern(0x012, 0x002, 12)).toBe('.... .... ..1.');
  });

  it('renders the whole tree as tshark -V does', () => {
    const text = dissectionText(dissect(VRRP3));
    expect(text).toContain(
      [
        'Virtual Router Redundancy Protocol',
        '    Version 3, Packet type 1 (Advertisement)',
        '        0011 .... = VRRP protocol version: 3',
        '        .... 0001 = VRRP packet type: Advertisement (1)',
        '    Virtual Rtr ID: 7',
        "    Priority: 255 (This VRRP router owns the virtual router's IP address(es))",
        '    Addr Count: 2',
        '    0000 .... = Reserved: 0',
        '    .... 0000 0110 0100 = Adver Int: 100',
      ].join('\n'),
    );
    expect(text).toContain('\n    IP Address: 10.0.0.1\n    IP Address: 10.0.0.2');
  });

  it('keeps addresses as numbers so that they compare with filter literals', () => {
    expect(find(SYN, 'ip.src')[0]?.value).toBe(ip('203.0.113.10'));
    expect(find(SYN, 'tcp.flags.syn')[0]?.value).toBe(true);
    expect(find(SYN, 'tcp.flags')[0]?.display).toBe('0x002 (SYN)');
    expect(find(SYN, 'eth.dst')[0]?.display).toBe('02:00:00:00:00:0a');
  });
});
