/**
 * Output for long traces. Lines are gathered into 64 KiB chunks before they reach the stream, so
 * printing a million events does not cost a million writes; and a chunk for standard output is
 * written synchronously (`writeStdoutSync`), so a run never gets ahead of its reader.
 */
import { writeSync } from 'node:fs';

export class BufferedLines {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** A word to sleep on: Atomics.wait on it is a synchronous pause without spinning. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes `text` to standard output before returning. `process.stdout.write` into a pipe queues
 * what the reader has not taken yet, and a simulation runs synchronously: `lvslab run --json |
 * slow-reader` would hold the whole trace in memory (500 MB for 840,000 events). Here a full pipe
 * (EAGAIN: Node keeps the descriptor non-blocking) waits a millisecond for the reader and tries
 * again, so memory stays that of one chunk. A reader that is gone (EPIPE) ends the command as
 * SIGPIPE ends a C tool: quietly, with the shell's 128 + 13.
 */
export function writeStdoutSync(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') process.exit(141);
      else throw e;
    }
  }
}
