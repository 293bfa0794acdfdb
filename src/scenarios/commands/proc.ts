/**
 * procfs from the shell: `echo N > /proc/sys/net/ipv4/…` (or `>>`, or `echo "N">…`) is a sysctl
 * write, as in the seed notes' ARP set-up; `cat /proc/sys/…` reads one; `cat /proc/net/ip_vs`,
 * `ip_vs_conn` and `ip_vs_stats` print IPVS's tables. `echo` without a redirection just prints.
 * The lab has no other files, so any other redirection or path is refused.
 */
import type { CatCommand, EchoCommand, ProcNetFile, ProcWrite } from './types.js';
import type { Redirect, Word } from './shell.js';
import { base, fail, type Parse } from './args.js';
import { checkSysctlKey, readSysctlValue } from './sysctl-keys.js';

const PROC_SYS = '/proc/sys/';
const PROC_NET_FILES: readonly ProcNetFile[] = ['ip_vs', 'ip_vs_conn', 'ip_vs_stats'];

function redirectError(r: Redirect): Parse<never> {
  return { ok: false, error: { offset: r.start, length: r.target.end - r.start, msg: { id: 'scenario.shell.redirectNotModelled' } } };
}

/** Parses `echo …` with its redirections. */
export function parseEcho(words: readonly Word[], redirects: readonly Redirect[]): Parse<EchoCommand | ProcWrite> {
  let i = 1;
  let newline = true;
  while (i < words.length && /^-[neE]+$/.test((words[i] as Word).text)) {
    if ((words[i] as Word).text.includes('n')) newline = false;
    i++;
  }
  const text = words.slice(i).map((w) => w.text).join(' ');
  if (redirects.length === 0) return { ok: true, value: { ...base(words), kind: 'echo', text, newline } };
  const r = redirects[0] as Redirect;
  if (redirects.length > 1) return redirectError(redirects[1] as Redirect);
  if (r.op === '<' || (r.fd !== undefined && r.fd !== 1)) return redirectError(r);
  const path = r.target.text;
  if (!path.startsWith(PROC_SYS)) return fail(r.target, 'scenario.proc.notProcSys', { path });
  const name = path.slice(PROC_SYS.length);
  const k = checkSysctlKey(name, path);
  if (!k.ok) return { ok: false, error: { offset: r.target.start, length: r.target.end - r.target.start, msg: k.msg } };
  const value = readSysctlValue(text);
  const valueWord = words[i] ?? (words[0] as Word);
  if (value === undefined) return fail(valueWord, 'scenario.sysctl.badValue', { key: k.value.key, value: text });
  const refs = k.value.dev === undefined ? [] : [{ name: k.value.dev, offset: r.target.start }];
  return { ok: true, value: { ...base(words, refs), kind: 'proc.write', path, pathOffset: r.target.start, key: k.value.key, value, append: r.op === '>>' } };
}

/** Parses `cat FILE`. */
export function parseCat(words: readonly Word[], redirects: readonly Redirect[]): Parse<CatCommand> {
  const r = redirects[0];
  if (r !== undefined) return redirectError(r);
  const file = words[1];
  if (file === undefined) return fail(words[0] as Word, 'scenario.cat.needsFile');
  const extra = words[2];
  if (extra !== undefined) return fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
  const path = file.text;
  if (path.startsWith(PROC_SYS)) {
    const k = checkSysctlKey(path.slice(PROC_SYS.length), path);
    if (!k.ok) return { ok: false, error: { offset: file.start, length: file.end - file.start, msg: k.msg } };
    const refs = k.value.dev === undefined ? [] : [{ name: k.value.dev, offset: file.start }];
    return { ok: true, value: { ...base(words, refs), kind: 'cat', path, source: { kind: 'sysctl', key: k.value.key } } };
  }
  const net = PROC_NET_FILES.find((f) => path === `/proc/net/${f}`);
  if (net !== undefined) return { ok: true, value: { ...base(words), kind: 'cat', path, source: { kind: 'procNet', file: net } } };
  return fail(file, 'scenario.cat.notModelled', { path });
}
