import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { actionForKey, bindingLabel, KEY_BINDINGS } from '../../src/ui/keys.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

describe('key bindings', () => {
  it('maps the documented keys', () => {
    const table: Array<[string, Partial<Key>, string]> = [
      [' ', {}, 'playPause'],
      ['', { rightArrow: true }, 'next'],
      ['l', {}, 'next'],
      ['.', {}, 'next'],
      ['', { leftArrow: true }, 'prev'],
      ['h', {}, 'prev'],
      [',', {}, 'prev'],
      ['j', {}, 'listDown'],
      ['k', {}, 'listUp'],
      ['g', {}, 'first'],
      ['G', { shift: true }, 'last'],
      [']', {}, 'nextCheckpoint'],
      ['[', {}, 'prevCheckpoint'],
      ['+', {}, 'faster'],
      ['-', {}, 'slower'],
      ['?', {}, 'help'],
      ['q', {}, 'quit'],
      ['c', { ctrl: true }, 'quit'],
      ['', { escape: true, meta: true }, 'closeHelp'],
    ];
    for (const [input, key, action] of table) expect(actionForKey(input, { ...NO_KEY, ...key })).toBe(action);
  });

  it('ignores unbound keys and plain c', () => {
    expect(actionForKey('x', NO_KEY)).toBeUndefined();
    expect(actionForKey('c', NO_KEY)).toBeUndefined();
  });

  it('binds no chord twice', () => {
    const labels = KEY_BINDINGS.flatMap((b) => bindingLabel(b).split(' '));
    expect(new Set(labels).size).toBe(labels.length);
  });
});
