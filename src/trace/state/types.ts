/**
 * What the state folds produce: the lab's volatile state at one step of the trace, per host, as
 * plain immutable values. Tables are maps in the order the kernel keeps them (creation order for
 * connections and neighbours, list order for real servers); the views turn them into the real
 * commands' output.
 */
import type { Ip4, Mac } from '../../net/wire/addr.js';
import type {
  AddrEntry,
  IpvsConnSnapshot,
  IpvsDestSnapshot,
  IpvsServiceSnapshot,
  NeighState,
  RouteEntry,
  VrrpState,
} from '../events.js';
import type { TopoDeviceKind } from '../topology.js';

/** A virtual service with its real servers in kernel list order (the newest first). */
export interface ServiceState {
  readonly service: IpvsServiceSnapshot;
  /** Creation order on this host (the kernel lists a hash bucket newest first). */
  readonly seq: number;
  readonly dests: readonly IpvsDestSnapshot[];
}

/** One neighbour (ARP cache) entry. */
export interface NeighEntryState {
  readonly iface: string;
  readonly ip: Ip4;
  readonly mac?: Mac;
  readonly state: NeighState;
}

/** One keepalived VRRP instance as its last state change left it. */
export interface VrrpInstanceState {
  readonly instance: string;
  readonly vrid: number;
  readonly iface: string;
  readonly state: VrrpState;
  /** Effective priority. */
  readonly prio: number;
  /** Virtual ns of the last change. */
  readonly since: number;
}

/** A device: from the topology, with its administrative state folded from `link` events. */
export interface LinkState {
  readonly name: string;
  readonly kind: TopoDeviceKind;
  readonly ifindex: number;
  readonly segment?: string;
  readonly mac?: Mac;
  readonly mtu: number;
  readonly up: boolean;
}

/** A route and its insertion order (ties in `ip route show` go by it). */
export interface RouteState extends RouteEntry {
  readonly seq: number;
}

/** One host's state. */
export interface HostState {
  readonly name: string;
  /** True between a `host` crash event and the restart. */
  readonly crashed: boolean;
  /** IPVS services by service key (see serviceKey), in creation order. */
  readonly services: ReadonlyMap<string, ServiceState>;
  /** Services created so far (the next service's seq). */
  readonly serviceSeq: number;
  /** IPVS connection entries and templates, in the connection table's listing order. */
  readonly conns: ReadonlyMap<string, IpvsConnSnapshot>;
  /** Neighbour entries (key `iface ip`), each device's entries in creation order. */
  readonly neigh: ReadonlyMap<string, NeighEntryState>;
  /** VRRP instances by name, in the order they were first seen. */
  readonly vrrp: ReadonlyMap<string, VrrpInstanceState>;
  /** Devices in ifindex order. */
  readonly links: ReadonlyMap<string, LinkState>;
  /** IPv4 addresses per device, in the kernel's list order (primaries first). */
  readonly addrs: ReadonlyMap<string, readonly AddrEntry[]>;
  /** Routes of both tables. */
  readonly routes: ReadonlyMap<string, RouteState>;
  readonly routeSeq: number;
}

/** The lab at one step: the state after event `step` (-1: before the first event). */
export interface LabState {
  readonly step: number;
  /** Virtual ns of event `step` (0 before the first). */
  readonly t: number;
  /** Hosts in the scenario's order, then any host seen only in events. */
  readonly hosts: ReadonlyMap<string, HostState>;
}
