/**
 * Destination hashing (net/netfilter/ipvs/ip_vs_dh.c, §2.10). A static table of 256 buckets maps
 * the packet's DESTINATION address to a real server: bucket i holds list element i mod n, weights
 * ignored (ip_vs_dh_reassign). The bucket is hash_32(daddr, 8) (older kernels used
 * `daddr * 2654435761 & 255`, which only sees the last octet). The table is rebuilt when a server is
 * added or deleted but NOT when one is edited (dh has no upd_dest). A bucket whose server is not
 * AVAILABLE, has weight ≤ 0 or is OVERLOADed gives "no destination available": there is no
 * fallback. IPv4 only (the kernel XOR-folds IPv6 addresses first).
 */
import { type Dest, IP_VS_DEST_F_AVAILABLE, IP_VS_DEST_F_OVERLOAD } from '../dest.js';
import type { Service } from '../service.js';
import { hash32 } from './hash.js';
import type { SchedPacket, SchedulerOps } from './scheduler.js';

/** CONFIG_IP_VS_DH_TAB_BITS. */
export const DH_TAB_BITS = 8;
/** Number of buckets (1 << DH_TAB_BITS). */
export const DH_TAB_SIZE = 1 << DH_TAB_BITS;

/** dh's sched_data (struct ip_vs_dh_state): the bucket table. */
export class DhState {
  readonly buckets: (Dest | null)[] = new Array<Dest | null>(DH_TAB_SIZE).fill(null);
}

/** ip_vs_dh_hashkey: the bucket of a destination address. */
export function dhBucket(daddr: number): number {
  return hash32(daddr, DH_TAB_BITS);
}

/** ip_vs_dh_reassign: bucket i gets list element i mod n, or null for an empty list. */
function dhReassign(svc: Service, s: DhState): void {
  const head = svc.destinations.head;
  let p = head.next;
  for (let i = 0; i < DH_TAB_SIZE; i++) {
    if (p.isHead) p = p.next;
    if (p.isHead) {
      s.buckets[i] = null;
      continue;
    }
    s.buckets[i] = p;
    p = p.next;
  }
}

function dhInitService(svc: Service): void {
  const s = new DhState();
  dhReassign(svc, s);
  svc.schedData = s;
}

function dhDestChanged(svc: Service): void {
  const s = svc.schedData;
  if (s instanceof DhState) dhReassign(svc, s);
}

function dhSchedule(svc: Service, pkt: SchedPacket): Dest | null {
  const s = svc.schedData;
  if (!(s instanceof DhState)) return null;
  const dest = s.buckets[dhBucket(pkt.vaddr)] ?? null;
  if (dest === null || (dest.flags & IP_VS_DEST_F_AVAILABLE) === 0 || dest.weight <= 0 || (dest.flags & IP_VS_DEST_F_OVERLOAD) !== 0) {
    return null;
  }
  return dest;
}

/** The dh scheduler's ops: no upd_dest, so `ipvsadm -e` leaves the table as it is. */
export const dhScheduler: SchedulerOps = {
  name: 'dh',
  initService: dhInitService,
  addDest: dhDestChanged,
  delDest: dhDestChanged,
  schedule: dhSchedule,
};
