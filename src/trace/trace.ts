/**
 * The kept trace: every event of a run, in order, indexed by step. Stepping back in the UI is
 * moving an index into this array, never re-simulating.
 */
import type { TraceEvent, TraceSink } from './events.js';
import type { Topology } from './topology.js';

/** What a trace was made from, for viewers (titles, host and segment names). */
export interface TraceMeta {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly hosts: readonly string[];
  readonly segments: readonly string[];
  /** The lab as built, before its first command (absent for traces made by hand). */
  readonly topology?: Topology;
}

export class Trace implements TraceSink {
  readonly events: TraceEvent[] = [];
  private current: TraceMeta;

  constructor(meta: TraceMeta) {
    this.current = meta;
  }

  get meta(): TraceMeta {
    return this.current;
  }

  /**
   * Records the lab's topology, once: the runner creates the trace before the build and learns
   * the topology from it, before the first event.
   */
  setTopology(topology: Topology): void {
    if (this.current.topology !== undefined) throw new Error('Trace.setTopology: the topology is already set');
    this.current = { ...this.current, topology };
  }

  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  get length(): number {
    return this.events.length;
  }
}
