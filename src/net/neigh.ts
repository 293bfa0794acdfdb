/**
 * The neighbour (ARP cache) table of one device and its NUD state machine, after
 * net/core/neighbour.c: __neigh_event_send (INCOMPLETE with queued packets, STALE → DELAY),
 * neigh_timer_handler (REACHABLE → STALE/DELAY, DELAY → REACHABLE/PROBE, probe retransmission every
 * retrans_time, FAILED after mcast_probes broadcast or ucast_probes unicast probes) and
 * neigh_update (override/locktime rules; a valid entry with the same MAC keeps its state on a
 * STALE update). Parameters are the arp_tbl defaults. Simplified: no garbage collection (the
 * kernel only collects above gc_thresh1 = 128 entries), no app_probes, no upper-layer confirmation.
 */
import type { Ip4, Mac } from './wire/addr.js';
import { formatIp4 } from './wire/addr.js';
import type { NeighState } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import type { Skb, SimApi, Timer } from './types.js';
import { MS, SEC } from './types.js';

/** neigh_parms of arp_tbl (net/ipv4/arp.c), in ns where they are times. */
export interface NeighParms {
  baseReachableTime: number;
  retransTime: number;
  delayProbeTime: number;
  ucastProbes: number;
  mcastProbes: number;
  mcastReprobes: number;
  locktime: number;
  /** unres_qlen: packets queued per unresolved entry (101 = the modern default derived from unres_qlen_bytes). */
  unresQlen: number;
}

/** The Linux arp_tbl defaults. */
export function defaultNeighParms(): NeighParms {
  return {
    baseReachableTime: 30 * SEC,
    retransTime: 1 * SEC,
    delayProbeTime: 5 * SEC,
    ucastProbes: 3,
    mcastProbes: 3,
    mcastReprobes: 0,
    locktime: 1 * SEC,
    unresQlen: 101,
  };
}

/** How often the kernel re-draws reachable_time (neigh_periodic_work). */
const REACHABLE_REDRAW = 300 * SEC;

type EntryState = NeighState | 'NONE';

/** One neighbour entry (struct neighbour). */
export class NeighEntry {
  state: EntryState = 'NONE';
  /** Link-layer address; undefined until known. */
  mac: Mac | undefined = undefined;
  updated = 0;
  confirmed = 0;
  used = 0;
  probes = 0;
  readonly queue: Skb[] = [];
  timer: Timer | null = null;
  /** The flow of the packet that started resolution, for the lineage of ARP requests. */
  flow = 0;

  constructor(readonly ip: Ip4) {}
}

/** NUD_VALID: a usable link-layer address. */
export function isValid(s: EntryState): boolean {
  return s === 'REACHABLE' || s === 'STALE' || s === 'DELAY' || s === 'PROBE' || s === 'PERMANENT' || s === 'NOARP';
}
/** NUD_CONNECTED: usable without a reachability check. */
export function isConnected(s: EntryState): boolean {
  return s === 'REACHABLE' || s === 'PERMANENT' || s === 'NOARP';
}
function inTimer(s: EntryState): boolean {
  return s === 'INCOMPLETE' || s === 'REACHABLE' || s === 'DELAY' || s === 'PROBE';
}

/** neigh_update flags. */
export interface NeighUpdateFlags {
  /** NEIGH_UPDATE_F_OVERRIDE: a different MAC may replace the cached one. */
  readonly override?: boolean;
  /** NEIGH_UPDATE_F_ADMIN: an administrative change (`ip neigh`), allowed on PERMANENT entries. */
  readonly admin?: boolean;
  /** Recorded in the trace when a different MAC is refused for want of `override` (locktime). */
  readonly refused?: Msg;
}

