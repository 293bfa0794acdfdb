/**
 * The lab's network drawn in text: each segment a bus (`internet ═══╤═══ 203.0.113.0/24`), each
 * host hanging below the first bus it is cabled to, and a host on several segments (a router, a
 * NAT director) dropping a wire down to the buses below, so the path client → router → director →
 * real server reads top to bottom. Addresses are written relative to the subnet printed on the bus
 * (`.10` under `203.0.113.0/24`). The current step is overlaid with markers that read without
 * colour: `▶` before the host and the segment, `▲`/`▼` on the wire a frame travels, `╳` on a
 * link that is down. The static drawing is cached per (topology, width, rows); a step only copies
 * it and overlays the focus. When space is short it degrades: tunnel and loopback devices go
 * first, then addresses, then the drawing becomes one line per segment, and at last hosts that
 * cannot fit are counted (`+3 more`), never silently dropped.
 */
import { render } from '../i18n/index.js';
import { formatIp4, inPrefix, MAC_BROADCAST, networkOf, type Ip4, type Mac } from '../net/wire/addr.js';
import type { AddrEntry, TraceEvent } from '../trace/events.js';
import type { TopoIface, Topology } from '../trace/topology.js';
import { clustersOf, displayWidth, dropColumns, padToWidth, takeColumns } from './width.js';

/** What the current event touches: a frame sent by `host` on `segment`, received, or a host-local event. */
export interface TopoFocus {
  readonly host?: string;
  readonly segment?: string;
  readonly iface?: string;
  readonly dir?: 'tx' | 'rx';
  /** The other end of the frame: the receiver of a tx, the sender of an rx (a lighter `▷` marker). */
  readonly otherHost?: string;
}

/** How a stretch of a line is shown: colour where allowed, and `focus` also in inverse video. */
export type TopoTone = 'focus' | 'down' | 'dim' | 'segment';

/** A stretch of a line in columns [from, to) (not code units: a CJK character is two columns). */
export interface TopoSpan {
  readonly from: number;
  readonly to: number;
  readonly tone: TopoTone;
}

/** One line of the drawing: at most `width` columns, with sorted, non-overlapping tone spans. */
export interface TopoLine {
  readonly text: string;
  readonly spans: readonly TopoSpan[];
}

const BUS = '═';
const WIRE = '│';
const DROP = '╤';
const LAND = '╧';
const THROUGH = '╪';
const DOWN = '╳';
const MARK_FOCUS = '▶';
const MARK_OTHER = '▷';
const ARROW_UP = '▲';
const ARROW_DOWN = '▼';

/** The key of a device in `linkDown` and in the drawing's marks: `host/iface`. */
export function linkKey(host: string, iface: string): string {
  return `${host}/${iface}`;
}

/** The devices that are down before the first command runs (a fold of `link` events starts here). */
export function initialLinkDown(topo: Topology): Set<string> {
  const down = new Set<string>();
  for (const h of topo) for (const i of h.ifaces) if (!i.up && i.kind !== 'loopback') down.add(linkKey(h.name, i.name));
  return down;
}

/** The one-line legend of the markers, for a help screen. */
export function topologyLegend(): string {
  return render({ id: 'ui.topology.legend' });
}

// ---------------------------------------------------------------------------------------------
// The model: segments in order of first use, each with the subnet most of its hosts share.

interface Subnet {
  readonly net: Ip4;
  readonly prefixLen: number;
  readonly label: string;
}

interface SegModel {
  readonly name: string;
  readonly subnet: Subnet | undefined;
}

interface Link {
  readonly iface: TopoIface;
  readonly seg: number;
}

interface HostModel {
  readonly name: string;
  /** Ethernet devices with a segment, by segment order (one per segment: the first device). */
  readonly links: readonly Link[];
  /** Every cabled device, including a second one on the same segment (drawn on the first's wire). */
  readonly allLinks: readonly Link[];
  /** Tunnels, and loopbacks holding a global address (a DR real server's VIP). */
  readonly extras: readonly TopoIface[];
  /** The first segment (the band the host is drawn in), -1 when it has none. */
  readonly home: number;
  /** The last segment it is cabled to. */
  readonly last: number;
}

interface Model {
  readonly segs: readonly SegModel[];
  readonly segIndex: ReadonlyMap<string, number>;
  readonly hosts: readonly HostModel[];
}

function globalAddrs(iface: TopoIface): readonly AddrEntry[] {
  return iface.addrs.filter((a) => a.scope !== 'host');
}

