/**
 * `iptables` (v1.8.9, nf_tables backend as on Debian 12) run against a host's netfilter tables
 * (src/net/iptables.ts): -A/-I/-D/-F/-P change the table, -L [-n] [-v] and -S print it in
 * iptables' own layouts (iptables.c: print_firewall, print_header; xshared.c: save_ipv4_addr,
 * save_rule_details; libxt_tcp/udp/MARK print and save). The parser has already refused what the
 * lab cannot model, except the nat table (it needs conntrack), refused here. Simplified: `-m tcp`
 * given without ports is not remembered, so listings show the tcp match only when ports are set.
 */
import type { Host } from '../../net/host.js';
import {
  Iptables,
  type NfChain,
  type NfTableName,
  type NfMatch,
  type NfRule,
  type NfTable,
  type NfTarget,
  prefixMask,
} from '../../net/iptables.js';
import { formatIp4 } from '../../net/wire/addr.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import { portToService } from '../../ipvs/ipvsadm/inet.js';
import type { IptablesCommand, IptablesMatch, IptablesTarget } from '../commands/types.js';
import { failed, printed } from './result.js';
import type { ExecResult } from './types.js';

/** The program's name and version as its error messages print them. */
const PROG = 'iptables v1.8.9 (nf_tables)';

const PROTO_NUMBER: Readonly<Record<'tcp' | 'udp' | 'icmp' | 'all', number>> = { all: 0, icmp: 1, tcp: 6, udp: 17 };
const PROTO_NAME: Readonly<Record<number, string>> = { 0: 'all', 1: 'icmp', 6: 'tcp', 17: 'udp' };

/** The iptables of every host, created on first use. */
export class NetfilterHosts {
  private readonly byHost = new Map<Host, Iptables>();

  /** The host's tables. */
  of(host: Host): Iptables {
    let t = this.byHost.get(host);
    if (t === undefined) {
      t = new Iptables(host);
      this.byHost.set(host, t);
    }
    return t;
  }

  /** Runs one parsed iptables command on `host`. */
  run(host: Host, cmd: IptablesCommand): ExecResult {
    return execIptables(this.of(host), cmd);
  }
}

