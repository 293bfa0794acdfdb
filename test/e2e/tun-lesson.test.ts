/**
 * The lessons of the two LVS-TUN labs, checked on the trace itself: the director's outer header
 * (protocol 4, its own address to the real server, TTL and DF from the inner packet), replies from
 * the VIP that never pass the director, and the rp_filter drop on tunl0 with its explanation.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './helpers.js';
import { runScenario } from '../../src/scenarios/run.js';
import type { DropEvent, RxEvent, TraceEvent, TxEvent } from '../../src/trace/events.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { render } from '../../src/i18n/index.js';

const VIP = parseIp4('192.168.1.100') as number;
const DIP = parseIp4('192.168.1.5') as number;
const CLIENT = parseIp4('203.0.113.10') as number;

function run(name: string): readonly TraceEvent[] {
  const r = runScenario(loadBuiltin(name), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error('run failed');
  return r.trace.events;
}

describe('tun-basic: what the student must see', () => {
  const events = run('tun-basic');
  const rxDirector = events.filter((e): e is RxEvent => e.kind === 'rx' && e.host === 'director' && e.frame.payload.layer === 'ipv4');
  const txDirector = events.filter((e): e is TxEvent => e.kind === 'tx' && e.host === 'director' && e.frame.payload.layer === 'ipv4');

  it('every packet the director sends is the received packet (TTL − 1) inside an IPIP header from 192.168.1.5', () => {
    expect(txDirector.length).toBeGreaterThan(20);
    for (const tx of txDirector) {
      const rx = rxDirector.find((e) => e.pkt === tx.pkt);
      const before = rx?.frame.payload as Ipv4Packet;
      const outer = tx.frame.payload as Ipv4Packet;
      expect(outer.protocol).toBe(4);
      expect(outer.src).toBe(DIP);
      expect(outer.payload).toEqual({ ...before, ttl: before.ttl - 1 });
      expect(outer.ttl).toBe(before.ttl - 1);
      expect(outer.df).toBe(before.df);
      expect(outer.tos).toBe(before.tos);
      expect(outer.id).toBe(before.df ? 0 : outer.id);
    }
  });

  it('the real servers decapsulate on tunl0 and answer from the VIP, never through the director', () => {
    for (const rs of ['rs1', 'rs2']) {
      expect(events.some((e) => e.kind === 'route' && e.host === rs && e.msg.params?.['iface'] === 'tunl0')).toBe(true);
      const replies = events.filter((e): e is TxEvent => e.kind === 'tx' && e.host === rs && e.frame.payload.layer === 'ipv4');
      expect(replies.length).toBeGreaterThan(5);
      for (const r of replies) {
        const p = r.frame.payload as Ipv4Packet;
        expect(p.src).toBe(VIP);
        expect(p.protocol).toBe(6);
      }
    }
    // The only drops are ARP requests for the VIP that rs1 ignores (arp_ignore = 1): no IP packet is lost.
    const drops = events.filter((e): e is DropEvent => e.kind === 'drop');
    expect(drops.filter((d) => d.packet.layer !== 'eth' || d.packet.payload.layer !== 'arp')).toEqual([]);
    expect(new Set(drops.map((d) => d.msg.id))).toEqual(new Set(['arp.ignore.notOnIface']));
  });
});

describe('tun-rp-filter: the drop the student must see', () => {
  const events = run('tun-rp-filter');
  const drops = events.filter((e): e is DropEvent => e.kind === 'drop' && e.host === 'rs');

  it('the first SYN and the first retransmission die on rs by rp_filter on tunl0, with the reason spelled out', () => {
    const rp = drops.filter((d) => d.msg.id === 'ip.drop.rpFilter.tunnel');
    expect(rp).toHaveLength(2);
    for (const d of rp) {
      const p = d.packet as Ipv4Packet;
      expect(p.src).toBe(CLIENT);
      expect(p.dst).toBe(VIP);
      expect(d.msg.params).toMatchObject({ iface: 'tunl0', routeIface: 'eth0', value: 1, mode: { id: 'ip.rpFilter.mode.strict' } });
    }
    const text = render(rp[0]?.msg ?? { id: '' });
    expect(text).toContain('tunl0');
    expect(text).toContain('eth0');
    expect(text).toContain('AND on all');
    expect(drops.filter((d) => d.msg.id !== 'ip.drop.rpFilter.tunnel')).toEqual([]);
  });

  it('after rp_filter 0 on tunl0 as well, the connection completes', () => {
    const synAck = events.find(
      (e): e is TxEvent => e.kind === 'tx' && e.host === 'rs' && e.frame.payload.layer === 'ipv4' && (e.frame.payload.payload as { flags?: number }).flags === 0x12,
    );
    expect(synAck).toBeDefined();
    expect(synAck?.t).toBeGreaterThan(2_000_000_000);
  });
});
