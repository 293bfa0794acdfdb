/**
 * `ip address add|del|show|flush`, as iproute2's ip/ipaddress.c reads it: the sub-command is the
 * first of add, change, replace, delete, list, show, lst, flush … that the word abbreviates; the
 * first bare word of add/del is the local address (`/32` when no length is given); `dev` is
 * required, and a `label` must start with the device name. `brd +` sets the host bits.
 */
import type { AddrScope, IpAddrCommand } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, devRef, fail, firstMatch, isIfname, type Parse } from './args.js';
import { readAddrPrefix, readIp4 } from './values.js';
import type { Ip4 } from '../../net/wire/addr.js';
import type { DevRef } from './types.js';

const SUBCOMMANDS = ['add', 'change', 'replace', 'delete', 'list', 'show', 'lst', 'flush', 'save', 'showdump', 'restore', 'help'] as const;
const SCOPES: readonly AddrScope[] = ['host', 'link', 'global'];

/** Parses the words after `ip address` (from index `start`). */
export function parseIpAddr(words: readonly Word[], start: number): Parse<IpAddrCommand> {
  const args = new Args(words, start);
  const sub = args.next();
  if (sub === undefined) return { ok: true, value: { ...base(words), kind: 'ip.addr', op: 'show' } };
  const op = firstMatch(sub.text, SUBCOMMANDS);
  switch (op) {
    case 'add':
    case 'delete':
      return parseModify(words, args, op === 'add' ? 'add' : 'del', sub);
    case 'list':
    case 'show':
    case 'lst':
    case 'flush':
      return parseShowFlush(words, args, op === 'flush' ? 'flush' : 'show', sub);
    case undefined:
      return fail(sub, 'scenario.ip.unknownSub', { object: 'address', word: sub.text });
    default:
      return fail(sub, 'scenario.ip.subNotModelled', { object: 'address', sub: op });
  }
}

function parseModify(words: readonly Word[], args: Args, op: 'add' | 'del', sub: Word): Parse<IpAddrCommand> {
  let local: { addr: Ip4; prefixLen: number | undefined } | undefined;
  let dev: Word | undefined;
  let label: Word | undefined;
  let broadcast: Ip4 | '+' | '-' | undefined;
  let scope: AddrScope | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text === 'dev') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else if (w.text === 'label') {
      const v = args.value(w);
      if (!v.ok) return v;
      label = v.value;
    } else if (w.text === 'brd' || (w.text.length > 0 && 'broadcast'.startsWith(w.text))) {
      const v = args.value(w);
      if (!v.ok) return v;
      if (v.value.text === '+' || v.value.text === '-') broadcast = v.value.text;
      else {
        const b = at(v.value, readIp4(v.value.text));
        if (!b.ok) return b;
        broadcast = b.value;
      }
    } else if (w.text === 'scope') {
      const v = args.value(w);
      if (!v.ok) return v;
      const s = SCOPES.find((x) => x === v.value.text);
      if (s === undefined) return fail(v.value, 'scenario.ip.badScope', { word: v.value.text });
      scope = s;
    } else if (['peer', 'remote', 'anycast', 'valid_lft', 'preferred_lft', 'home', 'nodad', 'noprefixroute', 'metric', 'priority', 'preference', 'autojoin', 'mngtmpaddr'].includes(w.text)) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip address', word: w.text });
    } else {
      let addrWord = w;
      if (w.text === 'local') {
        const v = args.value(w);
        if (!v.ok) return v;
        addrWord = v.value;
      }
      if (local !== undefined) return fail(addrWord, 'scenario.ip.duplicateArg', { word: 'local', value: addrWord.text });
      const hasLen = addrWord.text.includes('/');
      const p = at(addrWord, readAddrPrefix(addrWord.text, 32));
      if (!p.ok) return p;
      local = { addr: p.value.addr, prefixLen: hasLen || op === 'add' ? p.value.prefixLen : undefined };
    }
  }
  if (local === undefined) return fail(sub, 'scenario.ip.addrNeedsLocal', { sub: sub.text });
  if (dev === undefined) return fail(sub, 'scenario.ip.needsDev');
  if (label !== undefined && !label.text.startsWith(dev.text)) return fail(label, 'scenario.ip.labelDev', { dev: dev.text, label: label.text });
  const refs: DevRef[] = [devRef(dev)];
  return {
    ok: true,
    value: {
      ...base(words, refs),
      kind: 'ip.addr',
      op,
      addr: local.addr,
      prefixLen: local.prefixLen,
      dev: dev.text,
      ...(broadcast !== undefined ? { broadcast } : {}),
      ...(label !== undefined ? { label: label.text } : {}),
      ...(scope !== undefined ? { scope } : {}),
    },
  };
}

function parseShowFlush(words: readonly Word[], args: Args, op: 'show' | 'flush', sub: Word): Parse<IpAddrCommand> {
  let dev: Word | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    let d = w;
    if (w.text === 'dev') {
      const v = args.value(w);
      if (!v.ok) return v;
      d = v.value;
    } else if (['to', 'scope', 'up', 'label', 'primary', 'secondary', 'permanent', 'dynamic', 'type', 'master', 'vrf', 'nomaster'].includes(w.text)) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip address', word: w.text });
    }
    if (dev !== undefined) return fail(d, 'scenario.ip.duplicateArg', { word: 'dev', value: d.text });
    if (!isIfname(d.text)) return fail(d, 'scenario.cmd.badIfname', { name: d.text });
    dev = d;
  }
  if (op === 'flush') {
    if (dev === undefined) return fail(sub, 'scenario.ip.flushNeedsArgs');
    return { ok: true, value: { ...base(words, [devRef(dev)]), kind: 'ip.addr', op: 'flush', dev: dev.text } };
  }
  return {
    ok: true,
    value: dev === undefined
      ? { ...base(words), kind: 'ip.addr', op: 'show' }
      : { ...base(words, [devRef(dev)]), kind: 'ip.addr', op: 'show', dev: dev.text },
  };
}
