/**
 * Weighted round robin (net/netfilter/ipvs/ip_vs_wrr.c, §2.2). The state `mark` holds `cl` (the
 * node last chosen, or the list head), `cw` (the current weight), `mw` (max weight − (di − 1)) and
 * `di` (gcd of the weights > 0). Each pass over the list takes every server with weight ≥ cw, then
 * cw drops by di; below 1 it wraps to mw. Every add, delete or edit runs ip_vs_wrr_dest_changed,
 * which sends `cl` back to the head but keeps a leftover `cw`: that is why the first picks after
 * a series of `ipvsadm -a` are not the steady cycle (`C B A | A | B A | …` for weights 4, 3, 2).
 */
import type { Dest, DestNode } from '../dest.js';
import { IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';
import { gcd } from './gcd.js';

/** wrr's sched_data (struct ip_vs_wrr_mark). */
export class WrrMark {
  /** The node last chosen, or the list head. */
  cl: DestNode;
  /** Current weight. */
  cw = 0;
  /** Maximum weight, less (di − 1). */
  mw = 0;
  /** Decreasing interval: the gcd of the weights > 0, or 1. */
  di = 1;
  constructor(head: DestNode) {
    this.cl = head;
  }
}


/** ip_vs_wrr_gcd_weight: gcd of the weights > 0, or 1 when there are none. */
function gcdWeight(svc: Service): number {
  let g = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (n.weight > 0) g = g > 0 ? gcd(n.weight, g) : n.weight;
  }
  return g > 0 ? g : 1;
}

/** ip_vs_wrr_max_weight: the largest weight in the list (weight-0 servers included), 0 if empty. */
function maxWeight(svc: Service): number {
  let w = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (n.weight > w) w = n.weight;
  }
  return w;
}

function wrrInitService(svc: Service): void {
  const mark = new WrrMark(svc.destinations.head);
  mark.di = gcdWeight(svc);
  mark.mw = maxWeight(svc) - (mark.di - 1);
  mark.cw = mark.mw;
  svc.schedData = mark;
}

/** ip_vs_wrr_dest_changed: run on add, delete and edit of a server. */
function wrrDestChanged(svc: Service): void {
  const mark = svc.schedData;
  if (!(mark instanceof WrrMark)) return;
  mark.cl = svc.destinations.head;
  mark.di = gcdWeight(svc);
  mark.mw = maxWeight(svc) - (mark.di - 1);
  if (mark.cw > mark.mw || mark.cw === 0) mark.cw = mark.mw;
  else if (mark.di > 1) mark.cw = Math.trunc(mark.cw / mark.di) * mark.di + 1;
}

function wrrSchedule(svc: Service): Dest | null {
  const mark = svc.schedData;
  if (!(mark instanceof WrrMark)) return null;
  if (mark.mw === 0) return null;
  const head = svc.destinations.head;
  const last = mark.cl;
  let node: DestNode = last;
  let stop: DestNode | null = null;
  let lastPass = false;
  let restarted = false;
  for (;;) {
    for (node = node.next; !node.isHead; node = node.next) {
      if ((node.flags & IP_VS_DEST_F_OVERLOAD) === 0 && node.weight >= mark.cw) {
        mark.cl = node;
        return node;
      }
      if (node === stop) {
        mark.cl = node;
        return null;
      }
    }
    mark.cw -= mark.di;
    if (mark.cw <= 0) {
      mark.cw = mark.mw;
      // A pass at the lowest weight already covered every server, or started from the head.
      if (lastPass || last === head) {
        mark.cl = head;
        return null;
      }
      restarted = true;
    }
    lastPass = mark.cw <= mark.di;
    // The lowest-weight pass began after `last`: check the servers up to `last` too, then stop.
    if (lastPass && restarted && last !== head) stop = last;
  }
}

/** The wrr scheduler's ops. */
export const wrrScheduler: SchedulerOps = {
  name: 'wrr',
  initService: wrrInitService,
  addDest: wrrDestChanged,
  delDest: wrrDestChanged,
  updDest: wrrDestChanged,
  schedule: wrrSchedule,
};
