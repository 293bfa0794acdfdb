/**
 * Per-protocol state transitions (ip_vs_proto_tcp.c: tcp_state_transition/set_tcp_state;
 * ip_vs_proto_udp.c: udp_state_transition). TCP picks the INPUT-ONLY rows while the entry has
 * NOOUTPUT (DR/TUN: the director never sees replies); the first OUTPUT packet clears NOOUTPUT.
 * On a state change the entry moves between the dest's ActiveConn and InActConn. Every packet
 * re-reads the timeout of the (possibly unchanged) state, so `ipvsadm --set` reaches existing
 * entries at their next packet. UDP only refreshes its timeout and always stays inactive.
 * The secure_tcp defense table is used when net.ipv4.vs.secure_tcp is 3 (memory pressure, which
 * turns modes 1 and 2 on, is not modelled).
 */
import { SEC } from '../net/types.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../net/wire/packet.js';
import { type IpvsConn, emitDestCounters } from './conn.js';
import { IP_VS_CONN_F_INACTIVE, IP_VS_CONN_F_NOOUTPUT } from './dest.js';
import { controlAssureCt } from './persist.js';
import { destLoadChanged } from './sched/scheduler.js';
import type { IpvsState } from './state.js';
import {
  IP_VS_TCP_S_ESTABLISHED,
  TCP_STATE_ACTIVE,
  TCP_STATES,
  TCP_STATES_DOS,
  type TcpTableDir,
  tcpNextState,
  tcpPacketClass,
} from './tcp-state.js';

/** IP_VS_DIR_INPUT (client → server) or IP_VS_DIR_OUTPUT (server → client, seen by a NAT director). */
export type ConnDirection = 'INPUT' | 'OUTPUT';

/**
 * ip_vs_set_state: runs the protocol's transition for one packet. `tcpFlags` are the segment's
 * flags (ignored for UDP); null means the L4 header could not be read (no transition).
 */
export function setState(ipvs: IpvsState, cp: IpvsConn, dir: ConnDirection, tcpFlags: number | null): void {
  if (cp.protocol === IPPROTO_TCP) {
    if (tcpFlags !== null) setTcpState(ipvs, cp, dir, tcpFlags);
  } else if (cp.protocol === IPPROTO_UDP) {
    cp.timeout = ipvs.udpTimeout * SEC;
    if (dir === 'OUTPUT') controlAssureCt(ipvs, cp);
  }
}

/** set_tcp_state. */
export function setTcpState(ipvs: IpvsState, cp: IpvsConn, dir: ConnDirection, tcpFlags: number): void {
  let tableDir: TcpTableDir = dir;
  if (cp.flags & IP_VS_CONN_F_NOOUTPUT) {
    if (dir === 'OUTPUT') cp.flags &= ~IP_VS_CONN_F_NOOUTPUT;
    else tableDir = 'INPUT_ONLY';
  }
  const table = ipvs.sysctl('secure_tcp') === 3 ? TCP_STATES_DOS : TCP_STATES;
  const newState = tcpNextState(table, tableDir, tcpPacketClass(tcpFlags), cp.state);
  moveTcpState(ipvs, cp, newState);
}

/**
 * The second half of set_tcp_state: moves the entry to `state`, and between its dest's ActiveConn
 * and InActConn when the state's activeness changes (§3.3); the timeout becomes the new state's.
 */
export function moveTcpState(ipvs: IpvsState, cp: IpvsConn, state: number): void {
  // ip_vs_control_assure_ct: a controlled connection reaching ESTABLISHED makes its template ASSURED.
  if (state !== cp.state && state === IP_VS_TCP_S_ESTABLISHED) controlAssureCt(ipvs, cp);
  const dest = cp.dest;
  if (dest !== null && state !== cp.state) {
    const active = TCP_STATE_ACTIVE[state] === true;
    if (!(cp.flags & IP_VS_CONN_F_INACTIVE) && !active) {
      dest.activeConns--;
      dest.inactConns++;
      cp.flags |= IP_VS_CONN_F_INACTIVE;
      emitDestCounters(ipvs, dest);
      destLoadChanged(dest);
    } else if (cp.flags & IP_VS_CONN_F_INACTIVE && active) {
      dest.activeConns++;
      dest.inactConns--;
      cp.flags &= ~IP_VS_CONN_F_INACTIVE;
      emitDestCounters(ipvs, dest);
      destLoadChanged(dest);
    }
  }
  cp.state = state;
  cp.timeout = (ipvs.tcpTimeouts[state] ?? 0) * SEC;
}
