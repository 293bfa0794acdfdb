/**
 * A SYN flood, as `hping3 -S --flood` or `hping3 -S --rand-source` sends it: raw TCP SYNs built
 * by the tool itself (no socket, no handshake state), `count` per `period` for `duration`, each
 * from a random source port with a random ISN, IP id and no TCP options. With a `spoof` prefix the
 * source address is drawn from it (never its network or broadcast address for prefixes up to /30);
 * without one it is the host's own route source. The SYN-ACKs answering spoofed SYNs are addressed
 * to other machines, so this host never sees them; without spoofing they reach this host's TCP,
 * which answers them with a RST (no socket asked for them), exactly as with hping3.
 * Randomness comes from the simulation's seeded generator; the packets go out through ip_queue_xmit
 * like a raw socket with IP_HDRINCL (LOCAL_OUT, POSTROUTING, the neighbour layer).
 */
import type { HostApi, Timer } from '../types.js';
import type { Ip4 } from '../wire/addr.js';
import { formatIp4 } from '../wire/addr.js';
import type { Ipv4Packet } from '../wire/packet.js';
import { IPPROTO_TCP, TCP_SYN } from '../wire/packet.js';
import { msg } from '../../i18n/message.js';
import type { AppResult } from './spec.js';

/** What to flood, how fast and for how long. */
export interface SynFloodSpec {
  readonly to: Ip4;
  readonly port: number;
  /** `count` SYNs every `period` ns (a rate of 2000/s is count 2000, period 1 s). */
  readonly count: number;
  readonly period: number;
  /** How long the flood lasts, ns. */
  readonly duration: number;
  /** Source addresses drawn from this prefix; absent: the host's own address. */
  readonly spoof?: { readonly addr: Ip4; readonly prefixLen: number };
}

/** A running flood. */
export interface SynFloodHandle {
  /** SYNs sent so far. */
  sent(): number;
  /** Stops sending. */
  stop(): void;
}

/** The window of the flood's SYNs (hping3's default is 64). */
const FLOOD_WINDOW = 64;
const FLOOD_TTL = 64;
const NO_BYTES = new Uint8Array(0);

/** How many SYNs a flood sends: those due strictly before `duration` ends. */
export function synFloodTotal(spec: Pick<SynFloodSpec, 'count' | 'period' | 'duration'>): number {
  return Math.ceil((spec.duration * spec.count) / spec.period);
}

/** Starts the flood at `atNs` (absolute virtual time). */
export function startSynFlood(host: HostApi, spec: SynFloodSpec, atNs: number): AppResult<SynFloodHandle> {
  if (!(Number.isInteger(spec.port) && spec.port >= 1 && spec.port <= 65535)) {
    return { ok: false, error: { msg: msg('app.port.invalid', { port: spec.port }) } };
  }
  if (!(spec.count >= 1 && spec.period >= 1 && spec.duration >= 0)) {
    return { ok: false, error: { msg: msg('app.synflood.badRate', { count: spec.count, period: spec.period }) } };
  }
  const sim = host.sim;
  const total = synFloodTotal(spec);
  const to = formatIp4(spec.to);
  let sent = 0;
  let timer: Timer | null = null;
  let stopped = false;

  const hostBits = spec.spoof === undefined ? 0 : 32 - spec.spoof.prefixLen;
  const base = spec.spoof === undefined ? 0 : hostBits === 32 ? 0 : (spec.spoof.addr & ~((2 ** hostBits - 1) >>> 0)) >>> 0;
  const hostMax = hostBits === 0 ? 0 : 2 ** hostBits - 1;
  const skipEdges = hostBits >= 2;

  const random32 = (): number => sim.randomInt(0, 0xffff) * 0x10000 + sim.randomInt(0, 0xffff);
  const source = (): Ip4 => {
    if (spec.spoof === undefined) return host.routeOutput(spec.to).src;
    if (hostBits === 0) return spec.spoof.addr;
    const h = skipEdges ? sim.randomInt(1, hostMax - 1) : sim.randomInt(0, hostMax);
    return (base + h) >>> 0;
  };

  const sendOne = (): void => {
    const ip: Ipv4Packet = {
      layer: 'ipv4',
      tos: 0,
      id: sim.randomInt(0, 0xffff),
      df: false,
      mf: false,
      fragOffset: 0,
      ttl: FLOOD_TTL,
      protocol: IPPROTO_TCP,
      src: source(),
      dst: spec.to,
      options: NO_BYTES,
      payload: {
        layer: 'tcp',
        sport: sim.randomInt(1024, 65535),
        dport: spec.port,
        seq: random32(),
        ack: 0,
        flags: TCP_SYN,
        window: FLOOD_WINDOW,
        urgent: 0,
        options: [],
        payload: NO_BYTES,
      },
    };
    sent++;
    host.ipQueueXmit(host.newSkb(ip));
  };

  const tick = (): void => {
    timer = null;
    if (stopped) return;
    sendOne();
    if (sent >= total) {
      host.emit({ kind: 'app', app: 'syn-flood', msg: msg('app.synflood.done', { to, port: spec.port, sent }) });
      return;
    }
    timer = sim.at(atNs + Math.floor((sent * spec.period) / spec.count), tick);
  };

  if (total > 0) {
    timer = sim.at(atNs, () => {
      const from = spec.spoof === undefined ? formatIp4(host.routeOutput(spec.to).src) : `${formatIp4(base)}/${spec.spoof.prefixLen}`;
      host.emit({ kind: 'app', app: 'syn-flood', msg: msg('app.synflood.start', { to, port: spec.port, total, from }) });
      tick();
    });
  }

  return {
    ok: true,
    value: {
      sent: () => sent,
      stop: () => {
        stopped = true;
        timer?.cancel();
        timer = null;
      },
    },
  };
}
