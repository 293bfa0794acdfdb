/**
 * ipvsadm 1.31's option grammar as data (ipvsadm.c): the popt option table (long name, short
 * letter, argument), the command and option names used in its messages, and the
 * commands_v_options table that says, per command, which options are compulsory ('+'), illegal
 * ('x'), mutually exclusive ('1') or optional (' ').
 */

/** How an option takes its value (POPT_ARG_NONE / POPT_ARG_STRING / POPT_ARGFLAG_OPTIONAL). */
export type ArgKind = 'none' | 'required' | 'optional';

/** What an option is, as ipvsadm's switch statements see it. */
export type OptTag =
  | 'A'
  | 'E'
  | 'D'
  | 'C'
  | 'L'
  | 'Z'
  | 'a'
  | 'e'
  | 'd'
  | 'set'
  | 'h'
  | 'v'
  | 'R'
  | 'S'
  | 'start-daemon'
  | 'stop-daemon'
  | 't'
  | 'u'
  | 'sctp-service'
  | 'f'
  | 's'
  | 'p'
  | 'M'
  | 'r'
  | 'm'
  | 'i'
  | 'g'
  | 'w'
  | 'x'
  | 'y'
  | 'n'
  | 'c'
  | 'mcast-interface'
  | 'syncid'
  | 'timeout'
  | 'daemon'
  | 'stats'
  | 'rate'
  | 'thresholds'
  | 'persistent-conn'
  | 'nosort'
  | 'sort'
  | 'X'
  | '6'
  | 'o'
  | 'pe'
  | 'b'
  | 'mcast-group'
  | 'mcast-port'
  | 'mcast-ttl'
  | 'sync-maxlen'
  | 'tun-info'
  | 'tun-type'
  | 'tun-port'
  | 'tun-nocsum'
  | 'tun-csum'
  | 'tun-remcsum'
  | 'P'
  | 'Q'
  | 'G'
  | 'z'
  | 'fullnat'
  | 'j';

/** One entry of the popt table. */
export interface OptDef {
  readonly long: string | null;
  readonly short: string | null;
  readonly arg: ArgKind;
  readonly tag: OptTag;
}