function buildModel(topo: Topology): Model {
  const segIndex = new Map<string, number>();
  const segNames: string[] = [];
  for (const h of topo) {
    for (const i of h.ifaces) {
      if (i.segment !== undefined && !segIndex.has(i.segment)) {
        segIndex.set(i.segment, segNames.length);
        segNames.push(i.segment);
      }
    }
  }
  // The subnet of a segment: the network most of its devices' first addresses are in.
  const counts = segNames.map(() => new Map<string, { sub: Subnet; n: number }>());
  for (const h of topo) {
    for (const i of h.ifaces) {
      const s = i.segment === undefined ? undefined : segIndex.get(i.segment);
      const a = globalAddrs(i)[0];
      if (s === undefined || a === undefined || a.prefixLen >= 32) continue;
      const net = networkOf(a.addr, a.prefixLen);
      const key = `${net}/${a.prefixLen}`;
      const bucket = counts[s];
      const seen = bucket?.get(key);
      if (seen !== undefined) seen.n++;
      else bucket?.set(key, { sub: { net, prefixLen: a.prefixLen, label: `${formatIp4(net)}/${a.prefixLen}` }, n: 1 });
    }
  }
  const segs: SegModel[] = segNames.map((name, s) => {
    let best: { sub: Subnet; n: number } | undefined;
    for (const c of counts[s]?.values() ?? []) if (best === undefined || c.n > best.n) best = c;
    return { name, subnet: best?.sub };
  });
  const hosts: HostModel[] = topo.map((h) => {
    const allLinks: Link[] = [];
    const extras: TopoIface[] = [];
    for (const i of h.ifaces) {
      const s = i.segment === undefined ? undefined : segIndex.get(i.segment);
      if (s !== undefined) allLinks.push({ iface: i, seg: s });
      else if (i.kind === 'ipip' || (i.kind === 'loopback' && globalAddrs(i).length > 0)) extras.push(i);
    }
    allLinks.sort((x, y) => x.seg - y.seg);
    const links = allLinks.filter((l, k) => k === 0 || allLinks[k - 1]?.seg !== l.seg);
    return {
      name: h.name,
      links,
      allLinks,
      extras,
      home: links[0]?.seg ?? -1,
      last: links[links.length - 1]?.seg ?? -1,
    };
  });
  return { segs, segIndex, hosts };
}

/** `203.0.113.10` as `.10` when the subnet `203.0.113.0/24` is printed nearby. */
function shortAddr(addr: Ip4, sub: Subnet | undefined): string {
  const text = formatIp4(addr);
  if (sub === undefined || sub.prefixLen < 8 || !inPrefix(addr, sub.net, sub.prefixLen)) return text;
  const fixed = Math.floor(sub.prefixLen / 8);
  return '.' + text.split('.').slice(fixed).join('.');
}

function addrsText(iface: TopoIface, sub: Subnet | undefined): string {
  return globalAddrs(iface)
    .map((a) => shortAddr(a.addr, sub))
    .join(' ');
}

function ifaceText(iface: TopoIface, sub: Subnet | undefined): string {
  const addrs = addrsText(iface, sub);
  return addrs === '' ? iface.name : `${iface.name} ${addrs}`;
}

// ---------------------------------------------------------------------------------------------
// The static drawing: characters, tones, and where the focus and link marks go.

interface Mark {
  readonly row: number;
  readonly col: number;
  readonly len: number;
}

interface Junction {
  readonly row: number;
  readonly col: number;
  /** 'below': the host hangs below this bus; 'above': its wire comes down from above; 'gutter': a list entry. */
  readonly kind: 'below' | 'above' | 'gutter';
}

interface Layout {
  readonly text: readonly string[];
  readonly spans: readonly (readonly TopoSpan[])[];
  readonly hostMarks: ReadonlyMap<string, readonly Mark[]>;
  readonly segMarks: ReadonlyMap<string, Mark>;
  readonly junctions: ReadonlyMap<string, Junction>;
  readonly ifaceMarks: ReadonlyMap<string, Mark>;
  readonly hidden: ReadonlySet<string>;
  /** Fits the rows (and, for a drawing with short addresses, has room for each subnet label). */
  readonly fits: boolean;
}

class Canvas {
  readonly cells: string[][] = [];
  readonly spans: TopoSpan[][] = [];
  readonly hostMarks = new Map<string, Mark[]>();
  readonly segMarks = new Map<string, Mark>();
  readonly junctions = new Map<string, Junction>();
  readonly ifaceMarks = new Map<string, Mark>();

  constructor(readonly width: number) {}

  row(r: number): string[] {
    while (this.cells.length <= r) {
      this.cells.push(new Array<string>(this.width).fill(' '));
      this.spans.push([]);
    }
    return this.cells[r] as string[];
  }

