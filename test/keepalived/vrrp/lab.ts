/** A director pair (lb1, lb2) and a router on one LAN, running keepalived's VRRP. */
import type { Host } from '../../../src/net/host.js';
import type { Lab } from '../../../src/net/lab.js';
import type { TraceEvent } from '../../../src/trace/events.js';
import type { VrrpPacket } from '../../../src/net/wire/packet.js';
import type { VrrpInstanceConf } from '../../../src/keepalived/conf/types.js';
import type { VrrpEnv, VrrpHandle } from '../../../src/keepalived/vrrp/index.js';
import { startVrrp } from '../../../src/keepalived/vrrp/index.js';
import { hostOn, newLab, segment, type Recorder } from '../../net/helpers.js';
import { config, instanceConf } from './fake-config.js';

export interface Pair {
  readonly lab: Lab;
  readonly rec: Recorder;
  readonly router: Host;
  readonly lb1: Host;
  readonly lb2: Host;
}

/** router 192.168.1.1, lb1 192.168.1.11, lb2 192.168.1.12 on segment `lan`. */
export function pair(): Pair {
  const { lab, rec } = newLab();
  segment(lab, 'lan');
  const router = hostOn(lab, 'router', 'lan', '192.168.1.1/24');
  const lb1 = hostOn(lab, 'lb1', 'lan', '192.168.1.11/24');
  const lb2 = hostOn(lab, 'lb2', 'lan', '192.168.1.12/24');
  return { lab, rec, router, lb1, lb2 };
}

/** Scripts always succeed unless told otherwise. */
export const okEnv: VrrpEnv = { runScript: (_s, done) => done(0) };

/** Starts one instance (defaults + `over`) on `host`. */
export function run(host: Host, over: Partial<VrrpInstanceConf>, env: VrrpEnv = okEnv): VrrpHandle {
  return startVrrp(host, config([instanceConf(over)]), env);
}

export type VrrpEv = Extract<TraceEvent, { kind: 'vrrp' }>;

/** The vrrp events of `host` (optionally only those entering `state` from another state). */
export function vrrpEvents(rec: Recorder, host: string, state?: string): VrrpEv[] {
  return rec.of('vrrp').filter((e) => e.host === host && (state === undefined || (e.state === state && e.from !== state)));
}

/** Times at which `host` received a VRRP advert (rx events). */
export function advertRx(rec: Recorder, host: string): { t: number; vrrp: VrrpPacket; src: number }[] {
  const out: { t: number; vrrp: VrrpPacket; src: number }[] = [];
  for (const e of rec.of('rx')) {
    const p = e.frame.payload;
    if (e.host === host && p.layer === 'ipv4' && p.payload.layer === 'vrrp') out.push({ t: e.t, vrrp: p.payload, src: p.src });
  }
  return out;
}

/** Tx events of VRRP adverts from `host`. */
export function advertTx(rec: Recorder, host: string): Extract<TraceEvent, { kind: 'tx' }>[] {
  return rec.of('tx').filter((e) => e.host === host && e.frame.payload.layer === 'ipv4' && e.frame.payload.payload.layer === 'vrrp');
}
