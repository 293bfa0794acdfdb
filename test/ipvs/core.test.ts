import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { SEC } from '../../src/net/types.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { FakeHost, ip, tcpPacket, udpPacket } from './fake-host.js';

const VIP = '192.168.1.100';
const CLIENT = '203.0.113.10';

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

function director(): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  host.local.add(ip(VIP));
  host.local.add(ip('192.168.1.5'));
  const ipvs = attachIpvs(host);
  run(ipvs, '-A -t 192.168.1.100:80 -s rr');
  run(ipvs, '-a -t 192.168.1.100:80 -r 192.168.1.11 -g');
  run(ipvs, '-a -t 192.168.1.100:80 -r 192.168.1.12 -g');
  return { host, ipvs };
}

function kinds(events: readonly TraceEvent[]): string[] {
  return events.map((e) => ('op' in e ? `${e.kind}:${e.op}` : e.kind));
}

function conn(ipvs: Ipvs): { state: string; daddr: string; active: number; inact: number } | undefined {
  const cp = [...ipvs.state.conns][0];
  if (cp === undefined) return undefined;
  return { state: cp.state === undefined ? '' : stateName(cp.protocol, cp.state), daddr: String(cp.daddr), active: cp.dest?.activeConns ?? -1, inact: cp.dest?.inactConns ?? -1 };
}

const NAMES = ['NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK'];
function stateName(protocol: number, state: number): string {
  return protocol === 17 ? 'UDP' : (NAMES[state] ?? '?');
}

describe('hook registration (§5.1)', () => {
  it('nothing before the first service; the kernel table with it; all removed with the last', () => {
    const host = new FakeHost();
    const ipvs = attachIpvs(host);
    expect(host.registrations).toEqual([]);
    run(ipvs, '-A -t 192.168.1.100:80 -s rr');
    run(ipvs, '-A -t 192.168.1.100:443 -s rr');
    expect(host.registrations.map((r) => `${r.op} ${r.hook} ${r.priority}`)).toEqual([
      'register LOCAL_IN 98',
      'register LOCAL_IN 99',
      'register LOCAL_OUT -99',
      'register LOCAL_OUT -98',
      'register FORWARD 99',
      'register FORWARD 100',
    ]);
    run(ipvs, '-D -t 192.168.1.100:80');
    expect(host.hooks).toHaveLength(6);
    run(ipvs, '-C');
    expect(host.hooks).toHaveLength(0);
    expect(host.registrations.filter((r) => r.op === 'unregister')).toHaveLength(6);
  });
});