  /**
   * Writes `text` at (r, c), clipped to the width, with an optional tone over it. A cell holds
   * one column: a double-width character fills its cell and leaves the next one '' (so a row
   * joins back to its text); half of one written over, or cut by the edge, becomes a space.
   */
  put(r: number, c: number, text: string, tone?: TopoTone): void {
    const line = this.row(r);
    const end = Math.min(this.width, c + displayWidth(text));
    if (end <= c) return;
    if (c > 0 && line[c] === '') line[c - 1] = ' ';
    let k = c;
    for (const cl of clustersOf(text)) {
      if (cl.width === 0) {
        if (k > c) line[k - 1] += cl.text;
        continue;
      }
      if (k + cl.width > end) {
        for (; k < end; k++) line[k] = ' ';
        break;
      }
      line[k] = cl.text;
      for (let j = 1; j < cl.width; j++) line[k + j] = '';
      k += cl.width;
    }
    if (end < this.width && line[end] === '') line[end] = ' ';
    // What is written over takes the new tone (or none): the spans of a line never overlap.
    const spans = cutSpans(this.spans[r] ?? [], c, end);
    if (tone !== undefined) spans.push({ from: c, to: end, tone });
    this.spans[r] = spans;
  }

  hostMark(host: string, m: Mark): void {
    const list = this.hostMarks.get(host);
    if (list === undefined) this.hostMarks.set(host, [m]);
    else list.push(m);
  }

  finish(hidden: ReadonlySet<string>, fits: boolean): Layout {
    return {
      text: this.cells.map((c) => c.join('').trimEnd()),
      spans: this.spans.map((s) => [...s].sort((a, b) => a.from - b.from)),
      hostMarks: this.hostMarks,
      segMarks: this.segMarks,
      junctions: this.junctions,
      ifaceMarks: this.ifaceMarks,
      hidden,
      fits,
    };
  }
}

/** `spans` without the columns [from, to). */
function cutSpans(spans: readonly TopoSpan[], from: number, to: number): TopoSpan[] {
  const out: TopoSpan[] = [];
  for (const q of spans) {
    if (to <= q.from || q.to <= from) {
      out.push(q);
      continue;
    }
    if (q.from < from) out.push({ from: q.from, to: from, tone: q.tone });
    if (to < q.to) out.push({ from: to, to: q.to, tone: q.tone });
  }
  return out;
}

function moreText(n: number): string {
  return render({ id: 'ui.topology.more', params: { n } });
}

/** `+3 more`, or just `+3` when only `room` columns are left. */
function moreFitting(n: number, room: number): string {
  const text = moreText(n);
  return displayWidth(text) <= room ? text : `+${n}`;
}

/**
 * Chooses which of `items` to show in order when not all fit: pinned ones first, then `preferred`
 * (bridges), then the rest in order; `fits(shown, hiddenCount)` decides.
 */
function chooseVisible<T extends { readonly name: string }>(
  items: readonly T[],
  pinned: ReadonlySet<string>,
  preferred: (item: T) => boolean,
  fits: (shown: readonly T[], hidden: number) => boolean,
): readonly T[] {
  if (fits(items, 0)) return items;
  const order = [
    ...items.filter((i) => pinned.has(i.name)),
    ...items.filter((i) => !pinned.has(i.name) && preferred(i)),
    ...items.filter((i) => !pinned.has(i.name) && !preferred(i)),
  ];
  const chosen = new Set<T>();
  for (const item of order) {
    chosen.add(item);
    const shown = items.filter((i) => chosen.has(i));
    if (!fits(shown, items.length - shown.length)) chosen.delete(item);
  }
  return items.filter((i) => chosen.has(i));
}

interface Variant {
  readonly addrs: boolean;
  /** Tunnels and loopbacks on a row of their own, after the addresses, or not at all. */
  readonly extras: 'row' | 'inline' | 'none';
  readonly links: boolean;
  /** The subnet under the segment's name (a wider left column) instead of at the bus's end. */
  readonly subnetLeft: boolean;
}

/** From the richest drawing to the leanest; each with the subnet at the bus's end, then on the left. */
const DRAWN_VARIANTS: readonly Variant[] = (
  [
    { addrs: true, extras: 'row', links: true },
    { addrs: true, extras: 'inline', links: true },
    { addrs: true, extras: 'none', links: true },
    { addrs: true, extras: 'none', links: false },
    { addrs: false, extras: 'none', links: false },
  ] as const
).flatMap((v) => [
  { ...v, subnetLeft: false },
  { ...v, subnetLeft: true },
]);

