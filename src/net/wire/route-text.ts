/**
 * The text of one IPv4 route as iproute2's print_route writes it (ip/iproute.c): type unless
 * unicast, destination (`default`, a bare address for a /32), `via`, `dev`, `table` (only when
 * asked: `ip route show table all` and `ip monitor route` print it for tables other than main),
 * `proto` unless boot, `scope` unless global, `src`, `metric` unless 0, `onlink`; every field is
 * followed by one space, as print_route leaves it. It sits with the wire formats because both the
 * simulated `ip route` and the trace viewers (`fib` events) print it, and wire is the one layer
 * both may import.
 */
import type { Ip4 } from './addr.js';
import { formatIp4 } from './addr.js';

/** The route fields print_route reads (a FIB route of the net stack, a `fib` event's route). */
export interface RouteTextFields {
  readonly table: string;
  readonly type: string;
  readonly dst: Ip4;
  readonly prefixLen: number;
  readonly via?: Ip4;
  /** '' when the route has no device (unreachable, blackhole, prohibit). */
  readonly dev: string;
  readonly src?: Ip4;
  readonly metric: number;
  readonly scope: string;
  readonly proto: string;
  readonly onlink: boolean;
}

export interface RouteTextOptions {
  /** Print `table T` after the device when T is not main. */
  readonly showTable?: boolean;
}

/** The destination as print_route writes it: `default`, `10.0.0.1`, `10.0.0.0/24`. */
export function formatRouteDst(r: Pick<RouteTextFields, 'dst' | 'prefixLen'>): string {
  if (r.prefixLen === 0 && r.dst === 0) return 'default';
  return r.prefixLen === 32 ? formatIp4(r.dst) : `${formatIp4(r.dst)}/${r.prefixLen}`;
}

/** One route line, each field followed by one space (no newline). */
export function formatRouteText(r: RouteTextFields, opts: RouteTextOptions = {}): string {
  let s = '';
  if (r.type !== 'unicast') s += r.type + ' ';
  s += formatRouteDst(r) + ' ';
  if (r.via !== undefined) s += `via ${formatIp4(r.via)} `;
  if (r.dev !== '') s += `dev ${r.dev} `;
  if (opts.showTable === true && r.table !== 'main') s += `table ${r.table} `;
  if (r.proto !== 'boot') s += `proto ${r.proto} `;
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.src !== undefined) s += `src ${formatIp4(r.src)} `;
  if (r.metric !== 0) s += `metric ${r.metric} `;
  if (r.onlink) s += 'onlink ';
  return s;
}
