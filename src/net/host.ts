/**
 * One simulated Linux host: its devices and addresses, FIB, neighbour tables, sysctls, netfilter
 * hooks and protocol handlers, wired together as the kernel wires them. Frames from a segment
 * enter through `receiveFrame` (accepted when addressed to the device's MAC, broadcast, or a
 * joined multicast group) and go to ARP or IPv4 input; modules (TCP/UDP, IPVS, keepalived) plug in
 * through the HostApi of src/net/types.ts. `crash()` stops the host dead (no frames in or out,
 * timers inert, volatile state such as the ARP cache lost); `restart()` brings it back with its
 * configuration. Every change of a device, an address or a route is a `link`, `addr` or `fib` trace
 * event, in the order the kernel's rtnetlink notifications would report it, so that the state of
 * the host at any step is a fold of the trace. Simplified: one network namespace, configuration
 * survives a restart.
 */
import { frameLength, ipv4TotalLength } from './wire/length.js';
import { ETH_HLEN } from './wire/ethernet.js';
import type { ArpPacket, EthernetFrame, IcmpMessage, Ipv4Packet } from './wire/packet.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, IPPROTO_IPIP } from './wire/packet.js';
import type { Ip4, Mac } from './wire/addr.js';
import { MAC_BROADCAST, formatIp4, formatMac, multicastMac } from './wire/addr.js';
import { formatRouteDst, formatRouteText } from './wire/route-text.js';
import type { HookName, LinkEvent, NeighState, TraceEvent } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import type { HostApi, NfHookOps, NfHookState, ProtocolHandler, RouteResult, Skb, TraceEventInput } from './types.js';
import type { Simulator } from './sim.js';
import type { Segment, SegmentPort } from './segment.js';
import { isGroupMac } from './segment.js';
import type { AddrError, AddrScope, InAddr } from './iface.js';
import { MTU_ETHER, MTU_IPIP, MTU_LOOPBACK, NetDevice, addrEntry, defaultScope, deriveMac } from './iface.js';
import type { FibChangeCause, FibRoute, RouteError, RouteSpec } from './route.js';
import { Fib, routeEntry } from './route.js';
import type { ConfName, SysctlError, SysctlKey } from './sysctl.js';
import { SysctlStore, normalizeSysctlKey, procPathOf } from './sysctl.js';
import type { NeighEntry, NeighOwner } from './neigh.js';
import { NeighTable } from './neigh.js';
import { NetfilterHooks } from './netfilter.js';
import type { ArpHost, ArpRouteKind, PktType } from './arp.js';
import { arpProcess, arpSolicit, garpFrame } from './arp.js';
import type { InputRoute, RouteHost } from './route-lookup.js';
import { routeInput, routeOutput } from './route-lookup.js';
import { dstOutput, ipQueueXmit, ipRcv, loopbackRcv } from './ipv4.js';
import { icmpSend } from './icmp.js';
import { ipipRcv } from './ipip.js';
import { pmtuTable } from './pmtu.js';

/** Options of `Host.addInterface`. */
export interface InterfaceOptions {
  readonly name: string;
  /** The segment (switch) an Ethernet interface is plugged into, by name. */
  readonly segment?: string;
  readonly mac?: Mac;
  readonly mtu?: number;
  /** Administrative state after creation (default up). */
  readonly up?: boolean;
}

/** Options of `Host.addAddress`. */
export interface AddressOptions {
  /** An alias label such as `lo:0` (default: the device name). */
  readonly label?: string;
  /** Default as iproute2: host for 127/8, else global. */
  readonly scope?: AddrScope;
  /** The broadcast address (`brd`), default none. */
  readonly broadcast?: Ip4;
}

/** A refused device operation. */
export interface IfaceError {
  readonly code: 'exists' | 'noDevice' | 'unknownSegment' | 'notEthernet';
  readonly msg: Msg;
}

/** Host lifecycle notifications for modules that keep state (TCP, IPVS, keepalived). */
export type LifecycleEvent = 'crash' | 'restart';

/** Transmit function of a tunnel device (IPIP encapsulation), installed by the tunnel module. */
export type TunnelXmit = (skb: Skb, route: RouteResult) => void;

/** An ICMP error handler of one IP protocol (struct net_protocol err_handler). */
export type IcmpErrHandler = (icmp: IcmpMessage, skb: Skb) => void;

interface PktTypeNote {
  pktType?: PktType;
}

