/**
 * TraceEvent: everything the simulation does, as immutable data, in order. The trace is the single
 * source of truth: the text and JSONL renderers, the pcap writer, the checkpoint checker and the
 * UI all read it, and state at step i (ARP caches, the IPVS table, connections) is a fold over it.
 *
 * Time `t` is virtual, in nanoseconds since the start of the run. Packets are referred to by their
 * lineage: `pkt` is the packet id (kept across rewrites: NAT, MAC rewrite, encapsulation), `flow`
 * is shared by a request and its replies.
 */
import type { EthernetFrame, Ipv4Packet } from '../net/wire/packet.js';
import type { Ip4, Mac } from '../net/wire/addr.js';
import type { Msg } from '../i18n/message.js';

export type HookName = 'PREROUTING' | 'LOCAL_IN' | 'FORWARD' | 'LOCAL_OUT' | 'POSTROUTING';
export type Verdict = 'ACCEPT' | 'DROP' | 'STOLEN';

/** Linux neighbour states (include/uapi/linux/neighbour.h). */
export type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'NOARP' | 'PERMANENT';

/** IPVS forwarding method, by the kernel's names (`IP_VS_CONN_F_*`). */
export type FwdMethod = 'masq' | 'droute' | 'tunnel' | 'fullnat' | 'localnode' | 'bypass';

interface Base {
  /** Virtual time in ns. */
  readonly t: number;
  /** The host the event happened on (for tx on a segment: the sender). */
  readonly host: string;
  /** The explanation of this event, rendered by src/i18n. */
  readonly msg: Msg;
}

/** A frame put on a segment by `host`'s interface `iface`. Exactly the frames of the per-segment pcaps. */
export interface TxEvent extends Base {
  readonly kind: 'tx';
  readonly iface: string;
  readonly segment: string;
  readonly pkt: number;
  readonly flow: number;
  readonly frame: EthernetFrame;
}

/** A frame accepted by `host`'s interface (addressed to it, broadcast, or a joined multicast group). */
export interface RxEvent extends Base {
  readonly kind: 'rx';
  readonly iface: string;
  readonly segment: string;
  readonly pkt: number;
  readonly flow: number;
  readonly frame: EthernetFrame;
}

/** A packet traversing a netfilter hook; `by` names the module whose verdict ended the traversal. */
export interface HookEvent extends Base {
  readonly kind: 'hook';
  readonly hook: HookName;
  readonly verdict: Verdict;
  readonly by?: string;
  readonly pkt: number;
  readonly flow: number;
  readonly packet: Ipv4Packet;
}

/** A routing decision (input or output). */
export interface RouteEvent extends Base {
  readonly kind: 'route';
  readonly pkt: number;
  readonly flow: number;
  readonly dst: Ip4;
  /** 'local' delivers to this host; 'unicast' sends out `dev` to `nextHop`; 'unreachable' has no route. */
  readonly type: 'local' | 'unicast' | 'broadcast' | 'multicast' | 'unreachable';
  readonly dev?: string;
  readonly nextHop?: Ip4;
  readonly src?: Ip4;
}

/** A neighbour (ARP cache) entry created or changed. */
export interface NeighEvent extends Base {
  readonly kind: 'neigh';
  readonly iface: string;
  readonly ip: Ip4;
  /** Absent while INCOMPLETE or FAILED, and when the entry is removed. */
  readonly mac?: Mac;
  /** 'NONE' when the entry was removed (garbage-collected or flushed). */
  readonly state: NeighState | 'NONE';
}

/** Address scopes as `ip addr` prints them. */
export type AddrScopeName = 'global' | 'link' | 'host';

/** The link type of a device, as `ip link` prints it (`link/ether`, `link/loopback`, `link/ipip`). */
export type LinkType = 'ether' | 'loopback' | 'ipip';

/**
 * A device appeared or changed (RTM_NEWLINK, what `ip monitor link` prints): `op` says what
 * changed — 'new' (`modprobe ipip` creates tunl0), 'up'/'down' (`ip link set … up|down`,
 * `ifconfig … down`), 'mtu', 'address' (the MAC) — and the other fields are the device's state
 * after the change, as RTM_NEWLINK carries it whole. The routes through a device that goes down
 * leave with `fib` events.
 */
export interface LinkEvent extends Base {
  readonly kind: 'link';
  readonly op: 'new' | 'up' | 'down' | 'mtu' | 'address';
  readonly iface: string;
  readonly up: boolean;
  readonly link: LinkType;
  readonly mtu: number;
  /** Ethernet devices only. */
  readonly mac?: Mac;
}

