/**
 * The scheduler registry (ip_vs_sched.c: register_ip_vs_scheduler / ip_vs_scheduler_get), by
 * kernel short name. Adding a scheduler is one file in this folder plus its entry in SCHEDULERS.
 * KERNEL_SCHEDULERS lists every scheduler a current kernel ships (net/netfilter/ipvs/ip_vs_*.c);
 * lvslab models all of them, and a test keeps the two lists equal.
 */
import { rrScheduler } from './rr.js';
import { wrrScheduler } from './wrr.js';
import { lcScheduler } from './lc.js';
import { wlcScheduler } from './wlc.js';
import { sedScheduler } from './sed.js';
import { nqScheduler } from './nq.js';
import { foScheduler } from './fo.js';
import { ovfScheduler } from './ovf.js';
import { twosScheduler } from './twos.js';
import { dhScheduler } from './dh.js';
import { shScheduler } from './sh.js';
import { mhScheduler } from './mh.js';
import { lblcScheduler } from './lblc.js';
import { lblcrScheduler } from './lblcr.js';
import type { SchedulerOps } from './scheduler.js';

const SCHEDULERS: readonly SchedulerOps[] = [
  rrScheduler,
  wrrScheduler,
  lcScheduler,
  wlcScheduler,
  sedScheduler,
  nqScheduler,
  foScheduler,
  ovfScheduler,
  twosScheduler,
  dhScheduler,
  shScheduler,
  mhScheduler,
  lblcScheduler,
  lblcrScheduler,
];

const BY_NAME: ReadonlyMap<string, SchedulerOps> = new Map(SCHEDULERS.map((s) => [s.name, s]));

/** Every scheduler module of net/netfilter/ipvs (ip_vs_<name>.c) in a current kernel. */
export const KERNEL_SCHEDULERS: readonly string[] = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'dh',
  'sh',
  'sed',
  'nq',
  'fo',
  'ovf',
  'mh',
  'twos',
];

/** The modelled scheduler with this kernel short name, if any. */
export function findScheduler(name: string): SchedulerOps | undefined {
  return BY_NAME.get(name);
}

/** Names of the schedulers lvslab models, in registration order. */
export function schedulerNames(): readonly string[] {
  return SCHEDULERS.map((s) => s.name);
}

/** Whether a kernel has a scheduler of this name (modelled or not). */
export function isKernelScheduler(name: string): boolean {
  return KERNEL_SCHEDULERS.includes(name);
}