const RX_MSG: Msg = { id: 'net.rx' };
const HOOK_ACCEPT_MSGS: Record<HookName, Msg> = {
  PREROUTING: { id: 'nf.accept', params: { hook: 'PREROUTING' } },
  LOCAL_IN: { id: 'nf.accept', params: { hook: 'LOCAL_IN' } },
  FORWARD: { id: 'nf.accept', params: { hook: 'FORWARD' } },
  LOCAL_OUT: { id: 'nf.accept', params: { hook: 'LOCAL_OUT' } },
  POSTROUTING: { id: 'nf.accept', params: { hook: 'POSTROUTING' } },
};

/** The base device of an interface or alias name (`eth0:1` → `eth0`). */
export function baseDeviceName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(0, i);
}

/** One host. */
export class Host implements HostApi, NeighOwner, ArpHost, RouteHost {
  readonly sysctls = new SysctlStore();
  readonly fib: Fib;
  readonly nf = new NetfilterHooks();
  private readonly devList: NetDevice[] = [];
  private readonly devByName = new Map<string, NetDevice>();
  /** The switch port of each Ethernet device, by device name. */
  private readonly ports = new Map<string, { readonly dev: NetDevice; readonly port: SegmentPort; segment: Segment | null }>();
  private readonly protocols = new Map<number, ProtocolHandler>();
  private readonly rawIcmp: ProtocolHandler[] = [];
  private readonly errHandlers = new Map<number, IcmpErrHandler>();
  private echoReplyHandler: ((skb: Skb) => boolean) | undefined;
  private readonly tunnels = new Map<string, TunnelXmit>();
  private readonly lifecycle: ((e: LifecycleEvent) => void)[] = [];
  private readonly linkListeners: ((dev: string, up: boolean) => void)[] = [];
  private alive = true;
  private ifindexNext = 1;
  private ipId = -1;
  /** Parsed keys of the global (non-interface) sysctls read through `sysctl`, by the key as asked. */
  private readonly globalSysctlKeys = new Map<string, SysctlKey>();
  /** The `hook` messages of DROP and STOLEN verdicts, by hook and owner. */
  private readonly dropMsgs = new Map<HookName, Map<string, Msg>>();
  private readonly stolenMsgs = new Map<HookName, Map<string, Msg>>();
  /** Learned path MTUs (route exceptions). */
  private readonly pmtu = pmtuTable(this);

  /**
   * `index` numbers the host in its lab (1, 2, …) for deterministic MACs; `segments` resolves
   * segment names for `addInterface`.
   */
  constructor(
    readonly sim: Simulator,
    readonly name: string,
    readonly index: number,
    private readonly segments: (name: string) => Segment | undefined = () => undefined,
  ) {
    this.fib = new Fib(this, (op, route, cause) => this.fibChanged(op, route, cause));
    const lo = this.createDevice('lo', 'loopback', 0, MTU_LOOPBACK, true);
    lo.insertAddress(0x7f000001, 8, 'host', 'lo', 0);
    this.fib.syncKernelRoutes();
  }

  // ------------------------------------------------------------------ devices and configuration

  /** All devices in ifindex order (lo first). */
  get devices(): readonly NetDevice[] {
    return this.devList;
  }

  /** A device by name (an alias label resolves to its base device). */
  device(name: string): NetDevice | undefined {
    return this.devByName.get(name) ?? this.devByName.get(baseDeviceName(name));
  }

  /** Whether the host is running (not crashed). */
  get isRunning(): boolean {
    return this.alive;
  }

  /**
   * Creates an interface: `tunl0`/`tunlN` is an IPIP device (NOARP, MTU 1480, as `modprobe ipip`
   * makes it, which also registers IPIP decapsulation), any other name an Ethernet device (MTU
   * 1500) with a deterministic MAC 02:00:00:00:HH:II unless `mac` is given, plugged into `segment`
   * when named.
   */
  addInterface(opts: InterfaceOptions): NetDevice | IfaceError {
    if (this.devByName.has(opts.name)) return { code: 'exists', msg: { id: 'link.err.exists', params: { iface: opts.name } } };
    const isTunnel = /^tunl\d+$/.test(opts.name);
    let segment: Segment | undefined;
    if (opts.segment !== undefined) {
      if (isTunnel) return { code: 'notEthernet', msg: { id: 'link.err.notEthernet', params: { iface: opts.name } } };
      segment = this.segments(opts.segment);
      if (segment === undefined) return { code: 'unknownSegment', msg: { id: 'link.err.unknownSegment', params: { segment: opts.segment } } };
    }
    const ifindex = this.ifindexNext;
    const dev = isTunnel
      ? this.createDevice(opts.name, 'ipip', 0, opts.mtu ?? MTU_IPIP, opts.up ?? true)
      : this.createDevice(opts.name, 'ether', opts.mac ?? deriveMac(this.index, ifindex - 1), opts.mtu ?? MTU_ETHER, opts.up ?? true);
    if (segment !== undefined) this.plug(dev, segment);
    // Creating the IPIP device is `modprobe ipip`: the module also registers IP protocol 4.
    if (isTunnel && !this.protocols.has(IPPROTO_IPIP)) this.protocols.set(IPPROTO_IPIP, (skb) => ipipRcv(this, skb));
    this.linkChanged(dev, 'new');
    return dev;
  }

