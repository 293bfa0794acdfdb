/**
 * The Linux TCP constants and sysctl defaults this model uses, with their kernel names
 * (include/net/tcp.h, Documentation/networking/ip-sysctl.rst). Times are virtual ns.
 */
import { MS, SEC } from '../types.js';

/** TCP_TIMEOUT_INIT: the RTO before any RTT sample (RFC 6298 §2.1). */
export const TCP_TIMEOUT_INIT = 1 * SEC;
/** TCP_RTO_MIN: Linux's floor for the variance term of the RTO. */
export const TCP_RTO_MIN = 200 * MS;
/** TCP_RTO_MAX: the backed-off RTO never exceeds this. */
export const TCP_RTO_MAX = 120 * SEC;
/** TCP_TIMEWAIT_LEN: how long TIME_WAIT lasts (Linux does not use 2×MSL). */
export const TCP_TIMEWAIT_LEN = 60 * SEC;
/** net.ipv4.tcp_fin_timeout: an orphaned FIN_WAIT2 socket waits this long for the peer's FIN. */
export const TCP_FIN_TIMEOUT = 60 * SEC;
/** TCP_DELACK_MIN (= TCP_ATO_MIN): the delayed-ACK timeout used here. */
export const TCP_DELACK_MIN = 40 * MS;
/** TCP_MAX_QUICKACKS: ACKs sent at once at the start of a connection (quickack mode). */
export const TCP_MAX_QUICKACKS = 16;
/** net.ipv4.tcp_syn_retries: SYN retransmissions before connect() fails with ETIMEDOUT. */
export const TCP_SYN_RETRIES = 6;
/** net.ipv4.tcp_synack_retries: SYN-ACK retransmissions before a request is dropped. */
export const TCP_SYNACK_RETRIES = 5;
/** net.ipv4.tcp_retries2: data retransmissions before the connection is dropped with ETIMEDOUT. */
export const TCP_RETRIES2 = 15;
/** TCP_MSS_DEFAULT: the MSS assumed when the peer's SYN carries no MSS option (RFC 9293 §3.7.1). */
export const TCP_MSS_DEFAULT = 536;
/** net.ipv4.tcp_min_snd_mss: the smallest MSS a path MTU can lower a connection to. */
export const TCP_MIN_SND_MSS = 48;
/** The window scale Linux offers with the default tcp_rmem (6 MB maximum buffer). */
export const TCP_WSCALE = 7;
/** RFC 7323 §2.3: the largest shift a peer may announce. */
export const TCP_MAX_WSCALE = 14;
/** net.ipv4.ip_local_port_range defaults. */
export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;
/** net.ipv4.ip_default_ttl. */
export const IP_DEFAULT_TTL = 64;
/** Bytes of the timestamps option on every segment after the SYN (nop, nop, TS). */
export const TCPOLEN_TSTAMP_ALIGNED = 12;
