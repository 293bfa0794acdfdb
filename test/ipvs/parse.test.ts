import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIpvsadm, type IpvsadmCommand, type IpvsadmError } from '../../src/ipvs/ipvsadm/parse.js';
import { ip } from './fake-host.js';
import { schedulerNames } from '../../src/ipvs/sched/registry.js';

function ok(line: string, checkModelled = true): IpvsadmCommand {
  const r = parseIpvsadm(line, { checkModelled });
  if (!r.ok) throw new Error(`${line}: ${r.error.message || r.error.msg.id}`);
  return r.value.command;
}

function err(line: string): IpvsadmError {
  const r = parseIpvsadm(line);
  if (r.ok) throw new Error(`${line}: parsed`);
  return r.error;
}

/** The text an error points at. */
function at(line: string, e: IpvsadmError): string {
  return line.slice(e.span.offset, e.span.offset + e.span.length);
}

describe('ipvsadm grammar', () => {
  it('the leading word ipvsadm is optional; long and short options agree', () => {
    const a = ok('ipvsadm -A -t 192.168.1.100:80 -s rr');
    const b = ok('--add-service --tcp-service=192.168.1.100:80 --scheduler rr');
    expect(a).toEqual(b);
    expect(a).toEqual({ cmd: 'add-service', svc: { protocol: 6, vaddr: ip('192.168.1.100'), vport: 80, fwmark: 0 }, schedName: 'rr', flags: 0, timeout: 0, netmask: 0xffffffff });
  });

  it('combined short options: -Ln, -Lnc, -lnc, and an argument glued to its letter', () => {
    expect(ok('-Ln')).toMatchObject({ cmd: 'list', connections: false, format: { numeric: true } });
    expect(ok('-Lnc')).toMatchObject({ cmd: 'list', connections: true, format: { numeric: true } });
    expect(ok('-lnc')).toMatchObject({ cmd: 'list', connections: true });
    expect(ok('-At192.168.1.100:80 -srr')).toMatchObject({ cmd: 'add-service', schedName: 'rr', svc: { vport: 80 } });
  });

  it('no arguments lists everything with names resolved', () => {
    expect(ok('ipvsadm')).toMatchObject({ cmd: 'list', svc: null, format: { numeric: false } });
  });

  it('defaults: scheduler wlc, -g, weight 1, -p without a value is 360 s', () => {
    expect(ok('-A -t 192.168.1.100:80', false)).toMatchObject({ schedName: 'wlc' });
    expect(ok('-E -f 1 -p', false)).toMatchObject({ cmd: 'edit-service', schedName: 'wlc', flags: 1, timeout: 360, svc: { fwmark: 1, protocol: 6 } });
    expect(ok('-A -f 1 -p -M 255.255.255.0', false)).toMatchObject({ timeout: 360, netmask: ip('255.255.255.0') });
    expect(ok('-A -f 1 -p 1800', false)).toMatchObject({ timeout: 1800 });
    expect(ok('-a -t 192.168.1.100:80 -r 192.168.1.11')).toMatchObject({ dest: { daddr: ip('192.168.1.11'), dport: 80, fwd: 'droute', weight: 1 } });
  });

  it('-r without a port copies the port of a service given EARLIER on the line', () => {
    expect(ok('-d -t 192.168.1.100:80 -r 192.168.1.11')).toMatchObject({ dest: { dport: 80 } });
    expect(ok('-d -r 192.168.1.11 -t 192.168.1.100:80')).toMatchObject({ dest: { dport: 0 } });
    expect(ok('-a -r 10.0.0.2 -t 192.168.1.100:80 -m', false)).toMatchObject({ dest: { dport: 0, fwd: 'masq' } });
    expect(ok('-a -t 192.168.1.100:80 -r 10.0.0.2:8080 -m', false)).toMatchObject({ dest: { dport: 8080 } });
  });

  it('DR and TUN servers get the service port (not for fwmark services)', () => {
    expect(ok('-a -t 192.168.1.100:80 -r 192.168.1.11:8080 -g')).toMatchObject({ dest: { dport: 80 } });
    expect(ok('-a -r 192.168.1.11 -t 192.168.1.100:80')).toMatchObject({ dest: { dport: 80 } });
    expect(ok('-a -f 1 -r 192.168.1.11:8080 -g')).toMatchObject({ dest: { dport: 8080 } });
  });

  it('addresses as inet_aton takes them, ports by number or /etc/services name', () => {
    expect(ok('-D -t 10.1:80')).toMatchObject({ svc: { vaddr: ip('10.0.0.1') } });
    expect(ok('-D -t 0xc0a80164:http')).toMatchObject({ svc: { vaddr: ip('192.168.1.100'), vport: 80 } });
    expect(ok('-D -u 192.168.1.100:domain')).toMatchObject({ svc: { protocol: 17, vport: 53 } });
  });

  it('--set takes three numbers; 0 means unchanged', () => {
    expect(ok('--set 900 0 300')).toEqual({ cmd: 'set', tcp: 900, tcpfin: 0, udp: 300 });
  });

  it('-b flags, and --sort is accepted and ignored', () => {
    expect(ok('-A -t 192.168.1.100:80 -s rr -b flag-1,flag-3')).toMatchObject({ flags: 0x08 | 0x20 });
    expect(ok('-L -n --sort')).toMatchObject({ cmd: 'list' });
  });
});

