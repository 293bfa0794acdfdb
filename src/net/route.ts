/**
 * The IPv4 FIB of one host (net/ipv4/fib_frontend.c, fib_trie.c, fib_semantics.c): the `local`
 * table (RTN_LOCAL routes for our addresses, broadcast routes; consulted first, as policy rule 0
 * says) and the `main` table (connected prefix routes, `ip route add` routes). Kernel routes
 * follow the addresses as fib_add_ifaddr creates them, and every route through a device is
 * flushed when the device goes down (fib_sync_down_dev), exactly as Linux forgets a static route
 * on `ip link set dev down`. Lookup is longest-prefix match, then lowest metric, then insertion
 * order. Every route inserted or deleted is told to the FIB's listener (the RTM_NEWROUTE /
 * RTM_DELROUTE notifications, which the host turns into `fib` trace events). Simplified: no policy
 * rules beyond local→main, no multipath, no TOS, no route caching.
 */
import type { Ip4 } from './wire/addr.js';
import { broadcastOf, inPrefix, networkOf } from './wire/addr.js';
import { formatRouteText } from './wire/route-text.js';
import type { AddrScope, InAddr, NetDevice } from './iface.js';
import { scopeValue } from './iface.js';
import type { Msg } from '../i18n/message.js';
import type { RouteEntry } from '../trace/events.js';

/** rtm_type values the lab models. */
export type RouteType = 'unicast' | 'local' | 'broadcast' | 'unreachable' | 'blackhole' | 'prohibit';
/** rtm_protocol: who installed the route. `boot` (the iproute2 default) is not printed. */
export type RouteProto = 'kernel' | 'boot' | 'static' | 'dhcp' | 'keepalived';
export type RouteTableId = 'main' | 'local';

/** One route (a fib_alias with its fib_info). */
export interface FibRoute {
  readonly table: RouteTableId;
  readonly type: RouteType;
  readonly dst: Ip4;
  readonly prefixLen: number;
  /** The gateway (RTA_GATEWAY), absent for on-link routes. */
  readonly via?: Ip4;
  /** The output device; '' for unreachable/blackhole/prohibit routes. */
  readonly dev: string;
  /** The preferred source (RTA_PREFSRC). */
  readonly src?: Ip4;
  readonly metric: number;
  readonly scope: AddrScope;
  readonly proto: RouteProto;
  readonly onlink: boolean;
  /** Insertion order, for deterministic ties. */
  readonly seq: number;
}

/** What `ip route add|del` asks for; unset fields take iproute2's defaults. */
export interface RouteSpec {
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly type?: RouteType;
  readonly via?: Ip4;
  readonly dev?: string;
  readonly src?: Ip4;
  readonly metric?: number;
  readonly scope?: AddrScope;
  readonly proto?: RouteProto;
  readonly table?: RouteTableId;
  readonly onlink?: boolean;
}

/** A refused route change, with the text iproute2 prints. */
export interface RouteError {
  readonly code:
    | 'exists'
    | 'notFound'
    | 'invalidGateway'
    | 'devDown'
    | 'nexthopDevDown'
    | 'netDown'
    | 'onlinkNoDevice'
    | 'noDevice'
    | 'invalidPrefsrc'
    | 'invalid';
  readonly msg: Msg;
}

/** The devices a FIB consults (implemented by Host). */
export interface DeviceSet {
  /** All devices in ifindex order (lo first). */
  readonly devices: readonly NetDevice[];
  device(name: string): NetDevice | undefined;
}

/** Filters of a FIB lookup (struct flowi4 fields that matter here). */
export interface FibLookupOpts {
  /** Only routes out of this device (flowi4_oif). */
  readonly oif?: string;
  /** Only routes whose scope value is ≥ this (flowi4_scope), e.g. RT_SCOPE_LINK for gateway checks. */
  readonly minScope?: number;
}

/**
 * Why a route entered or left the FIB: 'user' (`ip route add|del`), 'kernel' (the routes that
 * follow the addresses: fib_add_ifaddr / fib_del_ifaddr), 'devDown' (flushed with a device going
 * down), 'prefsrc' (its preferred source is no longer a local address).
 */
export type FibChangeCause = 'user' | 'kernel' | 'devDown' | 'prefsrc';

