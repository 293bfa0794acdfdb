import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDest,
  createSchedEnv,
  createService,
  destinations,
  editDest,
  removeDest,
  schedule,
  setDestCounters,
} from '../../../src/ipvs/index.js';
import type { Dest, Service } from '../../../src/ipvs/index.js';
import { formatIp4, parseIp4 } from '../../../src/net/wire/addr.js';
import { SEC } from '../../../src/net/types.js';
import { attachIpvs } from '../../../src/ipvs/index.js';
import { TCP_SYN } from '../../../src/net/wire/packet.js';
import { FakeHost, tcpPacket } from '../fake-host.js';

const NAMES: Record<string, string> = { '10.0.0.1': 'A', '10.0.0.2': 'B', '10.0.0.3': 'C', '10.0.0.4': 'D' };
const name = (d: Dest | null): string => (d === null ? '-' : (NAMES[formatIp4(d.daddr)] ?? formatIp4(d.daddr)));
const ip = (s: string): number => parseIp4(s) as number;

/** Origin-server addresses (the packet's destination, which lblc keys on). */
const X1 = ip('203.0.113.1');
const X2 = ip('203.0.113.2');
const X3 = ip('203.0.113.3');

/** An lblc service bound at `boundAt` (s) with A, B, C added: list order C, B, A. */
function lblcABC(boundAt = 0, sysctls: { lblc_expiration?: number } = {}): Service {
  const svc = createService({ scheduler: 'lblc', fwmark: 1 }, createSchedEnv(0, boundAt * SEC, sysctls));
  for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) addDest(svc, { daddr: a });
  return svc;
}

function dest(svc: Service, n: string): Dest {
  const d = destinations(svc).find((x) => name(x) === n);
  if (d === undefined) throw new Error(n);
  return d;
}

/** Schedules a new connection towards `daddr` at `t` seconds (or ns with `ns`). */
function at(svc: Service, daddr: number, t: number, sysctls: { lblc_expiration?: number } = {}, ns = 0): string {
  return name(schedule(svc, { vaddr: daddr }, createSchedEnv(0, t * SEC + ns, sysctls)));
}