describe('ipvsadm error texts and positions', () => {
  const cases: readonly [line: string, message: string, points: string, exit: number][] = [
    ['-A -t 192.168.1.100:80 -s rr -s wrr', "multiple 'scheduler' options specified", 's', 2],
    ['-a -t 192.168.1.100:80', "You need to supply the 'real-server' option for the 'add-server' command", 'a', 2],
    ['-A -s rr', "You need to supply the 'service-address' option for the 'add-service' command", 'A', 2],
    ['-A -t 192.168.1.100:80 -s rr -w 2', "Illegal 'weight' option with the 'add-service' command", 'w', 2],
    ['-C -n', "Illegal 'numeric' option with the 'flush' command", 'n', 2],
    ['-L -c -t 192.168.1.100:80', "The option 'service-address' conflicts with the 'connection' option in the 'list' command", 't', 2],
    ['-L --timeout --daemon', "The option 'daemon' conflicts with the 'timeout' option in the 'list' command", '--daemon', 2],
    ['-L -n -c --stats', 'options conflicts in the list command', 'L', 2],
    ['-A -t 192.168.1.100:80 -E', "invalid option `-E'", 'E', 2],
    ['-A -t 192.168.1.100:80 -s rr -LA', "invalid option `-LA'", 'L', 2],
    ['-t 192.168.1.100:80 -A', "Try `ipvsadm -h' or 'ipvsadm --help' for more information.", 't', 255],
    ['-nL', "Try `ipvsadm -h' or 'ipvsadm --help' for more information.", 'n', 255],
    ['-L -q', '-q: unknown option', 'q', 255],
    ['-L --foo', '--foo: unknown option', '--foo', 255],
    ['-A -t', '-t: missing argument', 't', 255],
    ['-L --numeric=1', '--numeric=1: option does not take an argument', '--numeric=1', 255],
    ['--set 900 120', '--set option requires 3 timeout values', '--set', 2],
    ['--set 900 120 x', "invalid timeout value `x' specified", 'x', 2],
    ['--set 1 2 3 4', 'unexpected argument 4', '4', 2],
    ['-L extra', 'unexpected argument extra', 'extra', 2],
    ['-A -t 192.168.1.100 -s rr', 'Zero port specified for non-persistent service', '192.168.1.100', 2],
    ['-A -t 80 -s rr', 'illegal virtual server address[:port] specified', '80', 2],
    ['-A -t 192.168.1.100:99999 -s rr', 'illegal virtual server address[:port] specified', '192.168.1.100:99999', 2],
    ['-A -t 192.168.1.100:foo -s rr', 'illegal virtual server address[:port] specified', '192.168.1.100:foo', 2],
    ['-a -t 192.168.1.100:80 -r rs1', 'illegal real server address[:port] specified', 'rs1', 2],
    ['-a -t 192.168.1.100:80 -r 10.0.0.1 -w 70000', 'illegal weight specified', '70000', 2],
    ['-a -t 192.168.1.100:80 -r 10.0.0.1 -x -1', 'illegal u_threshold specified', '-1', 2],
    ['-A -f 0 -s rr', "invalid fwmark value `0' specified", '0', 2],
    ['-A -t 192.168.1.100:80 -s rr -p 0', "invalid timeout value `0' specified", '0', 2],
    ['-A -t 192.168.1.100:80 -s rr -M 255.255.255.256', 'illegal virtual server persistent mask specified', '255.255.255.256', 2],
    ['-A -t 192.168.1.100:80 -s rr -b sh-port', "incompatible scheduler flag `sh-port'", 'sh-port', 2],
    ['-A -t 192.168.1.100:80 -s rr -b foo', "invalid scheduler flag `foo'", 'foo', 2],
    ['-A -t 192.168.1.100:80 -s rr -b constructor', "invalid scheduler flag `constructor'", 'constructor', 2],
    ['-A -t 192.168.1.100:80 -s rr -o', 'One-Packet Scheduling is only for UDP virtual services', 'o', 2],
    ['-a -t 192.168.1.100:80 -r 10.0.0.1 --tun-type gue', 'Tunnel options conflict with forward method', '--tun-type', 2],
    ['-a -t 192.168.1.100:80 -r 10.0.0.1 -i --tun-type gue', "You need to supply the 'tun-port' option for the 'gue' tunnel type", 'i', 2],
    ['-a -t 192.168.1.100:80 -r 10.0.0.1 -i --tun-port 6080', "Illegal 'tun-port' option with the 'ipip' tunnel type", '--tun-port', 2],
    ['--start-daemon primary', 'illegal start-daemon parameter specified', 'primary', 2],
    ['-A -t 192.168.1.100:80 -6', '-6 used before -f\n', '6', 2],
  ];

  for (const [line, message, points, exit] of cases) {
    it(`${line} → ${message.trim()}`, () => {
      const e = err(line);
      expect(e.kind === 'usage' || e.kind === 'popt').toBe(true);
      expect(e.message).toBe(message);
      expect(e.stderr).toBe(`${message}\n`);
      expect(e.exitCode).toBe(exit);
      expect(at(line, e)).toBe(points);
      expect(e.msg).toEqual({ id: 'ipvs.ipvsadm.error', params: { text: message } });
    });
  }

  it('positions are character offsets in the whole line and word indexes, the program word included', () => {
    const line = 'ipvsadm  -A -t 192.168.1.100:80 -s rr -s wrr';
    const e = err(line);
    expect(e.span).toEqual({ offset: 39, length: 1, tokenIndex: 6 });
  });

  it('an unterminated quote is the shell\'s error', () => {
    const e = err("-A -t '192.168.1.100:80 -s rr");
    expect(e.kind).toBe('shell');
    expect(e.span.offset).toBe(6);
  });
});

