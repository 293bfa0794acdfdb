import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LabSession } from '../../src/ui/session.js';
import { drTrace } from './fixture.js';

/** The fixture trace as a session without quizzes or what-ifs. */
function traceSession(): LabSession {
  const trace = drTrace();
  return { trace, quizzes: new Map(), hosts: trace.meta.hosts, checkCommand: () => undefined, rerun: () => ({ ok: false, message: 'no scenario' }) };
}

// Ink draws only the last frame when it believes it runs in CI (the is-in-ci package reads CI at
// import time). This test is about a terminal, so it loads Ink as a terminal session would.
process.env['CI'] = 'false';
const { runPlay } = await import('../../src/ui/index.js');

/** A terminal-like output stream that keeps what is written. */
class FakeTty extends EventEmitter {
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
class FakeKeys extends EventEmitter {
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
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('runPlay', () => {
  it('draws on the alternate screen, steps on →, and resolves on q with the screen restored', async () => {
    const stdout = new FakeTty();
    const stdin = new FakeKeys();
    const done = runPlay(traceSession(), {
      color: false,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    await until(() => stdout.written.includes('step 1/8'));
    expect(stdout.written.startsWith('\u001b[?1049h')).toBe(true);
    expect(stdout.written).toContain('step 1/8');
    stdin.type('\u001b[C');
    await until(() => stdout.written.includes('step 2/8'));
    expect(stdout.written).toContain('step 2/8');
    let resolved = false;
    void done.then(() => {
      resolved = true;
    });
    stdin.type('q');
    await done;
    expect(resolved).toBe(true);
    expect(stdout.written.endsWith('\u001b[?1049l')).toBe(true);
  });

  it('follows a resize of the terminal', async () => {
    const stdout = new FakeTty();
    const stdin = new FakeKeys();
    const done = runPlay(traceSession(), { color: false, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream });
    await until(() => stdout.written.includes('step 1/8'));
    stdout.written = '';
    stdout.columns = 140;
    stdout.emit('resize');
    await until(() => stdout.written.includes('Flags [S], seq 1000, win 64240'));
    // at 140 columns the list shows the whole tcpdump line of the SYN
    expect(stdout.written).toContain('Flags [S], seq 1000, win 64240');
    stdin.type('q');
    await done;
  });
});
