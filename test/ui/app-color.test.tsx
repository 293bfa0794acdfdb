import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabApp } from '../../src/ui/app.js';
import { drTrace, labSession } from './fixture.js';

// Ink's colour support is decided when it is loaded: force it on, so that the absence of colour
// below is the app's doing, not the test runner's missing terminal.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

/** Foreground, background, bright, 256-colour and true-colour SGR codes. */
const COLOUR = /\u001b\[(3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;|48;)[0-9;]*m/;
const INVERSE = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
}

async function firstFrame(color: boolean): Promise<string> {
  const { lastFrame } = render(<LabApp trace={drTrace()} color={color} width={80} height={24} />);
  await settle();
  return lastFrame() ?? '';
}

/** The inverse runs of a frame's lines (what a terminal shows in reverse video). */
function inverseRuns(line: string): string[] {
  const out: string[] = [];
  let at = line.indexOf(INVERSE);
  while (at >= 0) {
    const end = line.indexOf(INVERSE_OFF, at);
    out.push(line.slice(at + INVERSE.length, end < 0 ? undefined : end).replace(/\u001b\[[0-9;]*m/g, ''));
    at = end < 0 ? -1 : line.indexOf(INVERSE, end);
  }
  return out;
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

  it('without colour, meaning is kept by inverse video: the current event, the selected row, its bytes in the hex pane', async () => {
    const { lastFrame, stdin } = render(<LabApp session={labSession('dr-basic')} color={false} width={80} height={24} />);
    await settle();
    stdin.write('/');
    for (const ch of 'eth.src == 02:00:00:00:03:01 && tcp.flags.syn == 1') stdin.write(ch);
    await settle();
    stdin.write('\r');
    await settle();
    const listFrame = (lastFrame() ?? '').split('\n');
    // the current event's row is in inverse video
    expect(listFrame.some((l) => inverseRuns(l).some((r) => r.startsWith('▸→')))).toBe(true);
    stdin.write('x');
    await settle();
    stdin.write('\t');
    await settle();
    stdin.write('j');
    await settle();
    const frame = lastFrame() ?? '';
    expect(frame).not.toMatch(COLOUR);
    const rows = frame.split('\n');
    // the selected tree row (Ethernet II) is inverse
    expect(rows.some((l) => inverseRuns(l).some((r) => r.includes('Ethernet II')))).toBe(true);
    // the hex pane: the Ethernet header's 14 bytes are inverse on the first line
    const first = rows.find((l) => l.replace(/\u001b\[[0-9;]*m/g, '').startsWith('0000  '));
    expect(first).toBeDefined();
    const runs = inverseRuns(first ?? '');
    expect(runs.map((r) => r.trim()).filter((r) => /[0-9a-f]{2}/.test(r))[0]).toBe('02 00 00 00 05 01 02 00  00 00 03 01 08 00');
  });
});
