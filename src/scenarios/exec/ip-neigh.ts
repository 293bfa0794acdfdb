/**
 * `ip neigh add|replace|change|del|show|flush` (iproute2 ip/ipneigh.c, kernel neigh_add /
 * neigh_delete in net/core/neighbour.c). add is NLM_F_CREATE|NLM_F_EXCL (EEXIST for any entry
 * already in the table, learnt ones included), change is NLM_F_REPLACE (ENOENT when absent),
 * replace creates or overrides; all are administrative updates (override, allowed on PERMANENT
 * entries). A valid state needs a link-layer address. `show dev D` leaves out `dev D`; `flush`
 * removes every entry except PERMANENT and NOARP ones. Simplified: only the states permanent,
 * reachable, stale and noarp can be set.
 */
import type { Host } from '../../net/host.js';
import type { NetDevice } from '../../net/iface.js';
import { formatIpNeigh } from '../../net/neigh-show.js';
import { formatIp4 } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, IpNeighCommand, IpNeighModify, NudState } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, notModelled, printed, valueOffset } from './result.js';
import { exactDevice } from './link-view.js';
import { cannotFindDevice, extackError, rtnetlinkError } from './iproute2.js';

const SETTABLE: Partial<Record<NudState, 'PERMANENT' | 'REACHABLE' | 'STALE' | 'NOARP'>> = {
  permanent: 'PERMANENT',
  reachable: 'REACHABLE',
  stale: 'STALE',
  noarp: 'NOARP',
};

/** Runs an `ip neigh` command. */
export function execIpNeigh(host: Host, entry: CommandEntry, cmd: IpNeighCommand): ExecResult {
  switch (cmd.op) {
    case 'add':
    case 'replace':
    case 'change':
    case 'del':
      return modify(host, entry, cmd);
    case 'show': {
      if (cmd.dev === undefined) return printed(formatIpNeigh(host));
      const d = exactDevice(host, cmd.dev);
      if (d === undefined) return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
      return printed(showFiltered(d));
    }
    case 'flush': {
      let devs: readonly NetDevice[] = host.devices;
      if (cmd.dev !== undefined) {
        const d = exactDevice(host, cmd.dev);
        if (d === undefined) return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
        devs = [d];
      }
      for (const d of devs) d.neigh.flush(false);
      return printed();
    }
    default:
      return assertNever(cmd);
  }
}

/** `ip neigh show dev D`: the device's entries without the `dev D` field. */
function showFiltered(d: NetDevice): string {
  const field = ` dev ${d.name} `;
  return formatIpNeigh({ devices: [d] })
    .split('\n')
    .map((line) => {
      const i = line.indexOf(field);
      return i < 0 ? line : line.slice(0, i) + ' ' + line.slice(i + field.length);
    })
    .join('\n');
}

function addrOffset(entry: CommandEntry, cmd: IpNeighModify): number {
  const i = cmd.argv.indexOf(formatIp4(cmd.addr), 1);
  return argOffset(entry, cmd, i < 0 ? 2 : i);
}

function modify(host: Host, entry: CommandEntry, cmd: IpNeighModify): ExecResult {
  const d = exactDevice(host, cmd.dev);
  if (d === undefined) return cannotFindDevice(cmd.dev, valueOffset(entry, cmd, 'dev'));
  const existing = d.neigh.lookup(cmd.addr);
  if (cmd.op === 'del') {
    return d.neigh.delete(cmd.addr) ? printed() : rtnetlinkError('ENOENT', addrOffset(entry, cmd));
  }
  const nud = cmd.nud ?? 'permanent';
  const state = SETTABLE[nud];
  if (state === undefined) return notModelled(`ip neigh ${cmd.op} … nud ${nud}`, valueOffset(entry, cmd, 'nud'));
  if (cmd.op === 'add' && existing !== undefined) return rtnetlinkError('EEXIST', addrOffset(entry, cmd));
  if (cmd.op === 'change' && existing === undefined) return rtnetlinkError('ENOENT', addrOffset(entry, cmd));
  const mac = cmd.lladdr ?? (existing !== undefined && existing.state !== 'NONE' && existing.state !== 'INCOMPLETE' && existing.state !== 'FAILED' ? existing.mac : undefined);
  if (mac === undefined) return extackError('No link layer address given', addrOffset(entry, cmd));
  d.neigh.setStatic(cmd.addr, mac, state);
  return printed();
}