interface BandRows {
  readonly bus: number;
  readonly name: number;
  readonly addr: number;
  readonly extra: number;
  readonly link: number;
  readonly end: number;
}

function extrasText(h: HostModel, sub: Subnet | undefined): string {
  return h.extras.map((i) => ifaceText(i, sub)).join(' ');
}

/** The address line under a host: its addresses, with the device name when it has several. */
function homeText(h: HostModel, home: Link, sub: Subnet | undefined): string {
  return h.links.length > 1 ? ifaceText(home.iface, sub) : addrsText(home.iface, sub);
}

function linkTo(h: HostModel, seg: number): Link | undefined {
  return h.links.find((l) => l.seg === seg);
}

/** The drawing: buses stacked top to bottom, hosts below their first bus, wires down to the others. */
function layoutDrawn(model: Model, width: number, rows: number, v: Variant, pinned: ReadonlySet<string>): Layout {
  const { segs, hosts } = model;
  const nameW = Math.max(...segs.map((s) => (v.subnetLeft ? Math.max(displayWidth(s.name), displayWidth(s.subnet?.label ?? '')) : displayWidth(s.name))));
  const busStart = nameW + 2;
  // Rows of each band: bus, names, [addresses], [tunnels], [the labels of wires to the next bus].
  const bands: BandRows[] = [];
  let r = 0;
  for (let p = 0; p < segs.length; p++) {
    const members = hosts.filter((h) => h.home === p);
    const bus = r++;
    const name = r++;
    const addr = v.addrs ? r++ : -1;
    const extra = v.extras === 'row' && members.some((h) => h.extras.length > 0) ? r++ : -1;
    const link = v.links && p + 1 < segs.length && hosts.some((h) => h.home >= 0 && h.home <= p && linkTo(h, p + 1) !== undefined) ? r++ : -1;
    bands.push({ bus, name, addr, extra, link, end: r });
  }
  const unattached = hosts.filter((h) => h.home < 0);
  const totalRows = r + (unattached.length > 0 ? 1 : 0);

  const anchors = new Map<string, number>();
  const hidden = new Set<string>();
  const moreAt: { row: number; col: number; n: number }[] = [];
  const linkLabel = (h: HostModel, seg: number): string | undefined => {
    const l = linkTo(h, seg);
    return l === undefined || !v.links ? undefined : ifaceText(l.iface, segs[seg]?.subnet);
  };
  const contentWidth = (h: HostModel, p: number): number => {
    const sub = segs[p]?.subnet;
    const home = h.links[0];
    let w = displayWidth(h.name);
    if (v.addrs && home !== undefined) {
      const inline = v.extras === 'inline' && h.extras.length > 0 ? 1 + displayWidth(extrasText(h, sub)) : 0;
      w = Math.max(w, displayWidth(homeText(h, home, sub)) + inline);
    }
    if (bands[p]?.extra !== -1 && h.extras.length > 0) w = Math.max(w, displayWidth(extrasText(h, sub)));
    const below = bands[p]?.link !== -1 ? linkLabel(h, p + 1) : undefined;
    if (below !== undefined) w = Math.max(w, displayWidth(below) + 2);
    return w;
  };

  for (let p = 0; p < segs.length; p++) {
    const band = bands[p] as BandRows;
    // Columns taken in this band by wires landing on its bus or passing down through it.
    const reserved: [number, number][] = [];
    for (const h of hosts) {
      const a = anchors.get(h.name);
      if (a === undefined || h.home >= p || h.last < p) continue;
      if (h.last === p) {
        // A wire landing on this bus: keep its junction apart from the drops of this band.
        reserved.push([a - 1, a + 1]);
        continue;
      }
      const label = band.link !== -1 ? linkLabel(h, p + 1) : undefined;
      reserved.push([a - 1, a + 1 + (label === undefined ? 0 : displayWidth(label) + 1)]);
    }
    const members = hosts.filter((h) => h.home === p);
    const place = (shown: readonly HostModel[], hiddenN: number): Map<string, number> | undefined => {
      const at = new Map<string, number>();
      let cursor = busStart + 1;
      const slot = (w: number): number => {
        let g = cursor;
        for (;;) {
          const clash = reserved.find(([a, b]) => g < b && a < g + w);
          if (clash === undefined) return g;
          g = clash[1];
        }
      };
      for (const h of shown) {
        const w = 1 + contentWidth(h, p);
        const g = slot(w);
        if (g + w > width) return undefined;
        at.set(h.name, g + 1);
        cursor = g + w + 1;
      }
      if (hiddenN > 0) {
        const g = slot(`+${hiddenN}`.length + 1);
        if (g + 1 + `+${hiddenN}`.length > width) return undefined;
        at.set('', g + 1);
      }
      return at;
    };
    const shown = chooseVisible(members, pinned, (h) => h.links.length > 1, (s, n) => place(s, n) !== undefined);
    const at = place(shown, members.length - shown.length) ?? new Map<string, number>();
    for (const h of members) {
      const a = at.get(h.name);
      if (a === undefined) hidden.add(h.name);
      else anchors.set(h.name, a);
    }
    const moreCol = at.get('');
    if (moreCol !== undefined) moreAt.push({ row: band.name, col: moreCol, n: members.length - shown.length });
  }

  // Where each bus ends: past its last junction, with room for its subnet label.
  const lastJunction = segs.map(() => busStart);
  let contentEnd = busStart;
  for (const h of hosts) {
    const a = anchors.get(h.name);
    if (a === undefined) continue;
    for (let q = h.home; q <= h.last; q++) lastJunction[q] = Math.max(lastJunction[q] ?? 0, a);
    contentEnd = Math.max(contentEnd, a + contentWidth(h, h.home));
  }
  let busEnd = contentEnd + 1;
  for (let p = 0; p < segs.length; p++) {
    const sub = segs[p]?.subnet;
    busEnd = Math.max(busEnd, (lastJunction[p] ?? 0) + 3 + (v.subnetLeft ? 0 : (displayWidth(sub?.label ?? ''))));
  }
  busEnd = Math.min(width, busEnd);

  const cv = new Canvas(width);
  let fits = totalRows <= rows;
  for (let p = 0; p < segs.length; p++) {
    const seg = segs[p] as SegModel;
    const band = bands[p] as BandRows;
    for (let k = band.bus; k < band.end; k++) cv.row(k);
    cv.put(band.bus, 1, seg.name, 'segment');
    cv.segMarks.set(seg.name, { row: band.bus, col: 0, len: displayWidth(seg.name) + 1 });
    cv.put(band.bus, busStart, BUS.repeat(Math.max(0, busEnd - busStart)), 'segment');
    if (seg.subnet !== undefined && v.subnetLeft) cv.put(band.name, 1, seg.subnet.label, 'dim');
    else if (seg.subnet !== undefined) {
      const col = busEnd - displayWidth(seg.subnet.label);
      if (col - 2 > (lastJunction[p] ?? 0)) cv.put(band.bus, col - 1, ` ${seg.subnet.label}`, 'dim');
      else if (v.addrs) fits = false;
    }
  }
  for (const h of hosts) {
    const a = anchors.get(h.name);
    if (a === undefined) continue;
    const p = h.home;
    const band = bands[p] as BandRows;
    const sub = segs[p]?.subnet;
    const home = h.links[0] as Link;
    cv.put(band.bus, a, DROP, 'segment');
    cv.put(band.name, a, h.name);
    cv.hostMark(h.name, { row: band.name, col: a - 1, len: displayWidth(h.name) + 1 });
    const addrText = homeText(h, home, sub);
    if (band.addr !== -1) cv.put(band.addr, a, addrText, 'dim');
    const extrasAt = band.extra !== -1 ? { row: band.extra, col: a - 1 } : band.addr !== -1 && v.extras === 'inline' ? { row: band.addr, col: a + displayWidth(addrText) } : undefined;
    if (extrasAt !== undefined) {
      let c = extrasAt.col;
      for (const x of h.extras) {
        const text = ifaceText(x, sub);
        cv.put(extrasAt.row, c + 1, text, 'dim');
        cv.ifaceMarks.set(linkKey(h.name, x.name), { row: extrasAt.row, col: c, len: displayWidth(text) + 1 });
        c += displayWidth(text) + 1;
      }
    }
    for (const l of h.allLinks) {
      if (l.seg === p) cv.junctions.set(linkKey(h.name, l.iface.name), { row: band.bus, col: a, kind: 'below' });
    }
    // The wire down to the other buses, labelled with the device just above each bus it lands on.
    for (let q = p; q <= h.last; q++) {
      const b = bands[q] as BandRows;
      if (q > p) {
        const l = linkTo(h, q);
        cv.put(b.bus, a, l === undefined ? WIRE : q === h.last ? LAND : THROUGH, 'segment');
        if (l !== undefined) {
          for (const any of h.allLinks) {
            if (any.seg === q) cv.junctions.set(linkKey(h.name, any.iface.name), { row: b.bus, col: a, kind: 'above' });
          }
        }
      }
      if (q === h.last) break;
      const firstFree = q > p ? b.name : b.extra !== -1 && h.extras.length === 0 ? b.extra : b.link;
      for (let k = firstFree; k >= 0 && k < b.end; k++) {
        if (k === b.name && q === p) continue;
        cv.put(k, a, WIRE, 'segment');
      }
      const next = linkTo(h, q + 1);
      if (b.link !== -1 && next !== undefined) {
        const text = ifaceText(next.iface, segs[q + 1]?.subnet);
        cv.put(b.link, a + 2, text, 'dim');
        cv.ifaceMarks.set(linkKey(h.name, next.iface.name), { row: b.link, col: a + 1, len: displayWidth(text) + 1 });
      }
    }
  }
  for (const m of moreAt) cv.put(m.row, m.col, moreFitting(m.n, width - m.col), 'dim');
  if (unattached.length > 0) for (const name of writeUnattached(cv, totalRows - 1, unattached)) hidden.add(name);
  return cv.finish(hidden, fits);
}

