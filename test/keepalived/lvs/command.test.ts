import { describe, expect, it } from 'vitest';
import { parseModelledCommand, runModelledCommand, TIMED_OUT } from '../../../src/keepalived/check/command.js';
import { SEC } from '../../../src/net/types.js';
import { render } from '../../../src/i18n/index.js';
import { httpServer, ip, listener, newLab } from './helpers.js';

describe('parseModelledCommand: accepted lines', () => {
  it.each([
    ['true', { kind: 'exit', code: 0 }],
    ['/bin/true', { kind: 'exit', code: 0 }],
    ['false', { kind: 'exit', code: 1 }],
    ['/bin/false', { kind: 'exit', code: 1 }],
    ['exit 3', { kind: 'exit', code: 3 }],
    ['exit 255', { kind: 'exit', code: 255 }],
    ['nc -z 10.0.0.11 80', { kind: 'nc', addr: ip('10.0.0.11'), port: 80, wait: 0 }],
    ['nc -w 2 -z 10.0.0.11 8080', { kind: 'nc', addr: ip('10.0.0.11'), port: 8080, wait: 2 * SEC }],
    ['ping -c 3 -W 1 10.0.0.11', { kind: 'ping', addr: ip('10.0.0.11'), count: 3, wait: SEC }],
    ['ping -c 1 10.0.0.11', { kind: 'ping', addr: ip('10.0.0.11'), count: 1, wait: 10 * SEC }],
  ])('%s', (line, value) => {
    expect(parseModelledCommand(line)).toEqual({ ok: true, value });
  });

  it.each([
    ['curl -sf http://10.0.0.11/health', true, 0],
    ['curl -s -f -o /dev/null -m 2 http://10.0.0.11:8080/x', true, 2 * SEC],
    ["curl --fail --silent 'http://10.0.0.11/a b'", true, 0],
    ['curl -s http://10.0.0.11/', false, 0],
  ])('%s', (line, fail, maxTime) => {
    const r = parseModelledCommand(line);
    expect(r.ok).toBe(true);
    if (r.ok && r.value.kind === 'curl') {
      expect(r.value.fail).toBe(fail);
      expect(r.value.maxTime).toBe(maxTime);
      expect(r.value.url.addr).toBe(ip('10.0.0.11'));
    } else {
      expect.unreachable();
    }
  });
});

describe('parseModelledCommand: refused lines name the problem and where it is', () => {
  it.each([
    ['/usr/local/bin/check.sh 10.0.0.11', 'kacheck.cmd.unknown', 0],
    ['  systemctl is-active nginx', 'kacheck.cmd.unknown', 2],
    ['nc -z 10.0.0.11 80 && curl -sf http://10.0.0.11/', 'kacheck.cmd.shellOperator', 19],
    ['ping -c 1 10.0.0.11 > /dev/null', 'kacheck.cmd.shellOperator', 20],
    ['', 'kacheck.cmd.empty', 0],
    ['exit 256', 'kacheck.cmd.badValue', 5],
    ['true now', 'kacheck.cmd.extra', 5],
    ['nc 10.0.0.11 80', 'kacheck.cmd.ncNeedsZ', 0],
    ['nc -z 10.0.0.11', 'kacheck.cmd.missing', 15],
    ['nc -z web1 80', 'kacheck.cmd.badAddress', 6],
    ['nc -z -u 10.0.0.11 53', 'kacheck.cmd.badOption', 6],
    ['curl -sf -o out.html http://10.0.0.11/', 'kacheck.cmd.curlOutput', 12],
    ['curl -sf https://10.0.0.11/', 'app.url.https', 9],
    ['curl -L http://10.0.0.11/', 'kacheck.cmd.badOption', 5],
    ['ping 10.0.0.11', 'kacheck.cmd.pingNeedsCount', 0],
    ['ping -c 0 10.0.0.11', 'kacheck.cmd.badValue', 8],
    ["nc -z '10.0.0.11 80", 'kacheck.cmd.quote', 6],
  ])('%j → %s at %d', (line, id, offset) => {
    const r = parseModelledCommand(line);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.msg.id).toBe(id);
      expect(r.offset).toBe(offset);
    }
  });

  it('an unknown command lists the modelled ones', () => {
    const r = parseModelledCommand('/etc/keepalived/check_web.sh');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const text = render(r.msg);
      expect(text).toContain("'/etc/keepalived/check_web.sh'");
      expect(text).toContain('nc -z');
      expect(text).toContain('curl -sf');
      expect(text).toContain('ping -c N');
    }
  });
});

describe('runModelledCommand: real traffic, real exit codes', () => {
  function run(line: string, timeout: number, setup?: (l: ReturnType<typeof newLab>) => void): { code: number | undefined; at: number } {
    const l = newLab(['10.0.0.11']);
    setup?.(l);
    const p = parseModelledCommand(line);
    if (!p.ok) throw new Error(p.msg.id);
    let code: number | undefined;
    let at = -1;
    runModelledCommand(l.director, p.value, timeout, (c) => {
      code = c;
      at = l.lab.sim.now;
    });
    l.run(60 * SEC);
    return { code, at };
  }

  it('exit codes of true/false/exit', () => {
    expect(run('true', 0).code).toBe(0);
    expect(run('/bin/false', 0).code).toBe(1);
    expect(run('exit 7', 0).code).toBe(7);
  });

  it('nc -z: 0 with a listener, 1 on the RST of a closed port, 1 after -w when the host is down', () => {
    expect(run('nc -z 10.0.0.11 80', 0, (l) => listener(l.rs.get('10.0.0.11')!, 80)).code).toBe(0);
    expect(run('nc -z 10.0.0.11 80', 0).code).toBe(1);
    const down = run('nc -z -w 2 10.0.0.11 80', 0, (l) => l.rs.get('10.0.0.11')!.crash());
    expect(down.code).toBe(1);
    expect(down.at).toBe(2 * SEC);
  });

  it('curl -sf: 0 on 200, 22 on 500 (as -f does), 7 when the connection is refused, 28 after -m', () => {
    const ok = (l: ReturnType<typeof newLab>): void => void httpServer(l.rs.get('10.0.0.11')!, 80, () => 'HTTP/1.0 200 OK\r\n\r\nfine');
    const err = (l: ReturnType<typeof newLab>): void => void httpServer(l.rs.get('10.0.0.11')!, 80, () => 'HTTP/1.0 500 Oops\r\n\r\n');
    expect(run('curl -sf http://10.0.0.11/', 0, ok).code).toBe(0);
    expect(run('curl -sf http://10.0.0.11/', 0, err).code).toBe(22);
    expect(run('curl -s http://10.0.0.11/', 0, err).code).toBe(0);
    expect(run('curl -sf http://10.0.0.11/', 0).code).toBe(7);
    const slow = run('curl -sf -m 3 http://10.0.0.11/', 0, (l) => l.rs.get('10.0.0.11')!.crash());
    expect(slow).toEqual({ code: 28, at: 3 * SEC });
  });

  it('ping -c: 0 when replies come back, 1 when none', () => {
    expect(run('ping -c 2 10.0.0.11', 0).code).toBe(0);
    const none = run('ping -c 2 -W 1 10.0.0.11', 0, (l) => l.rs.get('10.0.0.11')!.crash());
    expect(none).toEqual({ code: 1, at: 2 * SEC });
  });

  it('the caller\'s timeout kills the command: TIMED_OUT at exactly that time', () => {
    const r = run('ping -c 5 10.0.0.11', 2 * SEC);
    expect(r).toEqual({ code: TIMED_OUT, at: 2 * SEC });
  });
});
