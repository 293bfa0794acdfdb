/**
 * A cursor over a command's words and the small helpers every tool parser shares: a result type
 * that carries a positioned error, and the common fields of a parsed command.
 */
import type { CommandBase, CommandError, DevRef } from './types.js';
import type { Word } from './shell.js';
import type { ValueResult } from './values.js';
import { msg } from '../../i18n/message.js';

/** A parsed value or the first problem found, with its position. */
export type Parse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

/** An error covering `word`. */
export function fail<T>(word: Word, id: string, params?: Record<string, string | number>): Parse<T> {
  return { ok: false, error: { offset: word.start, length: word.end - word.start, msg: msg(id, params) } };
}

/** A value result read from `word`, with the word's position attached to its error. */
export function at<T>(word: Word, r: ValueResult<T>): Parse<T> {
  return r.ok ? r : { ok: false, error: { offset: word.start, length: word.end - word.start, msg: r.msg } };
}

/** The words of one command, read left to right. argv[0] is the command name. */
export class Args {
  private i: number;
  constructor(
    readonly words: readonly Word[],
    start = 1,
  ) {
    this.i = start;
  }

  get done(): boolean {
    return this.i >= this.words.length;
  }

  peek(): Word | undefined {
    return this.words[this.i];
  }

  next(): Word | undefined {
    const w = this.words[this.i];
    if (w !== undefined) this.i++;
    return w;
  }

  /** The word after the keyword `kw`, or an error saying `kw` needs an argument. */
  value(kw: Word): Parse<Word> {
    const w = this.next();
    return w === undefined ? fail(kw, 'scenario.cmd.needsArg', { word: kw.text }) : { ok: true, value: w };
  }

  /** The word after `kw` read as a value (`mtu 1500`, `via 10.0.0.1`), errors at the word to blame. */
  read<T>(kw: Word, read: (text: string) => ValueResult<T>): Parse<T> {
    const v = this.value(kw);
    return v.ok ? at(v.value, read(v.value.text)) : v;
  }
}

/** The fields every parsed command carries. */
export function base(words: readonly Word[], devRefs: readonly DevRef[] = []): CommandBase {
  return { argv: words.map((w) => w.text), argCols: words.map((w) => w.start), devRefs };
}

/** A reference to the interface named by `word`. */
export function devRef(word: Word): DevRef {
  return { name: word.text, offset: word.start };
}

/** A reference to the device of an ifconfig name: `lo` for the alias label `lo:0`. */
export function aliasDevRef(word: Word): DevRef {
  const colon = word.text.indexOf(':');
  return { name: colon < 0 ? word.text : word.text.slice(0, colon), offset: word.start };
}

/** Interface names as Linux accepts them: 1..15 bytes, no `/`, no whitespace. */
export function isIfname(name: string): boolean {
  return name.length > 0 && name.length <= 15 && !/[\s/]/.test(name) && name !== '.' && name !== '..';
}

/**
 * iproute2's `matches(arg, keyword)`: `arg` is a non-empty prefix of `keyword`. The first keyword
 * in `table` that `arg` abbreviates wins, which is how `ip a` means `address` and `ip r` `route`.
 */
export function firstMatch<K extends string>(arg: string, table: readonly K[]): K | undefined {
  if (arg.length === 0) return undefined;
  for (const k of table) if (k.startsWith(arg)) return k;
  return undefined;
}