  /** Plugs an Ethernet interface into a segment (unplugging it from any other). */
  plug(dev: NetDevice, segment: Segment | null): void {
    const p = this.ports.get(dev.name);
    if (p === undefined) return;
    if (p.segment !== null) p.segment.detach(p.port);
    p.segment = segment;
    if (segment !== null) segment.attach(p.port);
  }

  /** The segment an interface is plugged into. */
  segmentOf(iface: string): Segment | null {
    return this.ports.get(baseDeviceName(iface))?.segment ?? null;
  }

  /**
   * `ip addr add addr/prefixLen dev D [label L] [scope S] [brd B]` (also `ifconfig D[:n] addr`):
   * `dev` may be an alias label (`lo:0`), which becomes the label. Adds the kernel routes.
   */
  addAddress(dev: string, addr: Ip4, prefixLen: number, opts: AddressOptions = {}): InAddr | AddrError | IfaceError {
    const d = this.device(dev);
    if (d === undefined) return { code: 'noDevice', msg: { id: 'link.err.noDevice', params: { iface: dev } } };
    const label = opts.label ?? dev;
    if (!label.startsWith(d.name)) return { code: 'badLabel', msg: { id: 'addr.err.badLabel', params: { dev: d.name, label } } };
    const r = d.insertAddress(addr, prefixLen, opts.scope ?? defaultScope(addr), label, opts.broadcast ?? 0);
    if ('code' in r) return r;
    const params = { addr: `${formatIp4(r.local)}/${r.prefixLen}`, label: r.label };
    this.emit({ kind: 'addr', op: 'add', iface: d.name, entry: addrEntry(r), msg: { id: r.secondary ? 'net.addr.add.secondary' : 'net.addr.add', params } });
    this.fib.syncKernelRoutes();
    return r;
  }

  /**
   * `ip addr del addr[/prefixLen] dev D`. Deleting a primary also deletes its secondaries unless
   * promote_secondaries is set; routes whose preferred source disappeared go too.
   */
  delAddress(dev: string, addr: Ip4, prefixLen?: number): InAddr[] | AddrError | IfaceError {
    const d = this.device(dev);
    if (d === undefined) return { code: 'noDevice', msg: { id: 'link.err.noDevice', params: { iface: dev } } };
    const r = d.removeAddress(addr, prefixLen, this.conf('promote_secondaries', d.name) !== 0);
    if ('code' in r) return r;
    // As __inet_del_ifa reports it: the secondaries that go with their primary first, then the
    // primary, then the promoted secondary (RTM_NEWADDR: the same address, no longer secondary).
    const [gone, ...withIt] = r.removed as [InAddr, ...InAddr[]];
    const text = (a: InAddr): string => `${formatIp4(a.local)}/${a.prefixLen}`;
    for (const a of withIt) {
      this.emit({ kind: 'addr', op: 'del', iface: d.name, entry: addrEntry(a), msg: { id: 'net.addr.del.withPrimary', params: { addr: text(a), label: a.label, primary: text(gone) } } });
    }
    this.emit({ kind: 'addr', op: 'del', iface: d.name, entry: addrEntry(gone), msg: { id: 'net.addr.del', params: { addr: text(gone), label: gone.label } } });
    const p = r.promoted;
    if (p !== undefined) {
      this.emit({ kind: 'addr', op: 'add', iface: d.name, entry: addrEntry(p), msg: { id: 'net.addr.promote', params: { addr: text(p), label: p.label, primary: text(gone) } } });
    }
    for (const a of r.removed) if (!this.devList.some((x) => x.hasAddress(a.local))) this.fib.flushPrefsrc(a.local);
    this.fib.syncKernelRoutes();
    return [...r.removed];
  }

  /** `ip route add` (typed; the scenario layer parses the text). */
  addRoute(spec: RouteSpec): FibRoute | RouteError {
    return this.fib.add(spec);
  }

  /** `ip route del`. */
  delRoute(spec: RouteSpec): FibRoute | RouteError {
    return this.fib.del(spec);
  }