/** The line of hosts cabled to no segment; returns those that did not fit. */
function writeUnattached(cv: Canvas, row: number, hosts: readonly HostModel[]): string[] {
  const label = render({ id: 'ui.topology.unattached' });
  const fitsFrom = (start: number, shown: readonly HostModel[], hidden: number): boolean => {
    let c = start;
    for (const h of shown) c += displayWidth(h.name) + 2;
    return (hidden === 0 ? c - 1 : c + `+${hidden}`.length) <= cv.width;
  };
  const withLabel = fitsFrom(displayWidth(label) + 2, hosts, 0) || cv.width >= 2 * (displayWidth(label) + 2);
  const start = withLabel ? displayWidth(label) + 2 : 0;
  const shown = chooseVisible(hosts, new Set(), () => false, (s, n) => fitsFrom(start, s, n));
  if (withLabel) cv.put(row, 1, label, 'dim');
  let c = start;
  for (const h of shown) {
    cv.put(row, c + 1, h.name);
    cv.hostMark(h.name, { row, col: c, len: displayWidth(h.name) + 1 });
    c += displayWidth(h.name) + 2;
  }
  const hidden = hosts.filter((h) => !shown.includes(h)).map((h) => h.name);
  if (hidden.length > 0) cv.put(row, c, moreFitting(hidden.length, cv.width - c), 'dim');
  return hidden;
}

