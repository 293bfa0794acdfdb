/**
 * From script text to typed commands: split with the shell rules of shell.ts, then hand each
 * command to its tool's parser by its first word (a /sbin/-style path prefix is allowed). A word
 * that names no modelled tool is an error with a hint: ping and curl are traffic, keepalived is
 * the host's `keepalived:` key, and a near miss gets "did you mean".
 */
import type { CommandEntry, CommandError, CommandScript, HereDoc, HostCommand } from './types.js';
import { splitScript, type SimpleCommand, type Word } from './shell.js';
import { base, fail, type Parse } from './args.js';
import { parseIfconfig } from './ifconfig.js';
import { parseIp } from './ip.js';
import { parseRoute } from './route.js';
import { parseSysctl } from './sysctl.js';
import { parseCat, parseEcho } from './proc.js';
import { parseIptables } from './iptables.js';
import { parseModprobe } from './modprobe.js';
import { parseArp } from './arp.js';
import { parseArping } from './arping.js';
import { parseService } from './service.js';
import { nearest } from '../../did-you-mean.js';
import { msg } from '../../i18n/message.js';

export type * from './types.js';

/** The commands the lab models, by name. */
export const MODELLED_COMMANDS: readonly string[] = ['ifconfig', 'ip', 'route', 'sysctl', 'echo', 'cat', 'ipvsadm', 'iptables', 'modprobe', 'arp', 'arping', 'systemctl', 'service'];

const PATH_PREFIXES = ['/sbin/', '/usr/sbin/', '/bin/', '/usr/bin/', '/usr/local/sbin/', '/usr/local/bin/'];

/** Commands people type that belong elsewhere in a scenario: the message that says where. */
const HINTS: Readonly<Record<string, string>> = {
  ping: 'scenario.cmd.useTraffic',
  curl: 'scenario.cmd.useTraffic',
  wget: 'scenario.cmd.useTraffic',
  ab: 'scenario.cmd.useTraffic',
  nc: 'scenario.cmd.useTraffic',
  telnet: 'scenario.cmd.useTraffic',
  hping3: 'scenario.cmd.useTraffic',
  keepalived: 'scenario.cmd.useKeepalived',
  'ipvsadm-save': 'scenario.cmd.ipvsadmSave',
  'ipvsadm-restore': 'scenario.cmd.ipvsadmSave',
  sudo: 'scenario.cmd.sudo',
  yum: 'scenario.cmd.install',
  dnf: 'scenario.cmd.install',
  apt: 'scenario.cmd.install',
  'apt-get': 'scenario.cmd.install',
};

/** How a script is read. */
export interface ScriptOptions {
  /**
   * For a host's `ipvsadm:` block: every line is an ipvsadm command, and the leading word
   * `ipvsadm` may be left out.
   */
  readonly ipvsadmOnly?: boolean;
}

/** A parsed script and the problems of the commands that could not be read. */
export interface ParsedScript {
  readonly script: CommandScript;
  readonly errors: readonly CommandError[];
}

/** Parses a whole script (several lines, `;` and `&&`). Offsets are into `text`. */
export function parseScript(text: string, opts: ScriptOptions = {}): ParsedScript {
  const split = splitScript(text);
  const errors: CommandError[] = [...split.errors];
  const commands: CommandEntry[] = [];
  for (const sc of split.commands) {
    const r = opts.ipvsadmOnly === true ? parseIpvsadmLine(sc) : parseSimpleCommand(sc);
    if (r.ok) commands.push({ command: r.value, text: text.slice(sc.start, sc.end), offset: sc.start, end: sc.end, sep: sc.sep });
    else errors.push(r.error);
  }
  errors.sort((a, b) => a.offset - b.offset);
  return { script: { text, commands }, errors };
}

/** Parses one simple command by its first word. */
export function parseSimpleCommand(sc: SimpleCommand): Parse<HostCommand> {
  const head = sc.words[0];
  if (head === undefined) return { ok: false, error: { offset: sc.start, length: 1, msg: msg('scenario.shell.noCommand') } };
  const prefix = PATH_PREFIXES.find((p) => head.text.startsWith(p));
  const name = prefix === undefined ? head.text : head.text.slice(prefix.length);
  const words = prefix === undefined ? sc.words : [{ ...head, text: name }, ...sc.words.slice(1)];
  if (sc.heredoc !== undefined && name !== 'ipvsadm') {
    return { ok: false, error: { offset: sc.heredoc.opOffset, length: 2, msg: msg('ipvs.restore.heredocOnlyIpvsadm', { word: name }) } };
  }
  if (name === 'echo') return parseEcho(words, sc.redirects);
  if (name === 'cat') return parseCat(words, sc.redirects);
  const redirect = sc.redirects[0];
  if (redirect !== undefined && MODELLED_COMMANDS.includes(name)) {
    const id = name === 'ipvsadm' ? 'scenario.ipvsadm.noFiles' : 'scenario.shell.redirectNotModelled';
    return { ok: false, error: { offset: redirect.start, length: redirect.target.end - redirect.start, msg: msg(id) } };
  }
  switch (name) {
    case 'ifconfig':
      return parseIfconfig(words);
    case 'ip':
      return parseIp(words);
    case 'route':
      return parseRoute(words);
    case 'sysctl':
      return parseSysctl(words);
    case 'ipvsadm':
      return { ok: true, value: { ...base(words), kind: 'ipvsadm', ...stdinOf(sc) } };
    case 'iptables':
      return parseIptables(words);
    case 'modprobe':
      return parseModprobe(words);
    case 'arp':
      return parseArp(words);
    case 'arping':
      return parseArping(words);
    case 'systemctl':
    case 'service':
      return parseService(words);
    default:
      return notModelled(head, name);
  }
}

/** The `stdin` field of an ipvsadm command with a here-document. */
function stdinOf(sc: SimpleCommand): { readonly stdin?: HereDoc } {
  return sc.heredoc === undefined ? {} : { stdin: sc.heredoc };
}

function notModelled(head: Word, name: string): Parse<never> {
  const hint = HINTS[name];
  if (hint !== undefined) return fail(head, hint, { word: name });
  const guess = nearest(name, MODELLED_COMMANDS);
  return guess === undefined
    ? fail(head, 'scenario.cmd.notModelled', { word: name })
    : fail(head, 'scenario.cmd.notModelledDidYouMean', { word: name, suggestion: guess });
}

/** A line of an `ipvsadm:` block: `-A -t …` or `ipvsadm -A -t …`. */
function parseIpvsadmLine(sc: SimpleCommand): Parse<HostCommand> {
  const head = sc.words[0];
  if (head !== undefined && head.text.startsWith('-')) {
    const redirect = sc.redirects[0];
    if (redirect !== undefined) return { ok: false, error: { offset: redirect.start, length: redirect.target.end - redirect.start, msg: msg('scenario.ipvsadm.noFiles') } };
    const implicit: Word = { text: 'ipvsadm', start: head.start, end: head.start, quoted: false };
    return { ok: true, value: { ...base([implicit, ...sc.words]), kind: 'ipvsadm', ...stdinOf(sc) } };
  }
  const r = parseSimpleCommand(sc);
  if (!r.ok || r.value.kind === 'ipvsadm') return r;
  return fail(head as Word, 'scenario.ipvsadm.onlyIpvsadm', { word: (head as Word).text });
}
