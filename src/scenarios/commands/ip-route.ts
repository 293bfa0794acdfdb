/**
 * `ip route add|del|replace|change|show|get`, as iproute2's ip/iproute.c reads it: an optional
 * route type (`local`, `blackhole` …), then the prefix (`default`, `A.B.C.D[/LEN]`, `/32` when no
 * length), then `via`, `dev`, `src`, `metric`, `scope`, `proto`, `table`, `onlink` in any order.
 * Defaults are iproute2's (see RouteSpec). A prefix with host bits set is refused the way the
 * kernel refuses it ("Invalid prefix for given prefix length").
 */
import type { DevRef, IpRouteCommand, RouteProto, RouteScope, RouteSelector, RouteSpec, RouteTableId, RouteType } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, devRef, fail, firstMatch, isIfname, type Parse } from './args.js';
import { readAddrPrefix, readInt, readIp4 } from './values.js';
import { networkOf, type Ip4 } from '../../net/wire/addr.js';

const SUBCOMMANDS = ['add', 'change', 'replace', 'prepend', 'append', 'test', 'delete', 'list', 'show', 'lst', 'get', 'flush', 'save', 'restore', 'showdump', 'help'] as const;
const TYPES: readonly RouteType[] = ['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit'];
const UNMODELLED_TYPES = ['multicast', 'throw', 'nat', 'anycast', 'xresolve'];
const SCOPES: readonly RouteScope[] = ['host', 'link', 'global'];
const PROTOS: readonly RouteProto[] = ['kernel', 'boot', 'static', 'dhcp', 'keepalived'];
const UNMODELLED_PROTOS = ['redirect', 'gated', 'ra', 'mrt', 'zebra', 'bird', 'dnrouted', 'xorp', 'ntk', 'babel', 'bgp', 'isis', 'ospf', 'rip', 'eigrp'];
const TABLE_MAIN: RouteTableId = 'main';
const TABLE_LOCAL: RouteTableId = 'local';

/** Parses the words after `ip route` (from index `start`). */
export function parseIpRoute(words: readonly Word[], start: number): Parse<IpRouteCommand> {
  const args = new Args(words, start);
  const sub = args.next();
  if (sub === undefined) return { ok: true, value: { ...base(words), kind: 'ip.route', op: 'show', table: TABLE_MAIN } };
  const op = firstMatch(sub.text, SUBCOMMANDS);
  switch (op) {
    case 'add':
    case 'change':
    case 'replace': {
      const r = parseRouteArgs(args, sub, op);
      if (!r.ok) return r;
      return { ok: true, value: { ...base(words, r.value.refs), kind: 'ip.route', op, route: r.value.route as RouteSpec } };
    }
    case 'delete': {
      const r = parseRouteArgs(args, sub, 'del');
      if (!r.ok) return r;
      return { ok: true, value: { ...base(words, r.value.refs), kind: 'ip.route', op: 'del', route: r.value.route } };
    }
    case 'list':
    case 'show':
    case 'lst':
      return parseShow(words, args);
    case 'get':
      return parseGet(words, args, sub);
    case undefined:
      return fail(sub, 'scenario.ip.unknownSub', { object: 'route', word: sub.text });
    default:
      return fail(sub, 'scenario.ip.subNotModelled', { object: 'route', sub: op });
  }
}

/** A route for `routes:` entries: the words are those after `ip route add`. */
export function parseRouteWords(words: readonly Word[]): Parse<{ readonly route: RouteSpec; readonly refs: readonly DevRef[] }> {
  const anchor = words[0];
  if (anchor === undefined) return { ok: false, error: { offset: 0, length: 0, msg: { id: 'scenario.route.empty' } } };
  const r = parseRouteArgs(new Args(words, 0), anchor, 'add');
  return r.ok ? { ok: true, value: { route: r.value.route as RouteSpec, refs: r.value.refs } } : r;
}

/** The modelled tables: main and local (policy routing with other tables is not modelled). */
function readTable(w: Word): Parse<RouteTableId> {
  if (w.text === 'main' || w.text === '254') return { ok: true, value: TABLE_MAIN };
  if (w.text === 'local' || w.text === '255') return { ok: true, value: TABLE_LOCAL };
  return fail(w, 'scenario.ip.tableNotModelled', { word: w.text });
}