  /**
   * `ip link set D up|down`. Down flushes every route through the device (static ones are not
   * restored by up, as on Linux) and its neighbour entries; up restores the address routes and,
   * with arp_notify, sends gratuitous ARPs.
   */
  setLinkUp(dev: string, up: boolean): IfaceError | undefined {
    const d = this.device(dev);
    if (d === undefined) return { code: 'noDevice', msg: { id: 'link.err.noDevice', params: { iface: dev } } };
    if (d.up === up) return undefined;
    d.up = up;
    this.linkChanged(d, up ? 'up' : 'down');
    if (!up) {
      this.fib.flushDevice(d.name);
      this.fib.syncKernelRoutes();
      d.neigh.flush(true);
      for (const l of this.linkListeners) l(d.name, false);
      return undefined;
    }
    this.fib.syncKernelRoutes();
    if (d.kind === 'ether' && this.conf('arp_notify', d.name) !== 0) this.sendGratuitousArp(d.name);
    for (const l of this.linkListeners) l(d.name, true);
    return undefined;
  }

  /** Registers a listener for `ip link set D up|down` (the RTM_NEWLINK notifications keepalived's track_interface reads). */
  onLinkChange(listener: (dev: string, up: boolean) => void): void {
    this.linkListeners.push(listener);
  }

  /** Removes a link listener registered with `onLinkChange`. */
  offLinkChange(listener: (dev: string, up: boolean) => void): void {
    const i = this.linkListeners.indexOf(listener);
    if (i >= 0) this.linkListeners.splice(i, 1);
  }

  /** `ip link set D mtu N`. */
  setMtu(dev: string, mtu: number): IfaceError | undefined {
    const d = this.device(dev);
    if (d === undefined) return { code: 'noDevice', msg: { id: 'link.err.noDevice', params: { iface: dev } } };
    if (d.mtu === mtu) return undefined;
    d.mtu = mtu;
    this.linkChanged(d, 'mtu');
    return undefined;
  }

  /** `ip link set D address M` (NETDEV_CHANGEADDR: gratuitous ARPs when arp_notify is set). */
  setMac(dev: string, mac: Mac): IfaceError | undefined {
    const d = this.device(dev);
    if (d === undefined) return { code: 'noDevice', msg: { id: 'link.err.noDevice', params: { iface: dev } } };
    if (d.kind !== 'ether') return { code: 'notEthernet', msg: { id: 'link.err.notEthernet', params: { iface: dev } } };
    // NETDEV_CHANGEADDR (and so arp_notify's gratuitous ARPs) follows even an unchanged MAC.
    if (d.mac !== mac) {
      d.mac = mac;
      this.linkChanged(d, 'address');
    }
    if (d.up && this.conf('arp_notify', d.name) !== 0) this.sendGratuitousArp(d.name);
    return undefined;
  }

  /** Joins an IPv4 multicast group on a device (so frames to its group MAC are accepted). */
  joinMulticast(dev: string, group: Ip4): void {
    this.device(dev)?.mcGroups.add(group);
  }

  leaveMulticast(dev: string, group: Ip4): void {
    this.device(dev)?.mcGroups.delete(group);
  }

  /** `sysctl -w key=value` / `echo value > /proc/sys/...`: dotted, slash or /proc path keys. */
  sysctlSet(key: string, value: number | string): SysctlError | undefined {
    const k = normalizeSysctlKey(key);
    if (typeof k !== 'string') return k;
    return typeof value === 'number' ? this.sysctls.set(k, value) : this.sysctls.setText(k, value);
  }

  /** The raw text `sysctl -n key` prints, or an error for an unknown key. */
  sysctlGet(key: string): string | SysctlError {
    const k = normalizeSysctlKey(key);
    if (typeof k !== 'string') return k;
    const v = this.sysctls.getText(k);
    if (v === undefined) return { code: 'unknownKey', key: k, msg: { id: 'sysctl.err.unknownKey', params: { key: k, path: procPathOf(k) } } };
    return v;
  }

  /** Installs the transmit function of a tunnel device (the IPIP module). */
  setTunnelXmit(dev: string, xmit: TunnelXmit): void {
    this.tunnels.set(dev, xmit);
  }

  /** The tunnel transmit function of a device, if installed. */
  tunnelXmit(dev: string): TunnelXmit | undefined {
    return this.tunnels.get(dev);
  }

  /** icmp_pointers[ICMP_ECHOREPLY]: who receives echo replies (ping sockets); returns whether one took it. */
  onEchoReply(handler: (skb: Skb) => boolean): void {
    this.echoReplyHandler = handler;
  }

  /** The err_handler of protocol `protocol`: ICMP errors quoting one of its packets go there. */
  setIcmpErrHandler(protocol: number, handler: IcmpErrHandler): void {
    this.errHandlers.set(protocol, handler);
  }

