/**
 * `ip neigh add|replace|change|del|show|flush`, as iproute2's ip/ipneigh.c reads it: the
 * neighbour's address is the bare word (or `to ADDR`), `lladdr`, `dev` and `nud` in any order;
 * the state defaults to `permanent`, and both `dev` and the address are required.
 */
import type { IpNeighCommand, NudState } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, devRef, fail, firstMatch, isIfname, type Parse } from './args.js';
import { readIp4, readMac } from './values.js';
import type { Ip4, Mac } from '../../net/wire/addr.js';

const SUBCOMMANDS = ['add', 'change', 'replace', 'delete', 'get', 'show', 'lst', 'list', 'flush', 'help'] as const;
const STATES: readonly NudState[] = ['permanent', 'noarp', 'reachable', 'stale', 'none', 'incomplete', 'delay', 'probe', 'failed'];

/** Parses the words after `ip neigh` (from index `start`). */
export function parseIpNeigh(words: readonly Word[], start: number): Parse<IpNeighCommand> {
  const args = new Args(words, start);
  const sub = args.next();
  if (sub === undefined) return { ok: true, value: { ...base(words), kind: 'ip.neigh', op: 'show' } };
  const op = firstMatch(sub.text, SUBCOMMANDS);
  switch (op) {
    case 'add':
    case 'change':
    case 'replace':
    case 'delete':
      return parseModify(words, args, op === 'delete' ? 'del' : op, sub);
    case 'show':
    case 'lst':
    case 'list':
    case 'flush':
      return parseShowFlush(words, args, op === 'flush' ? 'flush' : 'show', sub);
    case undefined:
      return fail(sub, 'scenario.ip.unknownSub', { object: 'neigh', word: sub.text });
    default:
      return fail(sub, 'scenario.ip.subNotModelled', { object: 'neigh', sub: op });
  }
}

function parseModify(words: readonly Word[], args: Args, op: 'add' | 'change' | 'replace' | 'del', sub: Word): Parse<IpNeighCommand> {
  let addr: Ip4 | undefined;
  let lladdr: Mac | undefined;
  let dev: Word | undefined;
  let nud: NudState | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text === 'lladdr') {
      const m = args.read(w, readMac);
      if (!m.ok) return m;
      lladdr = m.value;
    } else if (w.text === 'nud') {
      const v = args.value(w);
      if (!v.ok) return v;
      const s = STATES.find((x) => x === v.value.text);
      if (s === undefined) return fail(v.value, 'scenario.ip.badNud', { word: v.value.text });
      nud = s;
    } else if (w.text === 'dev') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else if (['proxy', 'router', 'extern_learn', 'protocol', 'use', 'managed'].includes(w.text)) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip neigh', word: w.text });
    } else {
      let p = w;
      if (p.text === 'to') {
        const v = args.value(p);
        if (!v.ok) return v;
        p = v.value;
      }
      if (addr !== undefined) return fail(p, 'scenario.ip.duplicateArg', { word: 'to', value: p.text });
      const a = at(p, readIp4(p.text));
      if (!a.ok) return a;
      addr = a.value;
    }
  }
  if (addr === undefined || dev === undefined) return fail(sub, 'scenario.ip.neighNeedsDevAddr');
  return {
    ok: true,
    value: {
      ...base(words, [devRef(dev)]),
      kind: 'ip.neigh',
      op,
      addr,
      dev: dev.text,
      ...(lladdr !== undefined ? { lladdr } : {}),
      ...(op !== 'del' ? { nud: nud ?? 'permanent' } : {}),
    },
  };
}

function parseShowFlush(words: readonly Word[], args: Args, op: 'show' | 'flush', sub: Word): Parse<IpNeighCommand> {
  let dev: Word | undefined;
  let all = false;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text === 'dev') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else if (op === 'flush' && w.text === 'all') {
      all = true;
    } else {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: `ip neigh ${op}`, word: w.text });
    }
  }
  if (op === 'flush' && dev === undefined && !all) return fail(sub, 'scenario.ip.flushNeedsArgs');
  const refs = dev === undefined ? [] : [devRef(dev)];
  return {
    ok: true,
    value: { ...base(words, refs), kind: 'ip.neigh', op, ...(dev !== undefined ? { dev: dev.text } : {}) },
  };
}
