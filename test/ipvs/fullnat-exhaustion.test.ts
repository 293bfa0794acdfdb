/**
 * FULLNAT local-port exhaustion as the alibaba fork ends it (reference §4.2; alibaba ip_vs_core.c
 * ip_vs_schedule → NULL, ip_vs_proto_tcp.c tcp_conn_schedule → ip_vs_leave): the SYN that finds
 * no free (LIP, LPORT) gets ICMP port unreachable and is dropped; and the fork's sysctls
 * net.ipv4.vs.fullnat_lport_min/max/tries exist on a host with their proc_dointvec_minmax bounds.
 */
import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { SysctlStore } from '../../src/net/sysctl.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, TCP_SYN } from '../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from './fake-host.js';

const VIP = '203.0.113.100';

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

function director(ports: number): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.setSysctl('fullnat_lport_min', 5000);
  host.setSysctl('fullnat_lport_max', 5000 + ports - 1);
  host.setSysctl('fullnat_lport_tries', 10);
  for (const a of [VIP, '10.0.0.100', '10.0.0.101']) host.local.add(ip(a));
  const ipvs = attachIpvs(host);
  run(ipvs, `-A -t ${VIP}:80 -s rr`);
  run(ipvs, `-a -t ${VIP}:80 -r 10.0.0.11:80 -b`);
  run(ipvs, `-P -t ${VIP}:80 -z 10.0.0.100`);
  return { host, ipvs };
}

const syn = (cport: number) => tcpPacket('203.0.113.10', cport, VIP, 80, TCP_SYN);

describe('FULLNAT port exhaustion', () => {
  it('the SYN that finds no free local port gets ICMP port unreachable (ip_vs_leave) and is dropped', () => {
    const { host, ipvs } = director(2);
    host.receive(syn(40000));
    host.receive(syn(40001));
    expect(host.icmp).toHaveLength(0);
    host.receive(syn(40002));
    expect(host.lastVerdict()).toBe('DROP');
    expect(host.icmp).toHaveLength(1);
    const e = host.icmp[0]!;
    expect([e.type, e.code]).toEqual([ICMP_DEST_UNREACH, ICMP_PORT_UNREACH]);
    expect(e.packet.payload.layer === 'tcp' && e.packet.payload.sport).toBe(40002);
    expect(ipvs.state.conns.size).toBe(2);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.fullnat.noPort']);
  });

  it('a second local address is taken round robin: every other new connection still hits the full one', () => {
    const { host, ipvs } = director(2);
    host.receive(syn(41000));
    host.receive(syn(41001));
    run(ipvs, `-P -t ${VIP}:80 -z 10.0.0.101`);
    for (let i = 0; i < 4; i++) host.receive(syn(41002 + i));
    const lips = [...ipvs.state.conns].map((c) => `${c.laddr === ip('10.0.0.101') ? 'L2' : 'L1'}:${c.lport}`);
    expect(lips).toEqual(['L1:5001', 'L1:5000', 'L2:5001', 'L2:5000']);
    // 41003 and 41005 were given 10.0.0.100 again (the cursor alternates) and refused.
    expect(host.icmp.map((m) => (m.packet.payload.layer === 'tcp' ? m.packet.payload.sport : 0))).toEqual([41003, 41005]);
  });
});

describe('the fork sysctls on a host', () => {
  it('exist with the fork defaults and refuse values outside proc_dointvec_minmax bounds', () => {
    const s = new SysctlStore();
    expect(s.get('net.ipv4.vs.fullnat_lport_min')).toBe(5000);
    expect(s.get('net.ipv4.vs.fullnat_lport_max')).toBe(65535);
    expect(s.get('net.ipv4.vs.fullnat_lport_tries')).toBe(10000);
    expect(s.set('net.ipv4.vs.fullnat_lport_min', 60000)).toBeUndefined();
    expect(s.set('net.ipv4.vs.fullnat_lport_max', 60003)).toBeUndefined();
    expect(s.set('net.ipv4.vs.fullnat_lport_tries', 10)).toBeUndefined();
    expect(s.get('net.ipv4.vs.fullnat_lport_min')).toBe(60000);
    expect(s.set('net.ipv4.vs.fullnat_lport_min', 1024)?.code).toBe('badValue');
    expect(s.set('net.ipv4.vs.fullnat_lport_max', 65536)?.code).toBe('badValue');
    expect(s.set('net.ipv4.vs.fullnat_lport_tries', 9)?.code).toBe('badValue');
    expect(s.set('net.ipv4.vs.fullnat_lport_tries', 60001)?.code).toBe('badValue');
    expect(s.get('net.ipv4.vs.fullnat_lport_tries')).toBe(10);
  });
});