/** What the table needs from its host. */
export interface NeighOwner {
  readonly sim: SimApi;
  /** Whether the host is running (a crashed host's timers do nothing). */
  isAlive(): boolean;
  /** Emits a `neigh` event for an entry of device `dev`. */
  neighChanged(dev: string, entry: NeighEntry, msg: Msg): void;
  /**
   * arp_solicit: sends a request for `entry.ip`; `skb` is the last queued packet (undefined in
   * PROBE state), `unicastTo` the cached MAC for a unicast probe.
   */
  solicit(dev: string, entry: NeighEntry, skb: Skb | undefined, unicastTo: Mac | undefined): void;
  /** Transmits a packet whose neighbour is resolved. */
  xmit(dev: string, skb: Skb, mac: Mac): void;
  /** Drops a queued packet. */
  dropSkb(skb: Skb, reason: Msg): void;
}

/** The neighbour table of one device. */
export class NeighTable {
  readonly entries = new Map<Ip4, NeighEntry>();
  readonly parms: NeighParms = defaultNeighParms();
  private reachableTimeNs = -1;
  private lastRand = 0;

  constructor(
    private readonly owner: NeighOwner,
    readonly dev: string,
  ) {}

  /** parms->reachable_time: uniform in [base/2, 3·base/2), re-drawn every 300 s. */
  reachableTime(): number {
    const now = this.owner.sim.now;
    if (this.reachableTimeNs < 0 || now - this.lastRand > REACHABLE_REDRAW) {
      const baseMs = Math.floor(this.parms.baseReachableTime / MS);
      this.reachableTimeNs = (this.owner.sim.randomInt(0, baseMs - 1) + (baseMs >> 1)) * MS;
      this.lastRand = now;
    }
    return this.reachableTimeNs;
  }

  lookup(ip: Ip4): NeighEntry | undefined {
    return this.entries.get(ip);
  }

  /** __neigh_lookup with create: the entry for `ip`, created in state NONE when missing. */
  lookupCreate(ip: Ip4): NeighEntry {
    let n = this.entries.get(ip);
    if (n === undefined) {
      n = new NeighEntry(ip);
      this.entries.set(ip, n);
    }
    return n;
  }

  /**
   * neigh_resolve_output: sends `skb` to `ip` when the entry is usable, else queues it and starts
   * (or continues) resolution. A STALE entry is used at once and moves to DELAY.
   */
  output(skb: Skb, ip: Ip4): void {
    const n = this.lookupCreate(ip);
    const now = this.owner.sim.now;
    n.used = now;
    if (isConnected(n.state) || n.state === 'DELAY' || n.state === 'PROBE') {
      this.owner.xmit(this.dev, skb, n.mac as Mac);
      return;
    }
    let immediateProbe = false;
    if (n.state !== 'STALE' && n.state !== 'INCOMPLETE') {
      n.probes = this.parms.ucastProbes;
      this.clearTimer(n);
      n.state = 'INCOMPLETE';
      n.updated = now;
      n.flow = skb.flow;
      immediateProbe = true;
      this.arm(n, Math.max(this.parms.retransTime, 10 * MS));
      this.owner.neighChanged(this.dev, n, { id: 'neigh.incomplete', params: { ip: formatIp4(ip), iface: this.dev } });
    } else if (n.state === 'STALE') {
      this.clearTimer(n);
      n.state = 'DELAY';
      n.updated = now;
      this.arm(n, this.parms.delayProbeTime);
      this.owner.neighChanged(this.dev, n, { id: 'neigh.delay', params: { ip: formatIp4(ip), iface: this.dev, delayMs: this.parms.delayProbeTime / MS } });
    }
    if (n.state === 'INCOMPLETE') {
      while (n.queue.length >= this.parms.unresQlen) {
        const old = n.queue.shift() as Skb;
        this.owner.dropSkb(old, { id: 'neigh.drop.queueFull', params: { ip: formatIp4(ip), iface: this.dev, qlen: this.parms.unresQlen } });
      }
      n.queue.push(skb);
      if (immediateProbe) this.probe(n);
      return;
    }
    this.owner.xmit(this.dev, skb, n.mac as Mac);
  }