/** Told of every route inserted into or deleted from the FIB, after the change. */
export type FibListener = (op: 'add' | 'del', route: FibRoute, cause: FibChangeCause) => void;

/** A route as the trace carries it (the FIB route without its insertion sequence). */
export function routeEntry(r: FibRoute): RouteEntry {
  return {
    table: r.table,
    type: r.type,
    dst: r.dst,
    prefixLen: r.prefixLen,
    ...(r.via !== undefined ? { via: r.via } : {}),
    dev: r.dev,
    ...(r.src !== undefined ? { src: r.src } : {}),
    metric: r.metric,
    scope: r.scope,
    proto: r.proto,
    onlink: r.onlink,
  };
}

function routeError(code: RouteError['code'], params?: Record<string, string>): RouteError {
  return { code, msg: params === undefined ? { id: `route.err.${code}` } : { id: `route.err.${code}`, params } };
}

/** The FIB: local and main tables. */
export class Fib {
  readonly local: FibRoute[] = [];
  readonly main: FibRoute[] = [];
  private seq = 0;

  /** `listener` hears of every route change (the host emits `fib` events from it). */
  constructor(
    private readonly devs: DeviceSet,
    private readonly listener?: FibListener,
  ) {}

  /** Longest-prefix match in one table, then lowest metric, then the earliest route. */
  lookupTable(table: RouteTableId, dst: Ip4, opts: FibLookupOpts = {}): FibRoute | undefined {
    const routes = table === 'local' ? this.local : this.main;
    let best: FibRoute | undefined;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i] as FibRoute;
      if (!inPrefix(dst, r.dst, r.prefixLen)) continue;
      if (opts.oif !== undefined && r.dev !== opts.oif) continue;
      if (opts.minScope !== undefined && scopeValue(r.scope) < opts.minScope) continue;
      if (best === undefined || r.prefixLen > best.prefixLen || (r.prefixLen === best.prefixLen && r.metric < best.metric)) best = r;
    }
    return best;
  }

  /** fib_lookup: the local table first, then main. */
  lookup(dst: Ip4, opts: FibLookupOpts = {}): FibRoute | undefined {
    return this.lookupTable('local', dst, opts) ?? this.lookupTable('main', dst, opts);
  }

  /**
   * inet_addr_type: 'local' or 'broadcast' when the local table says so for `addr`, 'multicast'
   * for 224/4, 'broadcast' for 0.0.0.0 and 255.255.255.255, else 'unicast'.
   */
  addrType(addr: Ip4): 'local' | 'broadcast' | 'multicast' | 'unicast' {
    if (addr === 0 || addr === 0xffffffff) return 'broadcast';
    if (addr >>> 28 === 0xe) return 'multicast';
    const r = this.lookupTable('local', addr);
    if (r !== undefined && (r.type === 'local' || r.type === 'broadcast')) return r.type;
    return 'unicast';
  }

  /**
   * `ip route add`: applies iproute2's defaults (scope link for a route with no gateway, global
   * with one, host for local routes; proto boot; table main) and the kernel's checks
   * (fib_check_nh: the device exists and is up; a gateway must be reachable by a link-scope route
   * unless `onlink`; prefsrc must be local). Duplicate prefix+metric → EEXIST.
   */
  add(spec: RouteSpec): FibRoute | RouteError {
    const type = spec.type ?? 'unicast';
    const table = spec.table ?? (type === 'local' || type === 'broadcast' ? 'local' : 'main');
    const scope: AddrScope =
      spec.scope ?? (type === 'local' ? 'host' : type === 'broadcast' ? 'link' : type === 'unicast' && spec.via === undefined ? 'link' : 'global');
    const dst = networkOf(spec.dst, spec.prefixLen);
    const metric = spec.metric ?? 0;
    let dev = spec.dev ?? '';
    const onlink = spec.onlink ?? false;
    if (spec.dev !== undefined) {
      const d = this.devs.device(spec.dev);
      if (d === undefined) return routeError('noDevice', { dev: spec.dev });
    }
    if (type === 'unicast' || type === 'local' || type === 'broadcast') {
      if (spec.via !== undefined) {
        if (onlink) {
          // fib_check_nh_v4_gw with RTNH_F_ONLINK: trust the device, but it must exist and be up.
          if (spec.dev === undefined) return routeError('onlinkNoDevice');
          const d = this.devs.device(spec.dev) as NetDevice;
          if (!d.up) return routeError('nexthopDevDown');
          if (this.addrType(spec.via) !== 'unicast') return routeError('invalidGateway');
        } else {
          // The gateway must be reached by a route of scope link or narrower (a connected route).
          const minScope = Math.max(scopeValue(scope) + 1, 253);
          const viaOpts: FibLookupOpts = spec.dev === undefined ? { minScope } : { minScope, oif: spec.dev };
          const nh = this.lookup(spec.via, viaOpts);
          if (nh === undefined || (nh.type !== 'unicast' && nh.type !== 'local')) return routeError('invalidGateway');
          dev = nh.dev;
          if (!(this.devs.device(dev)?.up ?? false)) return routeError('netDown');
        }
      } else {
        // fib_check_nh_nongw (scope host routes such as `local` skip the device check).
        if (spec.dev === undefined) return routeError('invalid');
        const d = this.devs.device(dev) as NetDevice;
        if (scope !== 'host' && !d.up) return routeError('devDown');
      }
    }
    if (spec.src !== undefined && !(type === 'local' && spec.src === dst) && this.addrType(spec.src) !== 'local') {
      return routeError('invalidPrefsrc');
    }
    const routes = table === 'local' ? this.local : this.main;
    if (routes.some((r) => r.dst === dst && r.prefixLen === spec.prefixLen && r.metric === metric)) return routeError('exists');
    const route: FibRoute = {
      table,
      type,
      dst,
      prefixLen: spec.prefixLen,
      ...(spec.via !== undefined ? { via: spec.via } : {}),
      dev,
      ...(spec.src !== undefined ? { src: spec.src } : {}),
      metric,
      scope,
      proto: spec.proto ?? 'boot',
      onlink,
      seq: this.seq++,
    };
    routes.push(route);
    this.listener?.('add', route, 'user');
    return route;
  }

  /**
   * `ip route del`: removes the first route of the table matching the prefix and every field the
   * spec gives (fib_table_delete). ESRCH when none matches.
   */
  del(spec: RouteSpec): FibRoute | RouteError {
    const table = spec.table ?? (spec.type === 'local' || spec.type === 'broadcast' ? 'local' : 'main');
    const routes = table === 'local' ? this.local : this.main;
    const dst = networkOf(spec.dst, spec.prefixLen);
    const i = routes.findIndex(
      (r) =>
        r.dst === dst &&
        r.prefixLen === spec.prefixLen &&
        (spec.metric === undefined || r.metric === spec.metric) &&
        (spec.via === undefined || r.via === spec.via) &&
        (spec.dev === undefined || r.dev === spec.dev) &&
        (spec.type === undefined || r.type === spec.type) &&
        (spec.src === undefined || r.src === spec.src) &&
        (spec.proto === undefined || r.proto === spec.proto) &&
        (spec.scope === undefined || r.scope === spec.scope),
    );
    if (i < 0) return routeError('notFound');
    const gone = routes.splice(i, 1)[0] as FibRoute;
    this.listener?.('del', gone, 'user');
    return gone;
  }

  /**
   * fib_sync_down_dev + fib_flush on NETDEV_DOWN: every route through `dev` dies except those of
   * scope host (their next hop has scope "nowhere"), so our own addresses stay local.
   */
  flushDevice(dev: string): void {
    this.removeWhere((r) => r.dev === dev && r.scope !== 'host', 'devDown');
  }

  /** fib_sync_down_addr: drops routes whose preferred source was `addr` (no longer local anywhere). */
  flushPrefsrc(addr: Ip4): void {
    this.removeWhere((r) => r.proto !== 'kernel' && r.src === addr, 'prefsrc');
  }

  /** Removes the routes of both tables that `gone` selects, keeping the others' order; tells the listener of each. */
  private removeWhere(gone: (r: FibRoute) => boolean, cause: FibChangeCause): void {
    for (const routes of [this.local, this.main]) {
      let kept = 0;
      for (let i = 0; i < routes.length; i++) {
        const r = routes[i] as FibRoute;
        if (gone(r)) this.listener?.('del', r, cause);
        else routes[kept++] = r;
      }
      routes.length = kept;
    }
  }

  /**
   * Brings the kernel routes in line with the addresses, as fib_add_ifaddr / fib_del_ifaddr and
   * the device events leave them. Per address: a local /32 route (src = the subnet's primary),
   * added even on a down device; and, added only while the device is up, an explicit broadcast
   * route and for a primary the prefix route (main table, scope link; RTN_LOCAL in the local table
   * on loopback) and the subnet broadcast route (prefix < 31). A down device keeps only its scope
   * host routes. Routes that stay keep their place; new ones are appended.
   */
  syncKernelRoutes(): void {
    const key = (r: Omit<FibRoute, 'seq'>): string => `${r.table}|${r.type}|${r.dst}|${r.prefixLen}|${r.dev}|${r.src ?? ''}|${r.scope}`;
    const keep = new Set<string>();
    const toAdd: Omit<FibRoute, 'seq'>[] = [];
    const want = (r: Omit<FibRoute, 'seq'>, up: boolean): void => {
      if (!up && r.scope !== 'host') return;
      const k = key(r);
      if (keep.has(k)) return;
      keep.add(k);
      if (up || r.prefixLen === 32) toAdd.push(r);
    };
    for (const d of this.devs.devices) {
      for (const ifa of d.addrs) {
        const prim = primaryFor(d, ifa);
        if (prim === undefined) continue;
        const base = { dev: d.name, src: prim.local, metric: 0, proto: 'kernel' as const, onlink: false };
        want({ ...base, table: 'local', type: 'local', dst: ifa.local, prefixLen: 32, scope: 'host' }, true);
        if (ifa.broadcast !== 0 && ifa.broadcast !== 0xffffffff) {
          want({ ...base, table: 'local', type: 'broadcast', dst: ifa.broadcast, prefixLen: 32, scope: 'link' }, d.up);
        }
        const prefix = networkOf(ifa.local, ifa.prefixLen);
        if (prefix !== 0 && !ifa.secondary && (prefix !== ifa.local || ifa.prefixLen < 32)) {
          if (d.isLoopback) want({ ...base, table: 'local', type: 'local', dst: prefix, prefixLen: ifa.prefixLen, scope: 'host' }, d.up);
          else want({ ...base, table: 'main', type: 'unicast', dst: prefix, prefixLen: ifa.prefixLen, scope: 'link' }, d.up);
          if (ifa.prefixLen < 31) {
            want({ ...base, table: 'local', type: 'broadcast', dst: broadcastOf(ifa.local, ifa.prefixLen), prefixLen: 32, scope: 'link' }, d.up);
          }
        }
      }
    }
    const present = new Set<string>();
    this.removeWhere((r) => {
      if (r.proto !== 'kernel') return false;
      const k = key(r);
      if (!keep.has(k)) return true;
      present.add(k);
      return false;
    }, 'kernel');
    for (const r of toAdd) {
      const k = key(r);
      if (present.has(k)) continue;
      present.add(k);
      const route: FibRoute = { ...r, seq: this.seq++ };
      (r.table === 'local' ? this.local : this.main).push(route);
      this.listener?.('add', route, 'kernel');
    }
  }

  /** Routes of a table in the order `ip route show` lists them (trie key order, longer prefix first, then metric). */
  list(table: RouteTableId = 'main'): FibRoute[] {
    const routes = [...(table === 'local' ? this.local : this.main)];
    return routes.sort((a, b) => a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric || a.seq - b.seq);
  }
}

/** The primary address a route for `ifa` takes its prefsrc from (inet_ifa_byprefix for secondaries). */
function primaryFor(d: NetDevice, ifa: InAddr): InAddr | undefined {
  if (!ifa.secondary) return ifa;
  return d.addrs.find((a) => !a.secondary && a.prefixLen === ifa.prefixLen && inPrefix(ifa.local, a.local, a.prefixLen));
}

/**
 * One `ip route show` line, as iproute2 prints it (see wire/route-text.ts): each field followed
 * by one space, as iproute2's print_route does.
 */
export function formatRoute(r: FibRoute): string {
  return formatRouteText(r);
}

/** `ip route show [table local]` output of a host: one line per route, each ending in a newline. */
export function formatIpRoute(host: { readonly fib: Fib }, table: RouteTableId = 'main'): string {
  return host.fib
    .list(table)
    .map((r) => formatRoute(r) + '\n')
    .join('');
}
