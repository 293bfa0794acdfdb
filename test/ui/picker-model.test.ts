import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPICS, type Topic } from '../../src/scenarios/topics.js';
import {
  followTop,
  initPicker,
  labMatches,
  listRows,
  pickerLayout,
  pickerRows,
  reducePicker,
  wrapText,
  type PickerAction,
  type PickerLab,
  type PickerState,
} from '../../src/ui/picker/model.js';

function lab(name: string, topic: Topic, title = `title of ${name}`): PickerLab {
  return { name, topic, title };
}

const SAMPLE: PickerLab[] = [lab('b-dr', 'dr'), lab('a-nat', 'nat'), lab('c-dr', 'dr', 'Direct routing'), lab('z-misc', 'misc'), lab('d-nat', 'nat')];

function run(state: PickerState, ...actions: PickerAction[]): PickerState {
  return actions.reduce(reducePicker, state);
}

const arbLab = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,29}$/),
  topic: fc.constantFrom(...TOPICS),
  title: fc.string({ maxLength: 60 }),
});
const arbLabs = fc.uniqueArray(arbLab, { selector: (l) => l.name, maxLength: 200 });
const arbAction: fc.Arbitrary<PickerAction> = fc.oneof(
  fc.constantFrom<PickerAction>(
    { kind: 'down' },
    { kind: 'up' },
    { kind: 'pageDown' },
    { kind: 'pageUp' },
    { kind: 'first' },
    { kind: 'last' },
    { kind: 'filter' },
    { kind: 'backspace' },
    { kind: 'escape' },
    { kind: 'help' },
  ),
  fc.stringMatching(/^[a-z0-9 -]{1,3}$/).map((text): PickerAction => ({ kind: 'type', text })),
  fc.integer({ min: 1, max: 60 }).map((page): PickerAction => ({ kind: 'resize', page })),
);