/** The popt option table, in ipvsadm's order (the first long name that matches wins: `--list` is `L`). */
export const OPTIONS: readonly OptDef[] = [
  { long: 'add-service', short: 'A', arg: 'none', tag: 'A' },
  { long: 'edit-service', short: 'E', arg: 'none', tag: 'E' },
  { long: 'delete-service', short: 'D', arg: 'none', tag: 'D' },
  { long: 'clear', short: 'C', arg: 'none', tag: 'C' },
  { long: 'list', short: 'L', arg: 'none', tag: 'L' },
  { long: 'list', short: 'l', arg: 'none', tag: 'L' },
  { long: 'zero', short: 'Z', arg: 'none', tag: 'Z' },
  { long: 'add-server', short: 'a', arg: 'none', tag: 'a' },
  { long: 'edit-server', short: 'e', arg: 'none', tag: 'e' },
  { long: 'delete-server', short: 'd', arg: 'none', tag: 'd' },
  { long: 'set', short: null, arg: 'none', tag: 'set' },
  { long: 'help', short: 'h', arg: 'none', tag: 'h' },
  { long: 'version', short: 'v', arg: 'none', tag: 'v' },
  { long: 'restore', short: 'R', arg: 'none', tag: 'R' },
  { long: 'save', short: 'S', arg: 'none', tag: 'S' },
  { long: 'start-daemon', short: null, arg: 'required', tag: 'start-daemon' },
  { long: 'stop-daemon', short: null, arg: 'required', tag: 'stop-daemon' },
  // alibaba/LVS (and dpvs) FULLNAT local addresses: -P/-Q/-G with -z.
  { long: 'add-laddr', short: 'P', arg: 'none', tag: 'P' },
  { long: 'del-laddr', short: 'Q', arg: 'none', tag: 'Q' },
  { long: 'get-laddr', short: 'G', arg: 'none', tag: 'G' },
  { long: 'tcp-service', short: 't', arg: 'required', tag: 't' },
  { long: 'udp-service', short: 'u', arg: 'required', tag: 'u' },
  { long: 'sctp-service', short: null, arg: 'required', tag: 'sctp-service' },
  { long: 'fwmark-service', short: 'f', arg: 'required', tag: 'f' },
  { long: 'scheduler', short: 's', arg: 'required', tag: 's' },
  { long: 'persistent', short: 'p', arg: 'optional', tag: 'p' },
  { long: 'netmask', short: 'M', arg: 'required', tag: 'M' },
  { long: 'real-server', short: 'r', arg: 'required', tag: 'r' },
  { long: 'masquerading', short: 'm', arg: 'none', tag: 'm' },
  { long: 'ipip', short: 'i', arg: 'none', tag: 'i' },
  { long: 'gatewaying', short: 'g', arg: 'none', tag: 'g' },
  // alibaba's `--fullnat -b`; the letter -b is 1.31's --sched-flags except on the server commands (FULLNAT_B).
  { long: 'fullnat', short: null, arg: 'none', tag: 'fullnat' },
  { long: 'weight', short: 'w', arg: 'required', tag: 'w' },
  { long: 'u-threshold', short: 'x', arg: 'required', tag: 'x' },
  { long: 'l-threshold', short: 'y', arg: 'required', tag: 'y' },
  { long: 'numeric', short: 'n', arg: 'none', tag: 'n' },
  { long: 'connection', short: 'c', arg: 'none', tag: 'c' },
  { long: 'mcast-interface', short: null, arg: 'required', tag: 'mcast-interface' },
  { long: 'syncid', short: null, arg: 'required', tag: 'syncid' },
  { long: 'timeout', short: null, arg: 'none', tag: 'timeout' },
  { long: 'daemon', short: null, arg: 'none', tag: 'daemon' },
  { long: 'stats', short: null, arg: 'none', tag: 'stats' },
  { long: 'rate', short: null, arg: 'none', tag: 'rate' },
  { long: 'thresholds', short: null, arg: 'none', tag: 'thresholds' },
  { long: 'persistent-conn', short: null, arg: 'none', tag: 'persistent-conn' },
  { long: 'nosort', short: null, arg: 'none', tag: 'nosort' },
  { long: 'sort', short: null, arg: 'none', tag: 'sort' },
  { long: 'exact', short: 'X', arg: 'none', tag: 'X' },
  { long: 'ipv6', short: '6', arg: 'none', tag: '6' },
  { long: 'ops', short: 'o', arg: 'none', tag: 'o' },
  { long: 'pe', short: null, arg: 'required', tag: 'pe' },
  { long: 'sched-flags', short: 'b', arg: 'required', tag: 'b' },
  { long: 'mcast-group', short: null, arg: 'required', tag: 'mcast-group' },
  { long: 'mcast-port', short: null, arg: 'required', tag: 'mcast-port' },
  { long: 'mcast-ttl', short: null, arg: 'required', tag: 'mcast-ttl' },
  { long: 'sync-maxlen', short: null, arg: 'required', tag: 'sync-maxlen' },
  { long: 'tun-info', short: null, arg: 'none', tag: 'tun-info' },
  { long: 'tun-type', short: null, arg: 'required', tag: 'tun-type' },
  { long: 'tun-port', short: null, arg: 'required', tag: 'tun-port' },
  { long: 'tun-nocsum', short: null, arg: 'none', tag: 'tun-nocsum' },
  { long: 'tun-csum', short: null, arg: 'none', tag: 'tun-csum' },
  { long: 'tun-remcsum', short: null, arg: 'none', tag: 'tun-remcsum' },
  { long: 'laddr', short: 'z', arg: 'required', tag: 'z' },
  // alibaba/LVS ipvsadm: `-j enable|disable` (--synproxy) on -A/-E.
  { long: 'synproxy', short: 'j', arg: 'required', tag: 'j' },
];

