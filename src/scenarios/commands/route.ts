/**
 * net-tools `route`, as in the notes: `route add -host VIP dev lo`, `route add -net NET netmask M
 * gw G`, `route add default gw G`, `route -n`. A target without `-net`/`-host` is a host route
 * unless it is `default` or carries a /LEN; the word `dev` may be left out before a final
 * interface name. net-tools' sanity checks are kept: a netmask on a host route, a netmask that
 * leaves host bits in the target. The lab asks for the netmask of a `-net` route instead of
 * guessing one.
 */
import type { RouteCommand } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, devRef, fail, isIfname, type Parse } from './args.js';
import { readAddrPrefix, readInt, readIp4, readNetmask } from './values.js';
import { networkOf, type Ip4 } from '../../net/wire/addr.js';

const UNMODELLED = new Set(['mss', 'window', 'irtt', 'mod', 'dyn', 'reinstate', '-C', '-F', '-e', '-ee', '-v', '-A', '-6', '-N']);

/** Parses `route …` (words[0] is `route`). */
export function parseRoute(words: readonly Word[]): Parse<RouteCommand> {
  const args = new Args(words);
  let numeric = false;
  let w = args.next();
  while (w !== undefined && w.text.startsWith('-')) {
    if (w.text === '-n') numeric = true;
    else if (w.text !== '-4') return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'route', word: w.text });
    w = args.next();
  }
  if (w === undefined) return { ok: true, value: { ...base(words), kind: 'route', op: 'list', numeric } };
  if (w.text !== 'add' && w.text !== 'del') return fail(w, 'scenario.route.badSub', { word: w.text });
  return parseModify(words, args, w.text, w);
}

function parseModify(words: readonly Word[], args: Args, op: 'add' | 'del', sub: Word): Parse<RouteCommand> {
  let kind: 'host' | 'net' | undefined;
  let kindWord: Word | undefined;
  let target: Word | undefined;
  let maskLen: number | undefined;
  let maskWord: Word | undefined;
  let gw: Ip4 | undefined;
  let dev: Word | undefined;
  let metric: number | undefined;
  let reject = false;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    switch (w.text) {
      case '-host':
      case '-net':
        if (target !== undefined) return fail(w, 'scenario.route.kindAfterTarget', { word: w.text });
        kind = w.text === '-host' ? 'host' : 'net';
        kindWord = w;
        break;
      case 'netmask': {
        maskWord = args.peek();
        const m = args.read(w, readNetmask);
        if (!m.ok) return m;
        maskLen = m.value;
        break;
      }
      case 'gw': {
        const g = args.read(w, readIp4);
        if (!g.ok) return g;
        gw = g.value;
        break;
      }
      case 'metric': {
        const m = args.read(w, (t) => readInt(t, 0, 0xffff_fffe));
        if (!m.ok) return m;
        metric = m.value;
        break;
      }
      case 'dev': {
        const v = args.value(w);
        if (!v.ok) return v;
        if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
        dev = v.value;
        break;
      }
      case 'reject':
        reject = true;
        break;
      default: {
        if (UNMODELLED.has(w.text) || w.text.startsWith('-')) return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'route', word: w.text });
        if (target === undefined) {
          target = w;
          break;
        }
        if (args.done && dev === undefined && isIfname(w.text)) {
          dev = w;
          break;
        }
        return fail(w, 'scenario.cmd.extraArg', { word: w.text });
      }
    }
  }
  if (target === undefined) return fail(sub, 'scenario.route.needsTarget', { sub: sub.text });
  let dst: Ip4;
  let prefixLen: number;
  let routeKind: 'host' | 'net' | 'default';
  if (target.text === 'default') {
    if (kind === 'host') return fail(kindWord as Word, 'scenario.route.defaultHost');
    dst = 0;
    prefixLen = 0;
    routeKind = 'default';
  } else {
    const hasLen = target.text.includes('/');
    const a = at(target, readAddrPrefix(target.text, 32));
    if (!a.ok) return a;
    dst = a.value.addr;
    const isNet = kind === 'net' || (kind === undefined && hasLen);
    if (!isNet) {
      if (hasLen && a.value.prefixLen !== 32) return fail(target, 'scenario.route.hostMask', { text: target.text });
      if (maskLen !== undefined && maskLen !== 32) return fail(maskWord as Word, 'scenario.route.hostMask', { text: (maskWord as Word).text });
      prefixLen = 32;
      routeKind = 'host';
    } else {
      const len = maskLen ?? (hasLen ? a.value.prefixLen : undefined);
      if (len === undefined) return fail(target, 'scenario.route.netNeedsMask', { text: target.text });
      if (networkOf(dst, len) !== dst) return fail(maskWord ?? target, 'scenario.route.maskMismatch');
      prefixLen = len;
      routeKind = prefixLen === 0 ? 'default' : 'net';
    }
  }
  return {
    ok: true,
    value: {
      ...base(words, dev === undefined ? [] : [devRef(dev)]),
      kind: 'route',
      op,
      target: routeKind,
      dst,
      prefixLen,
      ...(gw !== undefined ? { gw } : {}),
      ...(dev !== undefined ? { dev: dev.text } : {}),
      ...(metric !== undefined ? { metric } : {}),
      reject,
    },
  };
}