  /** Registers a listener for crash/restart. */
  onLifecycle(listener: (e: LifecycleEvent) => void): void {
    this.lifecycle.push(listener);
  }

  /** The host stops dead: no frames, inert timers, ARP caches forgotten. */
  crash(): void {
    if (!this.alive) return;
    this.emit({ kind: 'host', op: 'crash', msg: { id: 'host.crash', params: { host: this.name } } });
    this.alive = false;
    for (const d of this.devList) d.neigh.reset();
    for (const l of this.lifecycle) l('crash');
  }

  /** The host boots again with its configuration. */
  restart(): void {
    if (this.alive) return;
    this.alive = true;
    this.emit({ kind: 'host', op: 'restart', msg: { id: 'host.restart', params: { host: this.name } } });
    this.ipId = -1;
    for (const l of this.lifecycle) l('restart');
  }

  /**
   * Sends gratuitous ARPs as Linux does (inetdev_send_gratuitous_arp): a broadcast request with
   * sip = tip for `addr`, or for every address of the device.
   */
  sendGratuitousArp(dev: string, addr?: Ip4): void {
    const d = this.device(dev);
    if (d === undefined || d.kind !== 'ether') return;
    const addrs = addr === undefined ? d.addrs.map((a) => a.local) : [addr];
    for (const a of addrs) {
      this.sendFrame(d, garpFrame(d, a), this.sim.nextPacketId(), this.sim.nextFlowId(), { id: 'arp.garp.sent', params: { ip: formatIp4(a), iface: d.name } });
    }
  }

  /** Sends an ARP packet built by a module (keepalived's GARPs) to `ethDst` out of `dev`. */
  sendArp(dev: string, arp: ArpPacket, ethDst: Mac, msg: Msg, flow?: number): void {
    const d = this.device(dev);
    if (d === undefined || d.kind !== 'ether') return;
    const frame: EthernetFrame = { layer: 'eth', dst: ethDst, src: d.mac, ethertype: ETHERTYPE_ARP, payload: arp };
    this.sendFrame(d, frame, this.sim.nextPacketId(), flow ?? this.sim.nextFlowId(), msg);
  }

  // ------------------------------------------------------------------ receive

  /** A frame delivered by the segment to interface `dev`. */
  receiveFrame(dev: NetDevice, frame: EthernetFrame, pkt: number, flow: number, segment: Segment): void {
    if (!this.alive || !dev.up) return;
    let pktType: PktType;
    const dst = frame.dst;
    if (dst === dev.mac) pktType = 'host';
    else if (dst === MAC_BROADCAST) pktType = 'broadcast';
    else if (isGroupMac(dst) && this.joinedMac(dev, dst)) pktType = 'multicast';
    else return;
    dev.stats.rxPackets++;
    dev.stats.rxBytes += frameLength(frame);
    this.sim.emit({ kind: 'rx', t: this.sim.now, host: this.name, msg: RX_MSG, iface: dev.name, segment: segment.name, pkt, flow, frame });
    if (dev.packetTaps.size > 0) for (const tap of dev.packetTaps) tap(frame, pktType);
    const payload = frame.payload;
    if (frame.ethertype === ETHERTYPE_ARP && payload.layer === 'arp') {
      arpProcess(this, dev, frame, pktType, pkt, flow);
      return;
    }
    if (frame.ethertype === ETHERTYPE_IPV4 && payload.layer === 'ipv4') {
      const skb: Skb = { ip: payload, pkt, flow, mark: 0, iif: dev.name, macSrc: frame.src, ipvsProperty: false };
      ipRcv(this, skb, dev, pktType);
      return;
    }
    this.dropFrame(frame, pkt, flow, { id: 'eth.drop.unknownType', params: { ethertype: frame.ethertype, iface: dev.name } });
  }

  /** ip_rcv on a device for a packet that did not come from a segment (a tunnel's decapsulated packet). */
  ipRcv(skb: Skb, dev: string): void {
    const d = this.device(dev);
    if (d === undefined || !this.alive || !d.up) return;
    ipRcv(this, skb, d, 'host');
  }

  private joinedMac(dev: NetDevice, mac: Mac): boolean {
    for (const g of dev.mcGroups) if (multicastMac(g) === mac) return true;
    return false;
  }

  // ------------------------------------------------------------------ HostApi

  nfRegister(ops: NfHookOps): void {
    this.nf.register(ops);
  }

  nfUnregister(ops: NfHookOps): void {
    this.nf.unregister(ops);
  }

  routeOutput(dst: Ip4, opts?: { readonly src?: Ip4; readonly oif?: string }): RouteResult {
    return this.pmtu.apply(dst, routeOutput(this, dst, opts));
  }

