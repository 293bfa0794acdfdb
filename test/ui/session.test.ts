/** The lab session: what-if re-runs keep the past byte-identical and change only the future. */
import { describe, expect, it } from 'vitest';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { IPPROTO_TCP, TCP_ACK, TCP_SYN } from '../../src/net/wire/packet.js';
import { eventJsonLine } from '../../src/trace/json.js';
import type { Trace } from '../../src/trace/trace.js';
import type { WhatIf } from '../../src/ui/session.js';
import { labSession } from './fixture.js';

const VIP = parseIp4('192.168.1.100');

function lines(trace: Trace, from = 0, to = trace.events.length): string[] {
  return trace.events.slice(from, to).map(eventJsonLine);
}

/** The MAC of a host's interface, from the trace's topology. */
function macOf(trace: Trace, host: string, iface: string): number {
  const h = trace.meta.topology?.find((x) => x.name === host);
  const mac = h?.ifaces.find((i) => i.name === iface)?.mac;
  if (mac === undefined) throw new Error(`${host}/${iface} has no MAC`);
  return mac;
}

/** The router's frames carrying a new connection's SYN to the VIP, sent after `afterNs`. */
function routerSyns(trace: Trace, afterNs: number): EthernetFrame[] {
  const out: EthernetFrame[] = [];
  for (const e of trace.events) {
    if (e.kind !== 'tx' || e.host !== 'router' || e.t <= afterNs) continue;
    const p = e.frame.payload;
    if (typeof p !== 'object' || !('layer' in p) || p.layer !== 'ipv4' || p.dst !== VIP || p.protocol !== IPPROTO_TCP) continue;
    const tcp = p.payload;
    if ('layer' in tcp && tcp.layer === 'tcp' && (tcp.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) out.push(e.frame);
  }
  return out;
}

describe('createSession', () => {
  it('lists the quizzes by checkpoint index and the hosts in the scenario order', () => {
    const s = labSession('dr-arp-trap');
    expect([...s.quizzes.keys()]).toEqual([0, 1, 2]);
    expect(s.hosts).toEqual(['client', 'router', 'rs1', 'director', 'rs2']);
  });

  it('checks a typed command: a problem with its offset, or none', () => {
    const s = labSession('dr-basic');
    expect(s.checkCommand('sysctl -w net.ipv4.conf.all.arp_ignore=0')).toBeUndefined();
    expect(s.checkCommand('ipvsadm -e -t 192.168.1.100:80 -r 192.168.1.11 -g -w 0')).toBeUndefined();
    expect(s.checkCommand('   ')).toMatchObject({ offset: 0 });
    const bad = s.checkCommand('ip link set eth0 down; frobnicate now');
    expect(bad).toBeDefined();
    expect(bad?.offset).toBe('ip link set eth0 down; '.length);
    expect(bad?.message).not.toBe('');
  });

  it('rerun([]) gives the original trace, event for event', () => {
    const s = labSession('dr-basic');
    const r = s.rerun([]);
    if (!r.ok) throw new Error(r.message);
    expect(lines(r.trace)).toEqual(lines(s.trace));
  });

  it('a what-if keeps every event up to the moment it was typed, then runs the command just after', () => {
    const s = labSession('dr-arp-trap');
    const step = s.trace.events.findIndex((e) => e.kind === 'checkpoint' && e.index === 1);
    const at = s.trace.events[step]!.t;
    expect(at).toBe(4_200_000_000);
    const w: WhatIf = { host: 'rs1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0', afterNs: at };
    const r = s.rerun([w]);
    if (!r.ok) throw new Error(r.message);
    // byte-identical up to and including the current step, and all of the same moment after it
    expect(lines(r.trace, 0, step + 1)).toEqual(lines(s.trace, 0, step + 1));
    const firstAfter = r.trace.events.findIndex((e) => e.t > at);
    expect(lines(r.trace, 0, firstAfter)).toEqual(lines(s.trace, 0, firstAfter));
    const cmd = r.trace.events[firstAfter];
    expect(cmd).toMatchObject({ kind: 'cmd', host: 'rs1', t: at + 1, line: w.line, exitCode: 0 });
  });

  it('what if rs1 answered ARP again (arp_ignore=0) at 4.2 s: the third round bypasses the director for rs1', () => {
    const s = labSession('dr-arp-trap');
    const rs1 = macOf(s.trace, 'rs1', 'eth0');
    const director = macOf(s.trace, 'director', 'eth0');
    const third = 4_600_000_000;
    // as written: the four new connections of the third round all reach the director
    const before = routerSyns(s.trace, third);
    expect(before.map((f) => f.dst)).toEqual([director, director, director, director]);

    const r = s.rerun([{ host: 'rs1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0', afterNs: 4_200_000_000 }]);
    if (!r.ok) throw new Error(r.message);
    const after = routerSyns(r.trace, third);
    expect(after.map((f) => f.dst)).toEqual([rs1, rs1, rs1, rs1]);
    // the director sends nothing to a real server after 4.6 s: it is out of the path
    const forwarded = r.trace.events.filter((e) => e.kind === 'ipvs.xmit' && e.t > third);
    expect(forwarded).toEqual([]);
  });

  it('a what-if that does not parse is refused with the parser message', () => {
    const r = labSession('dr-basic').rerun([{ host: 'rs1', line: 'frobnicate', afterNs: 0 }]);
    expect(r.ok).toBe(false);
  });

  it('a what-if at the end of a lab with `until` is refused: it would never run', () => {
    const s = labSession('keepalived-failover');
    const r = s.rerun([{ host: 'lb1', line: 'ip link set eth0 down', afterNs: 25_000_000_000 }]);
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.message).toMatch(/until/);
    // one nanosecond earlier it runs
    expect(s.rerun([{ host: 'lb1', line: 'ip link set eth0 down', afterNs: 25_000_000_000 - 2 }]).ok).toBe(true);
  });
});
