/**
 * A progress line on standard error for headless runs that take longer than a second: events so
 * far and the virtual time reached, redrawn in place at most five times a second, only when
 * standard error is a terminal. Wall-clock time is read here, in the CLI, never in the simulation.
 */
import type { TraceEvent, TraceSink } from '../trace/events.js';

const CHECK_EVERY = 16_384;
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 200;

export class Progress implements TraceSink {
  private events = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  emit(event: TraceEvent): void {
    if (++this.events % CHECK_EVERY !== 0) return;
    const now = Date.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[Ksimulating: ${this.events.toLocaleString('en-US')} events, virtual time ${(event.t / 1e9).toFixed(3)} s`);
  }

  /** Clears the line (call before printing the summary). */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
