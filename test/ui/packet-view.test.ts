import { describe, expect, it } from 'vitest';
import type { DissectedField, DissectedLayer } from '../../src/trace/dissect.js';
import { dissect } from '../../src/trace/dissect.js';
import type { TraceEvent } from '../../src/trace/events.js';
import type { Trace } from '../../src/trace/trace.js';
import type { FieldChange } from '../../src/ui/hop-diff.js';
import { attributeHop, changeLines, changeViewAt, packetTreeLines, type ChangeView } from '../../src/ui/packet-view.js';
import { fitWidth } from '../../src/ui/text.js';
import { indexTrace } from '../../src/ui/trace-index.js';
import { drTrace, findStep, FRAME_TO_RS1, labSession } from './fixture.js';

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

/** The director's first IPVS rewrite in a lab, and the frame it then sent (same packet). */
function firstForward(trace: Trace): { xmit: number; fwd: number } {
  const xmit = findStep(trace, (e) => e.kind === 'ipvs.xmit');
  const x = trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>;
  const fwd = findStep(trace, (e) => e.kind === 'tx' && e.pkt === x.pkt && e.host === x.host, xmit);
  return { xmit, fwd };
}

function hopAt(trace: Trace, step: number): Extract<ChangeView, { kind: 'hop' }> {
  const v = changeViewAt(trace, indexTrace(trace), step);
  if (v.kind !== 'hop') throw new Error(`step ${step} is a ${v.kind}`);
  return v;
}

const nameOf = (c: FieldChange): string => (c.kind === 'layerAdded' || c.kind === 'layerRemoved' ? `+${c.layer}` : c.name);
const names = (cs: readonly FieldChange[]): string[] => cs.map(nameOf);

