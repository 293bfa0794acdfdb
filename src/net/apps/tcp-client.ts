/**
 * `tcp` traffic: one connection that sends `send` bytes, reads `receive` bytes, and closes. With
 * `writes` > 1 the bytes go out as that many writes `gap` apart, as a person typing into an
 * interactive session does, and the client closes after the last write once it has read. The
 * bytes sent form an HTTP/1.0 GET for `/` padded in the path (`GET /aaaa… HTTP/1.0` CR LF CR LF)
 * when `send` is at least 18, so the same traffic works against an http-server; shorter sends are
 * filler. The client closes as soon as it has `receive` bytes (or at once when that is 0), or when
 * the server closes first (a short read, counted as failed).
 */
import type { HostApi } from '../types.js';
import { SEC } from '../types.js';
import { formatIp4 } from '../wire/addr.js';
import { msg } from '../../i18n/message.js';
import { tcpStack } from '../tcp/stack.js';
import type { TcpSocket } from '../tcp/socket.js';
import { fillPattern, filler, textBytes } from './payload.js';
import type { AppResult, TcpTrafficSpec, TrafficHandle } from './spec.js';

const MIN_GET = 'GET / HTTP/1.0\r\n\r\n';

/** The `send` bytes of a tcp client (see the header comment). */
export function tcpClientPayload(n: number): Uint8Array {
  if (n < MIN_GET.length) return filler(n);
  const out = new Uint8Array(n);
  out.set(textBytes('GET /'), 0);
  const tail = textBytes(' HTTP/1.0\r\n\r\n');
  fillPattern(out.subarray(0, n - tail.length), 5);
  out.set(tail, n - tail.length);
  return out;
}

/** Starts the connection at `atNs` (absolute virtual time). */
export function startTcpClient(host: HostApi, spec: TcpTrafficSpec, atNs: number): AppResult<TrafficHandle> {
  const payload = tcpClientPayload(spec.send ?? 0);
  const want = spec.receive ?? 0;
  const writes = spec.writes ?? 1;
  const gap = spec.gap ?? SEC;
  let written = 0;
  const to = `${formatIp4(spec.to)}:${spec.port}`;
  let started = 0;
  let completed = 0;
  let failed = 0;
  let received = 0;
  let done = false;
  let stopped = false;

  const emit = (id: string, params: Record<string, string | number>): void => {
    host.emit({ kind: 'app', app: 'tcp', msg: msg(id, { to, ...params }) });
  };
  const finish = (sock: TcpSocket): void => {
    if (done || written < writes) return;
    done = true;
    sock.close();
    if (received >= want) completed++;
    else failed++;
    emit('app.tcp.done', { sport: sock.lport, sent: payload.length, received, expected: want });
  };

  const start = (): void => {
    if (stopped) return;
    started++;
    const res = tcpStack(host).connect(spec.to, spec.port, {
      connected(sock) {
        const write = (): void => {
          if (done) return;
          // Write k carries bytes [k·n/writes, (k+1)·n/writes): the whole payload, in order.
          const from = Math.floor((written * payload.length) / writes);
          written++;
          sock.send(payload.subarray(from, Math.floor((written * payload.length) / writes)));
          if (written < writes) host.sim.after(gap, write);
          else if (received >= want) finish(sock);
        };
        write();
      },
      data(sock, data) {
        if (done) return;
        received += data.length;
        if (received >= want) finish(sock);
      },
      end(sock) {
        written = writes;
        finish(sock);
      },
      error(sock, errno) {
        if (done) return;
        done = true;
        failed++;
        emit('app.tcp.error', { sport: sock.lport, reason: errno });
      },
    });
    if (!res.ok) {
      done = true;
      failed++;
      emit('app.tcp.error', { sport: 0, reason: res.errno });
      return;
    }
    emit('app.tcp.connect', { sport: res.value.lport, send: payload.length, receive: want });
  };

  const timer = host.sim.at(Math.max(atNs, host.sim.now), start);
  return {
    ok: true,
    value: {
      kind: 'tcp',
      summary: () => ({ started, completed, failed, bytes: received }),
      stop: () => {
        stopped = true;
        timer.cancel();
      },
    },
  };
}
