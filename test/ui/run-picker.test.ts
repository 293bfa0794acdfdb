import { describe, expect, it } from 'vitest';
import { FakeKeys, FakeTty, until } from './fake-terminal.js';

// Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI at import time);
// this test is about a terminal, so Ink is loaded as a terminal session would load it.
process.env['CI'] = 'false';
const { runPicker, builtinPickerLabs, builtinLabDetail } = await import('../../src/ui/picker/index.js');


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
