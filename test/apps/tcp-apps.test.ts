import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim, eventsOf, flagsOf } from '../tcp/fake-net.js';
import { startApp, startTraffic, tcpClientPayload } from '../../src/net/apps/index.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { SEC, US } from '../../src/net/types.js';

const CLIENT = parseIp4('203.0.113.10') as number;
const SERVER = parseIp4('192.168.1.11') as number;

function lab(seed = 3) {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, 100 * US);
  return { sim, net, client: net.addHost('client', CLIENT), server: net.addHost('db', SERVER) };
}

describe('tcp client and tcp-server', () => {
  it('sends `send` bytes, gets `reply` bytes, reads `receive`, and both sides close', () => {
    const { sim, net, client, server } = lab();
    const app = startApp(server, { kind: 'tcp-server', port: 3306, reply: 5000 });
    const t = startTraffic(client, { kind: 'tcp', to: SERVER, port: 3306, send: 300, receive: 5000 }, 0);
    if (!app.ok || !t.ok) throw new Error('start');
    sim.run(200 * SEC);
    expect(t.value.summary()).toEqual({ started: 1, completed: 1, failed: 0, bytes: 5000 });
    expect(app.value.summary()).toEqual({ accepted: 1, answered: 1 });
    const sent = net.tcp('client').reduce((n, r) => n + r.seg.payload.length, 0);
    expect(sent).toBe(300);
    expect(eventsOf(sim, 'sock', 'client').at(-1)!.state).toBe('CLOSED');
    expect(eventsOf(sim, 'sock', 'db').at(-1)!.state).toBe('CLOSED');
    expect(eventsOf(sim, 'app', 'client').at(-1)!.msg).toMatchObject({ id: 'app.tcp.done', params: { sent: 300, received: 5000, expected: 5000 } });
  });

  it('counts a short read as failed when the server closes first (tcp client against an http-server)', () => {
    const { sim, client, server } = lab();
    startApp(server, { kind: 'http-server', port: 80, size: 4000 });
    const t = startTraffic(client, { kind: 'tcp', to: SERVER, port: 80, send: 300, receive: 5000 }, 0);
    if (!t.ok) throw new Error('start');
    sim.run(200 * SEC);
    expect(t.value.summary()).toEqual({ started: 1, completed: 0, failed: 1, bytes: 4000 });
  });

  it('a client that stops reading early answers further data with a RST, as Linux does', () => {
    const { sim, net, client, server } = lab();
    startApp(server, { kind: 'tcp-server', port: 9000, reply: 20000 });
    startTraffic(client, { kind: 'tcp', to: SERVER, port: 9000, send: 10, receive: 100 }, 0);
    sim.run(200 * SEC);
    const fromClient = net.tcp('client').map((r) => flagsOf(r.seg));
    expect(fromClient).toContain('R');
    expect(eventsOf(sim, 'sock', 'client').at(-1)!.msg.id).toBe('tcp.closed.dataAfterClose');
    expect(eventsOf(sim, 'sock', 'db').at(-1)!.msg.id).toBe('tcp.closed.reset');
  });

  it('with writes > 1, sends the bytes as that many writes `gap` apart, in order, then closes', () => {
    const { sim, net, client, server } = lab();
    startApp(server, { kind: 'tcp-server', port: 22, reply: 100 });
    const t = startTraffic(client, { kind: 'tcp', to: SERVER, port: 22, send: 10, receive: 100, writes: 3, gap: 2 * SEC }, 0);
    if (!t.ok) throw new Error('start');
    sim.run(200 * SEC);
    const data = net.tcp('client').filter((r) => r.seg.payload.length > 0);
    expect(data.map((r) => r.seg.payload.length)).toEqual([3, 3, 4]);
    expect(new TextDecoder().decode(Uint8Array.from(data.flatMap((r) => [...r.seg.payload])))).toBe(new TextDecoder().decode(tcpClientPayload(10)));
    // The writes are 2 s apart; the FIN follows the last one.
    expect(data[1]!.t - data[0]!.t).toBe(2 * SEC);
    expect(data[2]!.t - data[1]!.t).toBe(2 * SEC);
    const fin = net.tcp('client').find((r) => (r.seg.flags & 0x01) !== 0)!;
    expect(fin.t).toBeGreaterThanOrEqual(data[2]!.t);
    expect(t.value.summary()).toEqual({ started: 1, completed: 1, failed: 0, bytes: 100 });
  });

  it('shapes the sent bytes as a padded GET when there is room', () => {
    const text = new TextDecoder().decode(tcpClientPayload(30));
    expect(text).toBe('GET /abcdefghijkl HTTP/1.0\r\n\r\n');
    expect(tcpClientPayload(18).length).toBe(18);
    expect(new TextDecoder().decode(tcpClientPayload(5))).toBe('abcde');
  });
});
