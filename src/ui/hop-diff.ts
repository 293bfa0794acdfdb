/**
 * What changed between two dissections of the same packet (two hops, or IPVS's before/after):
 * the lesson of every forwarding method is in this list — DR rewrites only the destination MAC,
 * NAT the destination address and port, TUN adds an outer IP header, FULLNAT both addresses and
 * a TOA option.
 *
 * Layers are aligned by protocol name from the innermost layer outwards (a longest common
 * subsequence that prefers later layers), so an encapsulation shows as an added outer header
 * rather than as every field of the original header changing. Fields are compared by Wireshark
 * field name (the n-th occurrence of a name within its layer against the n-th) and by `display`;
 * a field found changed stands for its sub-fields, which are not listed again, except a list of
 * sub-trees (the TCP options), whose entries are compared one by one: FULLNAT's TOA shows as an
 * added option.
 */
import { treeLine, type DissectedField, type DissectedLayer } from '../trace/dissect.js';

/**
 * One difference; `name` is the Wireshark filter name, '' for a text-only line. For a field,
 * `layer` is the index of its layer (in the later dissection; in the earlier one for a removed
 * field) and `key` its key within the layer (see fieldKeys), so a view can mark it in the tree.
 */
export type FieldChange =
  | { readonly kind: 'changed'; readonly name: string; readonly label: string; readonly from: string; readonly to: string; readonly key: string; readonly layer: number }
  | { readonly kind: 'added'; readonly name: string; readonly label: string; readonly to: string; readonly key: string; readonly layer: number }
  | { readonly kind: 'removed'; readonly name: string; readonly label: string; readonly from: string; readonly key: string; readonly layer: number }
  | { readonly kind: 'layerAdded'; readonly layer: string; readonly title: string }
  | { readonly kind: 'layerRemoved'; readonly layer: string; readonly title: string };

interface FlatField {
  readonly field: DissectedField;
  /** Key of the enclosing field, undefined at the top of the layer. */
  readonly parent: string | undefined;
}

/**
 * Fields of a layer, depth first, keyed by name plus occurrence within the layer
 * (`tcp.option_kind#2`); text-only lines (no filter name) are keyed by their label.
 */
export function fieldKeys(layer: DissectedLayer): Map<DissectedField, string> {
  const out = new Map<DissectedField, string>();
  for (const [key, { field }] of flatten(layer)) out.set(field, key);
  return out;
}

function flatten(layer: DissectedLayer): Map<string, FlatField> {
  const out = new Map<string, FlatField>();
  const seen = new Map<string, number>();
  const visit = (fields: readonly DissectedField[], parent: string | undefined): void => {
    for (const field of fields) {
      const id = field.name === '' ? `(${field.label})` : field.name;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const key = n === 1 ? id : `${id}#${n}`;
      out.set(key, { field, parent });
      if (field.children !== undefined) visit(field.children, key);
    }
  };
  visit(layer.fields, undefined);
  return out;
}

/** The value a change shows: the display, or the label when the label says it all. */
function shownValue(f: DissectedField): string {
  return f.display === '' ? f.label : f.display;
}

/** A field whose sub-fields have sub-fields of their own (tcp.options), not a value with its bits. */
function isContainer(f: DissectedField): boolean {
  return f.children !== undefined && f.children.some((c) => c.children !== undefined);
}

/** The entries added to and removed from a container field, each whole. */
function entryChanges(
  a: Map<string, FlatField>,
  b: Map<string, FlatField>,
  key: string,
  before: DissectedField,
  after: DissectedField,
  bIndex: number,
  aIndex: number,
  out: FieldChange[],
): void {
  const keysUnder = (m: Map<string, FlatField>): Map<DissectedField, string> => {
    const r = new Map<DissectedField, string>();
    for (const [k, v] of m) if (v.parent === key) r.set(v.field, k);
    return r;
  };
  const bKeys = keysUnder(b);
  const aKeys = keysUnder(a);
  const left = new Map<string, number>();
  for (const c of before.children ?? []) left.set(treeLine(c), (left.get(treeLine(c)) ?? 0) + 1);
  const removedLeft = new Map(left);
  for (const c of after.children ?? []) {
    const line = treeLine(c);
    const n = removedLeft.get(line) ?? 0;
    if (n > 0) removedLeft.set(line, n - 1);
    else out.push({ kind: 'added', name: c.name, label: c.label, to: line, key: bKeys.get(c) ?? key, layer: aIndex });
  }
  for (const c of before.children ?? []) {
    const line = treeLine(c);
    const n = removedLeft.get(line) ?? 0;
    if (n === 0) continue;
    removedLeft.set(line, n - 1);
    out.push({ kind: 'removed', name: c.name, label: c.label, from: line, key: aKeys.get(c) ?? key, layer: bIndex });
  }
}

