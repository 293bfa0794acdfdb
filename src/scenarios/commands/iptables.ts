/**
 * The slice of `iptables` that LVS set-ups use: marking packets in the mangle table for fwmark
 * services (`iptables -t mangle -A PREROUTING -p tcp -d VIP --dport 80 -j MARK --set-mark 1`),
 * plus ACCEPT/DROP rules, policies, -F, -L and -S. Options may come in any order, as getopt
 * allows; the chain must be a built-in chain of the table (user chains are not modelled), and
 * matches beyond protocol, addresses, ports and interfaces are refused as not modelled.
 */
import type { IptablesCommand, IptablesMatch, IptablesTable, IptablesTarget } from './types.js';
import type { Word } from './shell.js';
import { Args, at, base, fail, isIfname, type Parse } from './args.js';
import { readAddrPrefix, readInt, readPort } from './values.js';

const CHAINS: Readonly<Record<IptablesTable, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

const LONG: Readonly<Record<string, string>> = {
  '--append': '-A', '--insert': '-I', '--delete': '-D', '--flush': '-F', '--list': '-L', '--list-rules': '-S',
  '--policy': '-P', '--table': '-t', '--protocol': '-p', '--source': '-s', '--destination': '-d',
  '--in-interface': '-i', '--out-interface': '-o', '--jump': '-j', '--match': '-m', '--numeric': '-n',
  '--verbose': '-v', '--source-port': '--sport', '--destination-port': '--dport', '--src': '-s', '--dst': '-d',
};

type Op = 'append' | 'insert' | 'delete' | 'flush' | 'list' | 'list-rules' | 'policy';
const OPS: Readonly<Record<string, Op>> = { '-A': 'append', '-I': 'insert', '-D': 'delete', '-F': 'flush', '-L': 'list', '-S': 'list-rules', '-P': 'policy' };

/** Reads a mark `V` or `V/M`, decimal or 0x-hex, 32-bit. */
function readMark(text: string): { value: number; mask: number } | undefined {
  const m = /^(0x[0-9a-fA-F]{1,8}|\d{1,10})(?:\/(0x[0-9a-fA-F]{1,8}|\d{1,10}))?$/.exec(text);
  if (m === null) return undefined;
  const value = Number(m[1]);
  const mask = m[2] === undefined ? 0xffff_ffff : Number(m[2]);
  return value > 0xffff_ffff || mask > 0xffff_ffff ? undefined : { value, mask };
}

