/**
 * Locality-based least-connection with replication (net/netfilter/ipvs/ip_vs_lblcr.c, §2.14): like
 * lblc, the packet's destination address selects a cache entry, but the entry holds a SET of
 * servers (newest member at the head) and its `lastmod`. A lookup takes the set's weighted least
 * loaded member (no OVERLOAD, weight > 0, AVAILABLE; ties to the earlier, newer member); when the
 * set has more than one member and has not changed for `lblcr_expiration` (24 h), its weighted
 * MOST loaded member is dropped. If the least loaded member is missing or is_overloaded(), the wlc
 * rule picks a server from the whole service and it joins the set (replication). Garbage
 * collection as lblc (locality.ts). IPv6 is not modelled.
 */
import { type Dest, IP_VS_DEST_F_AVAILABLE, IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import { expirationNs, isOverloaded, type LocalityEntry, LocalityTable } from './locality.js';
import { destOverhead, wlcSelect } from './overhead.js';
import type { SchedEnv, SchedPacket, SchedulerOps } from './scheduler.js';

/** struct ip_vs_dest_set: members newest first, and when the set last changed (ns). */
class DestSet {
  readonly members: Dest[] = [];
  lastmod = 0;
}

/** struct ip_vs_lblcr_entry. */
class LblcrEntry implements LocalityEntry {
  readonly daddr: number;
  readonly set = new DestSet();
  lastuse: number;
  constructor(daddr: number, lastuse: number) {
    this.daddr = daddr;
    this.lastuse = lastuse;
  }
}

/** ip_vs_dest_set_insert: links `dest` at the head (unless `check` finds it there already). */
function setInsert(set: DestSet, dest: Dest, check: boolean, now: number): void {
  if (check && set.members.includes(dest)) return;
  dest.refcnt++;
  set.members.unshift(dest);
  set.lastmod = now;
}

/** ip_vs_dest_set_erase. */
function setErase(set: DestSet, dest: Dest, now: number): void {
  const k = set.members.indexOf(dest);
  if (k < 0) return;
  set.members.splice(k, 1);
  dest.refcnt--;
  set.lastmod = now;
}

/** ip_vs_dest_set_min: the weighted least-connection member. */
function setMin(set: DestSet): Dest | null {
  const m = set.members;
  let k = 0;
  let least: Dest | null = null;
  for (; k < m.length; k++) {
    const d = m[k] as Dest;
    if ((d.flags & IP_VS_DEST_F_OVERLOAD) !== 0) continue;
    if (d.weight > 0 && (d.flags & IP_VS_DEST_F_AVAILABLE) !== 0) {
      least = d;
      break;
    }
  }
  if (least === null) return null;
  let loh = destOverhead(least);
  for (k++; k < m.length; k++) {
    const d = m[k] as Dest;
    if ((d.flags & IP_VS_DEST_F_OVERLOAD) !== 0) continue;
    const doh = destOverhead(d);
    if (loh * d.weight > doh * least.weight && (d.flags & IP_VS_DEST_F_AVAILABLE) !== 0) {
      least = d;
      loh = doh;
    }
  }
  return least;
}

/** ip_vs_dest_set_max: the weighted most-connection member among weight > 0 (OVERLOAD and AVAILABLE not looked at). */
function setMax(set: DestSet): Dest | null {
  const m = set.members;
  let k = 0;
  let most: Dest | null = null;
  for (; k < m.length; k++) {
    const d = m[k] as Dest;
    if (d.weight > 0) {
      most = d;
      break;
    }
  }
  if (most === null) return null;
  let moh = destOverhead(most);
  for (k++; k < m.length; k++) {
    const d = m[k] as Dest;
    const doh = destOverhead(d);
    if (moh * d.weight < doh * most.weight && d.weight > 0) {
      most = d;
      moh = doh;
    }
  }
  return most;
}

/** ip_vs_lblcr_free: every member's reference dropped. */
function releaseEntry(en: LblcrEntry): void {
  for (const d of en.set.members) d.refcnt--;
  en.set.members.length = 0;
}

/** lblcr's sched_data. */
class LblcrTable extends LocalityTable<LblcrEntry> {}

function lblcrInitService(svc: Service, env?: SchedEnv): void {
  svc.schedData = new LblcrTable(env?.now ?? 0, 'lblcr_expiration', releaseEntry);
}

function lblcrDoneService(svc: Service): void {
  if (svc.schedData instanceof LblcrTable) svc.schedData.flush();
}

/** The 60 s timer, caught up to `env.now`. */
function lblcrTick(svc: Service, env: SchedEnv): void {
  if (svc.schedData instanceof LblcrTable) svc.schedData.runDueTimers(env);
}

function lblcrSchedule(svc: Service, pkt: SchedPacket, env: SchedEnv): Dest | null {
  const tbl = svc.schedData;
  if (!(tbl instanceof LblcrTable)) return null;
  tbl.runDueTimers(env);
  const now = env.now;
  const en = tbl.get(pkt.vaddr);
  if (en !== null) {
    en.lastuse = now;
    // The least loaded member is chosen BEFORE the clean-up below, so it may be the one dropped.
    const least = setMin(en.set);
    if (en.set.members.length > 1 && now > en.set.lastmod + expirationNs(env, 'lblcr_expiration')) {
      const most = setMax(en.set);
      if (most !== null) setErase(en.set, most, now);
    }
    if (least !== null && !isOverloaded(least, svc)) return least;
    const dest = wlcSelect(svc);
    if (dest === null) return null;
    setInsert(en.set, dest, true, now);
    return dest;
  }
  const dest = wlcSelect(svc);
  if (dest === null) return null;
  const fresh = new LblcrEntry(pkt.vaddr, now);
  setInsert(fresh.set, dest, false, now);
  tbl.hash(fresh);
  return dest;
}

/** The lblcr scheduler's ops. */
export const lblcrScheduler: SchedulerOps = {
  name: 'lblcr',
  initService: lblcrInitService,
  doneService: lblcrDoneService,
  tick: lblcrTick,
  schedule: lblcrSchedule,
};