/** One line per segment listing its hosts; `wrap` continues a long list on the next lines. */
function layoutCompact(model: Model, width: number, rows: number, addrs: boolean, wrap: boolean, pinned: ReadonlySet<string>): Layout {
  const { segs, hosts } = model;
  const nameW = Math.max(...segs.map((s) => displayWidth(s.name)));
  const subW = addrs ? Math.max(0, ...segs.map((s) => displayWidth(s.subnet?.label ?? ''))) : 0;
  const prefixW = 1 + nameW + (subW > 0 ? 1 + subW : 0) + 2;
  const indent = prefixW <= width / 2 ? prefixW : 2;
  const cv = new Canvas(width);
  const hidden = new Set<string>();
  let r = 0;
  let fits = true;
  const unattached = hosts.filter((h) => h.home < 0);
  const lineBudget = rows - (unattached.length > 0 ? 1 : 0);
  for (let p = 0; p < segs.length; p++) {
    const seg = segs[p] as SegModel;
    if (r >= lineBudget || (!wrap && r === lineBudget - 1 && p < segs.length - 1)) {
      fits = false;
      const rest = segs.length - p;
      cv.put(r < rows ? r : rows - 1, 1, render({ id: 'ui.topology.moreSegments', params: { n: rest } }), 'dim');
      for (const h of hosts) if (h.links.every((l) => l.seg >= p) && h.home >= 0) hidden.add(h.name);
      r++;
      break;
    }
    const entries = hosts.flatMap((h) => {
      const l = linkTo(h, p);
      if (l === undefined) return [];
      const addr = addrs ? addrsText(l.iface, seg.subnet) : '';
      return [{ name: h.name, host: h, link: l, text: addr === '' ? h.name : `${h.name} ${addr}` }];
    });
    cv.put(r, 1, seg.name, 'segment');
    cv.segMarks.set(seg.name, { row: r, col: 0, len: displayWidth(seg.name) + 1 });
    if (subW > 0 && seg.subnet !== undefined) cv.put(r, 2 + nameW, seg.subnet.label, 'dim');
    cv.put(r, prefixW - 1, BUS, 'segment');
    const oneLine = (shown: readonly { text: string }[], n: number): boolean => {
      let c = prefixW;
      for (const e of shown) c += displayWidth(e.text) + 2;
      return (n === 0 ? c - 1 : c + `+${n}`.length) <= width;
    };
    const shown = wrap ? entries : chooseVisible(entries, pinned, () => false, oneLine);
    let c = prefixW;
    for (const e of shown) {
      const w = displayWidth(e.text) + 1;
      if (c + w > width && c > indent && wrap) {
        r++;
        c = indent;
      }
      if (c + w > width) fits = false;
      cv.put(r, c + 1, e.name);
      if (displayWidth(e.text) > displayWidth(e.name)) cv.put(r, c + 1 + displayWidth(e.name), e.text.slice(e.name.length), 'dim');
      cv.hostMark(e.name, { row: r, col: c, len: displayWidth(e.name) + 1 });
      for (const any of e.host.allLinks) {
        if (any.seg === p) cv.junctions.set(linkKey(e.name, any.iface.name), { row: r, col: c, kind: 'gutter' });
      }
      c += w + 1;
    }
    if (shown.length < entries.length) {
      cv.put(r, c, moreFitting(entries.length - shown.length, width - c), 'dim');
      for (const e of entries) if (!shown.includes(e) && !cv.hostMarks.has(e.name)) hidden.add(e.name);
    }
    r++;
  }
  for (const name of [...hidden]) if (cv.hostMarks.has(name)) hidden.delete(name);
  if (r > lineBudget) fits = false;
  if (unattached.length > 0 && r < rows) for (const name of writeUnattached(cv, r++, unattached)) hidden.add(name);
  if (r > rows) fits = false;
  return cv.finish(hidden, fits);
}

