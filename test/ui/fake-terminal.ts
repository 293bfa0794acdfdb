/** A fake terminal for tests that render through runPlay / runPicker: an output that keeps what is written, and keys to type. */
import { EventEmitter } from 'node:events';

/** A terminal-like output stream that keeps what is written. */
export class FakeTty extends EventEmitter {
  readonly isTTY = true;
  columns = 80;
  rows = 24;
  written = '';
  write(chunk: string): boolean {
    this.written += chunk;
    return true;
  }
}

/** A terminal-like input stream the test types into. */
export class FakeKeys extends EventEmitter {
  readonly isTTY = true;
  private pending: string[] = [];
  type(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Polls until `cond` holds (the screen is drawn asynchronously; a loaded machine may take a while). */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}
