/**
 * `ip route add|replace|change|del|show|get` (iproute2 ip/iproute.c over RTM_NEWROUTE/DELROUTE/
 * GETROUTE; kernel fib_table_insert/delete, fib_check_nh, inet_rtm_getroute). `replace` is
 * NLM_F_CREATE|NLM_F_REPLACE (the route with the same prefix and metric is replaced, or created),
 * `change` is NLM_F_REPLACE alone (ENOENT when there is none). `show` prints the main table unless
 * told otherwise; with `dev D` the `dev` field is left out, with `table all` every non-main route
 * says `table local`. `get` prints the route the kernel would use for a locally sent packet, with
 * `uid 0` and the cache flags line. Simplified: `get iif` (an input route lookup) is not modelled.
 */
import type { Host } from '../../net/host.js';
import type { FibRoute, RouteError, RouteSpec as FibRouteSpec, RouteTableId } from '../../net/route.js';
import { formatRoute } from '../../net/route.js';
import { formatIp4 } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, IpRouteCommand, IpRouteGet, IpRouteModify, IpRouteDelete, IpRouteShow, RouteSpec } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, notModelled, printed, valueOffset } from './result.js';
import { exactDevice } from './link-view.js';
import { cannotFindDevice, extackError, rtnetlinkError } from './iproute2.js';

/** Runs an `ip route` command. */
export function execIpRoute(host: Host, entry: CommandEntry, cmd: IpRouteCommand): ExecResult {
  switch (cmd.op) {
    case 'add':
    case 'replace':
    case 'change':
      return modify(host, entry, cmd);
    case 'del':
      return del(host, entry, cmd);
    case 'show':
      return show(host, entry, cmd);
    case 'get':
      return get(host, entry, cmd);
    default:
      return assertNever(cmd);
  }
}

/** Offset of the destination prefix word. */
function dstOffset(entry: CommandEntry, cmd: IpRouteModify | IpRouteDelete): number {
  const dst = cmd.route.prefixLen === 0 && cmd.route.dst === 0 ? undefined : formatIp4(cmd.route.dst);
  for (let i = 3; i < cmd.argv.length; i++) {
    const w = cmd.argv[i] as string;
    if (dst === undefined ? w === 'default' || w === 'all' || w === 'any' || w.startsWith('0.0.0.0') : w === dst || w.startsWith(dst + '/')) return argOffset(entry, cmd, i);
  }
  return argOffset(entry, cmd, 2);
}

function devOffset(entry: CommandEntry, cmd: IpRouteModify | IpRouteDelete | IpRouteShow): number {
  return cmd.argv.includes('dev') ? valueOffset(entry, cmd, 'dev') : valueOffset(entry, cmd, 'oif');
}

/** The FIB's form of a parsed route (the parser already filled in iproute2's defaults). */
function toFibSpec(r: RouteSpec): FibRouteSpec {
  return {
    dst: r.dst,
    prefixLen: r.prefixLen,
    type: r.type,
    ...(r.via !== undefined ? { via: r.via } : {}),
    ...(r.dev !== undefined ? { dev: r.dev } : {}),
    ...(r.src !== undefined ? { src: r.src } : {}),
    metric: r.metric,
    scope: r.scope,
    proto: r.proto,
    table: r.table,
    onlink: r.onlink,
  };
}

/** The text iproute2 prints for a FIB refusal (Linux 6.1 extack texts where the kernel sets one). */
function fibError(e: RouteError, spec: FibRouteSpec, entry: CommandEntry, cmd: IpRouteModify | IpRouteDelete): ExecResult {
  switch (e.code) {
    case 'exists':
      return rtnetlinkError('EEXIST', dstOffset(entry, cmd));
    case 'notFound':
      return rtnetlinkError('ESRCH', dstOffset(entry, cmd));
    case 'invalidGateway':
      return extackError('Nexthop has invalid gateway', valueOffset(entry, cmd, 'via'));
    case 'devDown':
      return extackError('Device for nexthop is not up', devOffset(entry, cmd));
    case 'nexthopDevDown':
      return extackError('Nexthop device is not up', devOffset(entry, cmd));
    case 'netDown':
      return rtnetlinkError('ENETDOWN', valueOffset(entry, cmd, 'via'));
    case 'onlinkNoDevice':
      return extackError('Nexthop device required for onlink', wordOffsetOf(entry, cmd, 'onlink'));
    case 'noDevice':
      return cannotFindDevice(spec.dev ?? '', devOffset(entry, cmd));
    case 'invalidPrefsrc':
      return extackError('Invalid prefsrc address', valueOffset(entry, cmd, 'src'));
    case 'invalid':
      // fib_check_nh_nongw without a device: ENODEV, no extack message.
      return rtnetlinkError('ENODEV', dstOffset(entry, cmd));
    default:
      return assertNever(e.code);
  }
}