function diffLayer(before: DissectedLayer, after: DissectedLayer, bIndex: number, aIndex: number, out: FieldChange[]): void {
  const a = flatten(before);
  const b = flatten(after);
  // A field listed as changed, added or removed stands for its sub-fields (the bits of a flags
  // byte, the parts of an address): they are not listed again.
  const covered = new Set<string>();
  const isCovered = (parent: string | undefined): boolean => parent !== undefined && covered.has(parent);
  for (const [key, { field, parent }] of b) {
    if (isCovered(parent)) {
      covered.add(key);
      continue;
    }
    const old = a.get(key);
    if (old === undefined) {
      out.push({ kind: 'added', name: field.name, label: field.label, to: shownValue(field), key, layer: aIndex });
      covered.add(key);
    } else if (shownValue(old.field) !== shownValue(field) && isContainer(field)) {
      // A list of sub-trees (the TCP options): what changed is which entries, compared whole
      // (by their tree line, as a multiset: an option that only moved is not a change).
      entryChanges(a, b, key, old.field, field, bIndex, aIndex, out);
      covered.add(key);
    } else if (shownValue(old.field) !== shownValue(field)) {
      out.push({ kind: 'changed', name: field.name, label: field.label, from: shownValue(old.field), to: shownValue(field), key, layer: aIndex });
      covered.add(key);
    }
  }
  for (const [key, { field, parent }] of a) {
    if (b.has(key)) continue;
    if (isCovered(parent)) {
      covered.add(key);
      continue;
    }
    out.push({ kind: 'removed', name: field.name, label: field.label, from: shownValue(field), key, layer: bIndex });
    covered.add(key);
  }
}

/**
 * Pairs of (before index, after index) of layers with the same name, as a longest common
 * subsequence of the layer names that matches from the innermost layer outwards.
 */
function alignLayers(before: readonly DissectedLayer[], after: readonly DissectedLayer[]): Array<[number, number]> {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: LCS length of before[0..i) and after[0..j); layers are few (≤ 8), so a table is fine.
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const row = lcs[i] as number[];
      const up = (lcs[i - 1] as number[])[j] as number;
      const left = row[j - 1] as number;
      const diag = (lcs[i - 1] as number[])[j - 1] as number;
      row[j] = before[i - 1]?.name === after[j - 1]?.name ? diag + 1 : Math.max(up, left);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (before[i - 1]?.name === after[j - 1]?.name) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (((lcs[i - 1] as number[])[j] as number) >= ((lcs[i] as number[])[j - 1] as number)) {
      i--;
    } else {
      j--;
    }
  }
  return pairs.reverse();
}

/** Every difference from `before` to `after`, in the order of `after`'s layers. */
export function diffDissections(before: readonly DissectedLayer[], after: readonly DissectedLayer[]): FieldChange[] {
  const out: FieldChange[] = [];
  const pairs = alignLayers(before, after);
  let bi = 0;
  let ai = 0;
  const flushUnmatched = (bEnd: number, aEnd: number): void => {
    for (; ai < aEnd; ai++) {
      const layer = after[ai] as DissectedLayer;
      out.push({ kind: 'layerAdded', layer: layer.name, title: layer.title });
    }
    for (; bi < bEnd; bi++) {
      const layer = before[bi] as DissectedLayer;
      out.push({ kind: 'layerRemoved', layer: layer.name, title: layer.title });
    }
  };
  for (const [b, a] of pairs) {
    flushUnmatched(b, a);
    diffLayer(before[b] as DissectedLayer, after[a] as DissectedLayer, b, a, out);
    bi = b + 1;
    ai = a + 1;
  }
  flushUnmatched(before.length, after.length);
  return out;
}
