/**
 * `lvslab run` writes standard output synchronously (src/cli/output.ts writeStdoutSync): a reader
 * that stops reading holds the run back instead of making it queue the trace in memory, the output
 * is the same whatever the reader's pace, and a reader that leaves ends the run at once, as
 * SIGPIPE ends a C tool (exit 141, nothing on stderr).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab, ROOT } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'lvslab-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** dr-basic with 100 requests: some 28,000 events, about 12 MB of JSONL, far more than a pipe holds, simulated in well under a second. */
const scenario = path.join(tmp, 'dr-100.yaml');
writeFileSync(scenario, readFileSync(path.join(ROOT, 'scenarios', 'dr-basic.yaml'), 'utf8').replace('count: 4, every: 100ms', 'count: 100, every: 1ms'));

interface Piped {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** What the run had written to stderr when the reader's pause ended (its closing summary, if it got there). */
  readonly stderrDuringPause: string;
}

/**
 * Runs `lvslab <args>` with stdout into a pipe; the reader takes the first chunk, then stops reading
 * for `pauseMs`, then reads on (or, with `leave`, closes the pipe instead).
 */
function piped(args: readonly string[], pauseMs: number, leave = false): Promise<Piped> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'lvslab.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const chunks: Buffer[] = [];
    let stderr = '';
    let paused = false;
    let stderrDuringPause = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      if (paused) return;
      paused = true;
      child.stdout.pause();
      setTimeout(() => {
        stderrDuringPause = stderr;
        if (leave) child.stdout.destroy();
        else child.stdout.resume();
      }, pauseMs);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(chunks), stderr, stderrDuringPause }));
  });
}

describe('lvslab run into a pipe', () => {
  it('a reader that pauses gets the same JSONL as one that does not, and the run waits for it', async () => {
    const whole = lvslab(['run', scenario, '--json', '--seed', '3']);
    expect(whole.code).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(5_000_000);
    const slow = await piped(['run', scenario, '--json', '--seed', '3'], 2500);
    expect(slow.code).toBe(0);
    expect(slow.stdout.toString('utf8')).toBe(whole.stdout);
    // The run takes well under the pause; had it queued its output instead of waiting for the
    // reader, its closing summary would already be on stderr.
    expect(slow.stderrDuringPause).toBe('');
    expect(slow.stderr).toMatch(/ events, /);
  });

  it('a reader that leaves ends the run at once: exit 141, nothing on stderr', async () => {
    const r = await piped(['run', scenario, '--json'], 50, true);
    expect(r.code).toBe(141);
    expect(r.stderr).toBe('');
  });
});
