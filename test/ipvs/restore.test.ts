import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs, parseIpvsadm } from '../../src/ipvs/index.js';
import { streamLines } from '../../src/ipvs/ipvsadm/restore.js';
import { FakeHost, ip } from './fake-host.js';

function lab(): Ipvs {
  const host = new FakeHost();
  host.local.add(ip('192.168.1.100'));
  return attachIpvs(host);
}

function ok(ipvs: Ipvs, line: string, stdin?: string): string {
  const r = ipvs.ipvsadm(line, stdin);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r.output;
}

const RULES = [
  '-A -t 192.168.1.100:80 -s rr',
  '-a -t 192.168.1.100:80 -r 10.0.0.2:80 -g -w 1',
  '-a -t 192.168.1.100:80 -r 10.0.0.3:80 -g -w 3',
  '-A -u 192.168.1.100:53 -s wlc',
  '-a -u 192.168.1.100:53 -r 10.0.0.4:53 -g -w 2',
];

describe('ipvsadm -R (§8.4)', () => {
  it('restores what -S -n saved: the saved text of the copy is the same', () => {
    const a = lab();
    for (const l of RULES) ok(a, l);
    const saved = ok(a, '-S -n');
    expect(saved).toContain('-A -t 192.168.1.100:80 -s rr\n');
    const b = lab();
    expect(ok(b, '-R', saved)).toBe('');
    expect(ok(b, '-S -n')).toBe(saved);
    expect(ok(b, '-L -n')).toBe(ok(a, '-L -n'));
  });

  it('each line is one invocation: `ipvsadm` words are dropped anywhere, empty and blank lines skipped, the last line needs no newline', () => {
    const b = lab();
    const stdin = `ipvsadm -A -t 192.168.1.100:80 -s rr\n\n   \t\n-a ipvsadm -t 192.168.1.100:80 -r 10.0.0.2\r\n  -a -t 192.168.1.100:80 -r 10.0.0.3 -w 2`;
    ok(b, 'ipvsadm -R', stdin);
    expect(ok(b, '-S -n')).toBe(
      '-A -t 192.168.1.100:80 -s rr\n-a -t 192.168.1.100:80 -r 10.0.0.2:80 -g -w 1\n-a -t 192.168.1.100:80 -r 10.0.0.3:80 -g -w 2\n',
    );
  });

  it('-R does not clear the table', () => {
    const b = lab();
    ok(b, '-A -t 192.168.1.100:443 -s rr');
    ok(b, '-R', '-A -t 192.168.1.100:80 -s rr\n');
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n-A -t 192.168.1.100:443 -s rr\n');
  });

  it('a usage error on a line ends the whole restore: earlier lines stay applied, later ones never run', () => {
    const b = lab();
    const stdin = '-A -t 192.168.1.100:80 -s rr\n-a -t 192.168.1.100:80 -r 10.0.0.2 -w 70000\n-A -t 192.168.1.100:443 -s rr\n';
    const r = b.ipvsadm('-R', stdin);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('illegal weight specified\n');
    expect(r.error?.stdinLine).toBe(2);
    // The span points at the bad value inside standard input.
    const span = r.error?.span;
    expect(span === undefined ? '' : stdin.slice(span.offset, span.offset + span.length)).toBe('70000');
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n');
  });

  it('`#` is not a comment for -R: a comment line ends the restore with the try-help message', () => {
    const b = lab();
    const r = b.ipvsadm('-R', '-A -t 192.168.1.100:80 -s rr\n# saved rules\n-A -t 192.168.1.100:443 -s rr\n');
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toBe("Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
    expect(r.error?.stdinLine).toBe(2);
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n');
  });

  it('words are split on blanks only: quotes are part of the word', () => {
    const r = lab().ipvsadm('-R', "-A -t '192.168.1.100:80' -s rr\n");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('illegal virtual server address[:port] specified\n');
  });

  it('a kernel error is printed and the restore goes on; the exit status is the last line’s', () => {
    const b = lab();
    const dup = '-A -t 192.168.1.100:80 -s rr\n-A -t 192.168.1.100:80 -s rr\n-A -t 192.168.1.100:443 -s rr\n';
    const r = b.ipvsadm('-R', dup);
    expect(r.stderr).toBe('Service already exists\n');
    expect(r.exitCode).toBe(0);
    expect(r.error).toBeUndefined();
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n-A -t 192.168.1.100:443 -s rr\n');
    const last = b.ipvsadm('-R', '-D -t 192.168.1.100:443\n-D -t 192.168.1.100:443\n');
    expect(last.exitCode).toBe(255);
    expect(last.stderr).toBe('No such service\n');
    expect(last.error?.stdinLine).toBe(2);
    expect(last.error?.kind).toBe('kernel');
  });

  it('an option-scanning (popt) error is printed and the restore goes on', () => {
    const b = lab();
    const r = b.ipvsadm('-R', '-A -t 192.168.1.100:80 --bogus\n-A -t 192.168.1.100:443 -s rr\n');
    expect(r.stderr).toMatch(/^--bogus: /);
    expect(r.exitCode).toBe(0);
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:443 -s rr\n');
  });

  it('listings inside the input print as they go', () => {
    const b = lab();
    expect(ok(b, '-R', '-A -t 192.168.1.100:80 -s rr\n-S -n\n')).toBe('-A -t 192.168.1.100:80 -s rr\n');
  });

  it('-R inside -R stops with the try-help message; -R takes no options; -R with no standard input is not modelled', () => {
    const b = lab();
    const nested = b.ipvsadm('-R', '-A -t 192.168.1.100:80 -s rr\n-R\n-A -t 192.168.1.100:443 -s rr\n');
    expect(nested.exitCode).toBe(255);
    expect(nested.stderr).toBe("Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
    expect(nested.error?.stdinLine).toBe(2);
    expect(ok(b, '-S -n')).toBe('-A -t 192.168.1.100:80 -s rr\n');
    const opt = b.ipvsadm('-R -n', '');
    expect(opt.exitCode).toBe(2);
    expect(opt.stderr).toMatch(/^Illegal '.*' option with the 'restore' command\n$/);
    const none = b.ipvsadm('-R');
    expect(none.error?.kind).toBe('notModelled');
    expect(none.error?.msg.id).toBe('ipvs.restore.noStdin');
  });

  it('parses as the restore command', () => {
    const r = parseIpvsadm('ipvsadm --restore');
    expect(r.ok && r.value.command).toEqual({ cmd: 'restore' });
  });

  it('streamLines: line numbers and offsets into the input', () => {
    const ls = streamLines('a b\n\n  ipvsadm c');
    expect(ls.map((l) => [l.line, l.start, l.words.map((w) => `${w.text}@${w.offset}`).join(' ')])).toEqual([
      [1, 0, 'a@0 b@2'],
      [2, 4, ''],
      [3, 5, 'c@10'],
    ]);
  });
});
