/**
 * The packet panes of the lab screen as lines of text: the selected packet's layers and fields
 * (from the trace's dissector, as Wireshark would show them), and what changed since the same
 * packet's previous hop on a wire, or across an IPVS rewrite. Pure functions of the trace and a
 * step; the components only print the lines.
 */
import { assertNever } from '../assert-never.js';
import { msg, render } from '../i18n/index.js';
import { ETHERTYPE_IPV4, type EthernetFrame, type Ipv4Packet } from '../net/wire/packet.js';
import { dissect, treeLine, type DissectedField, type DissectedLayer } from '../trace/dissect.js';
import type { FwdMethod, TraceEvent, TxEvent } from '../trace/events.js';
import type { Trace } from '../trace/trace.js';
import { diffDissections, type FieldChange } from './hop-diff.js';
import { FWD_LABEL } from './text.js';
import type { TraceIndex } from './trace-index.js';

/** How a pane line is shown; components map tones to styles (and to nothing without colour). */
export type Tone = 'title' | 'plain' | 'dim' | 'changed' | 'added' | 'removed';

export interface PaneLine {
  readonly text: string;
  readonly tone: Tone;
}

/** What the changes pane says about the packet at a step. */
export type ChangeView =
  | { readonly kind: 'none' }
  | { readonly kind: 'firstHop'; readonly pkt: number }
  | { readonly kind: 'hop'; readonly fromStep: number; readonly from: TxEvent; readonly changes: readonly FieldChange[] }
  | { readonly kind: 'rewrite'; readonly fwd: FwdMethod; readonly changes: readonly FieldChange[] };

/**
 * Dissects an IP packet that is not in a frame (a hook's or IPVS's view of it): the trace's
 * dissector takes frames, so the packet is framed and the frame and Ethernet layers, which
 * describe that made-up frame, are left out again.
 */
function dissectIp(packet: Ipv4Packet): DissectedLayer[] {
  const frame: EthernetFrame = { layer: 'eth', dst: 0, src: 0, ethertype: ETHERTYPE_IPV4, payload: packet };
  const layers = dissect(frame);
  let first = 0;
  while (first < layers.length && (layers[first]?.name === 'frame' || layers[first]?.name === 'eth')) first++;
  return layers.slice(first);
}

function dissectAny(p: EthernetFrame | Ipv4Packet): DissectedLayer[] {
  return p.layer === 'eth' ? dissect(p) : dissectIp(p);
}

/** The layers of the packet an event carries (the frame for tx/rx; the IP packet for hook, drop, xmit). */
export function eventLayers(e: TraceEvent): readonly DissectedLayer[] {
  switch (e.kind) {
    case 'tx':
    case 'rx':
      return dissect(e.frame);
    case 'hook':
      return dissectIp(e.packet);
    case 'drop':
      return dissectAny(e.packet);
    case 'ipvs.xmit':
      return dissectIp(e.after);
    default:
      return [];
  }
}

/** The change view of the event at `step`: a hop against the previous hop, or an IPVS rewrite. */
export function changeViewAt(trace: Trace, index: TraceIndex, step: number): ChangeView {
  const e = trace.events[step];
  if (e === undefined) return { kind: 'none' };
  if (e.kind === 'ipvs.xmit') {
    return { kind: 'rewrite', fwd: e.fwd, changes: diffDissections(dissectIp(e.before), dissectIp(e.after)) };
  }
  if (e.kind !== 'tx' && e.kind !== 'rx') return { kind: 'none' };
  const fromStep = index.prevHop[step] ?? -1;
  const from = fromStep >= 0 ? trace.events[fromStep] : undefined;
  if (from === undefined || from.kind !== 'tx') return { kind: 'firstHop', pkt: e.pkt };
  return { kind: 'hop', fromStep, from, changes: diffDissections(dissect(from.frame), dissect(e.frame)) };
}

function named(name: string): string {
  return name === '' ? '' : `${name}: `;
}

