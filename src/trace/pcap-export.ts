/**
 * One classic pcap per segment, streamed as the run goes: every `tx` event's frame is written to
 * `<dir>/<segment>.pcap` with its virtual time as the timestamp, so a file holds exactly the frames
 * seen on that segment (what a checkpoint's `frames` counts). Files are written as
 * `<segment>.pcap.partial` and renamed only when the run finished, so an interrupted run never
 * leaves a truncated capture under the real name.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TraceEvent, TraceSink } from './events.js';
import { fdSink, PcapWriter } from '../net/pcap/writer.js';

/**
 * Makes `dir` and its missing parents, one level at a time. Node 20's `mkdirSync(…, { recursive })`
 * never returns for a path under /proc (it retries the ENOENT forever), so the walk is ours and
 * bounded by the number of path components.
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  while (!existsSync(cur)) {
    missing.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  if (existsSync(cur) && !statSync(cur).isDirectory()) throw new Error(`${cur} is not a directory`);
  for (const d of missing.reverse()) mkdirSync(d);
}

interface Output {
  readonly writer: PcapWriter;
  readonly fd: number;
  readonly partial: string;
  readonly final: string;
}

export class PcapExport implements TraceSink {
  private readonly outputs = new Map<string, Output>();

  /** Opens `<dir>/<segment>.pcap.partial` for every segment; throws an Error with a plain message when the folder cannot be made. */
  constructor(dir: string, segments: readonly string[]) {
    ensureDir(dir);
    for (const segment of segments) {
      const final = path.join(dir, `${segment}.pcap`);
      const partial = `${final}.partial`;
      const fd = openSync(partial, 'w');
      this.outputs.set(segment, { writer: new PcapWriter({ sink: fdSink(fd) }), fd, partial, final });
    }
  }

  emit(event: TraceEvent): void {
    if (event.kind !== 'tx') return;
    this.outputs.get(event.segment)?.writer.writeFrame(event.t, event.frame);
  }

  /** Flushes, closes and renames every file to its final name; returns the paths written. */
  finish(): string[] {
    const written: string[] = [];
    for (const o of this.outputs.values()) {
      o.writer.flush();
      closeSync(o.fd);
      renameSync(o.partial, o.final);
      written.push(o.final);
    }
    this.outputs.clear();
    return written;
  }

  /** Closes and removes the partial files (the run failed). */
  abort(): void {
    for (const o of this.outputs.values()) {
      closeSync(o.fd);
      rmSync(o.partial, { force: true });
    }
    this.outputs.clear();
  }
}
