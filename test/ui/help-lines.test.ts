/**
 * The help overlay's lines: every description is there whole, wrapped under itself, in English and
 * in Chinese, at 80 and 200 columns, and no line is wider than the terminal.
 */
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { helpLines } from '../../src/ui/components/HelpOverlay.js';
import { KEY_BINDINGS, bindingLabel } from '../../src/ui/keys.js';
import { render, type Lang } from '../../src/i18n/index.js';

const squeeze = (s: string): string => s.replace(/\s+/g, '');

describe('help lines', () => {
  for (const lang of ['en', 'zh-CN'] as const satisfies readonly Lang[]) {
    for (const width of [80, 200]) {
      it(`${lang} at ${width} columns: each binding's whole description, nothing wider than the terminal`, () => {
        const rows = KEY_BINDINGS.map((b) => ({ keys: bindingLabel(b), text: render({ id: b.help }, lang) }));
        const lines = helpLines(rows, width);
        for (const l of lines) expect({ l, fits: stringWidth(l) <= width }).toEqual({ l, fits: true });
        // Split the lines back into rows: a row starts where a keys label is, continuations have none.
        let at = 0;
        for (const row of rows) {
          expect(lines[at]?.startsWith(`  ${row.keys} `)).toBe(true);
          const parts = [lines[at] ?? ''];
          for (at++; at < lines.length && (lines[at] ?? '').startsWith(' '.repeat(19)); at++) parts.push(lines[at] ?? '');
          expect(squeeze(parts.join(''))).toBe(squeeze(`${row.keys}${row.text}`));
        }
        expect(at).toBe(lines.length);
      });
    }
  }

  it('a description longer than the terminal does wrap (the Chinese what-if line at 80 columns)', () => {
    const rows = KEY_BINDINGS.map((b) => ({ keys: bindingLabel(b), text: render({ id: b.help }, 'zh-CN') }));
    expect(helpLines(rows, 80).length).toBeGreaterThan(rows.length);
    expect(helpLines(rows, 200).length).toBe(rows.length);
  });
});
