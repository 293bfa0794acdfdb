/**
 * The discrete-event core: a virtual clock in integer nanoseconds and one event queue, a binary
 * min-heap ordered by (time, insertion sequence) so that events due at the same time run first in,
 * first out and every run is reproducible (the ns-3 scheduler rule). Cancelling a timer only marks
 * it (O(1)); the heap skips marked entries when they surface and is compacted when they pile up.
 * A run stops at `until`, when the queue is empty, or when its event budget is spent: a
 * forwarding loop or an event storm ends with reason 'budget' instead of hanging.
 */
import type { TraceEvent, TraceSink } from '../trace/events.js';
import type { SimApi, Timer } from './types.js';
import { SeededRandom } from './rng.js';

/** One scheduled callback; it is also the Timer handed back to the caller. */
class QueuedEvent implements Timer {
  fn: (() => void) | null;
  cancelled = false;

  constructor(
    readonly time: number,
    readonly seq: number,
    fn: () => void,
    private readonly owner: Simulator,
  ) {
    this.fn = fn;
  }

  /** True until the callback has run or the timer was cancelled. */
  get active(): boolean {
    return this.fn !== null;
  }

  /** Marks the event dead; it is dropped when it reaches the top of the heap. */
  cancel(): void {
    if (this.fn === null) return;
    this.fn = null;
    this.cancelled = true;
    this.owner.noteCancelled();
  }
}

/** Why `run` returned. */
export type RunStopReason = 'idle' | 'until' | 'budget';

export interface RunOptions {
  /** Run events due at or before this virtual time (ns), then set the clock to it. */
  readonly until?: number;
  /** The most events this call may execute (default 10 million). */
  readonly maxEvents?: number;
}

export interface RunResult {
  /** 'idle': the queue is empty; 'until': the next event is after `until`; 'budget': `maxEvents` ran out. */
  readonly reason: RunStopReason;
  /** Events executed by this call (cancelled timers do not count). */
  readonly events: number;
  /** The virtual time when the run stopped. */
  readonly now: number;
}

/** The default event budget of one `run` call. */
export const DEFAULT_MAX_EVENTS = 10_000_000;

/** Compact the heap when more than this many cancelled entries sit in it and they are the majority. */
const COMPACT_MIN = 1024;

/**
 * The virtual clock, the event queue, the seeded generator, packet/flow id counters and the
 * fan-out of trace events to sinks.
 */
export class Simulator implements SimApi {
  private clock = 0;
  private seq = 0;
  private heap: QueuedEvent[] = [];
  /**
   * The (time, seq) key of each heap slot, kept beside the entries in flat arrays so that the
   * comparisons of a sift read neither the events nor boxed numbers.
   */
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private cancelledInHeap = 0;
  private readonly rng: SeededRandom;
  private packetId = 0;
  private flowId = 0;
  private readonly sinks: TraceSink[] = [];
  private executed = 0;

  /** `seed`: the scenario seed; all randomness of the run derives from it. */
  constructor(readonly seed: number = 1) {
    this.rng = new SeededRandom(seed);
  }

  /** Virtual time in ns. */
  get now(): number {
    return this.clock;
  }

  /** Number of live (not cancelled) events waiting. */
  get pending(): number {
    return this.heap.length - this.cancelledInHeap;
  }

  /** Events executed since the simulator was created. */
  get totalEvents(): number {
    return this.executed;
  }

  /** Runs `fn` at absolute virtual time `time` (integer ns, not in the past). */
  at(time: number, fn: () => void): Timer {
    if (!Number.isInteger(time) || time < this.clock) {
      throw new RangeError(`Simulator.at: time ${time} is not an integer at or after now (${this.clock})`);
    }
    const ev = new QueuedEvent(time, this.seq++, fn, this);
    this.push(ev);
    return ev;
  }

  /** Runs `fn` after `delay` ns (a non-negative integer). */
  after(delay: number, fn: () => void): Timer {
    return this.at(this.clock + delay, fn);
  }

  /** An integer in [min, max] inclusive, from the run's one seeded generator. */
  randomInt(min: number, max: number): number {
    return this.rng.int(min, max);
  }

  /** A fresh packet id (1, 2, 3 …). */
  nextPacketId(): number {
    return ++this.packetId;
  }

  /** A fresh flow id (1, 2, 3 …). */
  nextFlowId(): number {
    return ++this.flowId;
  }

  /** Registers a trace sink; events reach sinks in registration order. */
  addSink(sink: TraceSink): void {
    this.sinks.push(sink);
  }

  /** Removes a sink registered with `addSink`. */
  removeSink(sink: TraceSink): void {
    const i = this.sinks.indexOf(sink);
    if (i >= 0) this.sinks.splice(i, 1);
  }

