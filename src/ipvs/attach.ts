/**
 * Plugging IPVS into a host, as loading the ip_vs module does: `attachIpvs(host)` creates the
 * host's IPVS state; nothing is hooked into netfilter until the first service is added (then the
 * six hooks of §5.1 are registered). The scenario layer runs `ipvsadm` lines through `ipvsadm()`
 * and gets back what the real tool would print, its exit status and, on failure, a positioned error.
 */
import type { HostApi } from '../net/types.js';
import { type IpvsadmResult, runIpvsadm } from './ipvsadm/exec.js';
import { IpvsState } from './state.js';

/** A host's IPVS: its state and its ipvsadm. */
export class Ipvs {
  readonly state: IpvsState;

  constructor(host: HostApi) {
    this.state = new IpvsState(host);
  }

  /**
   * Runs one ipvsadm command line on this host (the leading word `ipvsadm` is optional);
   * `stdin` is its standard input (what `ipvsadm -R` reads).
   */
  ipvsadm(line: string, stdin?: string): IpvsadmResult {
    return runIpvsadm(this.state, line, stdin);
  }
}

/** Gives `host` an IPVS (no hooks until the first service exists). */
export function attachIpvs(host: HostApi): Ipvs {
  return new Ipvs(host);
}
