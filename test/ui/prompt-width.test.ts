import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promptWindow } from '../../src/ui/prompt.js';
import { displayWidth, sliceColumns } from '../../src/ui/width.js';

describe('promptWindow', () => {
  it('scrolls a Chinese line in columns, keeping the cursor in view', () => {
    expect(promptWindow('/', '调度器abc', 3, 10)).toEqual({ start: 0, room: 8, cursorCol: 6, under: 'a' });
    // at the end of the line: 9 columns of text, 8 of room, the cursor takes one
    expect(promptWindow('/', '调度器abc', 6, 10)).toEqual({ start: 2, room: 8, cursorCol: 9, under: '' });
    // on a double-width character the window makes room for both of its columns
    expect(promptWindow('rs1# ', 'ab调度器', 4, 10)).toMatchObject({ start: 4, room: 4, cursorCol: 6, under: '器' });
  });

  it('property: the prompt line (prefix, text before the cursor, the cursor, the text after) fits the width', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab .调度器，'), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.nat(40), fc.integer({ min: 8, max: 60 }), (t, c, width) => {
        const cursor = Math.min(c, t.length);
        const prefix = 'rs1# ';
        const w = promptWindow(prefix, t, cursor, width);
        const before = sliceColumns(t, w.start, w.cursorCol);
        const after = sliceColumns(t, w.cursorCol + displayWidth(w.under), w.start + w.room);
        const line = `${prefix}${before}${w.under === '' ? ' ' : w.under}${after}`;
        return w.start <= w.cursorCol && displayWidth(line) <= width;
      }),
    );
  });
});
