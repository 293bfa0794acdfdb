import { describe, expect, it } from 'vitest';
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
