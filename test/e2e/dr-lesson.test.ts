/**
 * The lesson of the first lab, checked on the trace itself: the DR director re-sends each client
 * packet with only the MAC addresses changed and the TTL decremented; the real servers answer the
 * client directly from the VIP; rr alternates, starting with the server added last.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './helpers.js';
import { runScenario } from '../../src/scenarios/run.js';
import type { TraceEvent, TxEvent, RxEvent } from '../../src/trace/events.js';
import { formatIp4, parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';

const VIP = parseIp4('192.168.1.100') as number;

function run(): { events: readonly TraceEvent[]; mac: (h: string, iface?: string) => number } {
  const loaded = loadBuiltin('dr-basic');
  const r = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error('run failed');
  return { events: r.trace.events, mac: (h, iface = 'eth0') => r.built.lab.host(h)?.ifaceMac(iface) as number };
}

describe('dr-basic: what the student must see', () => {
  const { events, mac } = run();
  const rxDirector = events.filter((e): e is RxEvent => e.kind === 'rx' && e.host === 'director' && e.frame.payload.layer === 'ipv4');
  const txDirector = events.filter((e): e is TxEvent => e.kind === 'tx' && e.host === 'director' && e.frame.payload.layer === 'ipv4');

  it('every packet the director forwards keeps its IP header but the TTL, and gets a real server MAC', () => {
    expect(txDirector.length).toBeGreaterThan(20);
    for (const tx of txDirector) {
      const rx = rxDirector.find((e) => e.pkt === tx.pkt);
      expect(rx, `pkt ${tx.pkt} was received first`).toBeDefined();
      const before = rx?.frame.payload as Ipv4Packet;
      const after = tx.frame.payload as Ipv4Packet;
      expect(after.dst).toBe(VIP);
      expect({ ...after, ttl: 0 }).toEqual({ ...before, ttl: 0 });
      expect(after.ttl).toBe(before.ttl - 1);
      expect(tx.frame.src).toBe(mac('director'));
      expect([mac('rs1'), mac('rs2')]).toContain(tx.frame.dst);
    }
  });

  it('rr sends the first connection to rs2 (added last, so first in the kernel list), then alternates', () => {
    const picks = events.filter((e) => e.kind === 'ipvs.sched').map((e) => (e.kind === 'ipvs.sched' && e.dest !== undefined ? formatIp4(e.dest.daddr) : 'none'));
    expect(picks).toEqual(['192.168.1.12', '192.168.1.11', '192.168.1.12', '192.168.1.11']);
  });

  it('replies leave the real servers from the VIP straight to the router, never through the director', () => {
    const replies = events.filter((e): e is TxEvent => e.kind === 'tx' && (e.host === 'rs1' || e.host === 'rs2') && e.frame.payload.layer === 'ipv4');
    expect(replies.length).toBeGreaterThan(20);
    for (const r of replies) {
      expect((r.frame.payload as Ipv4Packet).src).toBe(VIP);
      expect(r.frame.dst).toBe(mac('router', 'eth1'));
    }
    expect(rxDirector.every((e) => (e.frame.payload as Ipv4Packet).src !== VIP)).toBe(true);
  });

  it('no real server answers the router ARP for the VIP (arp_ignore=1), the director does', () => {
    const arpReplies = events.filter((e): e is TxEvent => e.kind === 'tx' && e.frame.payload.layer === 'arp' && e.frame.payload.oper === 2 && e.frame.payload.spa === VIP);
    expect(arpReplies.map((e) => e.host)).toEqual(['director']);
  });

  it('all four HTTP responses arrive complete', () => {
    const done = events.filter((e) => e.kind === 'app' && e.host === 'client' && e.msg.id === 'app.http.response');
    expect(done).toHaveLength(4);
  });
});
