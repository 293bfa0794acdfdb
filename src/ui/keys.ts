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
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'first'
  | 'last'
  | 'nextCheckpoint'
  | 'prevCheckpoint'
  | 'focusNext'
  | 'focusPrev'
  | 'toggle'
  | 'search'
  | 'narrow'
  | 'nextMatch'
  | 'prevMatch'
  | 'follow'
  | 'hex'
  | 'stateNext'
  | 'statePrev'
  | 'command'
  | 'undoWhatIf'
  | 'faster'
  | 'slower'
  | 'help'
  | 'escape'
  | 'quit';

/** The special (non-printing) keys Ink reports as flags. */
export type SpecialKey =
  | 'rightArrow'
  | 'leftArrow'
  | 'upArrow'
  | 'downArrow'
  | 'pageDown'
  | 'pageUp'
  | 'escape'
  | 'home'
  | 'end'
  | 'return'
  | 'tab'
  | 'shiftTab'
  | 'backspace';

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
  { action: 'nextCheckpoint', chords: [{ char: ']' }], help: 'ui.key.nextCheckpoint', hint: 5 },
  { action: 'prevCheckpoint', chords: [{ char: '[' }], help: 'ui.key.prevCheckpoint' },
  { action: 'first', chords: [{ char: 'g' }, { special: 'home' }], help: 'ui.key.first' },
  { action: 'last', chords: [{ char: 'G' }, { special: 'end' }], help: 'ui.key.last' },
  { action: 'down', chords: [{ char: 'j' }, { special: 'downArrow' }], help: 'ui.key.down' },
  { action: 'up', chords: [{ char: 'k' }, { special: 'upArrow' }], help: 'ui.key.up' },
  { action: 'pageDown', chords: [{ special: 'pageDown' }, { ctrl: 'f' }], help: 'ui.key.pageDown' },
  { action: 'pageUp', chords: [{ special: 'pageUp' }, { ctrl: 'b' }], help: 'ui.key.pageUp' },
  { action: 'focusNext', chords: [{ special: 'tab' }], help: 'ui.key.focusNext', hint: 6 },
  { action: 'focusPrev', chords: [{ special: 'shiftTab' }], help: 'ui.key.focusPrev' },
  { action: 'toggle', chords: [{ special: 'return' }], help: 'ui.key.toggle' },
  { action: 'search', chords: [{ char: '/' }], help: 'ui.key.search', hint: 7 },
  { action: 'narrow', chords: [{ char: '&' }], help: 'ui.key.narrow' },
  { action: 'nextMatch', chords: [{ char: 'n' }], help: 'ui.key.nextMatch' },
  { action: 'prevMatch', chords: [{ char: 'N' }], help: 'ui.key.prevMatch' },
  { action: 'follow', chords: [{ char: 'f' }], help: 'ui.key.follow', hint: 8 },
  { action: 'hex', chords: [{ char: 'x' }], help: 'ui.key.hex' },
  { action: 'stateNext', chords: [{ char: 's' }], help: 'ui.key.stateNext' },
  { action: 'statePrev', chords: [{ char: 'S' }], help: 'ui.key.statePrev' },
  { action: 'command', chords: [{ char: ':' }], help: 'ui.key.command', hint: 9 },
  { action: 'undoWhatIf', chords: [{ char: 'u' }], help: 'ui.key.undoWhatIf' },
  { action: 'faster', chords: [{ char: '+' }, { char: '=' }], help: 'ui.key.faster' },
  { action: 'slower', chords: [{ char: '-' }], help: 'ui.key.slower' },
  { action: 'help', chords: [{ char: '?' }], help: 'ui.key.help', hint: 0 },
  { action: 'escape', chords: [{ special: 'escape' }], help: 'ui.key.escape' },
  { action: 'quit', chords: [{ char: 'q' }, { ctrl: 'c' }], help: 'ui.key.quit', hint: 1 },
];

const SPECIAL_LABEL: Readonly<Record<SpecialKey, string>> = {
  rightArrow: '→',
  leftArrow: '←',
  upArrow: '↑',
  downArrow: '↓',
  escape: 'Esc',
  pageDown: 'PgDn',
  pageUp: 'PgUp',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  tab: 'Tab',
  shiftTab: 'Shift-Tab',
  backspace: 'Backspace',
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

function specialMatches(special: SpecialKey, key: Key): boolean {
  if (special === 'tab') return key.tab && !key.shift;
  if (special === 'shiftTab') return key.tab && key.shift;
  // Terminals send DEL (0x7f) for the Backspace key, which Ink names `delete`.
  if (special === 'backspace') return key.backspace || key.delete;
  return key[special];
}

function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
  if ('ctrl' in chord) return key.ctrl && input === chord.ctrl;
  if ('special' in chord) return specialMatches(chord.special, key);
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
