/**
 * The whole lab's state, folded: one HostFolder per host, created on the first event that
 * touches the host (a host untouched since the last snapshot stays shared with it).
 */
import type { TraceEvent } from '../events.js';
import type { Topology } from '../topology.js';
import { HostFolder } from './host-fold.js';
import type { HostState, LabState } from './types.js';

/**
 * Whether a kind's events change some host's state (the rest are skipped without a lookup). A
 * record of every kind, so a new kind of event cannot be left out of the folds by accident.
 */
const STATEFUL: Readonly<Record<TraceEvent['kind'], boolean>> = {
  'ipvs.service': true,
  'ipvs.dest': true,
  'ipvs.conn': true,
  neigh: true,
  vrrp: true,
  link: true,
  addr: true,
  fib: true,
  host: true,
  tx: false,
  rx: false,
  hook: false,
  route: false,
  drop: false,
  'ipvs.sched': false,
  'ipvs.xmit': false,
  'ipvs.synproxy': false,
  sock: false,
  app: false,
  keepalived: false,
  cmd: false,
  checkpoint: false,
};

export class LabFolder {
  private readonly working = new Map<string, HostFolder>();
  private readonly order: string[];
  private step: number;
  private t: number;

  private constructor(private readonly base: ReadonlyMap<string, HostState>, order: readonly string[], step: number, t: number) {
    this.order = order.slice();
    this.step = step;
    this.t = t;
  }

  /** The state before the first event: every host of `hosts` (and of the topology) as built. */
  static initial(hosts: readonly string[], topology: Topology | undefined): LabFolder {
    const names = [...hosts];
    for (const h of topology ?? []) if (!names.includes(h.name)) names.push(h.name);
    const f = new LabFolder(new Map(), names, -1, 0);
    for (const name of names) f.working.set(name, HostFolder.initial(name, topology?.find((h) => h.name === name)));
    return f;
  }

  /** Continues from a frozen state. */
  static thaw(state: LabState): LabFolder {
    return new LabFolder(state.hosts, [...state.hosts.keys()], state.step, state.t);
  }

  /** Applies event number `step`. */
  apply(e: TraceEvent, step: number): void {
    this.step = step;
    this.t = e.t;
    if (!STATEFUL[e.kind]) return;
    this.host(e.host).apply(e);
  }

  /** Table entries the hosts' folders have copied so far (what the snapshots taken cost). */
  copied(): number {
    let n = 0;
    for (const w of this.working.values()) n += w.copied();
    return n;
  }

  freeze(): LabState {
    const hosts = new Map<string, HostState>();
    for (const name of this.order) {
      const w = this.working.get(name);
      const h = w !== undefined ? w.freeze() : this.base.get(name);
      if (h !== undefined) hosts.set(name, h);
    }
    return { step: this.step, t: this.t, hosts };
  }

  private host(name: string): HostFolder {
    let w = this.working.get(name);
    if (w === undefined) {
      const b = this.base.get(name);
      w = b !== undefined ? HostFolder.thaw(b) : HostFolder.initial(name, undefined);
      if (b === undefined) this.order.push(name);
      this.working.set(name, w);
    }
    return w;
  }
}
