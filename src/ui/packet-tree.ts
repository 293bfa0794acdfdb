/**
 * The packet details tree as Wireshark's middle pane shows it: one row per layer, expandable,
 * and inside each layer its fields, the ones with sub-fields expandable too. Rows are keyed by
 * layer name and field name (with an occurrence number when a name repeats), so what the student
 * opened stays open from one packet to the next, as Wireshark keeps a protocol's subtree open.
 * A layer holding a field this hop changed opens by itself (the lesson is there), unless the
 * student closed it; changed fields are marked.
 */
import type { DissectedField, DissectedLayer } from '../trace/dissect.js';
import { treeLine } from '../trace/dissect.js';
import type { FieldChange } from './hop-diff.js';
import { fieldKeys } from './hop-diff.js';
import { highlightOf } from './hex.js';

export interface TreeRow {
  /** Stable across packets: `ip`, `ip#2`, `ip/ip.ttl`, `tcp/tcp.flags/tcp.flags.syn`. */
  readonly key: string;
  readonly depth: number;
  readonly text: string;
  readonly layer: boolean;
  readonly expandable: boolean;
  readonly expanded: boolean;
  /** This hop changed or added the field (or something below it). */
  readonly changed: boolean;
  /** Bytes of the field in the event's packet bytes, when the dissector knows them. */
  readonly pos?: number;
  readonly len?: number;
}

/** Keys of the layers of a dissection: name, then `name#2` for a second layer of the same name. */
export function layerKeys(layers: readonly DissectedLayer[]): string[] {
  const seen = new Map<string, number>();
  return layers.map((l) => {
    const n = (seen.get(l.name) ?? 0) + 1;
    seen.set(l.name, n);
    return n === 1 ? l.name : `${l.name}#${n}`;
  });
}

function spanOf(x: DissectedField | DissectedLayer): { pos?: number; len?: number } {
  const h = highlightOf(x);
  return h === undefined ? {} : { pos: h.pos, len: h.len };
}

/**
 * The visible rows of the tree. `toggled` holds the student's explicit choices (key → open);
 * `changes` are this hop's differences (FieldChange.layer indexes `layers`).
 */
export function treeRows(layers: readonly DissectedLayer[], toggled: ReadonlyMap<string, boolean>, changes: readonly FieldChange[]): TreeRow[] {
  const lkeys = layerKeys(layers);
  const changedByLayer = new Map<number, Set<string>>();
  for (const c of changes) {
    if (c.kind !== 'changed' && c.kind !== 'added') continue;
    let set = changedByLayer.get(c.layer);
    if (set === undefined) changedByLayer.set(c.layer, (set = new Set()));
    set.add(c.key);
  }
  const rows: TreeRow[] = [];
  layers.forEach((layer, li) => {
    const lkey = lkeys[li] as string;
    const changed = changedByLayer.get(li);
    const open = toggled.get(lkey) ?? (changed !== undefined && changed.size > 0);
    rows.push({ key: lkey, depth: 0, text: layer.title, layer: true, expandable: layer.fields.length > 0, expanded: open, changed: changed !== undefined, ...spanOf(layer) });
    if (!open) return;
    const keys = fieldKeys(layer);
    // A field is marked when it or one of its sub-fields changed.
    const marked = new Set<DissectedField>();
    const mark = (fields: readonly DissectedField[]): boolean => {
      let any = false;
      for (const f of fields) {
        const below = f.children !== undefined && mark(f.children);
        const own = changed?.has(keys.get(f) ?? '') === true;
        if (own || below) {
          marked.add(f);
          any = true;
        }
      }
      return any;
    };
    if (changed !== undefined) mark(layer.fields);
    const walk = (fields: readonly DissectedField[], depth: number, parentKey: string): void => {
      for (const f of fields) {
        const key = `${parentKey}/${keys.get(f) ?? f.label}`;
        const expandable = f.children !== undefined && f.children.length > 0;
        const fOpen = expandable && (toggled.get(key) ?? false);
        rows.push({ key, depth, text: treeLine(f), layer: false, expandable, expanded: fOpen, changed: marked.has(f), ...spanOf(f) });
        if (fOpen && f.children !== undefined) walk(f.children, depth + 1, key);
      }
    };
    walk(layer.fields, 1, lkey);
  });
  return rows;
}

/** The row index of `key`, or of its nearest still-visible ancestor, or 0. */
export function rowIndexOf(rows: readonly TreeRow[], key: string | undefined): number {
  if (key === undefined) return 0;
  let k = key;
  for (;;) {
    const i = rows.findIndex((r) => r.key === k);
    if (i >= 0) return i;
    const slash = k.lastIndexOf('/');
    if (slash < 0) return 0;
    k = k.slice(0, slash);
  }
}
