import { describe, expect, it } from 'vitest';
import { newLab, segment, hostOn, ip, must, addCidr, ping } from './helpers.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { SEC, MS } from '../../src/net/types.js';
import { hasMessage } from '../../src/i18n/index.js';

/** A small routed network exercising ARP timers, forwarding, ICMP errors and failures. */
function run(seed: number): TraceEvent[] {
  const { lab, rec } = newLab(seed);
  segment(lab, 'internet');
  segment(lab, 'lan');
  const client = hostOn(lab, 'client', 'internet', '203.0.113.10/24');
  must(client.addRoute({ dst: 0, prefixLen: 0, via: ip('203.0.113.1') }));
  const router = hostOn(lab, 'router', 'internet', '203.0.113.1/24');
  must(router.addInterface({ name: 'eth1', segment: 'lan' }));
  addCidr(router, 'eth1', '192.168.1.1/24');
  must(router.sysctlSet('net.ipv4.ip_forward', 1));
  const rs = hostOn(lab, 'rs', 'lan', '192.168.1.11/24');
  must(rs.addRoute({ dst: 0, prefixLen: 0, via: ip('192.168.1.1') }));
  addCidr(rs, 'lo', '192.168.1.100/32', { label: 'lo:0' });
  must(rs.sysctlSet('net.ipv4.conf.all.arp_ignore', 1));
  for (let i = 0; i < 5; i++) lab.sim.at(i * 20 * SEC, () => ping(client, ip('192.168.1.11'), i + 1));
  lab.sim.at(3 * SEC, () => ping(client, ip('192.168.1.99')));
  lab.sim.at(4 * SEC, () => ping(client, ip('192.168.1.11'), 9, 0, 1));
  lab.sim.at(5 * SEC, () => ping(router, ip('192.168.1.100')));
  const r = lab.run({ until: 200 * SEC });
  expect(r.reason).toBe('idle');
  return rec.events;
}

describe('determinism', () => {
  it('gives an identical event sequence for the same seed', () => {
    const a = run(7);
    const b = run(7);
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  it('changes the timing of seed-dependent events with another seed', () => {
    const stale = (evs: TraceEvent[]): number[] => evs.filter((e) => e.kind === 'neigh' && e.state === 'STALE').map((e) => e.t);
    expect(stale(run(7))).not.toEqual(stale(run(8)));
  });

  it('explains every event of the net layer with a message the catalog knows', () => {
    const ids = new Set(run(3).map((e) => e.msg.id));
    for (const id of ids) expect([id, hasMessage(id)]).toEqual([id, true]);
    expect(ids.has('arp.ignore.notOnIface')).toBe(true);
    expect(ids.has('neigh.failed')).toBe(true);
    expect(ids.has('ip.drop.ttlExceeded')).toBe(true);
  });
});

describe('runaway protection', () => {
  it('a forwarding loop between two routers ends by TTL, and the event budget stops an endless run', () => {
    const { lab, rec } = newLab();
    segment(lab, 'lan');
    const r1 = hostOn(lab, 'r1', 'lan', '10.0.0.1/24');
    const r2 = hostOn(lab, 'r2', 'lan', '10.0.0.2/24');
    for (const r of [r1, r2]) must(r.sysctlSet('net.ipv4.ip_forward', 1));
    must(r1.addRoute({ dst: ip('198.51.100.0'), prefixLen: 24, via: ip('10.0.0.2') }));
    must(r2.addRoute({ dst: ip('198.51.100.0'), prefixLen: 24, via: ip('10.0.0.1') }));
    const h = hostOn(lab, 'h', 'lan', '10.0.0.3/24');
    must(h.addRoute({ dst: 0, prefixLen: 0, via: ip('10.0.0.1') }));
    ping(h, ip('198.51.100.7'));
    const res = lab.run({ until: 1 * SEC });
    expect(res.reason).not.toBe('budget');
    expect(rec.of('drop').filter((e) => e.msg.id === 'ip.drop.ttlExceeded')).toHaveLength(1);
    // 64 hops: the request crossed the segment 64 times before a router found TTL 1.
    expect(rec.of('tx').filter((e) => e.pkt === 1)).toHaveLength(64);
    // With a tiny budget the same loop stops with reason 'budget'.
    const again = newLab();
    segment(again.lab, 'lan');
    const a1 = hostOn(again.lab, 'r1', 'lan', '10.0.0.1/24');
    const a2 = hostOn(again.lab, 'r2', 'lan', '10.0.0.2/24');
    for (const r of [a1, a2]) must(r.sysctlSet('net.ipv4.ip_forward', 1));
    must(a1.addRoute({ dst: ip('198.51.100.0'), prefixLen: 24, via: ip('10.0.0.2') }));
    must(a2.addRoute({ dst: ip('198.51.100.0'), prefixLen: 24, via: ip('10.0.0.1') }));
    const h2 = hostOn(again.lab, 'h', 'lan', '10.0.0.3/24');
    must(h2.addRoute({ dst: 0, prefixLen: 0, via: ip('10.0.0.1') }));
    ping(h2, ip('198.51.100.7'));
    expect(again.lab.run({ until: 10 * MS, maxEvents: 20 }).reason).toBe('budget');
  });
});
