/**
 * `modprobe [-r] MODULE`: the kernel modules an LVS set-up loads by hand. `ipip` creates the
 * `tunl0` device that LVS-TUN real servers put the VIP on; `ip_vs` and `ip_vs_<scheduler>` are
 * loaded on demand by ipvsadm anyway, so loading them is allowed and changes nothing else.
 * `toa` is the FULLNAT real server's module that makes getpeername() return the client address
 * carried by the TOA TCP option. Module parameters and other modules are refused as not modelled.
 */
import type { ModprobeCommand } from './types.js';
import type { Word } from './shell.js';
import { base, fail, type Parse } from './args.js';
import { nearest } from '../../did-you-mean.js';

const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'fo', 'ovf', 'twos', 'dh', 'sh', 'mh', 'lblc', 'lblcr'];

/** The modules `modprobe` accepts. */
export const MODELLED_MODULES: readonly string[] = ['ipip', 'toa', 'ip_vs', ...SCHEDULERS.map((s) => `ip_vs_${s}`)];

/** Parses `modprobe …` (words[0] is `modprobe`). */
export function parseModprobe(words: readonly Word[]): Parse<ModprobeCommand> {
  let remove = false;
  let module: Word | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.text === '-r' || w.text === '--remove') remove = true;
    else if (w.text.startsWith('-')) return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'modprobe', word: w.text });
    else if (module === undefined) module = w;
    else return fail(w, w.text.includes('=') ? 'scenario.modprobe.params' : 'scenario.cmd.extraArg', { word: w.text });
  }
  if (module === undefined) return fail(words[0] as Word, 'scenario.modprobe.needsModule');
  const name = module.text.replace(/-/g, '_');
  if (!MODELLED_MODULES.includes(name)) {
    const guess = nearest(name, MODELLED_MODULES);
    return guess === undefined
      ? fail(module, 'scenario.modprobe.notModelled', { module: module.text })
      : fail(module, 'scenario.modprobe.notModelledDidYouMean', { module: module.text, suggestion: guess });
  }
  return { ok: true, value: { ...base(words), kind: 'modprobe', remove, module: name } };
}