function chooseLayout(model: Model, width: number, rows: number, pinned: ReadonlySet<string>): Layout {
  if (model.segs.length === 0) {
    const cv = new Canvas(width);
    return cv.finish(new Set(writeUnattached(cv, 0, model.hosts)), true);
  }
  const drawn = DRAWN_VARIANTS.map((v) => layoutDrawn(model, width, rows, v, pinned));
  const complete = drawn.find((l) => l.fits && l.hidden.size === 0);
  if (complete !== undefined) return complete;
  for (const addrs of [true, false]) {
    const listed = layoutCompact(model, width, rows, addrs, true, pinned);
    if (listed.fits && listed.hidden.size === 0) return listed;
  }
  const partial = drawn[drawn.length - 1];
  if (partial !== undefined && partial.fits) return partial;
  return layoutCompact(model, width, rows, false, false, pinned);
}

// ---------------------------------------------------------------------------------------------
// Caches: the model per topology, the static layout per (width, rows, hosts that must be shown).

const models = new WeakMap<Topology, Model>();
const layouts = new WeakMap<Topology, Map<string, Layout>>();

function modelOf(topo: Topology): Model {
  let m = models.get(topo);
  if (m === undefined) {
    m = buildModel(topo);
    models.set(topo, m);
  }
  return m;
}

