import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import type { Topology } from '../../src/trace/topology.js';
import { focusOfEvent, initialLinkDown, topologyLines, type TopoFocus, type TopoLine } from '../../src/ui/topology.js';
import { drTrace } from './fixture.js';
import { DR_BASIC, EIGHT_CLIENTS, host, KEEPALIVED, NAT_BASIC, SHAPES, TUN_BASIC } from './topology-shapes.js';

const NONE: ReadonlySet<string> = new Set();

function draw(topo: Topology, focus: TopoFocus = {}, down: ReadonlySet<string> = NONE, width = 80, rows = 12): TopoLine[] {
  return topologyLines(topo, focus, down, width, rows);
}

function segmentsOf(topo: Topology): string[] {
  const segs: string[] = [];
  for (const h of topo) for (const i of h.ifaces) if (i.segment !== undefined && !segs.includes(i.segment)) segs.push(i.segment);
  return segs;
}

/** Whether `name` appears in `text` as a whole word (rs1 is not rs10). */
function hasWord(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w-])${name.replace(/[-]/g, '\\-')}($|[^\\w-])`).test(text);
}

/** The hosts not drawn anywhere, and the sum of the `+N more` counts. */
function accounting(lines: readonly TopoLine[], topo: Topology): { missing: string[]; more: number } {
  const all = lines.map((l) => l.text).join('\n');
  const missing = topo.map((h) => h.name).filter((n) => !hasWord(all, n));
  let more = 0;
  for (const m of all.matchAll(/\+(\d+)(?!\d| more segments)/g)) more += Number(m[1]);
  return { missing, more };
}

/** The line whose text holds `name` as a word, and the column where it starts. */
function find(lines: readonly TopoLine[], name: string): { row: number; col: number } {
  for (let row = 0; row < lines.length; row++) {
    const text = lines[row]?.text ?? '';
    const m = new RegExp(`(^|[^\\w-])(${name})($|[^\\w-])`).exec(text);
    if (m !== null) return { row, col: m.index + (m[1] ?? '').length };
  }
  throw new Error(`${name} not drawn:\n${lines.map((l) => l.text).join('\n')}`);
}

function toneAt(line: TopoLine | undefined, col: number): string | undefined {
  return line?.spans.find((s) => s.from <= col && col < s.to)?.tone;
}

function busLine(lines: readonly TopoLine[], segment: string): number {
  const rows = lines.flatMap((l, k) => (new RegExp(`^[ ▶]${segment} `).test(l.text) ? [k] : []));
  expect(rows).toHaveLength(1);
  return rows[0] as number;
}

describe('topologyLines: shapes of the built-in labs', () => {
  for (const [name, topo] of Object.entries(SHAPES)) {
    for (const width of [40, 50, 80, 120]) {
      it(`${name} at ${width} columns: every host, each segment once, within the width`, () => {
        const lines = draw(topo, {}, NONE, width, 12);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.length).toBeLessThanOrEqual(12);
        for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(width);
        expect(accounting(lines, topo).missing).toEqual([]);
        for (const s of segmentsOf(topo)) busLine(lines, s);
      });
    }
  }

  it('draws the path top to bottom: client on internet, the router between, the real servers on lan', () => {
    const lines = draw(DR_BASIC);
    const internet = busLine(lines, 'internet');
    const lan = busLine(lines, 'lan');
    expect(internet).toBeLessThan(find(lines, 'client').row);
    expect(find(lines, 'router').row).toBeLessThan(lan);
    for (const rs of ['director', 'rs1', 'rs2']) expect(find(lines, rs).row).toBeGreaterThan(lan);
    // The router's wire lands on the lan bus in its own column, with eth1 labelled above it.
    const router = find(lines, 'router');
    expect(lines[lan]?.text[router.col]).toBe('╧');
    expect(lines.some((l) => l.text.includes('eth1 .1'))).toBe(true);
    // Addresses are relative to the subnet printed on the bus.
    expect(lines[internet]?.text).toContain('203.0.113.0/24');
    expect(lines[lan]?.text).toContain('192.168.1.0/24');
    expect(lines.some((l) => l.text.includes('.5 .100'))).toBe(true);
  });

  it('a router on three segments is wired through the middle bus to the last', () => {
    const lines = draw(TUN_BASIC, {}, NONE, 80, 14);
    const router = find(lines, 'router');
    expect(lines[busLine(lines, 'lan')]?.text[router.col]).toBe('╪');
    expect(lines[busLine(lines, 'remote')]?.text[router.col]).toBe('╧');
  });

  it('shows the tunnel device next to its host', () => {
    const lines = draw(TUN_BASIC, {}, NONE, 80, 14);
    const rs2 = find(lines, 'rs2');
    const tunnel = lines.findIndex((l, k) => k > rs2.row && l.text.includes('tunl0'));
    expect(tunnel).toBeGreaterThan(rs2.row);
    expect(tunnel - rs2.row).toBeLessThanOrEqual(2);
    // Still there when rows are fewer: on the address line.
    const tight = draw(TUN_BASIC, {}, NONE, 80, 11);
    expect(tight.filter((l) => l.text.includes('tunl0')).length).toBe(2);
  });

  it('keeps both directors of a keepalived pair on the lan bus', () => {
    const lines = draw(KEEPALIVED);
    const lan = busLine(lines, 'lan');
    for (const lb of ['lb1', 'lb2']) {
      const at = find(lines, lb);
      expect(at.row).toBe(lan + 1);
      expect(lines[lan]?.text[at.col]).toBe('╤');
    }
  });
});

describe('topologyLines: the current step', () => {
  it('marks a tx: the sender, the segment, and an arrow up onto the bus', () => {
    const lines = draw(DR_BASIC, { host: 'client', iface: 'eth0', segment: 'internet', dir: 'tx', otherHost: 'router' });
    const client = find(lines, 'client');
    const internet = busLine(lines, 'internet');
    expect(lines[client.row]?.text[client.col - 1]).toBe('▶');
    expect(toneAt(lines[client.row], client.col)).toBe('focus');
    expect(lines[internet]?.text.startsWith('▶internet')).toBe(true);
    expect(toneAt(lines[internet], 1)).toBe('focus');
    expect(lines[internet]?.text[client.col]).toBe('▲');
    expect(toneAt(lines[internet], client.col)).toBe('focus');
    const router = find(lines, 'router');
    expect(lines[router.row]?.text[router.col - 1]).toBe('▷');
    // Only one host and one segment are current.
    expect(lines.map((l) => l.text).join('\n').match(/▶/g)).toHaveLength(2);
  });

  it('marks an rx: an arrow down into the receiver', () => {
    const lines = draw(DR_BASIC, { host: 'rs1', iface: 'eth0', segment: 'lan', dir: 'rx' });
    const rs1 = find(lines, 'rs1');
    expect(lines[rs1.row]?.text[rs1.col - 1]).toBe('▶');
    expect(lines[busLine(lines, 'lan')]?.text[rs1.col]).toBe('▼');
  });

  it('a router sending on its lower segment: the arrow points down its wire, its device is marked', () => {
    const lines = draw(DR_BASIC, { host: 'router', iface: 'eth1', segment: 'lan', dir: 'tx' });
    const router = find(lines, 'router');
    expect(lines[busLine(lines, 'lan')]?.text[router.col]).toBe('▼');
    const label = lines.find((l) => l.text.includes('eth1 .1'));
    expect(label?.text).toContain('▶eth1 .1');
    // A NAT director receiving from its lower segment: the arrow points up its wire.
    const nat = draw(NAT_BASIC, { host: 'director', iface: 'eth1', segment: 'lan', dir: 'rx' });
    const director = find(nat, 'director');
    expect(nat[busLine(nat, 'lan')]?.text[director.col]).toBe('▲');
  });

  it('a host-local event marks only the host', () => {
    const lines = draw(DR_BASIC, { host: 'director' });
    const all = lines.map((l) => l.text).join('\n');
    expect(all).toContain('▶director');
    expect(all).not.toMatch(/[▲▼]/);
    expect(all.match(/▶/g)).toHaveLength(1);
  });

  it('a link that is down is crossed out on its bus with the down tone', () => {
    const lines = draw(DR_BASIC, {}, new Set(['rs2/eth0']));
    const rs2 = find(lines, 'rs2');
    const lan = busLine(lines, 'lan');
    expect(lines[lan]?.text[rs2.col]).toBe('╳');
    expect(toneAt(lines[lan], rs2.col)).toBe('down');
    expect(lines[lan]?.text[find(lines, 'rs1').col]).toBe('╤');
    // The router's lower device down: its landing on lan is crossed out.
    const router = draw(DR_BASIC, {}, new Set(['router/eth1']));
    expect(router[busLine(router, 'lan')]?.text[find(router, 'router').col]).toBe('╳');
  });

  it('a down link and the focus are marked in the one-line-per-segment form too', () => {
    const lines = draw(EIGHT_CLIENTS, { host: 'client3', segment: 'internet', iface: 'eth0', dir: 'tx' }, new Set(['rs2/eth0']), 80, 12);
    const all = lines.map((l) => l.text).join('\n');
    expect(all).toContain('▶client3');
    expect(all).toContain('╳rs2');
    expect(lines[busLine(lines, 'internet')]?.text.startsWith('▶internet')).toBe(true);
  });

  it('leaves the cached drawing untouched by a previous step', () => {
    draw(DR_BASIC, { host: 'client', segment: 'internet', iface: 'eth0', dir: 'tx' }, new Set(['rs1/eth0']));
    const plain = draw(DR_BASIC);
    expect(plain.map((l) => l.text).join('\n')).not.toMatch(/[▶▷▲▼╳]/);
    expect(plain.every((l) => l.spans.every((s) => s.tone !== 'focus' && s.tone !== 'down'))).toBe(true);
  });
});

describe('topologyLines: small screens', () => {
  it('6 rows: every host still shown, addresses dropped first', () => {
    for (const topo of [DR_BASIC, NAT_BASIC, KEEPALIVED]) {
      const lines = draw(topo, {}, NONE, 80, 6);
      expect(lines.length).toBeLessThanOrEqual(6);
      expect(accounting(lines, topo).missing).toEqual([]);
    }
  });

  it('counts what cannot fit, and keeps the current host visible', () => {
    const lines = draw(EIGHT_CLIENTS, { host: 'client8' }, NONE, 40, 3);
    expect(lines.length).toBeLessThanOrEqual(3);
    const { missing, more } = accounting(lines, EIGHT_CLIENTS);
    expect(missing.length).toBeGreaterThan(0);
    expect(more).toBeGreaterThanOrEqual(missing.length);
    expect(lines.map((l) => l.text).join('\n')).toContain('▶client8');
  });

  it('says so when there is no topology', () => {
    expect(draw([]).map((l) => l.text)).toEqual(['No topology recorded for this lab.']);
  });

  it('lists hosts that are cabled to no segment', () => {
    const lines = draw([...NAT_BASIC, host('lonely')]);
    expect(lines.some((l) => l.text.includes('not cabled:') && hasWord(l.text, 'lonely'))).toBe(true);
  });

  it('never throws, stays in its box, and accounts for every host (any shape, any size)', () => {
    const segNames = ['internet', 'lan', 'remote', 'vlan30'];
    const hostArb = fc.record({
      segs: fc.subarray([0, 1, 2, 3], { minLength: 0, maxLength: 3 }),
      tunnel: fc.boolean(),
      nameLen: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(hostArb, { minLength: 1, maxLength: 14 }), fc.integer({ min: 12, max: 200 }), fc.integer({ min: 1, max: 30 }), (specs, width, rows) => {
        const topo: Topology = specs.map((s, k) =>
          host(
            `h${k}${'x'.repeat(Math.max(0, s.nameLen - 2 - String(k).length))}`,
            ...s.segs.map((g, n) => `eth${n}@${segNames[g]} 10.${g}.0.${k + 1}/24`),
            ...(s.tunnel ? ['tunl0 192.168.1.100/32'] : []),
          ),
        );
        const focus: TopoFocus = { host: 'h0', segment: 'lan', iface: 'eth0', dir: 'tx' };
        const lines = topologyLines(topo, focus, new Set(['h1/eth0']), width, rows);
        expect(lines.length).toBeLessThanOrEqual(rows);
        for (const l of lines) {
          expect(l.text.length).toBeLessThanOrEqual(width);
          let at = 0;
          for (const s of l.spans) {
            expect(s.from).toBeGreaterThanOrEqual(at);
            expect(s.to).toBeGreaterThan(s.from);
            expect(s.to).toBeLessThanOrEqual(l.text.length);
            at = s.to;
          }
        }
        const segCount = new Set(specs.flatMap((s) => s.segs)).size;
        // Below 30 columns a `+N more` may not fit beside a segment's name.
        if (rows > segCount + 1 && width >= 30) {
          const { missing, more } = accounting(lines, topo);
          if (missing.length > 0) expect(more).toBeGreaterThanOrEqual(missing.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('focusOfEvent', () => {
  const events = drTrace().events as readonly TraceEvent[];

  it('a tx gives the sender, its device, the segment, and the receiver by MAC', () => {
    const tx = events.find((e) => e.kind === 'tx' && e.host === 'director');
    expect(tx).toBeDefined();
    if (tx === undefined || tx.kind !== 'tx') return;
    const topo: Topology = [
      { name: 'director', ifaces: [{ name: 'eth0', kind: 'ether', segment: 'lan', mac: tx.frame.src, mtu: 1500, up: true, addrs: [] }], routes: [] },
      { name: 'rs1', ifaces: [{ name: 'eth0', kind: 'ether', segment: 'lan', mac: tx.frame.dst, mtu: 1500, up: true, addrs: [] }], routes: [] },
    ];
    expect(focusOfEvent(tx)).toEqual({ host: 'director', iface: 'eth0', segment: 'lan', dir: 'tx' });
    expect(focusOfEvent(tx, topo)).toEqual({ host: 'director', iface: 'eth0', segment: 'lan', dir: 'tx', otherHost: 'rs1' });
    const rx = events.find((e) => e.kind === 'rx' && e.host === 'rs1');
    expect(rx === undefined ? undefined : focusOfEvent(rx, topo)).toEqual({ host: 'rs1', iface: 'eth0', segment: 'lan', dir: 'rx', otherHost: 'director' });
  });

  it('any other event gives its host', () => {
    const hook = events.find((e) => e.kind === 'hook');
    expect(hook === undefined ? undefined : focusOfEvent(hook)).toEqual({ host: 'director' });
  });

  it('initialLinkDown lists the devices that start down', () => {
    const topo: Topology = [{ ...DR_BASIC[3]!, ifaces: DR_BASIC[3]!.ifaces.map((i) => (i.name === 'eth0' ? { ...i, up: false } : i)) }];
    expect([...initialLinkDown(topo)]).toEqual(['rs1/eth0']);
  });
});
