/**
 * `ping` traffic, as iputils `ping -c count -i every` over an ICMP datagram ("ping") socket
 * (RFC 792 echo; Linux net/ipv4/ping.c). The identifier is the socket's port, taken from a
 * per-host counter starting at 1 (ping_get_port's rover); sequence numbers run 1..count; each
 * request carries 56 data bytes (an 84-byte IP packet): a 16-byte struct timeval of the send
 * time, then the bytes 0x10, 0x11, … as iputils fills them. The packet is unconnected with DF
 * set, so its IP ID is 0 (ip_select_ident_segs). Replies reach ping through `pingRcv`, which the
 * host's icmp_rcv calls for every echo reply (Linux: icmp_pointers[ICMP_ECHOREPLY] = ping_rcv);
 * ICMP errors quoting an echo request reach it through `pingErr`. Ping stops when every request
 * is answered, or 2 × the slowest round trip after the last request (10 s if none came back).
 */
import type { Ip4 } from '../wire/addr.js';
import { formatIp4 } from '../wire/addr.js';
import type { IcmpEcho, IcmpMessage, Ipv4Packet } from '../wire/packet.js';
import { ICMP_ECHO_REQUEST, IPPROTO_ICMP } from '../wire/packet.js';
import type { HostApi, Skb, Timer } from '../types.js';
import { MS, SEC, US } from '../types.js';
import { msg } from '../../i18n/message.js';
import { IP_DEFAULT_TTL } from '../tcp/params.js';
import { parseQuoted } from '../tcp/icmp-err.js';
import type { AppResult, PingTrafficSpec, TrafficHandle } from './spec.js';

/** Echo data bytes, as iputils' default `-s 56`. */
export const PING_DATA_LEN = 56;
/** How long ping waits after its last request when no reply came back (iputils lingertime). */
export const PING_LINGER = 10 * SEC;

/** A listener for echo replies; returns true when the reply was its own. */
export type EchoReplyListener = (skb: Skb, echo: IcmpEcho) => boolean;

/** A listener for ICMP errors quoting an echo request with identifier `ident`. */
export type EchoErrorListener = (ident: number, seq: number, icmp: IcmpMessage, from: Ip4) => boolean;

/**
 * The ICMP hooks of one host that ping sockets use. The host's ICMP layer does not call these
 * directly: it calls `pingRcv(host, skb)` for each echo reply (type 0) delivered locally and
 * `pingErr(host, skb)` for each ICMP error whose quoted packet is ICMP; both dispatch here.
 */
export interface IcmpListeners {
  /** Registers a listener for echo replies; returns the function that removes it. */
  onEchoReply(listener: EchoReplyListener): () => void;
  /** Registers a listener for ICMP errors about echo requests; returns the function that removes it. */
  onEchoError(listener: EchoErrorListener): () => void;
  /** The next free echo identifier (ping socket port) of this host: 1, 2, … */
  nextIdent(): number;
}

class HostIcmpListeners implements IcmpListeners {
  readonly replies = new Set<EchoReplyListener>();
  readonly errors = new Set<EchoErrorListener>();
  private ident = 0;

  onEchoReply(listener: EchoReplyListener): () => void {
    this.replies.add(listener);
    return () => this.replies.delete(listener);
  }

  onEchoError(listener: EchoErrorListener): () => void {
    this.errors.add(listener);
    return () => this.errors.delete(listener);
  }

  nextIdent(): number {
    this.ident = this.ident === 0xffff ? 1 : this.ident + 1;
    return this.ident;
  }
}

const registries = new WeakMap<HostApi, HostIcmpListeners>();

function registry(host: HostApi): HostIcmpListeners {
  let r = registries.get(host);
  if (r === undefined) {
    r = new HostIcmpListeners();
    registries.set(host, r);
  }
  return r;
}

/** The ICMP listeners of `host`. */
/**
 * The IPv4 packet of an echo request from a ping socket: DF set and IP id 0, as Linux sends a
 * datagram that fits (__ip_select_ident is not used for DF packets of a connected socket).
 */
