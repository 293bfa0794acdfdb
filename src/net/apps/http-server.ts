/**
 * `http-server`: an HTTP/1.0 origin server (RFC 1945). It reads a request head (up to the empty
 * line), answers a GET with `HTTP/1.0 200 OK`, a `Content-Length` header and a body that starts
 * with `body` and is padded with filler so the whole response is exactly `size` bytes, then closes
 * first, as an HTTP/1.0 server does (the client reads until that FIN). Other methods get
 * `501 Not Implemented`. When `size` is too small for the head plus `body`, the response is the
 * head plus `body` (larger than `size`). No keep-alive, no Date/Server headers.
 */
import type { HostApi } from '../types.js';
import { formatIp4 } from '../wire/addr.js';
import { msg } from '../../i18n/message.js';
import { tcpStack } from '../tcp/stack.js';
import type { TcpSocket } from '../tcp/socket.js';
import { fillPattern, textBytes } from './payload.js';
import type { AppHandle, AppResult, HttpServerSpec } from './spec.js';

/** Default total response size. */
export const HTTP_DEFAULT_SIZE = 1000;

const STATUS_LINE = 'HTTP/1.0 200 OK\r\n';
const LENGTH_HEADER = 'Content-Length: ';
const HEAD_END = '\r\n\r\n';
const FIXED_HEAD = STATUS_LINE.length + LENGTH_HEADER.length + HEAD_END.length;
const NOT_IMPLEMENTED = textBytes('HTTP/1.0 501 Not Implemented\r\nContent-Length: 0\r\n\r\n');

/**
 * The response bytes: status line, Content-Length, empty line, then `body` and filler. The
 * Content-Length N solves head(N) + N = size; at the few sizes where the digit count makes that
 * impossible, N is written with one leading zero (a valid 1*DIGIT) to keep the total exact.
 */
export function httpResponse(size: number, body: string): Uint8Array {
  const bodyBytes = textBytes(body);
  let length: string | undefined;
  let n = 0;
  for (let digits = 1; digits <= 10; digits++) {
    n = size - FIXED_HEAD - digits;
    if (n < 0) break;
    const text = String(n);
    if (text.length <= digits) {
      length = text.padStart(digits, '0');
      break;
    }
  }
  if (length === undefined || n < bodyBytes.length) {
    n = bodyBytes.length;
    length = String(n);
  }
  const head = textBytes(`${STATUS_LINE}${LENGTH_HEADER}${length}${HEAD_END}`);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(bodyBytes, head.length);
  fillPattern(out, head.length + bodyBytes.length);
  return out;
}

/** Tracks one connection's request head as bytes arrive (no copy of the payload). */
class RequestHead {
  /** How much of CR LF CR LF has just been seen. */
  private match = 0;
  private firstLine: number[] = [];
  private inFirstLine = true;
  complete = false;

  feed(data: Uint8Array): void {
    for (let i = 0; i < data.length && !this.complete; i++) {
      const b = data[i] as number;
      if (this.inFirstLine) {
        if (b === 0x0d || b === 0x0a) this.inFirstLine = false;
        else if (this.firstLine.length < 256) this.firstLine.push(b);
      }
      const want = this.match === 0 || this.match === 2 ? 0x0d : 0x0a;
      if (b === want) this.match++;
      else this.match = b === 0x0d ? 1 : 0;
      if (this.match === 4) this.complete = true;
    }
  }

  /** Method and target of the request line. */
  requestLine(): { readonly method: string; readonly path: string } {
    const parts = String.fromCharCode(...this.firstLine).split(' ');
    return { method: parts[0] ?? '', path: parts[1] ?? '' };
  }
}

/** Starts an http-server on `host`. */
export function startHttpServer(host: HostApi, spec: HttpServerSpec): AppResult<AppHandle> {
  const response = httpResponse(spec.size ?? HTTP_DEFAULT_SIZE, spec.body ?? '');
  let accepted = 0;
  let answered = 0;

  const answer = (sock: TcpSocket, head: RequestHead): void => {
    const { method, path } = head.requestLine();
    const ok = method === 'GET';
    const bytes = ok ? response : NOT_IMPLEMENTED;
    sock.send(bytes);
    sock.close();
    answered++;
    host.emit({
      kind: 'app',
      app: 'http-server',
      msg: msg(ok ? 'app.httpServer.response' : 'app.httpServer.notImplemented', {
        method,
        path,
        client: peerText(sock),
        bytes: bytes.length,
      }),
    });
  };

  const listened = tcpStack(host).listen(spec.port, () => {
    accepted++;
    const head = new RequestHead();
    return {
      data(sock, data) {
        if (head.complete) return;
        head.feed(data);
        if (head.complete) answer(sock, head);
      },
      end(sock) {
        if (!head.complete) sock.close();
      },
    };
  });
  if (!listened.ok) return { ok: false, error: { msg: msg('app.port.inUse', { port: spec.port }) } };
  const listener = listened.value;
  return {
    ok: true,
    value: {
      kind: 'http-server',
      summary: () => ({ accepted, answered }),
      stop: () => listener.close(),
    },
  };
}

/** getpeername() as the application sees it (the client's address when the toa module supplies it). */
function peerText(sock: TcpSocket): string {
  const peer = sock.peerName();
  return `${formatIp4(peer.addr)}:${peer.port}`;
}