describe('lblc (§2.13)', () => {
  it('registered: ipvsadm -A -s lblc works through the public API', () => {
    expect(createService({ scheduler: 'lblc' }).schedName).toBe('lblc');
  });

  it('a miss picks by wlc; a hit keeps the cached server though wlc would now choose another', () => {
    const svc = lblcABC();
    expect(at(svc, X1, 0)).toBe('C'); // all idle: wlc takes the head of C, B, A
    setDestCounters(dest(svc, 'C'), { activeConns: 1, inactConns: 50 });
    expect(at(svc, X2, 1)).toBe('B'); // a new destination address: wlc
    expect(at(svc, X1, 2)).toBe('C'); // cached, not is_overloaded (1 active is not > weight 1)
    expect(at(svc, X1, 3)).toBe('C');
  });

  it('is_overloaded (active > weight while some server is under half its weight) forces a re-pick and replaces the entry', () => {
    const svc = lblcABC();
    expect(at(svc, X1, 0)).toBe('C');
    setDestCounters(dest(svc, 'C'), { activeConns: 2 });
    // B and A have 0 active: 0*2 < 1, so C counts as overloaded → wlc → B (first of the idle ones).
    expect(at(svc, X1, 1)).toBe('B');
    // The entry now names B, even after C recovers.
    setDestCounters(dest(svc, 'C'), { activeConns: 0 });
    expect(at(svc, X1, 2)).toBe('B');
  });

  it('active > weight alone is not overloaded when no server is below half its weight', () => {
    const svc = lblcABC();
    expect(at(svc, X1, 0)).toBe('C');
    setDestCounters(dest(svc, 'C'), { activeConns: 5 });
    setDestCounters(dest(svc, 'B'), { activeConns: 1 }); // 1*2 < 1 is false
    setDestCounters(dest(svc, 'A'), { activeConns: 1 });
    expect(at(svc, X1, 1)).toBe('C');
  });

  it('ignores the threshold OVERLOAD flag on a cached server, but wlc never picks an OVERLOADed one', () => {
    const svc = lblcABC();
    expect(at(svc, X1, 0)).toBe('C');
    setDestCounters(dest(svc, 'C'), { overloaded: true });
    expect(at(svc, X1, 1)).toBe('C');
    expect(at(svc, X3, 1)).toBe('B');
  });

  it('a cached server with weight 0, or deleted, is replaced by the wlc choice', () => {
    const svc = lblcABC();
    expect(at(svc, X1, 0)).toBe('C');
    editDest(svc, { daddr: '10.0.0.3', weight: 0 });
    expect(at(svc, X1, 1)).toBe('B');
    removeDest(svc, '10.0.0.2');
    expect(at(svc, X1, 2)).toBe('A');
  });

  it('no usable server → null', () => {
    const svc = lblcABC();
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) editDest(svc, { daddr: a, weight: 0 });
    expect(at(svc, X1, 0)).toBe('-');
  });

  it('an entry holds a reference on its server (keeps a deleted one in the trash); replacing it drops it', () => {
    const svc = lblcABC();
    at(svc, X1, 0);
    const c = dest(svc, 'C');
    expect(c.refcnt).toBe(1);
    editDest(svc, { daddr: '10.0.0.3', weight: 0 });
    at(svc, X1, 1);
    expect(c.refcnt).toBe(0);
    expect(dest(svc, 'B').refcnt).toBe(1);
  });

  describe('expiry: a full sweep every 30 timer runs of 60 s (1800 s) drops entries idle ≥ lblc_expiration', () => {
    /** Cached on C at `t0`, then C made unattractive to wlc: a lookup answers C only if the entry survived. */
    function cachedOnC(t0: number, boundAt = 0, sysctls: { lblc_expiration?: number } = {}): Service {
      const svc = lblcABC(boundAt, sysctls);
      expect(at(svc, X1, t0, sysctls)).toBe('C');
      setDestCounters(dest(svc, 'C'), { inactConns: 10 });
      return svc;
    }

    it('default 24 h: an entry idle for more than 24 h survives until the next full sweep', () => {
      // Used at 100 s; idle 24 h at 86 500 s; the sweep at 86 400 s (the 48th) is too early to drop it.
      expect(at(cachedOnC(100), X1, 86_500)).toBe('C');
      expect(at(cachedOnC(100), X1, 88_199)).toBe('C');
      // The sweep at 88 200 s drops it: wlc decides again.
      expect(at(cachedOnC(100), X1, 88_200)).toBe('B');
    });

    it('an entry used at the bind time is dropped by the sweep at exactly 86 400 s', () => {
      expect(at(cachedOnC(0), X1, 86_399)).toBe('C');
      expect(at(cachedOnC(0), X1, 86_400)).toBe('B');
    });

    it('every use refreshes lastuse', () => {
      const svc = cachedOnC(0);
      expect(at(svc, X1, 50_000)).toBe('C');
      expect(at(svc, X1, 100_000)).toBe('C');
      expect(at(svc, X1, 138_599)).toBe('C'); // 88 599 s idle, swept only at 138 600 s
    });

    it('lblc_expiration is read from the environment; the timer is anchored at the bind time', () => {
      const sc = { lblc_expiration: 60 };
      expect(at(cachedOnC(0, 0, sc), X1, 1_799, sc)).toBe('C');
      expect(at(cachedOnC(0, 0, sc), X1, 1_800, sc)).toBe('B');
      // Bound at 30 s: sweeps at 1 830 s, 3 630 s …
      expect(at(cachedOnC(30, 30, sc), X1, 1_829, sc)).toBe('C');
      expect(at(cachedOnC(30, 30, sc), X1, 1_830, sc)).toBe('B');
    });

    it('a sweep run while the table was empty still counts: the cadence is kept', () => {
      const sc = { lblc_expiration: 60 };
      const svc = lblcABC(0, sc);
      // Nothing cached until 2 000 s; the sweeps stay at 3 600 s, 5 400 s …
      expect(at(svc, X1, 2_000, sc)).toBe('C');
      setDestCounters(dest(svc, 'C'), { inactConns: 10 });
      const svc2 = lblcABC(0, sc);
      expect(at(svc2, X1, 2_000, sc)).toBe('C');
      setDestCounters(dest(svc2, 'C'), { inactConns: 10 });
      expect(at(svc, X1, 3_599, sc)).toBe('C');
      expect(at(svc2, X1, 3_600, sc)).toBe('B');
    });
  });

  it('above 16 384 entries a partial sweep drops entries idle ≥ 6 min, bucket by bucket from rover+1, until ⌊excess·4/3⌋ are gone', () => {
    const svc = lblcABC();
    const extra = 300;
    const addrs: number[] = [];
    for (let i = 0; i < 16_384 + extra; i++) addrs.push((0xc6120000 + i) >>> 0); // 198.18.0.0 + i
    for (const a of addrs) expect(at(svc, a, 0)).toBe('C');
    setDestCounters(dest(svc, 'C'), { inactConns: 10 });
    // Independent bucket count: hash_32(addr, 10) = (addr · 0x61C88647 mod 2^32) >> 22.
    const perBucket = new Array<number>(1024).fill(0);
    for (const a of addrs) perBucket[Math.imul(a, 0x61c88647) >>> 22]! += 1;
    const goal = Math.floor((extra * 4) / 3);
    let removed = 0;
    for (let j = 1; removed < goal; j++) removed += perBucket[j]!;
    // Timer runs at 60 … 300 s find nothing idle for 6 min; the run at 360 s removes `removed`.
    const before = addrs.map((a) => at(svc, a, 359)).filter((n) => n !== 'C').length;
    expect(before).toBe(0);
    const svc2 = lblcABC();
    for (const a of addrs) at(svc2, a, 0);
    setDestCounters(dest(svc2, 'C'), { inactConns: 10 });
    // Re-picked (wlc) lookups are those that lost their entry; each re-pick also re-creates one.
    const repicked = addrs.map((a) => at(svc2, a, 360)).filter((n) => n !== 'C').length;
    expect(repicked).toBe(removed);
  });

  it('property: with the server set unchanged and no server overloaded, a destination keeps its server (within 24 h)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            daddr: fc.integer({ min: 0, max: 7 }),
            dt: fc.integer({ min: 0, max: 10_000 }),
            server: fc.nat(),
            inact: fc.integer({ min: 0, max: 1000 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (weights, steps) => {
          const svc = createService({ scheduler: 'lblc', fwmark: 1 });
          weights.forEach((w, i) => addDest(svc, { daddr: `10.0.1.${i + 1}`, weight: w }));
          const ds = destinations(svc);
          const seen = new Map<number, Dest>();
          let t = 0;
          for (const s of steps) {
            t += s.dt;
            if (t >= 86_400) break;
            // Load changes (inactive connections only): wlc's preference moves, the cache must not.
            setDestCounters(ds[s.server % ds.length] as Dest, { inactConns: s.inact });
            const d = schedule(svc, { vaddr: (0xcb007100 + s.daddr) >>> 0 }, createSchedEnv(0, t * SEC));
            expect(d).not.toBeNull();
            const first = seen.get(s.daddr);
            if (first === undefined) seen.set(s.daddr, d as Dest);
            else expect(d).toBe(first);
          }
        },
      ),
    );
  });
});