  /**
   * neigh_update: moves `n` to `newState` with `lladdr` (undefined: keep the cached one).
   * `msg` explains the change in the trace. Returns whether anything changed.
   */
  update(n: NeighEntry, lladdr: Mac | undefined, newState: EntryState, flags: NeighUpdateFlags, msg: Msg): boolean {
    const old = n.state;
    const now = this.owner.sim.now;
    if (!flags.admin && (old === 'NOARP' || old === 'PERMANENT')) return false;
    if (!isValid(newState)) {
      this.clearTimer(n);
      n.state = newState;
      if ((old === 'INCOMPLETE' || old === 'PROBE') && newState === 'FAILED') this.invalidate(n);
      if (old !== newState) this.owner.neighChanged(this.dev, n, msg);
      return old !== newState;
    }
    let addr = lladdr;
    if (addr === undefined) {
      if (!isValid(old)) return false;
      addr = n.mac;
    }
    if (isConnected(newState)) n.confirmed = now;
    let state = newState;
    if (isValid(old)) {
      if (addr !== n.mac && !flags.override) {
        // The entry keeps its address; the trace says why when the caller gave a reason.
        if (flags.refused !== undefined) this.owner.neighChanged(this.dev, n, flags.refused);
        return false;
      }
      if (addr === n.mac && state === 'STALE' && !flags.admin) state = old;
    }
    const macChanged = addr !== n.mac;
    if (state !== old || macChanged) n.updated = now;
    if (state !== old) {
      this.clearTimer(n);
      if (state === 'PROBE') n.probes = 0;
      n.state = state;
      if (inTimer(state)) this.arm(n, state === 'REACHABLE' ? this.reachableTime() : 0);
    }
    if (macChanged) {
      n.mac = addr;
      if (!isConnected(state)) n.confirmed = now - 2 * this.parms.baseReachableTime;
    }
    if (state === old && !macChanged) return false;
    this.owner.neighChanged(this.dev, n, msg);
    if (!isValid(old) && isValid(state)) {
      const queued = n.queue.splice(0, n.queue.length);
      for (const skb of queued) this.output(skb, n.ip);
    }
    return true;
  }

  /** `ip neigh add|replace … nud permanent|reachable|stale|noarp` (an administrative update). */
  setStatic(ip: Ip4, mac: Mac, state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP'): void {
    const n = this.lookupCreate(ip);
    this.update(n, mac, state, { override: true, admin: true }, { id: 'neigh.admin', params: { ip: formatIp4(ip), iface: this.dev, state } });
  }

  /** `ip neigh del`: removes the entry (queued packets are dropped). Returns false when absent. */
  delete(ip: Ip4): boolean {
    const n = this.entries.get(ip);
    if (n === undefined) return false;
    this.remove(n, { id: 'neigh.removed', params: { ip: formatIp4(ip), iface: this.dev } });
    return true;
  }

  /**
   * Removes entries: all of them (`all`, as neigh_ifdown does when the device goes down) or only
   * the non-permanent ones (`ip neigh flush`).
   */
  flush(all: boolean): void {
    for (const n of [...this.entries.values()]) {
      if (!all && (n.state === 'PERMANENT' || n.state === 'NOARP')) continue;
      this.remove(n, { id: 'neigh.removed', params: { ip: formatIp4(n.ip), iface: this.dev } });
    }
  }

  /** Forgets everything without trace events (the host crashed: its memory is gone). */
  reset(): void {
    for (const n of this.entries.values()) this.clearTimer(n);
    this.entries.clear();
    this.reachableTimeNs = -1;
  }

  private remove(n: NeighEntry, msg: Msg): void {
    this.clearTimer(n);
    for (const skb of n.queue.splice(0, n.queue.length)) this.owner.dropSkb(skb, msg);
    this.entries.delete(n.ip);
    n.state = 'NONE';
    this.owner.neighChanged(this.dev, n, msg);
  }

