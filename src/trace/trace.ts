/**
 * The kept trace: every event of a run, in order, indexed by step. Stepping back in the UI is
 * moving an index into this array, never re-simulating.
 */
import type { TraceEvent, TraceSink } from './events.js';

/** What a trace was made from, for viewers (titles, host and segment names). */
export interface TraceMeta {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly hosts: readonly string[];
  readonly segments: readonly string[];
}

export class Trace implements TraceSink {
  readonly events: TraceEvent[] = [];

  constructor(readonly meta: TraceMeta) {}

  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  get length(): number {
    return this.events.length;
  }
}