/** One line per change: `eth.dst: 02:00:00:00:00:05 → 02:00:00:00:00:0b`. */
export function changeLine(c: FieldChange): PaneLine {
  switch (c.kind) {
    case 'changed':
      return { text: `  ${named(c.name)}${c.from} → ${c.to}`, tone: 'changed' };
    case 'added':
      return { text: `+ ${named(c.name)}${c.to}`, tone: 'added' };
    case 'removed':
      return { text: `- ${named(c.name)}${c.from}`, tone: 'removed' };
    case 'layerAdded':
      return { text: `+ ${c.title}`, tone: 'added' };
    case 'layerRemoved':
      return { text: `- ${c.title}`, tone: 'removed' };
    default:
      return assertNever(c);
  }
}

/** The changes pane: a heading sentence, then one line per changed field. */
export function changeLines(view: ChangeView): PaneLine[] {
  switch (view.kind) {
    case 'none':
      return [];
    case 'firstHop':
      return [{ text: render(msg('ui.changes.firstHop', { pkt: view.pkt })), tone: 'dim' }];
    case 'hop': {
      const params = {
        host: view.from.host,
        iface: view.from.iface,
        segment: view.from.segment,
        step: view.fromStep + 1,
      };
      if (view.changes.length === 0) return [{ text: render(msg('ui.changes.unchanged', params)), tone: 'dim' }];
      return [{ text: render(msg('ui.changes.hop', params)), tone: 'title' }, ...view.changes.map(changeLine)];
    }
    case 'rewrite': {
      const fwd = FWD_LABEL[view.fwd];
      if (view.changes.length === 0) return [{ text: render(msg('ui.changes.rewriteNone', { fwd })), tone: 'dim' }];
      return [{ text: render(msg('ui.changes.rewrite', { fwd })), tone: 'title' }, ...view.changes.map(changeLine)];
    }
    default:
      return assertNever(view);
  }
}

function fieldLines(fields: readonly DissectedField[], depth: number, withChildren: boolean, out: PaneLine[]): void {
  const indent = '  '.repeat(depth);
  for (const f of fields) {
    out.push({ text: `${indent}${treeLine(f)}`, tone: 'plain' });
    if (withChildren && f.children !== undefined) fieldLines(f.children, depth + 1, true, out);
  }
}

function moreLine(n: number, depth: number): PaneLine {
  return { text: `${'  '.repeat(depth)}${render(msg('ui.packet.more', { n }))}`, tone: 'dim' };
}

/**
 * The packet tree in at most `budget` lines. When the whole tree does not fit: every layer's
 * title (Wireshark's collapsed tree), then layers expanded one level, outer first, each only if
 * it fits whole; rows left over show the start of the first layer that did not fit. The frame
 * layer stays collapsed then: its fields repeat its title.
 */
export function packetTreeLines(layers: readonly DissectedLayer[], budget: number): PaneLine[] {
  if (budget <= 0) return [];
  if (layers.length === 0) return [{ text: render(msg('ui.packet.none')), tone: 'dim' }];
  const full: PaneLine[] = [];
  for (const layer of layers) {
    full.push({ text: layer.title, tone: 'title' });
    fieldLines(layer.fields, 1, true, full);
  }
  if (full.length <= budget) return full;

  if (layers.length > budget) {
    const shown = layers.slice(0, budget - 1).map((l): PaneLine => ({ text: l.title, tone: 'title' }));
    return [...shown, moreLine(layers.length - shown.length, 0)];
  }
  const fieldsOf = layers.map((layer) => {
    const lines: PaneLine[] = [];
    if (layer.name !== 'frame') fieldLines(layer.fields, 1, false, lines);
    return lines;
  });
  let spare = budget - layers.length;
  const shown = fieldsOf.map((fields) => {
    if (fields.length === 0 || fields.length > spare) return 0;
    spare -= fields.length;
    return fields.length;
  });
  const partial = fieldsOf.findIndex((fields, k) => shown[k] === 0 && fields.length > 0);
  if (partial >= 0 && spare >= 2) shown[partial] = spare - 1;

  const out: PaneLine[] = [];
  layers.forEach((layer, k) => {
    out.push({ text: layer.title, tone: 'title' });
    const fields = fieldsOf[k] ?? [];
    const n = shown[k] ?? 0;
    out.push(...fields.slice(0, n));
    if (n > 0 && n < fields.length) out.push(moreLine(fields.length - n, 1));
  });
  return out;
}
