/**
 * net-tools `route` (2.10): `route [-n]` prints /proc/net/route the way lib/inet_gr.c rprint_fib
 * does (main table only, broadcast routes skipped, flags U/G/H and `!` for reject routes, the
 * destination 0.0.0.0 shown as `default` unless -n; the lab has no resolver, so every other address
 * prints as numbers). `route add|del` go through SIOCADDRT/SIOCDELRT, which the kernel turns into
 * a route (fib/ip_rt_ioctl rtentry_to_fib_config): proto boot, scope link unless the gateway is a
 * unicast address, metric N stored as given, an alias device (`lo:0`) setting the preferred source
 * to that alias's address, `reject` an unreachable route. Errors are perror's "SIOCADDRT: …", exit 7.
 */
import type { Host } from '../../net/host.js';
import type { FibRoute, RouteError, RouteSpec as FibRouteSpec } from '../../net/route.js';
import { formatIp4, prefixToMask, type Ip4 } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, RouteCommand, RouteModify } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, failed, printed, valueOffset } from './result.js';
import { strerror, type Errno } from './errno.js';
import { exactDevice } from './link-view.js';

/** net-tools' E_SOCK: the exit status when the ioctl fails. */
const E_SOCK = 7;

/** Runs a `route` command. */
export function execRoute(host: Host, entry: CommandEntry, cmd: RouteCommand): ExecResult {
  switch (cmd.op) {
    case 'list':
      return printed(formatRouteTable(host, cmd.numeric));
    case 'add':
    case 'del':
      return modify(host, entry, cmd);
    default:
      return assertNever(cmd);
  }
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** fib_flag_trans + rprint_fib's flag letters. */
function routeFlags(r: FibRoute): string {
  const reject = r.type === 'unreachable' || r.type === 'prohibit';
  let f = reject ? '!' : 'U';
  if (!reject && r.via !== undefined) f += 'G';
  if (r.prefixLen === 32) f += 'H';
  return f;
}

/** `route` / `route -n`: the kernel IP routing table. */
export function formatRouteTable(host: Host, numeric: boolean): string {
  let out = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  for (const r of host.fib.list('main')) {
    if (r.type === 'broadcast') continue;
    const dst = !numeric && r.dst === 0 && r.prefixLen === 0 ? 'default' : formatIp4(r.dst);
    const mask = formatIp4(prefixToMask(r.prefixLen));
    const flags = routeFlags(r);
    if (flags.startsWith('!')) {
      out += `${pad(dst, 15)} -               ${pad(mask, 15)} ${pad(flags, 5)} ${pad(String(r.metric), 6)} -  ${padLeft('0', 7)} -\n`;
      continue;
    }
    const gw = formatIp4(r.via ?? 0);
    const iface = r.dev === '' ? '*' : r.dev;
    out += `${pad(dst, 15)} ${pad(gw, 15)} ${pad(mask, 15)} ${pad(flags, 5)} ${pad(String(r.metric), 6)} ${pad('0', 2)} ${padLeft('0', 7)} ${iface}\n`;
  }
  return out;
}

function ioctlError(name: 'SIOCADDRT' | 'SIOCDELRT', e: Errno, offset: number): ExecResult {
  return failed(E_SOCK, `${name}: ${strerror(e)}\n`, offset);
}

function targetOffset(entry: CommandEntry, cmd: RouteModify): number {
  for (let i = 2; i < cmd.argv.length; i++) {
    const w = cmd.argv[i] as string;
    if (w === 'default' || /^\d/.test(w)) return argOffset(entry, cmd, i);
  }
  return argOffset(entry, cmd, 1);
}

function devOffset(entry: CommandEntry, cmd: RouteModify): number {
  if (cmd.argv.includes('dev')) return valueOffset(entry, cmd, 'dev');
  return argOffset(entry, cmd, cmd.argv.length - 1);
}

function modify(host: Host, entry: CommandEntry, cmd: RouteModify): ExecResult {
  const name = cmd.op === 'add' ? 'SIOCADDRT' : 'SIOCDELRT';
  let dev: string | undefined;
  let prefsrc: Ip4 | undefined;
  if (cmd.dev !== undefined && !cmd.reject) {
    const colon = cmd.dev.indexOf(':');
    const base = colon < 0 ? cmd.dev : cmd.dev.slice(0, colon);
    const d = exactDevice(host, base);
    if (d === undefined) return ioctlError(name, 'ENODEV', devOffset(entry, cmd));
    dev = d.name;
    if (colon >= 0) {
      const alias = d.addrs.find((a) => a.label === cmd.dev);
      if (alias === undefined) return ioctlError(name, 'ENODEV', devOffset(entry, cmd));
      prefsrc = alias.local;
    }
  }
  const gw = cmd.reject ? undefined : cmd.gw;
  if (cmd.op === 'del') {
    const spec: FibRouteSpec = {
      dst: cmd.dst,
      prefixLen: cmd.prefixLen,
      table: 'main',
      type: cmd.reject ? 'unreachable' : 'unicast',
      ...(gw !== undefined ? { via: gw } : {}),
      ...(dev !== undefined ? { dev } : {}),
      ...(prefsrc !== undefined ? { src: prefsrc } : {}),
      ...(cmd.metric !== undefined && cmd.metric !== 0 ? { metric: cmd.metric } : {}),
    };
    const gone = host.delRoute(spec);
    return 'code' in gone ? ioctlError(name, 'ESRCH', targetOffset(entry, cmd)) : printed();
  }
  const spec: FibRouteSpec = cmd.reject
    ? { dst: cmd.dst, prefixLen: cmd.prefixLen, type: 'unreachable', scope: 'host', proto: 'boot', table: 'main', metric: cmd.metric ?? 0 }
    : {
        dst: cmd.dst,
        prefixLen: cmd.prefixLen,
        type: 'unicast',
        ...(gw !== undefined ? { via: gw } : {}),
        ...(dev !== undefined ? { dev } : {}),
        ...(prefsrc !== undefined ? { src: prefsrc } : {}),
        metric: cmd.metric ?? 0,
        // rtentry_to_fib_config: universe only for a gateway that is a unicast address.
        scope: gw !== undefined && host.fib.addrType(gw) === 'unicast' ? 'global' : 'link',
        proto: 'boot',
        table: 'main',
      };
  const added = host.addRoute(spec);
  if (!('code' in added)) return printed();
  return ioctlError(name, addErrno(host, added, gw), errorOffset(entry, cmd, added));
}

/** The errno the ioctl path returns where the netlink path would carry an extack text. */
function addErrno(host: Host, e: RouteError, gw: Ip4 | undefined): Errno {
  switch (e.code) {
    case 'exists':
      return 'EEXIST';
    case 'notFound':
      return 'ESRCH';
    case 'invalidGateway':
      return gw !== undefined && host.fib.lookup(gw) !== undefined ? 'EINVAL' : 'ENETUNREACH';
    case 'devDown':
    case 'nexthopDevDown':
    case 'netDown':
      return 'ENETDOWN';
    case 'noDevice':
    case 'invalid':
    case 'onlinkNoDevice':
      return 'ENODEV';
    case 'invalidPrefsrc':
      return 'EINVAL';
    default:
      return assertNever(e.code);
  }
}

function errorOffset(entry: CommandEntry, cmd: RouteModify, e: RouteError): number {
  if (e.code === 'invalidGateway') return valueOffset(entry, cmd, 'gw');
  if (e.code === 'devDown' || e.code === 'nexthopDevDown' || e.code === 'noDevice') return devOffset(entry, cmd);
  return targetOffset(entry, cmd);
}
