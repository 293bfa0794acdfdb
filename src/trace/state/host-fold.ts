/**
 * One host's state, folded event by event: the IPVS table (ip_vs_ctl.c: a new real server is
 * linked at the head of the service's list, an edit keeps its place), the connection table
 * (ip_vs_conn.c: an entry lives from its `new` to its `expire` event; a template that
 * ip_vs_check_template invalidated is rehashed with ports 0xffff, which moves it to the end), the
 * neighbour tables (state NONE removes an entry), VRRP instances, and devices, addresses
 * (__inet_insert_ifa's placement) and routes. A crash forgets what the simulator forgets without
 * events (host.ts crash: the ARP caches; keepalived's halt: every instance goes to STOP).
 */
import type { Ip4 } from '../../net/wire/addr.js';
import type { AddrEntry, AddrScopeName, IpvsConnSnapshot, IpvsServiceSnapshot, RouteEntry, TraceEvent } from '../events.js';
import type { TopoHost } from '../topology.js';
import { CowMap } from './cow.js';
import type { HostState, LinkState, NeighEntryState, RouteState, ServiceState, VrrpInstanceState } from './types.js';

/** The key of a service in HostState.services: `FWM <mark>` or `<protocol> <vaddr>:<vport>`. */
export function serviceKey(s: IpvsServiceSnapshot): string {
  return s.fwmark !== 0 ? `FWM ${s.fwmark}` : `${s.protocol} ${s.vaddr}:${s.vport}`;
}

/** The key of a connection entry in HostState.conns (its hash identity and real server). */
export function connKey(c: IpvsConnSnapshot): string {
  return `${c.protocol} ${c.caddr}:${c.cport} ${c.vaddr}:${c.vport} ${c.daddr}:${c.dport}${c.template ? ' T' : ''}`;
}

/** The key of a neighbour entry in HostState.neigh. */
export function neighKey(iface: string, ip: Ip4): string {
  return `${iface} ${ip}`;
}

/** The key of a route in HostState.routes: every field (two routes alike in all are one route). */
export function routeKey(r: RouteEntry): string {
  return `${r.table} ${r.type} ${r.dst}/${r.prefixLen} ${r.via ?? '-'} ${r.dev} ${r.src ?? '-'} ${r.metric} ${r.scope} ${r.proto} ${r.onlink ? 1 : 0}`;
}

/** The port ip_vs_check_template gives an invalidated template (so that no lookup matches it). */
const INVALID_PORT = 0xffff;

/** RT_SCOPE_* values: a smaller number is a wider scope. */
function scopeValue(s: AddrScopeName): number {
  return s === 'global' ? 0 : s === 'link' ? 253 : 254;
}

/** The mutable side of a host's state, copied on write from the last frozen one. */
export class HostFolder {
  private crashed: boolean;
  private readonly services: CowMap<string, ServiceState>;
  private serviceSeq: number;
  private readonly conns: CowMap<string, IpvsConnSnapshot>;
  private readonly neigh: CowMap<string, NeighEntryState>;
  private readonly vrrp: CowMap<string, VrrpInstanceState>;
  private readonly links: CowMap<string, LinkState>;
  private readonly addrs: CowMap<string, readonly AddrEntry[]>;
  private readonly routes: CowMap<string, RouteState>;
  private routeSeq: number;
  private frozen: HostState | undefined;

  private constructor(readonly name: string, from: HostState | undefined) {
    this.crashed = from?.crashed ?? false;
    this.services = new CowMap(from?.services);
    this.serviceSeq = from?.serviceSeq ?? 0;
    this.conns = new CowMap(from?.conns);
    this.neigh = new CowMap(from?.neigh);
    this.vrrp = new CowMap(from?.vrrp);
    this.links = new CowMap(from?.links);
    this.addrs = new CowMap(from?.addrs);
    this.routes = new CowMap(from?.routes);
    this.routeSeq = from?.routeSeq ?? 0;
    this.frozen = from;
  }

