import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../../src/ipvs/index.js';
import { findService } from '../../../src/ipvs/ctl.js';
import { ShState, shHashKey } from '../../../src/ipvs/sched/sh.js';
import { MhState, mhSlot } from '../../../src/ipvs/sched/mh.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';
import { TCP_SYN } from '../../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from '../fake-host.js';

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

const HEAD = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
const SVC = { protocol: 6, vaddr: ip('192.168.1.100'), vport: 80, fwmark: 0 };

function withServers(run: (line: string) => string, svcLine: string): void {
  run(svcLine);
  run('-a -t 192.168.1.100:80 -r 192.168.1.11');
  run('-a -t 192.168.1.100:80 -r 192.168.1.12');
}

const DESTS = '  -> 192.168.1.11:80              Route   1      0          0         \n' + '  -> 192.168.1.12:80              Route   1      0          0         \n';

describe('ipvsadm with the hashing schedulers (§8.4 print_sched_flags)', () => {
  it('-s sh -b sh-fallback,sh-port is accepted; -L -n prints "sh (sh-fallback,sh-port)"; -S gives -b back', () => {
    const { run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s sh -b sh-fallback,sh-port');
    expect(run('-L -n')).toBe(`${HEAD}TCP  192.168.1.100:80 sh (sh-fallback,sh-port)\n${DESTS}`);
    expect(run('-S -n').split('\n')[0]).toBe('-A -t 192.168.1.100:80 -s sh -b sh-fallback,sh-port');
  });

  it('flags print in print_sched_flags order whatever order they were given in', () => {
    const { run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s sh -b sh-port,sh-fallback');
    expect(run('-L -n').split('\n')[3]).toBe('TCP  192.168.1.100:80 sh (sh-fallback,sh-port)');
    run('-E -t 192.168.1.100:80 -s sh -b sh-port');
    expect(run('-L -n').split('\n')[3]).toBe('TCP  192.168.1.100:80 sh (sh-port)');
    run('-E -t 192.168.1.100:80 -s sh');
    expect(run('-L -n').split('\n')[3]).toBe('TCP  192.168.1.100:80 sh');
  });

  it('-s mh -b mh-port prints "mh (mh-port)"; mh-fallback,mh-port prints both', () => {
    const { run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s mh -b mh-port');
    expect(run('-L -n')).toBe(`${HEAD}TCP  192.168.1.100:80 mh (mh-port)\n${DESTS}`);
    run('-E -t 192.168.1.100:80 -s mh -b mh-port,mh-fallback');
    expect(run('-L -n').split('\n')[3]).toBe('TCP  192.168.1.100:80 mh (mh-fallback,mh-port)');
    expect(run('-S -n').split('\n')[0]).toBe('-A -t 192.168.1.100:80 -s mh -b mh-fallback,mh-port');
  });

  it('-s dh prints no flags; flag-N names print for schedulers without their own', () => {
    const { run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s dh');
    expect(run('-L -n')).toBe(`${HEAD}TCP  192.168.1.100:80 dh\n${DESTS}`);
    run('-E -t 192.168.1.100:80 -s dh -b flag-1');
    expect(run('-L -n').split('\n')[3]).toBe('TCP  192.168.1.100:80 dh (flag-1)');
  });

  it('a flag of another scheduler is refused', () => {
    const { ipvs } = lab();
    const r = ipvs.ipvsadm('-A -t 192.168.1.100:80 -s mh -b sh-port');
    expect([r.stderr, r.exitCode]).toEqual(["incompatible scheduler flag `sh-port'\n", 2]);
  });
});

/** The real server of each connection, from `ipvsadm -L -n -c`, keyed by client port. */
function connDests(run: (line: string) => string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of run('-L -n -c').split('\n').slice(2)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    out.set(Number((f[3] as string).split(':')[1]), (f[5] as string).split(':')[0] as string);
  }
  return out;
}

describe('hashing schedulers on a director', () => {
  it('sh without sh-port: every connection of one client goes to one server', () => {
    const { host, run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s sh');
    for (let p = 40000; p < 40016; p++) host.receive(tcpPacket('203.0.113.10', p, '192.168.1.100', 80, TCP_SYN));
    const dests = connDests(run);
    expect(dests.size).toBe(16);
    expect(new Set(dests.values()).size).toBe(1);
  });

  it('sh with sh-port: each connection goes to the bucket of (client port + client address)', () => {
    const { host, ipvs, run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s sh -b sh-port');
    for (let p = 40000; p < 40016; p++) host.receive(tcpPacket('203.0.113.10', p, '192.168.1.100', 80, TCP_SYN));
    const s = findService(ipvs.state, SVC)?.schedData;
    if (!(s instanceof ShState)) throw new Error('not sh');
    const dests = connDests(run);
    expect(dests.size).toBe(16);
    for (const [port, d] of dests) {
      const b = s.buckets[shHashKey(ip('203.0.113.10'), port, 0)];
      expect(d).toBe(formatIp4(b?.daddr ?? 0));
    }
    expect(new Set(dests.values()).size).toBe(2);
  });

  it('mh with mh-port: each connection goes to the slot H1(client address + port) % 4093', () => {
    const { host, ipvs, run } = lab();
    withServers(run, '-A -t 192.168.1.100:80 -s mh -b mh-port');
    for (let p = 40000; p < 40016; p++) host.receive(tcpPacket('203.0.113.10', p, '192.168.1.100', 80, TCP_SYN));
    const s = findService(ipvs.state, SVC)?.schedData;
    if (!(s instanceof MhState)) throw new Error('not mh');
    const dests = connDests(run);
    expect(dests.size).toBe(16);
    for (const [port, d] of dests) expect(d).toBe(formatIp4(s.lookup[mhSlot(ip('203.0.113.10'), port)]?.daddr ?? 0));
  });
});
