import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import type { IpvsConn } from '../../src/ipvs/conn.js';
import { SEC } from '../../src/net/types.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import { TCP_ACK, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import { hasMessage } from '../../src/i18n/index.js';
import { FakeHost, ip, tcpPacket, udpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const RS1 = '192.168.1.11';
const RS2 = '192.168.1.12';

function run(ipvs: Ipvs, line: string): string {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r.output;
}

/** A director with `svcLine` and RS1 then RS2 added (so rr picks RS2 first: list order is newest first). */
function director(svcLine: string, rsLines?: readonly string[]): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  const ipvs = attachIpvs(host);
  run(ipvs, svcLine);
  const svc = svcLine.replace(/^-A /, '').replace(/ -s .*$/, '');
  for (const line of rsLines ?? [`-a ${svc} -r ${RS1}:80 -g`, `-a ${svc} -r ${RS2}:80 -g`]) run(ipvs, line);
  return { host, ipvs };
}

function syn(host: FakeHost, client: string, cport: number, dport = 80, mark = 0): void {
  host.receive(tcpPacket(client, cport, VIP, dport, TCP_SYN), mark);
}

function nextHops(host: FakeHost): string[] {
  return host.sent.map((s) => formatIp4(s.route.nextHop));
}

function templates(ipvs: Ipvs): IpvsConn[] {
  return [...ipvs.state.conns].filter((c) => c.template);
}

function onlyTemplate(ipvs: Ipvs): IpvsConn {
  const t = templates(ipvs);
  expect(t).toHaveLength(1);
  return t[0] as IpvsConn;
}

