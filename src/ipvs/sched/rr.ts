/**
 * Round robin (net/netfilter/ipvs/ip_vs_rr.c). `sched_data` points at the node of the last chosen
 * server; it starts at the list head. Scheduling walks the list circularly from the node AFTER it
 * and takes the first server with weight > 0 and no OVERLOAD; coming back round to the start means
 * "no destination available". Adding a server leaves the pointer alone; deleting the server it
 * points at moves it to that server's predecessor. Since new servers are linked at the head, the
 * first pick after `-a A`, `-a B`, `-a C` is C: the sequence is C, B, A, C, … (§2.1).
 */
import type { Dest, DestNode } from '../dest.js';
import type { Service } from '../service.js';
import type { SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';

/** rr's sched_data: the node of the last chosen server (or the head). */
class RrData {
  last: DestNode;
  constructor(last: DestNode) {
    this.last = last;
  }
}

function rrInitService(svc: Service): void {
  svc.schedData = new RrData(svc.destinations.head);
}

function rrDelDest(svc: Service, dest: Dest): void {
  const data = svc.schedData;
  if (!(data instanceof RrData)) return;
  // The dest is already unlinked, so its prev is stale; its next still leads back into the list,
  // and next.prev is the dest's old predecessor (the kernel's p->next->prev).
  if (data.last === dest) data.last = dest.next.prev;
}

function rrSchedule(svc: Service): Dest | null {
  const data = svc.schedData;
  if (!(data instanceof RrData)) return null;
  const start = data.last;
  let node: DestNode = start;
  for (let pass = 0; ; ) {
    for (node = node.next; !node.isHead; node = node.next) {
      if (destUsable(node)) {
        data.last = node;
        return node;
      }
      if (node === start) return null;
    }
    pass++;
    // Starting from the head, the first pass already saw every server.
    if (pass >= 2 || start.isHead) return null;
  }
}

/** The rr scheduler's ops. */
export const rrScheduler: SchedulerOps = {
  name: 'rr',
  initService: rrInitService,
  delDest: rrDelDest,
  schedule: rrSchedule,
};
