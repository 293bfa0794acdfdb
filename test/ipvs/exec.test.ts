import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { findService } from '../../src/ipvs/ctl.js';
import { SEC } from '../../src/net/types.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from './fake-host.js';

function lab(): { host: FakeHost; ipvs: Ipvs; run: (line: string) => string } {
  const host = new FakeHost();
  host.local.add(ip('192.168.1.100'));
  const ipvs = attachIpvs(host);
  const run = (line: string): string => {
    const r = ipvs.ipvsadm(line);
    expect(r.stderr, line).toBe('');
    expect(r.exitCode, line).toBe(0);
    return r.output;
  };
  return { host, ipvs, run };
}

const SVC = { protocol: 6, vaddr: ip('192.168.1.100'), vport: 80, fwmark: 0 };

function listOrder(ipvs: Ipvs): string[] {
  const svc = findService(ipvs.state, SVC);
  return svc === undefined ? [] : svc.destinations.toArray().map((d) => `${formatIp4(d.daddr)} w${d.weight}/${d.lastWeight}`);
}

describe('ipvsadm on a host', () => {
  it('the scenario-format example: -L -n exactly', () => {
    const { run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 192.168.1.11 -g');
    run('ipvsadm -a -t 192.168.1.100:80 -r 192.168.1.12 -g');
    expect(run('ipvsadm -L -n')).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  192.168.1.100:80 rr\n' +
        '  -> 192.168.1.11:80              Route   1      0          0         \n' +
        '  -> 192.168.1.12:80              Route   1      0          0         \n',
    );
    expect(run('')).toContain('TCP  192.168.1.100:http rr\n  -> 192.168.1.11:http            Route   1      0          0         \n');
    expect(run('-L -n -t 192.168.1.100:80')).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  192.168.1.100:80 rr\n' +
        '  -> 192.168.1.11:80              Route   1      0          0         \n' +
        '  -> 192.168.1.12:80              Route   1      0          0         \n',
    );
    expect(run('-S -n')).toBe(
      '-A -t 192.168.1.100:80 -s rr\n' +
        '-a -t 192.168.1.100:80 -r 192.168.1.11:80 -g -w 1\n' +
        '-a -t 192.168.1.100:80 -r 192.168.1.12:80 -g -w 1\n',
    );
  });

  it('list order after -a, -e, -d (--nosort shows it; the default listing sorts)', () => {
    const { ipvs, run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    for (const h of [11, 12, 13]) run(`-a -t 192.168.1.100:80 -r 192.168.1.${h}`);
    expect(listOrder(ipvs)).toEqual(['192.168.1.13 w1/1', '192.168.1.12 w1/1', '192.168.1.11 w1/1']);
    run('-e -t 192.168.1.100:80 -r 192.168.1.12 -w 3');
    expect(listOrder(ipvs)).toEqual(['192.168.1.13 w1/1', '192.168.1.12 w3/3', '192.168.1.11 w1/1']);
    run('-e -t 192.168.1.100:80 -r 192.168.1.12 -w 0');
    expect(listOrder(ipvs)).toEqual(['192.168.1.13 w1/1', '192.168.1.12 w0/3', '192.168.1.11 w1/1']);
    run('-d -t 192.168.1.100:80 -r 192.168.1.12');
    expect(listOrder(ipvs)).toEqual(['192.168.1.13 w1/1', '192.168.1.11 w1/1']);
    run('-a -t 192.168.1.100:80 -r 192.168.1.12 -w 0');
    expect(listOrder(ipvs)).toEqual(['192.168.1.12 w0/0', '192.168.1.13 w1/1', '192.168.1.11 w1/1']);
    const nosort = run('-L -n --nosort').split('\n').filter((l) => l.startsWith('  -> 1'));
    expect(nosort.map((l) => l.slice(5, 17))).toEqual(['192.168.1.12', '192.168.1.13', '192.168.1.11']);
    const sorted = run('-L -n').split('\n').filter((l) => l.startsWith('  -> 1'));
    expect(sorted.map((l) => l.slice(5, 17))).toEqual(['192.168.1.11', '192.168.1.12', '192.168.1.13']);
  });

  it('-e replaces every server setting it is not given (back to -g, weight 1, no thresholds)', () => {
    const { ipvs, run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 192.168.1.11 -w 5 -x 10 -y 2');
    run('-e -t 192.168.1.100:80 -r 192.168.1.11');
    const d = findService(ipvs.state, SVC)?.destinations.toArray()[0];
    expect([d?.weight, d?.uThreshold, d?.lThreshold]).toEqual([1, 0, 0]);
  });

  it('the sort quirk end to end: 10.0.0.1 is listed after 192.168.1.1', () => {
    const { run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 10.0.0.1');
    run('-a -t 192.168.1.100:80 -r 192.168.1.1');
    const lines = run('-L -n').split('\n').filter((l) => l.startsWith('  -> 1'));
    expect(lines.map((l) => l.trim().split(/\s+/)[1])).toEqual(['192.168.1.1:80', '10.0.0.1:80']);
  });

  it('kernel errors: ipvsadm\'s texts, exit status 255, pointing at the service or server', () => {
    const { ipvs, run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 192.168.1.11');
    const cases: readonly [string, string, string][] = [
      ['-A -t 192.168.1.100:80 -s rr', 'Service already exists', '192.168.1.100:80'],
      ['-A -t 192.168.1.100:81 -s foo', 'Scheduler or persistence engine not found', 'foo'],
      ['-E -t 192.168.1.100:81 -s rr', 'No such service', '192.168.1.100:81'],
      ['-D -t 192.168.1.100:81', 'No such service', '192.168.1.100:81'],
      ['-Z -t 192.168.1.100:81', 'No such service', '192.168.1.100:81'],
      ['-a -t 192.168.1.100:81 -r 192.168.1.11', 'Service not defined', '192.168.1.100:81'],
      ['-a -t 192.168.1.100:80 -r 192.168.1.11', 'Destination already exists', '192.168.1.11'],
      ['-e -t 192.168.1.100:80 -r 192.168.1.12', 'No such destination', '192.168.1.12'],
      ['-d -t 192.168.1.100:80 -r 192.168.1.12', 'No such destination', '192.168.1.12'],
      ['-a -t 192.168.1.100:80 -r 192.168.1.13 -x 5 -y 10', 'Numerical result out of range', '192.168.1.13'],
      ['-a -t 192.168.1.100:80 -r 224.0.0.1', 'Invalid operation.  Possibly wrong module version, address not unicast, ...', '224.0.0.1'],
    ];
    for (const [line, text, points] of cases) {
      const r = ipvs.ipvsadm(line);
      expect([line, r.stderr, r.exitCode, r.output]).toEqual([line, `${text}\n`, 255, '']);
      expect(r.error?.kind).toBe('kernel');
      const span = r.error?.span;
      expect(span === undefined ? '' : line.slice(span.offset, span.offset + span.length)).toBe(points);
    }
    const list = ipvs.ipvsadm('-L -n -t 192.168.1.100:81');
    expect([list.stderr, list.exitCode]).toEqual(['No such service\n', 1]);
  });

  it('parse errors come back with ipvsadm\'s stderr and exit status', () => {
    const { ipvs } = lab();
    const r = ipvs.ipvsadm('-A -t 192.168.1.100:80 -s rr -s rr');
    expect([r.output, r.stderr, r.exitCode]).toEqual(['', "multiple 'scheduler' options specified\n", 2]);
  });

  it('-v', () => {
    const { run } = lab();
    expect(run('-v')).toBe('ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n');
  });

  it('--set and -L --timeout; -C; -Z', () => {
    const { host, ipvs, run } = lab();
    expect(run('-L --timeout')).toBe('Timeout (tcp tcpfin udp): 900 120 300\n');
    run('--set 3600 0 60');
    expect(run('-L --timeout')).toBe('Timeout (tcp tcpfin udp): 3600 120 60\n');
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 192.168.1.11');
    host.receive(tcpPacket('203.0.113.10', 40000, '192.168.1.100', 80, TCP_SYN));
    host.receive(tcpPacket('203.0.113.10', 40000, '192.168.1.100', 80, TCP_ACK));
    host.sim.runUntil(2 * SEC);
    const row = (name: string, ...n: number[]): string => name.padEnd(33) + n.map((v) => String(v).padStart(9)).join('') + '\n';
    expect(run('-L -n --stats')).toContain(row('  -> 192.168.1.11:80', 1, 2, 0, 80, 0));
    run('-Z');
    expect(run('-L -n --stats')).toContain(row('  -> 192.168.1.11:80', 0, 0, 0, 0, 0));
    expect(run('-L -n -c')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'TCP 59:58  ESTABLISHED 203.0.113.10:40000 192.168.1.100:80   192.168.1.11:80\n',
    );
    run('-C');
    expect(run('-L -n')).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n',
    );
    // The connection entry outlives the service (it expires on its own timer).
    expect(ipvs.state.conns.size).toBe(1);
  });

  it('trace events describe every change of the table', () => {
    const { host, run } = lab();
    run('-A -t 192.168.1.100:80 -s rr');
    run('-a -t 192.168.1.100:80 -r 192.168.1.11');
    run('-e -t 192.168.1.100:80 -r 192.168.1.11 -w 2');
    run('-d -t 192.168.1.100:80 -r 192.168.1.11');
    run('-D -t 192.168.1.100:80');
    const seen = host.events.map((e) => ('op' in e ? `${e.kind}:${e.op}:${e.msg.id}` : e.kind));
    expect(seen).toEqual([
      'ipvs.service:add:ipvs.service.add',
      'ipvs.dest:add:ipvs.dest.add',
      'ipvs.dest:edit:ipvs.dest.edit',
      'ipvs.dest:del:ipvs.dest.del',
      'ipvs.service:del:ipvs.service.del',
    ]);
  });
});

describe('model-based: random command sequences', () => {
  it('property: never throws; hooks are registered exactly while a service exists; packets keep counters consistent', () => {
    const cmd = fc.oneof(
      fc.constantFrom(
        '-A -t 192.168.1.100:80 -s rr',
        '-A -u 192.168.1.100:53 -s rr',
        '-E -t 192.168.1.100:80 -s rr',
        '-D -t 192.168.1.100:80',
        '-C',
        '-Z',
        '--set 30 5 10',
        '-L -n',
        '-L -n -c',
        '-S -n',
      ),
      fc.record({ op: fc.constantFrom('-a', '-e', '-d'), host: fc.integer({ min: 11, max: 14 }), w: fc.integer({ min: 0, max: 2 }) }).map(
        ({ op, host, w }) => `${op} -t 192.168.1.100:80 -r 192.168.1.${host}${op === '-d' ? '' : ` -w ${w}`}`,
      ),
      fc.record({ port: fc.integer({ min: 40000, max: 40003 }), flags: fc.constantFrom(TCP_SYN, TCP_ACK, TCP_FIN | TCP_ACK, TCP_RST) }).map((p) => p),
      fc.integer({ min: 1, max: 200 }),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (steps) => {
        const host = new FakeHost();
        host.local.add(ip('192.168.1.100'));
        const ipvs = attachIpvs(host);
        for (const s of steps) {
          if (typeof s === 'string') ipvs.ipvsadm(s);
          else if (typeof s === 'number') host.sim.runUntil(host.sim.now + s * SEC);
          else host.receive(tcpPacket('203.0.113.10', s.port, '192.168.1.100', 80, s.flags));
          expect(host.hooks.length).toBe(ipvs.state.numServices > 0 ? 6 : 0);
        }
        // Every connection is counted exactly once by its dest.
        const counted = new Map<object, [number, number]>();
        for (const cp of ipvs.state.conns) {
          if (cp.dest === null) continue;
          const c = counted.get(cp.dest) ?? [0, 0];
          if (cp.flags & 0x0100) c[1]++;
          else c[0]++;
          counted.set(cp.dest, c);
        }
        for (const [dest, [active, inact]] of counted) {
          const d = dest as { activeConns: number; inactConns: number };
          expect([d.activeConns, d.inactConns]).toEqual([active, inact]);
        }
        host.sim.runUntil(host.sim.now + 10_000 * SEC);
        expect(ipvs.state.conns.size).toBe(0);
        for (const dest of counted.keys()) expect((dest as { activeConns: number }).activeConns).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
