import { describe, expect, it } from 'vitest';
import { FakeKeys, FakeTty, until } from './fake-terminal.js';
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
