/**
 * A reference fold for the tests: the meta's topology (the lab before its first command) folded
 * with the `link`, `addr` and `fib` events that follow, the rtnetlink notifications `ip monitor`
 * would have printed. Kept deliberately small and independent of src/trace/state, so that the
 * tests check the EVENTS (that they tell every change of the live hosts), not one fold against
 * itself.
 *
 * Order is kept as the kernel keeps it: an address goes where __inet_insert_ifa puts it (a primary
 * after the last primary of the same or a narrower scope, a secondary last; an `add` of an address
 * already listed is a promotion, RTM_NEWADDR without a RTM_DELADDR: it moves to the primaries);
 * routes are listed in `ip route show` order (table main then local; destination, longer prefix,
 * lower metric, then insertion order).
 */
import type { AddrEntry, AddrScopeName, RouteEntry, TraceEvent } from '../../src/trace/events.js';
import type { TopoHost, TopoIface, Topology } from '../../src/trace/topology.js';

const SCOPE_VALUE: Readonly<Record<AddrScopeName, number>> = { global: 0, link: 253, host: 254 };

interface IfaceState {
  name: string;
  kind: TopoIface['kind'];
  segment: string | undefined;
  mac: number | undefined;
  mtu: number;
  up: boolean;
  addrs: AddrEntry[];
}

interface HostState {
  readonly name: string;
  readonly ifaces: IfaceState[];
  /** Per table, in insertion order. */
  readonly main: RouteEntry[];
  readonly local: RouteEntry[];
}

function sameRoute(a: RouteEntry, b: RouteEntry): boolean {
  return (
    a.table === b.table &&
    a.type === b.type &&
    a.dst === b.dst &&
    a.prefixLen === b.prefixLen &&
    a.via === b.via &&
    a.dev === b.dev &&
    a.src === b.src &&
    a.metric === b.metric &&
    a.scope === b.scope &&
    a.proto === b.proto &&
    a.onlink === b.onlink
  );
}

/** `ip route show` order; Array.prototype.sort is stable, so ties keep insertion order. */
function routeOrder(a: RouteEntry, b: RouteEntry): number {
  return a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric;
}

/** __inet_insert_ifa's place for an address (`entry.secondary` is already decided). */
function insertAddr(list: AddrEntry[], entry: AddrEntry): void {
  if (entry.secondary) {
    list.push(entry);
    return;
  }
  const sv = SCOPE_VALUE[entry.scope];
  let slot = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as AddrEntry;
    if (!a.secondary && sv <= SCOPE_VALUE[a.scope]) slot = i + 1;
  }
  list.splice(slot, 0, entry);
}

function ifaceState(i: TopoIface): IfaceState {
  return { name: i.name, kind: i.kind, segment: i.segment, mac: i.mac, mtu: i.mtu, up: i.up, addrs: [...i.addrs] };
}

function topoIface(i: IfaceState): TopoIface {
  return {
    name: i.name,
    kind: i.kind,
    ...(i.segment !== undefined ? { segment: i.segment } : {}),
    ...(i.mac !== undefined ? { mac: i.mac } : {}),
    mtu: i.mtu,
    up: i.up,
    addrs: [...i.addrs],
  };
}

/**
 * The fold: start from a topology, `apply` events in trace order (other kinds are ignored), read
 * the state with `host` or `snapshot`. A viewer keeps snapshots every few thousand events and
 * folds forward from the nearest one, so a jump never replays the trace from zero.
 */
export class NetStateFold {
  private readonly hosts = new Map<string, HostState>();

  constructor(topology: Topology) {
    for (const h of topology) {
      this.hosts.set(h.name, {
        name: h.name,
        ifaces: h.ifaces.map(ifaceState),
        main: h.routes.filter((r) => r.table === 'main'),
        local: h.routes.filter((r) => r.table === 'local'),
      });
    }
  }

  /** Applies one event; true when it changed the state (a `link`, `addr` or `fib` event of a known host). */
  apply(e: TraceEvent): boolean {
    if (e.kind !== 'link' && e.kind !== 'addr' && e.kind !== 'fib') return false;
    const h = this.hosts.get(e.host);
    if (h === undefined) return false;
    switch (e.kind) {
      case 'link': {
        let dev = h.ifaces.find((i) => i.name === e.iface);
        if (dev === undefined) {
          dev = { name: e.iface, kind: e.link, segment: undefined, mac: undefined, mtu: e.mtu, up: e.up, addrs: [] };
          h.ifaces.push(dev);
        }
        dev.kind = e.link;
        dev.mtu = e.mtu;
        dev.up = e.up;
        dev.mac = e.mac;
        return true;
      }
      case 'addr': {
        const dev = h.ifaces.find((i) => i.name === e.iface);
        if (dev === undefined) return false;
        const a = e.entry;
        const at = dev.addrs.findIndex((x) => x.addr === a.addr && x.prefixLen === a.prefixLen);
        if (at >= 0) dev.addrs.splice(at, 1);
        if (e.op === 'add') insertAddr(dev.addrs, a);
        return true;
      }
      case 'fib': {
        const routes = e.route.table === 'local' ? h.local : h.main;
        if (e.op === 'add') {
          routes.push(e.route);
          return true;
        }
        const at = routes.findIndex((r) => sameRoute(r, e.route));
        if (at >= 0) routes.splice(at, 1);
        return at >= 0;
      }
    }
  }

  /** One host's state now, in the topology's form (undefined for an unknown host). */
  host(name: string): TopoHost | undefined {
    const h = this.hosts.get(name);
    if (h === undefined) return undefined;
    return {
      name: h.name,
      ifaces: h.ifaces.map(topoIface),
      routes: [...[...h.main].sort(routeOrder), ...[...h.local].sort(routeOrder)],
    };
  }

  /** Every host's state now: a Topology, hosts in the original order. */
  snapshot(): Topology {
    return [...this.hosts.keys()].map((n) => this.host(n) as TopoHost);
  }
}
