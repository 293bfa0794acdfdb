/**
 * An O(log n) stand-in for the linear scans of lc, wlc, sed, fo and ovf (ip_vs_lc.c, ip_vs_wlc.c,
 * ip_vs_sed.c, ip_vs_fo.c, ip_vs_ovf.c). Each of those scans walks `svc->destinations` in list order
 * and keeps the first server with the smallest `num / den` (a later one replaces it only when
 * `num_least * den_d > num_d * den_least`, the kernel's own cross-multiplication). That rule is
 * associative, so a segment tree over the list, each node holding the first best server of its
 * range, gives the very same choice, ties included. The kernel has no such tree: it is lvslab's
 * speed-up, and test/ipvs/sched/tree-vs-scan.test.ts proves it equal to the scans kept as reference.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';

/**
 * How a scheduler ranks a server: it prefers the smallest `num(d) / den(d)`; `den(d) === 0` means
 * the scan skips the server (OVERLOAD, weight 0, ovf's full server). `num` must be ≥ 0, as the
 * kernel's counters are.
 */
export interface DestRank {
  num(dest: Dest): number;
  den(dest: Dest): number;
}

/** The segment tree of one service (kept in `svc.schedData`). */
export class DestTree {
  readonly rank: DestRank;
  private dests: Dest[] = [];
  private readonly pos = new Map<Dest, number>();
  private num = new Float64Array(0);
  private den = new Float64Array(0);
  /** best[node]: index into `dests` of the first best server of the node's range, -1 for none. */
  private best = new Int32Array(2).fill(-1);
  /** Number of leaves (a power of two ≥ the number of dests); leaf i is node `size + i`. */
  private size = 1;
  /** The list changed shape since the last build: rebuild before the next choice. */
  private dirty = true;

  constructor(rank: DestRank) {
    this.rank = rank;
  }

  /** The list was relinked (add_dest, del_dest): rebuild lazily on the next choice. */
  invalidate(): void {
    this.dirty = true;
  }

  /** The server the scan would choose, or null when it would find none. */
  choose(svc: Service): Dest | null {
    if (this.dirty || this.dests.length !== svc.destinations.length) this.rebuild(svc);
    const b = this.best[1] ?? -1;
    return b < 0 ? null : (this.dests[b] ?? null);
  }

  /** A server's counters, weight or flags changed: refresh its leaf and the path to the root. */
  update(dest: Dest): void {
    if (this.dirty) return;
    const i = this.pos.get(dest);
    if (i === undefined) return;
    const nu = this.rank.num(dest);
    const de = this.rank.den(dest);
    if (nu === this.num[i] && de === this.den[i]) return;
    this.num[i] = nu;
    this.den[i] = de;
    const best = this.best;
    let node = this.size + i;
    best[node] = de > 0 ? i : -1;
    for (node >>= 1; node >= 1; node >>= 1) {
      const prev = best[node];
      const b = this.pick(best[2 * node] ?? -1, best[2 * node + 1] ?? -1);
      best[node] = b;
      if (b === prev && b !== i) return;
    }
  }

  /** The scan's rule on two ranges in list order: the right one wins only when strictly better. */
  private pick(l: number, r: number): number {
    if (l < 0) return r;
    if (r < 0) return l;
    const num = this.num;
    const den = this.den;
    return (num[l] as number) * (den[r] as number) > (num[r] as number) * (den[l] as number) ? r : l;
  }

  private rebuild(svc: Service): void {
    const n = svc.destinations.length;
    let size = 1;
    while (size < n) size <<= 1;
    const dests: Dest[] = new Array<Dest>(n);
    this.pos.clear();
    if (this.num.length < n) {
      this.num = new Float64Array(size);
      this.den = new Float64Array(size);
    }
    if (this.best.length !== 2 * size) this.best = new Int32Array(2 * size);
    const best = this.best;
    best.fill(-1);
    let i = 0;
    for (let d = svc.destinations.head.next; !d.isHead; d = d.next) {
      dests[i] = d;
      this.pos.set(d, i);
      const de = this.rank.den(d);
      this.num[i] = this.rank.num(d);
      this.den[i] = de;
      best[size + i] = de > 0 ? i : -1;
      i++;
    }
    for (let node = size - 1; node >= 1; node--) {
      best[node] = this.pick(best[2 * node] ?? -1, best[2 * node + 1] ?? -1);
    }
    this.dests = dests;
    this.size = size;
    this.dirty = false;
  }
}

/** The service's tree for `rank`, made afresh when schedData holds none (or another rank's). */
function treeOf(svc: Service, rank: DestRank): DestTree {
  const t = svc.schedData;
  if (t instanceof DestTree && t.rank === rank) return t;
  const fresh = new DestTree(rank);
  svc.schedData = fresh;
  return fresh;
}

/**
 * The ops of a scheduler whose choice is "first smallest `num/den` in list order": the tree is
 * rebuilt after add_dest/del_dest and updated in O(log n) on upd_dest and every load change.
 */
export function rankedScheduler(name: string, rank: DestRank): SchedulerOps {
  return {
    name,
    initService(svc: Service): void {
      svc.schedData = new DestTree(rank);
    },
    doneService(svc: Service): void {
      svc.schedData = null;
    },
    addDest(svc: Service): void {
      treeOf(svc, rank).invalidate();
    },
    delDest(svc: Service): void {
      treeOf(svc, rank).invalidate();
    },
    updDest(svc: Service, dest: Dest): void {
      treeOf(svc, rank).update(dest);
    },
    loadChanged(svc: Service, dest: Dest): void {
      treeOf(svc, rank).update(dest);
    },
    schedule(svc: Service): Dest | null {
      return treeOf(svc, rank).choose(svc);
    },
  };
}
