/**
 * What keepalived does to IPVS at startup, without running any checker (keepalived check/
 * ipwrapper.c init_services → init_service_vs / init_service_rs, ipvswrapper.c ipvs_cmd): each
 * virtual_server becomes an IPVS service (a virtual_server_group: one per address of each range and
 * one per fwmark), with its scheduler, persistence and granularity, the fork's syn_proxy flag and
 * its local_address_group (FULLNAT); each real server is added with its method and weight unless
 * `alpha` keeps it out (with inhibit_on_failure it is added at weight 0); the quorum is evaluated
 * once, which puts the sorry server in the pool when alpha starts with no live weight.
 * `lvslab keepalived-check` prints the result with `ipvsadm -L -n`.
 */
import type { IpvsState } from '../../ipvs/state.js';
import type { ConfDiagnostic, KeepalivedConfig } from '../conf/types.js';
import { LvsRuntime } from './runtime.js';

/** Builds the IPVS table of `config` on `ipvs`; returns the ctl errors, each at its config position. */
export function buildIpvs(ipvs: IpvsState, config: KeepalivedConfig): readonly ConfDiagnostic[] {
  const rt = new LvsRuntime(ipvs.host, ipvs, config, false);
  rt.init();
  return rt.diagnostics;
}
