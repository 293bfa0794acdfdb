/**
 * The `ipvs.sched` trace event: which real server a scheduler (or a persistence template) gave a
 * new connection, or that none was available, with the service as it stood at that moment.
 */
import type { Skb } from '../net/types.js';
import type { Msg } from '../i18n/message.js';
import { type Dest, destSnapshot } from './dest.js';
import type { Service } from './service.js';
import type { IpvsState } from './state.js';

/** Emits the scheduling decision for the packet `skb` of service `svc` (dest null: none available). */
export function emitSched(ipvs: IpvsState, svc: Service, skb: Skb, dest: Dest | null, m: Msg): void {
  const base = { kind: 'ipvs.sched', pkt: skb.pkt, flow: skb.flow, scheduler: svc.schedName, service: svc.snapshot(), msg: m } as const;
  ipvs.host.emit(dest === null ? base : { ...base, dest: destSnapshot(dest) });
}
