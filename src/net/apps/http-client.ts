/**
 * `http` traffic: an HTTP/1.0 client (RFC 1945) such as `curl -0` or `ab`. Each of `count`
 * requests starts `every` after the previous one, whether or not that one finished, on its own
 * connection from a new ephemeral port; it sends `GET <path> HTTP/1.0`, a Host header and an
 * empty line, reads the response until the server's FIN, then closes its side.
 */
import type { HostApi, Timer } from '../types.js';
import { SEC } from '../types.js';
import { msg } from '../../i18n/message.js';
import { tcpStack } from '../tcp/stack.js';
import type { TcpErrno } from '../tcp/state.js';
import { textBytes } from './payload.js';
import type { AppResult, HttpTrafficSpec, TrafficHandle } from './spec.js';
import type { HttpUrl } from './url.js';
import { parseHttpUrl } from './url.js';

/** The request an HTTP/1.0 client sends for `url`. */
export function httpRequest(url: HttpUrl): Uint8Array {
  return textBytes(`GET ${url.path} HTTP/1.0\r\nHost: ${url.hostHeader}\r\n\r\n`);
}

const STATUS_RE = /^HTTP\/\d\.\d (\d{3})/;
const STATUS_PREFIX = 12;

/** Starts the requests at `atNs` (absolute virtual time). */
export function startHttpClient(host: HostApi, spec: HttpTrafficSpec, atNs: number): AppResult<TrafficHandle> {
  const parsed = parseHttpUrl(spec.url);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const url = parsed.value;
  const request = httpRequest(url);
  const count = spec.count ?? 1;
  const every = spec.every ?? SEC;
  const sim = host.sim;
  let started = 0;
  let completed = 0;
  let failed = 0;
  let bytes = 0;
  let stopped = false;

  const emit = (id: string, params: Record<string, string | number>): void => {
    host.emit({ kind: 'app', app: 'http', msg: msg(id, { url: spec.url, ...params }) });
  };
  const finished = (): void => {
    if (completed + failed === count) emit('app.http.done', { completed, failed, count });
  };
  const failure = (reason: TcpErrno | 'ENETUNREACH' | 'EADDRINUSE' | 'EADDRNOTAVAIL' | 'EPROTO', sport: number): void => {
    failed++;
    emit('app.http.error', { reason, sport });
    finished();
  };

  const startOne = (): void => {
    if (stopped) return;
    started++;
    let received = 0;
    const prefix: number[] = [];
    const res = tcpStack(host).connect(url.addr, url.port, {
      connected(sock) {
        sock.send(request);
      },
      data(_sock, data) {
        received += data.length;
        for (let i = 0; i < data.length && prefix.length < STATUS_PREFIX; i++) prefix.push(data[i] as number);
      },
      end(sock) {
        sock.close();
        bytes += received;
        const m = STATUS_RE.exec(String.fromCharCode(...prefix));
        if (m === null) {
          failure('EPROTO', sock.lport);
          return;
        }
        completed++;
        emit('app.http.response', { status: Number(m[1]), bytes: received, sport: sock.lport });
        finished();
      },
      error(sock, errno) {
        failure(errno, sock.lport);
      },
    });
    if (!res.ok) {
      failure(res.errno, 0);
      return;
    }
    emit('app.http.request', { sport: res.value.lport });
  };

  const timers: Timer[] = [];
  for (let k = 0; k < count; k++) timers.push(sim.at(Math.max(atNs + k * every, sim.now), startOne));
  return {
    ok: true,
    value: {
      kind: 'http',
      summary: () => ({ started, completed, failed, bytes }),
      stop: () => {
        stopped = true;
        for (const t of timers) t.cancel();
      },
    },
  };
}