describe('lblc and the dest trash', () => {
  it('a deleted server only the cache still names leaves the trash once the 24 h sweep drops it, with no new connection', () => {
    const host = new FakeHost();
    host.local.add(ip('192.168.1.100'));
    const ipvs = attachIpvs(host);
    for (const line of ['-A -t 192.168.1.100:80 -s lblc', '-a -t 192.168.1.100:80 -r 10.0.0.2:80 -m', '-a -t 192.168.1.100:80 -r 10.0.0.3:80 -m']) {
      expect(ipvs.ipvsadm(line).exitCode).toBe(0);
    }
    host.receive(tcpPacket('203.0.113.10', 40000, '192.168.1.100', 80, TCP_SYN));
    const picked = [...ipvs.state.conns][0]?.daddr as number;
    // The connection (NONE, 3 s → SYN_RECV, 60 s) expires; only the cache entry keeps a reference.
    host.sim.runUntil(5 * 60 * SEC);
    expect(ipvs.state.conns.size).toBe(0);
    expect(ipvs.ipvsadm(`-d -t 192.168.1.100:80 -r ${formatIp4(picked)}:80`).exitCode).toBe(0);
    expect(ipvs.state.destTrash.map((d) => d.daddr)).toEqual([picked]);
    // Still cached a day later minus a bit; after the next full sweep past 24 h idle (every 1800 s),
    // and 120 s unreferenced in the trash, it is freed, although nothing was scheduled meanwhile.
    host.sim.runUntil(23 * 3600 * SEC);
    expect(ipvs.state.destTrash).toHaveLength(1);
    host.sim.runUntil(25 * 3600 * SEC);
    expect(ipvs.state.destTrash).toHaveLength(0);
  });
});
