/**
 * The typed form of every shell command a host's `setup`, an event's `run` or a checkpoint's `run`
 * may contain. One member per modelled tool (and per object for `ip`); each keeps its words and
 * their offsets so a later stage can blame a token. Offsets are 0-based character offsets into the
 * text handed to `parseScript` (for a YAML block, the block's value), never file positions: the
 * loader turns them into file:line:col.
 */
import type { Ip4, Mac } from '../../net/wire/addr.js';
import type { Msg } from '../../i18n/message.js';
import type { AddrScope } from '../../net/iface.js';
import type { RouteProto, RouteTableId, RouteType } from '../../net/route.js';

export type { AddrScope, RouteProto, RouteTableId, RouteType };

/** A problem in one command: where it starts (0-based offset), how long it is, and what is wrong. */
export interface CommandError {
  readonly offset: number;
  readonly length: number;
  readonly msg: Msg;
}

/** An interface name a command refers to, and where. */
export interface DevRef {
  readonly name: string;
  readonly offset: number;
}

/** What every command carries: its words (argv[0] is the command name) and where each starts. */
export interface CommandBase {
  readonly argv: readonly string[];
  readonly argCols: readonly number[];
  /** Interfaces named by the command (`dev eth0`, `lo:0`, `conf/tunl0/…`), for existence checks. */
  readonly devRefs: readonly DevRef[];
}

/** `ifconfig` / `ifconfig -a`: list interfaces. */
export interface IfconfigList extends CommandBase {
  readonly kind: 'ifconfig';
  readonly op: 'list';
  readonly all: boolean;
}

/** `ifconfig IFACE`: show one interface. */
export interface IfconfigShow extends CommandBase {
  readonly kind: 'ifconfig';
  readonly op: 'show';
  readonly ifname: string;
}

/**
 * `ifconfig IFACE[:N] [ADDR[/PLEN]] [netmask M] [broadcast B] [mtu N] [hw ether MAC] [arp|-arp] [up|down]`.
 * Without a netmask or /PLEN the kernel gives the address its classful prefix (SIOCSIFADDR uses
 * inet_abc_len): `classfulPrefix` is then true.
 */
export interface IfconfigSet extends CommandBase {
  readonly kind: 'ifconfig';
  readonly op: 'set';
  /** The name as typed, which is also the address label: `lo:0`. */
  readonly ifname: string;
  /** The device: `lo` for `lo:0`. */
  readonly dev: string;
  readonly addr?: Ip4;
  readonly prefixLen?: number;
  readonly classfulPrefix?: boolean;
  readonly broadcast?: Ip4;
  readonly mtu?: number;
  readonly hwAddr?: Mac;
  /** `arp` (true) or `-arp` (false): IFF_NOARP cleared or set. */
  readonly arp?: boolean;
  /** `up` (true) or `down` (false). */
  readonly up?: boolean;
}

export type IfconfigCommand = IfconfigList | IfconfigShow | IfconfigSet;

/** `ip addr add|del ADDR[/PLEN] [brd +|-|B] dev IFACE [label L] [scope S]`. */
export interface IpAddrModify extends CommandBase {
  readonly kind: 'ip.addr';
  readonly op: 'add' | 'del';
  readonly addr: Ip4;
  /**
   * For `add`: the given length, else 32. For `del`: undefined when not given, which iproute2
   * turns into a wildcard deletion (with a warning).
   */
  readonly prefixLen: number | undefined;
  readonly dev: string;
  /** `brd ADDR`, or `+` (host bits set) / `-` (host bits clear). */
  readonly broadcast?: Ip4 | '+' | '-';
  readonly label?: string;
  readonly scope?: AddrScope;
}

/** `ip addr [show [dev] IFACE]`. */
export interface IpAddrShow extends CommandBase {
  readonly kind: 'ip.addr';
  readonly op: 'show';
  readonly dev?: string;
}

/** `ip addr flush dev IFACE`. */
export interface IpAddrFlush extends CommandBase {
  readonly kind: 'ip.addr';
  readonly op: 'flush';
  readonly dev: string;
}

export type IpAddrCommand = IpAddrModify | IpAddrShow | IpAddrFlush;

/** `ip link set [dev] IFACE [up|down] [mtu N] [arp on|off] [address MAC]`. */
export interface IpLinkSet extends CommandBase {
  readonly kind: 'ip.link';
  readonly op: 'set';
  readonly dev: string;
  readonly up?: boolean;
  readonly mtu?: number;
  readonly arp?: boolean;
  readonly address?: Mac;
}

