/**
 * Which steps the event list shows: every step, or a narrowed set (the frames a display filter
 * selects, the hops of one followed packet, or both), always with the checkpoints kept as
 * landmarks. A narrowed set is a sorted Int32Array of steps; moving is a binary search, so a
 * step costs the same on a 100-event and a 100,000-event trace.
 */
import type { FrameFilter } from '../trace/filter/index.js';
import type { Trace } from '../trace/trace.js';

/** Sorted steps, or undefined for every step of the trace. */
export type StepSet = Int32Array | undefined;

/** Index of the first element of `steps` that is ≥ `step` (steps.length when none is). */
export function lowerBound(steps: Int32Array, step: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as number) < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first shown step after `step`, or undefined at the end. */
export function nextShown(view: StepSet, length: number, step: number): number | undefined {
  if (view === undefined) return step + 1 < length ? step + 1 : undefined;
  const i = lowerBound(view, step + 1);
  return i < view.length ? view[i] : undefined;
}

/** The last shown step before `step`, or undefined at the start. */
export function prevShown(view: StepSet, step: number): number | undefined {
  if (view === undefined) return step > 0 ? step - 1 : undefined;
  const i = lowerBound(view, step) - 1;
  return i >= 0 ? view[i] : undefined;
}

/** The shown step `n` rows after (n > 0) or before (n < 0) `step`, clamped to the ends. */
export function moveShown(view: StepSet, length: number, step: number, n: number): number {
  if (length === 0) return 0;
  if (view === undefined) return Math.min(Math.max(step + n, 0), length - 1);
  if (view.length === 0) return step;
  const at = lowerBound(view, step);
  // `step` itself may not be shown: moving forward starts from the first shown step after it.
  const here = view[at] === step ? at : n > 0 ? at - 1 : at;
  const i = Math.min(Math.max(here + n, 0), view.length - 1);
  return view[i] as number;
}

/** How many rows the view has. */
export function shownCount(view: StepSet, length: number): number {
  return view === undefined ? length : view.length;
}

/** The row of `step` in the view (of the last shown step before it when it is not shown). */
export function rowOf(view: StepSet, step: number): number {
  if (view === undefined) return step;
  const i = lowerBound(view, step);
  return view[i] === step ? i : Math.max(0, i - 1);
}

/** The step shown on `row`. */
export function stepAtRow(view: StepSet, row: number): number | undefined {
  if (view === undefined) return row;
  return view[row];
}

/** Steps of the frames (tx and rx events) a display filter selects: what tshark would select. */
export function filterSteps(trace: Trace, filter: FrameFilter): Int32Array {
  const out: number[] = [];
  const events = trace.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e !== undefined && (e.kind === 'tx' || e.kind === 'rx') && filter.matches(e.frame)) out.push(i);
  }
  return Int32Array.from(out);
}

/** Steps of every event about packet `pkt` (its hops, hooks, routing, IPVS decisions, drops). */
export function packetSteps(trace: Trace, pkt: number): Int32Array {
  const out: number[] = [];
  const events = trace.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e !== undefined && 'pkt' in e && e.pkt === pkt) out.push(i);
  }
  return Int32Array.from(out);
}

/** Steps in both sorted sets. */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Int32Array.from(out);
}

/** Steps in either sorted set. */
export function union(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return Int32Array.from(out);
}
