import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import {
  clustersOf,
  collapseWhitespace,
  displayWidth,
  dropColumns,
  fitWidth,
  joinSentences,
  padStartToWidth,
  padToWidth,
  sliceColumns,
  takeColumns,
  wrapAtMost,
  wrapToRows,
  wrapToWidth,
} from '../../src/ui/width.js';

/** ASCII, Chinese, full-width punctuation, box drawing, the lab's markers, a combining mark, an emoji. */
const MIXED = [
  ...'abcXYZ019 .,:-/()[]',
  ...'调度器真实服务器直接路由隧道持久连接',
  ...'，。、：；？！（）「」“”',
  ...'─═│╤╧▸▾▶▲▼╳…✓★',
  'e\u0301',
  '😀',
  'ｉ',
];
const mixed = fc.string({ unit: fc.constantFrom(...MIXED), maxLength: 60 });
const asciiText = fc.string({ unit: fc.constantFrom(...'abcdefghij klmnop.,-:/'), maxLength: 80 });

/** The column arithmetic before issue 8 (code units): the reference for pure ASCII text. */
function oldFitWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return `${text.slice(0, width - 1)}…`;
}

function oldWrapToRows(text: string, width: number, rows: number): string[] {
  if (rows <= 0 || width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  let cut = false;
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  place: for (const word of words) {
    let rest = word;
    for (;;) {
      const candidate = line.length === 0 ? rest : `${line} ${rest}`;
      if (candidate.length <= width) {
        line = candidate;
        break;
      }
      const lastRow = lines.length === rows - 1;
      if (line.length > 0) {
        if (lastRow) {
          cut = true;
          break place;
        }
        lines.push(line);
        line = '';
        continue;
      }
      if (lastRow) {
        line = rest.slice(0, width);
        cut = true;
        break place;
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
  }
  if (line.length > 0) lines.push(line);
  if (cut) {
    const last = lines[lines.length - 1] ?? '';
    lines[lines.length - 1] = last.length < width ? `${last}…` : `${last.slice(0, width - 1)}…`;
  }
  while (lines.length < rows) lines.push('');
  return lines;
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');

describe('displayWidth', () => {
  it('counts a CJK character or full-width mark as two columns, box drawing and markers as one', () => {
    expect(displayWidth('调度器')).toBe(6);
    expect(displayWidth('真实服务器 (real server)')).toBe(10 + 14);
    expect(displayWidth('，。')).toBe(4);
    expect(displayWidth('── ▸ ✓ …')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('')).toBe(0);
  });

  it('property: agrees with string-width (what Ink measures) on mixed text and on any Unicode', () => {
    fc.assert(fc.property(mixed, (s) => displayWidth(s) === stringWidth(s)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => displayWidth(s) === stringWidth(s)));
  });

  it('property: the clusters add up to the text and to its width', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const cs = clustersOf(s);
        return cs.map((c) => c.text).join('') === s && cs.reduce((n, c) => n + c.width, 0) === displayWidth(s);
      }),
    );
  });
});

describe('fitWidth', () => {
  it('cuts Chinese text on a character, never leaving the line a column too wide', () => {
    expect(fitWidth('调度器真实服务器', 7)).toBe('调度器…');
    // 调度 is 4 columns, 器 would straddle the 5th and 6th: a space takes its place
    expect(fitWidth('调度器真实服务器', 6)).toBe('调度 …');
    expect(fitWidth('调度器', 6)).toBe('调度器');
    expect(fitWidth('调度器', 1)).toBe('…');
    expect(fitWidth('调度器', 0)).toBe('');
  });

  it('property: the result is at most N columns, exactly N when the text was wider, the text itself when it fits', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 1, max: 70 }), (s, n) => {
        const out = fitWidth(s, n);
        const w = displayWidth(out);
        if (displayWidth(s) <= n) return out === s;
        return w === n && out.endsWith('…') && s.startsWith(out.slice(0, -1).trimEnd());
      }),
    );
  });

  it('property: on ASCII it is the code-unit cut it always was', () => {
    fc.assert(fc.property(asciiText, fc.integer({ min: -1, max: 90 }), (s, n) => fitWidth(s, n) === oldFitWidth(s, n)));
  });
});

describe('padToWidth', () => {
  it('pads in columns', () => {
    expect(padToWidth('调度', 6)).toBe('调度  ');
    expect(padToWidth('ab', 5, '─')).toBe('ab───');
    expect(padStartToWidth('调', 4)).toBe('  调');
    expect(padToWidth('调度器', 4)).toBe('调度器');
  });

  it('property: a text (cut to N first) padded to N is exactly N columns', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 1, max: 70 }), (s, n) => {
        const cut = fitWidth(s, n);
        return displayWidth(padToWidth(cut, n)) === n && displayWidth(padStartToWidth(cut, n)) === n;
      }),
    );
  });
});

