/**
 * The keepalived daemon on one host: its parent process starts the checker child (the LVS side:
 * the IPVS table and the health checks, lvs/) and the VRRP child (vrrp/) from one parsed
 * keepalived.conf. `systemctl start|stop|restart keepalived` map to start()/stop(); a crash of
 * the host kills it without a word (no priority-0 advert, nothing sent), and the reboot starts it
 * again, as the enabled systemd unit of the distribution's package does (even if it had been
 * stopped by hand), with the runtime state a reboot loses (VIPs, the IPVS table) gone first.
 * Simplified: one process model, no reload (SIGHUP), no notify scripts, no SNMP/D-Bus.
 */
import type { Host } from '../net/host.js';
import type { IpvsState } from '../ipvs/state.js';
import { msg } from '../i18n/message.js';
import type { KeepalivedConfig } from './conf/types.js';
import { startVrrp, type VrrpHandle, type VrrpInstanceView } from './vrrp/index.js';
import { startLvs, type LvsHandle } from './lvs/index.js';
import { parseModelledCommand, runModelledCommand } from './check/command.js';

/** What `systemctl is-active keepalived` would say. */
export type KeepalivedUnitState = 'active' | 'inactive';

/** keepalived on a host. */
export class Keepalived {
  private vrrp: VrrpHandle | undefined;
  private lvs: LvsHandle | undefined;

  constructor(
    readonly host: Host,
    private readonly ipvs: IpvsState,
    readonly config: KeepalivedConfig,
  ) {
    // The unit is enabled, as the distribution's package leaves it: it starts at every boot,
    // whether or not it was stopped by hand before the host went down.
    host.onLifecycle((e) => {
      if (e === 'crash') this.crashed();
      else this.start();
    });
  }

  /** Whether the daemon is running. */
  get state(): KeepalivedUnitState {
    return this.vrrp !== undefined || this.lvs !== undefined ? 'active' : 'inactive';
  }

  /** Starts the daemon (a no-op when running, as `systemctl start` is, and on a host that is down). */
  start(): void {
    if (this.state === 'active' || !this.host.isRunning) return;
    this.host.emit({ kind: 'keepalived', op: 'start', msg: msg('keepalived.start', { instances: this.config.instances.length, services: this.config.virtualServers.length }) });
    if (this.config.virtualServers.length > 0) this.lvs = startLvs(this.host, this.ipvs, this.config);
    if (this.config.instances.length > 0) {
      this.vrrp = startVrrp(this.host, this.config, {
        runScript: (script, done) => {
          const parsed = parseModelledCommand(script.script.text);
          // Commands were checked when the scenario was loaded; a refused one fails like a missing script.
          if (!parsed.ok) {
            this.host.sim.after(0, () => done(127));
            return;
          }
          runModelledCommand(this.host, parsed.value, script.timeout, done);
        },
      });
    }
  }

  /** Stops the daemon as SIGTERM does: masters send priority-0 adverts and drop their VIPs. */
  stop(): void {
    if (this.state === 'inactive') return;
    this.vrrp?.stop();
    this.lvs?.stop();
    this.vrrp = undefined;
    this.lvs = undefined;
    this.host.emit({ kind: 'keepalived', op: 'stop', msg: msg('keepalived.stop') });
  }

  /** The VRRP instances' states (empty when stopped or without instances). */
  instances(): readonly VrrpInstanceView[] {
    return this.vrrp?.instances() ?? [];
  }

  /** The checker side's view of the real servers. */
  realServers(): ReturnType<LvsHandle['realServers']> {
    return this.lvs?.realServers() ?? [];
  }

  private crashed(): void {
    this.vrrp?.halt();
    this.lvs?.halt();
    this.vrrp = undefined;
    this.lvs = undefined;
  }
}