/** alibaba's `-b`: on -a/-e/-d the FULLNAT method, as in its ipvsadm; elsewhere 1.31's --sched-flags. */
export const FULLNAT_B: OptDef = { long: 'fullnat', short: 'b', arg: 'none', tag: 'fullnat' };

/** The short-option lookup for a command: the server commands read `-b` as alibaba's --fullnat. */
export function shortLookupFor(cmd: CommandName): (letter: string) => OptDef | undefined {
  if (cmd === 'add-server' || cmd === 'edit-server' || cmd === 'delete-server') {
    return (letter) => (letter === 'b' ? FULLNAT_B : findShort(letter));
  }
  return findShort;
}

/** The option with this long name (exact: popt does not take abbreviations). */
export function findLong(name: string): OptDef | undefined {
  return OPTIONS.find((o) => o.long === name);
}

/** The option with this short letter. */
export function findShort(letter: string): OptDef | undefined {
  return OPTIONS.find((o) => o.short === letter);
}

/** ipvsadm's commands (CMD_ADD …), named as in its messages (cmdnames[]). */
export const COMMAND_NAMES = [
  'add-service',
  'edit-service',
  'delete-service',
  'flush',
  'list',
  'add-server',
  'delete-server',
  'edit-server',
  'set',
  'start-daemon',
  'stop-daemon',
  'restore',
  'save',
  'zero',
  'add-laddr',
  'del-laddr',
  'get-laddr',
] as const;

/** A command's name as ipvsadm's messages print it. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command an option selects when it comes first (parse_options' first switch). */
export const COMMAND_OF: Readonly<Partial<Record<OptTag, CommandName>>> = {
  A: 'add-service',
  E: 'edit-service',
  D: 'delete-service',
  a: 'add-server',
  e: 'edit-server',
  d: 'delete-server',
  C: 'flush',
  L: 'list',
  Z: 'zero',
  set: 'set',
  R: 'restore',
  S: 'save',
  'start-daemon': 'start-daemon',
  'stop-daemon': 'stop-daemon',
  P: 'add-laddr',
  Q: 'del-laddr',
  G: 'get-laddr',
};

/** OPTC_*: the option columns, named as in ipvsadm's messages (optnames[]). */
export const OPT_NAMES = [
  'numeric',
  'connection',
  'service-address',
  'scheduler',
  'persistent',
  'netmask',
  'real-server',
  'forwarding-method',
  'weight',
  'u-threshold',
  'l-threshold',
  'mcast-interface',
  'timeout',
  'daemon',
  'stats',
  'rate',
  'thresholds',
  'persistent-conn',
  'nosort',
  'syncid',
  'exact',
  'ops',
  'pe',
  'sched-flags',
  'mcast-group',
  'mcast-port',
  'mcast-ttl',
  'sync-maxlen',
  'tun-info',
  'tun-type',
  'tun-port',
  'tun-nocsum',
  'tun-csum',
  'tun-remcsum',
  'local-address',
  'synproxy',
] as const;

/** An option column's name as ipvsadm's messages print it. */
export type OptName = (typeof OPT_NAMES)[number];

/** Column index of an option name. */
export function optIndex(name: OptName): number {
  return OPT_NAMES.indexOf(name);
}