/** Parses `iptables …` (words[0] is `iptables`). */
export function parseIptables(words: readonly Word[]): Parse<IptablesCommand> {
  const expanded: { word: Word; opt: string }[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    if (/^-[nvLFS]{2,}$/.test(w.text)) for (const c of w.text.slice(1)) expanded.push({ word: w, opt: `-${c}` });
    else expanded.push({ word: w, opt: LONG[w.text] ?? w.text });
  }
  const args = new Args(expanded.map((e) => ({ ...e.word, text: e.opt })), 0);
  let table: IptablesTable = 'filter';
  let op: Op | undefined;
  let opWord: Word | undefined;
  let chain: Word | undefined;
  let position: number | undefined;
  let numeric = false;
  let verbose = false;
  const match: { -readonly [K in keyof IptablesMatch]: IptablesMatch[K] } = {};
  let target: IptablesTarget | undefined;
  let targetWord: Word | undefined;
  let policy: Word | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    const o = w.text;
    if (o in OPS) {
      if (op !== undefined) return fail(w, 'scenario.iptables.twoCommands', { word: o });
      op = OPS[o];
      opWord = w;
      const c = args.peek();
      if (c !== undefined && !c.text.startsWith('-')) {
        chain = c;
        args.next();
        const extra = args.peek();
        if (op === 'insert' && extra !== undefined && /^\d+$/.test(extra.text)) {
          const p = at(extra, readInt(extra.text, 1, 65535));
          if (!p.ok) return p;
          position = p.value;
          args.next();
        } else if (op === 'policy' && extra !== undefined) {
          policy = extra;
          args.next();
        } else if (op === 'delete' && extra !== undefined && /^\d+$/.test(extra.text)) {
          return fail(extra, 'scenario.cmd.optionNotModelled', { tool: 'iptables -D', word: extra.text });
        }
      }
      continue;
    }
    switch (o) {
      case '-t': {
        const v = args.value(w);
        if (!v.ok) return v;
        const t = (['filter', 'nat', 'mangle', 'raw'] as const).find((x) => x === v.value.text);
        if (t === undefined) return fail(v.value, 'scenario.iptables.badTable', { word: v.value.text });
        table = t;
        break;
      }
      case '-n':
        numeric = true;
        break;
      case '-v':
        verbose = true;
        break;
      case '-p': {
        const v = args.value(w);
        if (!v.ok) return v;
        const p = (['tcp', 'udp', 'icmp', 'all'] as const).find((x) => x === v.value.text);
        if (p === undefined) return fail(v.value, 'scenario.iptables.badProto', { word: v.value.text });
        match.proto = p;
        break;
      }
      case '-s':
      case '-d': {
        const a = args.read(w, (t) => readAddrPrefix(t, 32));
        if (!a.ok) return a;
        if (o === '-s') match.src = a.value;
        else match.dst = a.value;
        break;
      }
      case '--sport':
      case '--dport': {
        if (match.proto !== 'tcp' && match.proto !== 'udp') return fail(w, 'scenario.iptables.portNeedsProto', { word: o });
        const p = args.read(w, readPort);
        if (!p.ok) return p;
        if (o === '--sport') match.sport = p.value;
        else match.dport = p.value;
        break;
      }
      case '-i':
      case '-o': {
        const v = args.value(w);
        if (!v.ok) return v;
        if (!isIfname(v.value.text)) return fail(v.value, 'scenario.cmd.badIfname', { name: v.value.text });
        if (o === '-i') match.inIface = v.value.text;
        else match.outIface = v.value.text;
        break;
      }
      case '-m': {
        const v = args.value(w);
        if (!v.ok) return v;
        if (v.value.text !== 'tcp' && v.value.text !== 'udp') return fail(v.value, 'scenario.iptables.matchNotModelled', { word: v.value.text });
        break;
      }
      case '-j': {
        const v = args.value(w);
        if (!v.ok) return v;
        targetWord = v.value;
        const name = v.value.text;
        if (name === 'ACCEPT' || name === 'DROP' || name === 'RETURN') target = { name };
        else if (name === 'MARK') {
          const kw = args.value(v.value);
          if (!kw.ok) return kw;
          if (kw.value.text !== '--set-mark' && kw.value.text !== '--set-xmark') return fail(kw.value, 'scenario.iptables.markOption', { word: kw.value.text });
          const mv = args.value(kw.value);
          if (!mv.ok) return mv;
          const mark = readMark(mv.value.text);
          if (mark === undefined) return fail(mv.value, 'scenario.iptables.badMark', { word: mv.value.text });
          target = { name: 'MARK', value: mark.value, mask: mark.mask, xor: kw.value.text === '--set-xmark' };
        } else return fail(v.value, 'scenario.iptables.targetNotModelled', { word: name });
        break;
      }
      case '!':
        return fail(w, 'scenario.iptables.negation');
      default:
        return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'iptables', word: (expanded.find((e) => e.word.start === w.start)?.word.text ?? o) });
    }
  }
  if (op === undefined || opWord === undefined) return fail(words[0] as Word, 'scenario.iptables.needsCommand');
  if (chain !== undefined && !(CHAINS[table] as readonly string[]).includes(chain.text)) {
    return fail(chain, 'scenario.iptables.noChain', { chain: chain.text, table, chains: CHAINS[table].join(', ') });
  }
  const b = base(words, []);
  switch (op) {
    case 'append':
    case 'insert':
    case 'delete':
      if (chain === undefined) return fail(opWord, 'scenario.iptables.needsChain', { word: opWord.text });
      if (target === undefined) return fail(opWord, 'scenario.iptables.needsTarget');
      return {
        ok: true,
        value: { ...b, kind: 'iptables', op, table, chain: chain.text, ...(position !== undefined ? { position } : {}), match, target },
      };
    case 'policy': {
      if (chain === undefined || policy === undefined) return fail(opWord, 'scenario.iptables.policyArgs');
      if (policy.text !== 'ACCEPT' && policy.text !== 'DROP') return fail(policy, 'scenario.iptables.badPolicy', { word: policy.text });
      return { ok: true, value: { ...b, kind: 'iptables', op, table, chain: chain.text, policy: policy.text } };
    }
    default:
      if (target !== undefined) return fail(targetWord as Word, 'scenario.cmd.extraArg', { word: '-j' });
      return {
        ok: true,
        value: { ...b, kind: 'iptables', op, table, ...(chain !== undefined ? { chain: chain.text } : {}), numeric, verbose },
      };
  }
}