  private arm(n: NeighEntry, delay: number): void {
    n.timer = this.owner.sim.after(delay, () => {
      n.timer = null;
      if (this.owner.isAlive()) this.timerHandler(n);
    });
  }

  private clearTimer(n: NeighEntry): void {
    if (n.timer !== null) {
      n.timer.cancel();
      n.timer = null;
    }
  }

  private maxProbes(n: NeighEntry): number {
    return this.parms.ucastProbes + (n.state === 'PROBE' ? this.parms.mcastReprobes : this.parms.mcastProbes);
  }

  /** neigh_timer_handler. */
  private timerHandler(n: NeighEntry): void {
    const now = this.owner.sim.now;
    const state = n.state;
    if (!inTimer(state)) return;
    const p = this.parms;
    let next = now + SEC;
    const ip = formatIp4(n.ip);
    if (state === 'REACHABLE') {
      const rt = this.reachableTime();
      if (now <= n.confirmed + rt) {
        next = n.confirmed + rt;
      } else if (now <= n.used + p.delayProbeTime) {
        n.state = 'DELAY';
        n.updated = now;
        next = now + p.delayProbeTime;
        this.owner.neighChanged(this.dev, n, { id: 'neigh.delay.fromReachable', params: { ip, iface: this.dev, delayMs: p.delayProbeTime / MS } });
      } else {
        n.state = 'STALE';
        n.updated = now;
        this.owner.neighChanged(this.dev, n, { id: 'neigh.stale.timeout', params: { ip, iface: this.dev, reachableMs: rt / MS } });
      }
    } else if (state === 'DELAY') {
      if (now <= n.confirmed + p.delayProbeTime) {
        n.state = 'REACHABLE';
        n.updated = now;
        next = n.confirmed + this.reachableTime();
        this.owner.neighChanged(this.dev, n, { id: 'neigh.reachable.confirmed', params: { ip, iface: this.dev } });
      } else {
        n.state = 'PROBE';
        n.updated = now;
        n.probes = 0;
        next = now + Math.max(p.retransTime, 10 * MS);
        this.owner.neighChanged(this.dev, n, { id: 'neigh.probe', params: { ip, iface: this.dev } });
      }
    } else {
      next = now + Math.max(p.retransTime, 10 * MS);
    }
    if ((n.state === 'INCOMPLETE' || n.state === 'PROBE') && n.probes >= this.maxProbes(n)) {
      const probes = n.probes - (n.state === 'INCOMPLETE' ? p.ucastProbes : 0);
      n.state = 'FAILED';
      this.owner.neighChanged(this.dev, n, { id: 'neigh.failed', params: { ip, iface: this.dev, probes } });
      this.invalidate(n);
      return;
    }
    if (inTimer(n.state)) {
      if (next < now + 10 * MS) next = now + 10 * MS;
      this.arm(n, next - now);
    }
    if (n.state === 'INCOMPLETE' || n.state === 'PROBE') this.probe(n);
  }

  /** neigh_probe: one solicitation (arp_solicit), unicast while probes < ucast_probes. */
  private probe(n: NeighEntry): void {
    const skb = n.queue.length > 0 ? n.queue[n.queue.length - 1] : undefined;
    const unicast = n.probes - this.parms.ucastProbes < 0 && n.mac !== undefined ? n.mac : undefined;
    this.owner.solicit(this.dev, n, skb, unicast);
    n.probes++;
  }

  /** neigh_invalidate: the queued packets are dropped (the kernel reports host unreachable to their senders). */
  private invalidate(n: NeighEntry): void {
    const reason: Msg = { id: 'neigh.drop.failed', params: { ip: formatIp4(n.ip), iface: this.dev } };
    for (const skb of n.queue.splice(0, n.queue.length)) this.owner.dropSkb(skb, reason);
  }
}