describe('picker model', () => {
  it('groups by topic in course order and keeps the given order inside a topic', () => {
    const rows = listRows(SAMPLE, '');
    expect(rows.map((r) => (r.kind === 'topic' ? `#${r.topic}(${r.count})` : r.lab.name))).toEqual([
      '#nat(2)',
      'a-nat',
      'd-nat',
      '#dr(2)',
      'b-dr',
      'c-dr',
      '#misc(1)',
      'z-misc',
    ]);
  });

  it('matches every word of the filter in the name, title or topic, ignoring case', () => {
    const l = lab('dr-basic', 'dr', 'LVS-DR: only the MAC address changes');
    expect(labMatches(l, 'MAC dr')).toBe(true);
    expect(labMatches(l, 'basic mac')).toBe(true);
    expect(labMatches(l, 'nat')).toBe(false);
    expect(labMatches(lab('x', 'keepalived'), 'keepal')).toBe(true);
    expect(labMatches(l, '   ')).toBe(true);
  });

  it('moves over headings, stops at both ends, g/G go to the first and last lab', () => {
    const s = initPicker(SAMPLE, { page: 20 });
    expect(s.selected).toBe('a-nat');
    expect(run(s, { kind: 'up' }).selected).toBe('a-nat');
    expect(run(s, { kind: 'down' }, { kind: 'down' }).selected).toBe('b-dr');
    expect(run(s, { kind: 'last' }).selected).toBe('z-misc');
    expect(run(s, { kind: 'last' }, { kind: 'down' }).selected).toBe('z-misc');
    expect(run(s, { kind: 'last' }, { kind: 'first' }).selected).toBe('a-nat');
  });

  it('PgDn moves a page of rows and lands on a lab, PgUp comes back', () => {
    const s = initPicker(SAMPLE, { page: 3 });
    const down = run(s, { kind: 'pageDown' });
    // a-nat is row 1; three rows on is row 4, b-dr.
    expect(down.selected).toBe('b-dr');
    expect(run(down, { kind: 'pageUp' }).selected).toBe('a-nat');
  });

  it('filtering keeps a still-matching selection, else takes the first match; Esc restores it', () => {
    const s = run(initPicker(SAMPLE, { page: 20 }), { kind: 'down' }, { kind: 'down' }, { kind: 'down' });
    expect(s.selected).toBe('c-dr');
    const f = run(s, { kind: 'filter' }, { kind: 'type', text: 'dr' });
    expect(f.selected).toBe('c-dr');
    const g = run(f, { kind: 'type', text: 'x' });
    expect(pickerRows(g, 80).rows).toEqual([]);
    expect(pickerRows(g, 80).selected).toBeUndefined();
    expect(run(g, { kind: 'choose' }).outcome).toBeUndefined();
    const back = run(g, { kind: 'escape' });
    expect(back.filter).toBe('');
    expect(back.editing).toBe(false);
    expect(back.selected).toBe('c-dr');
    expect(run(s, { kind: 'filter' }, { kind: 'type', text: 'misc' }).selected).toBe('z-misc');
  });

  it('Backspace on an empty filter leaves the filter line', () => {
    const s = run(initPicker(SAMPLE, { page: 20 }), { kind: 'filter' }, { kind: 'type', text: 'd' }, { kind: 'backspace' });
    expect(s.editing).toBe(true);
    expect(run(s, { kind: 'backspace' }).editing).toBe(false);
  });

  it('choose and quit end the picker; nothing changes afterwards', () => {
    const s = initPicker(SAMPLE, { page: 20, initial: 'c-dr' });
    const chosen = run(s, { kind: 'choose' });
    expect(chosen.outcome).toEqual({ kind: 'choose', name: 'c-dr' });
    expect(run(chosen, { kind: 'down' }, { kind: 'quit' })).toBe(chosen);
    expect(run(s, { kind: 'quit' }).outcome).toEqual({ kind: 'quit' });
  });

  it('help answers only to ? and Esc (and quit)', () => {
    const s = run(initPicker(SAMPLE, { page: 20 }), { kind: 'help' });
    expect(run(s, { kind: 'down' }).selected).toBe('a-nat');
    expect(run(s, { kind: 'help' }).help).toBe(false);
    expect(run(s, { kind: 'escape' }).help).toBe(false);
  });

  it('an unknown initial falls back to the first lab', () => {
    expect(initPicker(SAMPLE, { page: 5, initial: 'nope' }).selected).toBe('a-nat');
    expect(initPicker([], { page: 5 }).selected).toBeUndefined();
  });

  it('property: the selection is a visible lab row whenever a lab matches, and always on screen', () => {
    fc.assert(
      fc.property(arbLabs, fc.integer({ min: 1, max: 50 }), fc.array(arbAction, { maxLength: 40 }), (labs, page, actions) => {
        let s = initPicker(labs, { page });
        for (const a of actions) {
          s = reducePicker(s, a);
          const rows = listRows(labs, s.filter);
          const anyMatch = rows.some((r) => r.kind === 'lab');
          const view = pickerRows(s, 80);
          if (anyMatch) {
            const at = rows.findIndex((r) => r.kind === 'lab' && r.lab.name === s.selected);
            expect(at).toBeGreaterThanOrEqual(0);
            // The stored scroll already shows it: the view does not have to correct it.
            expect(at).toBeGreaterThanOrEqual(s.top);
            expect(at).toBeLessThan(s.top + s.page);
            expect(view.rows.filter((r) => r.selected).map((r) => r.name)).toEqual([s.selected]);
          } else {
            expect(view.rows).toEqual([]);
          }
          expect(view.rows.length).toBeLessThanOrEqual(s.page);
          expect(view.above + view.rows.filter((r) => r.kind === 'lab').length + view.below).toBe(view.matched);
          expect(view.matched).toBe(rows.filter((r) => r.kind === 'lab').length);
        }
      }),
    );
  });

  it('property: a lab row is never wider than the list, whatever its name and title', () => {
    fc.assert(
      fc.property(arbLabs, fc.integer({ min: 20, max: 200 }), (labs, width) => {
        const view = pickerRows(initPicker(labs, { page: 300 }), width);
        for (const r of view.rows) expect(r.text.length).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('followTop shows the heading of a first lab and moves the least otherwise', () => {
    const rows = listRows(SAMPLE, '');
    expect(followTop(rows, 4, 4, 2)).toBe(3); // b-dr is first of dr: its heading comes along
    expect(followTop(rows, 5, 0, 3)).toBe(3); // scrolled just enough
    expect(followTop(rows, 1, 0, 3)).toBe(0);
  });

  it('wrapText fills lines greedily and never exceeds the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('layout: the details go below at 80x24 and beside the list from 120 columns', () => {
    const narrow = pickerLayout(80, 24);
    expect(narrow.wide).toBe(false);
    expect(1 + narrow.page + 1 + narrow.detailRows + 1).toBe(24);
    const wide = pickerLayout(200, 50);
    expect(wide.wide).toBe(true);
    expect(wide.listWidth + 3 + wide.detailWidth).toBe(200);
    expect(1 + wide.page + 1 + 1).toBe(50);
  });
});
