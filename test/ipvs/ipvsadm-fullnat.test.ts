/**
 * The alibaba ipvsadm additions: `-b`/`--fullnat` on the server commands (while -A/-E keep 1.31's
 * `-b` = --sched-flags), `-P`/`-Q`/`-G` with `-z` (also spelled --add-laddr/--del-laddr/
 * --get-laddr/--laddr as in dpvs), their libipvs messages, and the listings.
 */
import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { parseIpvsadm } from '../../src/ipvs/ipvsadm/parse.js';
import { FakeHost, ip } from './fake-host.js';

function parse(line: string) {
  const r = parseIpvsadm(line);
  if (!r.ok) throw new Error(`${line}: ${r.error.message || r.error.msg.id}`);
  return r.value.command;
}

function error(line: string): string {
  const r = parseIpvsadm(line);
  if (r.ok) throw new Error(`${line} parsed`);
  return r.error.message;
}

function lab(): Ipvs {
  const ipvs = attachIpvs(new FakeHost());
  for (const l of ['-A -t 203.0.113.100:80 -s rr', '-a -t 203.0.113.100:80 -r 10.0.0.11:8080 -b', '-a -t 203.0.113.100:80 -r 10.0.0.12:8080 --fullnat -w 3']) {
    expect(ipvs.ipvsadm(l).exitCode, l).toBe(0);
  }
  return ipvs;
}

describe('parsing', () => {
  it('-b on -a/-e is FULLNAT, and keeps the given port (port mapping)', () => {
    expect(parse('-a -t 1.2.3.4:80 -r 10.0.0.1:8080 -b')).toMatchObject({ cmd: 'add-server', dest: { fwd: 'fullnat', dport: 8080 } });
    expect(parse('-e -t 1.2.3.4:80 -r 10.0.0.1 -b -w 2')).toMatchObject({ cmd: 'edit-server', dest: { fwd: 'fullnat', dport: 80, weight: 2 } });
    expect(parse('-ab -t 1.2.3.4:80 -r 10.0.0.1:81')).toMatchObject({ dest: { fwd: 'fullnat' } });
    expect(parse('--add-server -t 1.2.3.4:80 -r 10.0.0.1:81 --fullnat')).toMatchObject({ dest: { fwd: 'fullnat' } });
  });

  it('-b on -A/-E stays --sched-flags', () => {
    expect(parse('-A -t 1.2.3.4:80 -s sh -b sh-port')).toMatchObject({ cmd: 'add-service', flags: 0x10 });
    expect(error('-A -t 1.2.3.4:80 -s rr -b')).toBe('-b: missing argument');
  });

  it('two forwarding methods, or --fullnat on a service command, are ipvsadm errors', () => {
    expect(error('-a -t 1.2.3.4:80 -r 10.0.0.1 -b -g')).toBe("multiple 'forwarding-method' options specified");
    expect(error('-A -t 1.2.3.4:80 --fullnat')).toBe("Illegal 'forwarding-method' option with the 'add-service' command");
  });

  it('-P/-Q need the service and -z; -G takes an optional service; dpvs long names', () => {
    expect(parse('-P -t 1.2.3.4:80 -z 10.0.0.100')).toMatchObject({ cmd: 'add-laddr', laddr: ip('10.0.0.100') });
    expect(parse('--add-laddr -t 1.2.3.4:80 --laddr 10.0.0.100')).toMatchObject({ cmd: 'add-laddr', laddr: ip('10.0.0.100') });
    expect(parse('--del-laddr -z 10.0.0.100 -t 1.2.3.4:80')).toMatchObject({ cmd: 'del-laddr' });
    expect(parse('-G')).toEqual({ cmd: 'get-laddr', svc: null });
    expect(parse('--get-laddr -t 1.2.3.4:80')).toMatchObject({ cmd: 'get-laddr', svc: { vport: 80 } });
    expect(error('-P -t 1.2.3.4:80')).toBe("You need to supply the 'local-address' option for the 'add-laddr' command");
    expect(error('-Q -z 10.0.0.100')).toBe("You need to supply the 'service-address' option for the 'del-laddr' command");
    expect(error('-P -t 1.2.3.4:80 -z nowhere.invalid')).toBe('illegal local address');
    expect(error('-G -z 10.0.0.100')).toBe("Illegal 'local-address' option with the 'get-laddr' command");
    expect(error('-a -t 1.2.3.4:80 -r 10.0.0.1 -z 10.0.0.100')).toBe("Illegal 'local-address' option with the 'add-server' command");
  });
});

describe('running', () => {
  it('-L -n prints the method as FullNat; -S has no switch for it and prints (null), as alibaba does', () => {
    const ipvs = lab();
    const list = ipvs.ipvsadm('-L -n').output;
    expect(list).toContain('  -> 10.0.0.12:8080               FullNat 3      0          0         \n');
    expect(list).toContain('  -> 10.0.0.11:8080               FullNat 1      0          0         \n');
    expect(ipvs.ipvsadm('-S -n').output).toContain('-a -t 203.0.113.100:80 -r 10.0.0.11:8080 (null) -w 1\n');
  });

  it('local addresses: libipvs messages for a missing service, a duplicate and a missing address', () => {
    const ipvs = lab();
    expect(ipvs.ipvsadm('-P -t 203.0.113.100:81 -z 10.0.0.100')).toMatchObject({ stderr: 'Service not defined\n', exitCode: 255 });
    expect(ipvs.ipvsadm('-P -t 203.0.113.100:80 -z 10.0.0.100').exitCode).toBe(0);
    expect(ipvs.ipvsadm('-P -t 203.0.113.100:80 -z 10.0.0.100')).toMatchObject({ stderr: 'Local address already exists\n', exitCode: 255 });
    expect(ipvs.ipvsadm('-Q -t 203.0.113.100:80 -z 10.0.0.101')).toMatchObject({ stderr: 'No such Local address\n', exitCode: 255 });
    expect(ipvs.ipvsadm('-Q -t 203.0.113.100:80 -z 10.0.0.100').exitCode).toBe(0);
    expect(ipvs.ipvsadm('-G -t 203.0.113.100:81')).toMatchObject({ stderr: 'No such service\nNo such service\n', exitCode: 255 });
  });

  it('-G prints alibaba list_laddrs exactly', () => {
    const ipvs = lab();
    expect(ipvs.ipvsadm('-G').output).toBe(
      'VIP:VPORT            TOTAL    LADDR                CONFLICTS  CONNS     \n' + '203.0.113.100:80     0        \n',
    );
    ipvs.ipvsadm('-P -t 203.0.113.100:80 -z 10.0.0.100');
    ipvs.ipvsadm('-P -t 203.0.113.100:80 -z 10.0.0.101');
    ipvs.ipvsadm('-A -u 203.0.113.100:53 -s rr');
    expect(ipvs.ipvsadm('-G -t 203.0.113.100:80').output).toBe(
      'VIP:VPORT            TOTAL    LADDR                CONFLICTS  CONNS     \n' +
        '203.0.113.100:80     2        \n' +
        '                              10.0.0.100           0          0         \n' +
        '                              10.0.0.101           0          0         \n',
    );
    const all = ipvs.ipvsadm('-G').output;
    expect(all.split('VIP:VPORT').length - 1).toBe(1);
    expect(all).toContain('203.0.113.100:53     0        \n');
  });

  it('with no service, -G prints nothing', () => {
    expect(attachIpvs(new FakeHost()).ipvsadm('-G')).toMatchObject({ output: '', exitCode: 0 });
  });
});
