import { describe, expect, it } from 'vitest';
import { startLvs } from '../../../src/keepalived/lvs/index.js';
import { runIpvsadm } from '../../../src/ipvs/ipvsadm/exec.js';
import { SEC } from '../../../src/net/types.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';
import { md5Hex } from '../../../src/keepalived/check/md5.js';
import { textBytes } from '../../../src/net/apps/payload.js';
import { render } from '../../../src/i18n/index.js';
import type { HttpUrlConf, KeepalivedConfig } from '../../../src/keepalived/conf/types.js';
import { config, httpGet, httpServer, ip, listener, miscCheck, newLab, pingCheck, POS, rs, tcpCheck, url, vs, type TestLab } from './helpers.js';

/** `daddr:dport weight` of every destination of the first service, as ipvsadm lists them. */
function dests(l: TestLab): string[] {
  return runIpvsadm(l.ipvs.state, '-L -n')
    .output.split('\n')
    .filter((s) => s.startsWith('  -> ') && !s.includes('RemoteAddress'))
    .map((s) => {
      const f = s.trim().split(/\s+/);
      return `${f[1]} ${f[3]}`;
    });
}

function verdicts(l: TestLab): { t: number; op: string; rs: string; id: string }[] {
  return l.rec
    .keepalived()
    .filter((e) => e.op === 'rs-up' || e.op === 'rs-down' || e.op === 'quorum-up' || e.op === 'quorum-down')
    .map((e) => ({ t: e.t, op: e.op, rs: e.rs === undefined ? '' : formatIp4(e.rs.daddr), id: e.msg.id }));
}

function start(l: TestLab, cfg: KeepalivedConfig): ReturnType<typeof startLvs> {
  return startLvs(l.director, l.ipvs.state, cfg);
}

const RS1 = '10.0.0.11';
const RS2 = '10.0.0.12';
const RS3 = '10.0.0.13';

