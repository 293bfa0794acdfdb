/**
 * State views: a folded LabState (src/trace/state) printed as the real command on the host would
 * print it at that step, through the same formatters the live commands use.
 */
import { msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import type { HostState, LabState } from '../../trace/state/index.js';
import { formatIpvsConns, formatIpvsList } from './ipvs.js';
import { formatAddrsOf, formatNeighOf, formatRoutesOf } from './net.js';
import { type StateViewKind, type StateViewText, outputLines } from './types.js';
import { vrrpLines } from './vrrp.js';

export type { StateViewKind, StateViewText } from './types.js';
export { formatIpvsConns, formatIpvsList } from './ipvs.js';
export { formatAddrsOf, formatNeighOf, formatRoutesOf, neighDevicesOf } from './net.js';

/** Every view kind, in the order a UI would offer them. */
export const STATE_VIEW_KINDS: readonly StateViewKind[] = ['ipvs', 'conns', 'neigh', 'routes', 'addrs', 'vrrp'];

const COMMANDS: Readonly<Record<StateViewKind, string>> = {
  ipvs: 'ipvsadm -L -n',
  conns: 'ipvsadm -L -n -c',
  neigh: 'ip neigh',
  routes: 'ip route; ip route show table local',
  addrs: 'ip -4 addr',
  vrrp: '',
};

function has(kind: StateViewKind, h: HostState): boolean {
  switch (kind) {
    case 'ipvs':
    case 'conns':
      return h.services.size > 0 || h.conns.size > 0;
    case 'neigh':
      return h.neigh.size > 0;
    case 'routes':
      return h.routes.size > 0;
    case 'addrs':
      return h.addrs.size > 0;
    case 'vrrp':
      return h.vrrp.size > 0;
    default:
      return assertNever(kind);
  }
}

function output(kind: StateViewKind, h: HostState, nowNs: number): string[] {
  switch (kind) {
    case 'ipvs':
      return outputLines(formatIpvsList(h));
    case 'conns':
      return outputLines(formatIpvsConns(h, nowNs));
    case 'neigh':
      return outputLines(formatNeighOf(h));
    case 'routes':
      return outputLines(formatRoutesOf(h));
    case 'addrs':
      return outputLines(formatAddrsOf(h));
    case 'vrrp':
      return vrrpLines(h);
    default:
      return assertNever(kind);
  }
}

/**
 * What `kind` shows on `host` in `state`, at virtual time `nowNs` (connection timers count down
 * from it). A host the state does not know has nothing to show.
 */
export function renderStateView(kind: StateViewKind, state: LabState, host: string, nowNs: number): StateViewText {
  const h = state.hosts.get(host);
  const command = COMMANDS[kind];
  const title = kind === 'vrrp' ? { title: msg('ui.state.vrrp.title', { host }) } : {};
  if (h === undefined) return { command, lines: [], empty: msg(`ui.state.empty.${kind}`, { host }), ...title };
  const lines = output(kind, h, nowNs);
  const nothing = kind === 'conns' ? h.conns.size === 0 : kind === 'ipvs' ? h.services.size === 0 : !has(kind, h);
  return nothing ? { command, lines, empty: msg(`ui.state.empty.${kind}`, { host }), ...title } : { command, lines, ...title };
}

/** The hosts that have something for `kind` in `state` (directors for ipvs/conns, hosts with VRRP instances …), in scenario order. */
export function hostsWith(kind: StateViewKind, state: LabState): string[] {
  const out: string[] = [];
  for (const h of state.hosts.values()) if (has(kind, h)) out.push(h.name);
  return out;
}