/** xtables_error(PARAMETER_PROBLEM, …): exit status 2 and the usage hint. */
function parameterProblem(text: string): ExecResult {
  return failed(2, `${PROG}: ${text}\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 0);
}

/** What the kernel's table holds for a rule: addresses masked, protocol as a number. */
function toMatch(m: IptablesMatch): NfMatch {
  const out: { -readonly [K in keyof NfMatch]: NfMatch[K] } = { proto: m.proto === undefined ? 0 : PROTO_NUMBER[m.proto] };
  if (m.src !== undefined) out.src = { addr: (m.src.addr & prefixMask(m.src.prefixLen)) >>> 0, prefixLen: m.src.prefixLen };
  if (m.dst !== undefined) out.dst = { addr: (m.dst.addr & prefixMask(m.dst.prefixLen)) >>> 0, prefixLen: m.dst.prefixLen };
  if (m.sport !== undefined) out.sport = m.sport;
  if (m.dport !== undefined) out.dport = m.dport;
  if (m.inIface !== undefined) out.inIface = m.inIface;
  if (m.outIface !== undefined) out.outIface = m.outIface;
  return out;
}

/** libxt_MARK's parse: --set-xmark V/M keeps (V, M); --set-mark V/M becomes (V, V|M). */
function toTarget(t: IptablesTarget): NfTarget {
  if (t.name !== 'MARK') return { kind: t.name };
  return { kind: 'MARK', mark: t.value >>> 0, mask: (t.xor ? t.mask : t.value | t.mask) >>> 0 };
}

/** Runs one command on a host's tables. */
export function execIptables(ipt: Iptables, cmd: IptablesCommand): ExecResult {
  if (cmd.table === 'nat') {
    return { exitCode: 1, output: '', error: { msg: msg('nf.notModelled.nat'), offset: 0, kind: 'notModelled' } };
  }
  const table = ipt.table(cmd.table);
  // The parser accepts only the table's built-in chains; a name it let through that the table does
  // not have is iptables' own "No chain/target/match by that name".
  const chainOf = (name: string): NfChain | undefined => ipt.chain(cmd.table as NfTableName, name);
  const noChain = (): ExecResult => failed(1, 'iptables: No chain/target/match by that name.\n', 0);
  switch (cmd.op) {
    case 'append':
    case 'insert':
    case 'delete': {
      const chain = chainOf(cmd.chain);
      if (chain === undefined) return noChain();
      const match = toMatch(cmd.match);
      if ((chain.name === 'PREROUTING' || chain.name === 'INPUT') && match.outIface !== undefined) {
        return parameterProblem(`Can't use -o with ${chain.name}\n`);
      }
      if ((chain.name === 'POSTROUTING' || chain.name === 'OUTPUT') && match.inIface !== undefined) {
        return parameterProblem(`Can't use -i with ${chain.name}\n`);
      }
      const target = toTarget(cmd.target);
      if (cmd.op === 'append') ipt.append(chain, match, target);
      else if (cmd.op === 'insert') {
        if (!ipt.insert(chain, cmd.position ?? 1, match, target)) return failed(1, 'iptables: Index of insertion too big.\n', 0);
      } else if (!ipt.delete(chain, match, target)) {
        return failed(1, 'iptables: Bad rule (does a matching rule exist in that chain?).\n', 0);
      }
      return printed();
    }
    case 'policy': {
      const chain = chainOf(cmd.chain);
      if (chain === undefined) return noChain();
      chain.policy = cmd.policy;
      return printed();
    }
    case 'flush': {
      const chain = cmd.chain === undefined ? undefined : chainOf(cmd.chain);
      if (cmd.chain !== undefined && chain === undefined) return noChain();
      ipt.flush(table, chain);
      return printed();
    }
    case 'list':
      return printed(formatList(table, cmd.chain, { numeric: cmd.numeric, verbose: cmd.verbose }));
    case 'list-rules':
      return printed(formatRules(table, cmd.chain));
    default:
      return assertNever(cmd);
  }
}

/** -L options. */
export interface ListFormat {
  readonly numeric: boolean;
  readonly verbose: boolean;
}

function chainsOf(table: NfTable, chain: string | undefined): NfChain[] {
  const all = [...table.chains.values()];
  return chain === undefined ? all : all.filter((c) => c.name === chain);
}

