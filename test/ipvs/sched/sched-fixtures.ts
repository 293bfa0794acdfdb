/**
 * Shared helpers for the scheduler tests: real servers named by letter (10.0.0.x), services built
 * with the public scheduler API, and pick sequences written as the reference writes them.
 */
import { addDest, createService, destinations, schedule, setDestCounters } from '../../../src/ipvs/index.js';
import type { Dest, SchedEnv, SchedPacket, Service } from '../../../src/ipvs/index.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';

/** The address of a server named by one capital letter or by `S<n>`/`RS<n>`: A → 10.0.0.1 … */
const ADDR: Record<string, string> = {};
const NAME: Record<string, string> = {};
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
for (let i = 0; i < LETTERS.length; i++) {
  const a = `10.0.0.${i + 1}`;
  ADDR[LETTERS[i] as string] = a;
  NAME[a] = LETTERS[i] as string;
}
for (let i = 1; i <= 9; i++) {
  const a = `10.0.1.${i}`;
  ADDR[`S${i}`] = a;
  NAME[a] = `S${i}`;
}

export function addrOf(name: string): string {
  const a = ADDR[name];
  if (a === undefined) throw new Error(`unknown server name ${name}`);
  return a;
}

export function nameOf(d: Dest | null): string {
  if (d === null) return '-';
  const a = formatIp4(d.daddr);
  return NAME[a] ?? a;
}

/** A server to add: its name, weight and counters. */
export interface ServerSpec {
  readonly name: string;
  readonly weight?: number;
  readonly active?: number;
  readonly inactive?: number;
  readonly overloaded?: boolean;
}

/** The reference's example (§2.4), list order S1, S2, S3. */
export const S123: readonly ServerSpec[] = [
  { name: 'S1', weight: 1, active: 1, inactive: 10 },
  { name: 'S2', weight: 3, active: 2, inactive: 0 },
  { name: 'S3', weight: 2, active: 1, inactive: 300 },
];

/** A service whose servers are added (`ipvsadm -a`) in the order given: list order is the reverse. */
export function serviceAdded(scheduler: string, servers: readonly ServerSpec[]): Service {
  const svc = createService({ scheduler, vaddr: '192.168.1.100', vport: 80 });
  for (const s of servers) {
    const d = addDest(svc, { daddr: addrOf(s.name), dport: 80, weight: s.weight ?? 1 });
    setDestCounters(d, { activeConns: s.active ?? 0, inactConns: s.inactive ?? 0, overloaded: s.overloaded ?? false });
  }
  return svc;
}

/** A service whose LIST ORDER is the order given (servers added last to first). */
export function serviceInListOrder(scheduler: string, servers: readonly ServerSpec[]): Service {
  const svc = serviceAdded(scheduler, [...servers].reverse());
  const order = destinations(svc).map(nameOf);
  if (order.join(',') !== servers.map((s) => s.name).join(',')) throw new Error(`list order ${order.join(',')}`);
  return svc;
}

/** `n` successive picks, space-separated (`-` for none). */
export function picks(svc: Service, n: number, pkt: Partial<SchedPacket> = {}, env?: SchedEnv): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(nameOf(schedule(svc, pkt, env)));
  return out.join(' ');
}

/** A scripted environment: randomInt returns the queued values in order and records its ranges. */
export class ScriptedEnv implements SchedEnv {
  readonly now: number;
  readonly calls: [number, number][] = [];
  private readonly values: number[];

  constructor(values: readonly number[], now = 0) {
    this.values = [...values];
    this.now = now;
  }

  randomInt(min: number, max: number): number {
    this.calls.push([min, max]);
    const v = this.values.shift();
    if (v === undefined) throw new Error('scripted environment ran out of values');
    if (v < min || v > max) throw new Error(`scripted value ${v} outside [${min}, ${max}]`);
    return v;
  }
}
