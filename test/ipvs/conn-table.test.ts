/**
 * The connection table against a plain model: random hash/unhash/lookup sequences give the same
 * answers as a list of entries searched linearly (newest first within a key, as the kernel's
 * chains), the same size, and the same creation-order iteration, also when entries are unhashed
 * while an iteration is under way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnTable, IpvsConn } from '../../src/ipvs/conn.js';
import { LocalAddr } from '../../src/ipvs/laddr.js';

const VIP = 0xc0a80164;
const LIP = 0x0a000064;

/** A small universe of clients so that chains collide and keys repeat. */
const op = fc.oneof(
  fc.record({ kind: fc.constant('hash' as const), client: fc.integer({ min: 0, max: 5 }), cport: fc.integer({ min: 1, max: 3 }), vport: fc.constantFrom(80, 443) }),
  fc.record({ kind: fc.constant('unhash' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('get' as const), client: fc.integer({ min: 0, max: 5 }), cport: fc.integer({ min: 1, max: 3 }), vport: fc.constantFrom(80, 443) }),
);

describe('ConnTable is a hash table of entries in creation order', () => {
  it('agrees with a linear model on every lookup, the size and the iteration order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const table = new ConnTable();
        const model: IpvsConn[] = []; // creation order
        for (const o of ops) {
          if (o.kind === 'hash') {
            const cp = IpvsConn.alloc({ protocol: 6, caddr: 0x0a000000 + o.client, cport: o.cport, vaddr: VIP, vport: o.vport }, 0x0a010001, 80, 0);
            table.hash(cp);
            model.push(cp);
          } else if (o.kind === 'unhash') {
            if (model.length === 0) continue;
            const [cp] = model.splice(o.pick % model.length, 1);
            expect(table.unhash(cp as IpvsConn)).toBe(true);
            expect(table.unhash(cp as IpvsConn)).toBe(false);
          } else {
            const caddr = 0x0a000000 + o.client;
            // The newest matching entry wins, as at the head of a kernel chain.
            const want = [...model].reverse().find((c) => c.caddr === caddr && c.cport === o.cport && c.vport === o.vport) ?? null;
            expect(table.inGet(6, caddr, o.cport, VIP, o.vport)).toBe(want);
          }
          expect(table.size).toBe(model.length);
        }
        expect([...table]).toEqual(model);
      }),
    );
  });

  it('FULLNAT entries are found from the reply side by <laddr:lport, daddr:dport>, also after removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lport: fc.integer({ min: 5001, max: 5003 }), rs: fc.integer({ min: 1, max: 3 }), drop: fc.boolean() }), { maxLength: 30 }),
        (specs) => {
          const table = new ConnTable();
          const local = new LocalAddr(LIP);
          const live: IpvsConn[] = [];
          specs.forEach((x, i) => {
            const cp = IpvsConn.alloc({ protocol: 6, caddr: 0x0a000000 + i, cport: 1000 + i, vaddr: VIP, vport: 80 }, 0x0a010000 + x.rs, 8080, 0);
            cp.local = local;
            cp.laddr = LIP;
            cp.lport = x.lport;
            table.hash(cp);
            live.push(cp);
            if (x.drop) {
              const victim = live.splice(i % live.length, 1)[0] as IpvsConn;
              table.unhash(victim);
            }
          });
          for (let lport = 5001; lport <= 5003; lport++) {
            for (let rs = 1; rs <= 3; rs++) {
              const want = [...live].reverse().find((c) => c.lport === lport && c.daddr === 0x0a010000 + rs) ?? null;
              expect(table.fnatOutGet(6, 0x0a010000 + rs, 8080, LIP, lport)).toBe(want);
            }
          }
        },
      ),
    );
  });

  it('an iteration survives the removal of the entry it stands on and of entries ahead of it', () => {
    const table = new ConnTable();
    const cps = Array.from({ length: 6 }, (_, i) => IpvsConn.alloc({ protocol: 6, caddr: 0x0a000000 + i, cport: 1, vaddr: VIP, vport: 80 }, 0x0a010001, 80, 0));
    for (const cp of cps) table.hash(cp);
    const seen: number[] = [];
    for (const cp of table) {
      seen.push(cp.caddr & 0xff);
      if ((cp.caddr & 0xff) === 1) {
        table.unhash(cp); // the current entry
        table.unhash(cps[2] as IpvsConn); // the next one
        table.unhash(cps[3] as IpvsConn); // and the one after it
      }
    }
    expect(seen).toEqual([0, 1, 4, 5]);
    expect([...table].map((c) => c.caddr & 0xff)).toEqual([0, 4, 5]);
  });
});