describe('§4.7 worked example: -p 360 -M 255.255.255.0', () => {
  const SVC = `-A -t ${VIP}:80 -s rr -p 360 -M 255.255.255.0`;

  it('10.1.2.3 and 10.1.2.77 share one template (10.1.2.0:0) and one real server', () => {
    const { host, ipvs } = director(SVC);
    syn(host, '10.1.2.3', 40000);
    syn(host, '10.1.2.77', 40001);
    // rr alone would alternate; the template sends the second client to the same server.
    expect(nextHops(host)).toEqual([RS2, RS2]);
    expect(ipvs.state.conns.size).toBe(3);
    const ct = onlyTemplate(ipvs);
    expect(ct.nControl).toBe(2);
    const news = host.events.filter((e) => e.kind === 'ipvs.conn' && e.op === 'new').map((e) => e.msg.id);
    expect(news).toEqual(['ipvs.persist.templateNew', 'ipvs.conn.new', 'ipvs.conn.new']);
    for (const e of host.events) expect(hasMessage(e.msg.id), e.msg.id).toBe(true);
    host.sim.runUntil(1 * SEC);
    expect(run(ipvs, '-Lnc')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'TCP 05:59  NONE        10.1.2.0:0         192.168.1.100:80   192.168.1.12:80\n' +
        'TCP 00:59  SYN_RECV    10.1.2.3:40000     192.168.1.100:80   192.168.1.12:80\n' +
        'TCP 00:59  SYN_RECV    10.1.2.77:40001    192.168.1.100:80   192.168.1.12:80\n',
    );
  });

  it('--persistent-conn shows PersistConn 1 for that server; -L -n shows "persistent 360 mask 255.255.255.0"; -S saves -p/-M', () => {
    const { host, ipvs } = director(SVC);
    syn(host, '10.1.2.3', 40000);
    syn(host, '10.1.2.77', 40001);
    expect(run(ipvs, '-L -n --persistent-conn')).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n' +
        '  -> RemoteAddress:Port\n' +
        'TCP  192.168.1.100:80 rr persistent 360 mask 255.255.255.0\n' +
        '  -> 192.168.1.11:80              1         0           0          0         \n' +
        '  -> 192.168.1.12:80              1         1           2          0         \n',
    );
    expect(run(ipvs, '-L -n')).toContain('TCP  192.168.1.100:80 rr persistent 360 mask 255.255.255.0\n');
    expect(run(ipvs, '-S -n')).toBe(
      '-A -t 192.168.1.100:80 -s rr -p 360 -M 255.255.255.0\n' +
        '-a -t 192.168.1.100:80 -r 192.168.1.11:80 -g -w 1\n' +
        '-a -t 192.168.1.100:80 -r 192.168.1.12:80 -g -w 1\n',
    );
  });

  it('-p without a value is 360 s and the mask defaults to /32 (no mask suffix); a client of another /24 is scheduled afresh', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p`);
    expect(run(ipvs, '-L -n')).toContain('TCP  192.168.1.100:80 rr persistent 360\n');
    syn(host, '10.1.2.3', 40000);
    syn(host, '10.1.2.77', 40001);
    syn(host, '10.1.2.3', 40002);
    expect(nextHops(host)).toEqual([RS2, RS1, RS2]);
    expect(templates(ipvs).map((t) => formatIp4(t.caddr))).toEqual(['10.1.2.3', '10.1.2.77']);
  });

  it('one connection counts once in the stats: the template is not a connection', () => {
    const { host, ipvs } = director(SVC);
    syn(host, '10.1.2.3', 40000);
    host.sim.runUntil(2 * SEC);
    expect(run(ipvs, '-L -n --stats')).toContain('TCP  192.168.1.100:80                    1        1        0       40        0\n');
  });
});

describe('template lifetime (§4.4)', () => {
  it('is re-armed to -p only when a new connection is created through it, not by packets of existing ones', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`);
    syn(host, '10.1.2.3', 40000);
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_ACK));
    const ct = onlyTemplate(ipvs);
    expect(ct.expires).toBe(360 * SEC);
    expect(ct.timeout).toBe(360 * SEC);
    host.sim.runUntil(100 * SEC);
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_ACK));
    expect(ct.expires).toBe(360 * SEC);
    host.sim.runUntil(200 * SEC);
    syn(host, '10.1.2.3', 40001);
    expect(ct.expires).toBe(560 * SEC);
    expect(nextHops(host)).toEqual([RS2, RS2, RS2, RS2]);
  });

  it('expiring while it controls connections, it lives on in 60 s steps; the 60 s stays when reused; gone once unused', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 10`);
    syn(host, '10.1.2.3', 40000);
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_ACK)); // ESTABLISHED, 900 s
    const ct = onlyTemplate(ipvs);
    host.sim.runUntil(10 * SEC);
    expect(ct.timeout).toBe(60 * SEC);
    expect(ct.expires).toBe(70 * SEC);
    const later = host.events.filter((e) => e.kind === 'ipvs.conn' && e.msg.id === 'ipvs.conn.expireLater');
    expect(later).toHaveLength(1);
    host.sim.runUntil(70 * SEC);
    expect(ct.expires).toBe(130 * SEC);
    // A new connection re-arms it with its current timeout: 60 s, not the -p 10.
    host.sim.runUntil(100 * SEC);
    syn(host, '10.1.2.3', 40001);
    expect(ct.expires).toBe(160 * SEC);
    expect(run(ipvs, '-Lnc').split('\n')[2]).toBe('TCP 01:00  ASSURED     10.1.2.3:0         192.168.1.100:80   192.168.1.12:80');
    // Both connections end (RST → CLOSE 10 s); the template goes at its next expiry.
    host.receive(tcpPacket('10.1.2.3', 40001, VIP, 80, TCP_ACK));
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_RST));
    host.receive(tcpPacket('10.1.2.3', 40001, VIP, 80, TCP_RST));
    host.sim.runUntil(111 * SEC);
    expect(ipvs.state.conns.size).toBe(1);
    expect(ct.nControl).toBe(0);
    host.sim.runUntil(159 * SEC);
    expect(ipvs.state.conns.size).toBe(1);
    host.sim.runUntil(160 * SEC);
    expect(ipvs.state.conns.size).toBe(0);
    expect(run(ipvs, '-L -n --persistent-conn')).toContain('  -> 192.168.1.12:80              1         0           0          0         \n');
  });

  it('becomes ASSURED when a controlled TCP connection reaches ESTABLISHED', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 60`);
    syn(host, '10.1.2.3', 40000);
    expect(run(ipvs, '-Lnc').split('\n')[2]).toMatch(/^TCP 01:00  NONE {8}10\.1\.2\.3:0 /);
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_ACK));
    expect(run(ipvs, '-Lnc').split('\n')[2]).toMatch(/^TCP 01:00  ASSURED {5}10\.1\.2\.3:0 /);
  });

  it('a UDP template is not ASSURED by client packets alone (the reply never passes a DR director)', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, `-A -u ${VIP}:53 -s rr -p 60`);
    run(ipvs, `-a -u ${VIP}:53 -r ${RS1}:53 -g`);
    host.receive(udpPacket('10.1.2.3', 5353, VIP, 53));
    host.receive(udpPacket('10.1.2.3', 5353, VIP, 53));
    expect(run(ipvs, '-Lnc')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'UDP 01:00  NONE        10.1.2.3:0         192.168.1.100:53   192.168.1.11:53\n' +
        'UDP 05:00  UDP         10.1.2.3:5353      192.168.1.100:53   192.168.1.11:53\n',
    );
  });

  it('a SYN on a controlled CLOSE entry reuses it (INPUT syn from CL → SR) instead of rescheduling (§3.8)', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`);
    syn(host, '10.1.2.3', 40000);
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_ACK));
    host.receive(tcpPacket('10.1.2.3', 40000, VIP, 80, TCP_RST));
    const cp = [...ipvs.state.conns].find((c) => !c.template) as IpvsConn;
    expect(cp.state).toBe(6); // CLOSE
    syn(host, '10.1.2.3', 40000);
    expect([...ipvs.state.conns].filter((c) => !c.template)).toEqual([cp]);
    expect(cp.state).toBe(3); // SYN_RECV
    expect(host.events.filter((e) => e.kind === 'ipvs.sched')).toHaveLength(1);
  });
});

describe('weight 0, OVERLOAD, deletion and expire_quiescent_template (§4.2)', () => {
  it('a quiesced (weight 0) server keeps its persistent clients; new clients go elsewhere', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`);
    syn(host, '10.1.2.3', 40000);
    run(ipvs, `-e -t ${VIP}:80 -r ${RS2}:80 -g -w 0`);
    syn(host, '10.1.2.3', 40001);
    syn(host, '10.9.9.9', 40000);
    expect(nextHops(host)).toEqual([RS2, RS2, RS1]);
    const hit = host.events.filter((e) => e.kind === 'ipvs.sched').map((e) => e.msg.id);
    expect(hit).toEqual(['ipvs.persist.pick', 'ipvs.persist.hit', 'ipvs.persist.pick']);
  });

  it('an OVERLOADed server (-x) keeps its persistent clients too', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`, [`-a -t ${VIP}:80 -r ${RS1}:80 -g`, `-a -t ${VIP}:80 -r ${RS2}:80 -g -x 1`]);
    syn(host, '10.1.2.3', 40000);
    const rs2 = [...ipvs.state.conns][0]?.dest;
    expect(rs2?.overloaded).toBe(true);
    syn(host, '10.1.2.3', 40001);
    expect(nextHops(host)).toEqual([RS2, RS2]);
  });

  it('with expire_quiescent_template=1 the template to a weight-0 server is invalidated (ports 65535) and the client rescheduled', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`);
    host.setSysctl('expire_quiescent_template', 1);
    syn(host, '10.1.2.3', 40000);
    run(ipvs, `-e -t ${VIP}:80 -r ${RS2}:80 -g -w 0`);
    host.sim.runUntil(1 * SEC);
    syn(host, '10.1.2.3', 40001);
    expect(nextHops(host)).toEqual([RS2, RS1]);
    expect(run(ipvs, '-Lnc')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'TCP 00:59  SYN_RECV    10.1.2.3:40000     192.168.1.100:80   192.168.1.12:80\n' +
        'TCP 05:59  NONE        10.1.2.3:0         192.168.1.100:65535 192.168.1.12:65535\n' +
        'TCP 06:00  NONE        10.1.2.3:0         192.168.1.100:80   192.168.1.11:80\n' +
        'TCP 01:00  SYN_RECV    10.1.2.3:40001     192.168.1.100:80   192.168.1.11:80\n',
    );
    expect(host.events.some((e) => e.msg.id === 'ipvs.persist.invalidQuiescent')).toBe(true);
  });

  it('a deleted server\'s template is invalidated; with expire_nodest_conn=1 its connections and template are flushed at once (§7.3)', () => {
    const { host, ipvs } = director(`-A -t ${VIP}:80 -s rr -p 360`);
    syn(host, '10.1.2.3', 40000);
    run(ipvs, `-d -t ${VIP}:80 -r ${RS2}:80`);
    // Without the sysctl, the old entries stay until they expire; a new connection is rescheduled.
    syn(host, '10.1.2.3', 40001);
    expect(nextHops(host)).toEqual([RS2, RS1]);
    expect(host.events.some((e) => e.msg.id === 'ipvs.persist.invalidDeleted')).toBe(true);
    expect(ipvs.state.conns.size).toBe(4);

    const d = director(`-A -t ${VIP}:80 -s rr -p 360`);
    d.host.setSysctl('expire_nodest_conn', 1);
    syn(d.host, '10.1.2.3', 40000);
    syn(d.host, '10.1.2.3', 40001);
    expect(d.ipvs.state.conns.size).toBe(3);
    run(d.ipvs, `-d -t ${VIP}:80 -r ${RS2}:80`);
    expect(d.ipvs.state.conns.size).toBe(0);
    expect(d.ipvs.state.destTrash[0]?.persistConns).toBe(0);
    expect(d.ipvs.state.destTrash[0]?.inactConns).toBe(0);
    expect(d.ipvs.state.destTrash[0]?.activeConns).toBe(0);
  });
});

