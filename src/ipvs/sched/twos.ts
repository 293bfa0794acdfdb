/**
 * Weighted power of two choices (net/netfilter/ipvs/ip_vs_twos.c, §2.9). Draws r1 and r2
 * independently from [0, total] INCLUSIVE, total being the sum of the weights of the servers with
 * no OVERLOAD and weight > 0 (get_random_u32_below(total + 1)); each draw walks those servers in
 * list order subtracting weights and stops at the first where it reaches ≤ 0. Of the two servers
 * found, the second wins only if `w2 * oh1 > w1 * oh2` (oh: activeConns * 256 + inactConns).
 * The inclusive range gives the first server (w1 + 1)/(total + 1). Randomness comes from the
 * simulation's seeded generator (env.randomInt), r1 drawn before r2. Keeps no state.
 */
import type { Dest } from '../dest.js';
import type { Service } from '../service.js';
import { destOverhead } from './overhead.js';
import type { SchedEnv, SchedPacket, SchedulerOps } from './scheduler.js';
import { destUsable } from './scheduler.js';

function twosSchedule(svc: Service, _pkt: SchedPacket, env: SchedEnv): Dest | null {
  let total = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (destUsable(n)) total += n.weight;
  }
  if (total === 0) return null;
  let r1 = env.randomInt(0, total);
  let r2 = env.randomInt(0, total);
  let choice1: Dest | null = null;
  let choice2: Dest | null = null;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (!destUsable(n)) continue;
    r1 -= n.weight;
    r2 -= n.weight;
    if (r1 <= 0 && choice1 === null) choice1 = n;
    if (r2 <= 0 && choice2 === null) choice2 = n;
    if (choice1 !== null && choice2 !== null) break;
  }
  // r1, r2 ≤ total, so both walks end on a server.
  if (choice1 === null || choice2 === null) return null;
  if (choice2.weight * destOverhead(choice1) > choice1.weight * destOverhead(choice2)) return choice2;
  return choice1;
}

/** The twos scheduler's ops. */
export const twosScheduler: SchedulerOps = {
  name: 'twos',
  schedule: twosSchedule,
};
