import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnTable, IpvsConn } from '../../src/ipvs/conn.js';
import { LocalAddr } from '../../src/ipvs/laddr.js';

/**
 * The connection table's buckets double as it fills (lvslab's deviation from the kernel's fixed
 * ip_vs_conn_tab, for speed): across many growths it must answer exactly as a linear search
 * over the entries, newest first, and keep creation order for the listings.
 */
const VIP = 0xc0a80164;
const LIP = 0xc0a80a64;
const IP_VS_CONN_F_NO_CPORT = 0x0800;

describe('ConnTable across growth', () => {
  it('inGet, fnatOutGet, size and iteration agree with a linear model', () => {
    const op = fc.record({
      client: fc.integer({ min: 0, max: 40 }),
      cport: fc.integer({ min: 0, max: 6 }),
      vport: fc.constantFrom(80, 443),
      proto: fc.constantFrom(6, 17, 0),
      drop: fc.nat(),
      dropP: fc.integer({ min: 0, max: 9 }),
      fnat: fc.boolean(),
      lport: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 200, maxLength: 1500 }), (ops) => {
        const t = new ConnTable();
        const model: IpvsConn[] = [];
        const local = new LocalAddr(LIP);
        for (const o of ops) {
          const cp = IpvsConn.alloc({ protocol: o.proto, caddr: (0xcb000000 + o.client * 4099) >>> 0, cport: o.cport, vaddr: VIP, vport: o.vport }, 0x0a010001 + (o.client & 3), 8080, 0);
          if (o.cport === 0) cp.flags |= IP_VS_CONN_F_NO_CPORT;
          if (o.fnat) {
            cp.local = local;
            cp.laddr = LIP;
            cp.lport = o.lport;
          }
          t.hash(cp);
          model.push(cp);
          if (o.dropP < 3 && model.length > 0) {
            const [victim] = model.splice(o.drop % model.length, 1);
            expect(t.unhash(victim as IpvsConn)).toBe(true);
          }
          const q = ops[o.drop % ops.length] as typeof o;
          const caddr = (0xcb000000 + q.client * 4099) >>> 0;
          const want =
            [...model].reverse().find((c) => c.protocol === q.proto && c.caddr === caddr && c.cport === q.cport && c.vport === q.vport && c.vaddr === VIP && (q.cport === 0) === ((c.flags & IP_VS_CONN_F_NO_CPORT) !== 0)) ?? null;
          expect(t.inGet(q.proto, caddr, q.cport, VIP, q.vport)).toBe(want);
          const rs = 0x0a010001 + (q.client & 3);
          const wantF = [...model].reverse().find((c) => c.local !== null && c.protocol === q.proto && c.lport === q.lport && c.daddr === rs && c.dport === 8080) ?? null;
          expect(t.fnatOutGet(q.proto, rs, 8080, LIP, q.lport)).toBe(wantF);
        }
        expect(t.size).toBe(model.length);
        const listed = [...t];
        expect(listed.length).toBe(model.length);
        listed.forEach((c, i) => expect(c).toBe(model[i]));
      }),
      { numRuns: 40 },
    );
  });
});
