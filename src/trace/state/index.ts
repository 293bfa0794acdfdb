/**
 * State at step i as a fold of the trace, with snapshots: `indexState` folds the whole trace once
 * and keeps the state every so many events (tables that did not change are shared between
 * snapshots, see cow.ts); `stateAt` starts from the nearest snapshot at or before the step (or
 * from the last answer, when that is nearer) and applies the events between.
 *
 * Snapshots are spaced by what they cost: at least `every` events apart, and at least
 * COPY_RATIO events per table entry the previous snapshot made the fold copy (a table written
 * after a snapshot is copied whole). A table that grows with the trace (the connection table of
 * a long run) would otherwise be copied at every snapshot, memory and time quadratic in the
 * trace; spaced so, the copies stay below one entry per COPY_RATIO events, and the fold from a
 * snapshot stays proportional to the size of the tables it would have copied. The state after
 * the last event is a snapshot too.
 */
import type { Trace } from '../trace.js';
import type { TraceEvent } from '../events.js';
import { LabFolder } from './lab-fold.js';
import type { LabState } from './types.js';

export type { HostState, LabState, LinkState, NeighEntryState, RouteState, ServiceState, VrrpInstanceState } from './types.js';
export { connKey, neighKey, routeKey, serviceKey } from './host-fold.js';
export { ifaceOrder, neighByIface, protocolNumber, routesOf, servicesInHashOrder } from './query.js';

/** The default snapshot interval (see the report in bench/run.js: fold cost against memory). */
export const DEFAULT_SNAPSHOT_EVERY = 512;

/** Events per table entry copied, at least, between two snapshots (see the header). */
export const COPY_RATIO = 4;

/** A trace's folded states: snapshots at least every `every` events. */
export interface StateIndex {
  readonly events: readonly TraceEvent[];
  /** The least number of events between two snapshots. */
  readonly every: number;
  /** The snapshots in step order (snapshots[0]: before the first event, step −1). */
  readonly snapshots: readonly LabState[];
  /** The last state handed out, to step forward from it. */
  last: LabState | undefined;
}

/** Folds `trace` once, keeping a snapshot at least every `every` events (spaced by cost, see the header). */
export function indexState(trace: Trace, every: number = DEFAULT_SNAPSHOT_EVERY): StateIndex {
  const n = Math.max(1, Math.floor(every));
  const events = trace.events;
  const folder = LabFolder.initial(trace.meta.hosts, trace.meta.topology);
  const snapshots: LabState[] = [folder.freeze()];
  let since = 0;
  let due = n;
  let copiedBefore = folder.copied();
  for (let i = 0; i < events.length; i++) {
    folder.apply(events[i] as TraceEvent, i);
    if (++since < due) continue;
    const copied = folder.copied();
    due = Math.max(n, (copied - copiedBefore) * COPY_RATIO);
    if (since < due) continue;
    snapshots.push(folder.freeze());
    copiedBefore = copied;
    since = 0;
    due = n;
  }
  // The end too: a jump to the last step (G) folds nothing.
  if (since > 0) snapshots.push(folder.freeze());
  return { events, every: n, snapshots, last: undefined };
}

/** Index of the last snapshot at or before step `s`. */
function snapshotBefore(snapshots: readonly LabState[], s: number): number {
  let lo = 0;
  let hi = snapshots.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((snapshots[mid] as LabState).step <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The state after event `step` is applied (steps below 0 give the state before the first event; beyond the end, the last). */
export function stateAt(index: StateIndex, step: number): LabState {
  const s = Math.min(Math.max(-1, Math.floor(step)), index.events.length - 1);
  let from = index.snapshots[snapshotBefore(index.snapshots, s)] as LabState;
  const last = index.last;
  if (last !== undefined && last.step <= s && last.step > from.step) from = last;
  if (from.step === s) return remember(index, from);
  const folder = LabFolder.thaw(from);
  for (let i = from.step + 1; i <= s; i++) folder.apply(index.events[i] as TraceEvent, i);
  return remember(index, folder.freeze());
}

function remember(index: StateIndex, s: LabState): LabState {
  index.last = s;
  return s;
}
