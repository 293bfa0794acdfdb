/**
 * FULLNAT (alibaba/LVS, reference §4): both rewrites, local port allocation with collisions and
 * exhaustion, the TOA bytes, timestamp removal, the sequence delta both ways and the MSS clamp.
 */
import { describe, expect, it } from 'vitest';
import { attachIpvs, type Ipvs } from '../../src/ipvs/index.js';
import { connSnapshot, type IpvsConn } from '../../src/ipvs/conn.js';
import { laddrList } from '../../src/ipvs/laddr.js';
import { encodeIpv4 } from '../../src/net/wire/frame.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../../src/net/wire/packet.js';
import { TCP_ACK, TCP_SYN } from '../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from './fake-host.js';

const VIP = '203.0.113.100';
const CIP = '203.0.113.10';
const LIP1 = '10.0.0.100';
const LIP2 = '10.0.0.101';

function run(ipvs: Ipvs, line: string): void {
  const r = ipvs.ipvsadm(line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
}

function director(rs: readonly string[] = ['10.0.0.11', '10.0.0.12'], lips: readonly string[] = [LIP1]): { host: FakeHost; ipvs: Ipvs } {
  const host = new FakeHost();
  // The fake host answers 0 for sysctls it does not know; alibaba's FULLNAT switches default to 1.
  for (const e of ['toa', 'timestamp_remove', 'mss_adjust']) host.setSysctl(`fullnat_${e}_entry`, 1);
  for (const a of [VIP, ...lips]) host.local.add(ip(a));
  const ipvs = attachIpvs(host);
  run(ipvs, `-A -t ${VIP}:80 -s rr`);
  for (const r of rs) run(ipvs, `-a -t ${VIP}:80 -r ${r}:8080 -b`);
  for (const l of lips) run(ipvs, `-P -t ${VIP}:80 -z ${l}`);
  return { host, ipvs };
}

const LINUX_SYN_OPTIONS: readonly TcpOption[] = [
  { kind: 'mss', value: 1460 },
  { kind: 'sackPermitted' },
  { kind: 'timestamps', tsval: 123456, tsecr: 0 },
  { kind: 'nop' },
  { kind: 'wscale', shift: 7 },
];

function seg(p: Ipv4Packet): TcpSegment {
  if (p.payload.layer !== 'tcp') throw new Error('not tcp');
  return p.payload;
}

function withTcp(p: Ipv4Packet, patch: Partial<TcpSegment>): Ipv4Packet {
  return { ...p, payload: { ...seg(p), ...patch } };
}

function clientSyn(cport: number, isn = 1000, options: readonly TcpOption[] = LINUX_SYN_OPTIONS): Ipv4Packet {
  return withTcp(tcpPacket(CIP, cport, VIP, 80, TCP_SYN), { seq: isn, options });
}

function onlyConn(ipvs: Ipvs): IpvsConn {
  const all = [...ipvs.state.conns];
  expect(all).toHaveLength(1);
  return all[0] as IpvsConn;
}

describe('FULLNAT inbound: CIP:CPORT → VIP:VPORT becomes LIP:LPORT → RIP:RPORT', () => {
  it('rewrites both ends, removes timestamps, shifts the ISN and puts TOA first', () => {
    const { host, ipvs } = director();
    host.receive(clientSyn(40000));
    expect(host.sent).toHaveLength(1);
    const out = host.sent[0]?.packet as Ipv4Packet;
    const cp = onlyConn(ipvs);
    expect([out.src, out.dst]).toEqual([ip(LIP1), ip('10.0.0.12')]);
    const s = seg(out);
    expect([s.sport, s.dport]).toEqual([5001, 8080]);
    expect([cp.laddr, cp.lport]).toEqual([ip(LIP1), 5001]);
    // The trace's view of the entry carries the local end too (other methods' snapshots do not).
    expect(connSnapshot(cp)).toMatchObject({ fwd: 'fullnat', laddr: ip(LIP1), lport: 5001 });
    expect(cp.fnatSeq).not.toBeNull();
    expect(s.seq).toBe((1000 + (cp.fnatSeq?.delta ?? 0)) >>> 0);
    expect(s.seq).not.toBe(1000);
    const nop: TcpOption = { kind: 'nop' };
    expect(s.options).toEqual([
      { kind: 'toa', port: 40000, addr: ip(CIP) },
      { kind: 'mss', value: 1460 },
      { kind: 'sackPermitted' },
      ...Array.from({ length: 10 }, () => nop),
      nop,
      { kind: 'wscale', shift: 7 },
    ]);
    expect(out.ttl).toBe(64);
  });

  it('the TOA option on the wire: right after the fixed header, fe 08, port then address', () => {
    const { host } = director();
    host.receive(clientSyn(0xabcd));
    const bytes = encodeIpv4(host.sent[0]?.packet as Ipv4Packet);
    const tcp = bytes.subarray(20);
    expect(tcp[12]! >> 4).toBe((20 + 28) / 4);
    expect([...tcp.subarray(20, 28)]).toEqual([0xfe, 0x08, 0xab, 0xcd, 203, 0, 113, 10]);
  });

  it('a SYN with fewer than 8 free option bytes gets no TOA (but still loses its timestamps)', () => {
    const { host } = director();
    const full: TcpOption[] = [{ kind: 'mss', value: 1460 }, { kind: 'timestamps', tsval: 1, tsecr: 0 }, { kind: 'sack', blocks: [[1, 2], [3, 4], [5, 6]] }];
    host.receive(clientSyn(40001, 5, full));
    const s = seg(host.sent[0]?.packet as Ipv4Packet);
    expect(s.options.some((o) => o.kind === 'toa')).toBe(false);
    expect(s.options.some((o) => o.kind === 'timestamps')).toBe(false);
  });
});

describe('FULLNAT outbound and the handshake', () => {
  function handshake(): { host: FakeHost; ipvs: Ipvs; cp: IpvsConn; rsIsn: number } {
    const { host, ipvs } = director();
    host.receive(clientSyn(40000, 1000));
    const cp = onlyConn(ipvs);
    const lanIsn = seg(host.sent[0]?.packet as Ipv4Packet).seq;
    const rsIsn = 777_000;
    const synAck = withTcp(tcpPacket('10.0.0.12', 8080, LIP1, 5001, TCP_SYN | TCP_ACK), {
      seq: rsIsn,
      ack: (lanIsn + 1) >>> 0,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }],
    });
    host.receive(synAck);
    return { host, ipvs, cp, rsIsn };
  }

  it('the RS SYN-ACK leaves as VIP:80 → CIP:CPORT, ack back in the client space, MSS − 8', () => {
    const { host, rsIsn } = handshake();
    expect(host.sent).toHaveLength(2);
    const out = host.sent[1]?.packet as Ipv4Packet;
    expect([out.src, out.dst]).toEqual([ip(VIP), ip(CIP)]);
    const s = seg(out);
    expect([s.sport, s.dport]).toEqual([80, 40000]);
    expect(s.ack).toBe(1001);
    expect(s.seq).toBe(rsIsn);
    expect(s.options[0]).toEqual({ kind: 'mss', value: 1452 });
  });

  it('the handshake-completing ACK (ack = RS ISN + 1) gets TOA; a later one does not; seq + delta', () => {
    const { host, cp, rsIsn } = handshake();
    host.receive(withTcp(tcpPacket(CIP, 40000, VIP, 80, TCP_ACK), { seq: 1001, ack: rsIsn + 1 }));
    const ack = seg(host.sent[2]?.packet as Ipv4Packet);
    expect(ack.options).toEqual([{ kind: 'toa', port: 40000, addr: ip(CIP) }]);
    expect(ack.seq).toBe((1001 + (cp.fnatSeq?.delta ?? 0)) >>> 0);
    host.receive(withTcp(tcpPacket(CIP, 40000, VIP, 80, TCP_ACK), { seq: 1001, ack: rsIsn + 501 }));
    expect(seg(host.sent[3]?.packet as Ipv4Packet).options).toEqual([]);
  });

  it('RS→client SACK blocks lose the delta like the ack number', () => {
    const { host, cp, rsIsn } = handshake();
    const d = cp.fnatSeq?.delta ?? 0;
    const lan = (x: number): number => (x + d) >>> 0;
    host.receive(
      withTcp(tcpPacket('10.0.0.12', 8080, LIP1, 5001, TCP_ACK), { seq: rsIsn + 1, ack: lan(1001), options: [{ kind: 'sack', blocks: [[lan(2001), lan(3001)]] }] }),
    );
    const s = seg(host.sent[2]?.packet as Ipv4Packet);
    expect(s.ack).toBe(1001);
    expect(s.options).toEqual([{ kind: 'sack', blocks: [[2001, 3001]] }]);
  });
});

