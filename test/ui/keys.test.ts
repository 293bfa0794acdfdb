import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/i18n/index.js';
import { actionForKey, bindingLabel, chordLabel, KEY_BINDINGS, type KeyAction } from '../../src/ui/keys.js';
import { NO_KEY } from './fixture.js';

describe('key bindings', () => {
  it('maps the keys the issue names (and the ones students know from less, vim, Wireshark)', () => {
    const table: Array<[string, Partial<Key>, KeyAction]> = [
      [' ', {}, 'playPause'],
      ['space', {}, 'playPause'],
      ['', { rightArrow: true }, 'next'],
      ['l', {}, 'next'],
      ['.', {}, 'next'],
      ['', { leftArrow: true }, 'prev'],
      ['h', {}, 'prev'],
      [',', {}, 'prev'],
      ['j', {}, 'down'],
      ['', { downArrow: true }, 'down'],
      ['k', {}, 'up'],
      ['', { upArrow: true }, 'up'],
      ['', { pageDown: true }, 'pageDown'],
      ['f', { ctrl: true }, 'pageDown'],
      ['b', { ctrl: true }, 'pageUp'],
      ['g', {}, 'first'],
      ['G', { shift: true }, 'last'],
      [']', {}, 'nextCheckpoint'],
      ['[', {}, 'prevCheckpoint'],
      ['', { tab: true }, 'focusNext'],
      ['', { tab: true, shift: true }, 'focusPrev'],
      ['', { return: true }, 'toggle'],
      ['/', {}, 'search'],
      ['&', {}, 'narrow'],
      ['n', {}, 'nextMatch'],
      ['N', { shift: true }, 'prevMatch'],
      ['f', {}, 'follow'],
      ['x', {}, 'hex'],
      ['s', {}, 'stateNext'],
      ['S', { shift: true }, 'statePrev'],
      [':', {}, 'command'],
      ['u', {}, 'undoWhatIf'],
      ['+', {}, 'faster'],
      ['=', {}, 'faster'],
      ['-', {}, 'slower'],
      ['?', {}, 'help'],
      ['', { escape: true }, 'escape'],
      ['q', {}, 'quit'],
      ['c', { ctrl: true }, 'quit'],
    ];
    for (const [input, key, action] of table) expect([input, key, actionForKey(input, { ...NO_KEY, ...key })]).toEqual([input, key, action]);
  });

  it('ignores unbound keys, plain c, and a letter with Ctrl or Alt that is not bound', () => {
    expect(actionForKey('z', NO_KEY)).toBeUndefined();
    expect(actionForKey('c', NO_KEY)).toBeUndefined();
    expect(actionForKey('q', { ...NO_KEY, ctrl: true })).toBeUndefined();
    expect(actionForKey('j', { ...NO_KEY, meta: true })).toBeUndefined();
  });

  it('binds no chord twice, and every action has a help text in the catalog', () => {
    const labels = KEY_BINDINGS.flatMap((b) => b.chords.map(chordLabel));
    expect(new Set(labels).size).toBe(labels.length);
    const actions = KEY_BINDINGS.map((b) => b.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const b of KEY_BINDINGS) expect(render({ id: b.help })).not.toBe(b.help);
  });

  it('labels chords as the help overlay writes them', () => {
    const of = (a: KeyAction): string => bindingLabel(KEY_BINDINGS.find((b) => b.action === a) ?? KEY_BINDINGS[0]!);
    expect(of('playPause')).toBe('space');
    expect(of('next')).toBe('→ l .');
    expect(of('quit')).toBe('q Ctrl-C');
    expect(of('focusPrev')).toBe('Shift-Tab');
  });
});