function wordOffsetOf(entry: CommandEntry, cmd: IpRouteModify | IpRouteDelete, word: string): number {
  const i = cmd.argv.indexOf(word, 1);
  return argOffset(entry, cmd, i < 0 ? 0 : i);
}

/** The first route of the table with this prefix and metric (what NLM_F_REPLACE replaces). */
function sameKey(host: Host, spec: FibRouteSpec): FibRoute | undefined {
  const routes = spec.table === 'local' ? host.fib.local : host.fib.main;
  const metric = spec.metric ?? 0;
  return routes.find((r) => r.dst === spec.dst && r.prefixLen === spec.prefixLen && r.metric === metric);
}

/** A FIB route as a spec that re-creates it. */
function specOf(r: FibRoute): FibRouteSpec {
  return {
    dst: r.dst,
    prefixLen: r.prefixLen,
    type: r.type,
    ...(r.via !== undefined ? { via: r.via } : {}),
    ...(r.dev !== '' ? { dev: r.dev } : {}),
    ...(r.src !== undefined ? { src: r.src } : {}),
    metric: r.metric,
    scope: r.scope,
    proto: r.proto,
    table: r.table,
    onlink: r.onlink,
  };
}

function modify(host: Host, entry: CommandEntry, cmd: IpRouteModify): ExecResult {
  const r = cmd.route;
  if (r.dev !== undefined && exactDevice(host, r.dev) === undefined) return cannotFindDevice(r.dev, devOffset(entry, cmd));
  const spec = toFibSpec(r);
  const old = sameKey(host, spec);
  if (cmd.op === 'change' && old === undefined) return rtnetlinkError('ENOENT', dstOffset(entry, cmd));
  if (cmd.op !== 'add' && old !== undefined) host.delRoute({ ...specOf(old), metric: old.metric });
  const added = host.addRoute(spec);
  if ('code' in added) {
    if (old !== undefined && cmd.op !== 'add') host.addRoute(specOf(old));
    return fibError(added, spec, entry, cmd);
  }
  return printed();
}

function del(host: Host, entry: CommandEntry, cmd: IpRouteDelete): ExecResult {
  const r = cmd.route;
  if (r.dev !== undefined && exactDevice(host, r.dev) === undefined) return cannotFindDevice(r.dev, devOffset(entry, cmd));
  const spec: FibRouteSpec = {
    dst: r.dst,
    prefixLen: r.prefixLen,
    table: r.table,
    ...(r.type !== undefined ? { type: r.type } : {}),
    ...(r.via !== undefined ? { via: r.via } : {}),
    ...(r.dev !== undefined ? { dev: r.dev } : {}),
    ...(r.src !== undefined ? { src: r.src } : {}),
    // fib_nh_match: priority 0 matches any metric.
    ...(r.metric !== undefined && r.metric !== 0 ? { metric: r.metric } : {}),
    ...(r.scope !== undefined ? { scope: r.scope } : {}),
    ...(r.proto !== undefined ? { proto: r.proto } : {}),
  };
  const gone = host.delRoute(spec);
  return 'code' in gone ? fibError(gone, spec, entry, cmd) : printed();
}

function dstText(r: FibRoute): string {
  if (r.prefixLen === 0 && r.dst === 0) return 'default';
  return r.prefixLen === 32 ? formatIp4(r.dst) : `${formatIp4(r.dst)}/${r.prefixLen}`;
}

/**
 * One line as print_route prints it: formatRoute's fields, without `dev D` when the listing is
 * filtered by that device, and with `table local` after the device when all tables are listed.
 */
