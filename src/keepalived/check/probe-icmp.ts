/**
 * ICMP echo probes from the director, as PING_CHECK (keepalived check_ping.c: an unprivileged
 * ICMP datagram socket, one echo request per check, success = an echo reply before
 * connect_timeout, any ICMP error = failure) and the modelled `ping` command send them. Each probe
 * is a new ping socket, so it gets the host's next echo identifier; replies come back through the
 * host's ping_rcv dispatch (src/net/apps/ping.ts). The request carries 56 data bytes of filler
 * with DF set and IP ID 0, as an unconnected ping socket sends it.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import type { HostApi, Timer } from '../../net/types.js';
import { echoRequestPacket, icmpListeners } from '../../net/apps/ping.js';
import { filler } from '../../net/apps/payload.js';
import type { ProbeHandle } from './probe-tcp.js';

export type EchoResult = { readonly ok: true } | { readonly ok: false; readonly why: 'timeout' | 'unreach' | 'noRoute' };

const ECHO_DATA = filler(56);

/** One echo request to `dst` (from `src`, else the route's source); `done` once, unless cancelled. */
export function echoProbe(host: HostApi, dst: Ip4, src: Ip4 | undefined, seq: number, timeout: number, done: (r: EchoResult) => void): ProbeHandle {
  const icmp = icmpListeners(host);
  const ident = icmp.nextIdent();
  let finished = false;
  let timer: Timer | undefined;
  const removers: (() => void)[] = [];
  const finish = (r: EchoResult | null): void => {
    if (finished) return;
    finished = true;
    timer?.cancel();
    for (const r of removers) r();
    if (r !== null) done(r);
  };
  const route = host.routeOutput(dst, src === undefined ? undefined : { src });
  if (route.type === 'unreachable') {
    timer = host.sim.after(0, () => finish({ ok: false, why: 'noRoute' }));
    return { cancel: () => finish(null) };
  }
  const removeReply = icmp.onEchoReply((skb, echo) => {
    if (echo.ident !== ident || echo.seq !== (seq & 0xffff) || skb.ip.src !== dst) return false;
    finish({ ok: true });
    return true;
  });
  const removeError = icmp.onEchoError((id, s) => {
    if (id !== ident || s !== (seq & 0xffff)) return false;
    finish({ ok: false, why: 'unreach' });
    return true;
  });
  removers.push(removeReply, removeError);
  const ip = echoRequestPacket(src ?? route.src, dst, ident, seq & 0xffff, ECHO_DATA);
  host.ipQueueXmit(host.newSkb(ip), src === undefined ? route : undefined);
  if (timeout > 0) timer = host.sim.after(timeout, () => finish({ ok: false, why: 'timeout' }));
  return { cancel: () => finish(null) };
}