type Op = 'add' | 'change' | 'replace' | 'del';

function parseRouteArgs(args: Args, sub: Word, op: Op): Parse<{ route: RouteSpec | RouteSelector; refs: DevRef[] }> {
  let type: RouteType | undefined;
  let dst: { addr: Ip4; prefixLen: number; word: Word } | undefined;
  let via: Ip4 | undefined;
  let dev: Word | undefined;
  let src: Ip4 | undefined;
  let metric: number | undefined;
  let scope: RouteScope | undefined;
  let proto: RouteProto | undefined;
  let table: RouteTableId | undefined;
  let onlink = false;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    const t = w.text;
    if (t === 'via' || t === 'src') {
      const v = args.value(w);
      if (!v.ok) return v;
      let addrWord = v.value;
      if (t === 'via' && addrWord.text === 'inet') {
        const v2 = args.value(addrWord);
        if (!v2.ok) return v2;
        addrWord = v2.value;
      }
      const a = at(addrWord, readIp4(addrWord.text));
      if (!a.ok) return a;
      if (t === 'via') via = a.value;
      else src = a.value;
    } else if (t === 'dev' || t === 'oif') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else if ((t.length > 0 && ('metric'.startsWith(t) || 'priority'.startsWith(t))) || t === 'preference') {
      const m = args.read(w, (t) => readInt(t, 0, 0xffff_ffff));
      if (!m.ok) return m;
      metric = m.value;
    } else if (t === 'scope') {
      const v = args.value(w);
      if (!v.ok) return v;
      const s = SCOPES.find((x) => x === v.value.text);
      if (s === undefined) return fail(v.value, 'scenario.ip.badScope', { word: v.value.text });
      scope = s;
    } else if (t.length > 0 && 'protocol'.startsWith(t)) {
      const v = args.value(w);
      if (!v.ok) return v;
      const p = PROTOS.find((x) => x === v.value.text);
      if (p === undefined) {
        const known = UNMODELLED_PROTOS.includes(v.value.text) || /^\d{1,3}$/.test(v.value.text);
        return fail(v.value, known ? 'scenario.ip.protoNotModelled' : 'scenario.ip.badProto', { word: v.value.text });
      }
      proto = p;
    } else if (t.length > 0 && 'table'.startsWith(t)) {
      const v = args.value(w);
      if (!v.ok) return v;
      const tb = readTable(v.value);
      if (!tb.ok) return tb;
      table = tb.value;
    } else if (t.length > 0 && 'onlink'.startsWith(t)) {
      onlink = true;
    } else if (['mtu', 'advmss', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'realms', 'tos', 'dsfield', 'nexthop', 'expires', 'from', 'as', 'nhid', 'encap', 'vrf', 'quickack', 'congctl', 'features', 'pref', 'hoplimit', 'fastopen_no_cookie', 'ttl-propagate', 'mark'].includes(t)) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip route', word: t });
    } else {
      let p = w;
      if (p.text === 'to') {
        const v = args.value(p);
        if (!v.ok) return v;
        p = v.value;
      }
      if (!/^\d/.test(p.text) && p.text !== 'default' && p.text !== 'all' && p.text !== 'any') {
        const rt = TYPES.find((x) => x === p.text);
        if (rt !== undefined || UNMODELLED_TYPES.includes(p.text)) {
          if (rt === undefined) return fail(p, 'scenario.ip.routeTypeNotModelled', { word: p.text });
          if (type !== undefined) return fail(p, 'scenario.ip.duplicateArg', { word: 'type', value: p.text });
          type = rt;
          const v = args.value(p);
          if (!v.ok) return v;
          p = v.value;
        }
      }
      if (dst !== undefined) return fail(p, 'scenario.ip.duplicateArg', { word: 'to', value: p.text });
      if (p.text === 'default' || p.text === 'all' || p.text === 'any') dst = { addr: 0, prefixLen: 0, word: p };
      else {
        const a = at(p, readAddrPrefix(p.text, 32));
        if (!a.ok) return a;
        if (networkOf(a.value.addr, a.value.prefixLen) !== a.value.addr) return fail(p, 'scenario.ip.hostBits', { text: p.text });
        dst = { addr: a.value.addr, prefixLen: a.value.prefixLen, word: p };
      }
    }
  }
  if (dst === undefined) return fail(sub, 'scenario.ip.routeNeedsPrefix');
  const refs: DevRef[] = dev === undefined ? [] : [devRef(dev)];
  const common = {
    dst: dst.addr,
    prefixLen: dst.prefixLen,
    ...(via !== undefined ? { via } : {}),
    ...(dev !== undefined ? { dev: dev.text } : {}),
    ...(src !== undefined ? { src } : {}),
  };
  const localTable = type === 'local' || type === 'broadcast';
  if (op === 'del') {
    const sel: RouteSelector = {
      ...common,
      ...(type !== undefined ? { type } : {}),
      ...(metric !== undefined ? { metric } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(proto !== undefined ? { proto } : {}),
      table: table ?? (localTable ? TABLE_LOCAL : TABLE_MAIN),
    };
    return { ok: true, value: { route: sel, refs } };
  }
  const rtype = type ?? 'unicast';
  const defaultScope: RouteScope = rtype === 'local' ? 'host' : rtype === 'broadcast' ? 'link' : rtype === 'unicast' && via === undefined ? 'link' : 'global';
  const spec: RouteSpec = {
    ...common,
    type: rtype,
    metric: metric ?? 0,
    scope: scope ?? defaultScope,
    proto: proto ?? 'boot',
    table: table ?? (localTable ? TABLE_LOCAL : TABLE_MAIN),
    onlink,
  };
  return { ok: true, value: { route: spec, refs } };
}