describe('commands the lab does not model yet', () => {
  const cases: readonly [line: string, id: string, points: string][] = [
    ['-A -u 192.168.1.100:53 -s rr -o', 'ipvs.notModelled.ops', 'o'],
    ['-a -t 192.168.1.100:80 -r 10.0.0.2 --ipip --tun-type gue --tun-port 6080', 'ipvs.tun.typeNotModelled', '--tun-type'],
    ['-e -t 192.168.1.100:80 -r 10.0.0.2 -i --tun-type gre', 'ipvs.tun.typeNotModelled', '--tun-type'],
    ['-A --sctp-service 192.168.1.100:80 -s rr', 'ipvs.notModelled.sctp', '192.168.1.100:80'],
    ['-A -t [2001:db8::1]:80 -s rr', 'ipvs.notModelled.ipv6', '[2001:db8::1]:80'],
    ['--start-daemon master', 'ipvs.notModelled.command', '--start-daemon'],
  ];
  for (const [line, id, points] of cases) {
    it(`${line} → ${id}`, () => {
      const e = err(line);
      expect(e.kind).toBe('notModelled');
      expect(e.msg.id).toBe(id);
      expect(at(line, e)).toBe(points);
    });
  }

  it('the default scheduler wlc and every registered kernel scheduler are modelled now', () => {
    expect(ok('-A -t 192.168.1.100:80')).toMatchObject({ cmd: 'add-service', schedName: 'wlc' });
    for (const name of schedulerNames()) expect(ok(`-A -t 192.168.1.100:80 -s ${name}`)).toMatchObject({ schedName: name });
  });

  it('ipvsadm\'s own errors come first', () => {
    expect(err('-A -t 192.168.1.100:80 -s wlc -w 1').message).toBe("Illegal 'weight' option with the 'add-service' command");
  });

  it('an unknown scheduler name passes the parser (the kernel refuses it)', () => {
    expect(ok('-A -t 192.168.1.100:80 -s foo')).toMatchObject({ schedName: 'foo' });
  });
});

describe('robustness', () => {
  it('property: any line parses to a command or a positioned error, never an exception', () => {
    const word = fc.oneof(
      fc.constantFrom('-A', '-E', '-D', '-C', '-L', '-l', '-Z', '-a', '-e', '-d', '-S', '-R', '-n', '-c', '-p', '-M', '-6', '-Ln', '-Lnc', '--set', '--stats', '--rate', '--timeout', '--nosort', '-b', '-o', '-x', '-y', '-w', '-s', '-t', '-u', '-f', '-r', '-g', '-m', '-i', '--tun-type', '--', '"', "'"),
      fc.constantFrom('rr', 'wlc', 'foo', '192.168.1.100:80', '10.0.0.1', '[::1]:80', '80', '0', '360', 'sh-port', 'gue', 'master', '=', ':'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const line = words.join(' ');
        const r = parseIpvsadm(line);
        if (!r.ok) {
          expect(r.error.span.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.span.offset + r.error.span.length).toBeLessThanOrEqual(line.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
