/**
 * The lab as built, read off its hosts: every device with the segment it is cabled to, its MAC,
 * MTU, link state and addresses (in the kernel's list order), and both routing tables in
 * `ip route show` order. The runner records it in the trace's meta before the first command runs;
 * from there on every change is a `link`, `addr` or `fib` event.
 */
import type { Host } from '../net/host.js';
import { addrEntry } from '../net/iface.js';
import { routeEntry } from '../net/route.js';
import type { TopoHost, TopoIface, Topology } from '../trace/topology.js';

/** One host's devices, addresses and routes now. */
export function hostTopology(host: Host): TopoHost {
  const ifaces = host.devices.map((d): TopoIface => {
    const segment = d.kind === 'ether' ? host.segmentOf(d.name)?.name : undefined;
    return {
      name: d.name,
      kind: d.kind,
      ...(segment !== undefined ? { segment } : {}),
      ...(d.kind === 'ether' ? { mac: d.mac } : {}),
      mtu: d.mtu,
      up: d.up,
      addrs: d.addrs.map(addrEntry),
    };
  });
  const routes = [...host.fib.list('main'), ...host.fib.list('local')].map(routeEntry);
  return { name: host.name, ifaces, routes };
}

/** The topology of `hosts`, in the order given (the scenario's). */
export function labTopology(hosts: Iterable<Host>): Topology {
  return [...hosts].map(hostTopology);
}