export function echoRequestPacket(src: Ip4, dst: Ip4, ident: number, seq: number, data: Uint8Array): Ipv4Packet {
  const echo: IcmpEcho = { layer: 'icmp', kind: 'echo', type: ICMP_ECHO_REQUEST, code: 0, ident, seq, data };
  return { layer: 'ipv4', tos: 0, id: 0, df: true, mf: false, fragOffset: 0, ttl: IP_DEFAULT_TTL, protocol: IPPROTO_ICMP, src, dst, options: NO_IP_OPTIONS, payload: echo };
}

export function icmpListeners(host: HostApi): IcmpListeners {
  return registry(host);
}

/**
 * ping_rcv: the host's ICMP layer calls this for every echo reply delivered to `host`. Returns
 * true when a ping took it; false means no ping socket wanted it (the host drops it).
 */
export function pingRcv(host: HostApi, skb: Skb): boolean {
  const echo = skb.ip.payload;
  if (echo.layer !== 'icmp' || echo.kind !== 'echo' || echo.type !== 0) return false;
  const r = registries.get(host);
  if (r === undefined) return false;
  for (const l of r.replies) if (l(skb, echo)) return true;
  return false;
}

/**
 * ping_err: the host's ICMP layer calls this for an ICMP error (destination unreachable, time
 * exceeded) delivered to `host` whose quoted packet is an ICMP echo request. Returns true when a
 * ping took it.
 */
export function pingErr(host: HostApi, skb: Skb): boolean {
  const icmp = skb.ip.payload;
  if (icmp.layer !== 'icmp' || (icmp.kind !== 'unreach' && icmp.kind !== 'timeExceeded')) return false;
  const q = parseQuoted(icmp.original);
  // For a quoted ICMP header, "sport" holds type and code, and "seq" holds identifier and sequence.
  if (q === undefined || q.protocol !== IPPROTO_ICMP || q.sport >>> 8 !== ICMP_ECHO_REQUEST) return false;
  const r = registries.get(host);
  if (r === undefined) return false;
  for (const l of r.errors) if (l(q.seq >>> 16, q.seq & 0xffff, icmp, skb.ip.src)) return true;
  return false;
}

/** iputils' round-trip format: 3 decimals below 1 ms, 2 below 10, 1 below 100, then none. */
export function formatRtt(ns: number): string {
  const us = Math.floor(ns / US);
  if (us >= 100_000) return String(Math.floor(us / 1000));
  if (us >= 10_000) return `${Math.floor(us / 1000)}.${Math.floor((us % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor(us / 1000)}.${String(Math.floor((us % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(us).padStart(3, '0')}`;
}

/** `%g` of the loss percentage, as iputils prints it. */
function formatLoss(transmitted: number, received: number): string {
  if (transmitted === 0) return '0';
  return String(Number((((transmitted - received) * 100) / transmitted).toPrecision(6)));
}

/**
 * The data of an echo request sent at virtual time `now`, as iputils ping lays it out: a 16-byte
 * timeval when there is room for it (`-s` of 16 or more), then the pattern byte i at offset i.
 */
export function echoData(now: number, size: number = PING_DATA_LEN): Uint8Array {
  const data = new Uint8Array(size);
  if (size >= 16) {
    const view = new DataView(data.buffer);
    view.setBigUint64(0, BigInt(Math.floor(now / SEC)), true);
    view.setBigUint64(8, BigInt(Math.floor((now % SEC) / US)), true);
  }
  for (let i = 16; i < size; i++) data[i] = i & 0xff;
  return data;
}

const NO_IP_OPTIONS = new Uint8Array(0);