  /** RTN_LOCAL: the local table says `addr` is ours (this includes a whole prefix put on lo). */
  isLocalAddress(addr: Ip4): boolean {
    return this.fib.addrType(addr) === 'local';
  }

  ipQueueXmit(skb: Skb, route?: RouteResult): void {
    if (!this.alive) return;
    ipQueueXmit(this, skb, route);
  }

  dstOutput(skb: Skb, route: RouteResult): void {
    if (!this.alive) return;
    dstOutput(this, skb, route);
  }

  nfHook(hook: HookName, skb: Skb, state: NfHookState, okfn: (skb: Skb) => void): void {
    if (this.nfHookPass(hook, skb, state)) okfn(skb);
  }

  /**
   * NF_HOOK without its okfn: traverses `hook`, emits its `hook` event (and the drop), and returns
   * true when the packet was accepted, for the caller to go on at once as okfn would.
   */
  nfHookPass(hook: HookName, skb: Skb, state: NfHookState): boolean {
    const verdict = this.nf.traverse(skb, state);
    const sim = this.sim;
    if (verdict === 'ACCEPT') {
      sim.emit({ kind: 'hook', t: sim.now, host: this.name, msg: HOOK_ACCEPT_MSGS[hook], hook, verdict: 'ACCEPT', pkt: skb.pkt, flow: skb.flow, packet: skb.ip });
      return true;
    }
    const by = this.nf.decidedBy;
    const m = this.verdictMsg(verdict, hook, by);
    sim.emit({
      kind: 'hook',
      t: sim.now,
      host: this.name,
      msg: m,
      hook,
      verdict,
      by,
      pkt: skb.pkt,
      flow: skb.flow,
      packet: skb.ip,
    });
    if (verdict === 'DROP') this.drop(skb, m);
    return false;
  }

  /** `nf.drop` / `nf.stolen` for `hook` and `by`, made once (messages are read-only data). */
  private verdictMsg(verdict: 'DROP' | 'STOLEN', hook: HookName, by: string): Msg {
    const byHook = verdict === 'DROP' ? this.dropMsgs : this.stolenMsgs;
    let byOwner = byHook.get(hook);
    if (byOwner === undefined) {
      byOwner = new Map();
      byHook.set(hook, byOwner);
    }
    let m = byOwner.get(by);
    if (m === undefined) {
      m = { id: verdict === 'DROP' ? 'nf.drop' : 'nf.stolen', params: { hook, by } };
      byOwner.set(by, m);
    }
    return m;
  }

  icmpSend(skb: Skb, type: number, code: number, info = 0): void {
    if (!this.alive) return;
    icmpSend(this, skb, type, code, info);
  }

  /**
   * inet_add_protocol. For ICMP (1) the kernel's icmp_rcv keeps answering pings; the handler
   * gets a copy of every ICMP message, like a raw ICMP socket.
   */
  addProtocol(protocol: number, handler: ProtocolHandler): void {
    if (protocol === 1) this.rawIcmp.push(handler);
    else this.protocols.set(protocol, handler);
  }

  /** inet_del_protocol: `handler` no longer receives `protocol` (a daemon closed its raw socket). */
  delProtocol(protocol: number, handler: ProtocolHandler): void {
    if (this.protocols.get(protocol) === handler) this.protocols.delete(protocol);
  }

  /**
   * The value the kernel acts on: per-interface knobs (`net.ipv4.conf.eth0.rp_filter`) are
   * combined with `all` by their rule; others are raw. NaN for a key this host does not have, so
   * a module can fall back to its own default.
   */
  sysctl(key: string): number {
    // A global knob never goes away once defined: its parsed key is kept (modules such as IPVS
    // read theirs on every packet); per-interface keys follow their devices, so they are parsed each time.
    const known = this.globalSysctlKeys.get(key);
    if (known !== undefined) return this.sysctls.valueOf(known);
    const k = normalizeSysctlKey(key);
    const parsed = typeof k === 'string' ? this.sysctls.parseKey(k) : undefined;
    if (parsed === undefined || typeof k !== 'string') return Number.NaN;
    if (parsed.kind === 'conf' && parsed.dev !== 'all' && parsed.dev !== 'default') return this.sysctls.effective(parsed.name, parsed.dev);
    if (parsed.kind !== 'conf') this.globalSysctlKeys.set(key, parsed);
    return this.sysctls.valueOf(parsed);
  }

  ifaceMac(iface: string): Mac | undefined {
    return this.device(iface)?.mac;
  }

