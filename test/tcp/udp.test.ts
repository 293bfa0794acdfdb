import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim, eventsOf } from './fake-net.js';
import { udpStack } from '../../src/net/udp/udp.js';
import type { UdpMessage } from '../../src/net/udp/udp.js';
import type { TcpErrno } from '../../src/net/tcp/state.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { US } from '../../src/net/types.js';

const A = parseIp4('10.0.0.1') as number;
const B = parseIp4('10.0.0.2') as number;

function setup() {
  const sim = new FakeSim(4);
  const net = new FakeNet(sim, 50 * US);
  return { sim, net, a: net.addHost('a', A), b: net.addHost('b', B) };
}

describe('UDP', () => {
  it('delivers a datagram to the bound port', () => {
    const { sim, net, a, b } = setup();
    const got: UdpMessage[] = [];
    const server = udpStack(b).bind(53, (m) => got.push(m));
    expect(server.ok).toBe(true);
    const client = udpStack(a).bind(0, () => {});
    if (!client.ok) throw new Error('bind failed');
    expect(client.value.port).toBeGreaterThanOrEqual(32768);
    client.value.sendTo(B, 53, new Uint8Array([1, 2, 3]));
    sim.run();
    expect(got.map((m) => [m.src, m.sport, m.dst, [...m.data]])).toEqual([[A, client.value.port, B, [1, 2, 3]]]);
    const ip = net.log[0]!.ip;
    expect([ip.ttl, ip.df, ip.id, ip.protocol]).toEqual([64, true, 0, 17]);
  });

  it('answers a datagram to a closed port with ICMP port unreachable (3/3) and reports it to the sender', () => {
    const { sim, a, b } = setup();
    udpStack(b);
    const errors: TcpErrno[] = [];
    const client = udpStack(a).bind(5000, () => {});
    if (!client.ok) throw new Error('bind failed');
    client.value.onError = (e) => errors.push(e);
    client.value.sendTo(B, 9999, new Uint8Array(8));
    sim.run();
    expect(b.icmpSent.map((s) => [s.type, s.code])).toEqual([[3, 3]]);
    expect(eventsOf(sim, 'drop', 'b').map((e) => e.msg)).toEqual([{ id: 'udp.drop.noSocket', params: { port: 9999 } }]);
    expect(errors).toEqual(['ECONNREFUSED']);
  });

  it('refuses a second bind to the same port', () => {
    const { b } = setup();
    expect(udpStack(b).bind(53, () => {}).ok).toBe(true);
    expect(udpStack(b).bind(53, () => {})).toEqual({ ok: false, errno: 'EADDRINUSE' });
  });
});
