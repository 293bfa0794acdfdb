/**
 * A copy-on-write map for the state folds: the folder writes into it freely, `freeze()` hands out
 * the current map as an immutable value, and the next write after a freeze copies the map first.
 * A table that did not change between two snapshots is therefore shared by both, and a table that
 * changed is copied once per snapshot interval, not once per event. `copied` counts the entries
 * those copies took, so that the snapshots' caller can space them by what they cost.
 */
export class CowMap<K, V> {
  private m: Map<K, V>;
  private shared: boolean;
  /** Entries copied so far by writes after a freeze (what this table's snapshots cost). */
  copied = 0;

  /** Starts from `from` (shared, so the first write copies it) or empty. */
  constructor(from?: ReadonlyMap<K, V>) {
    this.m = from === undefined ? new Map() : (from as Map<K, V>);
    this.shared = from !== undefined;
  }

  get size(): number {
    return this.m.size;
  }

  get(k: K): V | undefined {
    return this.m.get(k);
  }

  has(k: K): boolean {
    return this.m.has(k);
  }

  values(): IterableIterator<V> {
    return this.m.values();
  }

  entries(): IterableIterator<[K, V]> {
    return this.m.entries();
  }

  set(k: K, v: V): void {
    this.own();
    this.m.set(k, v);
  }

  /** Removes `k`; false (and no copy) when it was absent. */
  delete(k: K): boolean {
    if (!this.m.has(k)) return false;
    this.own();
    return this.m.delete(k);
  }

  clear(): void {
    if (this.m.size === 0) return;
    this.m = new Map();
    this.shared = false;
  }

  /** The current contents as an immutable value; later writes do not change it. */
  freeze(): ReadonlyMap<K, V> {
    this.shared = true;
    return this.m;
  }

  private own(): void {
    if (!this.shared) return;
    this.copied += this.m.size;
    this.m = new Map(this.m);
    this.shared = false;
  }
}
