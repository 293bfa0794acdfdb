import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabApp } from '../../src/ui/app.js';
import { drTrace } from './fixture.js';

// Ink's colour support is decided when it is loaded: force it on, so that the absence of colour
// below is the app's doing, not the test runner's missing terminal.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const COLOUR = /\u001b\[(3[0-7]|9[0-7]|4[0-7])m/;

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

async function firstFrame(color: boolean): Promise<string> {
  const { lastFrame } = render(<LabApp trace={drTrace()} color={color} width={80} height={24} />);
  await new Promise((resolve) => setTimeout(resolve, 30));
  return lastFrame() ?? '';
}

describe('LabApp colour', () => {
  it('colours the kind markers when asked', async () => {
    vi.stubEnv('NO_COLOR', '');
    expect(await firstFrame(true)).toMatch(COLOUR);
  });

  it('emits no colour at all with color={false}', async () => {
    expect(await firstFrame(false)).not.toMatch(COLOUR);
  });

  it('emits no colour at all under NO_COLOR', async () => {
    vi.stubEnv('NO_COLOR', '1');
    expect(await firstFrame(true)).not.toMatch(COLOUR);
  });
});