/** One IPv4 address of a device, as `ip -4 addr` lists it. */
export interface AddrEntry {
  readonly addr: Ip4;
  readonly prefixLen: number;
  readonly scope: AddrScopeName;
  /** The label (`eth0`, `lo:0`). */
  readonly label: string;
  readonly secondary: boolean;
  readonly broadcast: Ip4;
}

/** An address added to or removed from a device (RTM_NEWADDR / RTM_DELADDR). */
export interface AddrEvent extends Base {
  readonly kind: 'addr';
  readonly op: 'add' | 'del';
  readonly iface: string;
  readonly entry: AddrEntry;
}

/** A route as `ip route show [table local]` prints it (a fib_alias with its fib_info). */
export interface RouteEntry {
  readonly table: 'main' | 'local';
  readonly type: 'unicast' | 'local' | 'broadcast' | 'unreachable' | 'blackhole' | 'prohibit';
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly via?: Ip4;
  /** '' for unreachable, blackhole and prohibit routes. */
  readonly dev: string;
  readonly src?: Ip4;
  readonly metric: number;
  readonly scope: AddrScopeName;
  readonly proto: 'kernel' | 'boot' | 'static' | 'dhcp' | 'keepalived';
  readonly onlink: boolean;
}

/**
 * A route inserted into or deleted from a FIB table (RTM_NEWROUTE / RTM_DELROUTE, what
 * `ip monitor route` prints): by `ip route`, by the kernel following an address (fib_add_ifaddr),
 * or flushed with a device going down.
 */
export interface FibEvent extends Base {
  readonly kind: 'fib';
  readonly op: 'add' | 'del';
  readonly route: RouteEntry;
}

/** A packet dropped, with the reason in `msg`. */
export interface DropEvent extends Base {
  readonly kind: 'drop';
  readonly pkt: number;
  readonly flow: number;
  readonly packet: Ipv4Packet | EthernetFrame;
}

/** The IPVS view of a service (for folding the table). */
export interface IpvsServiceSnapshot {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly fwmark: number;
  readonly scheduler: string;
  readonly flags: readonly string[];
  /** Persistence timeout in seconds, 0 when not persistent. */
  readonly timeout: number;
  readonly netmask: Ip4;
}

export interface IpvsDestSnapshot {
  readonly daddr: Ip4;
  readonly dport: number;
  readonly fwd: FwdMethod;
  readonly weight: number;
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly uThreshold: number;
  readonly lThreshold: number;
}

/** A service added, edited or deleted on a director. */
export interface IpvsServiceEvent extends Base {
  readonly kind: 'ipvs.service';
  readonly op: 'add' | 'edit' | 'del';
  readonly service: IpvsServiceSnapshot;
}

/** A real server added, edited or deleted, or its counters changed. */
export interface IpvsDestEvent extends Base {
  readonly kind: 'ipvs.dest';
  readonly op: 'add' | 'edit' | 'del' | 'counters';
  readonly service: IpvsServiceSnapshot;
  readonly dest: IpvsDestSnapshot;
}

/** The scheduler's choice (or its failure: no dest). */
export interface IpvsSchedEvent extends Base {
  readonly kind: 'ipvs.sched';
  readonly pkt: number;
  readonly flow: number;
  readonly scheduler: string;
  readonly service: IpvsServiceSnapshot;
  readonly dest?: IpvsDestSnapshot;
}

export interface IpvsConnSnapshot {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP' | 'IP';
  readonly caddr: Ip4;
  readonly cport: number;
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly daddr: Ip4;
  readonly dport: number;
  readonly fwd: FwdMethod;
  /** The kernel state name: NONE, ESTABLISHED, SYN_RECV, FIN_WAIT, …, UDP. */
  readonly state: string;
  /** Seconds: the timeout of the current state. */
  readonly timeout: number;
  /** Virtual ns at which the entry expires unless refreshed. */
  readonly expires: number;
  readonly template: boolean;
  /** FULLNAT only: the local address and port the director put in the source towards the real server. */
  readonly laddr?: Ip4;
  readonly lport?: number;
}

/** A connection entry created, moved to another state, refreshed or expired. */
export interface IpvsConnEvent extends Base {
  readonly kind: 'ipvs.conn';
  readonly op: 'new' | 'state' | 'expire';
  readonly conn: IpvsConnSnapshot;
  readonly pkt?: number;
  readonly flow?: number;
}

/** A packet handed to a forwarding method, after its rewrite. */
export interface IpvsXmitEvent extends Base {
  readonly kind: 'ipvs.xmit';
  readonly fwd: FwdMethod;
  readonly pkt: number;
  readonly flow: number;
  readonly before: Ipv4Packet;
  readonly after: Ipv4Packet;
}

