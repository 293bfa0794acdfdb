/**
 * iputils arping: the option parser (with error columns), the start-up checks, the frames it puts
 * on the wire over virtual time, what it prints, and what its gratuitous ARPs do to a neighbour's
 * cache (override within locktime, no new entry without arp_accept, PERMANENT entries untouched).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../src/net/lab.js';
import type { Host } from '../../src/net/host.js';
import { MS, SEC } from '../../src/net/types.js';
import { ARP_REPLY, ARP_REQUEST } from '../../src/net/wire/packet.js';
import type { ArpPacket } from '../../src/net/wire/packet.js';
import { MAC_BROADCAST } from '../../src/net/wire/addr.js';
import type { CmdEvent, TraceEvent, TxEvent } from '../../src/trace/events.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import type { ArpingCommand } from '../../src/scenarios/commands/types.js';
import { runScript } from '../../src/scenarios/build.js';
import { IpvsHosts } from '../../src/scenarios/ipvs-hosts.js';
import { render } from '../../src/i18n/index.js';
import { ip, lines, run1 } from './helpers.js';

const VIP = '192.168.1.100';

function parse(text: string): ArpingCommand {
  const r = parseScript(text);
  if (r.errors.length > 0) throw new Error(render((r.errors[0] as { msg: Parameters<typeof render>[0] }).msg));
  const c = r.script.commands[0]?.command;
  if (c?.kind !== 'arping') throw new Error('not arping');
  return c;
}

function parseError(text: string): { col: number; length: number; text: string } {
  const e = parseScript(text).errors[0];
  if (e === undefined) throw new Error(`no error for ${text}`);
  return { col: e.offset, length: e.length, text: render(e.msg) };
}

/** router .1, director .5 (+ VIP/32), attacker .66 on one segment; MACs 02:00:00:00:0H:01. */
function lanLab(): { lab: Lab; router: Host; director: Host; attacker: Host; events: TraceEvent[] } {
  const lab = new Lab({ seed: 1 });
  const events: TraceEvent[] = [];
  lab.addSink({ emit: (e) => events.push(e) });
  lab.addSegment({ name: 'lan' });
  const mk = (name: string, addr: string): Host => {
    const h = lab.addHost(name) as Host;
    h.addInterface({ name: 'eth0', segment: 'lan' });
    h.addAddress('eth0', ip(addr), 24, { broadcast: ip('192.168.1.255') });
    return h;
  };
  const router = mk('router', '192.168.1.1');
  const director = mk('director', '192.168.1.5');
  director.addAddress('eth0', ip(VIP), 32);
  const attacker = mk('attacker', '192.168.1.66');
  return { lab, router, director, attacker, events };
}

const txArp = (events: readonly TraceEvent[], host: string): { t: number; dst: number; arp: ArpPacket }[] =>
  events
    .filter((e): e is TxEvent => e.kind === 'tx' && e.host === host && e.frame.payload.layer === 'arp')
    .map((e) => ({ t: e.t, dst: e.frame.dst, arp: e.frame.payload as ArpPacket }));

const cmds = (events: readonly TraceEvent[], host: string): CmdEvent[] => events.filter((e): e is CmdEvent => e.kind === 'cmd' && e.host === host);

/** Runs `text` on `host` at virtual time `at` (as a timed `run` event does). */
function runAt(lab: Lab, host: Host, at: number, text: string, ipvs = new IpvsHosts()): void {
  const parsed = parseScript(text);
  if (parsed.errors.length > 0) throw new Error(render((parsed.errors[0] as { msg: Parameters<typeof render>[0] }).msg));
  lab.sim.at(at, () => runScript(host, parsed.script, ipvs));
}