function routeLine(r: FibRoute, hideDev: boolean, showTable: boolean): string {
  let line = formatRoute(r);
  const devPart = r.dev !== '' ? `dev ${r.dev} ` : '';
  const head = (r.type !== 'unicast' ? r.type + ' ' : '') + dstText(r) + ' ' + (r.via !== undefined ? `via ${formatIp4(r.via)} ` : '');
  if (showTable && r.table !== 'main') line = line.slice(0, head.length + devPart.length) + `table ${r.table} ` + line.slice(head.length + devPart.length);
  if (hideDev && devPart !== '') line = line.slice(0, head.length) + line.slice(head.length + devPart.length);
  return line + '\n';
}

function show(host: Host, entry: CommandEntry, cmd: IpRouteShow): ExecResult {
  if (cmd.dev !== undefined && exactDevice(host, cmd.dev) === undefined) return cannotFindDevice(cmd.dev, devOffset(entry, cmd));
  const tables: readonly RouteTableId[] = cmd.table === 'all' ? ['main', 'local'] : [cmd.table];
  let out = '';
  for (const t of tables) {
    for (const r of host.fib.list(t)) {
      if (cmd.dev !== undefined && r.dev !== cmd.dev) continue;
      out += routeLine(r, cmd.dev !== undefined, cmd.table === 'all');
    }
  }
  return printed(out);
}

function get(host: Host, entry: CommandEntry, cmd: IpRouteGet): ExecResult {
  if (cmd.iif !== undefined) return notModelled('ip route get … iif', valueOffset(entry, cmd, cmd.argv.includes('iif') ? 'iif' : 'input'), 'scenario.exec.notModelled.inputLookup');
  const oifWord = cmd.argv.includes('oif') ? 'oif' : 'output';
  if (cmd.oif !== undefined && exactDevice(host, cmd.oif) === undefined) return cannotFindDevice(cmd.oif, valueOffset(entry, cmd, oifWord));
  const at = argOffset(entry, cmd, 3);
  // ip_route_output_key_hash_rcu: a source that is not one of our addresses is refused.
  if (cmd.from !== undefined && !host.devices.some((d) => d.hasAddress(cmd.from as number))) return rtnetlinkError('ENETUNREACH', valueOffset(entry, cmd, 'from'));
  if (cmd.oif !== undefined && !(exactDevice(host, cmd.oif)?.up ?? false)) return rtnetlinkError('ENETUNREACH', valueOffset(entry, cmd, oifWord));
  const opts = { ...(cmd.from !== undefined ? { src: cmd.from } : {}), ...(cmd.oif !== undefined ? { oif: cmd.oif } : {}) };
  const rt = host.routeOutput(cmd.dst, opts);
  if (rt.type === 'unreachable') {
    const r = host.fib.lookup(cmd.dst, cmd.oif !== undefined ? { oif: cmd.oif } : {});
    // fib_props[].error of the route type that matched; no route at all is ENETUNREACH.
    if (r?.type === 'unreachable') return rtnetlinkError('EHOSTUNREACH', at);
    if (r?.type === 'blackhole') return rtnetlinkError('EINVAL', at);
    if (r?.type === 'prohibit') return rtnetlinkError('EACCES', at);
    return rtnetlinkError('ENETUNREACH', at);
  }
  let line = rt.type === 'unicast' ? '' : `${rt.type} `;
  line += `${formatIp4(cmd.dst)} `;
  if (cmd.from !== undefined) line += `from ${formatIp4(cmd.from)} `;
  if (rt.type === 'unicast' && rt.nextHop !== cmd.dst) line += `via ${formatIp4(rt.nextHop)} `;
  line += `dev ${rt.dev} `;
  if (cmd.from === undefined || cmd.from !== rt.src) line += `src ${formatIp4(rt.src)} `;
  line += 'uid 0 ';
  let flags: string[];
  switch (rt.type) {
    case 'local':
      flags = ['local'];
      break;
    case 'broadcast':
      flags = ['local', 'brd'];
      break;
    case 'multicast':
      flags = exactDevice(host, rt.dev)?.mcGroups.has(cmd.dst) === true ? ['local', 'mc'] : ['mc'];
      break;
    case 'unicast':
      flags = [];
      break;
    default:
      return assertNever(rt.type);
  }
  const cache = flags.length === 0 ? '    cache ' : `    cache <${flags.join(',')}> `;
  return printed(`${line}\n${cache}\n`);
}