function layoutOf(topo: Topology, width: number, rows: number, pinned: readonly string[]): Layout {
  let byKey = layouts.get(topo);
  if (byKey === undefined) {
    byKey = new Map();
    layouts.set(topo, byKey);
  }
  const key = `${width}x${rows}:${pinned.join(',')}`;
  let layout = byKey.get(key);
  if (layout === undefined) {
    layout = chooseLayout(modelOf(topo), width, rows, new Set(pinned));
    byKey.set(key, layout);
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------
// The overlay of one step.

function replaceAt(text: string, col: number, ch: string): string {
  // In columns: a CJK label before the marker takes two per character.
  return padToWidth(takeColumns(text, col), col) + ch + dropColumns(text, col + 1);
}

/** Static spans cut around the step's spans (which win), all sorted. */
function mergeSpans(base: readonly TopoSpan[], top: readonly TopoSpan[]): TopoSpan[] {
  if (top.length === 0) return [...base];
  let out: TopoSpan[] = [...base];
  for (const t of top) out = cutSpans(out, t.from, t.to);
  out.push(...top);
  return out.sort((a, b) => a.from - b.from);
}

/**
 * The topology in at most `rows` lines of at most `width` columns, with the current event's host,
 * segment and wire marked and the devices in `linkDown` (keys `host/iface`) crossed out.
 */
export function topologyLines(
  topo: Topology,
  focus: TopoFocus,
  linkDown: ReadonlySet<string>,
  width: number,
  rows: number,
): TopoLine[] {
  if (rows <= 0 || width <= 0) return [];
  if (topo.length === 0) return [{ text: takeColumns(render({ id: 'ui.topology.none' }), width), spans: [] }];
  let layout = layoutOf(topo, width, rows, []);
  const pin = [focus.host, focus.otherHost].filter((h): h is string => h !== undefined && layout.hidden.has(h));
  if (pin.length > 0) layout = layoutOf(topo, width, rows, pin);

  const n = Math.min(rows, layout.text.length);
  const text = layout.text.slice(0, n);
  const extra: TopoSpan[][] = text.map(() => []);
  const mark = (m: { row: number; col: number }, ch: string, tone: TopoTone | undefined, len = 1): void => {
    if (m.row >= n || m.col >= width) return;
    text[m.row] = replaceAt(text[m.row] ?? '', m.col, ch);
    if (tone !== undefined) extra[m.row]?.push({ from: m.col, to: Math.min(width, m.col + len), tone });
  };
  for (const key of linkDown) {
    const j = layout.junctions.get(key);
    if (j !== undefined) mark(j, DOWN, 'down');
    const label = layout.ifaceMarks.get(key);
    if (label !== undefined) mark(label, DOWN, 'down', label.len);
  }
  if (focus.segment !== undefined) {
    const m = layout.segMarks.get(focus.segment);
    if (m !== undefined) mark(m, MARK_FOCUS, 'focus', m.len);
  }
  if (focus.otherHost !== undefined && focus.otherHost !== focus.host) {
    for (const m of layout.hostMarks.get(focus.otherHost) ?? []) mark(m, MARK_OTHER, undefined);
  }
  if (focus.host !== undefined) {
    for (const m of layout.hostMarks.get(focus.host) ?? []) mark(m, MARK_FOCUS, 'focus', m.len);
    if (focus.iface !== undefined) {
      const key = linkKey(focus.host, focus.iface);
      const j = layout.junctions.get(key);
      if (j !== undefined && j.kind !== 'gutter' && focus.dir !== undefined) {
        const up = (focus.dir === 'tx') === (j.kind === 'below');
        mark(j, up ? ARROW_UP : ARROW_DOWN, 'focus');
      }
      const label = layout.ifaceMarks.get(key);
      if (label !== undefined) mark(label, MARK_FOCUS, 'focus', label.len);
    }
  }
  return text.map((t, k) => {
    const clipped = takeColumns(t, width);
    const clippedWidth = displayWidth(clipped);
    const spans = mergeSpans(layout.spans[k] ?? [], extra[k] ?? [])
      .map((s) => ({ from: s.from, to: Math.min(s.to, clippedWidth), tone: s.tone }))
      .filter((s) => s.to > s.from);
    return { text: clipped, spans };
  });
}

// ---------------------------------------------------------------------------------------------
// The focus of a trace event.

const macIndexes = new WeakMap<Topology, Map<string, Map<Mac, string>>>();

/** Which host owns `mac` on `segment`, from the topology as built. */
function macOwner(topo: Topology, segment: string, mac: Mac): string | undefined {
  let index = macIndexes.get(topo);
  if (index === undefined) {
    index = new Map();
    for (const h of topo) {
      for (const i of h.ifaces) {
        if (i.segment === undefined || i.mac === undefined) continue;
        let bySeg = index.get(i.segment);
        if (bySeg === undefined) {
          bySeg = new Map();
          index.set(i.segment, bySeg);
        }
        if (!bySeg.has(i.mac)) bySeg.set(i.mac, h.name);
      }
    }
    macIndexes.set(topo, index);
  }
  return index.get(segment)?.get(mac);
}

/**
 * What `e` touches in the drawing: a tx or rx gives the host, its device, the segment and the
 * direction (and, given the topology, the host at the other end by its MAC address when the frame
 * is unicast); an event with a device (link, neigh, addr, vrrp) gives the host and the device;
 * any other event just its host.
 */
export function focusOfEvent(e: TraceEvent, topo?: Topology): TopoFocus {
  if (e.kind === 'tx' || e.kind === 'rx') {
    const peerMac = e.kind === 'tx' ? e.frame.dst : e.frame.src;
    const other = topo === undefined || peerMac === MAC_BROADCAST ? undefined : macOwner(topo, e.segment, peerMac);
    const base = { host: e.host, iface: e.iface, segment: e.segment, dir: e.kind };
    return other === undefined || other === e.host ? base : { ...base, otherHost: other };
  }
  if (e.kind === 'link' || e.kind === 'neigh' || e.kind === 'addr' || e.kind === 'vrrp') return { host: e.host, iface: e.iface };
  return { host: e.host };
}