  /** A host with nothing yet, or as the topology built it. */
  static initial(name: string, topo: TopoHost | undefined): HostFolder {
    const h = new HostFolder(name, undefined);
    if (topo !== undefined) {
      topo.ifaces.forEach((i, n) => {
        const link: LinkState = { name: i.name, kind: i.kind, ifindex: n + 1, mtu: i.mtu, up: i.up, ...(i.segment !== undefined ? { segment: i.segment } : {}), ...(i.mac !== undefined ? { mac: i.mac } : {}) };
        h.links.set(i.name, link);
        if (i.addrs.length > 0) h.addrs.set(i.name, i.addrs.slice());
      });
      for (const r of topo.routes) h.addRoute(r);
    }
    return h;
  }

  /** Continues from a frozen state (nothing is copied until something changes). */
  static thaw(state: HostState): HostFolder {
    return new HostFolder(state.name, state);
  }

  /** Table entries copied so far by writes after a freeze (see CowMap.copied). */
  copied(): number {
    return this.services.copied + this.conns.copied + this.neigh.copied + this.vrrp.copied + this.links.copied + this.addrs.copied + this.routes.copied;
  }

  /** The state now, as an immutable value (the same object as last time when nothing changed). */
  freeze(): HostState {
    if (this.frozen !== undefined) return this.frozen;
    this.frozen = {
      name: this.name,
      crashed: this.crashed,
      services: this.services.freeze(),
      serviceSeq: this.serviceSeq,
      conns: this.conns.freeze(),
      neigh: this.neigh.freeze(),
      vrrp: this.vrrp.freeze(),
      links: this.links.freeze(),
      addrs: this.addrs.freeze(),
      routes: this.routes.freeze(),
      routeSeq: this.routeSeq,
    };
    return this.frozen;
  }

  /** Applies one event of this host; events that change no state are ignored. */
  apply(e: TraceEvent): void {
    switch (e.kind) {
      case 'ipvs.service':
        this.applyService(e.op, e.service);
        break;
      case 'ipvs.dest':
        this.applyDest(e);
        break;
      case 'ipvs.conn':
        this.applyConn(e.op, e.conn);
        break;
      case 'neigh':
        this.applyNeigh(e);
        break;
      case 'vrrp':
        this.frozen = undefined;
        this.vrrp.set(e.instance, { instance: e.instance, vrid: e.vrid, iface: e.iface, state: e.state, prio: e.prio, since: e.t });
        break;
      case 'link':
        this.applyLink(e);
        break;
      case 'addr':
        this.applyAddr(e.op, e.iface, e.entry);
        break;
      case 'fib':
        this.frozen = undefined;
        if (e.op === 'add') this.addRoute(e.route);
        else this.routes.delete(routeKey(e.route));
        break;
      case 'host':
        this.applyHost(e.op, e.t);
        break;
      default:
        break;
    }
  }

  private applyService(op: 'add' | 'edit' | 'del', s: IpvsServiceSnapshot): void {
    const key = serviceKey(s);
    this.frozen = undefined;
    if (op === 'del') {
      this.services.delete(key);
      return;
    }
    const old = this.services.get(key);
    if (op === 'add' || old === undefined) {
      this.services.set(key, { service: s, seq: ++this.serviceSeq, dests: [] });
      return;
    }
    this.services.set(key, { service: s, seq: old.seq, dests: old.dests });
  }

  private applyDest(e: Extract<TraceEvent, { kind: 'ipvs.dest' }>): void {
    const key = serviceKey(e.service);
    const svc = this.services.get(key);
    if (svc === undefined) return;
    const d = e.dest;
    const i = svc.dests.findIndex((x) => x.daddr === d.daddr && x.dport === d.dport);
    let dests: (typeof svc.dests)[number][];
    if (e.op === 'add') {
      dests = i < 0 ? [d, ...svc.dests] : svc.dests.slice();
      if (i >= 0) dests[i] = d;
    } else if (i < 0) {
      // Counters of a server already deleted (still in the trash): not listed.
      return;
    } else if (e.op === 'del') {
      dests = svc.dests.filter((_, n) => n !== i);
    } else {
      dests = svc.dests.slice();
      dests[i] = d;
    }
    this.frozen = undefined;
    this.services.set(key, { service: svc.service, seq: svc.seq, dests });
  }