describe('who changed what at a hop (attribution)', () => {
  it('dr-basic: the forwarded SYN has eth.dst changed by IPVS DR, eth.src by the director itself, the IP addresses untouched', () => {
    const trace = labSession('dr-basic').trace;
    const { fwd } = firstForward(trace);
    const view = hopAt(trace, fwd);
    expect(view.ipvs).toMatchObject({ fwd: 'droute', host: 'director' });
    const { byIpvs, byHost } = attributeHop(trace, view);
    expect(names(byIpvs)).toContain('eth.dst');
    expect(names(byHost)).toContain('eth.src');
    expect(names([...byIpvs, ...byHost])).not.toContain('ip.dst');
    expect(names([...byIpvs, ...byHost])).not.toContain('ip.src');
    const text = changeLines(view, trace).map((l) => l.text);
    const byDr = text.indexOf('by IPVS DR (Route) on director:');
    const byDirector = text.indexOf('by director itself, sending it on:');
    expect(byDr).toBeGreaterThan(0);
    expect(byDirector).toBeGreaterThan(byDr);
    const ethDst = text.findIndex((t) => t.startsWith('  eth.dst: '));
    expect(ethDst).toBeGreaterThan(byDr);
    expect(ethDst).toBeLessThan(byDirector);
  });

  it('nat-basic: ip.dst by IPVS NAT (the MACs by the director)', () => {
    const trace = labSession('nat-basic').trace;
    const view = hopAt(trace, firstForward(trace).fwd);
    const { byIpvs, byHost } = attributeHop(trace, view);
    expect(byIpvs.find((c) => nameOf(c) === 'ip.dst')).toMatchObject({ kind: 'changed', from: '203.0.113.100', to: '10.0.0.12' });
    expect(names(byHost)).toEqual(expect.arrayContaining(['eth.dst', 'eth.src']));
    expect(changeLines(view, trace).map((l) => l.text)).toContain('by IPVS NAT (Masq) on director:');
  });

  it('nat-portmap: ip.dst and tcp.dstport by IPVS NAT', () => {
    const trace = labSession('nat-portmap').trace;
    const { byIpvs } = attributeHop(trace, hopAt(trace, firstForward(trace).fwd));
    expect(byIpvs.find((c) => nameOf(c) === 'tcp.dstport')).toMatchObject({ kind: 'changed', from: '80', to: '8080' });
    expect(names(byIpvs)).toContain('ip.dst');
  });

  it('tun-basic: an added outer IPv4 header by IPVS TUN', () => {
    const trace = labSession('tun-basic').trace;
    const view = hopAt(trace, firstForward(trace).fwd);
    const { byIpvs, byHost } = attributeHop(trace, view);
    const added = byIpvs.find((c) => c.kind === 'layerAdded');
    expect(added).toMatchObject({ kind: 'layerAdded', layer: 'ip' });
    expect(added?.kind === 'layerAdded' && added.title).toMatch(/^Internet Protocol Version 4, Src: 192\.168\.1\.5, Dst: /);
    // the inner destination is still the VIP: only an outer header was added
    expect(names([...byIpvs, ...byHost])).not.toContain('ip.dst');
    expect(changeLines(view, trace).map((l) => l.text)).toContain('by IPVS TUN (Tunnel) on director:');
  });

  it('fullnat-toa: both addresses, both ports and the TCP options (the TOA) by IPVS FULLNAT', () => {
    const trace = labSession('fullnat-toa').trace;
    const view = hopAt(trace, firstForward(trace).fwd);
    const { byIpvs } = attributeHop(trace, view);
    // The options are compared entry by entry: the TOA (option 254, Wireshark's "Experimental")
    // is an added option, listed on its own, with nothing about the options that only moved.
    expect(names(byIpvs)).toEqual(expect.arrayContaining(['ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.options.experimental']));
    const toa = byIpvs.find((c) => nameOf(c) === 'tcp.options.experimental');
    expect(toa?.kind).toBe('added');
    expect(toa?.kind === 'added' && toa.to).toMatch(/Experimental/);
    // The fork overwrites the 10-byte Timestamps option with NOPs to make room: one folded line.
    expect(byIpvs.some((c) => c.kind === 'removed' && nameOf(c) === 'tcp.options.timestamp')).toBe(true);
    expect(changeLines(view, trace).map((l) => l.text)).toContain('+ tcp.options.nop: TCP Option - No-Operation (NOP) (×10)');
    expect(changeLines(view, trace).map((l) => l.text)).toContain('by IPVS FULLNAT (FullNat) on director:');
  });

  it('fullnat-toa: at 80 columns the changes name the TOA option the director inserted', () => {
    // The lesson of FULLNAT+TOA is the option carrying the client address; a student on an
    // 80-column terminal must be able to read that it was added.
    const trace = labSession('fullnat-toa').trace;
    const view = hopAt(trace, firstForward(trace).fwd);
    const lines = changeLines(view, trace).map((l) => fitWidth(l.text, 80));
    expect(lines.some((l) => /TOA/.test(l))).toBe(true);
  });

  it("a router's hop: TTL and Ethernet changed by the host itself, nothing by IPVS", () => {
    const trace = labSession('dr-basic').trace;
    const { xmit } = firstForward(trace);
    const pkt = (trace.events[xmit] as Extract<TraceEvent, { kind: 'ipvs.xmit' }>).pkt;
    const routerTx = findStep(trace, (e) => e.kind === 'tx' && e.host === 'router' && e.pkt === pkt);
    const view = hopAt(trace, routerTx);
    expect(view.ipvs).toBeUndefined();
    const { byIpvs, byHost } = attributeHop(trace, view);
    expect(byIpvs).toEqual([]);
    expect(byHost.find((c) => nameOf(c) === 'ip.ttl')).toMatchObject({ from: '64', to: '63' });
    expect(names(byHost)).toEqual(expect.arrayContaining(['eth.src', 'eth.dst']));
    const text = changeLines(view, trace).map((l) => l.text);
    expect(text[0]).toMatch(/^Changed since client eth0 sent it on internet \(step \d+\):$/);
    expect(text.some((t) => t.startsWith('by IPVS'))).toBe(false);
  });

  it('the fixture: a first hop, an unchanged reception, the IPVS rewrite itself', () => {
    const trace = drTrace();
    const index = indexTrace(trace);
    expect(changeViewAt(trace, index, 0)).toEqual({ kind: 'firstHop', pkt: 7 });
    expect(changeLines(changeViewAt(trace, index, 1), trace).map((l) => l.text)).toEqual(['Unchanged since client eth0 sent it on lan (step 1).']);
    const rewrite = changeLines(changeViewAt(trace, index, 4), trace).map((l) => l.text);
    expect(rewrite[0]).toBe('Rewritten by IPVS (Route):');
    expect(rewrite.join('\n')).toMatch(/ip\.ttl: 64 → 63/);
    expect(rewrite.join('\n')).not.toMatch(/eth\.dst/);
    // the hook and the checkpoint carry no hop
    expect(changeViewAt(trace, index, 7)).toEqual({ kind: 'none' });
  });
});
