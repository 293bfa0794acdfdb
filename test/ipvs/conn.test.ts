import { describe, expect, it } from 'vitest';
import { connNew, connPut, connStateName, type IpvsConn } from '../../src/ipvs/conn.js';
import { Dest, IP_VS_CONN_F_DROUTE, IP_VS_CONN_F_MASQ, IP_VS_CONN_F_NOOUTPUT } from '../../src/ipvs/dest.js';
import { setState } from '../../src/ipvs/proto.js';
import { rrScheduler } from '../../src/ipvs/sched/rr.js';
import { bindScheduler, Service, updateDest } from '../../src/ipvs/service.js';
import { IpvsState } from '../../src/ipvs/state.js';
import { setTimeouts } from '../../src/ipvs/ctl.js';
import { SEC } from '../../src/net/types.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../src/net/wire/packet.js';
import type { IpvsConnEvent } from '../../src/trace/events.js';
import { FakeHost, ip } from './fake-host.js';

const VIP = ip('192.168.1.100');
const RS = ip('10.0.0.2');
const CLIENT = ip('203.0.113.10');

/** A conn-level rig: one service, one dest with the given method, no packets. */
function rig(connFlags: number): { host: FakeHost; ipvs: IpvsState; dest: Dest; conn: () => IpvsConn } {
  const host = new FakeHost();
  const ipvs = new IpvsState(host);
  const svc = new Service(6, VIP, 80, 0, ipvs.newStats());
  bindScheduler(svc, rrScheduler);
  const dest = new Dest(svc, RS, 80, ipvs.newStats());
  updateDest(svc, dest, { daddr: RS, dport: 80, connFlags, weight: 1, uThreshold: 0, lThreshold: 0 }, true, 0);
  const conn = (): IpvsConn => {
    const cp = connNew(ipvs, { protocol: 6, caddr: CLIENT, cport: 40000, vaddr: VIP, vport: 80 }, RS, 80, 0, dest, 0);
    if (cp === null) throw new Error('connNew refused a non-FULLNAT entry');
    return cp;
  };
  return { host, ipvs, dest, conn };
}

type Step = readonly [label: string, dir: 'INPUT' | 'OUTPUT', flags: number, state: string, timeout: number, counts: readonly [number, number]];

function runLifecycle(connFlags: number, steps: readonly Step[]): void {
  const { ipvs, dest, conn } = rig(connFlags);
  const cp = conn();
  expect([connStateName(cp), cp.timeout / SEC, dest.activeConns, dest.inactConns]).toEqual(['NONE', 3, 0, 1]);
  for (const [label, dir, flags, state, timeout, counts] of steps) {
    setState(ipvs, cp, dir, flags);
    connPut(ipvs, cp);
    expect([label, connStateName(cp), cp.timeout / SEC, dest.activeConns, dest.inactConns]).toEqual([label, state, timeout, ...counts]);
  }
}