describe('TCP_CHECK: real handshakes from the director', () => {
  // delay_loop 6, connect_timeout 3, retry 2, delay_before_retry 2, warmup 0.
  const timing = { delayLoop: 6 * SEC, connectTimeout: 3 * SEC, retry: 2, delayBeforeRetry: 2 * SEC };
  const cfg = (o: { inhibit?: boolean } = {}): KeepalivedConfig =>
    config([vs('192.168.1.100', 80, [rs(RS1, 80, [tcpCheck(RS1, 80, timing)], { inhibitOnFailure: o.inhibit ?? false })])]);

  it('a listening server: a check every delay_loop from BOOTSTRAP_DELAY (1 s), each a SYN, SYN-ACK, ACK and a FIN', () => {
    const l = newLab([RS1]);
    listener(l.rs.get(RS1)!, 80);
    start(l, cfg());
    l.run(20 * SEC);
    const oks = l.rec.keepalived().filter((e) => e.op === 'check-ok');
    expect(oks.map((e) => Math.floor(e.t / SEC))).toEqual([1, 7, 13, 19]);
    expect(oks[0]!.msg.id).toBe('kacheck.tcp.ok');
    expect(verdicts(l)).toEqual([{ t: 0, op: 'quorum-up', rs: '', id: 'kacheck.quorum.upInit' }]);
    // The frames: the director's SYN to the real server and its FIN after the handshake.
    const fromDirector = l.rec.events.filter((e) => e.kind === 'tx' && e.host === 'director' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp');
    const flags = fromDirector.map((e) => (e.kind === 'tx' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp' ? e.frame.payload.payload.flags : 0));
    expect(flags.filter((f) => f === 0x02).length).toBe(4); // one SYN per check
    expect(flags.filter((f) => (f & 0x01) !== 0).length).toBe(4); // one FIN per check
    expect(dests(l)).toEqual(['10.0.0.11:80 1']);
  });

  it('SYNs dropped (the server crashed): DOWN exactly delay_loop-aligned check + (retry+1)·connect_timeout + retry·delay_before_retry', () => {
    const l = newLab([RS1]);
    listener(l.rs.get(RS1)!, 80);
    start(l, cfg());
    l.run(10 * SEC);
    l.rs.get(RS1)!.crash();
    l.run(40 * SEC);
    // Checks at ≈1, 7 succeed (each next one is scheduled a delay_loop after the previous ended, a
    // round trip later); the one at ≈13 is the first to fail. DOWN comes exactly
    // (retry+1)·connect_timeout + retry·delay_before_retry = 3·3 + 2·2 = 13 s after it started.
    const v = verdicts(l).filter((x) => x.op === 'rs-down');
    expect(v.map((x) => [x.op, x.rs, x.id])).toEqual([['rs-down', RS1, 'kacheck.rs.down.delete']]);
    const fails = l.rec.keepalived().filter((e) => e.op === 'check-fail');
    const firstStart = fails[0]!.t - 3 * SEC;
    expect(Math.round(firstStart / SEC)).toBe(13);
    expect(v[0]!.t - firstStart).toBe(13 * SEC);
    expect(fails.slice(0, 3).map((e) => [(e.t - firstStart) / SEC, e.msg.id])).toEqual([
      [3, 'kacheck.fail.connectTimeout'],
      [8, 'kacheck.fail.connectTimeout'],
      [13, 'kacheck.fail.connectTimeout'],
    ]);
    expect(render(fails[0]!.msg)).toContain('connect timeout after 3 s');
    expect(render(l.rec.keepalived().find((e) => e.op === 'rs-down')!.msg)).toBe(
      'TCP_CHECK failed 3 times in a row (retry 2 + 1): real server 10.0.0.11:80 is DOWN; keepalived deletes it from TCP 192.168.1.100:80 (no inhibit_on_failure): the packets of its existing connections are now silently dropped (expire_nodest_conn=0, the default)',
    );
    expect(dests(l)).toEqual([]);
  });

  it('a closed port answers the SYN with a RST: each attempt fails at once, DOWN after retry+1 of them', () => {
    const l = newLab([RS1]);
    const srv = listener(l.rs.get(RS1)!, 80);
    start(l, cfg());
    l.run(10 * SEC);
    srv.close();
    l.run(40 * SEC);
    const fails = l.rec.keepalived().filter((e) => e.op === 'check-fail');
    expect(fails.slice(0, 3).map((e) => e.msg.id)).toEqual(['kacheck.fail.refused', 'kacheck.fail.refused', 'kacheck.fail.refused']);
    // 13, 15, 17 (+ one round trip each): no connect_timeout is waited.
    expect(fails.slice(0, 3).map((e) => Math.floor(e.t / SEC))).toEqual([13, 15, 17]);
    const down = verdicts(l).find((x) => x.op === 'rs-down')!;
    expect(down.t).toBeGreaterThan(17 * SEC);
    expect(down.t).toBeLessThan(17 * SEC + SEC / 100);
  });

  it('the very first check failing marks the server DOWN at once (retry_it starts at retry)', () => {
    const l = newLab([RS1]);
    start(l, cfg());
    l.run(3 * SEC);
    const v = verdicts(l).filter((x) => x.op === 'rs-down');
    expect(v.map((x) => [Math.floor(x.t / SEC), x.id])).toEqual([[1, 'kacheck.rs.downFirst.delete']]);
    expect(dests(l)).toEqual([]);
  });

  it('inhibit_on_failure: DOWN is weight 0 (EDITDEST), UP gives the weight back; without it DELDEST then ADDDEST', () => {
    for (const inhibit of [true, false]) {
      const l = newLab([RS1]);
      const host = l.rs.get(RS1)!;
      let srv = listener(host, 80);
      start(l, cfg({ inhibit }));
      l.run(10 * SEC);
      srv.close();
      l.run(20 * SEC);
      expect(dests(l)).toEqual(inhibit ? ['10.0.0.11:80 0'] : []);
      const dest = l.rec.events.filter((e) => e.kind === 'ipvs.dest').map((e) => (e.kind === 'ipvs.dest' ? e.op : ''));
      expect(dest).toEqual(inhibit ? ['add', 'edit'] : ['add', 'del']);
      srv = listener(host, 80);
      l.run(30 * SEC);
      // DOWN at ≈17 s, the next check a delay_loop later (≈23 s) succeeds: UP after one success.
      const up = verdicts(l).find((x) => x.op === 'rs-up')!;
      expect(Math.floor(up.t / SEC)).toBe(23);
      expect(up.id).toBe(inhibit ? 'kacheck.rs.up.inhibit' : 'kacheck.rs.up.add');
      expect(dests(l)).toEqual(['10.0.0.11:80 1']);
      srv.close();
    }
  });

  it('the first check starts at 1 s + a random warmup in [0, warmup]', () => {
    const firsts = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const l = newLab([RS1], seed);
      listener(l.rs.get(RS1)!, 80);
      start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [tcpCheck(RS1, 80, { ...timing, warmup: 6 * SEC })])])]));
      l.run(8 * SEC);
      const first = l.rec.events.find((e) => e.kind === 'sock' && e.host === 'director' && e.state === 'SYN_SENT')!;
      expect(first.t).toBeGreaterThanOrEqual(SEC);
      expect(first.t).toBeLessThanOrEqual(7 * SEC);
      firsts.add(first.t);
    }
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('quorum, hysteresis and the sorry server', () => {
  it('quorum 2, hysteresis 1, three servers: lost only at live weight 0 (< 2 − 1), regained only at 3 (≥ 2 + 1)', () => {
    const l = newLab([RS1, RS2, RS3, '10.0.0.99']);
    const srvs = new Map([RS1, RS2, RS3].map((a) => [a, listener(l.rs.get(a)!, 80)]));
    const t = { delayLoop: 5 * SEC, retry: 0 };
    start(
      l,
      config([
        vs('192.168.1.100', 80, [RS1, RS2, RS3].map((a) => rs(a, 80, [tcpCheck(a, 80, t)])), {
          quorum: 2,
          hysteresis: 1,
          sorryServer: { addr: ip('10.0.0.99'), port: 80, method: 'NAT', inhibit: false, pos: POS },
        }),
      ]),
    );
    l.run(3 * SEC);
    expect(dests(l)).toEqual(['10.0.0.11:80 1', '10.0.0.12:80 1', '10.0.0.13:80 1']);
    srvs.get(RS1)!.close();
    srvs.get(RS2)!.close();
    l.run(8 * SEC); // checks at 6 s: two servers down, live weight 1 ≥ 1: quorum kept
    expect(dests(l)).toEqual(['10.0.0.13:80 1']);
    expect(verdicts(l).filter((v) => v.op.startsWith('quorum')).length).toBe(1);
    srvs.get(RS3)!.close();
    l.run(13 * SEC); // 11 s: live weight 0 → the sorry server replaces everyone
    expect(dests(l)).toEqual(['10.0.0.99:80 1']);
    const qd = verdicts(l).find((v) => v.op === 'quorum-down')!;
    expect(qd.id).toBe('kacheck.quorum.downSorry');
    srvs.set(RS1, listener(l.rs.get(RS1)!, 80));
    srvs.set(RS2, listener(l.rs.get(RS2)!, 80));
    l.run(18 * SEC); // 16 s: two back, live weight 2 < 3: still the sorry server; IPVS not touched
    expect(dests(l)).toEqual(['10.0.0.99:80 1']);
    expect(verdicts(l).filter((v) => v.op === 'rs-up').map((v) => v.id)).toEqual(['kacheck.rs.up.held', 'kacheck.rs.up.held']);
    srvs.set(RS3, listener(l.rs.get(RS3)!, 80));
    l.run(23 * SEC); // 21 s: weight 3 → quorum back, sorry server removed, the live servers re-added
    expect(dests(l)).toEqual(['10.0.0.11:80 1', '10.0.0.12:80 1', '10.0.0.13:80 1']);
    expect(verdicts(l).filter((v) => v.op === 'quorum-up').map((v) => v.id)).toEqual(['kacheck.quorum.upInit', 'kacheck.quorum.upSorry']);
  });

  it('a sorry_server with the default quorum 1: used when no real server is alive', () => {
    const l = newLab([RS1, '10.0.0.99']);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [tcpCheck(RS1, 80)])], { sorryServer: { addr: ip('10.0.0.99'), port: 80, method: 'NAT', inhibit: false, pos: POS } })]));
    l.run(3 * SEC);
    expect(dests(l)).toEqual(['10.0.0.99:80 1']);
  });

  it('alpha: the server enters IPVS after its first successful check', () => {
    const l = newLab([RS1]);
    listener(l.rs.get(RS1)!, 80);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [tcpCheck(RS1, 80, { alpha: true })])], { alpha: true })]));
    expect(dests(l)).toEqual([]);
    l.run(3 * SEC);
    expect(dests(l)).toEqual(['10.0.0.11:80 1']);
    const up = verdicts(l).find((v) => v.op === 'rs-up')!;
    expect(Math.floor(up.t / SEC)).toBe(1);
  });
});

