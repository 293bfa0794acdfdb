/**
 * procps `sysctl`: `sysctl -w key=value …` writes (an argument containing `=` writes even without
 * -w, as procps does), `sysctl key …` reads, `-n` prints values only, `-q` writes quietly, `-a`
 * lists every modelled key. `sysctl -p` would read /etc/sysctl.conf, a file the lab does not have:
 * it is refused with a pointer to `sysctl -w` and the scenario's `sysctl:` key.
 */
import type { SysctlAssignment, SysctlCommand, DevRef } from './types.js';
import type { Word } from './shell.js';
import { base, fail, type Parse } from './args.js';
import { checkSysctlKey, readSysctlValue } from './sysctl-keys.js';

/** Parses `sysctl …` (words[0] is `sysctl`). */
export function parseSysctl(words: readonly Word[]): Parse<SysctlCommand> {
  let write = false;
  let quiet = false;
  let valuesOnly = false;
  let all = false;
  const operands: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.text.startsWith('-') && w.text.length > 1 && operands.length === 0) {
      for (const flag of w.text.slice(1)) {
        if (flag === 'w') write = true;
        else if (flag === 'q') quiet = true;
        else if (flag === 'n') valuesOnly = true;
        else if (flag === 'a' || flag === 'A' || flag === 'X') all = true;
        else if (flag === 'p') return fail(w, 'scenario.sysctl.noFile');
        else return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'sysctl', word: `-${flag}` });
      }
      continue;
    }
    operands.push(w);
  }
  if (all) {
    const extra = operands[0];
    if (extra !== undefined) return fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
    return { ok: true, value: { ...base(words), kind: 'sysctl', op: 'all', valuesOnly } };
  }
  if (operands.length === 0) return fail(words[0] as Word, 'scenario.sysctl.needsKey');
  const writes = write || operands.some((w) => w.text.includes('='));
  const refs: DevRef[] = [];
  if (writes) {
    const assignments: SysctlAssignment[] = [];
    for (const w of operands) {
      const eq = w.text.indexOf('=');
      if (eq <= 0) return fail(w, 'scenario.sysctl.needsAssignment', { word: w.text });
      const k = checkSysctlKey(w.text.slice(0, eq));
      if (!k.ok) return { ok: false, error: { offset: w.start, length: eq, msg: k.msg } };
      const value = readSysctlValue(w.text.slice(eq + 1));
      if (value === undefined) return fail(w, 'scenario.sysctl.badValue', { key: k.value.key, value: w.text.slice(eq + 1) });
      if (k.value.dev !== undefined) refs.push({ name: k.value.dev, offset: w.start });
      assignments.push({ key: k.value.key, value, offset: w.start });
    }
    return { ok: true, value: { ...base(words, refs), kind: 'sysctl', op: 'write', assignments, quiet } };
  }
  const keys: string[] = [];
  for (const w of operands) {
    const k = checkSysctlKey(w.text);
    if (!k.ok) return { ok: false, error: { offset: w.start, length: w.end - w.start, msg: k.msg } };
    if (k.value.dev !== undefined) refs.push({ name: k.value.dev, offset: w.start });
    keys.push(k.value.key);
  }
  return { ok: true, value: { ...base(words, refs), kind: 'sysctl', op: 'read', keys, valuesOnly } };
}