describe('port-0 services (§4.5)', () => {
  it('need -p; a persistent port-0 service takes any port and the connection keeps it', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    const r = ipvs.ipvsadm(`-A -t ${VIP}:0 -s rr`);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Zero port specified for non-persistent service');
    run(ipvs, `-A -t ${VIP}:0 -s rr -p 60`);
    run(ipvs, `-a -t ${VIP}:0 -r ${RS1} -g`);
    run(ipvs, `-a -t ${VIP}:0 -r ${RS2} -g`);
    syn(host, '10.1.2.3', 40000, 22);
    syn(host, '10.1.2.3', 40001, 443);
    expect(nextHops(host)).toEqual([RS2, RS2]);
    expect(host.sent.map((s) => (s.packet.payload.layer === 'tcp' ? s.packet.payload.dport : -1))).toEqual([22, 443]);
    expect(run(ipvs, '-Lnc')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'TCP 01:00  NONE        10.1.2.3:0         192.168.1.100:0    192.168.1.12:0\n' +
        'TCP 01:00  SYN_RECV    10.1.2.3:40000     192.168.1.100:22   192.168.1.12:22\n' +
        'TCP 01:00  SYN_RECV    10.1.2.3:40001     192.168.1.100:443  192.168.1.12:443\n',
    );
    expect(run(ipvs, '-L -n')).toContain('TCP  192.168.1.100:0 rr persistent 60\n  -> 192.168.1.11:0 ');
  });
});

