/**
 * What lvslab does not model of IPVS, in one place. Every scheduler of a current kernel, every
 * forwarding method (NAT, DR, TUN, FULLNAT) and persistence are modelled; what is left is listed
 * here. The ipvsadm parser uses it to stop a command the real tool would accept but the lab cannot
 * simulate (with the position of the offending option), and the control layer refuses the same
 * settings from any other caller.
 */

/** The kernel's pseudo-scheduler name for a service without one. */
export const NO_SCHEDULER = 'none';


/** One-packet scheduling (`-o`): not modelled yet. */
export const ONE_PACKET_MODELLED = false;
/** SCTP services: not modelled (lvslab has no SCTP endpoints). */
export const SCTP_MODELLED = false;
