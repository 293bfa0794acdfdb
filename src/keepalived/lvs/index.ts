/**
 * keepalived's checker process on a host (keepalived check/check_daemon.c start_check: init_services,
 * then register_checkers_thread; stop_check: clear_services): `startLvs` builds the IPVS table and
 * starts every health checker; the handle stops it as keepalived does on SIGTERM (checkers stopped,
 * its real servers and services deleted: lvs_flush_on_stop's default), or halts it as a crash does
 * (the kernel's IPVS state goes with the reboot). `realServers()` is the view of
 * `lvslab keepalived-check` and the UI.
 */
import type { HostApi } from '../../net/types.js';
import type { Ip4 } from '../../net/wire/addr.js';
import { findService } from '../../ipvs/ctl.js';
import { lookupDest } from '../../ipvs/service.js';
import type { IpvsState } from '../../ipvs/state.js';
import type { KeepalivedConfig } from '../conf/types.js';
import { LvsRuntime } from './runtime.js';

export { buildIpvs } from './build.js';

/** A real server as keepalived sees it. */
export interface LvsRealServer {
  readonly vs: string;
  readonly daddr: Ip4;
  readonly dport: number;
  /** keepalived's verdict: every checker up. */
  readonly alive: boolean;
  /** Present in the (first) IPVS service of the virtual server. */
  readonly inIpvs: boolean;
  /** Its weight in IPVS when present, else the weight keepalived would give it. */
  readonly weight: number;
}

export interface LvsHandle {
  /** keepalived stopping: checkers stopped, its real servers and virtual servers removed. */
  stop(): void;
  /** Host crashed: checkers stopped; the services it created vanish with the kernel state. */
  halt(): void;
  /** Real servers as keepalived sees them (alive, weight in IPVS or removed). */
  realServers(): readonly LvsRealServer[];
}

/** Starts keepalived's LVS side on `host` (whose IPVS is `ipvs`): its checkers run and narrate there. */
export function startLvs(host: HostApi, ipvs: IpvsState, config: KeepalivedConfig): LvsHandle {
  const rt = new LvsRuntime(host, ipvs, config, true);
  rt.init();
  rt.startCheckers();
  let running = true;
  return {
    stop() {
      if (!running) return;
      running = false;
      rt.stopCheckers();
      rt.clearServices();
    },
    halt() {
      if (!running) return;
      running = false;
      rt.stopCheckers();
      rt.deleteServices();
    },
    realServers() {
      const out: LvsRealServer[] = [];
      for (const vs of rt.vss) {
        const sel = vs.sels[0];
        const svc = sel === undefined ? undefined : findService(ipvs, sel);
        for (const rs of vs.rss) {
          const nonMasq = rs.method === 'DR' || rs.method === 'TUN';
          const dport = nonMasq && sel !== undefined ? (sel.fwmark !== 0 ? 0 : sel.vport) : rs.port;
          const d = svc === undefined ? null : lookupDest(svc, rs.addr, dport);
          out.push({ vs: vs.label, daddr: rs.addr, dport: rs.port, alive: rs.alive, inIpvs: d !== null, weight: d !== null ? d.weight : rs.effWeight });
        }
      }
      return out;
    },
  };
}
