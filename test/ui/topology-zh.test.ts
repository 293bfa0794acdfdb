/** The topology drawing with Chinese host and segment names: measured, cut and marked in columns. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/trace/topology.js';
import { topologyLines, type TopoFocus } from '../../src/ui/topology.js';
import { displayWidth, sliceColumns } from '../../src/ui/width.js';
import { host } from './topology-shapes.js';

const ZH_DR: Topology = [
  host('客户端', 'eth0@互联网 203.0.113.10/24'),
  host('路由器', 'eth0@互联网 203.0.113.1/24', 'eth1@内网 192.168.1.1/24'),
  host('调度器', 'eth0@内网 192.168.1.5/24 192.168.1.100/32'),
  host('真实服务器1', 'eth0@内网 192.168.1.11/24'),
];

describe('topology with Chinese names', () => {
  it('marks the current host and segment right before their names, in columns', () => {
    const focus: TopoFocus = { host: '调度器', segment: '内网', iface: 'eth0', dir: 'tx' };
    const lines = topologyLines(ZH_DR, focus, new Set(['真实服务器1/eth0']), 80, 12);
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toContain('▶调度器');
    expect(text).toContain('▶内网');
    // the focus spans (in columns) cover the markers and the names they mark, nothing else
    const marked = lines.flatMap((l) => l.spans.filter((x) => x.tone === 'focus').map((s) => sliceColumns(l.text, s.from, s.to)));
    expect(marked.sort()).toEqual(['▲', '▶内网', '▶调度器'].sort());
  });

  it('property: every line fits its width in columns, and its spans lie within it, sorted', () => {
    const names = ['客户端', '路由器', '调度器', '真实服务器', 'rs', '备用调度器', 'web'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...names), segs: fc.subarray([0, 1, 2], { minLength: 0, maxLength: 2 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 12, max: 120 }),
        fc.integer({ min: 1, max: 16 }),
        (specs, width, rows) => {
          const segNames = ['互联网', '内网', 'vlan30'];
          const topo: Topology = specs.map((s, k) => host(`${s.name}${k}`, ...s.segs.map((g, n) => `eth${n}@${segNames[g]} 10.${g}.0.${k + 1}/24`)));
          const focus: TopoFocus = { host: topo[0]?.name, segment: '内网', iface: 'eth0', dir: 'rx' } as TopoFocus;
          const lines = topologyLines(topo, focus, new Set([`${topo[1]?.name ?? ''}/eth0`]), width, rows);
          expect(lines.length).toBeLessThanOrEqual(rows);
          for (const l of lines) {
            const w = displayWidth(l.text);
            expect({ text: l.text, fits: w <= width }).toEqual({ text: l.text, fits: true });
            let at = 0;
            for (const s of l.spans) {
              expect(s.from).toBeGreaterThanOrEqual(at);
              expect(s.to).toBeGreaterThan(s.from);
              expect(s.to).toBeLessThanOrEqual(w);
              at = s.to;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