describe('worked lifecycles (§3.7)', () => {
  it('NAT, client closes first', () => {
    runLifecycle(IP_VS_CONN_F_MASQ, [
      ['SYN (in)', 'INPUT', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
      ['SYN+ACK (out)', 'OUTPUT', TCP_SYN | TCP_ACK, 'SYN_RECV', 60, [1, 0]],
      ['ACK (in)', 'INPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['data (in)', 'INPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['data (out)', 'OUTPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['FIN+ACK (in)', 'INPUT', TCP_FIN | TCP_ACK, 'CLOSE_WAIT', 60, [0, 1]],
      ['ACK (out)', 'OUTPUT', TCP_ACK, 'CLOSE_WAIT', 60, [0, 1]],
      ['FIN+ACK (out)', 'OUTPUT', TCP_FIN | TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
      ['ACK (in)', 'INPUT', TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
    ]);
  });

  it('NAT, server closes first', () => {
    runLifecycle(IP_VS_CONN_F_MASQ, [
      ['SYN (in)', 'INPUT', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
      ['SYN+ACK (out)', 'OUTPUT', TCP_SYN | TCP_ACK, 'SYN_RECV', 60, [1, 0]],
      ['ACK (in)', 'INPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['FIN+ACK (out)', 'OUTPUT', TCP_FIN | TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
      ['ACK (in)', 'INPUT', TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
      ['FIN+ACK (in)', 'INPUT', TCP_FIN | TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
      ['ACK (out)', 'OUTPUT', TCP_ACK, 'TIME_WAIT', 120, [0, 1]],
    ]);
  });

  it('DR (input only): ends in FIN_WAIT, counts (1,0) → (0,1)', () => {
    runLifecycle(IP_VS_CONN_F_DROUTE, [
      ['SYN', 'INPUT', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
      ['ACK', 'INPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['FIN+ACK', 'INPUT', TCP_FIN | TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
      ['ACK', 'INPUT', TCP_ACK, 'FIN_WAIT', 120, [0, 1]],
    ]);
  });

  it('DR: an RST from the client in ESTABLISHED gives CLOSE 10', () => {
    runLifecycle(IP_VS_CONN_F_DROUTE, [
      ['SYN', 'INPUT', TCP_SYN, 'SYN_RECV', 60, [1, 0]],
      ['ACK', 'INPUT', TCP_ACK, 'ESTABLISHED', 900, [1, 0]],
      ['RST', 'INPUT', TCP_RST, 'CLOSE', 10, [0, 1]],
    ]);
  });

  it('a new DR entry copies INACTIVE and NOOUTPUT from its dest; the first OUTPUT packet clears NOOUTPUT', () => {
    const { ipvs, conn } = rig(IP_VS_CONN_F_DROUTE);
    const cp = conn();
    expect(cp.flags & IP_VS_CONN_F_NOOUTPUT).not.toBe(0);
    setState(ipvs, cp, 'INPUT', TCP_SYN);
    expect(cp.flags & IP_VS_CONN_F_NOOUTPUT).not.toBe(0);
    setState(ipvs, cp, 'OUTPUT', TCP_SYN | TCP_ACK);
    expect(cp.flags & IP_VS_CONN_F_NOOUTPUT).toBe(0);
    // From now on the normal INPUT rows apply: FIN from ESTABLISHED is CLOSE_WAIT, not FIN_WAIT.
    setState(ipvs, cp, 'INPUT', TCP_ACK);
    setState(ipvs, cp, 'INPUT', TCP_FIN | TCP_ACK);
    expect(connStateName(cp)).toBe('CLOSE_WAIT');
  });

  it('secure_tcp=3 uses the defense table', () => {
    const { host, ipvs, conn } = rig(IP_VS_CONN_F_DROUTE);
    host.setSysctl('secure_tcp', 3);
    const cp = conn();
    setState(ipvs, cp, 'INPUT', TCP_SYN);
    expect(connStateName(cp)).toBe('SYNACK');
  });
});

describe('timers (§3.2)', () => {
  it('every packet re-arms the expiry to now + the timeout of the current state; expiry uncounts and emits', () => {
    const { host, ipvs, dest, conn } = rig(IP_VS_CONN_F_DROUTE);
    const cp = conn();
    setState(ipvs, cp, 'INPUT', TCP_SYN);
    connPut(ipvs, cp);
    setState(ipvs, cp, 'INPUT', TCP_ACK);
    connPut(ipvs, cp);
    expect(cp.expires).toBe(900 * SEC);
    host.sim.runUntil(500 * SEC);
    setState(ipvs, cp, 'INPUT', TCP_ACK);
    connPut(ipvs, cp);
    expect(cp.expires).toBe(1400 * SEC);
    host.sim.runUntil(1399 * SEC);
    expect(ipvs.conns.size).toBe(1);
    expect(dest.activeConns).toBe(1);
    host.sim.runUntil(1400 * SEC);
    expect(ipvs.conns.size).toBe(0);
    expect([dest.activeConns, dest.inactConns]).toEqual([0, 0]);
    const expire = host.events.filter((e): e is IpvsConnEvent => e.kind === 'ipvs.conn' && e.op === 'expire');
    expect(expire).toHaveLength(1);
    expect(expire[0]?.t).toBe(1400 * SEC);
    expect(expire[0]?.conn.state).toBe('ESTABLISHED');
  });

  it('a state with a shorter timeout brings the expiry forward (ESTABLISHED 900 → CLOSE 10)', () => {
    const { host, ipvs, conn } = rig(IP_VS_CONN_F_DROUTE);
    const cp = conn();
    for (const f of [TCP_SYN, TCP_ACK]) {
      setState(ipvs, cp, 'INPUT', f);
      connPut(ipvs, cp);
    }
    host.sim.runUntil(5 * SEC);
    setState(ipvs, cp, 'INPUT', TCP_RST);
    connPut(ipvs, cp);
    host.sim.runUntil(14 * SEC);
    expect(ipvs.conns.size).toBe(1);
    host.sim.runUntil(15 * SEC);
    expect(ipvs.conns.size).toBe(0);
  });

  it('a new entry that sees no packet expires after 3 s', () => {
    const { host, ipvs, dest, conn } = rig(IP_VS_CONN_F_DROUTE);
    conn();
    expect(dest.inactConns).toBe(1);
    host.sim.runUntil(3 * SEC);
    expect(ipvs.conns.size).toBe(0);
    expect(dest.inactConns).toBe(0);
  });

  it('an entry that controls others is kept 60 s more at expiry', () => {
    const { host, ipvs, conn } = rig(IP_VS_CONN_F_DROUTE);
    const ctl = conn();
    ctl.nControl = 1;
    host.sim.runUntil(3 * SEC);
    expect(ipvs.conns.size).toBe(1);
    expect(ctl.timeout).toBe(60 * SEC);
    ctl.nControl = 0;
    host.sim.runUntil(63 * SEC);
    expect(ipvs.conns.size).toBe(0);
  });
});

describe('--set tcp tcpfin udp (§3.6)', () => {
  it('0 leaves a value unchanged; existing entries pick up new values at their next packet', () => {
    const { ipvs, conn } = rig(IP_VS_CONN_F_DROUTE);
    const cp = conn();
    for (const f of [TCP_SYN, TCP_ACK]) setState(ipvs, cp, 'INPUT', f);
    expect(cp.timeout).toBe(900 * SEC);
    expect(setTimeouts(ipvs, { tcp: 100, tcpfin: 0, udp: 0 }).ok).toBe(true);
    expect(cp.timeout).toBe(900 * SEC);
    setState(ipvs, cp, 'INPUT', TCP_ACK);
    expect(cp.timeout).toBe(100 * SEC);
    setTimeouts(ipvs, { tcp: 0, tcpfin: 30, udp: 0 });
    setState(ipvs, cp, 'INPUT', TCP_FIN | TCP_ACK);
    expect([connStateName(cp), cp.timeout / SEC]).toEqual(['FIN_WAIT', 30]);
    // TIME_WAIT and the others keep their defaults.
    expect(ipvs.tcpTimeouts).toEqual([2, 100, 120, 60, 30, 120, 10, 60, 30, 120, 120]);
    expect(ipvs.udpTimeout).toBe(300);
  });
});
