/**
 * The lessons of the NAT labs, checked on the trace: in nat-portmap every request the director
 * sends to the LAN goes to RS:8080 and every reply it sends to the client comes from VIP:80, and
 * all responses arrive; in nat-wrong-gateway the SYN-ACK reaches the client from the real server's
 * own address and the client's TCP answers it with a RST, so the request never completes.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './helpers.js';
import { runScenario } from '../../src/scenarios/run.js';
import type { TraceEvent, TxEvent } from '../../src/trace/events.js';
import { parseIp4 } from '../../src/net/wire/addr.js';
import type { Ipv4Packet, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';

const VIP = parseIp4('203.0.113.100') as number;
const CLIENT = parseIp4('203.0.113.10') as number;
const RS1 = parseIp4('10.0.0.11') as number;

function events(name: string): readonly TraceEvent[] {
  const r = runScenario(loadBuiltin(name), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error('run failed');
  return r.trace.events;
}

function tcpTx(evs: readonly TraceEvent[], host: string, iface?: string): { ip: Ipv4Packet; tcp: TcpSegment }[] {
  return evs
    .filter((e): e is TxEvent => e.kind === 'tx' && e.host === host && (iface === undefined || e.iface === iface))
    .flatMap((e) => {
      const ip = e.frame.payload;
      return ip.layer === 'ipv4' && ip.payload.layer === 'tcp' ? [{ ip, tcp: ip.payload }] : [];
    });
}

describe('nat-portmap: what the student must see', () => {
  const evs = events('nat-portmap');

  it('toward the real servers: destination RS:8080, source the client; toward the client: source VIP:80', () => {
    const toLan = tcpTx(evs, 'director', 'eth1');
    const toClient = tcpTx(evs, 'director', 'eth0');
    expect(toLan.length).toBeGreaterThan(20);
    expect(toClient.length).toBeGreaterThan(20);
    for (const { ip, tcp } of toLan) expect([ip.src, tcp.dport]).toEqual([CLIENT, 8080]);
    for (const { ip, tcp } of toClient) expect([ip.src, tcp.sport, ip.dst]).toEqual([VIP, 80, CLIENT]);
  });

  it('all four HTTP responses arrive complete', () => {
    expect(evs.filter((e) => e.kind === 'app' && e.host === 'client' && e.msg.id === 'app.http.response')).toHaveLength(4);
  });
});

describe('nat-wrong-gateway: the reply goes around the director and the client resets it', () => {
  const evs = events('nat-wrong-gateway');

  it('the client receives SYN-ACKs from 10.0.0.11:8080 and answers each with a RST (seq = its ack)', () => {
    const synacks = tcpTx(evs, 'router', 'eth0').filter(({ tcp }) => tcp.flags === (TCP_SYN | TCP_ACK));
    const rsts = tcpTx(evs, 'client').filter(({ tcp }) => (tcp.flags & TCP_RST) !== 0);
    expect(synacks.length).toBeGreaterThan(0);
    expect(synacks.every(({ ip, tcp }) => ip.src === RS1 && tcp.sport === 8080)).toBe(true);
    expect(rsts).toHaveLength(synacks.length);
    rsts.forEach(({ ip, tcp }, i) => {
      expect([ip.dst, tcp.dport, tcp.flags]).toEqual([RS1, 8080, TCP_RST]);
      expect(tcp.seq).toBe(synacks[i]?.tcp.ack);
    });
  });

  it('nothing ever leaves the director from VIP:80, and the request never completes', () => {
    expect(tcpTx(evs, 'director', 'eth0')).toEqual([]);
    expect(evs.filter((e) => e.kind === 'app' && e.host === 'client' && e.msg.id === 'app.http.response')).toEqual([]);
  });
});