  private applyConn(op: 'new' | 'state' | 'expire', c: IpvsConnSnapshot): void {
    this.frozen = undefined;
    const key = connKey(c);
    if (op === 'new') {
      this.conns.set(key, c);
      return;
    }
    if (c.template && c.vport === INVALID_PORT && c.dport === INVALID_PORT && !this.conns.has(key)) {
      // ip_vs_check_template unhashed the template and hashed it again with ports 0xffff.
      const old = this.findInvalidated(c);
      if (old !== undefined) {
        this.conns.delete(old);
        if (op === 'state') this.conns.set(key, c);
        return;
      }
    }
    if (op === 'expire') this.conns.delete(key);
    else this.conns.set(key, c);
  }

  private findInvalidated(c: IpvsConnSnapshot): string | undefined {
    for (const [k, x] of this.conns.entries()) {
      if (x.template && x.protocol === c.protocol && x.caddr === c.caddr && x.cport === c.cport && x.vaddr === c.vaddr && x.daddr === c.daddr && x.vport !== INVALID_PORT) return k;
    }
    return undefined;
  }

  private applyNeigh(e: Extract<TraceEvent, { kind: 'neigh' }>): void {
    this.frozen = undefined;
    const key = neighKey(e.iface, e.ip);
    if (e.state === 'NONE') {
      this.neigh.delete(key);
      return;
    }
    this.neigh.set(key, e.mac === undefined ? { iface: e.iface, ip: e.ip, state: e.state } : { iface: e.iface, ip: e.ip, mac: e.mac, state: e.state });
  }

  /** RTM_NEWLINK carries the whole device: a device not seen before gets the next ifindex. */
  private applyLink(e: Extract<TraceEvent, { kind: 'link' }>): void {
    const old = this.links.get(e.iface);
    this.frozen = undefined;
    const segment = old?.segment;
    this.links.set(e.iface, {
      name: e.iface,
      kind: e.link,
      ifindex: old?.ifindex ?? this.links.size + 1,
      mtu: e.mtu,
      up: e.up,
      ...(segment !== undefined ? { segment } : {}),
      ...(e.mac !== undefined ? { mac: e.mac } : {}),
    });
  }

  /** __inet_insert_ifa: a secondary goes last, a primary after the last primary of no narrower scope. */
  private applyAddr(op: 'add' | 'del', iface: string, a: AddrEntry): void {
    this.frozen = undefined;
    const list = this.addrs.get(iface) ?? [];
    if (op === 'del') {
      const next = list.filter((x) => !(x.addr === a.addr && x.prefixLen === a.prefixLen && x.label === a.label));
      if (next.length === 0) this.addrs.delete(iface);
      else this.addrs.set(iface, next);
      return;
    }
    // An add of an address already listed is a promotion (a secondary made primary when its
    // primary left; the kernel sends RTM_NEWADDR alone): it moves, it is not listed twice.
    const next = list.filter((x) => !(x.addr === a.addr && x.prefixLen === a.prefixLen));
    if (a.secondary) next.push(a);
    else {
      let lastPrimary = 0;
      const sv = scopeValue(a.scope);
      next.forEach((x, i) => {
        if (!x.secondary && sv <= scopeValue(x.scope)) lastPrimary = i + 1;
      });
      next.splice(lastPrimary, 0, a);
    }
    this.addrs.set(iface, next);
  }

  private addRoute(r: RouteEntry): void {
    this.frozen = undefined;
    this.routes.set(routeKey(r), { ...r, seq: ++this.routeSeq });
  }

  private applyHost(op: 'crash' | 'restart', t: number): void {
    this.frozen = undefined;
    this.crashed = op === 'crash';
    if (op !== 'crash') return;
    this.neigh.clear();
    for (const v of [...this.vrrp.values()]) if (v.state !== 'STOP') this.vrrp.set(v.instance, { ...v, state: 'STOP', since: t });
  }
}