/** `ip link [show [dev] IFACE]`. */
export interface IpLinkShow extends CommandBase {
  readonly kind: 'ip.link';
  readonly op: 'show';
  readonly dev?: string;
}

export type IpLinkCommand = IpLinkSet | IpLinkShow;

/** A route's scope (the same values as an address's). */
export type RouteScope = AddrScope;

/**
 * The route of `ip route add|replace|change …` (and of a host's `routes:` entries), with
 * iproute2's defaults filled in: table `local` for local and broadcast routes, else `main`;
 * scope `host` for local, `link` for broadcast and for a unicast route without `via`, else
 * `global`; proto `boot`; metric 0.
 */
export interface RouteSpec {
  readonly type: RouteType;
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly via?: Ip4;
  readonly dev?: string;
  readonly src?: Ip4;
  readonly metric: number;
  readonly scope: RouteScope;
  readonly proto: RouteProto;
  readonly table: RouteTableId;
  readonly onlink: boolean;
}

/**
 * What `ip route del …` selects: the prefix and table, plus whatever else was given. A field left
 * out matches any route (as in fib_table_delete: no type, no scope, no proto, metric 0 match all).
 */
export interface RouteSelector {
  readonly type?: RouteType;
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly via?: Ip4;
  readonly dev?: string;
  readonly src?: Ip4;
  readonly metric?: number;
  readonly scope?: RouteScope;
  readonly proto?: RouteProto;
  readonly table: RouteTableId;
}

/** `ip route add|replace|change ROUTE`. */
export interface IpRouteModify extends CommandBase {
  readonly kind: 'ip.route';
  readonly op: 'add' | 'replace' | 'change';
  readonly route: RouteSpec;
}

/** `ip route del ROUTE`. */
export interface IpRouteDelete extends CommandBase {
  readonly kind: 'ip.route';
  readonly op: 'del';
  readonly route: RouteSelector;
}

/** `ip route [show|list] [table T] [dev IFACE]`. */
export interface IpRouteShow extends CommandBase {
  readonly kind: 'ip.route';
  readonly op: 'show';
  /** Table to list: `main` unless given; `all` lists both. */
  readonly table: RouteTableId | 'all';
  readonly dev?: string;
}

/** `ip route get ADDR [from S] [iif IFACE] [oif IFACE]`. */
export interface IpRouteGet extends CommandBase {
  readonly kind: 'ip.route';
  readonly op: 'get';
  readonly dst: Ip4;
  readonly from?: Ip4;
  readonly iif?: string;
  readonly oif?: string;
}

export type IpRouteCommand = IpRouteModify | IpRouteDelete | IpRouteShow | IpRouteGet;

export type NudState = 'permanent' | 'noarp' | 'reachable' | 'stale' | 'none' | 'incomplete' | 'delay' | 'probe' | 'failed';

/** `ip neigh add|replace|change ADDR lladdr MAC dev IFACE [nud STATE]`, `ip neigh del ADDR dev IFACE`. */
export interface IpNeighModify extends CommandBase {
  readonly kind: 'ip.neigh';
  readonly op: 'add' | 'replace' | 'change' | 'del';
  readonly addr: Ip4;
  readonly lladdr?: Mac;
  readonly dev: string;
  /** `permanent` unless given (iproute2's default for add/replace/change); undefined for del. */
  readonly nud?: NudState;
}

/** `ip neigh [show] [dev IFACE]`. */
export interface IpNeighShow extends CommandBase {
  readonly kind: 'ip.neigh';
  readonly op: 'show';
  readonly dev?: string;
}

/** `ip neigh flush dev IFACE` or `ip neigh flush all`. */
export interface IpNeighFlush extends CommandBase {
  readonly kind: 'ip.neigh';
  readonly op: 'flush';
  /** undefined for `all`. */
  readonly dev?: string;
}

export type IpNeighCommand = IpNeighModify | IpNeighShow | IpNeighFlush;

/** `route` / `route -n`: print the main table the net-tools way. */
export interface RouteList extends CommandBase {
  readonly kind: 'route';
  readonly op: 'list';
  readonly numeric: boolean;
}

/**
 * `route add|del -host ADDR …`, `route add|del -net NET netmask M …`, `route add|del default gw G …`
 * (net-tools, through the SIOCADDRT/SIOCDELRT ioctls).
 */
export interface RouteModify extends CommandBase {
  readonly kind: 'route';
  readonly op: 'add' | 'del';
  readonly target: 'host' | 'net' | 'default';
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly gw?: Ip4;
  readonly dev?: string;
  readonly metric?: number;
  /** `reject`: an unreachable route. */
  readonly reject: boolean;
}

