/**
 * The picker's key bindings as data: one table drives the keyboard handler, the help overlay and
 * the footer hints. While the filter is being typed (after `/`), printable keys are text and only
 * the non-printing keys (arrows, Enter, Esc, Backspace, Ctrl-C) keep their meaning.
 */
import type { Key } from 'ink';
import { type KeyChord, type SpecialKey } from '../keys.js';
import type { PickerAction } from './model.js';

export { chordLabel } from '../keys.js';

/** The special keys the picker answers to (the lab's chords, a subset of its keys). */
type Special = Extract<SpecialKey, 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace'>;

/** One physical key: the lab's chord type. */
export type PickerChord = KeyChord;

/** Actions a single key triggers (typing into the filter is not one: it carries the text). */
export type PickerKeyAction = Exclude<PickerAction, { kind: 'type' } | { kind: 'resize' }>['kind'];

export interface PickerBinding {
  readonly action: PickerKeyAction;
  readonly chords: readonly PickerChord[];
  /** Message id of the description in the help overlay. */
  readonly help: string;
  /** Position in the footer (lower first); absent: listed in help only. */
  readonly hint?: number;
}

/** Every binding, in the order the help lists them. */
export const PICKER_BINDINGS: readonly PickerBinding[] = [
  { action: 'up', chords: [{ special: 'upArrow' }, { char: 'k' }], help: 'ui.picker.key.up', hint: 1 },
  { action: 'down', chords: [{ special: 'downArrow' }, { char: 'j' }], help: 'ui.picker.key.down', hint: 1 },
  { action: 'pageDown', chords: [{ special: 'pageDown' }, { ctrl: 'f' }], help: 'ui.picker.key.pageDown' },
  { action: 'pageUp', chords: [{ special: 'pageUp' }, { ctrl: 'b' }], help: 'ui.picker.key.pageUp' },
  { action: 'first', chords: [{ char: 'g' }, { special: 'home' }], help: 'ui.picker.key.first' },
  { action: 'last', chords: [{ char: 'G' }, { special: 'end' }], help: 'ui.picker.key.last' },
  { action: 'choose', chords: [{ special: 'return' }], help: 'ui.picker.key.choose', hint: 2 },
  { action: 'filter', chords: [{ char: '/' }], help: 'ui.picker.key.filter', hint: 3 },
  { action: 'backspace', chords: [{ special: 'backspace' }], help: 'ui.picker.key.backspace' },
  { action: 'escape', chords: [{ special: 'escape' }], help: 'ui.picker.key.escape' },
  { action: 'help', chords: [{ char: '?' }], help: 'ui.picker.key.help', hint: 4 },
  { action: 'quit', chords: [{ char: 'q' }, { ctrl: 'c' }], help: 'ui.picker.key.quit', hint: 5 },
];

function specialOf(key: Key): Special | undefined {
  if (key.upArrow) return 'upArrow';
  if (key.downArrow) return 'downArrow';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  // Terminals send DEL (0x7f) for the Backspace key, which Ink names `delete`.
  if (key.backspace || key.delete) return 'backspace';
  return undefined;
}

function bound(chord: (c: PickerChord) => boolean): PickerAction | undefined {
  const b = PICKER_BINDINGS.find((x) => x.chords.some(chord));
  return b === undefined ? undefined : ({ kind: b.action } as PickerAction);
}

/** Text typed into the filter; a newline in the same burst is Enter (it opens the selected lab). */
function typed(text: string): PickerAction[] {
  const nl = text.search(/[\r\n]/);
  if (nl < 0) return [{ kind: 'type', text }];
  const choose = bound((c) => 'special' in c && c.special === 'return');
  const before: PickerAction[] = nl > 0 ? [{ kind: 'type', text: text.slice(0, nl) }] : [];
  return choose === undefined ? before : [...before, choose];
}

/**
 * The actions for what Ink reported (several when characters arrived together, as in a paste);
 * `editing` sends printable input to the filter.
 */
export function pickerActions(input: string, key: Key, editing: boolean): PickerAction[] {
  const special = specialOf(key);
  if (special !== undefined) {
    const a = bound((c) => 'special' in c && c.special === special);
    return a === undefined ? [] : [a];
  }
  if (key.ctrl) {
    const a = bound((c) => 'ctrl' in c && c.ctrl === input.toLowerCase());
    return a === undefined ? [] : [a];
  }
  if (key.meta || input === '') return [];
  if (editing) return typed(input);
  const out: PickerAction[] = [];
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const a = bound((c) => 'char' in c && c.char === ch);
    if (a === undefined) continue;
    out.push(a);
    // `/` opens the filter: what was typed after it in the same burst is filter text.
    if (a.kind === 'filter' && i + 1 < chars.length) {
      out.push(...typed(chars.slice(i + 1).join('')));
      break;
    }
  }
  return out;
}