describe('fwmark services (§4.6)', () => {
  it('a persistent fwmark service: one IP template per client (0.0.0.<mark>:0), any port, the server port 0 keeps the packet port', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -f 1 -s rr -p 1800');
    run(ipvs, `-a -f 1 -r ${RS1}:0 -g`);
    run(ipvs, `-a -f 1 -r ${RS2}:0 -g`);
    syn(host, '10.1.2.3', 40000, 80, 1);
    syn(host, '10.1.2.3', 40001, 443, 1);
    // Without the mark the packet is not for the service: it goes to the local stack.
    syn(host, '10.1.2.3', 40002, 80, 0);
    expect(nextHops(host)).toEqual([RS2, RS2]);
    expect(host.delivered).toHaveLength(1);
    expect(run(ipvs, '-Lnc')).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'IP  30:00  NONE        10.1.2.3:0         0.0.0.1:0          192.168.1.12:0\n' +
        'TCP 01:00  SYN_RECV    10.1.2.3:40000     192.168.1.100:80   192.168.1.12:80\n' +
        'TCP 01:00  SYN_RECV    10.1.2.3:40001     192.168.1.100:443  192.168.1.12:443\n',
    );
    expect(run(ipvs, '-L -n')).toContain('FWM  1 rr persistent 1800\n');
    expect(run(ipvs, '-S -n')).toContain('-A -f 1 -s rr -p 1800\n');
  });

  it('a non-persistent fwmark service schedules every connection, on any port', () => {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    run(ipvs, '-A -f 7 -s rr');
    run(ipvs, `-a -f 7 -r ${RS1}:0 -g`);
    run(ipvs, `-a -f 7 -r ${RS2}:0 -g`);
    syn(host, '10.1.2.3', 40000, 80, 7);
    syn(host, '10.1.2.3', 40001, 8080, 7);
    expect(nextHops(host)).toEqual([RS2, RS1]);
    expect([...ipvs.state.conns].map((c) => `${c.vport}>${c.dport}`)).toEqual(['80>80', '8080>8080']);
    expect(templates(ipvs)).toEqual([]);
  });
});