describe('arping: parser', () => {
  it.each([
    ['arping -U -c 3 -I eth0 -s 192.168.1.100 192.168.1.100', { unsolicited: true, advert: false, count: 3, dev: 'eth0', source: ip(VIP), dst: ip(VIP), interval: 1, deadline: 0 }],
    ['arping -A -c2 -Ieth0 192.168.1.100', { unsolicited: true, advert: true, count: 2, dev: 'eth0' }],
    ['arping -UAq -w 5 192.168.1.1', { unsolicited: true, advert: true, quiet: true, deadline: 5 }],
    ['arping -D -c 2 -I eth0 192.168.1.9', { dad: true, quitOnReply: true, count: 2 }],
    ['arping -b -f -i 2 -c 4 -I eth0 192.168.1.1', { broadcastOnly: true, quitOnReply: true, interval: 2, count: 4 }],
    ['arping 192.168.1.1 -c 1', { dst: ip('192.168.1.1'), count: 1 }],
    ['/usr/sbin/arping -c 1 -- 192.168.1.1', { dst: ip('192.168.1.1') }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('the interface of -I is checked against the host like every dev reference', () => {
    expect(parse('arping -c 1 -I eth0 192.168.1.1').devRefs).toEqual([{ name: 'eth0', offset: 15 }]);
    expect(parse('arping -c 1 -Ieth1 192.168.1.1').devRefs).toEqual([{ name: 'eth1', offset: 14 }]);
  });

  it.each([
    ['arping -x -c 1 192.168.1.1', 8, 1, "arping: invalid option -- 'x'"],
    ['arping -Ux -c 1 192.168.1.1', 9, 1, "arping: invalid option -- 'x'"],
    ['arping -c 0 192.168.1.1', 10, 1, "arping: invalid argument: '0' (-c takes a whole number from 1 to 2147483647)"],
    ['arping -c1 -w x 192.168.1.1', 14, 1, "arping: invalid argument: 'x'"],
    ['arping -c 1 -i 0 192.168.1.1', 15, 1, 'arping: -i 0 disarms'],
    ['arping -c 1 -s 192.168.1 192.168.1.1', 15, 9, 'arping: invalid source 192.168.1'],
    ['arping -c 1 -I bad/name 192.168.1.1', 15, 8, "'bad/name' is not an interface name"],
    ['arping -c 1 www.example.com', 12, 15, 'arping: www.example.com: not an IPv4 address'],
    ['arping -c 1 192.168.1.1 192.168.1.2', 24, 11, "one destination only: unexpected '192.168.1.2'"],
    ['arping -c 1', 0, 6, 'arping: a destination address is needed'],
    ['arping -c', 8, 1, "arping: option requires an argument -- 'c'"],
    ['arping -V', 8, 1, 'arping: option not modelled: -V'],
    ['arping -U -I eth0 192.168.1.100', 0, 6, 'arping without -c COUNT or -w DEADLINE runs until it is interrupted'],
  ])('%s', (text, col, length, message) => {
    const e = parseError(text);
    expect([e.col, e.length]).toEqual([col, length]);
    expect(e.text).toContain(message);
  });
});

describe('arping: start-up', () => {
  it('refuses what iputils refuses, with its words and exit status', () => {
    const { attacker } = lanLab();
    let r = run1(attacker, 'arping -c 1 -I eth9 192.168.1.1');
    expect([r.exitCode, r.output, r.error?.offset]).toEqual([2, 'arping: Device eth9 not available.\n', 15]);
    r = run1(attacker, 'arping -c 1 -I lo 192.168.1.1');
    expect([r.exitCode, r.output]).toEqual([2, 'Interface "lo" is not ARPable\n']);
    // -U binds a socket to the target itself: an address the host does not own is refused.
    r = run1(attacker, `arping -U -c 3 -I eth0 ${VIP}`);
    expect([r.exitCode, r.output, r.error?.offset]).toEqual([2, 'arping: bind: Cannot assign requested address\n', 23]);
    r = run1(attacker, `arping -U -c 3 -I eth0 -s ${VIP} ${VIP}`);
    expect([r.exitCode, r.output, r.error?.offset]).toEqual([2, 'arping: bind: Cannot assign requested address\n', 26]);
    // ... unless ip_nonlocal_bind lets any address be bound.
    attacker.sysctlSet('net.ipv4.ip_nonlocal_bind', 1);
    r = run1(attacker, `arping -U -c 3 -I eth0 ${VIP}`);
    expect([r.exitCode, r.output]).toEqual([0, `ARPING ${VIP} from ${VIP} eth0\n`]);
  });

  it('without -I the device is the route’s; without -s the source is the one connect() picks', () => {
    const { attacker } = lanLab();
    expect(run1(attacker, 'arping -c 1 192.168.1.1').output).toBe('ARPING 192.168.1.1 from 192.168.1.66 eth0\n');
    expect(run1(attacker, 'arping -q -c 1 192.168.1.1').output).toBe('');
    expect(run1(attacker, 'arping -D -c 1 -I eth0 192.168.1.9').output).toBe('ARPING 192.168.1.9 from 0.0.0.0 eth0\n');
    const r = run1(attacker, 'arping -c 1 10.9.9.9');
    expect([r.exitCode, r.output]).toEqual([1, 'arping: NETLINK_ROUTE unexpected iov element\n']);
  });
});

describe('arping: frames and output over virtual time', () => {
  it('-U -c 3: three broadcast gratuitous requests one second apart, then the summary', () => {
    const { lab, attacker, events } = lanLab();
    attacker.addAddress('eth0', ip(VIP), 32);
    runAt(lab, attacker, 10 * MS, `arping -U -c 3 -I eth0 ${VIP}`);
    lab.run({ until: 10 * SEC });
    const tx = txArp(events, 'attacker');
    expect(tx.map((f) => f.t)).toEqual([10 * MS, 1 * SEC + 10 * MS, 2 * SEC + 10 * MS]);
    for (const f of tx) {
      expect(f.dst).toBe(MAC_BROADCAST);
      expect(f.arp).toEqual({ layer: 'arp', oper: ARP_REQUEST, sha: attacker.ifaceMac('eth0'), spa: ip(VIP), tha: MAC_BROADCAST, tpa: ip(VIP) });
    }
    const c = cmds(events, 'attacker');
    expect(c.map((e) => [e.t, e.output, e.exitCode])).toEqual([
      [10 * MS, `ARPING ${VIP} from ${VIP} eth0\n`, 0],
      [2 * SEC + 10 * MS, lines('Sent 3 probes (3 broadcast(s))', 'Received 0 response(s)'), 0],
    ]);
    // The real owner of the VIP neither answers nor learns: the sender address is its own (martian).
    expect(txArp(events, 'director')).toEqual([]);
    expect(txArp(events, 'router')).toEqual([]);
  });

  it('-A: gratuitous replies, broadcast, target MAC = sender MAC', () => {
    const { lab, attacker, events } = lanLab();
    attacker.addAddress('eth0', ip(VIP), 32);
    runAt(lab, attacker, 0, `arping -A -c 2 -I eth0 ${VIP}`);
    lab.run({ until: 5 * SEC });
    const tx = txArp(events, 'attacker');
    expect(tx).toHaveLength(2);
    const mac = attacker.ifaceMac('eth0');
    expect(tx[0]).toEqual({ t: 0, dst: MAC_BROADCAST, arp: { layer: 'arp', oper: ARP_REPLY, sha: mac, spa: ip(VIP), tha: mac, tpa: ip(VIP) } });
  });

  it('a plain request collects the replies: the first probe broadcast, the next ones unicast', () => {
    const { lab, attacker, router, events } = lanLab();
    runAt(lab, attacker, 0, 'arping -c 3 -I eth0 192.168.1.1');
    lab.run({ until: 10 * SEC });
    const tx = txArp(events, 'attacker');
    const rmac = router.ifaceMac('eth0') as number;
    expect(tx.map((f) => [f.t, f.dst, f.arp.tha])).toEqual([
      [0, MAC_BROADCAST, MAC_BROADCAST],
      [1 * SEC, rmac, rmac],
      [2 * SEC, rmac, rmac],
    ]);
    const c = cmds(events, 'attacker');
    // 50 µs each way: 100 µs, which iputils prints as "0.600ms" ((µs + 500) mod 1000).
    const reply = 'Unicast reply from 192.168.1.1 [02:00:00:00:01:01]  0.600ms';
    expect(c.map((e) => [e.t, e.output, e.exitCode])).toEqual([
      [0, 'ARPING 192.168.1.1 from 192.168.1.66 eth0\n', 0],
      [3 * SEC, lines(reply, reply, reply, 'Sent 3 probes (1 broadcast(s))', 'Received 3 response(s)'), 0],
    ]);
  });

  it('-w ends the run; without replies the exit status is 1; -f stops at the first reply', () => {
    const { lab, attacker, events } = lanLab();
    runAt(lab, attacker, 0, 'arping -w 2 -I eth0 192.168.1.77');
    runAt(lab, attacker, 5 * SEC, 'arping -f -c 5 -I eth0 192.168.1.1');
    lab.run({ until: 20 * SEC });
    const tx = txArp(events, 'attacker');
    // Probes at 0, 1 and 2 s: the send timer expires just before the deadline timer.
    expect(tx.filter((f) => f.arp.tpa === ip('192.168.1.77')).map((f) => f.t)).toEqual([0, 1 * SEC, 2 * SEC]);
    expect(tx.filter((f) => f.arp.tpa === ip('192.168.1.1'))).toHaveLength(1);
    const c = cmds(events, 'attacker');
    expect(c.map((e) => [e.t, e.exitCode, e.output.split('\n').slice(-3).join('|')])).toEqual([
      [0, 0, 'ARPING 192.168.1.77 from 192.168.1.66 eth0|'],
      [2 * SEC, 1, 'Sent 3 probes (3 broadcast(s))|Received 0 response(s)|'],
      [5 * SEC, 0, 'ARPING 192.168.1.1 from 192.168.1.66 eth0|'],
      [5 * SEC + 100_000, 0, 'Sent 1 probes (1 broadcast(s))|Received 1 response(s)|'],
    ]);
  });

  it('the final output carries the tag of a checkpoint expectation, so the checker sees all of it', () => {
    const { lab, attacker, events } = lanLab();
    const parsed = parseScript('arping -c 1 -I eth0 192.168.1.1');
    lab.sim.at(0, () => runScript(attacker, parsed.script, new IpvsHosts(), { checkpoint: 2, index: 1 }));
    lab.run({ until: 5 * SEC });
    const c = cmds(events, 'attacker');
    expect(c).toHaveLength(2);
    expect(c.map((e) => e.expect)).toEqual([{ checkpoint: 2, index: 1 }, { checkpoint: 2, index: 1 }]);
  });
});

describe('arping: what a gratuitous ARP does to a neighbour (net/ipv4/arp.c arp_process)', () => {
  const neighOf = (h: Host): { state: string; mac: number | undefined } | undefined => {
    const n = h.device('eth0')?.neigh.lookup(ip(VIP));
    return n === undefined ? undefined : { state: n.state, mac: n.mac };
  };

  it('an existing entry takes the new MAC at once, even within locktime', () => {
    const { lab, router, director, attacker } = lanLab();
    attacker.addAddress('eth0', ip(VIP), 32);
    const dmac = director.ifaceMac('eth0') as number;
    runAt(lab, router, 0, `ip neigh replace ${VIP} lladdr 02:00:00:00:02:01 dev eth0 nud reachable`);
    runAt(lab, attacker, 100 * MS, `arping -U -c 1 -I eth0 ${VIP}`);
    lab.run({ until: 50 * MS });
    expect(neighOf(router)).toEqual({ state: 'REACHABLE', mac: dmac });
    lab.run({ until: 200 * MS });
    expect(neighOf(router)).toEqual({ state: 'STALE', mac: attacker.ifaceMac('eth0') });
  });

  it('no entry and arp_accept=0: nothing is created; arp_accept=1: a STALE entry is', () => {
    for (const accept of [0, 1]) {
      const { lab, router, attacker } = lanLab();
      attacker.addAddress('eth0', ip(VIP), 32);
      router.sysctlSet('net.ipv4.conf.all.arp_accept', accept);
      runAt(lab, attacker, 0, `arping -U -c 1 -I eth0 ${VIP}`);
      lab.run({ until: 1 * SEC });
      expect(neighOf(router)).toEqual(accept === 0 ? undefined : { state: 'STALE', mac: attacker.ifaceMac('eth0') });
    }
  });

  it('a non-gratuitous ARP from the VIP changes the MAC only once locktime (1 s) has passed', () => {
    for (const [at, moved] of [[500 * MS, false], [1500 * MS, true]] as const) {
      const { lab, router, director, attacker } = lanLab();
      attacker.addAddress('eth0', ip(VIP), 32);
      runAt(lab, router, 0, `ip neigh replace ${VIP} lladdr ${'02:00:00:00:02:01'} dev eth0 nud reachable`);
      // A request for a third address (sip = VIP, tip = .77): not a GARP, so locktime applies.
      runAt(lab, attacker, at, `arping -c 1 -s ${VIP} -I eth0 192.168.1.77`);
      lab.run({ until: at + 10 * MS });
      expect(neighOf(router)?.mac).toBe(moved ? attacker.ifaceMac('eth0') : director.ifaceMac('eth0'));
    }
  });

  it('drop_gratuitous_arp stops a GARP, but not a request for the router itself with sender IP = VIP', () => {
    const { lab, router, director, attacker } = lanLab();
    attacker.addAddress('eth0', ip(VIP), 32);
    router.sysctlSet('net.ipv4.conf.eth0.drop_gratuitous_arp', 1);
    runAt(lab, router, 0, `ip neigh replace ${VIP} lladdr 02:00:00:00:02:01 dev eth0 nud reachable`);
    runAt(lab, attacker, 100 * MS, `arping -U -c 1 -I eth0 ${VIP}`);
    lab.run({ until: 200 * MS });
    expect(neighOf(router)?.mac).toBe(director.ifaceMac('eth0'));
    // neigh_event_ns overrides the cached MAC, locktime or not.
    runAt(lab, attacker, 300 * MS, `arping -c 1 -s ${VIP} -I eth0 192.168.1.1`);
    lab.run({ until: 400 * MS });
    expect(neighOf(router)).toEqual({ state: 'STALE', mac: attacker.ifaceMac('eth0') });
  });

  it('a PERMANENT entry (arp -s) does not move', () => {
    const { lab, router, director, attacker } = lanLab();
    attacker.addAddress('eth0', ip(VIP), 32);
    runAt(lab, router, 0, `arp -s ${VIP} 02:00:00:00:02:01`);
    runAt(lab, attacker, 2 * SEC, `arping -U -c 3 -I eth0 ${VIP}`);
    lab.run({ until: 10 * SEC });
    expect(neighOf(router)).toEqual({ state: 'PERMANENT', mac: director.ifaceMac('eth0') });
  });
});
