/**
 * The packet panes of the lab screen as lines of text: the selected packet's layers and fields
 * (from the trace's dissector, as Wireshark would show them), and what changed since the same
 * packet's previous hop on a wire, or across an IPVS rewrite. Pure functions of the trace and a
 * step; the components only print the lines.
 */
import { assertNever } from '../assert-never.js';
import { msg, render } from '../i18n/index.js';
import type { EthernetFrame, Ipv4Packet } from '../net/wire/packet.js';
import { dissect, dissectIp, treeLine, type DissectedField, type DissectedLayer } from '../trace/dissect.js';
import type { FwdMethod, TraceEvent, TxEvent } from '../trace/events.js';
import type { Trace } from '../trace/trace.js';
import { diffDissections, type FieldChange } from './hop-diff.js';
import { FWD_LABEL } from './text.js';
import type { TraceIndex } from './trace-index.js';

/** How a pane line is shown; components map tones to styles (and to nothing without colour). */
export type Tone = 'title' | 'plain' | 'dim' | 'changed' | 'added' | 'removed' | 'selected' | 'good' | 'bad' | 'focus';

export interface PaneLine {
  readonly text: string;
  readonly tone: Tone;
}

/** What the changes pane says about the packet at a step. */
export type ChangeView =
  | { readonly kind: 'none' }
  | { readonly kind: 'firstHop'; readonly pkt: number }
  | {
      readonly kind: 'hop';
      readonly fromStep: number;
      readonly from: TxEvent;
      readonly changes: readonly FieldChange[];
      /** The IPVS rewrite between the two hops, when the packet went through one. */
      readonly ipvs?: { readonly fwd: FwdMethod; readonly host: string; readonly step: number };
    }
  | { readonly kind: 'rewrite'; readonly fwd: FwdMethod; readonly changes: readonly FieldChange[] };

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
  const changes = diffDissections(dissect(from.frame), dissect(e.frame));
  const x = index.xmitOf[step] ?? -1;
  const xe = x >= 0 ? trace.events[x] : undefined;
  if (xe === undefined || xe.kind !== 'ipvs.xmit') return { kind: 'hop', fromStep, from, changes };
  return { kind: 'hop', fromStep, from, changes, ipvs: { fwd: xe.fwd, host: xe.host, step: x } };
}

/** The forwarding methods by the names the LVS documentation and the seed notes use. */
const METHOD_NAME: Readonly<Record<FwdMethod, string>> = {
  masq: 'NAT',
  droute: 'DR',
  tunnel: 'TUN',
  fullnat: 'FULLNAT',
  localnode: 'Local',
  bypass: 'bypass',
};

/**
 * Who made each change of a hop: the fields IPVS rewrote (its before/after, plus the destination
 * MAC for DR, whose whole rewrite is choosing the real server's MAC) are IPVS's; the rest is the
 * sending host's own doing (a new Ethernet header, TTL, a router's NAT).
 */
export function attributeHop(trace: Trace, view: Extract<ChangeView, { kind: 'hop' }>): { byIpvs: FieldChange[]; byHost: FieldChange[] } {
  if (view.ipvs === undefined) return { byIpvs: [], byHost: [...view.changes] };
  const x = trace.events[view.ipvs.step];
  const names = new Set<string>();
  if (x !== undefined && x.kind === 'ipvs.xmit') {
    for (const c of diffDissections(dissectIp(x.before), dissectIp(x.after))) {
      if (c.kind === 'layerAdded' || c.kind === 'layerRemoved') names.add(`layer:${c.layer}`);
      else names.add(c.name);
    }
  }
  if (view.ipvs.fwd === 'droute') names.add('eth.dst');
  // A packet IPVS made longer (an outer header, an option) makes a longer frame.
  if (names.has('ip.len') || names.has('layer:ip')) {
    names.add('frame.len');
    names.add('frame.cap_len');
  }
  const byIpvs: FieldChange[] = [];
  const byHost: FieldChange[] = [];
  for (const c of view.changes) {
    const name = c.kind === 'layerAdded' || c.kind === 'layerRemoved' ? `layer:${c.layer}` : c.name;
    (names.has(name) ? byIpvs : byHost).push(c);
  }
  return { byIpvs, byHost };
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

/**
 * The order changes are listed in: the lesson first (layers added or removed, addresses, ports,
 * options), then TTL and the like, lengths and checksums last: on a small terminal the
 * changes pane may show only its first lines.
 */
function importance(c: FieldChange): number {
  if (c.kind === 'layerAdded' || c.kind === 'layerRemoved') return 0;
  const n = c.name;
  if (/^(eth\.(dst|src)|ip\.(src|dst)|(tcp|udp)\.(srcport|dstport)|arp\.)/.test(n)) return 1;
  if (n.startsWith('tcp.options.')) return 2;
  if (/(checksum|\.len$|hdr_len|cap_len|^frame\.)/.test(n)) return 5;
  if (n === 'ip.ttl') return 3;
  return 4;
}

/** Change lines in order of importance, runs of the same line folded into one (`×10`). */
function changeBlock(changes: readonly FieldChange[]): PaneLine[] {
  const sorted = changes.map((c, i) => ({ c, i, rank: importance(c) })).sort((x, y) => x.rank - y.rank || x.i - y.i);
  const out: PaneLine[] = [];
  let last: PaneLine | undefined;
  let run = 0;
  const flush = (): void => {
    if (last === undefined) return;
    out.push(run > 1 ? { text: `${last.text} (×${run})`, tone: last.tone } : last);
  };
  for (const { c } of sorted) {
    const line = changeLine(c);
    if (last !== undefined && line.text === last.text) {
      run++;
      continue;
    }
    flush();
    last = line;
    run = 1;
  }
  flush();
  return out;
}

/** The changes pane: a heading sentence, then one line per changed field. */
export function changeLines(view: ChangeView, trace?: Trace): PaneLine[] {
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
      const out: PaneLine[] = [{ text: render(msg('ui.changes.hop', params)), tone: 'title' }];
      if (trace === undefined || view.ipvs === undefined) {
        out.push(...changeBlock(view.changes));
        return out;
      }
      const { byIpvs, byHost } = attributeHop(trace, view);
      if (byIpvs.length > 0) {
        out.push({ text: render(msg('ui.changes.byIpvs', { method: METHOD_NAME[view.ipvs.fwd], fwd: FWD_LABEL[view.ipvs.fwd], host: view.ipvs.host })), tone: 'title' });
        out.push(...changeBlock(byIpvs));
      }
      if (byHost.length > 0) {
        out.push({ text: render(msg('ui.changes.byHost', { host: view.ipvs.host })), tone: 'title' });
        out.push(...changeBlock(byHost));
      }
      return out;
    }
    case 'rewrite': {
      const fwd = FWD_LABEL[view.fwd];
      if (view.changes.length === 0) return [{ text: render(msg('ui.changes.rewriteNone', { fwd })), tone: 'dim' }];
      return [{ text: render(msg('ui.changes.rewrite', { fwd })), tone: 'title' }, ...changeBlock(view.changes)];
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