  /**
   * Stamps `event` with the time and this host's name and hands it to the sinks. The object itself
   * becomes the trace event (no copy: a packet path emits millions), so callers pass a fresh one
   * and do not touch it afterwards; its fields keep their order, `t` and `host` coming last.
   */
  emit(event: TraceEventInput): void {
    const e = event as TraceEventInput & { t: number; host: string };
    e.t = this.sim.now;
    e.host = this.name;
    this.sim.emit(e as TraceEvent);
  }

  drop(skb: Skb, reason: Msg): void {
    this.sim.emit({ kind: 'drop', t: this.sim.now, host: this.name, msg: reason, pkt: skb.pkt, flow: skb.flow, packet: skb.ip });
  }

  newSkb(ip: Ipv4Packet, flow?: number): Skb {
    return { ip, pkt: this.sim.nextPacketId(), flow: flow ?? this.sim.nextFlowId(), mark: 0, iif: null, macSrc: null, ipvsProperty: false };
  }

  // ------------------------------------------------------------------ internals shared with ipv4.ts, icmp.ts, arp.ts, neigh.ts

  /** Effective value of a per-interface knob. */
  conf(name: ConfName, dev: string): number {
    return this.sysctls.effective(name, dev);
  }

  /** ip_route_input for an IP packet. */
  inputRoute(dst: Ip4, src: Ip4, dev: NetDevice): InputRoute {
    return routeInput(this, dst, src, dev, true);
  }

  /** Records how a received frame was addressed (skb->pkt_type) when not unicast to us. */
  setPktType(skb: Skb, t: PktType): void {
    (skb as Skb & PktTypeNote).pktType = t;
  }

  /** skb->pkt_type ('host' unless recorded otherwise). */
  pktTypeOf(skb: Skb): PktType {
    return (skb as Skb & PktTypeNote).pktType ?? 'host';
  }

  /** The handler registered for an IP protocol. */
  protocolHandler(protocol: number): ProtocolHandler | undefined {
    return this.protocols.get(protocol);
  }

  /** Gives raw ICMP listeners their copy. */
  rawIcmpCopy(skb: Skb): void {
    for (const h of this.rawIcmp) h(skb, this);
  }

  /** ping_rcv: true when a ping socket took the echo reply. */
  deliverEchoReply(skb: Skb): boolean {
    return this.echoReplyHandler?.(skb) ?? false;
  }

  /** icmp_unreach / icmp_err: the quoted protocol's err_handler gets the error. */
  deliverIcmpError(skb: Skb, icmp: IcmpMessage): void {
    const original = icmp.kind === 'unreach' || icmp.kind === 'timeExceeded' ? icmp.original : icmp.kind === 'other' ? icmp.data : undefined;
    if (original === undefined || original.length < 20) return;
    const handler = this.errHandlers.get(original[9] as number);
    if (handler !== undefined) handler(icmp, skb);
  }

  /** ip_select_ident for packets the stack itself builds (ICMP replies and errors). */
  nextIpId(): number {
    if (this.ipId < 0) this.ipId = this.sim.randomInt(0, 0xffff);
    const id = this.ipId;
    this.ipId = (this.ipId + 1) & 0xffff;
    return id;
  }

  /** loopback_xmit: back into IP input, without touching a wire. */
  loopbackXmit(skb: Skb, lo: NetDevice): void {
    // The loopback device counts what it carries on both sides, Ethernet header included.
    const bytes = ipv4TotalLength(skb.ip) + ETH_HLEN;
    lo.stats.txPackets++;
    lo.stats.txBytes += bytes;
    this.sim.after(0, () => {
      if (!this.alive) return;
      lo.stats.rxPackets++;
      lo.stats.rxBytes += bytes;
      loopbackRcv(this, skb, lo);
    });
  }

  /** Puts an IPv4 packet in an Ethernet frame to `mac` out of `dev`. */
  xmit(dev: string, skb: Skb, mac: Mac): void {
    const p = this.ports.get(dev);
    if (p === undefined) {
      // Not an Ethernet device (or none at all): nothing carries the frame.
      if (this.devByName.has(dev)) this.drop(skb, { id: 'ip.drop.noCarrier', params: { iface: dev } });
      return;
    }
    const d = p.dev;
    const frame: EthernetFrame = { layer: 'eth', dst: mac, src: d.mac, ethertype: ETHERTYPE_IPV4, payload: skb.ip };
    if (p.segment === null || !p.segment.transmit(p.port, frame, skb.pkt, skb.flow)) {
      this.drop(skb, { id: 'ip.drop.noCarrier', params: { iface: dev } });
      return;
    }
    d.stats.txPackets++;
    d.stats.txBytes += frameLength(frame);
  }

  // NeighOwner

  isAlive(): boolean {
    return this.alive;
  }

