/**
 * The progress bar on standard error for headless runs that take longer than a second, redrawn in
 * place at most five times a second, only when standard error is a terminal. Its 100% is the
 * run's end in virtual time when one is known: `--until` or the scenario's `until`; else the end of
 * the planned traffic and timed events (`plannedEndNs`), after which the run goes on until nothing
 * is left to do (timers running out) and the bar says so. Wall-clock time is read here, in the CLI,
 * never in the simulation.
 */
import stringWidth from 'string-width';
import type { TraceEvent, TraceSink } from '../trace/events.js';
import { msg, render } from '../i18n/index.js';

const CHECK_EVERY = 16_384;
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 200;
const BAR_CELLS = 24;

/** What the bar measures against. */
export type ProgressEnd =
  | { readonly kind: 'until'; readonly ns: number }
  | { readonly kind: 'planned'; readonly ns: number }
  | { readonly kind: 'unknown' };

export interface ProgressOptions {
  readonly end: ProgressEnd;
  /** Milliseconds of wall-clock time (tests give their own). */
  readonly now?: () => number;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ns: number): string => `${(ns / 1e9).toFixed(3)} s`;

function bar(fraction: number): string {
  const full = Math.min(BAR_CELLS, Math.max(0, Math.floor(fraction * BAR_CELLS)));
  return `[${'█'.repeat(full)}${'░'.repeat(BAR_CELLS - full)}]`;
}

/** `text` cut to at most `columns` terminal columns (a CJK character takes two). */
function cutToWidth(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > columns) break;
    out += ch;
    used += w;
  }
  return out;
}

/** The text of one redraw (without the carriage return), cut to `columns`. */
export function progressLine(end: ProgressEnd, virtualNs: number, events: number, wallMs: number, columns: number): string {
  const rate = wallMs > 0 ? render(msg('cli.progress.rate', { count: count((events * 1000) / wallMs) })) : '';
  const tail = render(msg('cli.progress.events', { count: count(events), rate }));
  const virtual = secs(virtualNs);
  let head: string;
  if (end.kind === 'unknown' || end.ns <= 0) head = render(msg('cli.progress.unknownEnd', { virtual }));
  else if (end.kind === 'planned' && virtualNs > end.ns) head = render(msg('cli.progress.untilIdle', { bar: bar(1), virtual }));
  else {
    const f = Math.min(1, virtualNs / end.ns);
    head = render(msg('cli.progress.toEnd', { bar: bar(f), percent: String(Math.floor(f * 100)).padStart(3), virtual, end: secs(end.ns) }));
  }
  return cutToWidth(`${head}  ${tail}`, columns - 1);
}

export class Progress implements TraceSink {
  private events = 0;
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;
  private readonly end: ProgressEnd;

  constructor(
    private readonly stream: NodeJS.WritableStream & { readonly columns?: number },
    opts: ProgressOptions,
  ) {
    this.end = opts.end;
    this.now = opts.now ?? Date.now;
    this.started = this.now();
  }

  emit(event: TraceEvent): void {
    if (++this.events % CHECK_EVERY !== 0) return;
    const now = this.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[K${progressLine(this.end, event.t, this.events, now - this.started, this.stream.columns ?? 80)}`);
  }

  /** Clears the line (call before printing the summary). */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
