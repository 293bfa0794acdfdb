/** The HexPane component: the dump's lines, the highlighted bytes in inverse video, nothing else styled. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame } from '../../src/net/wire/frame.js';
import { HexPane } from '../../src/ui/components/HexPane.js';
import { hexDump } from '../../src/ui/hex.js';
import { SYN } from '../filter/frames.js';

// Ink decides on styling when it loads: force it on so that the inverse codes can be seen.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

afterEach(() => cleanup());

const INVERSE_ON = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';
const ANY_SGR = /\u001b\[[0-9;]*m/g;

describe('HexPane', () => {
  it('prints the lines of the view', () => {
    const view = hexDump(encodeFrame(SYN), { width: 80, rows: 2 });
    const { lastFrame } = render(<HexPane view={view} width={80} />);
    expect((lastFrame() ?? '').replace(ANY_SGR, '').split('\n')).toEqual(view.lines.map((l) => l.text));
  });

  it('draws the highlighted bytes in inverse video, hex and ASCII, and only them', () => {
    const view = hexDump(encodeFrame(SYN), { width: 80, rows: 5, highlight: { pos: 26, len: 4 } });
    const { lastFrame } = render(<HexPane view={view} width={80} />);
    const frame = lastFrame() ?? '';
    const inverse = [...frame.matchAll(/\u001b\[7m(.*?)\u001b\[27m/g)].map((m) => m[1]);
    expect(inverse).toEqual(['cb 00 71 0a', '..q.']);
    expect(frame.split(INVERSE_ON).length - 1).toBe(2);
    expect(frame.split(INVERSE_OFF).length - 1).toBe(2);
    // No colour: the highlight reads the same on a monochrome terminal.
    expect(frame).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|4[0-7])m/);
  });

  it('fits a narrow pane with 8 bytes a line', () => {
    const view = hexDump(encodeFrame(SYN), { width: 50, rows: 3, highlight: { pos: 12, len: 2 } });
    const { lastFrame } = render(<HexPane view={view} width={50} />);
    const lines = (lastFrame() ?? '').replace(ANY_SGR, '').split('\n');
    expect(lines).toEqual(['0000  02 00 00 00 00 0a 02 00   ........', '0008  00 00 00 01 08 00 45 00   ......E.', '0010  00 3c 00 01 40 00 40 06   .<..@.@.']);
    expect([...(lastFrame() ?? '').matchAll(/\u001b\[7m(.*?)\u001b\[27m/g)].map((m) => m[1])).toEqual(['08 00', '..']);
  });
});
