/**
 * The iptables tables of one host (net/ipv4/netfilter/ip_tables.c, iptable_{raw,mangle,filter}.c,
 * xt_mark.c): each table registers its built-in chains on the netfilter hooks at the kernel's
 * priorities (raw −300, mangle −150, filter 0) when it is first used, as a table is instantiated
 * in a network namespace on first use. A chain is walked rule by rule (ipt_do_table): a match on
 * protocol, addresses, ports and interfaces counts the packet and runs the target: ACCEPT and DROP
 * end the chain, RETURN falls to the policy, MARK sets skb->mark = (mark & ~mask) ^ value and goes
 * on. The policy counters count the packets that reach it. Simplified: no user chains, no
 * conntrack (so no nat table), no inversion (`!`), no match modules beyond tcp/udp ports.
 */
import type { HookName } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import type { HostApi, NfHookOps, NfHookState, Skb } from './types.js';
import type { Ip4 } from './wire/addr.js';
import { ipv4TotalLength } from './wire/length.js';

/** The tables modelled (nat needs conntrack, which the lab does not have). */
export type NfTableName = 'raw' | 'mangle' | 'filter';

/** iptables' names of the built-in chains. */
export type NfChainName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** The built-in chains of each table, in listing order (hook order). */
export const TABLE_CHAINS: Readonly<Record<NfTableName, readonly NfChainName[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** NF_IP_PRI_RAW, NF_IP_PRI_MANGLE, NF_IP_PRI_FILTER. */
export const TABLE_PRIORITY: Readonly<Record<NfTableName, number>> = { raw: -300, mangle: -150, filter: 0 };

/** The netfilter hook each chain name stands for. */
export const CHAIN_HOOK: Readonly<Record<NfChainName, HookName>> = {
  PREROUTING: 'PREROUTING',
  INPUT: 'LOCAL_IN',
  FORWARD: 'FORWARD',
  OUTPUT: 'LOCAL_OUT',
  POSTROUTING: 'POSTROUTING',
};

/** An address match `-s`/`-d ADDR/LEN` (the address is stored already masked, as iptables does). */
export interface NfAddrMatch {
  readonly addr: Ip4;
  readonly prefixLen: number;
}

/** struct ipt_ip plus the tcp/udp match: what a rule compares. Absent fields match anything. */
export interface NfMatch {
  /** IP protocol number; 0 = all. */
  readonly proto: number;
  readonly src?: NfAddrMatch;
  readonly dst?: NfAddrMatch;
  readonly sport?: number;
  readonly dport?: number;
  /** Interface name; a trailing `+` matches every name with that prefix. */
  readonly inIface?: string;
  readonly outIface?: string;
}

/** The targets modelled. MARK holds the kernel's xt_mark_tginfo2 (mark, mask). */
export type NfTarget =
  | { readonly kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { readonly kind: 'MARK'; readonly mark: number; readonly mask: number };

/** A rule with its counters. */
export interface NfRule {
  readonly match: NfMatch;
  readonly target: NfTarget;
  pkts: number;
  bytes: number;
}

/** A built-in chain: its rules, policy and policy counters. */
export interface NfChain {
  readonly name: NfChainName;
  readonly rules: NfRule[];
  policy: 'ACCEPT' | 'DROP';
  pkts: number;
  bytes: number;
}

/** One table of one host. */
export interface NfTable {
  readonly name: NfTableName;
  readonly chains: ReadonlyMap<NfChainName, NfChain>;
}

/** The mask of a prefix length. */
export function prefixMask(len: number): number {
  return len === 0 ? 0 : (0xffff_ffff << (32 - len)) >>> 0;
}

function ifaceMatches(pattern: string | undefined, name: string | null): boolean {
  if (pattern === undefined) return true;
  if (name === null) return false;
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function addrMatches(m: NfAddrMatch | undefined, addr: Ip4): boolean {
  if (m === undefined) return true;
  const mask = prefixMask(m.prefixLen);
  return ((addr & mask) >>> 0) === m.addr;
}

/** ip_packet_match plus the tcp/udp port match (ports only match a first fragment). */
export function ruleMatches(m: NfMatch, skb: Skb, state: NfHookState): boolean {
  const ip = skb.ip;
  if (m.proto !== 0 && ip.protocol !== m.proto) return false;
  if (!addrMatches(m.src, ip.src) || !addrMatches(m.dst, ip.dst)) return false;
  if (!ifaceMatches(m.inIface, state.in) || !ifaceMatches(m.outIface, state.out)) return false;
  if (m.sport === undefined && m.dport === undefined) return true;
  if (ip.fragOffset !== 0) return false;
  const l4 = ip.payload;
  if (l4.layer !== 'tcp' && l4.layer !== 'udp') return false;
  return (m.sport === undefined || l4.sport === m.sport) && (m.dport === undefined || l4.dport === m.dport);
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** The iptables of one host. Tables are created (and hooked) on first use. */
export class Iptables {
  readonly host: HostApi;
  private readonly tables = new Map<NfTableName, NfTable>();
  private readonly ops: NfHookOps[] = [];

  constructor(host: HostApi) {
    this.host = host;
  }

  /** The table, instantiated (and its chains registered on their hooks) on first use. */
  table(name: NfTableName): NfTable {
    let t = this.tables.get(name);
    if (t !== undefined) return t;
    const chains = new Map<NfChainName, NfChain>();
    for (const c of TABLE_CHAINS[name]) chains.set(c, { name: c, rules: [], policy: 'ACCEPT', pkts: 0, bytes: 0 });
    t = { name, chains };
    this.tables.set(name, t);
    const owner = `iptables-${name}`;
    for (const chain of chains.values()) {
      const op: NfHookOps = {
        hook: CHAIN_HOOK[chain.name],
        priority: TABLE_PRIORITY[name],
        owner,
        fn: (skb, state) => this.walk(name, chain, owner, skb, state),
      };
      this.ops.push(op);
      this.host.nfRegister(op);
    }
    return t;
  }

  /** The chain of a table (instantiating the table); undefined when the table has no such chain. */
  chain(table: NfTableName, chain: string): NfChain | undefined {
    return this.table(table).chains.get(chain as NfChainName);
  }

  /** `-A`: appends a rule. */
  append(chain: NfChain, match: NfMatch, target: NfTarget): void {
    chain.rules.push({ match, target, pkts: 0, bytes: 0 });
  }

  /** `-I CHAIN [N]`: inserts at the 1-based position; false when N is past the end + 1 (iptables: "Index of insertion too big"). */
  insert(chain: NfChain, position: number, match: NfMatch, target: NfTarget): boolean {
    if (position < 1 || position > chain.rules.length + 1) return false;
    chain.rules.splice(position - 1, 0, { match, target, pkts: 0, bytes: 0 });
    return true;
  }

  /** `-D CHAIN rule-spec`: deletes the first identical rule; false when there is none. */
  delete(chain: NfChain, match: NfMatch, target: NfTarget): boolean {
    const i = chain.rules.findIndex((r) => sameMatch(r.match, match) && sameTarget(r.target, target));
    if (i < 0) return false;
    chain.rules.splice(i, 1);
    return true;
  }

  /** `-F [CHAIN]`: removes the rules (policies and policy counters stay). */
  flush(table: NfTable, chain?: NfChain): void {
    if (chain !== undefined) chain.rules.length = 0;
    else for (const c of table.chains.values()) c.rules.length = 0;
  }

  /** ipt_do_table for one chain. */
  private walk(table: NfTableName, chain: NfChain, owner: string, skb: Skb, state: NfHookState): 'ACCEPT' | 'DROP' {
    const rules = chain.rules;
    const len = rules.length === 0 ? 0 : ipv4TotalLength(skb.ip);
    walk: for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as NfRule;
      if (!ruleMatches(r.match, skb, state)) continue;
      r.pkts++;
      r.bytes += len;
      const t = r.target;
      const where = { table, chain: chain.name, rule: i + 1 };
      switch (t.kind) {
        case 'MARK': {
          const before = skb.mark;
          skb.mark = ((skb.mark & ~t.mask) ^ t.mark) >>> 0;
          this.note(skb, state, owner, { id: 'nf.rule.mark', params: { ...where, from: hex(before), to: hex(skb.mark) } });
          continue;
        }
        case 'ACCEPT':
          this.note(skb, state, owner, { id: 'nf.rule.accept', params: where });
          return 'ACCEPT';
        case 'DROP':
          this.host.drop(skb, { id: 'nf.rule.drop', params: where });
          return 'DROP';
        case 'RETURN':
          // From a built-in chain, RETURN goes to the chain's policy.
          break walk;
      }
    }
    chain.pkts++;
    chain.bytes += ipv4TotalLength(skb.ip);
    if (chain.policy === 'DROP') {
      this.host.drop(skb, { id: 'nf.policy.drop', params: { table, chain: chain.name } });
      return 'DROP';
    }
    return 'ACCEPT';
  }

  /** A rule that let the packet go on (possibly changed), as a hook event of this table. */
  private note(skb: Skb, state: NfHookState, owner: string, m: Msg): void {
    this.host.emit({ kind: 'hook', hook: state.hook, verdict: 'ACCEPT', by: owner, pkt: skb.pkt, flow: skb.flow, packet: skb.ip, msg: m });
  }
}

function sameAddr(a: NfAddrMatch | undefined, b: NfAddrMatch | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.addr === b.addr && a.prefixLen === b.prefixLen;
}

/** Whether two rule specifications are the same (iptables -D compares the whole entry). */
export function sameMatch(a: NfMatch, b: NfMatch): boolean {
  return (
    a.proto === b.proto &&
    sameAddr(a.src, b.src) &&
    sameAddr(a.dst, b.dst) &&
    a.sport === b.sport &&
    a.dport === b.dport &&
    a.inIface === b.inIface &&
    a.outIface === b.outIface
  );
}

/** Whether two targets are the same. */
export function sameTarget(a: NfTarget, b: NfTarget): boolean {
  if (a.kind === 'MARK' && b.kind === 'MARK') return a.mark === b.mark && a.mask === b.mask;
  return a.kind === b.kind;
}