/** A TCP endpoint's state change (socket view, not IPVS). */
export interface SockEvent extends Base {
  readonly kind: 'sock';
  readonly laddr: Ip4;
  readonly lport: number;
  readonly raddr: Ip4;
  readonly rport: number;
  readonly state: string;
}

/** Something an application did (request sent, response complete, error). */
export interface AppEvent extends Base {
  readonly kind: 'app';
  readonly app: string;
}

/** A step of SYNPROXY (the alibaba kernels' ip_vs_synproxy.c): cookie SYN-ACK, ACK check, the SYN to the real server, its SYN-ACK. */
export interface IpvsSynproxyEvent extends Base {
  readonly kind: 'ipvs.synproxy';
  /** The packet the step is about, when there is one. */
  readonly pkt?: number;
  readonly flow?: number;
}

/** A host crashed (stopped dead: no frames, timers inert, volatile state lost) or booted again. */
export interface HostEvent extends Base {
  readonly kind: 'host';
  readonly op: 'crash' | 'restart';
}

/** keepalived's VRRP states: RFC 5798's three plus keepalived's FAULT and STOP (daemon stopped). */
export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'STOP';

/**
 * A VRRP instance changed state (keepalived's vrrp_instance): why is in `msg` (down timer fired,
 * higher-priority advert, priority-0 advert, interface down …). `prio` is the effective priority
 * after the change; `pkt`/`flow` name the advert that caused it, when one did.
 */
export interface VrrpEvent extends Base {
  readonly kind: 'vrrp';
  readonly instance: string;
  readonly vrid: number;
  readonly iface: string;
  readonly from: VrrpState;
  readonly state: VrrpState;
  readonly prio: number;
  readonly pkt?: number;
  readonly flow?: number;
}

/** What a keepalived health-checker (or its LVS side) did. */
export type KeepalivedOp =
  /** The daemon started or stopped on the host. */
  | 'start'
  | 'stop'
  /** A warning keepalived logs about its configuration when it starts (`conf` says where). */
  | 'config-warning'
  /** One check attempt succeeded or failed (a retry may follow). */
  | 'check-ok'
  | 'check-fail'
  /** A real server changed state (its checkers all up, or one of them down). */
  | 'rs-up'
  | 'rs-down'
  /** A virtual server's quorum was gained or lost. */
  | 'quorum-up'
  | 'quorum-down';

/**
 * keepalived's checker side: check attempts and their verdicts, real servers going up and down,
 * quorum. The IPVS changes they cause are the `ipvs.dest` events that follow. `vs` is the virtual
 * server as `ipvsadm -L -n` names it (`TCP 192.168.1.100:80`, `FWM 1`); `rs`, the real server.
 */
export interface KeepalivedEvent extends Base {
  readonly kind: 'keepalived';
  readonly op: KeepalivedOp;
  readonly vs?: string;
  readonly rs?: { readonly daddr: Ip4; readonly dport: number };
  /** `TCP_CHECK`, `HTTP_GET`, `SSL_GET`, `MISC_CHECK`, `PING_CHECK`. */
  readonly checker?: string;
  /** For a config-warning: `file:line:col` of what it is about. */
  readonly conf?: string;
}

/** A command run on a host (setup, timed event, or a checkpoint's `run`), with what it printed. */
export interface CmdEvent extends Base {
  readonly kind: 'cmd';
  readonly line: string;
  readonly output: string;
  readonly exitCode: number;
  /** For a checkpoint's command expectation: which one (the checker reads its output from here). */
  readonly expect?: { readonly checkpoint: number; readonly index: number };
}

/**
 * A checkpoint reached: its index in the scenario, its title and the trainer's narration (`say`,
 * placeholders resolved). Both are the trainer's own text, carried as written, not built here.
 */
export interface CheckpointEvent extends Base {
  readonly kind: 'checkpoint';
  readonly index: number;
  readonly title: string;
  readonly say?: string;
}

export type TraceEvent =
  | TxEvent
  | RxEvent
  | HookEvent
  | RouteEvent
  | NeighEvent
  | LinkEvent
  | AddrEvent
  | FibEvent
  | DropEvent
  | IpvsServiceEvent
  | IpvsDestEvent
  | IpvsSchedEvent
  | IpvsConnEvent
  | IpvsXmitEvent
  | SockEvent
  | AppEvent
  | IpvsSynproxyEvent
  | VrrpEvent
  | KeepalivedEvent
  | HostEvent
  | CmdEvent
  | CheckpointEvent;

export type TraceEventKind = TraceEvent['kind'];

/** Where events go while the simulation runs (a kept trace, a streaming writer, a counter …). */
export interface TraceSink {
  emit(event: TraceEvent): void;
}
