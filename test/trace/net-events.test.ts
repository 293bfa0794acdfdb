/**
 * Devices, addresses and routes are part of the trace: the meta's topology (the lab as its YAML
 * configures it, before the first command) folded with every later `link`, `addr` and `fib` event
 * equals what the live hosts hold at the end of the run, for labs that add VIPs (DR), move them
 * (keepalived), create devices (modprobe ipip), take links down and up, and use ifconfig.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios/run.js';
import { labTopology } from '../../src/scenarios/topology.js';
import { formatIp4 } from '../../src/net/wire/addr.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { loadBuiltin } from '../e2e/helpers.js';
import { NetStateFold } from './net-fold.js';

function run(name: string) {
  const r = runScenario(loadBuiltin(name), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

const count = (events: readonly TraceEvent[], kind: TraceEvent['kind']): number => events.filter((e) => e.kind === kind).length;

describe('fold of topology + link/addr/fib events = live state at the end', () => {
  // What each lab exercises: VIP on lo by ip and by ifconfig (dr-basic), VRRP moving the VIP
  // (keepalived-failover), ip link set down/up and a static route added back (sorry-server),
  // modprobe ipip in setup and at 2.5 s (tun-basic, dr-across-router), a /24 on lo:0 (seed-mistakes).
  const labs: readonly [string, readonly TraceEvent['kind'][]][] = [
    ['dr-basic', ['addr', 'fib']],
    ['keepalived-failover', ['addr', 'fib']],
    ['keepalived-sorry-server', ['link', 'addr', 'fib']],
    ['tun-basic', ['link', 'addr', 'fib']],
    ['dr-across-router', ['link', 'addr', 'fib']],
    ['dr-seed-mistakes', ['addr', 'fib']],
    ['nat-basic', []],
  ];
  for (const [name, kinds] of labs) {
    it(name, () => {
      const r = run(name);
      const topology = r.trace.meta.topology;
      expect(topology).toBeDefined();
      for (const k of kinds) expect(count(r.trace.events, k), k).toBeGreaterThan(0);
      const fold = new NetStateFold(topology ?? []);
      for (const e of r.trace.events) fold.apply(e);
      expect(fold.snapshot()).toEqual(labTopology(r.built.lab.hosts));
    });
  }
});

describe('the topology in the meta', () => {
  it('is the lab as configured by its YAML, before the setup commands (dr-basic)', () => {
    const r = run('dr-basic');
    const topo = r.trace.meta.topology ?? [];
    expect(topo.map((h) => h.name)).toEqual(r.trace.meta.hosts);
    const rs2 = topo.find((h) => h.name === 'rs2');
    // The VIP comes from `setup` (ip addr add … dev lo): not in the topology, an event instead.
    expect(rs2?.ifaces.map((i) => [i.name, i.kind, i.segment, i.mtu, i.up, i.addrs.map((a) => `${formatIp4(a.addr)}/${a.prefixLen}`)])).toEqual([
      ['lo', 'loopback', undefined, 65536, true, ['127.0.0.1/8']],
      ['eth0', 'ether', 'lan', 1500, true, ['192.168.1.12/24']],
    ]);
    expect(rs2?.ifaces[1]?.mac).toBe(0x02_00_00_00_05_01);
    // The `routes:` key is configuration too: the default route is there, with the kernel's.
    expect(rs2?.routes.filter((x) => x.table === 'main').map((x) => [formatIp4(x.dst), x.prefixLen, x.via === undefined ? '' : formatIp4(x.via), x.proto])).toEqual([
      ['0.0.0.0', 0, '192.168.1.1', 'boot'],
      ['192.168.1.0', 24, '', 'kernel'],
    ]);
    const vipEvents = r.trace.events.filter((e) => e.kind === 'addr' && e.host === 'rs2');
    expect(vipEvents.map((e) => (e.kind === 'addr' ? `${e.op} ${formatIp4(e.entry.addr)}/${e.entry.prefixLen} ${e.entry.label}` : ''))).toEqual(['add 192.168.1.100/32 lo']);
  });

  it('nothing the YAML configures reaches the trace: the first events are the first commands', () => {
    const r = run('dr-basic');
    const before = r.trace.events.findIndex((e) => e.kind === 'cmd');
    // The events before the first cmd event are that command's own effects (ipvsadm -A).
    expect(r.trace.events.slice(0, before).map((e) => e.kind)).toEqual(['ipvs.service']);
    expect(r.trace.events.some((e) => e.kind === 'fib' && e.route.dev === 'eth0' && e.t === 0)).toBe(false);
  });
});