describe('sliceColumns', () => {
  it('takes and drops columns, a half character becoming a space', () => {
    expect(takeColumns('ab调度', 3)).toBe('ab ');
    expect(dropColumns('ab调度', 3)).toBe(' 度');
    expect(sliceColumns('调度器', 2, 4)).toBe('度');
    expect(sliceColumns('调度器', 1, 5)).toBe(' 度 ');
    expect(takeColumns('abcdef', 3)).toBe('abc');
    expect(dropColumns('abcdef', 3)).toBe('def');
  });

  it('property: a slice is exactly its columns wide, and take + drop is the text when no character straddles the cut', () => {
    fc.assert(
      fc.property(mixed, fc.nat(70), fc.nat(70), (s, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const w = displayWidth(s);
        const slice = sliceColumns(s, from, to);
        if (displayWidth(slice) !== Math.max(0, Math.min(to, w) - from)) return false;
        const head = takeColumns(s, from);
        const tail = dropColumns(s, from);
        const joined = head + tail;
        // A double-width character cut in two comes back as two spaces, the width unchanged.
        return joined === s || (displayWidth(joined) === w && head.endsWith(' ') && tail.startsWith(' '));
      }),
    );
  });
});

describe('wrapToWidth', () => {
  it('breaks Chinese between characters, English at spaces, and keeps closing punctuation with its text', () => {
    expect(wrapToWidth('调度器真实服务器直接路由', 6)).toEqual(['调度器', '真实服', '务器直', '接路由']);
    expect(wrapToWidth('the director forwards it', 12)).toEqual(['the director', 'forwards it']);
    expect(wrapToWidth('调度器，真实服务器', 6)).toEqual(['调度', '器，真', '实服务', '器']);
    expect(wrapToWidth('用 ipvsadm 查看调度器', 12)).toEqual(['用 ipvsadm', '查看调度器']);
    expect(wrapToWidth('用 ipvsadm 查看调度器', 13)).toEqual(['用 ipvsadm 查', '看调度器']);
  });

  it('property: every line is at most N columns and the lines give back the text', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 2, max: 40 }), (s, n) => {
        const lines = wrapToWidth(s, n);
        return lines.every((l) => displayWidth(l) <= n && l === l.trim()) && squeeze(lines.join('')) === squeeze(s);
      }),
    );
  });

  it('property: on ASCII it fills lines exactly as before', () => {
    fc.assert(
      fc.property(asciiText, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 6 }), (s, n, rows) => {
        expect(wrapToRows(s, n, rows)).toEqual(oldWrapToRows(s, n, rows));
      }),
    );
  });
});

describe('wrapToRows', () => {
  it('ends a cut Chinese text with … within the width', () => {
    expect(wrapToRows('调度器真实服务器直接路由', 6, 2)).toEqual(['调度器', '真实 …']);
  });

  it('property: exactly `rows` lines of at most N columns; the lines are the text, or its start and a …', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 6 }), (s, n, rows) => {
        const lines = wrapToRows(s, n, rows);
        if (lines.length !== rows || !lines.every((l) => displayWidth(l) <= n)) return false;
        const all = squeeze(lines.join(''));
        return all === squeeze(s) || (all.endsWith('…') && squeeze(s).startsWith(all.slice(0, -1)));
      }),
    );
  });
});

describe('wrapAtMost', () => {
  it('is wrapToRows without the padding: as many lines as the text needs, up to `rows`', () => {
    expect(wrapAtMost('调度器真实服务器直接路由', 6, 2)).toEqual(['调度器', '真实 …']);
    expect(wrapAtMost('调度器 DR', 20, 3)).toEqual(['调度器 DR']);
    fc.assert(
      fc.property(mixed, fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 6 }), (s, n, rows) => {
        const lines = wrapAtMost(s, n, rows);
        const padded = wrapToRows(s, n, rows);
        return lines.length <= rows && padded.slice(0, lines.length).join('\n') === lines.join('\n') && padded.slice(lines.length).every((l) => l === '');
      }),
    );
  });
});

describe('collapseWhitespace', () => {
  it('reads whitespace as one space, but drops a line break between two Chinese characters', () => {
    expect(collapseWhitespace('a  b\n c\t')).toBe('a b c ');
    expect(collapseWhitespace('调度器\n  真实服务器')).toBe('调度器真实服务器');
    expect(collapseWhitespace('调度器 真实服务器')).toBe('调度器 真实服务器');
    expect(collapseWhitespace('MAC，\nIP 头')).toBe('MAC， IP 头');
  });

  it('property: on ASCII it is the plain collapse', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\t'), maxLength: 30 }), (s) => collapseWhitespace(s) === s.replace(/\s+/g, ' ')));
  });
});

describe('joinSentences', () => {
  it.each([
    ['director sent it.', 'eth0 asks who has x.', 'director sent it. eth0 asks who has x.'],
    ['director 把这一帧发到网段上。', 'eth0 询问谁有 x。', 'director 把这一帧发到网段上。eth0 询问谁有 x。'],
    ['It left.', '调度器改写了它。', 'It left. 调度器改写了它。'],
    ['发到网段 lan', '调度器改写了它。', '发到网段 lan 调度器改写了它。'],
    ['', 'b', 'b'],
    ['a', '', 'a'],
  ])('%j + %j', (a, b, want) => {
    expect(joinSentences(a, b)).toBe(want);
  });
});
