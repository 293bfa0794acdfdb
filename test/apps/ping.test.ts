import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim, eventsOf } from '../tcp/fake-net.js';
import { startTraffic, formatRtt, echoData } from '../../src/net/apps/index.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { ipv4TotalLength } from '../../src/net/wire/length.js';
import { MS, SEC, US } from '../../src/net/types.js';

const CLIENT = parseIp4('203.0.113.10') as number;
const SERVER = parseIp4('192.168.1.100') as number;

function lab() {
  const sim = new FakeSim(2);
  const net = new FakeNet(sim, 250 * US);
  return { sim, net, client: net.addHost('client', CLIENT), server: net.addHost('vip', SERVER) };
}

describe('ping', () => {
  it('sends count echo requests every second, 84-byte packets, and matches the replies', () => {
    const { sim, net, client } = lab();
    const t = startTraffic(client, { kind: 'ping', to: SERVER, count: 3 }, 10 * MS);
    if (!t.ok) throw new Error('start');
    sim.run(30 * SEC);
    const requests = net.log.filter((r) => r.from === 'client');
    expect(requests.map((r) => r.t)).toEqual([10 * MS, 1010 * MS, 2010 * MS]);
    for (const [i, r] of requests.entries()) {
      const icmp = r.ip.payload;
      expect(icmp.layer === 'icmp' && icmp.kind === 'echo' && [icmp.type, icmp.ident, icmp.seq, icmp.data.length]).toEqual([8, 1, i + 1, 56]);
      expect(ipv4TotalLength(r.ip)).toBe(84);
      expect([r.ip.ttl, r.ip.df, r.ip.id]).toEqual([64, true, 0]);
    }
    const lines = eventsOf(sim, 'app', 'client').map((e) => e.msg);
    expect(lines).toEqual([
      { id: 'app.ping.start', params: { to: '192.168.1.100', bytes: 56, total: 84 } },
      { id: 'app.ping.reply', params: { bytes: 64, from: '192.168.1.100', seq: 1, ttl: 64, time: '0.500' } },
      { id: 'app.ping.reply', params: { bytes: 64, from: '192.168.1.100', seq: 2, ttl: 64, time: '0.500' } },
      { id: 'app.ping.reply', params: { bytes: 64, from: '192.168.1.100', seq: 3, ttl: 64, time: '0.500' } },
      { id: 'app.ping.summary', params: { to: '192.168.1.100', transmitted: 3, received: 3, loss: '0', time: 2000 } },
    ]);
    expect(t.value.summary()).toEqual({ started: 3, completed: 3, failed: 0, bytes: 168 });
  });

  it('gives each ping its own identifier and reports loss after waiting 10 s for the last reply', () => {
    const { sim, net, client } = lab();
    net.lose = (ip) => ip.payload.layer === 'icmp' && ip.payload.kind === 'echo' && ip.payload.seq === 2;
    startTraffic(client, { kind: 'ping', to: SERVER, count: 1 }, 0);
    const t = startTraffic(client, { kind: 'ping', to: SERVER, count: 3, every: 200 * MS }, 0);
    if (!t.ok) throw new Error('start');
    sim.run(60 * SEC);
    const idents = new Set(net.log.filter((r) => r.from === 'client').map((r) => (r.ip.payload.layer === 'icmp' && r.ip.payload.kind === 'echo' ? r.ip.payload.ident : -1)));
    expect([...idents]).toEqual([1, 2]);
    const summary = eventsOf(sim, 'app', 'client').filter((e) => e.msg.id === 'app.ping.summary').at(-1)!;
    expect(summary.msg.params).toEqual({ to: '192.168.1.100', transmitted: 3, received: 2, loss: '33.3333', time: 400 });
    // Replies came back, so ping waits 2 × the slowest round trip after the last request.
    expect(summary.t).toBe(400 * MS + 1 * MS);
  });

  it('waits 10 s (lingertime) when no reply comes back', () => {
    const { sim, net, client } = lab();
    net.lose = () => true;
    startTraffic(client, { kind: 'ping', to: SERVER, count: 2 }, 0);
    sim.run(60 * SEC);
    const summary = eventsOf(sim, 'app', 'client').at(-1)!;
    expect(summary.msg).toEqual({ id: 'app.ping.summary', params: { to: '192.168.1.100', transmitted: 2, received: 0, loss: '100', time: 1000 } });
    expect(summary.t).toBe(11 * SEC);
  });

  it('formats round trips as iputils does and fills the data as iputils does', () => {
    expect([45 * US, 1234 * US, 12_345 * US, 123_456 * US].map(formatRtt)).toEqual(['0.045', '1.23', '12.3', '123']);
    const d = echoData(3 * SEC + 250 * US);
    expect([...d.subarray(0, 16)]).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 250, 0, 0, 0, 0, 0, 0, 0]);
    expect([...d.subarray(16, 20)]).toEqual([0x10, 0x11, 0x12, 0x13]);
    expect(d[55]).toBe(0x37);
  });
});

describe('ping errors', () => {
  it('prints ICMP errors quoting its requests and counts them as errors', () => {
    const { sim, client, server } = lab();
    server.addProtocol(1, (skb) => server.icmpSend(skb, 3, 1)); // a router-style host unreachable
    const t = startTraffic(client, { kind: 'ping', to: SERVER, count: 2 }, 0);
    if (!t.ok) throw new Error('start');
    sim.run(60 * SEC);
    const msgs = eventsOf(sim, 'app', 'client').map((e) => e.msg);
    expect(msgs.slice(1)).toEqual([
      { id: 'app.ping.error.host', params: { from: '192.168.1.100', seq: 1, code: 1 } },
      { id: 'app.ping.error.host', params: { from: '192.168.1.100', seq: 2, code: 1 } },
      { id: 'app.ping.summaryErrors', params: { to: '192.168.1.100', transmitted: 2, received: 0, errors: 2, loss: '100', time: 1000 } },
    ]);
    expect(t.value.summary()).toEqual({ started: 2, completed: 0, failed: 2, bytes: 0 });
  });
});