export type RouteCommand = RouteList | RouteModify;

/** One `key=value` of a sysctl write, key in dotted form. */
export interface SysctlAssignment {
  readonly key: string;
  readonly value: number;
  /** Offset of the key in the source text. */
  readonly offset: number;
}

/** `sysctl [-w] [-q] key=value …`. */
export interface SysctlWrite extends CommandBase {
  readonly kind: 'sysctl';
  readonly op: 'write';
  readonly assignments: readonly SysctlAssignment[];
  readonly quiet: boolean;
}

/** `sysctl [-n] key …` */
export interface SysctlRead extends CommandBase {
  readonly kind: 'sysctl';
  readonly op: 'read';
  readonly keys: readonly string[];
  /** `-n`: print values only. */
  readonly valuesOnly: boolean;
}

/** `sysctl -a`: every modelled key. */
export interface SysctlAll extends CommandBase {
  readonly kind: 'sysctl';
  readonly op: 'all';
  readonly valuesOnly: boolean;
}

export type SysctlCommand = SysctlWrite | SysctlRead | SysctlAll;

/** `echo N > /proc/sys/…` (or `>>`): a sysctl write through procfs. */
export interface ProcWrite extends CommandBase {
  readonly kind: 'proc.write';
  /** The file as written, e.g. `/proc/sys/net/ipv4/conf/all/arp_ignore`. */
  readonly path: string;
  /** Where the file name starts (the redirection target is not one of argv). */
  readonly pathOffset: number;
  /** The same file as a sysctl key: `net.ipv4.conf.all.arp_ignore`. */
  readonly key: string;
  readonly value: number;
  readonly append: boolean;
}

/** `echo TEXT…` without a redirection: prints its arguments. */
export interface EchoCommand extends CommandBase {
  readonly kind: 'echo';
  readonly text: string;
  /** `-n`: no trailing newline. */
  readonly newline: boolean;
}

/** The IPVS files under /proc/net that `cat` can read. */
export type ProcNetFile = 'ip_vs' | 'ip_vs_conn' | 'ip_vs_stats';

/** `cat /proc/sys/…` or `cat /proc/net/ip_vs…`. */
export interface CatCommand extends CommandBase {
  readonly kind: 'cat';
  readonly path: string;
  readonly source: { readonly kind: 'sysctl'; readonly key: string } | { readonly kind: 'procNet'; readonly file: ProcNetFile };
}

/** A here-document (`<<EOF` … `EOF`): a command's standard input, written in the script. */
export interface HereDoc {
  /** Offset of the `<<` operator (the command's text ends before it). */
  readonly opOffset: number;
  /** The body: the lines before the delimiter line, each ending in "\n". */
  readonly text: string;
  /** Offset of the body's first character. */
  readonly offset: number;
}

/** `ipvsadm …`: tokenized only; the ipvsadm option parser (src/ipvs) reads argv[1..]. */
export interface IpvsadmCommand extends CommandBase {
  readonly kind: 'ipvsadm';
  /** Standard input from a here-document (what `ipvsadm -R` reads). */
  readonly stdin?: HereDoc;
}

export type IptablesTable = 'filter' | 'nat' | 'mangle' | 'raw';

/** The matches of an iptables rule that the lab models. */
export interface IptablesMatch {
  readonly proto?: 'tcp' | 'udp' | 'icmp' | 'all';
  readonly src?: { readonly addr: Ip4; readonly prefixLen: number };
  readonly dst?: { readonly addr: Ip4; readonly prefixLen: number };
  readonly sport?: number;
  readonly dport?: number;
  readonly inIface?: string;
  readonly outIface?: string;
}

