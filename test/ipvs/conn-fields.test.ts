import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpvsConn } from '../../src/ipvs/conn.js';
import { SEC } from '../../src/net/types.js';

/**
 * IpvsConn packs protocol, state, oldState and the reported state in one integer, cport and vport
 * in another, and keeps the timeout in whole seconds when it can: every field must still read back
 * exactly what was last written to it, whatever the order of writes, as plain fields would.
 */
describe('IpvsConn packed fields', () => {
  it('read back as independent fields', () => {
    const write = fc.oneof(
      fc.record({ f: fc.constant('state' as const), v: fc.integer({ min: 0, max: 13 }) }),
      fc.record({ f: fc.constant('oldState' as const), v: fc.integer({ min: 0, max: 13 }) }),
      fc.record({ f: fc.constant('reportedState' as const), v: fc.integer({ min: 0, max: 13 }) }),
      fc.record({ f: fc.constant('vport' as const), v: fc.constantFrom(0, 80, 0x7fff, 0x8000, 0xffff) }),
      fc.record({
        f: fc.constant('timeout' as const),
        v: fc.oneof(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => s * SEC),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.constantFrom(0, 1, SEC - 1, 2 ** 31 * SEC, 1.5 * SEC),
        ),
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(0, 6, 17, 132), fc.integer({ min: 0, max: 0xffffffff }), fc.nat(0xffff), fc.array(write, { maxLength: 30 }), (protocol, fwmark, cport, writes) => {
        const cp = IpvsConn.alloc({ protocol, caddr: 0xcb000001, cport, vaddr: 0xc0a80164, vport: 80 }, 0xfe000002, 8080, fwmark);
        const model = { state: 0, oldState: 0, reportedState: 0, timeout: 3 * SEC, vport: 80 };
        expect([cp.protocol, cp.fwmark, cp.cport, cp.caddr, cp.daddr, cp.timeout]).toEqual([protocol, fwmark, cport, 0xcb000001, 0xfe000002, 3 * SEC]);
        for (const w of writes) {
          cp[w.f] = w.v;
          model[w.f] = w.v;
          expect([cp.state, cp.oldState, cp.reportedState, cp.timeout, cp.vport, cp.protocol, cp.cport]).toEqual([model.state, model.oldState, model.reportedState, model.timeout, model.vport, protocol, cport]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
