/**
 * The topology as it stands at a step: the lab as built (trace.meta.topology) with the devices
 * and addresses the state folds have seen since (a tunl0 brought up, a VIP put on lo, a link
 * taken down). A new Topology object is made only when some host's devices or addresses changed,
 * so the drawing's cache (keyed on the object) keeps working while the student steps.
 */
import type { LabState } from '../trace/state/index.js';
import type { Topology, TopoHost } from '../trace/topology.js';

interface Memo {
  readonly base: Topology;
  readonly keys: readonly unknown[];
  readonly topo: Topology;
}

let memo: Memo | undefined;

/** `base` brought up to date with `state`'s devices and addresses. */
export function topologyAt(base: Topology, state: LabState): Topology {
  const keys: unknown[] = [];
  for (const h of base) {
    const s = state.hosts.get(h.name);
    keys.push(s?.links, s?.addrs);
  }
  const m = memo;
  if (m !== undefined && m.base === base && m.keys.length === keys.length && m.keys.every((k, i) => k === keys[i])) return m.topo;
  const topo = base.map((h): TopoHost => {
    const s = state.hosts.get(h.name);
    if (s === undefined || s.links.size === 0) return h;
    const ifaces = [...s.links.values()].map((l) => ({
      name: l.name,
      kind: l.kind,
      ...(l.segment === undefined ? {} : { segment: l.segment }),
      ...(l.mac === undefined ? {} : { mac: l.mac }),
      mtu: l.mtu,
      up: l.up,
      addrs: s.addrs.get(l.name) ?? [],
    }));
    return { name: h.name, ifaces, routes: h.routes };
  });
  memo = { base, keys, topo };
  return topo;
}
