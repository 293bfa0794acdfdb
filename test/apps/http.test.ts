import { describe, expect, it } from 'vitest';
import { FakeNet, FakeSim, eventsOf, flagsOf } from '../tcp/fake-net.js';
import { startApp, startTraffic, httpResponse, httpRequest, parseHttpUrl } from '../../src/net/apps/index.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import { MS, SEC, US } from '../../src/net/types.js';

const CLIENT = parseIp4('203.0.113.10') as number;
const SERVER = parseIp4('192.168.1.11') as number;
const decoder = new TextDecoder();

function lab(seed = 7) {
  const sim = new FakeSim(seed);
  const net = new FakeNet(sim, 100 * US);
  const client = net.addHost('client', CLIENT);
  const server = net.addHost('rs1', SERVER);
  return { sim, net, client, server };
}

describe('http-server response layout', () => {
  it.each([
    [1000, '', 'HTTP/1.0 200 OK\r\nContent-Length: 960\r\n\r\n'],
    [3000, 'rs1', 'HTTP/1.0 200 OK\r\nContent-Length: 2959\r\n\r\nrs1'],
    [38, '', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'],
    [47, '', 'HTTP/1.0 200 OK\r\nContent-Length: 9\r\n\r\n'],
    [48, '', 'HTTP/1.0 200 OK\r\nContent-Length: 09\r\n\r\n'], // no N with head(N) + N = 48 otherwise
    [139, '', 'HTTP/1.0 200 OK\r\nContent-Length: 099\r\n\r\n'],
  ])('size %i, body %j starts with the head and is exactly size bytes', (size, body, start) => {
    const r = httpResponse(size, body);
    expect(r.length).toBe(size);
    const text = decoder.decode(r);
    expect(text.startsWith(start)).toBe(true);
    const n = Number(/Content-Length: (\d+)/.exec(text)![1]);
    expect(text.length - text.indexOf('\r\n\r\n') - 4).toBe(n);
  });

  it('is larger than size when the head and body do not fit', () => {
    const text = decoder.decode(httpResponse(10, 'hello'));
    expect(text).toBe('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello');
  });

  it('writes the request an HTTP/1.0 client sends', () => {
    const u = parseHttpUrl('http://192.168.1.100:8080/a?b=1');
    if (!u.ok) throw new Error('parse');
    expect(decoder.decode(httpRequest(u.value))).toBe('GET /a?b=1 HTTP/1.0\r\nHost: 192.168.1.100:8080\r\n\r\n');
  });
});

describe('http client and http-server', () => {
  it('count 4 every 100 ms: four connections from new ports, four responses of size bytes', () => {
    const { sim, net, client, server } = lab();
    expect(startApp(server, { kind: 'http-server', port: 80, body: 'rs1', size: 3000 }).ok).toBe(true);
    const t = startTraffic(client, { kind: 'http', url: 'http://192.168.1.11/', count: 4, every: 100 * MS }, 1 * MS);
    if (!t.ok) throw new Error('start');
    sim.run(2 * SEC);
    const app = eventsOf(sim, 'app', 'client');
    const requests = app.filter((e) => e.msg.id === 'app.http.request');
    const responses = app.filter((e) => e.msg.id === 'app.http.response');
    expect(requests.map((e) => e.t)).toEqual([1 * MS, 101 * MS, 201 * MS, 301 * MS]);
    expect(new Set(requests.map((e) => e.msg.params!['sport'])).size).toBe(4);
    expect(responses.map((e) => [e.msg.params!['status'], e.msg.params!['bytes']])).toEqual([
      [200, 3000],
      [200, 3000],
      [200, 3000],
      [200, 3000],
    ]);
    expect(t.value.summary()).toEqual({ started: 4, completed: 4, failed: 0, bytes: 12000 });
    expect(app.at(-1)!.msg).toEqual({ id: 'app.http.done', params: { url: 'http://192.168.1.11/', completed: 4, failed: 0, count: 4 } });
    expect(net.tcp().filter((r) => r.seg.flags === 0x002).length).toBe(4);
    // The server closes first: its FIN follows the response, the client's comes after.
    const first = net.tcp().filter((r) => r.seg.sport === requests[0]!.msg.params!['sport'] || r.seg.dport === requests[0]!.msg.params!['sport']);
    expect(first.map((r) => `${r.from === 'client' ? 'c' : 's'}:${flagsOf(r.seg)}`)).toEqual([
      'c:S', 's:S.', 'c:.', 'c:P.', 's:.', 's:.', 's:.', 's:P.', 's:F.', 'c:.', 'c:.', 'c:.', 'c:F.', 's:.',
    ]);
    expect(eventsOf(sim, 'app', 'rs1').filter((e) => e.msg.id === 'app.httpServer.response').length).toBe(4);
  });

  it('puts the request and the response bytes on the wire', () => {
    const { sim, net, client, server } = lab();
    startApp(server, { kind: 'http-server', port: 80, body: 'hello from rs1', size: 500 });
    startTraffic(client, { kind: 'http', url: 'http://192.168.1.11/index.html' }, 0);
    sim.run(1 * SEC);
    const text = (from: string) => net.tcp(from).map((r) => decoder.decode(r.seg.payload)).join('');
    expect(text('client')).toBe('GET /index.html HTTP/1.0\r\nHost: 192.168.1.11\r\n\r\n');
    const response = text('rs1');
    expect(response.length).toBe(500);
    expect(response.startsWith('HTTP/1.0 200 OK\r\nContent-Length: 460\r\n\r\nhello from rs1')).toBe(true);
    const served = eventsOf(sim, 'app', 'rs1').filter((e) => e.msg.id === 'app.httpServer.response');
    expect(served[0]!.msg.params).toMatchObject({ method: 'GET', path: '/index.html', bytes: 500 });
  });

  it('reports an error for a closed port, and for a URL with a host name', () => {
    const { sim, client, server } = lab();
    startApp(server, { kind: 'http-server', port: 80 });
    const t = startTraffic(client, { kind: 'http', url: 'http://192.168.1.11:8080/', count: 2, every: 10 * MS }, 0);
    if (!t.ok) throw new Error('start');
    sim.run(1 * SEC);
    expect(t.value.summary()).toEqual({ started: 2, completed: 0, failed: 2, bytes: 0 });
    const errors = eventsOf(sim, 'app', 'client').filter((e) => e.msg.id === 'app.http.error');
    expect(errors.map((e) => e.msg.params!['reason'])).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    const bad = startTraffic(client, { kind: 'http', url: 'http://www.example.com/' }, 0);
    expect(bad).toEqual({ ok: false, error: { msg: { id: 'app.url.hostname', params: { host: 'www.example.com' } }, offset: 7 } });
  });

  it('answers a non-GET request with 501 and a second server on the same port is refused', () => {
    const { server } = lab();
    expect(startApp(server, { kind: 'http-server', port: 80 }).ok).toBe(true);
    expect(startApp(server, { kind: 'tcp-server', port: 80 })).toEqual({ ok: false, error: { msg: { id: 'app.port.inUse', params: { port: 80 } } } });
  });
});
