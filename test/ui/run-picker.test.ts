import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';

// Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI at import time);
// this test is about a terminal, so Ink is loaded as a terminal session would load it.
process.env['CI'] = 'false';
const { runPicker, builtinPickerLabs, builtinLabDetail } = await import('../../src/ui/picker/index.js');

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

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

function open(initial?: string) {
  const stdout = new FakeTty();
  const stdin = new FakeKeys();
  const done = runPicker({
    labs: builtinPickerLabs(),
    color: false,
    describe: builtinLabDetail,
    ...(initial === undefined ? {} : { initial }),
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return { stdout, stdin, done };
}

describe('runPicker', () => {
  it('draws on the alternate screen and resolves with the lab chosen with Enter', async () => {
    const { stdout, stdin, done } = open('dr-basic');
    await until(() => stdout.written.includes('choose a lab'));
    expect(stdout.written.startsWith('\u001b[?1049h')).toBe(true);
    expect(stdout.written).toContain('▸ dr-basic');
    stdin.type('j');
    await until(() => stdout.written.includes('▸ dr-no-portmap'));
    stdin.type('\r');
    expect(await done).toBe('dr-no-portmap');
    expect(stdout.written.endsWith('\u001b[?1049l')).toBe(true);
  });

  it('resolves with undefined on q', async () => {
    const { stdout, stdin, done } = open();
    await until(() => stdout.written.includes('choose a lab'));
    stdin.type('q');
    expect(await done).toBeUndefined();
    expect(stdout.written.endsWith('\u001b[?1049l')).toBe(true);
  });

  it('follows a resize: from 120 columns the summary moves beside the list', async () => {
    const { stdout, stdin, done } = open('dr-basic');
    await until(() => stdout.written.includes('choose a lab'));
    stdout.written = '';
    stdout.columns = 160;
    stdout.rows = 40;
    stdout.emit('resize');
    await until(() => stdout.written.includes('Checkpoints ('));
    expect(stdout.written).toContain('Checkpoints (');
    stdin.type('q');
    await done;
  });
});
