/**
 * The fwmark lesson end to end: iptables marks the HTTP packets to the VIP in the director's
 * mangle PREROUTING, IPVS finds the fwmark service by skb->mark at LOCAL_IN (§1.5, §4.6), and the
 * real servers (port 0: keep the packet's port) answer the client.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';
import { formatIp4 } from '../../src/net/wire/addr.js';

function lab(persistent: string, expectPerServer: number): string {
  return `lvslab: 1
name: fwmark-test
title: "fwmark service"
topic: dr
summary: iptables marks, IPVS schedules by mark.
seed: 7
segments: [{ name: internet }, { name: lan }]
hosts:
  client:
    interfaces: { eth0: { segment: internet, ip: 203.0.113.10/24 } }
    routes: [default via 203.0.113.1]
  router:
    sysctl: { net.ipv4.ip_forward: 1 }
    interfaces:
      eth0: { segment: internet, ip: 203.0.113.1/24 }
      eth1: { segment: lan, ip: 192.168.1.1/24 }
  director:
    interfaces: { eth0: { segment: lan, ip: [192.168.1.5/24, 192.168.1.100/32] } }
    routes: [default via 192.168.1.1]
    setup: |
      iptables -t mangle -A PREROUTING -d 192.168.1.100 -p tcp --dport 80 -j MARK --set-mark 1
    ipvsadm: |
      -A -f 1 -s rr${persistent}
      -a -f 1 -r 192.168.1.11:0 -g
      -a -f 1 -r 192.168.1.12:0 -g
  rs1:
    interfaces: { eth0: { segment: lan, ip: 192.168.1.11/24 } }
    routes: [default via 192.168.1.1]
    setup: |
      ip addr add 192.168.1.100/32 dev lo
      sysctl -w net.ipv4.conf.all.arp_ignore=1
      sysctl -w net.ipv4.conf.all.arp_announce=2
    apps: [{ http-server: { port: 80, size: 3000 } }]
  rs2:
    interfaces: { eth0: { segment: lan, ip: 192.168.1.12/24 } }
    routes: [default via 192.168.1.1]
    setup: |
      ip addr add 192.168.1.100/32 dev lo
      sysctl -w net.ipv4.conf.all.arp_ignore=1
      sysctl -w net.ipv4.conf.all.arp_announce=2
    apps: [{ http-server: { port: 80, size: 3000 } }]
traffic:
  - { from: client, http: { url: "http://192.168.1.100/", count: 4, every: 100ms }, at: 1ms }
checkpoints:
  - at: 1s
    title: The marked connections reach the real servers
    expect:
      - frames: "eth.dst == {{rs1.eth0.mac}} && ip.dst == 192.168.1.100 && tcp.flags.syn == 1"
        count: ${expectPerServer === 2 ? 2 : 0}
      - frames: "eth.dst == {{rs2.eth0.mac}} && ip.dst == 192.168.1.100 && tcp.flags.syn == 1"
        count: ${expectPerServer === 2 ? 2 : 4}
      - on: director
        run: "iptables -t mangle -L PREROUTING -n -v"
        contains: "MARK       tcp  --  *      *       0.0.0.0/0            192.168.1.100        tcp dpt:80 MARK set 0x1"
      - on: director
        run: "ipvsadm -L -n"
        contains: "FWM  1 rr"
`;
}

function load(text: string): LoadedScenario {
  const r = loadScenario(text, 'fwmark-test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.scenario;
}

function run(text: string): { loaded: LoadedScenario; r: Extract<ReturnType<typeof runScenario>, { ok: true }> } {
  const loaded = load(text);
  const r = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return { loaded, r };
}

describe('fwmark service fed by iptables -j MARK', () => {
  it('rr over the marked HTTP connections; every checkpoint passes; the replies reach the client', () => {
    const { loaded, r } = run(lab('', 2));
    const results = checkExpectations(loaded, r);
    expect(results.filter((x) => !x.passed).map((x) => `${x.description}: ${x.detail}`)).toEqual([]);
    const events = r.trace.events;
    const picks = events.filter((e) => e.kind === 'ipvs.sched' && e.host === 'director').map((e) => (e.kind === 'ipvs.sched' && e.dest !== undefined ? formatIp4(e.dest.daddr) : 'none'));
    expect(picks).toEqual(['192.168.1.12', '192.168.1.11', '192.168.1.12', '192.168.1.11']);
    expect(events.some((e) => e.kind === 'hook' && e.host === 'director' && e.msg.id === 'nf.rule.mark')).toBe(true);
    const sched = events.find((e) => e.kind === 'ipvs.sched');
    expect(sched?.kind === 'ipvs.sched' && sched.service.fwmark).toBe(1);
    // The client got its four pages: its socket saw each connection established.
    const established = events.filter((e) => e.kind === 'sock' && e.host === 'client' && e.state === 'ESTABLISHED');
    expect(established).toHaveLength(4);
  });

  it('with -p, one IP template (0.0.0.1) sends all four connections to the same real server', () => {
    const { loaded, r } = run(lab(' -p 60', 4));
    const results = checkExpectations(loaded, r);
    expect(results.filter((x) => !x.passed).map((x) => `${x.description}: ${x.detail}`)).toEqual([]);
    const tpl = r.trace.events.find((e) => e.kind === 'ipvs.conn' && e.op === 'new' && e.conn.template);
    expect(tpl?.kind === 'ipvs.conn' && [tpl.conn.protocol, formatIp4(tpl.conn.vaddr), tpl.conn.vport]).toEqual(['IP', '0.0.0.1', 0]);
  });

  it('without the mark rule the VIP is nobody\'s service: the SYNs reach the director\'s own stack', () => {
    const text = lab('', 2).replace('      iptables -t mangle -A PREROUTING -d 192.168.1.100 -p tcp --dport 80 -j MARK --set-mark 1\n', '      echo no mark\n');
    const { r } = run(text);
    expect(r.trace.events.filter((e) => e.kind === 'ipvs.sched')).toEqual([]);
  });
});
