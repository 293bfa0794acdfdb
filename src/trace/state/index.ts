/**
 * State at step i as a fold of the trace, with snapshots: `indexState` folds the whole trace once
 * and keeps the state after every `every`-th event (tables that did not change are shared between
 * snapshots, see cow.ts); `stateAt` starts from the nearest snapshot at or before the step (or
 * from the last answer, when that is nearer) and applies at most `every - 1` events.
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

/** A trace's folded states: snapshots every `every` events. */
export interface StateIndex {
  readonly events: readonly TraceEvent[];
  readonly every: number;
  /** snapshots[k] is the state after event k·every − 1 (snapshots[0]: before the first event). */
  readonly snapshots: readonly LabState[];
  /** The last state handed out, to step forward from it. */
  last: LabState | undefined;
}

/** Folds `trace` once, keeping a snapshot every `every` events. */
export function indexState(trace: Trace, every: number = DEFAULT_SNAPSHOT_EVERY): StateIndex {
  const n = Math.max(1, Math.floor(every));
  const events = trace.events;
  const folder = LabFolder.initial(trace.meta.hosts, trace.meta.topology);
  const snapshots: LabState[] = [folder.freeze()];
  for (let i = 0; i < events.length; i++) {
    folder.apply(events[i] as TraceEvent, i);
    if ((i + 1) % n === 0) snapshots.push(folder.freeze());
  }
  return { events, every: n, snapshots, last: undefined };
}

/** The state after event `step` is applied (steps below 0 give the state before the first event; beyond the end, the last). */
export function stateAt(index: StateIndex, step: number): LabState {
  const s = Math.min(Math.max(-1, Math.floor(step)), index.events.length - 1);
  const k = Math.min(Math.floor((s + 1) / index.every), index.snapshots.length - 1);
  let from = index.snapshots[k] as LabState;
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
