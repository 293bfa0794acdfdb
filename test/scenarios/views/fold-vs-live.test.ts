/**
 * The honest test of the state folds: what the views print from the fold must be what the real
 * command printed. (1) Every checkpoint or setup command of every built-in lab that lists state
 * (`ipvsadm -L -n`, `ipvsadm -L -n -c`, `ip neigh`, `arp -n`) carries its output in the trace:
 * the fold at that step must print the same. (2) At the end of a run, the live lab's commands on
 * every host must print what the fold at the last step prints.
 */
import { describe, expect, it } from 'vitest';
import { listBuiltins } from '../../../src/scenarios/builtins.js';
import { runScenario } from '../../../src/scenarios/run.js';
import { parseScript } from '../../../src/scenarios/commands/index.js';
import { executeCommand } from '../../../src/scenarios/exec/index.js';
import type { BuiltLab } from '../../../src/scenarios/build.js';
import { formatArpN } from '../../../src/net/neigh-show.js';
import { indexState, stateAt, type LabState } from '../../../src/trace/state/index.js';
import { neighDevicesOf, renderStateView, type StateViewKind } from '../../../src/scenarios/views/index.js';
import { loadBuiltin } from '../../e2e/helpers.js';

/** Listing commands as the labs type them, and the view that must print the same. */
const LISTINGS: ReadonlyMap<string, StateViewKind | 'arp'> = new Map<string, StateViewKind | 'arp'>([
  ['ipvsadm -L -n', 'ipvs'],
  ['ipvsadm -Ln', 'ipvs'],
  ['ipvsadm -L -n -c', 'conns'],
  ['ipvsadm -Lnc', 'conns'],
  ['ipvsadm -L -c -n', 'conns'],
  ['ip neigh', 'neigh'],
  ['ip neigh show', 'neigh'],
  ['arp -n', 'arp'],
]);

function viewText(kind: StateViewKind | 'arp', state: LabState, host: string, now: number): string {
  if (kind === 'arp') {
    const h = state.hosts.get(host);
    return h === undefined ? '' : formatArpN({ devices: neighDevicesOf(h) });
  }
  const v = renderStateView(kind, state, host, now);
  return v.lines.map((l) => `${l}\n`).join('');
}

function run(name: string): ReturnType<typeof runScenario> {
  return runScenario(loadBuiltin(name), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
}

/** Runs `line` on the live host now, as a checkpoint's `run:` does (without a trace event). */
function live(built: BuiltLab, host: string, line: string): string {
  const h = built.lab.host(host);
  if (h === undefined) throw new Error(`no host ${host}`);
  const { script, errors } = parseScript(line);
  expect(errors).toEqual([]);
  let out = '';
  for (const entry of script.commands) out += executeCommand(h, entry, built.ipvs.context()).output;
  return out;
}

describe('fold = the output the trace recorded for every listing command of every built-in lab', () => {
  const covered: string[] = [];
  for (const b of listBuiltins()) {
    it(b.name, () => {
      const r = run(b.name);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      const index = indexState(r.trace, 256);
      let n = 0;
      r.trace.events.forEach((e, step) => {
        if (e.kind !== 'cmd' || e.exitCode !== 0) return;
        const kind = LISTINGS.get(e.line.trim().replace(/\s+/g, ' '));
        if (kind === undefined) return;
        n++;
        const got = viewText(kind, stateAt(index, step), e.host, e.t);
        expect(got, `${b.name} step ${step} on ${e.host}: ${e.line}`).toBe(e.output);
      });
      if (n > 0) covered.push(`${b.name}:${n}`);
    });
  }
  it('covered most labs', () => {
    expect(covered.length).toBeGreaterThan(20);
  });
});

/** Labs whose end state is compared with the live commands, host by host. */
const END_LABS = ['dr-basic', 'nat-basic', 'fullnat-toa', 'keepalived-failover', 'keepalived-sorry-server', 'synproxy-flood', 'persistence-netmask', 'dr-arp-trap', 'tun-basic', 'sched-lblc-lblcr'];

describe('fold at the last step = the live lab at the end', () => {
  for (const name of END_LABS) {
    it(name, () => {
      const r = run(name);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      const state = stateAt(indexState(r.trace), r.trace.length - 1);
      const now = r.built.lab.sim.now;
      let directors = 0;
      for (const host of r.trace.meta.hosts) {
        const ipvs = r.built.lab.host(host) !== undefined ? r.built.ipvs.peek(r.built.lab.host(host)!) : undefined;
        if (ipvs !== undefined) {
          directors++;
          expect(viewText('ipvs', state, host, now), `${name} ${host} ipvsadm -L -n`).toBe(live(r.built, host, 'ipvsadm -L -n'));
          expect(viewText('conns', state, host, now), `${name} ${host} ipvsadm -L -n -c`).toBe(live(r.built, host, 'ipvsadm -L -n -c'));
        }
        expect(viewText('neigh', state, host, now), `${name} ${host} ip neigh`).toBe(live(r.built, host, 'ip neigh'));
        expect(viewText('arp', state, host, now), `${name} ${host} arp -n`).toBe(live(r.built, host, 'arp -n'));
        if (r.trace.meta.topology !== undefined) {
          expect(viewText('routes', state, host, now), `${name} ${host} ip route`).toBe(live(r.built, host, 'ip route; ip route show table local'));
          expect(viewText('addrs', state, host, now), `${name} ${host} ip -4 addr`).toBe(live(r.built, host, 'ip -4 addr'));
        }
      }
      expect(directors).toBeGreaterThan(0);
    });
  }
});
