/**
 * FULLNAT local addresses (alibaba/LVS ip_vs_ctl.c ip_vs_add_laddr/ip_vs_del_laddr, ip_vs_conn.c
 * ip_vs_get_laddr and ip_vs_hbind_laddr). Every service keeps its own list of local addresses
 * (`ipvsadm -P -t VIP:PORT -z LIP`), added at the tail. A new FULLNAT connection takes the next
 * address round robin (`svc->curr_laddr` steps once per connection) and, on that one address
 * only, a port `lport_min + (++counter mod (lport_max − lport_min + 1))` from the address's own
 * counter; a candidate whose (RIP, RPORT, LIP, LPORT, protocol) is already in the connection table
 * is a conflict and the next counter value is tried, up to `lport_tries` times. When every try
 * collides, or the service has no local address, the binding fails ("no port available"). The
 * ranges are the sysctls net.ipv4.vs.fullnat_lport_min/max/tries (defaults 5000, 65535, 10000).
 * Simplified: the collision check looks at FULLNAT entries only (a NAT/DR/TUN entry's reply tuple
 * would need a client using the director's local address as its own source).
 */
import type { Ip4 } from '../net/wire/addr.js';
import type { IpvsConn } from './conn.js';
import type { Service } from './service.js';
import type { IpvsState } from './state.js';

/** Defaults of the alibaba sysctls (ip_vs_ctl.c). */
export const LPORT_MIN_DEFAULT = 5000;
export const LPORT_MAX_DEFAULT = 65535;
export const LPORT_TRIES_DEFAULT = 10000;

/** One local address of a service (struct ip_vs_laddr). */
export class LocalAddr {
  readonly addr: Ip4;
  /** The port counter (atomic64 `port`): each try takes the next value. */
  port = 0;
  /** Tries that hit a connection already using the candidate (port_conflict). */
  portConflict = 0;
  /** Connections bound to this address (conn_counts). */
  connCounts = 0;

  constructor(addr: Ip4) {
    this.addr = addr;
  }
}

/** A service's local addresses in list order, and the round-robin cursor (curr_laddr). */
export class LaddrList {
  readonly entries: LocalAddr[] = [];
  /** Index of the entry used last; −1 is the list head. */
  curr = -1;

  /** ip_vs_lookup_laddr. */
  find(addr: Ip4): LocalAddr | undefined {
    return this.entries.find((l) => l.addr === addr);
  }

  /** list_add_tail. */
  add(addr: Ip4): LocalAddr {
    const l = new LocalAddr(addr);
    this.entries.push(l);
    return l;
  }

  /** list_del; when the cursor is on the entry it moves to the entry's successor (or the head). */
  remove(l: LocalAddr): void {
    const i = this.entries.indexOf(l);
    if (i < 0) return;
    const last = i === this.entries.length - 1;
    this.entries.splice(i, 1);
    if (this.curr === i) this.curr = last ? -1 : i;
    else if (this.curr > i) this.curr--;
  }

  /** ip_vs_get_laddr: the entry after the cursor, skipping the head; the cursor moves onto it. */
  next(): LocalAddr | null {
    const n = this.entries.length;
    if (n === 0) return null;
    this.curr = (this.curr + 1) % n;
    return this.entries[this.curr] ?? null;
  }
}

const lists = new WeakMap<Service, LaddrList>();

/** The local address list of `svc` (svc->laddr_list), created empty on first use. */
export function laddrList(svc: Service): LaddrList {
  let l = lists.get(svc);
  if (l === undefined) {
    l = new LaddrList();
    lists.set(svc, l);
  }
  return l;
}

/** The port range and tries in force (sysctl_ip_vs_lport_min/max/tries). */
export interface LportRange {
  readonly min: number;
  readonly max: number;
  readonly tries: number;
}

function sysctlOr(ipvs: IpvsState, key: string, def: number): number {
  const v = ipvs.host.sysctl(`net.ipv4.vs.${key}`);
  return Number.isFinite(v) && v > 0 ? v : def;
}

/** The current local port range and number of tries. */
export function lportRange(ipvs: IpvsState): LportRange {
  return {
    min: sysctlOr(ipvs, 'fullnat_lport_min', LPORT_MIN_DEFAULT),
    max: sysctlOr(ipvs, 'fullnat_lport_max', LPORT_MAX_DEFAULT),
    tries: sysctlOr(ipvs, 'fullnat_lport_tries', LPORT_TRIES_DEFAULT),
  };
}

/**
 * ip_vs_hbind_laddr for a FULLNAT entry: picks the local address round robin and a free port on
 * it, and sets `cp.laddr`, `cp.lport`, `cp.local`. Returns false when no port is available (the
 * caller deletes the entry and drops the packet). The entry is not hashed here.
 */
export function bindLaddr(ipvs: IpvsState, cp: IpvsConn, svc: Service): boolean {
  const local = laddrList(svc).next();
  if (local === null) return false;
  const range = lportRange(ipvs);
  const remaining = range.max - range.min + 1;
  if (remaining <= 0) return false;
  for (let i = 0; i < range.tries; i++) {
    local.port++;
    const lport = range.min + (local.port % remaining);
    if (ipvs.conns.fnatOutGet(cp.protocol, cp.daddr, cp.dport, local.addr, lport) !== null) {
      local.portConflict++;
      continue;
    }
    cp.laddr = local.addr;
    cp.lport = lport;
    cp.local = local;
    local.connCounts++;
    return true;
  }
  return false;
}

/** ip_vs_unbind_laddr: the entry no longer counts on its local address. */
export function unbindLaddr(cp: IpvsConn): void {
  const local = cp.local;
  if (local === null) return;
  local.connCounts--;
  cp.local = null;
}
