/**
 * net-tools `arp`: `arp -n` / `arp -a` list the neighbour table, `arp -s ADDR MAC` adds a
 * permanent entry, `arp -d ADDR` deletes one, `-i IFACE` limits any of them to one interface.
 * Short options may be combined (`arp -an`).
 */
import type { ArpCommand, DevRef } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, devRef, fail, isIfname, type Parse } from './args.js';
import { readIp4, readMac } from './values.js';

/** Parses `arp …` (words[0] is `arp`). */
export function parseArp(words: readonly Word[]): Parse<ArpCommand> {
  const args = new Args(words);
  let numeric = false;
  let bsd = false;
  let op: 'list' | 'set' | 'del' = 'list';
  let opWord: Word | undefined;
  let dev: Word | undefined;
  const operands: Word[] = [];
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text === '-i' || w.text === '--device') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else if (/^-[nasdv]+$/.test(w.text)) {
      for (const c of w.text.slice(1)) {
        if (c === 'n') numeric = true;
        else if (c === 'a') bsd = true;
        else if (c === 'v') return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'arp', word: '-v' });
        else {
          if (op !== 'list') return fail(w, 'scenario.arp.twoActions');
          op = c === 's' ? 'set' : 'del';
          opWord = w;
        }
      }
    } else if (w.text.startsWith('-')) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'arp', word: w.text });
    } else operands.push(w);
  }
  const refs: DevRef[] = dev === undefined ? [] : [devRef(dev)];
  if (op === 'list') {
    const extra = operands[0];
    if (extra !== undefined) return fail(extra, 'scenario.cmd.optionNotModelled', { tool: 'arp', word: extra.text });
    return { ok: true, value: { ...base(words, refs), kind: 'arp', op, numeric, bsd, ...(dev !== undefined ? { dev: dev.text } : {}) } };
  }
  const addrWord = operands[0];
  if (addrWord === undefined) return fail(opWord as Word, 'scenario.arp.needsAddr', { word: (opWord as Word).text });
  const addr = at(addrWord, readIp4(addrWord.text));
  if (!addr.ok) return addr;
  const common = { ...base(words, refs), kind: 'arp' as const, addr: addr.value, ...(dev !== undefined ? { dev: dev.text } : {}) };
  if (op === 'del') {
    const extra = operands[1];
    if (extra !== undefined) return fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
    return { ok: true, value: { ...common, op } };
  }
  const macWord = operands[1];
  if (macWord === undefined) return fail(addrWord, 'scenario.arp.needsMac');
  const mac = at(macWord, readMac(macWord.text));
  if (!mac.ok) return mac;
  const extra = operands[2];
  if (extra !== undefined) {
    return extra.text === 'temp' || extra.text === 'pub'
      ? fail(extra, 'scenario.cmd.optionNotModelled', { tool: 'arp -s', word: extra.text })
      : fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
  }
  return { ok: true, value: { ...common, op, hwAddr: mac.value } };
}