function parseShow(words: readonly Word[], args: Args): Parse<IpRouteCommand> {
  let table: RouteTableId | 'all' = TABLE_MAIN;
  let dev: Word | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text.length > 0 && 'table'.startsWith(w.text)) {
      const v = args.value(w);
      if (!v.ok) return v;
      if (v.value.text === 'all') table = 'all';
      else {
        const tb = readTable(v.value);
        if (!tb.ok) return tb;
        table = tb.value;
      }
    } else if (w.text === 'dev' || w.text === 'oif') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      dev = v.value;
    } else {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip route show', word: w.text });
    }
  }
  return {
    ok: true,
    value: dev === undefined
      ? { ...base(words), kind: 'ip.route', op: 'show', table }
      : { ...base(words, [devRef(dev)]), kind: 'ip.route', op: 'show', table, dev: dev.text },
  };
}

function parseGet(words: readonly Word[], args: Args, sub: Word): Parse<IpRouteCommand> {
  let dst: Ip4 | undefined;
  let from: Ip4 | undefined;
  let iif: Word | undefined;
  let oif: Word | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    if (w.text === 'from') {
      const a = args.read(w, readIp4);
      if (!a.ok) return a;
      from = a.value;
    } else if (w.text === 'iif' || w.text === 'input' || w.text === 'oif' || w.text === 'output') {
      const v = args.value(w);
      if (!v.ok) return v;
      if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
      if (w.text === 'iif' || w.text === 'input') iif = v.value;
      else oif = v.value;
    } else if (['tos', 'dsfield', 'mark', 'vrf', 'uid', 'fibmatch', 'connected', 'sport', 'dport', 'ipproto'].includes(w.text)) {
      return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ip route get', word: w.text });
    } else {
      let p = w;
      if (p.text === 'to') {
        const v = args.value(p);
        if (!v.ok) return v;
        p = v.value;
      }
      if (dst !== undefined) return fail(p, 'scenario.ip.duplicateArg', { word: 'to', value: p.text });
      const a = at(p, readAddrPrefix(p.text, 32));
      if (!a.ok) return a;
      dst = a.value.addr;
    }
  }
  if (dst === undefined) return fail(sub, 'scenario.ip.routeNeedsPrefix');
  const refs: DevRef[] = [];
  if (iif !== undefined) refs.push(devRef(iif));
  if (oif !== undefined) refs.push(devRef(oif));
  return {
    ok: true,
    value: {
      ...base(words, refs),
      kind: 'ip.route',
      op: 'get',
      dst,
      ...(from !== undefined ? { from } : {}),
      ...(iif !== undefined ? { iif: iif.text } : {}),
      ...(oif !== undefined ? { oif: oif.text } : {}),
    },
  };
}
