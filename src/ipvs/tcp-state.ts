/**
 * The IPVS TCP state machine as the kernel's literal tables (ip_vs_proto_tcp.c: tcp_states[],
 * tcp_states_dos[], tcp_timeouts[], tcp_state_active_table[]). A table row is picked by direction
 * (INPUT, OUTPUT, INPUT-ONLY for connections flagged NOOUTPUT, i.e. DR/TUN) and packet class;
 * the column is the current state; the cell is the next state. Packet class priority is
 * RST > SYN > FIN > ACK (tcp_state_idx); a segment with none of these flags goes straight to CLOSE.
 * This is IPVS's own bookkeeping of a connection it forwards, not the endpoints' TCP.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../net/wire/packet.js';

/** IP_VS_TCP_S_*: the state numbers, in the kernel's order. */
export const IP_VS_TCP_S_NONE = 0;
export const IP_VS_TCP_S_ESTABLISHED = 1;
export const IP_VS_TCP_S_SYN_SENT = 2;
export const IP_VS_TCP_S_SYN_RECV = 3;
export const IP_VS_TCP_S_FIN_WAIT = 4;
export const IP_VS_TCP_S_TIME_WAIT = 5;
export const IP_VS_TCP_S_CLOSE = 6;
export const IP_VS_TCP_S_CLOSE_WAIT = 7;
export const IP_VS_TCP_S_LAST_ACK = 8;
export const IP_VS_TCP_S_LISTEN = 9;
export const IP_VS_TCP_S_SYNACK = 10;
export const IP_VS_TCP_S_LAST = 11;

/** tcp_state_name_table: the names /proc/net/ip_vs_conn and `ipvsadm -Lnc` print. */
export const TCP_STATE_NAMES: readonly string[] = [
  'NONE',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'SYNACK',
];

/** tcp_state_active_table: states counted in ActiveConn (kernels since about 4.8). */
export const TCP_STATE_ACTIVE: readonly boolean[] = [
  false, // NONE
  true, // ESTABLISHED
  true, // SYN_SENT
  true, // SYN_RECV
  false, // FIN_WAIT
  false, // TIME_WAIT
  false, // CLOSE
  false, // CLOSE_WAIT
  false, // LAST_ACK
  false, // LISTEN
  true, // SYNACK
];

/** tcp_timeouts[] in seconds, by state (§3.5). */
export const TCP_DEFAULT_TIMEOUTS: readonly number[] = [
  2, // NONE
  900, // ESTABLISHED
  120, // SYN_SENT
  60, // SYN_RECV
  120, // FIN_WAIT
  120, // TIME_WAIT
  10, // CLOSE
  60, // CLOSE_WAIT
  30, // LAST_ACK
  120, // LISTEN
  120, // SYNACK
];

/** udp_timeouts[IP_VS_UDP_S_NORMAL] in seconds. */
export const UDP_DEFAULT_TIMEOUT = 300;

/** The timeout of a connection that was just created, before its first state transition (3*HZ). */
export const CONN_INITIAL_TIMEOUT_SEC = 3;

/** Table blocks: TCP_DIR_INPUT, TCP_DIR_OUTPUT, TCP_DIR_INPUT_ONLY (row offsets 0, 4, 8). */
export type TcpTableDir = 'INPUT' | 'OUTPUT' | 'INPUT_ONLY';

/** Packet classes (tcp_state_idx): 0 syn, 1 fin, 2 ack, 3 rst. */
export type TcpPacketClass = 'syn' | 'fin' | 'ack' | 'rst';

const sES = IP_VS_TCP_S_ESTABLISHED;
const sSS = IP_VS_TCP_S_SYN_SENT;
const sSR = IP_VS_TCP_S_SYN_RECV;
const sFW = IP_VS_TCP_S_FIN_WAIT;
const sTW = IP_VS_TCP_S_TIME_WAIT;
const sCL = IP_VS_TCP_S_CLOSE;
const sCW = IP_VS_TCP_S_CLOSE_WAIT;
const sLA = IP_VS_TCP_S_LAST_ACK;
const sLI = IP_VS_TCP_S_LISTEN;
const sSA = IP_VS_TCP_S_SYNACK;

/** A state table: 12 rows (INPUT syn/fin/ack/rst, OUTPUT …, INPUT-ONLY …) × 11 current states. */
export type TcpStateTable = readonly (readonly number[])[];

/** tcp_states[]: the normal table. */
export const TCP_STATES: TcpStateTable = [
  //       sNO  sES  sSS  sSR  sFW  sTW  sCL  sCW  sLA  sLI  sSA
  /* INPUT */
  /*syn*/ [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR],
  /*fin*/ [sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR],
  /* OUTPUT */
  /*syn*/ [sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR],
  /*fin*/ [sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES],
  /*rst*/ [sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL],
  /* INPUT-ONLY */
  /*syn*/ [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR],
  /*fin*/ [sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL],
];

/** tcp_states_dos[]: the table used while the secure_tcp defense is on. */
export const TCP_STATES_DOS: TcpStateTable = [
  //       sNO  sES  sSS  sSR  sFW  sTW  sCL  sCW  sLA  sLI  sSA
  /* INPUT */
  /*syn*/ [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSA],
  /*fin*/ [sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sSA],
  /*ack*/ [sES, sES, sSS, sSR, sFW, sTW, sCL, sCW, sCL, sLI, sSA],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL],
  /* OUTPUT */
  /*syn*/ [sSS, sES, sSS, sSA, sSS, sSS, sSS, sSS, sSS, sLI, sSA],
  /*fin*/ [sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES],
  /*rst*/ [sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL],
  /* INPUT-ONLY */
  /*syn*/ [sSA, sES, sES, sSR, sSA, sSA, sSA, sSA, sSA, sSA, sSA],
  /*fin*/ [sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL],
];

const DIR_OFFSET: Readonly<Record<TcpTableDir, number>> = { INPUT: 0, OUTPUT: 4, INPUT_ONLY: 8 };
const CLASS_INDEX: Readonly<Record<TcpPacketClass, number>> = { syn: 0, fin: 1, ack: 2, rst: 3 };

/** tcp_state_idx: the class of a segment by priority RST > SYN > FIN > ACK, or null for none. */
export function tcpPacketClass(tcpFlags: number): TcpPacketClass | null {
  if (tcpFlags & TCP_RST) return 'rst';
  if (tcpFlags & TCP_SYN) return 'syn';
  if (tcpFlags & TCP_FIN) return 'fin';
  if (tcpFlags & TCP_ACK) return 'ack';
  return null;
}

/** The next state for a segment of `cls` seen in `dir` while in `state`; no class means CLOSE. */
export function tcpNextState(table: TcpStateTable, dir: TcpTableDir, cls: TcpPacketClass | null, state: number): number {
  if (cls === null) return IP_VS_TCP_S_CLOSE;
  const row = table[DIR_OFFSET[dir] + CLASS_INDEX[cls]];
  const next = row?.[state];
  return next ?? IP_VS_TCP_S_CLOSE;
}
