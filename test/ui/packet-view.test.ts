import { describe, expect, it } from 'vitest';
import type { DissectedField, DissectedLayer } from '../../src/trace/dissect.js';
import { dissect } from '../../src/trace/dissect.js';
import { packetTreeLines } from '../../src/ui/packet-view.js';
import { FRAME_TO_RS1 } from './fixture.js';

function layer(name: string, n: number, sub = 0): DissectedLayer {
  const fields: DissectedField[] = Array.from({ length: n }, (_, i) => {
    const children = Array.from({ length: sub }, (_, j): DissectedField => ({ name: `${name}.f${i}.s${j}`, label: `S${j}`, value: j, display: String(j) }));
    return sub === 0
      ? { name: `${name}.f${i}`, label: `F${i}`, value: i, display: String(i) }
      : { name: `${name}.f${i}`, label: `F${i}`, value: i, display: String(i), children };
  });
  return { name, title: `${name.toUpperCase()} layer`, fields };
}

describe('packetTreeLines', () => {
  const layers = [layer('frame', 2), layer('eth', 3, 2), layer('ip', 5), layer('tcp', 4)];

  it('shows the whole tree when it fits', () => {
    const lines = packetTreeLines(layers, 100);
    expect(lines).toHaveLength(4 + 2 + 3 * 3 + 5 + 4);
    expect(lines[0]).toEqual({ text: 'FRAME layer', tone: 'title' });
    expect(lines.map((l) => l.text)).toContain('    S1: 1');
  });

  it('never exceeds its budget and always shows every layer title when they fit', () => {
    for (let budget = 0; budget < 30; budget++) {
      const lines = packetTreeLines(layers, budget);
      expect(lines.length).toBeLessThanOrEqual(budget);
      if (budget >= 4) {
        for (const l of layers) expect(lines.map((x) => x.text)).toContain(l.title);
      }
    }
  });

  it('expands whole layers first, then the start of the next one', () => {
    // 4 titles + eth's 3 fields + 2 of ip's 5 fields and a "more" line
    const lines = packetTreeLines(layers, 10).map((l) => l.text);
    expect(lines).toEqual(['FRAME layer', 'ETH layer', '  F0: 0', '  F1: 1', '  F2: 2', 'IP layer', '  F0: 0', '  F1: 1', '  … 3 more', 'TCP layer']);
  });

  it('shows a real frame in 80×24 room', () => {
    const lines = packetTreeLines(dissect(FRAME_TO_RS1), 6).map((l) => l.text);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('Ethernet II, Src: 02:00:00:00:00:05, Dst: 02:00:00:00:00:0b');
  });
});
