/**
 * The destination-address cache that lblc and lblcr share (net/netfilter/ipvs/ip_vs_lblc.c and
 * ip_vs_lblcr.c, §2.13–2.14): 1024 hash buckets (CONFIG_IP_VS_LBLC_TAB_BITS = 10) indexed by
 * hash_32(daddr, 10), new entries at the head of their bucket, and the garbage collector the kernel
 * runs from a timer every 60 s: every 30th run a full sweep drops entries idle for
 * `lblc(r)_expiration` (24 h); above 16384 entries a partial sweep drops up to
 * min((entries − 16384)·4/3, 8192) entries idle for 6 min, bucket by bucket from `rover + 1`.
 * Schedulers have no timers here, so the timer is run lazily: every tick that fell due since the
 * last call runs, in order and at its own time, when the scheduler is next asked or when the dest
 * trash looks at a server the cache may still hold (SchedulerOps.tick). Its clock starts when the
 * scheduler is bound. Also shared: is_overloaded(), the cache's own notion of overload.
 */
import { SEC } from '../../net/types.js';
import type { Ip4 } from '../../net/wire/addr.js';
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { hash32 } from './hash.js';
import type { SchedEnv } from './scheduler.js';

/** IP_VS_LBLC_TAB_BITS (and IP_VS_LBLCR_TAB_BITS). */
export const LOCALITY_TAB_BITS = 10;
/** IP_VS_LBLC_TAB_SIZE: 1024 buckets. */
export const LOCALITY_TAB_SIZE = 1 << LOCALITY_TAB_BITS;
const TAB_MASK = LOCALITY_TAB_SIZE - 1;
/** tbl->max_size: above this many entries the partial sweep runs. */
export const LOCALITY_MAX_SIZE = LOCALITY_TAB_SIZE * 16;
/** CHECK_EXPIRE_INTERVAL: the garbage-collection timer period. */
export const CHECK_EXPIRE_INTERVAL = 60 * SEC;
/** COUNT_FOR_FULL_EXPIRATION: every 30th timer run is a full sweep (every 1800 s). */
export const COUNT_FOR_FULL_EXPIRATION = 30;
/** ENTRY_TIMEOUT: the idle time after which the partial sweep may drop an entry. */
export const ENTRY_TIMEOUT = 6 * 60 * SEC;
/** DEFAULT_EXPIRATION in seconds: lblc_expiration / lblcr_expiration. */
export const DEFAULT_EXPIRATION_S = 86400;

/** The cache bucket of a destination address: hash_32(daddr, 10). */
export function localityBucket(daddr: Ip4): number {
  return hash32(daddr, LOCALITY_TAB_BITS);
}

/** What every cache entry has: its key and the last time a new connection looked it up. */
export interface LocalityEntry {
  readonly daddr: Ip4;
  /** en->lastuse, virtual ns. */
  lastuse: number;
}

/** The expiration sysctl a table reads at each full sweep, in ns. */
export function expirationNs(env: SchedEnv, name: 'lblc_expiration' | 'lblcr_expiration'): number {
  return (env.sysctl?.(name) ?? DEFAULT_EXPIRATION_S) * SEC;
}

/**
 * struct ip_vs_lblc_table / ip_vs_lblcr_table: buckets, the entry counter, rover and counter of
 * the collector, and the time its timer fires next. `release` is what freeing an entry does to the
 * servers it refers to (the kernel drops its dest references in the RCU callback).
 */
export class LocalityTable<E extends LocalityEntry> {
  /** Buckets, each newest first (hlist_add_head_rcu); created on first use. */
  private readonly bucket: (E[] | undefined)[] = new Array<E[] | undefined>(LOCALITY_TAB_SIZE);
  /** tbl->entries. lblc's replacement path never decrements it (see `unlink`). */
  entries = 0;
  /** tbl->counter: starts at 1; the run that finds it at a multiple of 30 is a full sweep. */
  counter = 1;
  /** tbl->rover: the bucket before the one the next sweep starts at. */
  rover = 0;
  /** When the periodic timer fires next (ns). */
  nextCheck: number;
  private readonly sysctlName: 'lblc_expiration' | 'lblcr_expiration';
  private readonly release: (en: E) => void;

  constructor(boundAt: number, sysctlName: 'lblc_expiration' | 'lblcr_expiration', release: (en: E) => void) {
    this.nextCheck = boundAt + CHECK_EXPIRE_INTERVAL;
    this.sysctlName = sysctlName;
    this.release = release;
  }

  /** ip_vs_lblc_get: the entry for `daddr`, or null. */
  get(daddr: Ip4): E | null {
    const b = this.bucket[localityBucket(daddr)];
    if (b === undefined) return null;
    for (const en of b) if (en.daddr === daddr) return en;
    return null;
  }

