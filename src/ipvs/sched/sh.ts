/**
 * Source hashing (net/netfilter/ipvs/ip_vs_sh.c, §2.11). 256 buckets map the client's SOURCE address
 * (+ source port with `sh-port` = IP_VS_SVC_F_SCHED2) to a real server. Filling walks the list
 * cyclically giving each server `weight` consecutive buckets; the test is `++count >= weight`, so a
 * weight-0 server still gets one bucket per cycle. Rebuilt on add, delete and edit. An unusable
 * bucket means NULL, or with `sh-fallback` (SCHED1) probing from bucket 2H (not H+1). The kernel keys
 * an ICMP error on its inner destination; lvslab only schedules client packets. IPv4 only.
 */
import type { Dest } from '../dest.js';
import { IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2, type Service } from '../service.js';
import { hash32 } from './hash.js';
import { destUsable, schedPort, type SchedPacket, type SchedulerOps } from './scheduler.js';

/** CONFIG_IP_VS_SH_TAB_BITS. */
export const SH_TAB_BITS = 8;
/** Number of buckets (1 << SH_TAB_BITS). */
export const SH_TAB_SIZE = 1 << SH_TAB_BITS;
const SH_TAB_MASK = SH_TAB_SIZE - 1;

/** IP_VS_SVC_F_SCHED_SH_FALLBACK: probe other buckets when the hashed one is unusable. */
export const IP_VS_SVC_F_SCHED_SH_FALLBACK = IP_VS_SVC_F_SCHED1;
/** IP_VS_SVC_F_SCHED_SH_PORT: hash the source port too. */
export const IP_VS_SVC_F_SCHED_SH_PORT = IP_VS_SVC_F_SCHED2;

/** sh's sched_data (struct ip_vs_sh_state): the bucket table. */
export class ShState {
  readonly buckets: (Dest | null)[] = new Array<Dest | null>(SH_TAB_SIZE).fill(null);
}

/** ip_vs_sh_hashkey: `(offset + hash_32(port + addr, 8)) & 255`, the sum wrapping at 2^32. */
export function shHashKey(addr: number, port: number, offset: number): number {
  return (offset + hash32((port + addr) >>> 0, SH_TAB_BITS)) & SH_TAB_MASK;
}

/** ip_vs_sh_reassign: each server in list order gets max(weight, 1) consecutive buckets, cyclically. */
function shReassign(svc: Service, s: ShState): void {
  const head = svc.destinations.head;
  let p = head.next;
  let count = 0;
  for (let i = 0; i < SH_TAB_SIZE; i++) {
    if (p.isHead) p = p.next;
    if (p.isHead) {
      s.buckets[i] = null;
      continue;
    }
    s.buckets[i] = p;
    if (++count >= p.weight) {
      p = p.next;
      count = 0;
    }
  }
}

function shInitService(svc: Service): void {
  const s = new ShState();
  shReassign(svc, s);
  svc.schedData = s;
}

function shDestChanged(svc: Service): void {
  const s = svc.schedData;
  if (s instanceof ShState) shReassign(svc, s);
}


/** ip_vs_sh_get: the hashed bucket's server if usable (AVAILABLE is not checked). */
function shGet(s: ShState, addr: number, port: number): Dest | null {
  const dest = s.buckets[shHashKey(addr, port, 0)] ?? null;
  return dest !== null && destUsable(dest) ? dest : null;
}

/** ip_vs_sh_get_fallback: bucket H, then for o = 0..255 bucket ((o + H) % 256 + H) & 255 = (2H + o) % 256. */
function shGetFallback(s: ShState, addr: number, port: number): Dest | null {
  const ihash = shHashKey(addr, port, 0);
  let dest = s.buckets[ihash] ?? null;
  if (dest === null) return null;
  if (destUsable(dest)) return dest;
  for (let offset = 0; offset < SH_TAB_SIZE; offset++) {
    const roffset = (offset + ihash) % SH_TAB_SIZE;
    dest = s.buckets[shHashKey(addr, port, roffset)] ?? null;
    if (dest === null) break;
    if (destUsable(dest)) return dest;
  }
  return null;
}

function shSchedule(svc: Service, pkt: SchedPacket): Dest | null {
  const s = svc.schedData;
  if (!(s instanceof ShState)) return null;
  const port = (svc.flags & IP_VS_SVC_F_SCHED_SH_PORT) !== 0 ? schedPort(pkt) : 0;
  return (svc.flags & IP_VS_SVC_F_SCHED_SH_FALLBACK) !== 0 ? shGetFallback(s, pkt.caddr, port) : shGet(s, pkt.caddr, port);
}

/** The sh scheduler's ops. */
export const shScheduler: SchedulerOps = {
  name: 'sh',
  initService: shInitService,
  addDest: shDestChanged,
  delDest: shDestChanged,
  updDest: shDestChanged,
  schedule: shSchedule,
};