/** xtables_print_num with FMT_KILOMEGAGIGA: 5 wide, then K/M/G/T with rounding; `table` pads. */
function printNum(n: number, table: boolean): string {
  if (n <= 99999) return table ? `${String(n).padStart(5)} ` : `${n} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return table ? `${String(v).padStart(4)}${unit} ` : `${v}${unit} `;
  }
  v = Math.floor((v + 500) / 1000);
  return table ? `${String(v).padStart(4)}T ` : `${v}T `;
}

/** The address column: `anywhere` for /0 without -n, else the address and `/len` unless /32. */
function addrColumn(a: NfMatch['src'], numeric: boolean): string {
  if (a === undefined || a.prefixLen === 0) return numeric ? '0.0.0.0/0' : 'anywhere';
  return a.prefixLen === 32 ? formatIp4(a.addr) : `${formatIp4(a.addr)}/${a.prefixLen}`;
}

function portText(port: number, proto: number, numeric: boolean): string {
  return numeric ? String(port) : (portToService(port, proto) ?? String(port));
}

/** tcp_print / udp_print, then the target's print (MARK). */
function extras(r: NfRule, numeric: boolean): string {
  const m = r.match;
  let out = '';
  if ((m.proto === 6 || m.proto === 17) && (m.sport !== undefined || m.dport !== undefined)) {
    out += m.proto === 6 ? ' tcp' : ' udp';
    if (m.sport !== undefined) out += ` spt:${portText(m.sport, m.proto, numeric)}`;
    if (m.dport !== undefined) out += ` dpt:${portText(m.dport, m.proto, numeric)}`;
  }
  const t = r.target;
  if (t.kind === 'MARK') out += ` ${markPrint(t.mark, t.mask)}`;
  return out;
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** mark_tg_print. */
function markPrint(mark: number, mask: number): string {
  if (mark === 0) return `MARK and ${hex(~mask)}`;
  if (mark === mask) return `MARK or ${hex(mark)}`;
  if (mask === 0) return `MARK xor ${hex(mark)}`;
  if (mask === 0xffff_ffff) return `MARK set ${hex(mark)}`;
  return `MARK xset ${hex(mark)}/${hex(mask)}`;
}

/** `iptables [-t T] -L [CHAIN] [-n] [-v]`: print_header and print_firewall per chain. */
export function formatList(table: NfTable, chain: string | undefined, f: ListFormat): string {
  const blocks: string[] = [];
  for (const c of chainsOf(table, chain)) {
    let out = `Chain ${c.name} (policy ${c.policy}`;
    if (f.verbose) out += ` ${printNum(c.pkts, false)}packets, ${printNum(c.bytes, false)}bytes`;
    out += ')\n';
    if (f.verbose) out += `${'pkts'.padStart(5)} ${'bytes'.padStart(5)} `;
    out += `${'target'.padEnd(9)}  prot opt`;
    if (f.verbose) out += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
    out += ` ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} \n`;
    for (const r of c.rules) {
      let line = f.verbose ? printNum(r.pkts, true) + printNum(r.bytes, true) : '';
      line += `${r.target.kind.padEnd(9)}  ${(PROTO_NAME[r.match.proto] ?? String(r.match.proto)).padEnd(5)}-- `;
      if (f.verbose) {
        const any = f.numeric ? '*' : 'any';
        line += ` ${(r.match.inIface ?? any).padEnd(6)} ${(r.match.outIface ?? any).padEnd(6)} `;
      }
      line += ` ${addrColumn(r.match.src, f.numeric).padEnd(19)}  ${addrColumn(r.match.dst, f.numeric).padEnd(19)} `;
      line += extras(r, f.numeric);
      out += `${line}\n`;
    }
    blocks.push(out);
  }
  return blocks.join('\n');
}

/** print_rule4: one `-A` line in iptables-save syntax. */
function saveRule(chain: string, r: NfRule): string {
  const m = r.match;
  let out = `-A ${chain}`;
  if (m.src !== undefined && !(m.src.prefixLen === 0 && m.src.addr === 0)) out += ` -s ${formatIp4(m.src.addr)}/${m.src.prefixLen}`;
  if (m.dst !== undefined && !(m.dst.prefixLen === 0 && m.dst.addr === 0)) out += ` -d ${formatIp4(m.dst.addr)}/${m.dst.prefixLen}`;
  if (m.inIface !== undefined) out += ` -i ${m.inIface}`;
  if (m.outIface !== undefined) out += ` -o ${m.outIface}`;
  if (m.proto !== 0) out += ` -p ${PROTO_NAME[m.proto] ?? String(m.proto)}`;
  if ((m.proto === 6 || m.proto === 17) && (m.sport !== undefined || m.dport !== undefined)) {
    out += m.proto === 6 ? ' -m tcp' : ' -m udp';
    if (m.sport !== undefined) out += ` --sport ${m.sport}`;
    if (m.dport !== undefined) out += ` --dport ${m.dport}`;
  }
  const t = r.target;
  out += ` -j ${t.kind}`;
  if (t.kind === 'MARK') out += ` --set-xmark ${hex(t.mark)}/${hex(t.mask)}`;
  return `${out}\n`;
}

/** `iptables [-t T] -S [CHAIN]`: the policies, then every rule. */
export function formatRules(table: NfTable, chain: string | undefined): string {
  const chains = chainsOf(table, chain);
  let out = '';
  for (const c of chains) out += `-P ${c.name} ${c.policy}\n`;
  for (const c of chains) for (const r of c.rules) out += saveRule(c.name, r);
  return out;
}
