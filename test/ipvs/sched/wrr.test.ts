/**
 * wrr (§2.2): the worked sequences of the reference, the state after each `ipvsadm -a`, and
 * ip_vs_wrr_dest_changed on add/delete/edit — through the scheduler API and through ipvsadm on a
 * host (SYNs sent to the VIP, real server read from the next hop of what the director sends).
 */
import { describe, expect, it } from 'vitest';
import { addDest, attachIpvs, createService, editDest, findScheduler, removeDest, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import type { Dest, Service } from '../../../src/ipvs/index.js';
import { bindScheduler } from '../../../src/ipvs/service.js';
import { WrrMark } from '../../../src/ipvs/sched/wrr.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';
import { TCP_SYN } from '../../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from '../fake-host.js';
import { addrOf, nameOf, picks, serviceAdded, serviceInListOrder } from './sched-fixtures.js';

function mark(svc: Service): { cw: number; mw: number; di: number; cl: string } {
  const m = svc.schedData;
  if (!(m instanceof WrrMark)) throw new Error('no wrr mark');
  return { cw: m.cw, mw: m.mw, di: m.di, cl: m.cl.isHead ? 'head' : nameOf(m.cl) };
}

/** The list in the order given, then wrr bound afresh (init_service: cl = head, cw = mw), as `ipvsadm -E -s wrr` does. */
function rebound(servers: readonly { name: string; weight: number }[]): Service {
  const svc = serviceInListOrder('rr', servers);
  const wrr = findScheduler('wrr');
  if (wrr === undefined) throw new Error('wrr not registered');
  bindScheduler(svc, wrr);
  return svc;
}

describe('wrr worked sequences with cw starting at mw (§2.2)', () => {
  const cases: readonly [weights: string, servers: { name: string; weight: number }[], cycle: string, mw: number, di: number][] = [
    ['4, 3, 2', [{ name: 'A', weight: 4 }, { name: 'B', weight: 3 }, { name: 'C', weight: 2 }], 'A A B A B C A B C', 4, 1],
    ['5, 1, 1', [{ name: 'A', weight: 5 }, { name: 'B', weight: 1 }, { name: 'C', weight: 1 }], 'A A A A A B C', 5, 1],
    ['4, 2 (gcd 2)', [{ name: 'A', weight: 4 }, { name: 'B', weight: 2 }], 'A A B', 3, 2],
    ['6, 4, 2 (gcd 2)', [{ name: 'A', weight: 6 }, { name: 'B', weight: 4 }, { name: 'C', weight: 2 }], 'A A B A B C', 5, 2],
  ];
  for (const [weights, servers, cycle, mw, di] of cases) {
    it(`weights ${weights}, list ${servers.map((s) => s.name).join(', ')}: ${cycle}, repeating`, () => {
      const svc = rebound(servers);
      expect(mark(svc)).toEqual({ cw: mw, mw, di, cl: 'head' });
      const n = cycle.split(' ').length;
      expect(picks(svc, 3 * n)).toBe([cycle, cycle, cycle].join(' '));
    });
  }
});

describe('wrr: what really happens with ipvsadm (§2.2)', () => {
  it('-A -s wrr with no servers: di=1, mw=0, cw=0, and no destination available', () => {
    const svc = createService({ scheduler: 'wrr', vaddr: '192.168.1.100', vport: 80 });
    expect(mark(svc)).toEqual({ cw: 0, mw: 0, di: 1, cl: 'head' });
    expect(schedule(svc)).toBeNull();
  });

  it('4, 3, 2 added A, B, C: the state after each -a, then C B A | A | B A | C B A | C B A | A | B A', () => {
    const svc = createService({ scheduler: 'wrr', vaddr: '192.168.1.100', vport: 80 });
    addDest(svc, { daddr: addrOf('A'), dport: 80, weight: 4 });
    expect(mark(svc)).toEqual({ cw: 1, mw: 1, di: 4, cl: 'head' });
    addDest(svc, { daddr: addrOf('B'), dport: 80, weight: 3 });
    expect(mark(svc)).toEqual({ cw: 1, mw: 4, di: 1, cl: 'head' });
    addDest(svc, { daddr: addrOf('C'), dport: 80, weight: 2 });
    expect(mark(svc)).toEqual({ cw: 1, mw: 4, di: 1, cl: 'head' });
    expect(picks(svc, 3)).toBe('C B A');
    expect(picks(svc, 1)).toBe('A');
    expect(picks(svc, 2)).toBe('B A');
    expect(picks(svc, 3)).toBe('C B A');
    expect(picks(svc, 3)).toBe('C B A');
    expect(picks(svc, 1)).toBe('A');
    expect(picks(svc, 2)).toBe('B A');
  });

  it('5, 1, 1 added A, B, C: C B A A A A A C B A A A A A', () => {
    const svc = serviceAdded('wrr', [
      { name: 'A', weight: 5 },
      { name: 'B', weight: 1 },
      { name: 'C', weight: 1 },
    ]);
    expect(picks(svc, 14)).toBe('C B A A A A A C B A A A A A');
  });
});

describe('wrr through ipvsadm on a host', () => {
  const VIP = '192.168.1.100';
  const RS: Record<string, string> = { '192.168.1.11': 'A', '192.168.1.12': 'B', '192.168.1.13': 'C' };

  function director(): { host: FakeHost; run: (line: string) => void; syns: (n: number) => string } {
    const host = new FakeHost();
    host.local.add(ip(VIP));
    const ipvs = attachIpvs(host);
    const run = (line: string): void => {
      const r = ipvs.ipvsadm(line);
      expect(r.stderr, line).toBe('');
      expect(r.exitCode, line).toBe(0);
    };
    let port = 40000;
    const syns = (n: number): string => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const before = host.sent.length;
        host.receive(tcpPacket('203.0.113.10', port++, VIP, 80, TCP_SYN));
        const sent = host.sent[before];
        out.push(sent === undefined || host.sent.length !== before + 1 ? '-' : (RS[formatIp4(sent.route.nextHop)] ?? '?'));
      }
      return out.join(' ');
    };
    return { host, run, syns };
  }

  it('-A -s wrr, -a A -w 4, -a B -w 3, -a C -w 2: the SYNs go C B A | A | B A | C B A | C B A | A | B A', () => {
    const { run, syns } = director();
    run(`ipvsadm -A -t ${VIP}:80 -s wrr`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.11 -w 4`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.12 -w 3`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.13 -w 2`);
    expect(syns(15)).toBe('C B A A B A C B A C B A A B A');
  });

  it('5, 1, 1 added in the order A, B, C: C B A A A A A C B A A A A A', () => {
    const { run, syns } = director();
    run(`ipvsadm -A -t ${VIP}:80 -s wrr`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.11 -w 5`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.12 -w 1`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.13 -w 1`);
    expect(syns(14)).toBe('C B A A A A A C B A A A A A');
  });

  it('-E … -s wrr binds wrr afresh (cw = mw): the steady cycle for list C, B, A from the first SYN', () => {
    const { run, syns } = director();
    run(`ipvsadm -A -t ${VIP}:80 -s rr`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.11 -w 4`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.12 -w 3`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.13 -w 2`);
    run(`ipvsadm -E -t ${VIP}:80 -s wrr`);
    expect(syns(18)).toBe('A B A C B A C B A A B A C B A C B A');
  });

  it('-e resets the walk to the head of the list but keeps the current weight', () => {
    const { run, syns } = director();
    run(`ipvsadm -A -t ${VIP}:80 -s wrr`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.11 -w 4`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.12 -w 3`);
    run(`ipvsadm -a -t ${VIP}:80 -r 192.168.1.13 -w 2`);
    expect(syns(5)).toBe('C B A A B');
    // cw = 3, cl = B. After -e the walk restarts at C (too light for 3): B, A, then cw = 2.
    run(`ipvsadm -e -t ${VIP}:80 -r 192.168.1.13 -w 2`);
    expect(syns(5)).toBe('B A C B A');
  });
});

describe('ip_vs_wrr_dest_changed (§2.2)', () => {
  it('cl goes back to the head on -e: the rest of the current-weight pass is replayed from the head', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 3 },
      { name: 'C', weight: 2 },
    ]);
    expect(picks(svc, 3)).toBe('A A B');
    expect(mark(svc)).toEqual({ cw: 3, mw: 4, di: 1, cl: 'B' });
    editDest(svc, { daddr: addrOf('A'), dport: 80, weight: 4 });
    expect(mark(svc)).toEqual({ cw: 3, mw: 4, di: 1, cl: 'head' });
    expect(picks(svc, 5)).toBe('A B A B C');
  });

  it('cw > mw after an edit: cw = mw', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 3 },
      { name: 'C', weight: 2 },
    ]);
    editDest(svc, { daddr: addrOf('A'), dport: 80, weight: 1 });
    expect(mark(svc)).toEqual({ cw: 3, mw: 3, di: 1, cl: 'head' });
    expect(picks(svc, 6)).toBe('B B C A B C');
  });

  it('di > 1 after an edit: cw = (cw / di) * di + 1', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 3 },
      { name: 'C', weight: 2 },
    ]);
    expect(picks(svc, 4)).toBe('A A B A');
    expect(mark(svc).cw).toBe(2);
    editDest(svc, { daddr: addrOf('B'), dport: 80, weight: 2 });
    // di = 2, mw = 3, cw = (2 / 2) * 2 + 1 = 3.
    expect(mark(svc)).toEqual({ cw: 3, mw: 3, di: 2, cl: 'head' });
    expect(picks(svc, 8)).toBe('A A B C A A B C');
  });

  it('delete: the walk restarts at the head; the deleted server is never picked again', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 3 },
      { name: 'C', weight: 2 },
    ]);
    expect(picks(svc, 3)).toBe('A A B');
    removeDest(svc, addrOf('B'), 80);
    // Weights 4, 2 left: di = 2, mw = 3, cw = (3 / 2) * 2 + 1 = 3.
    expect(mark(svc)).toEqual({ cw: 3, mw: 3, di: 2, cl: 'head' });
    expect(picks(svc, 7)).toBe('A A C A A C A');
  });

  it('the last server removed: mw = 0, no destination available', () => {
    const svc = serviceAdded('wrr', [{ name: 'A', weight: 2 }]);
    expect(picks(svc, 2)).toBe('A A');
    removeDest(svc, addrOf('A'), 80);
    expect(mark(svc)).toEqual({ cw: 0, mw: 0, di: 1, cl: 'head' });
    expect(schedule(svc)).toBeNull();
  });
});

describe('wrr: weight 0 and OVERLOAD', () => {
  it('a weight-0 server is never picked; all weights 0 → mw = 0 → null', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 0 },
      { name: 'C', weight: 2 },
    ]);
    // di = 2, mw = 3: cw = 3 → A; cw = 1 → A, C.
    expect(picks(svc, 6)).toBe('A A C A A C');
    editDest(svc, { daddr: addrOf('A'), dport: 80, weight: 0 });
    editDest(svc, { daddr: addrOf('C'), dport: 80, weight: 0 });
    expect(mark(svc).mw).toBe(0);
    expect(schedule(svc)).toBeNull();
  });

  it('an OVERLOADed server is skipped at every weight', () => {
    const svc = rebound([
      { name: 'A', weight: 4 },
      { name: 'B', weight: 3 },
      { name: 'C', weight: 2 },
    ]);
    setDestCounters(findDest(svc, 'A'), { overloaded: true });
    expect(picks(svc, 10)).toBe('B B C B C B B C B C');
  });

  it('every server OVERLOADed: null from any position in the cycle, and the cycle resumes once cleared', () => {
    for (let before = 0; before < 9; before++) {
      const svc = rebound([
        { name: 'A', weight: 4 },
        { name: 'B', weight: 3 },
        { name: 'C', weight: 2 },
      ]);
      const seq = 'A A B A B C A B C A A B A B C A B C'.split(' ');
      expect(picks(svc, before)).toBe(seq.slice(0, before).join(' '));
      for (const n of ['A', 'B', 'C']) setDestCounters(findDest(svc, n), { overloaded: true });
      expect(schedule(svc)).toBeNull();
      expect(schedule(svc)).toBeNull();
      for (const n of ['A', 'B', 'C']) setDestCounters(findDest(svc, n), { overloaded: false });
      expect(nameOf(schedule(svc))).not.toBe('-');
    }
  });
});

function findDest(svc: Service, name: string): Dest {
  for (const d of svc.destinations) if (nameOf(d) === name) return d;
  throw new Error(`no server ${name}`);
}