describe('HTTP_GET', () => {
  const body = 'hello keepalived\n';
  const okResponse = `HTTP/1.0 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

  function lab(response: () => string, urls: ReturnType<typeof url>[]): TestLab {
    const l = newLab([RS1]);
    httpServer(l.rs.get(RS1)!, 80, response);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [httpGet(RS1, 80, urls, { delayLoop: 6 * SEC, retry: 1 })])])]));
    return l;
  }

  it('status 200 with the right digest: success', () => {
    const l = lab(() => okResponse, [url('/health', { digest: md5Hex(textBytes(body)) })]);
    l.run(3 * SEC);
    const ok = l.rec.keepalived().find((e) => e.op === 'check-ok')!;
    expect(ok.msg.id).toBe('kacheck.http.okDigest');
    expect(dests(l)).toEqual(['10.0.0.11:80 1']);
  });

  it('the GET it sends: User-Agent KeepAliveClient; Host IP:PORT (port always written) unless a virtualhost is set', () => {
    const table: [number, HttpUrlConf, '1.0' | '1.1', string][] = [
      [80, url('/index.html'), '1.0', 'GET /index.html HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.0.0.11:80\r\n\r\n'],
      [8080, url('/'), '1.0', 'GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.0.0.11:8080\r\n\r\n'],
      [80, url('/', { virtualhost: 'www.example.org' }), '1.0', 'GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: www.example.org\r\n\r\n'],
      [80, url('/'), '1.1', 'GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 10.0.0.11:80\r\n\r\n'],
    ];
    for (const [port, u, proto, want] of table) {
      const l = newLab([RS1]);
      httpServer(l.rs.get(RS1)!, port, () => okResponse);
      const chk = httpGet(RS1, port, [u]);
      start(l, config([vs('192.168.1.100', 80, [rs(RS1, port, [chk.kind === 'HTTP_GET' ? { ...chk, httpProtocol: proto } : chk])])]));
      l.run(3 * SEC);
      let request = '';
      for (const e of l.rec.events) {
        if (e.kind === 'tx' && e.host === 'director' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'tcp' && e.frame.payload.payload.payload.length > 0) {
          request = String.fromCharCode(...e.frame.payload.payload.payload);
        }
      }
      expect(request).toBe(want);
    }
  });

  it('status 500: "HTTP status 500 not in 200-299"; the first failure after start is enough for DOWN', () => {
    const l = lab(() => 'HTTP/1.0 500 Internal Server Error\r\n\r\n', [url('/')]);
    l.run(3 * SEC);
    const f = l.rec.keepalived().find((e) => e.op === 'check-fail')!;
    expect(render(f.msg)).toContain('HTTP status 500 not in 200-299');
    expect(verdicts(l).find((v) => v.op === 'rs-down')!.id).toBe('kacheck.rs.downFirst.delete');
  });

  it('digest mismatch after being up: the same url retried after delay_before_retry (3 s), DOWN after retry + 1 failures', () => {
    let good = true;
    const l = lab(() => (good ? okResponse : okResponse.replace('hello', 'HELLO')), [url('/', { digest: md5Hex(textBytes(body)) })]);
    l.run(5 * SEC);
    good = false;
    l.run(20 * SEC);
    const fails = l.rec.keepalived().filter((e) => e.op === 'check-fail');
    expect(fails.map((e) => [Math.floor(e.t / SEC), e.msg.id])).toEqual([
      [7, 'kacheck.http.digest'],
      [10, 'kacheck.http.digest'],
      [16, 'kacheck.http.digest'],
    ]);
    expect(render(fails[0]!.msg)).toContain('digest mismatch');
    const down = verdicts(l).find((v) => v.op === 'rs-down')!;
    expect(Math.floor(down.t / SEC)).toBe(10);
    // While down, the failed url is re-tried every max(delay_before_retry, delay_loop) = 6 s.
    good = true;
    l.run(40 * SEC);
    // 22 s: the url answers; all urls are checked again a delay_loop later (28 s) before UP.
    const up = verdicts(l).find((v) => v.op === 'rs-up')!;
    expect(Math.floor(up.t / SEC)).toBe(28);
  });
});

describe('MISC_CHECK', () => {
  it('misc_dynamic: exit 7 → success with weight 7 − 2 = 5, set with EDITDEST', () => {
    const l = newLab([RS1]);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [miscCheck(RS1, 'exit 7', { dynamic: true })], { weight: 1 })])]));
    l.run(3 * SEC);
    expect(dests(l)).toEqual(['10.0.0.11:80 5']);
    const w = l.rec.keepalived().find((e) => e.msg.id === 'kacheck.rs.weight')!;
    expect(render(w.msg)).toBe('keepalived changes the weight of 10.0.0.11:80 from 1 to 5 (EDITDEST)');
  });

  it('exit 1 is a failure; without misc_dynamic exit 7 is one too', () => {
    for (const line of ['exit 1', 'exit 7']) {
      const l = newLab([RS1]);
      start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [miscCheck(RS1, line)])])]));
      l.run(3 * SEC);
      expect(dests(l)).toEqual([]);
    }
  });

  it('nc -z through a MISC_CHECK: the command makes a real connection', () => {
    const l = newLab([RS1]);
    listener(l.rs.get(RS1)!, 80);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [miscCheck(RS1, 'nc -z -w 1 10.0.0.11 80')])])]));
    l.run(3 * SEC);
    expect(l.rec.keepalived().find((e) => e.op === 'check-ok')!.msg.id).toBe('kacheck.misc.ok');
    expect(dests(l)).toEqual(['10.0.0.11:80 1']);
  });

  it('misc_timeout: a command still running is killed and the check fails', () => {
    const l = newLab([RS1]);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [miscCheck(RS1, 'ping -c 5 10.0.0.11', { timeout: 2 * SEC })])])]));
    l.run(5 * SEC);
    const f = l.rec.keepalived().find((e) => e.op === 'check-fail')!;
    expect([f.t / SEC, f.msg.id]).toEqual([3, 'kacheck.misc.timeout']);
  });
});

describe('PING_CHECK and shutdown', () => {
  it('PING_CHECK: an echo per check; a crashed server stops answering', () => {
    const l = newLab([RS1]);
    start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [pingCheck(RS1, { delayLoop: 5 * SEC, connectTimeout: 2 * SEC, retry: 0 })])])]));
    l.run(3 * SEC);
    expect(l.rec.keepalived().find((e) => e.op === 'check-ok')!.msg.id).toBe('kacheck.ping.ok');
    l.rs.get(RS1)!.crash();
    l.run(10 * SEC);
    // retry 0: the first unanswered echo is enough; DOWN connect_timeout (2 s) after the check began (≈6 s).
    const fail = l.rec.keepalived().find((e) => e.op === 'check-fail')!;
    expect(fail.msg.id).toBe('kacheck.ping.timeout');
    const down = verdicts(l).find((v) => v.op === 'rs-down')!;
    expect(down.t).toBe(fail.t);
    const echoes = l.rec.events.filter((e) => e.kind === 'tx' && e.host === 'director' && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'icmp');
    expect(down.t - echoes[echoes.length - 1]!.t).toBe(2 * SEC);
  });

  it('stop(): every real server deleted (even inhibited ones), then the service; realServers() follows', () => {
    const l = newLab([RS1, RS2]);
    listener(l.rs.get(RS1)!, 80);
    const h = start(l, config([vs('192.168.1.100', 80, [rs(RS1, 80, [tcpCheck(RS1, 80)]), rs(RS2, 80, [tcpCheck(RS2, 80)], { inhibitOnFailure: true })])]));
    l.run(3 * SEC);
    expect(h.realServers()).toEqual([
      { vs: 'TCP 192.168.1.100:80', daddr: ip(RS1), dport: 80, alive: true, inIpvs: true, weight: 1 },
      { vs: 'TCP 192.168.1.100:80', daddr: ip(RS2), dport: 80, alive: false, inIpvs: true, weight: 0 },
    ]);
    h.stop();
    expect(runIpvsadm(l.ipvs.state, '-L -n').output.split('\n').length).toBe(4);
    const ops = l.rec.events.filter((e) => e.kind === 'ipvs.dest' || e.kind === 'ipvs.service').slice(-3).map((e) => `${e.kind} ${e.kind === 'ipvs.dest' || e.kind === 'ipvs.service' ? e.op : ''}`);
    expect(ops).toEqual(['ipvs.dest del', 'ipvs.dest del', 'ipvs.service del']);
    const before = l.rec.events.length;
    l.run(200 * SEC);
    expect(l.rec.events.slice(before).some((e) => e.kind === 'keepalived')).toBe(false);
  });
});