/** Starts pinging at `atNs` (absolute virtual time). */
export function startPing(host: HostApi, spec: PingTrafficSpec, atNs: number): AppResult<TrafficHandle> {
  const count = spec.count ?? 1;
  const every = spec.every ?? SEC;
  const size = spec.size ?? PING_DATA_LEN;
  const to = formatIp4(spec.to);
  const sim = host.sim;
  const r = registry(host);
  let ident = 0;
  let transmitted = 0;
  let received = 0;
  let errors = 0;
  let bytes = 0;
  let startedAt = 0;
  let lastSentAt = 0;
  let maxRtt = 0;
  let finished = false;
  const sentAt = new Map<number, number>();
  const answered = new Set<number>();
  const timers: Timer[] = [];
  let lingerTimer: Timer | undefined;
  let removeReply: (() => void) | undefined;
  let removeError: (() => void) | undefined;

  const emit = (id: string, params: Record<string, string | number>): void => {
    host.emit({ kind: 'app', app: 'ping', msg: msg(id, params) });
  };

  const finish = (): void => {
    if (finished) return;
    finished = true;
    lingerTimer?.cancel();
    removeReply?.();
    removeError?.();
    const time = Math.floor((lastSentAt - startedAt) / MS);
    const loss = formatLoss(transmitted, received);
    if (errors > 0) emit('app.ping.summaryErrors', { to, transmitted, received, errors, loss, time });
    else emit('app.ping.summary', { to, transmitted, received, loss, time });
  };

  const maybeFinish = (): void => {
    if (transmitted === count && received + errors >= count) finish();
  };

  const onReply: EchoReplyListener = (skb, echo) => {
    if (echo.ident !== ident || skb.ip.src !== spec.to) return false;
    const sent = sentAt.get(echo.seq);
    if (sent === undefined) return false;
    const rtt = sim.now - sent;
    const params = { bytes: 8 + echo.data.length, from: formatIp4(skb.ip.src), seq: echo.seq, ttl: skb.ip.ttl, time: formatRtt(rtt) };
    if (answered.has(echo.seq)) {
      emit('app.ping.dup', params);
      return true;
    }
    answered.add(echo.seq);
    received++;
    bytes += echo.data.length;
    if (rtt > maxRtt) maxRtt = rtt;
    emit('app.ping.reply', params);
    maybeFinish();
    return true;
  };

  const onError: EchoErrorListener = (id, seq, icmp, from) => {
    if (id !== ident || !sentAt.has(seq)) return false;
    errors++;
    const unreach = icmp.kind === 'unreach';
    const which = unreach ? (icmp.code <= 3 ? ['net', 'host', 'proto', 'port'][icmp.code] : 'other') : 'ttl';
    emit(`app.ping.error.${which}`, { from: formatIp4(from), seq, code: icmp.code });
    maybeFinish();
    return true;
  };

  const sendOne = (seq: number): void => {
    if (finished) return;
    const route = host.routeOutput(spec.to);
    transmitted++;
    lastSentAt = sim.now;
    if (route.type === 'unreachable') {
      errors++;
      emit('app.ping.error.network', { to, seq });
    } else {
      sentAt.set(seq, sim.now);
      host.ipQueueXmit(host.newSkb(echoRequestPacket(route.src, spec.to, ident, seq, echoData(sim.now, size))));
    }
    if (seq === count) {
      const wait = received > 0 ? Math.max(2 * maxRtt, MS) : PING_LINGER;
      lingerTimer = sim.after(wait, finish);
      maybeFinish();
    }
  };

  const begin = (): void => {
    ident = r.nextIdent();
    startedAt = sim.now;
    removeReply = r.onEchoReply(onReply);
    removeError = r.onEchoError(onError);
    emit('app.ping.start', { to, bytes: size, total: size + 28 });
    sendOne(1);
    for (let seq = 2; seq <= count; seq++) timers.push(sim.after((seq - 1) * every, () => sendOne(seq)));
  };

  timers.push(sim.at(Math.max(atNs, sim.now), begin));
  return {
    ok: true,
    value: {
      kind: 'ping',
      summary: () => ({ started: transmitted, completed: received, failed: errors, bytes }),
      stop: () => {
        for (const t of timers) t.cancel();
        if (transmitted > 0) finish();
      },
    },
  };
}
