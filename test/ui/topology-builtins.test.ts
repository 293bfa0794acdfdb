/** Every built-in lab's topology, as the runner records it, drawn in a pane of 80 and 60 columns. */
import { describe, expect, it } from 'vitest';
import { buildLab } from '../../src/scenarios/build.js';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { topologyLines } from '../../src/ui/topology.js';
import { loadBuiltin } from '../e2e/helpers.js';

describe('the topology of every built-in lab', () => {
  for (const b of listBuiltins()) {
    it(`${b.name}: every host drawn, or counted, within 12 rows`, () => {
      const built = buildLab(loadBuiltin(b.name), { seed: undefined, sinks: [] });
      if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
      const topo = built.built.topology;
      for (const width of [80, 60]) {
        const lines = topologyLines(topo, {}, new Set(), width, 12);
        expect(lines.length).toBeLessThanOrEqual(12);
        for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(width);
        const all = lines.map((l) => l.text).join('\n');
        const missing = topo.filter((h) => !new RegExp(`(^|[^\\w-])${h.name}($|[^\\w-])`).test(all));
        let more = 0;
        for (const m of all.matchAll(/\+(\d+)(?!\d| more segments)/g)) more += Number(m[1]);
        expect(missing.length === 0 || more >= missing.length, `${width} columns:\n${all}`).toBe(true);
        for (const h of topo) {
          // The current host of a step is always shown, even when others have to be counted.
          const focused = topologyLines(topo, { host: h.name }, new Set(), width, 12);
          expect(focused.some((l) => l.text.includes(`▶${h.name}`))).toBe(true);
        }
      }
    });
  }
});
