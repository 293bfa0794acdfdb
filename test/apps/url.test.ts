import { describe, expect, it } from 'vitest';
import { parseHttpUrl, parseIpPort } from '../../src/net/apps/url.js';
import { parseIp4 } from '../../src/net/wire/addr.js';

const VIP = parseIp4('192.168.1.100') as number;

describe('parseHttpUrl', () => {
  it.each([
    ['http://192.168.1.100/', 80, '/', '192.168.1.100'],
    ['http://192.168.1.100', 80, '/', '192.168.1.100'],
    ['HTTP://192.168.1.100/x', 80, '/x', '192.168.1.100'],
    ['http://192.168.1.100:8080/a/b?c=d#frag', 8080, '/a/b?c=d', '192.168.1.100:8080'],
    ['http://192.168.1.100?q', 80, '/?q', '192.168.1.100'],
  ])('%s', (url, port, path, hostHeader) => {
    expect(parseHttpUrl(url)).toEqual({ ok: true, value: { addr: VIP, port, path, hostHeader } });
  });

  it.each([
    ['ftp://192.168.1.100/', 'app.url.scheme', 0],
    ['https://192.168.1.100/', 'app.url.https', 0],
    ['http:///x', 'app.url.noHost', 7],
    ['http://www.example.com/', 'app.url.hostname', 7],
    ['http://192.168.1.300/', 'app.url.hostname', 7],
    ['http://192.168.1.100:0/', 'app.url.port', 21],
    ['http://192.168.1.100:99999/', 'app.url.port', 21],
    ['http://192.168.1.100:/', 'app.url.port', 21],
    ['http://user@192.168.1.100/', 'app.url.userinfo', 7],
  ])('%s is an error (%s at %i)', (url, id, offset) => {
    const r = parseHttpUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.msg.id).toBe(id);
      expect(r.error.offset).toBe(offset);
    }
  });
});

describe('parseIpPort', () => {
  it('parses IP:port and rejects the rest with positions', () => {
    expect(parseIpPort('192.168.1.100:80')).toEqual({ ok: true, value: { addr: VIP, port: 80 } });
    expect(parseIpPort('192.168.1.100')).toMatchObject({ ok: false, error: { msg: { id: 'app.addr.noPort' }, offset: 13 } });
    expect(parseIpPort('db:3306')).toMatchObject({ ok: false, error: { msg: { id: 'app.addr.ip' }, offset: 0 } });
    expect(parseIpPort('192.168.1.100:http')).toMatchObject({ ok: false, error: { msg: { id: 'app.url.port' }, offset: 14 } });
  });
});
