import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLayout, followScroll, wrapToRows } from '../../src/ui/layout.js';

describe('computeLayout', () => {
  it('fills an 80×24 terminal with one line to spare and stacks the panes', () => {
    const l = computeLayout(80, 24);
    expect(l.width).toBe(80);
    expect(l.height).toBe(23);
    // header + list + rule + detail + narration + footer
    expect(1 + l.listRows + 1 + l.detailRows + l.narrationRows + 1).toBe(l.height);
    expect(l.sideBySide).toBe(false);
    expect(l.listRows).toBeGreaterThanOrEqual(5);
    expect(l.detailRows).toBeGreaterThanOrEqual(5);
  });

  it('is compact below 150×40 and wide from it', () => {
    expect(computeLayout(80, 24).wide).toBe(false);
    expect(computeLayout(149, 60).wide).toBe(false);
    expect(computeLayout(200, 39).wide).toBe(false);
    expect(computeLayout(150, 40).wide).toBe(true);
    expect(computeLayout(200, 50).wide).toBe(true);
  });

  it('uses a larger terminal: more list rows; wide puts the topology and state at the right', () => {
    const small = computeLayout(80, 24);
    const big = computeLayout(200, 50);
    expect(big.listRows).toBeGreaterThan(small.listRows);
    expect(big.detailRows).toBeGreaterThan(small.detailRows);
    expect(small.sideWidth).toBe(0);
    expect(big.listWidth + 1 + big.sideWidth).toBe(200);
    expect(big.packetWidth + 1 + big.sideWidth).toBe(200);
    expect(big.topologyRows).toBe(big.listRows);
    expect(big.stateRows).toBe(big.detailRows);
    expect(big.sideBySide).toBe(true);
    expect(big.treeWidth + 1 + big.changesWidth).toBe(big.packetWidth);
    // a compact terminal wide enough puts the tree and the changes side by side too
    const compactWide = computeLayout(120, 30);
    expect([compactWide.wide, compactWide.sideBySide]).toEqual([false, true]);
    expect(compactWide.treeWidth + 1 + compactWide.changesWidth).toBe(120);
  });

  it('always adds up to the height it draws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 200 }), (cols, rows) => {
        const l = computeLayout(cols, rows);
        expect(1 + l.listRows + 1 + l.detailRows + l.narrationRows + 1).toBe(l.height);
        expect(l.detailRows).toBeGreaterThanOrEqual(0);
        expect(l.treeWidth).toBeLessThanOrEqual(l.width);
        expect(l.packetWidth + (l.wide ? 1 + l.sideWidth : 0)).toBe(l.width);
        if (l.sideBySide) expect(l.treeWidth + 1 + l.changesWidth).toBe(l.packetWidth);
      }),
    );
  });
});

describe('followScroll', () => {
  it('keeps the window still while the current row is inside it', () => {
    expect(followScroll(10, 12, 8, 100)).toBe(10);
    expect(followScroll(10, 17, 8, 100)).toBe(10);
  });

  it('moves the window by as little as needed', () => {
    expect(followScroll(10, 18, 8, 100)).toBe(11);
    expect(followScroll(10, 9, 8, 100)).toBe(9);
    expect(followScroll(0, 99, 8, 100)).toBe(92);
  });

  it('always shows the current row, within bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 50 }), fc.nat(), fc.nat(), (length, rows, t, c) => {
        const current = c % length;
        const top = followScroll(t % length, current, rows, length);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(current).toBeGreaterThanOrEqual(top);
        expect(current).toBeLessThan(top + rows);
        if (length >= rows) expect(top + rows).toBeLessThanOrEqual(length);
      }),
    );
  });
});

describe('wrapToRows', () => {
  it('wraps at word boundaries', () => {
    expect(wrapToRows('the director rewrites the destination MAC', 20, 3)).toEqual([
      'the director',
      'rewrites the',
      'destination MAC',
    ]);
  });

  it('pads to the row count and marks text that does not fit', () => {
    expect(wrapToRows('short', 20, 2)).toEqual(['short', '']);
    const cut = wrapToRows('one two three four five six seven eight', 10, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]?.endsWith('…')).toBe(true);
  });

  it('never exceeds the width nor the rows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 5 }), (text, width, rows) => {
        const lines = wrapToRows(text, width, rows);
        expect(lines).toHaveLength(rows);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      }),
    );
  });
});
