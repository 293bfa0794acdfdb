import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from '../../src/trace/events.js';
import { Trace } from '../../src/trace/trace.js';
import { explain } from '../../src/ui/screen.js';
import { indexTrace } from '../../src/ui/trace-index.js';
import { labSession } from './fixture.js';

describe('xmitOf: the IPVS rewrite that sent a frame', () => {
  it('links every director tx IPVS sent, and no router tx; the narration gives that decision', () => {
    const trace = labSession('dr-basic').trace;
    const index = indexTrace(trace);
    let linked = 0;
    trace.events.forEach((e, i) => {
      const x = index.xmitOf[i] ?? -1;
      if (e.kind !== 'tx') {
        expect(x).toBe(-1);
        return;
      }
      if (e.host === 'router') expect(x).toBe(-1);
      if (x < 0) return;
      const d = trace.events[x];
      expect(d?.kind).toBe('ipvs.xmit');
      expect(d?.host).toBe(e.host);
      expect(d !== undefined && 'pkt' in d ? d.pkt : -1).toBe(e.pkt);
      expect(x).toBeGreaterThan(index.prevHop[i] ?? -1);
      expect(explain(trace, index, i)).toContain('Direct routing');
      linked++;
    });
    // every client→VIP packet the director forwards: four connections' worth of segments
    const xmits = trace.events.filter((e) => e.kind === 'ipvs.xmit').length;
    expect(linked).toBe(xmits);
  });
});

/** prevHop and xmitOf as their definitions say, with plain maps: the reference for indexTrace. */
function reference(events: readonly TraceEvent[]): { prevHop: number[]; xmitOf: number[] } {
  const prevHop: number[] = [];
  const xmitOf: number[] = [];
  events.forEach((e, i) => {
    prevHop.push(-1);
    xmitOf.push(-1);
    if (e.kind !== 'tx' && e.kind !== 'rx') return;
    for (let j = i - 1; j >= 0; j--) {
      const p = events[j];
      if (p?.kind === 'tx' && p.pkt === e.pkt) {
        prevHop[i] = j;
        break;
      }
    }
    if (e.kind !== 'tx') return;
    // The packet's last rewrite since its previous tx, when it was on this host.
    for (let j = i - 1; j > (prevHop[i] as number); j--) {
      const p = events[j];
      if (p?.kind === 'ipvs.xmit' && p.pkt === e.pkt) {
        if (p.host === e.host) xmitOf[i] = j;
        break;
      }
      if (p?.kind === 'tx' && p.pkt === e.pkt) break;
    }
  });
  return { prevHop, xmitOf };
}

describe('indexTrace on any packet ids', () => {
  it('dense, huge, negative and fractional ids give the same links as plain maps', () => {
    const M = { id: 'test' };
    const frame = labSession('dr-basic').trace.events.find((e) => e.kind === 'tx');
    if (frame === undefined || frame.kind !== 'tx') throw new Error('no frame');
    const pktArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1000, max: 5000 }), fc.constantFrom(-1, -7, 2 ** 40, 1.5, 3_000_000));
    const eventArb = fc.record({ kind: fc.constantFrom('tx' as const, 'rx' as const, 'ipvs.xmit' as const, 'app' as const), pkt: pktArb, host: fc.constantFrom('director', 'router') });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 80 }), (specs) => {
        const t = new Trace({ scenario: 't', title: 't', seed: 1, hosts: ['director', 'router'], segments: ['lan'] });
        specs.forEach((s, i) => {
          const base = { t: i, host: s.host, msg: M };
          if (s.kind === 'app') t.emit({ ...base, kind: 'app', app: 'x' });
          else if (s.kind === 'ipvs.xmit') t.emit({ ...base, kind: 'ipvs.xmit', fwd: 'droute', pkt: s.pkt, flow: 1, before: frame.frame.payload as never, after: frame.frame.payload as never });
          else t.emit({ ...base, kind: s.kind, iface: 'eth0', segment: 'lan', pkt: s.pkt, flow: 1, frame: frame.frame });
        });
        const index = indexTrace(t);
        const want = reference(t.events);
        expect(Array.from(index.prevHop)).toEqual(want.prevHop);
        expect(Array.from(index.xmitOf)).toEqual(want.xmitOf);
      }),
      { numRuns: 300 },
    );
  });
});
