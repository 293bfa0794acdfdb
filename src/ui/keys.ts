/**
 * The lab's key bindings as data: one table drives the keyboard handler, the help overlay and the
 * footer hints, so a key can never work without being listed (or be listed without working).
 */
import type { Key } from 'ink';

/** What a key asks the lab to do. */
export type KeyAction =
  | 'playPause'
  | 'next'
  | 'prev'
  | 'first'
  | 'last'
  | 'nextCheckpoint'
  | 'prevCheckpoint'
  | 'faster'
  | 'slower'
  | 'listDown'
  | 'listUp'
  | 'help'
  | 'closeHelp'
  | 'quit';

/** The special (non-printing) keys Ink reports as flags. */
export type SpecialKey = 'rightArrow' | 'leftArrow' | 'upArrow' | 'downArrow' | 'escape' | 'home' | 'end';

/** One physical key: a printable character, a special key, or Ctrl + a letter. */
export type KeyChord =
  | { readonly char: string }
  | { readonly special: SpecialKey }
  | { readonly ctrl: string };

export interface KeyBinding {
  readonly action: KeyAction;
  readonly chords: readonly KeyChord[];
  /** Message id of the description shown in the help overlay. */
  readonly help: string;
  /** Position in the footer's hint line (lower first); absent: listed in help only. */
  readonly hint?: number;
}

/** Every binding of the lab screen, in the order the help overlay lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'playPause', chords: [{ char: ' ' }], help: 'ui.key.playPause', hint: 2 },
  { action: 'next', chords: [{ special: 'rightArrow' }, { char: 'l' }, { char: '.' }], help: 'ui.key.next', hint: 3 },
  { action: 'prev', chords: [{ special: 'leftArrow' }, { char: 'h' }, { char: ',' }], help: 'ui.key.prev', hint: 4 },
  { action: 'listDown', chords: [{ char: 'j' }, { special: 'downArrow' }], help: 'ui.key.listDown' },
  { action: 'listUp', chords: [{ char: 'k' }, { special: 'upArrow' }], help: 'ui.key.listUp' },
  { action: 'first', chords: [{ char: 'g' }, { special: 'home' }], help: 'ui.key.first' },
  { action: 'last', chords: [{ char: 'G' }, { special: 'end' }], help: 'ui.key.last' },
  { action: 'nextCheckpoint', chords: [{ char: ']' }], help: 'ui.key.nextCheckpoint', hint: 5 },
  { action: 'prevCheckpoint', chords: [{ char: '[' }], help: 'ui.key.prevCheckpoint' },
  { action: 'faster', chords: [{ char: '+' }, { char: '=' }], help: 'ui.key.faster' },
  { action: 'slower', chords: [{ char: '-' }], help: 'ui.key.slower' },
  { action: 'help', chords: [{ char: '?' }], help: 'ui.key.help', hint: 0 },
  { action: 'closeHelp', chords: [{ special: 'escape' }], help: 'ui.key.closeHelp' },
  { action: 'quit', chords: [{ char: 'q' }, { ctrl: 'c' }], help: 'ui.key.quit', hint: 1 },
];

const SPECIAL_LABEL: Readonly<Record<SpecialKey, string>> = {
  rightArrow: '→',
  leftArrow: '←',
  upArrow: '↑',
  downArrow: '↓',
  escape: 'Esc',
  home: 'Home',
  end: 'End',
};

/** How a chord is written in the help overlay: `space`, `→`, `Ctrl-C`, `G`. */
export function chordLabel(chord: KeyChord): string {
  if ('char' in chord) return chord.char === ' ' ? 'space' : chord.char;
  if ('special' in chord) return SPECIAL_LABEL[chord.special];
  return `Ctrl-${chord.ctrl.toUpperCase()}`;
}

/** All chords of a binding, as the help overlay shows them: `→ l .`. */
export function bindingLabel(binding: KeyBinding): string {
  return binding.chords.map(chordLabel).join(' ');
}

function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
  if ('ctrl' in chord) return key.ctrl && input === chord.ctrl;
  if ('special' in chord) return key[chord.special];
  if (key.ctrl || key.meta) return false;
  // Under the kitty keyboard protocol Ink reports the space bar by its name.
  return input === chord.char || (chord.char === ' ' && input === 'space');
}

/** The action bound to what Ink reported for one key press, if any. */
export function actionForKey(input: string, key: Key): KeyAction | undefined {
  for (const binding of KEY_BINDINGS) {
    for (const chord of binding.chords) {
      if (chordMatches(chord, input, key)) return binding.action;
    }
  }
  return undefined;
}
