import { describe, expect, it } from 'vitest';
import { IpvsStats } from '../../src/ipvs/stats.js';
import { connNew } from '../../src/ipvs/conn.js';
import { Dest, IP_VS_CONN_F_DROUTE } from '../../src/ipvs/dest.js';
import { rrScheduler } from '../../src/ipvs/sched/rr.js';
import { bindScheduler, Service, updateDest } from '../../src/ipvs/service.js';
import { IpvsState } from '../../src/ipvs/state.js';
import { SEC } from '../../src/net/types.js';
import { FakeHost, ip } from './fake-host.js';

describe('estimator (§9.3)', () => {
  it('worked example: 200 connections per 2 s, then nothing', () => {
    const s = new IpvsStats(0, 0);
    const shown: number[] = [];
    for (let run = 1; run <= 10; run++) {
      if (run <= 8) for (let i = 0; i < 200; i++) s.addConn((run - 1) * 2 * SEC + 1000 + i);
      shown.push(s.read(run * 2 * SEC).cps);
    }
    expect(shown).toEqual([25, 44, 58, 68, 76, 82, 87, 90, 67, 51]);
  });

  it('worked example: 3,000,000 bytes per 2 s → InBPS 375000, 656250, 867187, 1025391', () => {
    const s = new IpvsStats(0, 0);
    const shown: number[] = [];
    for (let run = 1; run <= 4; run++) {
      s.addIn((run - 1) * 2 * SEC + 1, 3_000_000);
      shown.push(s.read(run * 2 * SEC).inbps);
    }
    expect(shown).toEqual([375000, 656250, 867187, 1025391]);
  });

  it('a single connection shows CPS 0; counters appear only after the next estimator run', () => {
    const s = new IpvsStats(0, 0);
    s.addConn(SEC / 2);
    expect(s.read(SEC).conns).toBe(0);
    expect(s.read(2 * SEC)).toMatchObject({ conns: 1, cps: 0 });
  });

  it('-Z: the current estimator copy becomes the zero point, rates restart', () => {
    const s = new IpvsStats(0, 0);
    for (let i = 0; i < 200; i++) s.addConn(1 + i);
    expect(s.read(2 * SEC)).toMatchObject({ conns: 200, cps: 25 });
    s.addConn(3 * SEC);
    s.zero(3 * SEC);
    expect(s.read(3 * SEC)).toMatchObject({ conns: 0, cps: 0 });
    expect(s.read(4 * SEC)).toMatchObject({ conns: 1 });
  });

  it('long idle gaps are cheap and exact (the averages decay to 0)', () => {
    const s = new IpvsStats(0, 0);
    for (let i = 0; i < 1000; i++) s.addIn(1 + i, 1500);
    expect(s.read(1_000_000 * SEC)).toMatchObject({ inpkts: 1000, inbytes: 1_500_000, inpps: 0, inbps: 0 });
  });
});

describe('upper/lower thresholds (§7.1)', () => {
  it('-x 10: OVERLOAD set when the 10th connection is bound, cleared at the expiry that brings the total to 7', () => {
    const host = new FakeHost();
    const ipvs = new IpvsState(host);
    const svc = new Service(6, ip('192.168.1.100'), 80, 0, ipvs.newStats());
    bindScheduler(svc, rrScheduler);
    const dest = new Dest(svc, ip('10.0.0.2'), 80, ipvs.newStats());
    updateDest(svc, dest, { daddr: dest.daddr, dport: 80, connFlags: IP_VS_CONN_F_DROUTE, weight: 1, uThreshold: 10, lThreshold: 0 }, true, 0);
    const step = SEC / 10;
    for (let i = 0; i < 10; i++) {
      host.sim.runUntil(i * step);
      expect(dest.overloaded).toBe(false);
      connNew(ipvs, { protocol: 6, caddr: ip('203.0.113.10'), cport: 40000 + i, vaddr: svc.vaddr, vport: 80 }, dest.daddr, 80, 0, dest, 0);
    }
    expect(dest.overloaded).toBe(true);
    // Entries created at t = i/10 s with no packet expire at t = 3 + i/10 s, one by one.
    const overloadAt: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      host.sim.runUntil(3 * SEC + i * step);
      overloadAt.push(dest.overloaded);
    }
    // totals 9, 8, 7, 6: 8·4 = 32 ≥ 30 keeps it, 7·4 = 28 < 30 clears it.
    expect(overloadAt).toEqual([true, true, false, false]);
  });
});