describe('ip_vs_in with direct routing', () => {
  it('SYN → rr picks the newest server → DR: TTL − 1, same IP destination, next hop the real server', () => {
    const { host } = director();
    const syn = tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN);
    const skb = host.receive(syn);
    expect(host.lastVerdict()).toBe('STOLEN');
    expect(host.delivered).toEqual([]);
    expect(host.sent).toHaveLength(1);
    const out = host.sent[0];
    expect(out?.packet).toEqual({ ...syn, ttl: 63 });
    expect(out?.packet.dst).toBe(ip(VIP));
    expect(out?.route.nextHop).toBe(ip('192.168.1.12'));
    expect(out?.route.dev).toBe('eth0');
    expect(out?.ipvsProperty).toBe(true);
    expect(skb.ipvsProperty).toBe(true);
    // The transmitted packet went through LOCAL_OUT, where IPVS let it pass (ipvs_property).
    expect(host.hops.filter((h) => h.hook === 'LOCAL_OUT').map((h) => [h.verdict, h.ttl])).toEqual([
      ['ACCEPT', 63],
      ['ACCEPT', 63],
    ]);
    const ev = host.events.slice(host.events.findIndex((e) => e.kind === 'ipvs.sched'));
    expect(kinds(ev)).toEqual(['ipvs.sched', 'ipvs.conn:new', 'ipvs.dest:counters', 'ipvs.dest:counters', 'ipvs.xmit', 'ipvs.conn:state']);
    const xmit = ev.find((e) => e.kind === 'ipvs.xmit');
    expect(xmit?.kind === 'ipvs.xmit' && xmit.fwd).toBe('droute');
    expect(xmit?.msg.id).toBe('ipvs.dr.rewriteMac');
  });

  it('the next packets of the connection go to the same server without scheduling', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    host.receive(tcpPacket(CLIENT, 40001, VIP, 80, TCP_SYN));
    expect(host.sent.map((s) => s.route.nextHop)).toEqual([ip('192.168.1.12'), ip('192.168.1.12'), ip('192.168.1.11')]);
    expect(host.events.filter((e) => e.kind === 'ipvs.sched')).toHaveLength(2);
  });

  it('DR lifecycle through the hook: SYN_RECV 60 (1,0), ESTABLISHED 900, FIN_WAIT 120 (0,1), expiry 120 s after the last ACK', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(conn(ipvs)).toMatchObject({ state: 'SYN_RECV', active: 1, inact: 0 });
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    expect(conn(ipvs)).toMatchObject({ state: 'ESTABLISHED', active: 1, inact: 0 });
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_FIN | TCP_ACK));
    expect(conn(ipvs)).toMatchObject({ state: 'FIN_WAIT', active: 0, inact: 1 });
    host.sim.runUntil(10 * SEC);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    expect(conn(ipvs)).toMatchObject({ state: 'FIN_WAIT', active: 0, inact: 1 });
    host.sim.runUntil(129 * SEC);
    expect(ipvs.state.conns.size).toBe(1);
    host.sim.runUntil(130 * SEC);
    expect(ipvs.state.conns.size).toBe(0);
  });

  it('no matching service: ACCEPT, the packet goes on to the local stack (§5.3)', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 81, TCP_SYN));
    expect(host.lastVerdict()).toBe('ACCEPT');
    expect(host.delivered).toHaveLength(1);
    expect(host.sent).toEqual([]);
  });

  it('a TCP segment without SYN and without an entry: ACCEPT to the local stack', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN | TCP_RST));
    expect(host.delivered).toHaveLength(2);
    expect(ipvs.state.conns.size).toBe(0);
  });

  it('no server available (all weight 0): ICMP port unreachable (3/3) even for TCP, and drop (§5.6)', () => {
    const { host, ipvs } = director();
    run(ipvs, '-e -t 192.168.1.100:80 -r 192.168.1.11 -w 0');
    run(ipvs, '-e -t 192.168.1.100:80 -r 192.168.1.12 -w 0');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.lastVerdict()).toBe('DROP');
    expect(host.icmp.map((i) => [i.type, i.code])).toEqual([[3, 3]]);
    expect(host.sent).toEqual([]);
    expect(host.drops[0]?.reason.id).toBe('ipvs.leave.noDest');
    const sched = host.events.find((e) => e.kind === 'ipvs.sched');
    expect(sched?.kind === 'ipvs.sched' && sched.dest).toBeUndefined();
  });

  it('a deleted real server: its connection\'s packets are dropped silently (§7.3)', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    run(ipvs, '-d -t 192.168.1.100:80 -r 192.168.1.12');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    expect(host.lastVerdict()).toBe('DROP');
    expect(host.icmp).toEqual([]);
    expect(host.sent).toHaveLength(1);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.in.destUnavailable']);
    // Re-adding it brings the same object back, with its counters, and the flow passes again.
    run(ipvs, '-a -t 192.168.1.100:80 -r 192.168.1.12');
    expect(ipvs.ipvsadm('-L -n').output).toContain('  -> 192.168.1.12:80              Route   1      1          0         \n');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    expect(host.sent).toHaveLength(2);
  });

  it('expire_nodest_conn=1: entries of a deleted server are flushed, and a new SYN is scheduled again', () => {
    const { host, ipvs } = director();
    host.setSysctl('expire_nodest_conn', 1);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    run(ipvs, '-d -t 192.168.1.100:80 -r 192.168.1.12');
    host.sim.runUntil(0);
    expect(ipvs.state.conns.size).toBe(0);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.sent.map((s) => s.route.nextHop)).toEqual([ip('192.168.1.12'), ip('192.168.1.11')]);
  });

  it('TTL 1: ICMP time exceeded, nothing sent', () => {
    const { host } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { ttl: 1 }));
    expect(host.icmp.map((i) => [i.type, i.code])).toEqual([[11, 0]]);
    expect(host.sent).toEqual([]);
  });

  it('DF and longer than the route MTU: ICMP fragmentation needed carrying the MTU', () => {
    const { host } = director();
    host.mtu = 1400;
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN, { payload: 1400 }));
    expect(host.icmp.map((i) => [i.type, i.code, i.info])).toEqual([[3, 4, 1400]]);
    expect(host.sent).toEqual([]);
    host.receive(tcpPacket(CLIENT, 40001, VIP, 80, TCP_SYN, { payload: 1400, df: false }));
    expect(host.sent).toHaveLength(1);
  });

  it('a real server address that is local: the packet goes to the local stack (ACCEPT)', () => {
    const { host, ipvs } = director();
    run(ipvs, '-a -t 192.168.1.100:80 -r 192.168.1.5');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.lastVerdict()).toBe('ACCEPT');
    expect(host.delivered).toHaveLength(1);
    expect(host.sent).toEqual([]);
  });

  it('UDP: scheduled on any packet, state UDP, always inactive, timeout 300', () => {
    const { host, ipvs } = director();
    run(ipvs, '-A -u 192.168.1.100:53 -s rr');
    run(ipvs, '-a -u 192.168.1.100:53 -r 192.168.1.11');
    host.receive(udpPacket(CLIENT, 5353, VIP, 53));
    host.receive(udpPacket(CLIENT, 5353, VIP, 53));
    const cp = [...ipvs.state.conns][0];
    expect([cp?.timeout, cp?.dest?.activeConns, cp?.dest?.inactConns]).toEqual([300 * SEC, 0, 1]);
    expect(ipvs.ipvsadm('-L -n -c').output).toBe(
      'IPVS connection entries\n' +
        'pro expire state       source             virtual            destination\n' +
        'UDP 05:00  UDP         203.0.113.10:5353  192.168.1.100:53   192.168.1.11:53\n',
    );
  });
});

