/**
 * TCP connection states, by the names `ss` and /proc/net/tcp use (include/net/tcp_states.h),
 * with the RFC 9293 §3.3.2 state diagram as the model. LISTEN belongs to listening sockets only.
 */

export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

/** Errors an application sees, by their errno names. */
export type TcpErrno =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  | 'ENETUNREACH'
  | 'EHOSTDOWN'
  | 'ENONET'
  | 'ENOPROTOOPT'
  | 'EOPNOTSUPP'
  | 'EMSGSIZE'
  | 'EPROTO';

/** Errors of connect() and listen() themselves (no packet was sent). */
export type TcpSetupErrno = 'ENETUNREACH' | 'EADDRINUSE' | 'EADDRNOTAVAIL';
