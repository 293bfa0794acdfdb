import { describe, expect, it } from 'vitest';
import { formatMac } from '../../src/net/wire/addr.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { labSession } from '../ui/fixture.js';

type Neigh = Extract<TraceEvent, { kind: 'neigh' }>;

describe('an ARP answer refused within locktime is in the trace (neigh_update without override)', () => {
  it('dr-arp-trap: the router keeps rs1 (first reply) and says why it ignores the director', () => {
    const trace = labSession('dr-arp-trap').trace;
    const notes = trace.events.filter((e): e is Neigh => e.kind === 'neigh' && e.msg.id === 'neigh.locktime');
    expect(notes.length).toBeGreaterThan(0);
    const first = notes[0] as Neigh;
    expect(first.host).toBe('router');
    // the entry is unchanged: it still holds the MAC the note says it kept
    expect(first.msg.params?.['kept']).not.toBe(first.msg.params?.['mac']);
    expect(first.mac === undefined ? '' : formatMac(first.mac)).toBe(first.msg.params?.['kept']);
  });

  it('dr-basic: only the director answers, so nothing is refused', () => {
    const trace = labSession('dr-basic').trace;
    expect(trace.events.some((e) => e.kind === 'neigh' && e.msg.id === 'neigh.locktime')).toBe(false);
  });
});