describe('conn_reuse_mode (§3.8)', () => {
  function closed(mode: number | undefined): { host: FakeHost; ipvs: Ipvs } {
    const d = director();
    if (mode !== undefined) d.host.setSysctl('conn_reuse_mode', mode);
    d.host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    d.host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    return d;
  }

  it('a SYN hitting a CLOSE entry expires it and is scheduled anew', () => {
    const { host, ipvs } = closed(undefined);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_RST));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.sent.map((s) => s.route.nextHop).slice(-1)).toEqual([ip('192.168.1.11')]);
    expect(host.events.filter((e) => e.kind === 'ipvs.sched').map((e) => e.msg.id)).toEqual(['ipvs.sched.pick', 'ipvs.sched.pickReuse']);
    host.sim.runUntil(0);
    expect(ipvs.state.conns.size).toBe(1);
    const expired = host.events.filter((e) => e.kind === 'ipvs.conn' && e.op === 'expire');
    expect(expired).toHaveLength(1);
  });

  it('mode 1: a SYN on a DR entry in FIN_WAIT reuses it (FIN_WAIT → SYN_RECV)', () => {
    const { host, ipvs } = closed(1);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_FIN | TCP_ACK));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(ipvs.state.conns.size).toBe(1);
    expect(conn(ipvs)?.state).toBe('SYN_RECV');
    expect(host.events.filter((e) => e.kind === 'ipvs.sched')).toHaveLength(1);
  });

  it('mode 2 (bit 2): a SYN on a DR entry in FIN_WAIT is rescheduled', () => {
    const { host } = closed(2);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_FIN | TCP_ACK));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(host.events.filter((e) => e.kind === 'ipvs.sched')).toHaveLength(2);
  });

  it('mode 0: a SYN on a CLOSE entry reuses it (CLOSE → SYN_RECV)', () => {
    const { host, ipvs } = closed(0);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_RST));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    expect(conn(ipvs)?.state).toBe('SYN_RECV');
    expect(host.events.filter((e) => e.kind === 'ipvs.sched')).toHaveLength(1);
  });
});

describe('ip_vs_out for replies that pass the director', () => {
  it('a DR reply seen at FORWARD advances the state as OUTPUT and clears NOOUTPUT', () => {
    const { host, ipvs } = director();
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    const reply = host.newSkb(tcpPacket(VIP, 80, CLIENT, 40000, TCP_SYN | TCP_ACK));
    reply.iif = 'eth0';
    let forwarded = false;
    host.nfHook('FORWARD', reply, { hook: 'FORWARD', in: 'eth0', out: 'eth1' }, () => (forwarded = true));
    expect(forwarded).toBe(true);
    expect(reply.ipvsProperty).toBe(true);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_FIN | TCP_ACK));
    // With NOOUTPUT cleared, the normal INPUT rows apply: CLOSE_WAIT, not FIN_WAIT.
    expect(conn(ipvs)?.state).toBe('CLOSE_WAIT');
  });
});

describe('statistics lag the estimator (§9.2)', () => {
  it('ipvsadm sees the counters of the last 2-s estimator run', () => {
    const { host, ipvs } = director();
    host.sim.runUntil(SEC / 2);
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN));
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_ACK, { payload: 100 }));
    host.sim.runUntil(SEC);
    const row = (name: string, ...n: number[]): string => name.padEnd(33) + n.map((v) => String(v).padStart(9)).join('') + '\n';
    const before = ipvs.ipvsadm('-L -n --stats --exact').output;
    expect(before).toContain(row('TCP  192.168.1.100:80', 0, 0, 0, 0, 0));
    host.sim.runUntil(2 * SEC);
    const after = ipvs.ipvsadm('-L -n --stats').output;
    // SYN 40 bytes + ACK with 100 bytes of data 140 bytes; the reply path bypasses the director.
    expect(after).toContain(row('TCP  192.168.1.100:80', 1, 2, 0, 180, 0));
    expect(after).toContain(row('  -> 192.168.1.12:80', 1, 2, 0, 180, 0));
    expect(after).toContain(row('  -> 192.168.1.11:80', 0, 0, 0, 0, 0));
  });
});

describe('service lookup (§1.5)', () => {
  it('a marked packet finds the fwmark service first; a server port 0 keeps the packet\'s port', () => {
    const { host, ipvs } = director();
    run(ipvs, '-A -f 7 -s rr');
    run(ipvs, '-a -f 7 -r 192.168.1.21');
    host.receive(tcpPacket(CLIENT, 40000, VIP, 80, TCP_SYN), 7);
    host.receive(tcpPacket(CLIENT, 40001, VIP, 80, TCP_SYN));
    expect(host.sent.map((s) => s.route.nextHop)).toEqual([ip('192.168.1.21'), ip('192.168.1.12')]);
    const cps = [...ipvs.state.conns];
    expect(cps.map((c) => [c.dport, c.fwmark])).toEqual([
      [80, 7],
      [80, 0],
    ]);
  });
});