/** The targets the lab models; MARK carries its value and mask (`--set-mark V[/M]`, `--set-xmark`). */
export type IptablesTarget =
  | { readonly name: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { readonly name: 'MARK'; readonly value: number; readonly mask: number; readonly xor: boolean };

/** `iptables [-t T] -A|-I|-D CHAIN [N] MATCHES -j TARGET`. */
export interface IptablesRule extends CommandBase {
  readonly kind: 'iptables';
  readonly op: 'append' | 'insert' | 'delete';
  readonly table: IptablesTable;
  readonly chain: string;
  /** For -I: the 1-based position (default 1). */
  readonly position?: number;
  readonly match: IptablesMatch;
  readonly target: IptablesTarget;
}

/** `iptables [-t T] -F [CHAIN]`, `-L [CHAIN] [-n] [-v]`, `-S [CHAIN]`. */
export interface IptablesOther extends CommandBase {
  readonly kind: 'iptables';
  readonly op: 'flush' | 'list' | 'list-rules';
  readonly table: IptablesTable;
  readonly chain?: string;
  readonly numeric: boolean;
  readonly verbose: boolean;
}

/** `iptables [-t T] -P CHAIN ACCEPT|DROP`. */
export interface IptablesPolicy extends CommandBase {
  readonly kind: 'iptables';
  readonly op: 'policy';
  readonly table: IptablesTable;
  readonly chain: string;
  readonly policy: 'ACCEPT' | 'DROP';
}

export type IptablesCommand = IptablesRule | IptablesOther | IptablesPolicy;

/** `modprobe [-r] MODULE`: ipip (creates tunl0), ip_vs, ip_vs_<scheduler>. */
/** What `systemctl`/`service` is asked to do. */
export type ServiceOp = 'start' | 'stop' | 'restart' | 'is-active';

/** `systemctl OP keepalived` / `service keepalived OP`. */
export interface ServiceCommand extends CommandBase {
  readonly kind: 'service';
  readonly op: ServiceOp;
  readonly unit: 'keepalived';
}

export interface ModprobeCommand extends CommandBase {
  readonly kind: 'modprobe';
  readonly remove: boolean;
  readonly module: string;
}

/** `arp [-n] [-a] [-i IFACE]`: the neighbour table, net-tools style. */
export interface ArpList extends CommandBase {
  readonly kind: 'arp';
  readonly op: 'list';
  readonly numeric: boolean;
  /** `-a`: BSD style output. */
  readonly bsd: boolean;
  readonly dev?: string;
}

/** `arp -s ADDR MAC [-i IFACE]` (a permanent entry), `arp -d ADDR [-i IFACE]`. */
export interface ArpModify extends CommandBase {
  readonly kind: 'arp';
  readonly op: 'set' | 'del';
  readonly addr: Ip4;
  readonly hwAddr?: Mac;
  readonly dev?: string;
}

export type ArpCommand = ArpList | ArpModify;

/**
 * iputils `arping [-AbDfqU] [-c COUNT] [-w DEADLINE] [-i INTERVAL] [-s SOURCE] [-I IFACE] DEST`.
 * The flags keep iputils' own meaning: `-A` sets both `advert` and `unsolicited`.
 */
export interface ArpingCommand extends CommandBase {
  readonly kind: 'arping';
  readonly dst: Ip4;
  /** `-I`; undefined: the device of the route to `dst`. */
  readonly dev?: string;
  /** `-s`. */
  readonly source?: Ip4;
  /** `-c`: probes to send (undefined: no limit). */
  readonly count?: number;
  /** `-w`, seconds; 0 (the default) is no deadline. */
  readonly deadline: number;
  /** `-i`, seconds (default 1). */
  readonly interval: number;
  /** `-U` (and `-A`): gratuitous ARP, no replies expected. */
  readonly unsolicited: boolean;
  /** `-A`: ARP replies instead of requests. */
  readonly advert: boolean;
  /** `-D`: duplicate address detection (sender IP 0.0.0.0 unless -s). */
  readonly dad: boolean;
  /** `-b`: keep broadcasting after a reply. */
  readonly broadcastOnly: boolean;
  /** `-f` (and `-D`): stop at the first reply. */
  readonly quitOnReply: boolean;
  /** `-q`. */
  readonly quiet: boolean;
}

/** Every command the lab models. */
export type HostCommand =
  | IfconfigCommand
  | IpAddrCommand
  | IpLinkCommand
  | IpRouteCommand
  | IpNeighCommand
  | RouteCommand
  | SysctlCommand
  | ProcWrite
  | EchoCommand
  | CatCommand
  | IpvsadmCommand
  | IptablesCommand
  | ModprobeCommand
  | ArpCommand
  | ArpingCommand
  | ServiceCommand;

/** How a command is joined to the one before it: a new line, `;`, or `&&` (run only if it succeeded). */
export type CommandSeparator = 'newline' | ';' | '&&';

/** One parsed command of a script, with where it came from. */
export interface CommandEntry {
  readonly command: HostCommand;
  /** The command's source text (from its first word to the end of its last word). */
  readonly text: string;
  readonly offset: number;
  readonly end: number;
  /** null for the first command of a script. */
  readonly sep: CommandSeparator | null;
}

/** A script (a `setup` block, a `run` line, an `ipvsadm` block) and its commands. */
export interface CommandScript {
  readonly text: string;
  readonly commands: readonly CommandEntry[];
}
