/**
 * The packet counters of ip_vs_core.c (ip_vs_in_stats, ip_vs_out_stats): every packet of a
 * connection counts for its real server, that server's service and the totals, with the IP length
 * before any rewrite, as long as the server is AVAILABLE (§9.1). Connection counts are in
 * persist.ts/core.ts (ip_vs_conn_stats), the 2-second estimator in stats.ts.
 */
import { ipv4TotalLength } from '../net/wire/length.js';
import type { Ipv4Packet } from '../net/wire/packet.js';
import type { IpvsConn } from './conn.js';
import { IP_VS_DEST_F_AVAILABLE } from './dest.js';
import type { IpvsState } from './state.js';

/** ip_vs_in_stats: counted for the dest, its service and the totals, if the dest is available. */
export function inStats(ipvs: IpvsState, cp: IpvsConn, ip: Ipv4Packet): void {
  const dest = cp.dest;
  if (dest === null || (dest.flags & IP_VS_DEST_F_AVAILABLE) === 0) return;
  const now = ipvs.host.sim.now;
  const len = ipv4TotalLength(ip);
  dest.stats.addIn(now, len);
  dest.svc?.stats.addIn(now, len);
  ipvs.totStats.addIn(now, len);
}

/** ip_vs_out_stats. */
export function outStats(ipvs: IpvsState, cp: IpvsConn, ip: Ipv4Packet): void {
  const dest = cp.dest;
  if (dest === null || (dest.flags & IP_VS_DEST_F_AVAILABLE) === 0) return;
  const now = ipvs.host.sim.now;
  const len = ipv4TotalLength(ip);
  dest.stats.addOut(now, len);
  dest.svc?.stats.addOut(now, len);
  ipvs.totStats.addOut(now, len);
}
