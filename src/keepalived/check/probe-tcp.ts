/**
 * The TCP probes keepalived's checkers make from the director (keepalived core/layer4.c
 * socket_bind_connect + check_tcp.c / check_http.c): a non-blocking connect() that must complete
 * within connect_timeout, then either an immediate close() (TCP_CHECK: the FIN is sent, the
 * connection ends politely) or a request written and the response read until the server's FIN, each
 * read waiting at most the same timeout. Real segments through the host's TCP stack, so the
 * handshake, the RST of a closed port and the SYN retransmissions toward a dead server are frames
 * in the trace. `bindto` and `bind_port` bind the source address and port before connecting.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import type { HostApi, Timer } from '../../net/types.js';
import { tcpStack } from '../../net/tcp/stack.js';
import type { TcpSocket } from '../../net/tcp/socket.js';

/** Why a probe failed. */
export type ProbeFailure =
  /** No handshake within the connect timeout (SYNs unanswered: a crashed or firewalled server). */
  | { readonly why: 'connectTimeout' }
  /** The server answered the SYN with a RST (nothing listens on the port). */
  | { readonly why: 'refused' }
  /** Any other socket error (no route, ICMP unreachable, reset after the handshake …). */
  | { readonly why: 'error'; readonly errno: string }
  /** Connected, but the server sent nothing (more) within the read timeout. */
  | { readonly why: 'readTimeout' }
  /** The whole operation exceeded its total time limit (curl -m). */
  | { readonly why: 'totalTimeout' };

/** A probe in flight. */
export interface ProbeHandle {
  cancel(): void;
}

/** Where a probe goes and its timers (ns; 0 = no limit). */
export interface TcpProbeTarget {
  readonly dst: Ip4;
  readonly port: number;
  readonly sport?: number;
  readonly saddr?: Ip4;
  readonly connectTimeout: number;
}

/** TCP_CHECK / `nc -z`: success = the handshake completes; the socket is then closed (FIN). */
export function tcpConnectProbe(
  host: HostApi,
  target: TcpProbeTarget,
  done: (result: { readonly ok: true } | ({ readonly ok: false } & ProbeFailure)) => void,
): ProbeHandle {
  return tcpRequestProbe(host, { ...target, request: null, readTimeout: 0, totalTimeout: 0 }, (r) =>
    r.ok ? done({ ok: true }) : done(r),
  );
}

/** A request/response exchange: what HTTP_GET and curl do. */
export interface TcpRequest extends TcpProbeTarget {
  /** Bytes sent once connected; null = close right after the handshake. */
  readonly request: Uint8Array | null;
  /** Longest wait for each read (0 = none). */
  readonly readTimeout: number;
  /** Limit on the whole exchange (0 = none). */
  readonly totalTimeout: number;
}

export type TcpRequestResult =
  | { readonly ok: true; readonly response: Uint8Array }
  | ({ readonly ok: false } & ProbeFailure);

/** Connects, sends the request, reads until the server's FIN, then closes. */
export function tcpRequestProbe(host: HostApi, req: TcpRequest, done: (r: TcpRequestResult) => void): ProbeHandle {
  const sim = host.sim;
  let finished = false;
  const conn: { sock: TcpSocket | undefined } = { sock: undefined };
  let stepTimer: Timer | undefined;
  let totalTimer: Timer | undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;

  const finish = (r: TcpRequestResult, how: 'close' | 'abandon'): void => {
    if (finished) return;
    finished = true;
    stepTimer?.cancel();
    totalTimer?.cancel();
    if (conn.sock !== undefined && how === 'close') conn.sock.close();
    done(r);
  };
  const arm = (ns: number, onExpire: () => void): void => {
    stepTimer?.cancel();
    stepTimer = ns > 0 ? sim.after(ns, onExpire) : undefined;
  };

  const res = tcpStack(host).connect(
    req.dst,
    req.port,
    {
      connected(s) {
        if (req.request === null) {
          finish({ ok: true, response: new Uint8Array(0) }, 'close');
          return;
        }
        s.send(req.request);
        arm(req.readTimeout, () => finish({ ok: false, why: 'readTimeout' }, 'close'));
      },
      data(_s, data) {
        chunks.push(data.slice());
        size += data.length;
        arm(req.readTimeout, () => finish({ ok: false, why: 'readTimeout' }, 'close'));
      },
      end() {
        const response = new Uint8Array(size);
        let off = 0;
        for (const c of chunks) {
          response.set(c, off);
          off += c.length;
        }
        finish({ ok: true, response }, 'close');
      },
      error(_s, errno) {
        finish(errno === 'ECONNREFUSED' ? { ok: false, why: 'refused' } : { ok: false, why: 'error', errno }, 'abandon');
      },
    },
    { ...(req.sport === undefined ? {} : { sport: req.sport }), ...(req.saddr === undefined ? {} : { saddr: req.saddr }) },
  );
  if (!res.ok) {
    // connect() itself failed: report it asynchronously, as a poll of the socket would.
    const errno = res.errno;
    stepTimer = sim.after(0, () => finish({ ok: false, why: 'error', errno }, 'abandon'));
    return { cancel: () => finish({ ok: false, why: 'error', errno }, 'abandon') };
  }
  conn.sock = res.value;
  arm(req.connectTimeout, () => finish({ ok: false, why: 'connectTimeout' }, 'close'));
  if (req.totalTimeout > 0) totalTimer = sim.after(req.totalTimeout, () => finish({ ok: false, why: 'totalTimeout' }, 'close'));
  return {
    cancel: () => {
      if (finished) return;
      finished = true;
      stepTimer?.cancel();
      totalTimer?.cancel();
      conn.sock?.close();
    },
  };
}
