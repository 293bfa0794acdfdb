import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim } from './fake-net.js';
import { tcpStack } from '../../src/net/tcp/stack.js';
import { udpStack } from '../../src/net/udp/udp.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { decodeIpv4, encodeIpv4 } from '../../src/net/wire/frame.js';
import { ipv4TotalLength } from '../../src/net/wire/length.js';
import { SEC, US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

describe('packets the endpoints build are valid wire values', () => {
  it('encodes and decodes back to the same value (SYN, SYN-ACK, data, FIN, RST, UDP, ICMP)', () => {
    const sim = new FakeSim(9);
    const net = new FakeNet(sim, 50 * US);
    const a = net.addHost('a', A);
    const b = net.addHost('b', B);
    tcpStack(b).listen(80, () => ({ data: (s) => (s.send(new Uint8Array(3000).fill(65)), s.close()) }));
    tcpStack(a).connect(B, 80, { connected: (s) => s.send(new Uint8Array(10).fill(66)), end: (s) => s.close() });
    tcpStack(a).connect(B, 81, {});
    udpStack(b);
    const u = udpStack(a).bind(0, () => {});
    if (u.ok) u.value.sendTo(B, 53, new Uint8Array(20));
    sim.run(1 * SEC);
    expect(net.log.length).toBeGreaterThan(12);
    for (const r of net.log) {
      const bytes = encodeIpv4(r.ip);
      expect(bytes.length).toBe(ipv4TotalLength(r.ip));
      const back = decodeIpv4(bytes);
      expect(back.ok).toBe(true);
      if (back.ok) expect(back.value).toEqual(r.ip);
    }
    // The SYN is 60 bytes on the wire (20 IP + 20 TCP + 20 options), as Linux's.
    expect(encodeIpv4(net.log[0]!.ip).length).toBe(60);
  });
});
