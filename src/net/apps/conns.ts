/**
 * `conns` traffic: a load generator that opens many TCP connections and holds them open, idle,
 * until the run ends — the way tools that test a balancer's connection capacity do it from one
 * machine. The machine owns a whole range of client addresses (`ip route add local PREFIX dev lo`,
 * Linux's "AnyIP": every address of the prefix is local, so bind(2) to any of them succeeds) and
 * spreads the connections over `clients` of them, as HAProxy's `source ADDR:LOW-HIGH` or a
 * tester's list of source IPs does: connection k binds address `first + k mod clients` and, on
 * it, source port `low + ⌊k / clients⌋` (an explicit bind, so the 4-tuples stay distinct past the
 * ~28,000 ephemeral ports one address has). Connections start at `count` per `period`.
 * Simplified: the ports are taken in order, not drawn as inet_csk_get_port would; a connection
 * that fails is counted, not retried. Nothing is sent: after the handshake each connection is an
 * idle ESTABLISHED socket with no timer armed (the peer's FIN is answered by closing).
 */
import type { HostApi, Timer } from '../types.js';
import { formatIp4 } from '../wire/addr.js';
import { msg } from '../../i18n/message.js';
import { tcpStack } from '../tcp/stack.js';
import type { TcpHandlers, TcpSocket } from '../tcp/socket.js';
import type { AppResult, ConnsTrafficSpec, TrafficHandle } from './spec.js';

/** The total number of connections a `conns` source opens. */
export function connsTotal(spec: Pick<ConnsTrafficSpec, 'clients' | 'each'>): number {
  return spec.clients * spec.each;
}

/**
 * Checks the numbers, and that the host owns the first and the last client address (bind(2)
 * would fail with EADDRNOTAVAIL): an error, or null.
 */
function specProblem(host: HostApi, spec: ConnsTrafficSpec): AppResult<never> | null {
  const bad = (id: string, params: Record<string, string | number>): AppResult<never> => ({ ok: false, error: { msg: msg(id, params) } });
  if (!(Number.isInteger(spec.port) && spec.port >= 1 && spec.port <= 65535)) return bad('app.port.invalid', { port: spec.port });
  if (!(Number.isInteger(spec.clients) && spec.clients >= 1 && Number.isInteger(spec.each) && spec.each >= 1)) {
    return bad('app.conns.badCount', { clients: spec.clients, each: spec.each });
  }
  if (!(spec.count >= 1 && spec.period >= 1)) return bad('app.conns.badRate', { count: spec.count, period: spec.period });
  if (!(spec.portLow >= 1 && spec.portLow + spec.each - 1 <= 65535)) return bad('app.conns.ports', { low: spec.portLow, each: spec.each });
  const last = spec.first + spec.clients - 1;
  if (last > 0xffff_ffff) return bad('app.conns.addrs', { first: formatIp4(spec.first), clients: spec.clients });
  for (const a of [spec.first, last]) {
    if (!host.isLocalAddress(a)) return bad('app.conns.notLocal', { addr: formatIp4(a), first: formatIp4(spec.first), last: formatIp4(last) });
  }
  return null;
}

/** Starts opening the connections at `atNs` (absolute virtual time). */
export function startConns(host: HostApi, spec: ConnsTrafficSpec, atNs: number): AppResult<TrafficHandle> {
  const problem = specProblem(host, spec);
  if (problem !== null) return problem;
  const sim = host.sim;
  const stack = tcpStack(host);
  const total = connsTotal(spec);
  const to = `${formatIp4(spec.to)}:${spec.port}`;
  let started = 0;
  let established = 0;
  let failed = 0;
  let bytes = 0;
  let timer: Timer | null = null;
  let stopped = false;

  const settle = (): void => {
    if (started === total && established + failed === total) {
      host.emit({ kind: 'app', app: 'conns', msg: msg('app.conns.done', { to, established, failed, total }) });
    }
  };
  // One handlers object for every connection: an idle socket costs the app nothing of its own.
  const handlers: TcpHandlers = {
    connected() {
      established++;
      settle();
    },
    data(_sock: TcpSocket, data: Uint8Array) {
      bytes += data.length;
    },
    end(sock: TcpSocket) {
      sock.close();
    },
    error(sock: TcpSocket, errno) {
      // An error after the handshake (a RST) is not a failed connect.
      if (sock.sndUna === sock.iss) {
        failed++;
        settle();
      }
      host.emit({ kind: 'app', app: 'conns', msg: msg('app.conns.error', { to, from: `${formatIp4(sock.laddr)}:${sock.lport}`, reason: errno }) });
    },
  };

  const openOne = (k: number): void => {
    const saddr = (spec.first + (k % spec.clients)) >>> 0;
    const sport = spec.portLow + Math.floor(k / spec.clients);
    started++;
    const r = stack.connect(spec.to, spec.port, handlers, { saddr, sport });
    if (!r.ok) {
      failed++;
      host.emit({ kind: 'app', app: 'conns', msg: msg('app.conns.error', { to, from: `${formatIp4(saddr)}:${sport}`, reason: r.errno }) });
      settle();
    }
  };

  /** Opens every connection due by now, then sleeps until the next one is due. */
  const tick = (): void => {
    timer = null;
    if (stopped) return;
    const now = sim.now;
    while (started < total) {
      const due = atNs + Math.floor((started * spec.period) / spec.count);
      if (due > now) {
        timer = sim.at(due, tick);
        return;
      }
      openOne(started);
    }
  };

  timer = sim.at(Math.max(atNs, sim.now), () => {
    const last = (spec.first + spec.clients - 1) >>> 0;
    host.emit({
      kind: 'app',
      app: 'conns',
      msg: msg('app.conns.start', { to, total, clients: spec.clients, each: spec.each, first: formatIp4(spec.first), last: formatIp4(last) }),
    });
    tick();
  });

  return {
    ok: true,
    value: {
      kind: 'conns',
      summary: () => ({ started, completed: established, failed, bytes }),
      stop: () => {
        stopped = true;
        timer?.cancel();
        timer = null;
      },
    },
  };
}
