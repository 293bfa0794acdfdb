/** Invariants over random inputs: adding then deleting leaves no trace; SIOCSIFADDR is classful. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIp4, networkOf } from '../../src/net/wire/addr.js';
import { out, rsLab } from './helpers.js';

/** A unicast address outside 0/8, 127/8 and 224/3, as a number. */
const unicast = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
  .filter(([a]) => a !== 127)
  .map(([a, b, c, d]) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0);

describe('properties', () => {
  it('ip addr add then del (in reverse) restores addresses and every route table', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ addr: unicast, len: fc.integer({ min: 8, max: 32 }), dev: fc.constantFrom('lo', 'eth0') }), {
          selector: (x) => x.addr,
          maxLength: 6,
        }),
        (adds) => {
          const { host } = rsLab();
          const fresh = adds.filter((a) => a.addr !== 0xc0a8010b);
          const before = out(host, 'ip addr') + out(host, 'ip route show table all');
          for (const a of fresh) out(host, `ip addr add ${formatIp4(a.addr)}/${a.len} dev ${a.dev}`);
          for (const a of [...fresh].reverse()) out(host, `ip addr del ${formatIp4(a.addr)}/${a.len} dev ${a.dev}`);
          expect(out(host, 'ip addr') + out(host, 'ip route show table all')).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('route add -host then route del -host restores route -n', () => {
    fc.assert(
      fc.property(fc.uniqueArray(unicast, { maxLength: 8 }), (dsts) => {
        const { host } = rsLab();
        const before = out(host, 'route -n');
        for (const d of dsts) out(host, `route add -host ${formatIp4(d)} dev eth0`);
        expect(out(host, 'route -n').split('\n').length).toBe(before.split('\n').length + dsts.length);
        for (const d of dsts) out(host, `route del -host ${formatIp4(d)}`);
        expect(out(host, 'route -n')).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('ifconfig ALIAS ADDR gives the classful prefix and broadcast (inet_abc_len)', () => {
    fc.assert(
      fc.property(unicast.filter((a) => a !== 0xc0a8010b), (addr) => {
        const { host } = rsLab();
        const r = out(host, `ifconfig eth0:7 ${formatIp4(addr)}`);
        expect(r).toBe('');
        const a = host.device('eth0')?.addrs.find((x) => x.label === 'eth0:7');
        const top = addr >>> 24;
        const len = top < 128 ? 8 : top < 192 ? 16 : 24;
        expect(a?.prefixLen).toBe(len);
        expect(a?.broadcast).toBe((networkOf(addr, len) | (0xffffffff >>> len)) >>> 0);
      }),
      { numRuns: 200 },
    );
  });
});
