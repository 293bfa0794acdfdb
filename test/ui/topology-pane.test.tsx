import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TopologyPane } from '../../src/ui/components/TopologyPane.js';
import { topologyLines } from '../../src/ui/topology.js';
import { DR_BASIC } from './topology-shapes.js';

// Ink decides colour support when loaded: force it on, so no colour below is the pane's doing.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const COLOUR = /\u001b\[(3[0-7]|9[0-7]|4[0-7])m/;
const INVERSE = /\u001b\[7m/;
const ANSI = /\u001b\[[0-9;]*m/g;

afterEach(() => {
  cleanup();
});

function frame(color: boolean): string {
  const lines = topologyLines(DR_BASIC, { host: 'client', iface: 'eth0', segment: 'internet', dir: 'tx' }, new Set(['rs2/eth0']), 60, 12);
  const { lastFrame } = render(<TopologyPane lines={lines} width={60} color={color} />);
  return lastFrame() ?? '';
}

describe('TopologyPane', () => {
  it('with colour off: no colour codes, the focus still in inverse video, every marker in the text', () => {
    const out = frame(false);
    expect(out).not.toMatch(COLOUR);
    expect(out).toMatch(INVERSE);
    const plain = out.replace(ANSI, '');
    expect(plain).toContain('▶client');
    expect(plain).toContain('▶internet');
    expect(plain).toContain('▲');
    expect(plain).toContain('╳');
    for (const h of ['router', 'director', 'rs1', 'rs2']) expect(plain).toContain(h);
  });

  it('with colour on: the wires and the down link are coloured', () => {
    expect(frame(true)).toMatch(COLOUR);
  });

  it('draws each line as given, one terminal row each', () => {
    const lines = topologyLines(DR_BASIC, {}, new Set(), 60, 12);
    const { lastFrame } = render(<TopologyPane lines={lines} width={60} color={false} />);
    const rows = (lastFrame() ?? '').replace(ANSI, '').split('\n');
    expect(rows.map((r) => r.trimEnd())).toEqual(lines.map((l) => l.text));
  });
});