  neighChanged(dev: string, entry: NeighEntry, msg: Msg): void {
    const state: NeighState | 'NONE' = entry.state;
    const base = { kind: 'neigh' as const, t: this.sim.now, host: this.name, msg, iface: dev, ip: entry.ip, state };
    const showMac = entry.mac !== undefined && state !== 'INCOMPLETE' && state !== 'FAILED' && state !== 'NONE';
    this.sim.emit(showMac ? { ...base, mac: entry.mac as Mac } : base);
  }

  solicit(dev: string, entry: NeighEntry, skb: Skb | undefined, unicastTo: Mac | undefined): void {
    const d = this.devByName.get(dev);
    if (d !== undefined) arpSolicit(this, d, entry, skb, unicastTo);
  }

  dropSkb(skb: Skb, reason: Msg): void {
    this.drop(skb, reason);
  }

  // ArpHost

  arpInputRoute(tip: Ip4, sip: Ip4, dev: NetDevice): { readonly kind: ArpRouteKind; readonly outDev?: string } {
    const r = routeInput(this, tip, sip, dev, false);
    if (r.kind === 'local') return { kind: r.type === 'local' ? 'local' : 'none' };
    if (r.kind === 'forward') return { kind: 'forward', outDev: r.route.dev };
    return { kind: 'none' };
  }

  outputDev(dst: Ip4, src: Ip4): string | undefined {
    const r = routeOutput(this, dst, { src });
    return r.type === 'unreachable' ? undefined : r.dev;
  }

  sendFrame(dev: NetDevice, frame: EthernetFrame, pkt: number, flow: number, msg: Msg): void {
    const p = this.ports.get(dev.name);
    if (p === undefined || p.segment === null || !this.alive) return;
    if (!p.segment.transmit(p.port, frame, pkt, flow, msg)) return;
    dev.stats.txPackets++;
    dev.stats.txBytes += frameLength(frame);
  }

  dropFrame(frame: EthernetFrame, pkt: number, flow: number, msg: Msg): void {
    this.sim.emit({ kind: 'drop', t: this.sim.now, host: this.name, msg, pkt, flow, packet: frame });
  }

  // ------------------------------------------------------------------ private

  /** RTM_NEWLINK: the device's whole state after the change `op`. */
  private linkChanged(d: NetDevice, op: LinkEvent['op']): void {
    const params =
      op === 'new'
        ? { iface: d.name, link: d.kind, mtu: d.mtu, state: d.up ? 'up' : 'down' }
        : op === 'mtu'
          ? { iface: d.name, mtu: d.mtu }
          : op === 'address'
            ? { iface: d.name, mac: formatMac(d.mac) }
            : { iface: d.name };
    const mac = d.kind === 'ether' ? { mac: d.mac } : {};
    this.emit({ kind: 'link', op, iface: d.name, up: d.up, link: d.kind, mtu: d.mtu, ...mac, msg: { id: `net.link.${op}`, params } });
  }

  /** RTM_NEWROUTE / RTM_DELROUTE: a route entered or left the FIB, and why. */
  private fibChanged(op: 'add' | 'del', r: FibRoute, cause: FibChangeCause): void {
    let m: Msg;
    if (cause === 'kernel' && op === 'add') {
      const kind = r.type === 'unicast' ? 'prefix' : r.type === 'broadcast' ? 'broadcast' : 'local';
      m = { id: `net.fib.add.${kind}`, params: { dst: formatRouteDst(r), dev: r.dev } };
    } else {
      const route = formatRouteText(r, { showTable: true }).trimEnd();
      if (cause === 'user') m = { id: `net.fib.${op}`, params: { route } };
      else if (cause === 'prefsrc') m = { id: 'net.fib.del.prefsrc', params: { src: r.src === undefined ? '' : formatIp4(r.src), route } };
      else m = { id: `net.fib.del.${cause}`, params: { dev: r.dev, route } };
    }
    this.emit({ kind: 'fib', op, route: routeEntry(r), msg: m });
  }

  private createDevice(name: string, kind: NetDevice['kind'], mac: Mac, mtu: number, up: boolean): NetDevice {
    const dev = new NetDevice(name, kind, this.ifindexNext++, mac, mtu, up, new NeighTable(this, name));
    this.devList.push(dev);
    this.devByName.set(name, dev);
    this.sysctls.addDevice(name);
    if (kind === 'ether') {
      const port: SegmentPort = {
        hostName: this.name,
        name,
        isRunning: () => this.alive && dev.up,
        receiveFrame: (frame, pkt, flow, segment) => this.receiveFrame(dev, frame, pkt, flow, segment),
      };
      this.ports.set(name, { dev, port, segment: null });
    }
    return dev;
  }
}
