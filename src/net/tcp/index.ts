/** The TCP endpoint model: per-host stack, sockets, states. See stack.ts and socket.ts. */
export { tcpStack, TcpStack } from './stack.js';
export type { AcceptFn, ConnectOptions, TcpListener, TcpResult } from './stack.js';
export { TcpSocket } from './socket.js';
export type { TcpHandlers } from './socket.js';
export type { TcpErrno, TcpSetupErrno, TcpState } from './state.js';
