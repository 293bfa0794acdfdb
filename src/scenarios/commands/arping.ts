/**
 * iputils `arping`: the options of its getopt string `bfDUAqc:w:i:s:I:` read the GNU way (flags
 * may be combined, `-c3` or `-c 3`, options may follow the destination, `--` ends them). `-A`
 * implies `-U` and `-D` implies `-f`, as in iputils. COUNT is 1..INT_MAX, DEADLINE and INTERVAL
 * whole seconds (strtol_or_err). Refused: `-V`/`-h` (print and exit), host names (the lab has no
 * resolver), `-i 0` (a disarmed send timer), and a run with neither -c nor -w, which only ends
 * when interrupted.
 */
import type { ArpingCommand, DevRef } from './types.js';
import type { Word } from './shell.js';
import { base, devRef, fail, isIfname, type Parse } from './args.js';
import { readIp4 } from './values.js';
import { msg } from '../../i18n/message.js';
import type { Ip4 } from '../../net/wire/addr.js';

const INT_MAX = 2147483647;

/** The flags without an argument, and the options that take one. */
const FLAGS = 'bfDUAq';
const WITH_ARG = 'cwisI';

/** An error covering `length` characters of `word` from `index`. */
function failAt<T>(word: Word, index: number, length: number, id: string, params?: Record<string, string | number>): Parse<T> {
  return { ok: false, error: { offset: word.start + index, length, msg: msg(id, params) } };
}

/** strtol_or_err(text, min, max) for option `opt`, blamed on `word` from `index`. */
function readNumber(word: Word, index: number, text: string, opt: string, min: number): Parse<number> {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= INT_MAX)) return failAt(word, index, Math.max(1, text.length), 'arping.parse.badNumber', { opt, text, min, max: INT_MAX });
  return { ok: true, value: n };
}

/** Parses `arping …` (words[0] is `arping`). */
export function parseArping(words: readonly Word[]): Parse<ArpingCommand> {
  const flags = { unsolicited: false, advert: false, dad: false, broadcastOnly: false, quitOnReply: false, quiet: false };
  let count: number | undefined;
  let deadline = 0;
  let interval = 1;
  let source: Ip4 | undefined;
  let dev: Word | undefined;
  const operands: Word[] = [];
  let endOfOptions = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    if (endOfOptions || !w.text.startsWith('-') || w.text === '-') {
      operands.push(w);
      continue;
    }
    if (w.text === '--') {
      endOfOptions = true;
      continue;
    }
    for (let k = 1; k < w.text.length; k++) {
      const c = w.text[k] as string;
      if (FLAGS.includes(c)) {
        if (c === 'b') flags.broadcastOnly = true;
        else if (c === 'f') flags.quitOnReply = true;
        else if (c === 'D') flags.dad = flags.quitOnReply = true;
        else if (c === 'U') flags.unsolicited = true;
        else if (c === 'A') flags.advert = flags.unsolicited = true;
        else flags.quiet = true;
        continue;
      }
      if (c === 'V' || c === 'h') return failAt(w, k, 1, 'arping.parse.notModelled', { opt: c });
      if (!WITH_ARG.includes(c)) return failAt(w, k, 1, 'arping.parse.badOption', { opt: c });
      // The rest of the word is the value (`-c3`), else the next word is.
      let vWord = w;
      let vIndex = k + 1;
      let value = w.text.slice(k + 1);
      if (value === '') {
        const next = words[i + 1];
        if (next === undefined) return failAt(w, k, 1, 'arping.parse.needsArg', { opt: c });
        i++;
        vWord = next;
        vIndex = 0;
        value = next.text;
      }
      if (c === 'c' || c === 'w' || c === 'i') {
        const n = readNumber(vWord, vIndex, value, c, c === 'c' ? 1 : 0);
        if (!n.ok) return n;
        if (c === 'c') count = n.value;
        else if (c === 'w') deadline = n.value;
        else if (n.value === 0) return failAt(vWord, vIndex, value.length, 'arping.parse.intervalZero');
        else interval = n.value;
      } else if (c === 's') {
        const a = readIp4(value);
        if (!a.ok) return failAt(vWord, vIndex, Math.max(1, value.length), 'arping.parse.badSource', { text: value });
        source = a.value;
      } else {
        if (!isIfname(value)) return failAt(vWord, vIndex, Math.max(1, value.length), 'scenario.cmd.badIfname', { name: value });
        dev = vIndex === 0 ? vWord : { ...vWord, text: value, start: vWord.start + vIndex };
      }
      break;
    }
  }
  const target = operands[0];
  if (target === undefined) return fail(words[0] as Word, 'arping.parse.noTarget');
  const extra = operands[1];
  if (extra !== undefined) return fail(extra, 'arping.parse.extraTarget', { word: extra.text });
  const dst = readIp4(target.text);
  if (!dst.ok) return fail(target, 'arping.parse.badTarget', { text: target.text });
  if (count === undefined && deadline === 0) return fail(words[0] as Word, 'arping.parse.noEnd');
  const refs: DevRef[] = dev === undefined ? [] : [devRef(dev)];
  return {
    ok: true,
    value: {
      ...base(words, refs),
      kind: 'arping',
      dst: dst.value,
      ...(dev !== undefined ? { dev: dev.text } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(count !== undefined ? { count } : {}),
      deadline,
      interval,
      ...flags,
    },
  };
}