describe('local address and port allocation (§4.2)', () => {
  it('local addresses round robin per service; each address has its own counter from 5001', () => {
    const { host, ipvs } = director(['10.0.0.11', '10.0.0.12'], [LIP1, LIP2]);
    for (let i = 0; i < 4; i++) host.receive(clientSyn(41000 + i));
    const got = host.sent.map((s) => `${s.packet.src === ip(LIP1) ? 'L1' : 'L2'}:${seg(s.packet).sport}`);
    expect(got).toEqual(['L1:5001', 'L2:5001', 'L1:5002', 'L2:5002']);
    expect([...ipvs.state.conns].map((c) => c.lport)).toEqual([5001, 5001, 5002, 5002]);
  });

  it('a candidate already used towards the same RS is skipped and counted as a conflict', () => {
    const { host, ipvs } = director(['10.0.0.11']);
    host.setSysctl('fullnat_lport_min', 5000);
    host.setSysctl('fullnat_lport_max', 5002);
    host.receive(clientSyn(42000)); // counter 1 → 5001
    host.receive(clientSyn(42001)); // counter 2 → 5002
    host.receive(clientSyn(42002)); // counter 3 → 5000
    host.receive(clientSyn(42003)); // counter 4 → 5001 taken, 5 → 5002 taken, 6 → 5000 taken … exhausted
    const lports = [...ipvs.state.conns].map((c) => c.lport);
    expect(lports).toEqual([5001, 5002, 5000]);
    const local = laddrList(ipvs.state.svcFind(6, ip(VIP), 80)!).entries[0]!;
    expect(local.connCounts).toBe(3);
    expect(local.portConflict).toBe(10000);
  });

  it('exhaustion: "no port available", no entry, the packet dropped, counters untouched', () => {
    const { host, ipvs } = director(['10.0.0.11']);
    host.setSysctl('fullnat_lport_min', 6000);
    host.setSysctl('fullnat_lport_max', 6000);
    host.setSysctl('fullnat_lport_tries', 10);
    host.receive(clientSyn(43000));
    expect(host.sent).toHaveLength(1);
    host.receive(clientSyn(43001));
    expect(host.sent).toHaveLength(1);
    expect(ipvs.state.conns.size).toBe(1);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.fullnat.noPort']);
    expect(host.lastVerdict()).toBe('DROP');
    const dest = ipvs.state.svcFind(6, ip(VIP), 80)!.destinations.toArray()[0]!;
    expect(dest.activeConns + dest.inactConns).toBe(1);
    const local = laddrList(ipvs.state.svcFind(6, ip(VIP), 80)!).entries[0]!;
    expect(local.portConflict).toBe(10);
  });

  it('the same LIP:LPORT may be used towards two different real servers at once', () => {
    const { host, ipvs } = director(['10.0.0.11', '10.0.0.12']);
    host.setSysctl('fullnat_lport_min', 7000);
    host.setSysctl('fullnat_lport_max', 7000);
    host.receive(clientSyn(44000));
    host.receive(clientSyn(44001));
    expect([...ipvs.state.conns].map((c) => `${c.daddr === ip('10.0.0.12') ? 'rs2' : 'rs1'}:${c.lport}`)).toEqual(['rs2:7000', 'rs1:7000']);
  });

  it('no local address configured: the connection cannot be bound', () => {
    const { host, ipvs } = director(['10.0.0.11'], []);
    host.receive(clientSyn(45000));
    expect(host.sent).toHaveLength(0);
    expect(ipvs.state.conns.size).toBe(0);
    expect(host.drops.map((d) => d.reason.id)).toEqual(['ipvs.fullnat.noPort']);
  });

  it('the entry expiring gives its local address back (conn_counts)', () => {
    const { host, ipvs } = director(['10.0.0.11']);
    host.receive(clientSyn(46000));
    const local = laddrList(ipvs.state.svcFind(6, ip(VIP), 80)!).entries[0]!;
    expect(local.connCounts).toBe(1);
    host.sim.runUntil(200 * 1e9);
    expect(ipvs.state.conns.size).toBe(0);
    expect(local.connCounts).toBe(0);
    expect(ipvs.state.conns.fnatOutGet(6, ip('10.0.0.11'), 8080, ip(LIP1), 5001)).toBeNull();
  });
});

describe('the alibaba switches (net.ipv4.vs.fullnat_*_entry)', () => {
  it('toa_entry 0: no TOA; timestamp_remove_entry 0: timestamps kept; mss_adjust_entry 0: MSS kept', () => {
    const { host } = director(['10.0.0.11']);
    for (const e of ['toa', 'timestamp_remove', 'mss_adjust']) host.setSysctl(`fullnat_${e}_entry`, 0);
    host.receive(clientSyn(47000));
    const s = seg(host.sent[0]?.packet as Ipv4Packet);
    expect(s.options).toEqual(LINUX_SYN_OPTIONS);
    host.receive(withTcp(tcpPacket('10.0.0.11', 8080, LIP1, 5001, TCP_SYN | TCP_ACK), { seq: 5, ack: s.seq + 1, options: [{ kind: 'mss', value: 1460 }] }));
    expect(seg(host.sent[1]?.packet as Ipv4Packet).options).toEqual([{ kind: 'mss', value: 1460 }]);
  });
});
