/**
 * What this build of lvslab models of IPVS, in one place. The ipvsadm parser uses it to stop a
 * command the real tool would accept but the lab cannot yet simulate (with the position of the
 * offending option), and the control layer uses it to refuse the same settings from any other
 * caller. A later issue that adds NAT, a scheduler or persistence changes a line here.
 */
import type { DestFwd } from './dest.js';
import { findScheduler } from './sched/registry.js';

/** The kernel's pseudo-scheduler name for a service without one. */
export const NO_SCHEDULER = 'none';

/** Whether services can use this scheduler (registered here, or `none`). */
export function schedulerModelled(name: string): boolean {
  return name === NO_SCHEDULER || findScheduler(name) !== undefined;
}

/** Whether real servers can use this forwarding method. */
export function fwdModelled(fwd: DestFwd): boolean {
  return fwd === 'droute';
}

/** Persistence (`-p`, templates, `-M`): not modelled yet. */
export const PERSISTENCE_MODELLED = false;
/** One-packet scheduling (`-o`): not modelled yet. */
export const ONE_PACKET_MODELLED = false;
/** SCTP services: not modelled (lvslab has no SCTP endpoints). */
export const SCTP_MODELLED = false;
