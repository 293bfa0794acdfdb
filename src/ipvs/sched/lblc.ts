/**
 * Locality-based least-connection (net/netfilter/ipvs/ip_vs_lblc.c, §2.13), made for web-cache
 * clusters: the packet's DESTINATION address picks the server, so one origin site stays on one
 * cache. A 1024-bucket cache maps daddr → server. A lookup sets `lastuse`; the cached server is
 * kept while it is AVAILABLE, has weight > 0 and is not is_overloaded() (more active connections
 * than its weight while some server is below half of its own). The threshold OVERLOAD flag is NOT
 * tested on a cached server. Otherwise the wlc rule picks a server and replaces the entry. Idle
 * entries go after `lblc_expiration` (24 h) at the next full sweep (every 1800 s), see locality.ts.
 * IPv6 (XOR-folded keys) is not modelled.
 */
import { type Dest, IP_VS_DEST_F_AVAILABLE } from '../dest.js';
import type { Service } from '../service.js';
import { isOverloaded, type LocalityEntry, LocalityTable } from './locality.js';
import { wlcSelect } from './overhead.js';
import type { SchedEnv, SchedPacket, SchedulerOps } from './scheduler.js';

/** struct ip_vs_lblc_entry: a destination address and its server. */
class LblcEntry implements LocalityEntry {
  readonly daddr: number;
  readonly dest: Dest;
  lastuse: number;
  constructor(daddr: number, dest: Dest, lastuse: number) {
    this.daddr = daddr;
    this.dest = dest;
    this.lastuse = lastuse;
  }
}

/** The entry holds a reference on its server (ip_vs_dest_hold), which keeps a deleted one in the trash. */
function releaseEntry(en: LblcEntry): void {
  en.dest.refcnt--;
}

/** lblc's sched_data. */
class LblcTable extends LocalityTable<LblcEntry> {}

function lblcInitService(svc: Service, env?: SchedEnv): void {
  svc.schedData = new LblcTable(env?.now ?? 0, 'lblc_expiration', releaseEntry);
}

function lblcDoneService(svc: Service): void {
  if (svc.schedData instanceof LblcTable) svc.schedData.flush();
}

/** The 60 s timer, caught up to `env.now`. */
function lblcTick(svc: Service, env: SchedEnv): void {
  if (svc.schedData instanceof LblcTable) svc.schedData.runDueTimers(env);
}

function lblcSchedule(svc: Service, pkt: SchedPacket, env: SchedEnv): Dest | null {
  const tbl = svc.schedData;
  if (!(tbl instanceof LblcTable)) return null;
  tbl.runDueTimers(env);
  const daddr = pkt.vaddr;
  const en = tbl.get(daddr);
  if (en !== null) {
    en.lastuse = env.now;
    const cached = en.dest;
    if ((cached.flags & IP_VS_DEST_F_AVAILABLE) !== 0 && cached.weight > 0 && !isOverloaded(cached, svc)) return cached;
  }
  const dest = wlcSelect(svc);
  if (dest === null) return null;
  // ip_vs_lblc_new: keep an entry that already names this server, else replace it.
  if (en !== null) {
    if (en.dest === dest) return dest;
    tbl.unlink(en);
  }
  dest.refcnt++;
  tbl.hash(new LblcEntry(daddr, dest, env.now));
  return dest;
}

/** The lblc scheduler's ops. */
export const lblcScheduler: SchedulerOps = {
  name: 'lblc',
  initService: lblcInitService,
  doneService: lblcDoneService,
  tick: lblcTick,
  schedule: lblcSchedule,
};