/** The option column an option tag sets (set_option), if any. */
export const OPTION_COLUMN: Readonly<Partial<Record<OptTag, OptName>>> = {
  n: 'numeric',
  c: 'connection',
  t: 'service-address',
  u: 'service-address',
  'sctp-service': 'service-address',
  f: 'service-address',
  s: 'scheduler',
  p: 'persistent',
  M: 'netmask',
  r: 'real-server',
  m: 'forwarding-method',
  i: 'forwarding-method',
  g: 'forwarding-method',
  w: 'weight',
  x: 'u-threshold',
  y: 'l-threshold',
  'mcast-interface': 'mcast-interface',
  timeout: 'timeout',
  daemon: 'daemon',
  stats: 'stats',
  rate: 'rate',
  thresholds: 'thresholds',
  'persistent-conn': 'persistent-conn',
  nosort: 'nosort',
  syncid: 'syncid',
  X: 'exact',
  o: 'ops',
  pe: 'pe',
  b: 'sched-flags',
  'mcast-group': 'mcast-group',
  'mcast-port': 'mcast-port',
  'mcast-ttl': 'mcast-ttl',
  'sync-maxlen': 'sync-maxlen',
  'tun-info': 'tun-info',
  'tun-type': 'tun-type',
  'tun-port': 'tun-port',
  'tun-nocsum': 'tun-nocsum',
  'tun-csum': 'tun-csum',
  'tun-remcsum': 'tun-remcsum',
  z: 'local-address',
  fullnat: 'forwarding-method',
  j: 'synproxy',
};

/**
 * commands_v_options: one string per command, one character per option column
 * ('+' compulsory, 'x' illegal, '1' at most one of these, ' ' optional).
 */
export const COMMANDS_V_OPTIONS: Readonly<Record<CommandName, string>> = {
  //                -n -c svc -s -p -M -r fwd -w -x -y -mc tot dmn -st -rt thr -pc srt sid -ex ops -pe -b grp port ttl size tinf type tprt nocs csum remc laddr syn
  'add-service': 'xx+   ' + 'x'.repeat(15) + '   ' + 'x'.repeat(10) + 'x' + ' ',
  'edit-service': 'xx+   ' + 'x'.repeat(15) + '   ' + 'x'.repeat(10) + 'x' + ' ',
  'delete-service': 'xx+' + 'x'.repeat(31) + 'x' + 'x',
  flush: 'x'.repeat(34) + 'x' + 'x',
  list: ' 11' + 'x'.repeat(9) + '11' + ' '.repeat(7) + 'x'.repeat(7) + ' ' + 'x'.repeat(5) + 'x' + 'x',
  'add-server': 'xx+xxx+    ' + 'x'.repeat(18) + '     ' + 'x' + 'x',
  'delete-server': 'xx+xxx+' + 'x'.repeat(27) + 'x' + 'x',
  'edit-server': 'xx+xxx+    ' + 'x'.repeat(18) + '     ' + 'x' + 'x',
  set: 'x'.repeat(34) + 'x' + 'x',
  'start-daemon': 'x'.repeat(11) + ' ' + 'x'.repeat(7) + ' ' + 'x'.repeat(4) + '    ' + 'x'.repeat(6) + 'x' + 'x',
  'stop-daemon': 'x'.repeat(19) + ' ' + 'x'.repeat(14) + 'x' + 'x',
  restore: 'x'.repeat(34) + 'x' + 'x',
  save: ' ' + 'x'.repeat(33) + 'x' + 'x',
  zero: 'xx ' + 'x'.repeat(31) + 'x' + 'x',
  // alibaba: -P/-Q need the service and -z; -G takes an optional service.
  'add-laddr': 'xx+' + 'x'.repeat(31) + '+' + 'x',
  'del-laddr': 'xx+' + 'x'.repeat(31) + '+' + 'x',
  'get-laddr': 'xx ' + 'x'.repeat(31) + 'x' + 'x',
};

/** Tunnel types (--tun-type) and which tunnel options each takes (tunnel_types_v_options). */
export const TUN_TYPES = ['ipip', 'gue', 'gre'] as const;
/** A tunnel type name. */
export type TunType = (typeof TUN_TYPES)[number];
/** Columns: tun-port, tun-nocsum, tun-csum, tun-remcsum. */
export const TUN_OPTS: readonly OptName[] = ['tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'];
/** Per tunnel type, the rule for each of TUN_OPTS (as COMMANDS_V_OPTIONS). */
export const TUNNEL_TYPES_V_OPTIONS: Readonly<Record<TunType, string>> = {
  ipip: 'xxxx',
  gue: '+111',
  gre: 'x11x',
};