  /** Hands `event` to every sink. */
  emit(event: TraceEvent): void {
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) (sinks[i] as TraceSink).emit(event);
  }

  /**
   * Executes events in (time, sequence) order until the queue is empty, the next event is after
   * `until`, or `maxEvents` events have run. With `until`, the clock ends at `until` unless the
   * budget stopped the run first.
   */
  run(opts: RunOptions = {}): RunResult {
    const until = opts.until;
    const budget = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (until !== undefined && (!Number.isInteger(until) || until < this.clock)) {
      throw new RangeError(`Simulator.run: until ${until} is not an integer at or after now (${this.clock})`);
    }
    let events = 0;
    for (;;) {
      const top = this.peekLive();
      if (top === undefined) {
        if (until !== undefined) this.clock = until;
        return { reason: 'idle', events, now: this.clock };
      }
      if (until !== undefined && top.time > until) {
        this.clock = until;
        return { reason: 'until', events, now: this.clock };
      }
      if (events >= budget) return { reason: 'budget', events, now: this.clock };
      this.popTop();
      const fn = top.fn as () => void;
      top.fn = null;
      this.clock = top.time;
      events++;
      this.executed++;
      fn();
    }
  }

  /** Called by a timer when it is cancelled while still in the heap. */
  noteCancelled(): void {
    this.cancelledInHeap++;
    if (this.cancelledInHeap > COMPACT_MIN && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  /** The earliest live event, discarding cancelled ones from the top. */
  private peekLive(): QueuedEvent | undefined {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0] as QueuedEvent;
      if (!top.cancelled) return top;
      this.popTop();
      this.cancelledInHeap--;
    }
    return undefined;
  }

  private push(ev: QueuedEvent): void {
    const heap = this.heap;
    const i = heap.length;
    heap.push(ev);
    if (i >= this.times.length) this.growKeys();
    this.siftUp(i, ev, ev.time, ev.seq);
  }

  /** Moves `ev` (keys `t`, `s`) up from slot `i` past every later parent and stores it there. */
  private siftUp(i: number, ev: QueuedEvent, t: number, s: number): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < t || (pt === t && (seqs[parent] as number) < s)) break;
      heap[i] = heap[parent] as QueuedEvent;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      i = parent;
    }
    heap[i] = ev;
    times[i] = t;
    seqs[i] = s;
  }

  /** Doubles the key arrays (they always hold at least as many slots as the heap has entries). */
  private growKeys(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }

  /**
   * Removes the top. Bottom-up (Floyd): the hole left at the root follows the earlier child down to
   * a leaf, one comparison per level, and the last entry rises from there; it is among the latest
   * events, so it rarely rises far. The pop order is the (time, seq) order whatever the layout.
   */
  private popTop(): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const n = heap.length - 1;
    const last = heap.pop() as QueuedEvent;
    if (n === 0) return;
    const lt = times[n] as number;
    const ls = seqs[n] as number;
    let i = 0;
    for (let child = this.earlierChild(0, n); child !== -1; child = this.earlierChild(i, n)) {
      heap[i] = heap[child] as QueuedEvent;
      times[i] = times[child] as number;
      seqs[i] = seqs[child] as number;
      i = child;
    }
    this.siftUp(i, last, lt, ls);
  }

  /** The earlier (by time, then sequence) of slot `i`'s children among the first `n` slots; -1 when it has none. */
  private earlierChild(i: number, n: number): number {
    const child = 2 * i + 1;
    if (child >= n) return -1;
    const right = child + 1;
    if (right < n) {
      const times = this.times;
      const ct = times[child] as number;
      const rt = times[right] as number;
      if (rt < ct || (rt === ct && (this.seqs[right] as number) < (this.seqs[child] as number))) return right;
    }
    return child;
  }

  /** Sifts the entry at `start` down to its place (heap construction). */
  private siftDown(start: number): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const n = heap.length;
    const ev = heap[start] as QueuedEvent;
    const t = times[start] as number;
    const s = seqs[start] as number;
    let i = start;
    for (;;) {
      const child = this.earlierChild(i, n);
      if (child === -1) break;
      const ct = times[child] as number;
      if (t < ct || (t === ct && s < (seqs[child] as number))) break;
      heap[i] = heap[child] as QueuedEvent;
      times[i] = ct;
      seqs[i] = seqs[child] as number;
      i = child;
    }
    heap[i] = ev;
    times[i] = t;
    seqs[i] = s;
  }

  /** Drops every cancelled entry and rebuilds the heap in O(n). */
  private compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    this.heap = live;
    this.cancelledInHeap = 0;
    for (let i = 0; i < live.length; i++) {
      const e = live[i] as QueuedEvent;
      this.times[i] = e.time;
      this.seqs[i] = e.seq;
    }
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }
}
