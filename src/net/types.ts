/**
 * The contract between the network core and the modules that plug into a host: IPVS registers
 * netfilter hooks and transmits through the host's output path, exactly as the kernel module does;
 * the TCP/UDP endpoints and apps receive local deliveries and send through `ipQueueXmit`.
 * Kernel names are kept (skb, nf hook ops, dst_output) so a student can map them to the kernel.
 */
import type { Ip4, Mac } from './wire/addr.js';
import type { Ipv4Packet } from './wire/packet.js';
import type { HookName, TraceEvent, Verdict } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';

/**
 * A packet in flight inside one host, like the kernel's sk_buff: a mutable holder of an immutable
 * packet value plus metadata. A rewrite assigns a new value to `ip`; the lineage (`pkt`, `flow`)
 * stays.
 */
export interface Skb {
  ip: Ipv4Packet;
  readonly pkt: number;
  readonly flow: number;
  /** skb->mark (netfilter MARK target, fwmark services). */
  mark: number;
  /** The interface it arrived on, or null for locally generated packets. */
  iif: string | null;
  /** The source MAC of the frame it arrived in (the skb's mac header), or null for local packets. */
  macSrc: Mac | null;
  /** skb->ipvs_property: set by IPVS on packets it transmitted, so its hooks let them pass. */
  ipvsProperty: boolean;
}

/** A netfilter hook registration (struct nf_hook_ops). Lower priority runs first. */
export interface NfHookOps {
  readonly hook: HookName;
  readonly priority: number;
  /** The module name shown in the trace (`ipvs`, `iptables-mangle` …). */
  readonly owner: string;
  /** Returns the verdict; ACCEPT passes to the next registration. STOLEN means the module took the skb. */
  readonly fn: (skb: Skb, state: NfHookState) => Verdict;
}

export interface NfHookState {
  readonly hook: HookName;
  /** Input interface name (PREROUTING, LOCAL_IN, FORWARD). */
  readonly in: string | null;
  /** Output interface name (FORWARD, LOCAL_OUT, POSTROUTING). */
  readonly out: string | null;
}

/** The result of a route lookup (fib_lookup + source selection). */
export interface RouteResult {
  readonly type: 'local' | 'unicast' | 'broadcast' | 'multicast' | 'unreachable';
  /** Output device (for 'local': the loopback device). */
  readonly dev: string;
  /** The gateway, or the destination itself when on-link. */
  readonly nextHop: Ip4;
  /** The preferred source address (`src` of the route, else inet_select_addr). */
  readonly src: Ip4;
  readonly mtu: number;
}

/** Handler for a locally delivered L4 protocol (tcp_v4_rcv, udp_rcv, icmp_rcv …). */
export type ProtocolHandler = (skb: Skb, host: HostApi) => void;

/** What one host offers to IPVS, TCP/UDP endpoints and apps. Implemented by src/net/host.ts. */
export interface HostApi {
  readonly name: string;
  readonly sim: SimApi;
  /** nf_register_net_hook / nf_unregister_net_hook. */
  nfRegister(ops: NfHookOps): void;
  nfUnregister(ops: NfHookOps): void;
  /** dev_queue_xmit: puts the packet in an Ethernet frame to `mac` out of `dev`, bypassing routing and hooks. */
  xmit(dev: string, skb: Skb, mac: Mac): void;
  /** Output route lookup to `dst` (ip_route_output_key), with source selection. */
  routeOutput(dst: Ip4, opts?: { readonly src?: Ip4; readonly oif?: string }): RouteResult;
  /** Whether `addr` is configured on any interface of this host (RTN_LOCAL). */
  isLocalAddress(addr: Ip4): boolean;
  /**
   * Sends a locally built packet (ip_queue_xmit): routes it if `route` is not given, runs LOCAL_OUT,
   * then dst_output (POSTROUTING and neighbour output). The packet's src must already be set.
   */
  ipQueueXmit(skb: Skb, route?: RouteResult): void;
  /**
   * Continues a packet after LOCAL_OUT for an already routed skb (dst_output: POSTROUTING, then
   * the neighbour layer resolves `route.nextHop` on `route.dev`). IPVS DR/TUN/NAT end here.
   */
  dstOutput(skb: Skb, route: RouteResult): void;
  /** Runs `hook` over the registered ops; `okfn` continues the packet when the verdict is ACCEPT. */
  nfHook(hook: HookName, skb: Skb, state: NfHookState, okfn: (skb: Skb) => void): void;
  /** Sends an ICMP error about `skb` (icmp_send), with rate limits ignored. */
  icmpSend(skb: Skb, type: number, code: number, info?: number): void;
  /** Registers the handler for an IP protocol delivered locally (inet_add_protocol). */
  addProtocol(protocol: number, handler: ProtocolHandler): void;
  /** The effective value of an IPv4 sysctl (`net.ipv4.conf.eth0.arp_ignore`, `net.ipv4.vs.conn_reuse_mode` …). */
  sysctl(key: string): number;
  /** The MAC of an interface (for display and checks). */
  ifaceMac(iface: string): Mac | undefined;
  /** Emits a trace event stamped with this host and the current time. */
  emit(event: TraceEventInput): void;
  /** Drops a packet with a reason (emits a `drop` event). */
  drop(skb: Skb, reason: Msg): void;
  /** A new skb for a locally generated packet (fresh packet id; flow given or fresh). */
  newSkb(ip: Ipv4Packet, flow?: number): Skb;
  /**
   * __ip_select_ident: the next IP id of this host's generator, for a packet built without a socket
   * that does not carry DF (ICMP errors, an IPVS tunnel's outer header).
   */
  nextIpId(): number;
}

/** A trace event before the host stamps `t` and `host` on it. */
export type TraceEventInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't' | 'host'> : never) : never;

/** The virtual clock, the event queue and the one seeded generator. */
export interface SimApi {
  /** Virtual time in ns. */
  readonly now: number;
  /** Runs `fn` at absolute virtual time `time` (ns); same-time events run in insertion order. */
  at(time: number, fn: () => void): Timer;
  /** Runs `fn` after `delay` ns. */
  after(delay: number, fn: () => void): Timer;
  /** The seeded generator: an integer in [min, max] inclusive. */
  randomInt(min: number, max: number): number;
  nextPacketId(): number;
  nextFlowId(): number;
  emit(event: TraceEvent): void;
}

/** A scheduled event that can be cancelled (a kernel timer). */
export interface Timer {
  cancel(): void;
  readonly active: boolean;
}

/** Nanoseconds in common units (virtual time is integer ns). */
export const NS = 1;
export const US = 1_000;
export const MS = 1_000_000;
export const SEC = 1_000_000_000;
