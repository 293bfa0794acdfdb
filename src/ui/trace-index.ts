/**
 * Indexes the viewer builds once per trace, in one pass, so that no render ever walks the whole
 * event array: for each step the step where the same packet was last put on a wire, and the
 * steps of the checkpoints (for `]` / `[`).
 */
import type { Trace } from '../trace/trace.js';
import { nextShown, prevShown } from './step-view.js';
import { displayWidth } from './width.js';

export interface TraceIndex {
  /** Number of events. */
  readonly length: number;
  /**
   * For a tx or rx event at step i: the step of the latest earlier tx event carrying the same
   * packet id (-1 when there is none). -1 for every other kind.
   */
  readonly prevHop: Int32Array;
  /**
   * For a tx event at step i: the step of the IPVS rewrite (ipvs.xmit) that sent it, the packet's
   * last one on the same host since its previous hop; -1 when IPVS did not send it (and for
   * every other kind). The narration and the changes pane both read it, so they always agree.
   */
  readonly xmitOf: Int32Array;
  /** Steps of the checkpoint events, ascending. */
  readonly checkpoints: Int32Array;
  /** Width of the host column: the longest host name of the trace. */
  readonly hostWidth: number;
  /** Width of the segment name in frame lines: the longest segment name of the trace. */
  readonly segmentWidth: number;
}

/**
 * A step per packet id: a typed array indexed by id while ids stay below `limit` (the simulator
 * numbers packets from 1, so a trace's ids are dense), a map for any other id. -1: none.
 */
class StepByPacket {
  private slots = new Int32Array(1024).fill(-1);
  private readonly others = new Map<number, number>();

  constructor(private readonly limit: number) {}

  get(pkt: number): number {
    if (pkt >= 0 && pkt < this.slots.length && Number.isInteger(pkt)) return this.slots[pkt] as number;
    if (pkt >= 0 && pkt < this.limit && Number.isInteger(pkt)) return -1;
    return this.others.get(pkt) ?? -1;
  }

  set(pkt: number, step: number): void {
    if (pkt >= 0 && pkt < this.limit && Number.isInteger(pkt)) {
      if (pkt >= this.slots.length) this.grow(pkt);
      this.slots[pkt] = step;
    } else if (step < 0) this.others.delete(pkt);
    else this.others.set(pkt, step);
  }

  private grow(pkt: number): void {
    let size = this.slots.length;
    while (size <= pkt) size *= 2;
    const next = new Int32Array(Math.min(size, this.limit)).fill(-1);
    next.set(this.slots);
    this.slots = next;
  }
}

/** Builds the viewer's indexes of a trace (O(events)). */
export function indexTrace(trace: Trace): TraceIndex {
  const events = trace.events;
  const prevHop = new Int32Array(events.length).fill(-1);
  const xmitOf = new Int32Array(events.length).fill(-1);
  const limit = 2 * events.length + 1024;
  const lastTx = new StepByPacket(limit);
  const lastXmit = new StepByPacket(limit);
  const checkpointSteps: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e === undefined) continue;
    if (e.kind === 'tx' || e.kind === 'rx') {
      const prev = lastTx.get(e.pkt);
      prevHop[i] = prev;
      if (e.kind === 'tx') {
        lastTx.set(e.pkt, i);
        const x = lastXmit.get(e.pkt);
        if (x >= 0 && events[x]?.host === e.host && x > prev) xmitOf[i] = x;
        lastXmit.set(e.pkt, -1);
      }
    } else if (e.kind === 'ipvs.xmit') {
      lastXmit.set(e.pkt, i);
    } else if (e.kind === 'checkpoint') {
      checkpointSteps.push(i);
    }
  }
  return {
    length: events.length,
    prevHop,
    xmitOf,
    checkpoints: Int32Array.from(checkpointSteps),
    hostWidth: longest(trace.meta.hosts),
    segmentWidth: longest(trace.meta.segments),
  };
}

function longest(names: readonly string[]): number {
  let width = 0;
  for (const name of names) width = Math.max(width, displayWidth(name));
  return width;
}

/** The first checkpoint step after `step`, or undefined. */
export function nextCheckpoint(index: TraceIndex, step: number): number | undefined {
  return nextShown(index.checkpoints, index.length, step);
}

/** The last checkpoint step before `step`, or undefined. */
export function prevCheckpoint(index: TraceIndex, step: number): number | undefined {
  return prevShown(index.checkpoints, step);
}