  /** ip_vs_lblc_hash: links `en` at the head of its bucket and counts it. */
  hash(en: E): void {
    const i = localityBucket(en.daddr);
    let b = this.bucket[i];
    if (b === undefined) {
      b = [];
      this.bucket[i] = b;
    }
    b.unshift(en);
    this.entries++;
  }

  /**
   * ip_vs_lblc_del / ip_vs_lblcr_free: unlinks and frees `en` WITHOUT touching `entries`; the
   * sweeps decrement it themselves, while lblc's "replace the cached server" path does not, so
   * the kernel's counter creeps up by one on every replacement.
   */
  unlink(en: E): void {
    const b = this.bucket[localityBucket(en.daddr)];
    if (b === undefined) return;
    const k = b.indexOf(en);
    if (k < 0) return;
    b.splice(k, 1);
    this.release(en);
  }

  /** The flush of done_service: every entry freed. */
  flush(): void {
    for (const b of this.bucket) {
      if (b === undefined) continue;
      for (const en of b.splice(0)) this.release(en);
    }
    this.entries = 0;
  }

  /** Runs every garbage-collection tick due at `env.now` (the lazy form of the 60 s timer). */
  runDueTimers(env: SchedEnv): void {
    while (this.nextCheck <= env.now) {
      if (this.entries === 0) {
        // An empty table only advances its counter (a full sweep of nothing resets it to 1), and
        // a full sweep leaves the rover where it was: skip the idle ticks arithmetically.
        const ticks = Math.floor((env.now - this.nextCheck) / CHECK_EXPIRE_INTERVAL) + 1;
        this.counter = ((this.counter - 1 + ticks) % COUNT_FOR_FULL_EXPIRATION) + 1;
        this.nextCheck += ticks * CHECK_EXPIRE_INTERVAL;
        return;
      }
      if (this.entries <= LOCALITY_MAX_SIZE && this.counter % COUNT_FOR_FULL_EXPIRATION !== 0) {
        // Until the next full sweep, a run of a small table only counts: take those runs at once
        // (the table cannot change between them, since nothing schedules in the meantime).
        const due = Math.floor((env.now - this.nextCheck) / CHECK_EXPIRE_INTERVAL) + 1;
        const counting = Math.min(due, COUNT_FOR_FULL_EXPIRATION - (this.counter % COUNT_FOR_FULL_EXPIRATION));
        this.counter += counting;
        this.nextCheck += counting * CHECK_EXPIRE_INTERVAL;
        continue;
      }
      this.checkExpire(this.nextCheck, expirationNs(env, this.sysctlName));
      this.nextCheck += CHECK_EXPIRE_INTERVAL;
    }
  }

  /** ip_vs_lblc_check_expire: one timer run at time `now`. */
  private checkExpire(now: number, expiration: number): void {
    if (this.counter % COUNT_FOR_FULL_EXPIRATION === 0) {
      this.sweep(now, expiration, Infinity);
      this.counter = 1;
      return;
    }
    if (this.entries <= LOCALITY_MAX_SIZE) {
      this.counter++;
      return;
    }
    const goal = Math.min(Math.trunc(((this.entries - LOCALITY_MAX_SIZE) * 4) / 3), LOCALITY_MAX_SIZE / 2);
    this.sweep(now, ENTRY_TIMEOUT, goal);
  }

  /**
   * Walks the buckets from rover + 1, freeing entries with `now >= lastuse + idle`; the partial
   * sweep stops after the bucket in which `goal` freed entries were reached. The rover ends on the
   * last bucket visited (a full sweep brings it back where it started).
   */
  private sweep(now: number, idle: number, goal: number): void {
    let j = this.rover;
    let left = goal;
    for (let i = 0; i < LOCALITY_TAB_SIZE; i++) {
      j = (j + 1) & TAB_MASK;
      const b = this.bucket[j];
      if (b !== undefined && b.length > 0) {
        for (let k = 0; k < b.length; ) {
          const en = b[k] as E;
          if (now < en.lastuse + idle) {
            k++;
            continue;
          }
          b.splice(k, 1);
          this.release(en);
          this.entries--;
          left--;
        }
      }
      if (left <= 0) break;
    }
    this.rover = j;
  }
}

/**
 * is_overloaded() of lblc/lblcr: the server has more active connections than its weight AND some
 * server of the service has fewer than half its weight active. This is the cache's own test; the
 * threshold OVERLOAD flag (-x/-y) is a different thing.
 */
export function isOverloaded(dest: Dest, svc: Service): boolean {
  if (dest.activeConns <= dest.weight) return false;
  for (let d = svc.destinations.head.next; !d.isHead; d = d.next) {
    if (d.activeConns * 2 < d.weight) return true;
  }
  return false;
}
