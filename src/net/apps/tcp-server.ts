/**
 * `tcp-server`: a request/response server in the manner of a database or a custom protocol. It
 * answers the first data of each connection with `reply` filler bytes (none by default), ignores
 * later data, and closes its side when the client closes (read() returned 0).
 */
import type { HostApi } from '../types.js';
import type { TcpHandlers, TcpSocket } from '../tcp/socket.js';
import { formatIp4 } from '../wire/addr.js';
import { msg } from '../../i18n/message.js';
import { tcpStack } from '../tcp/stack.js';
import { filler } from './payload.js';
import type { AppHandle, AppResult, TcpServerSpec } from './spec.js';

/** Starts a tcp-server on `host`. */
export function startTcpServer(host: HostApi, spec: TcpServerSpec): AppResult<AppHandle> {
  const reply = filler(spec.reply ?? 0);
  let accepted = 0;
  let answered = 0;
  // One handlers object for every connection (an idle accepted socket costs the app nothing): the
  // first data is the one that brings the byte count to the size of this delivery.
  const handlers: TcpHandlers = {
    data(sock, data) {
      if (sock.bytesReceived !== data.length) return;
      answered++;
      sock.send(reply);
      host.emit({
        kind: 'app',
        app: 'tcp-server',
        msg: msg('app.tcpServer.reply', { client: peerText(sock), bytes: reply.length }),
      });
    },
    end(sock) {
      sock.close();
    },
  };
  const listened = tcpStack(host).listen(spec.port, () => {
    accepted++;
    return handlers;
  });
  if (!listened.ok) return { ok: false, error: { msg: msg('app.port.inUse', { port: spec.port }) } };
  const listener = listened.value;
  return {
    ok: true,
    value: { kind: 'tcp-server', summary: () => ({ accepted, answered }), stop: () => listener.close() },
  };
}

/** getpeername() as the application sees it (the client's address when the toa module supplies it). */
function peerText(sock: TcpSocket): string {
  const peer = sock.peerName();
  return `${formatIp4(peer.addr)}:${peer.port}`;
}
