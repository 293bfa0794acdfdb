/**
 * When a scenario's plan ends, in virtual time: the last moment a traffic source starts something
 * (its last request, ping, write, SYN or held connection), a timed event happens or a checkpoint is looked at. The
 * run itself goes on after it until nothing is left to do (answers in flight, timers such as
 * TIME_WAIT running out); the progress bar of `lvslab run` uses this as its 100% when no `until`
 * is given.
 */
import type { Scenario } from './schema.js';

/** The plan's end in ns, or undefined when a source's length is not known from the scenario (a pcap replay). */
export function plannedEndNs(s: Scenario): number | undefined {
  let end = 0;
  for (const t of s.traffic) {
    let last: number;
    switch (t.kind) {
      case 'http':
        last = t.at + (t.http.count - 1) * t.http.every;
        break;
      case 'tcp':
        last = t.at + (t.tcp.count - 1) * t.tcp.every + (t.tcp.writes - 1) * t.tcp.gap;
        break;
      case 'ping':
        last = t.at + (t.ping.count - 1) * t.ping.every;
        break;
      case 'synflood':
        last = t.at + t.synflood.for;
        break;
      case 'conns':
        // Connection k starts at at + ⌊k · period / count⌋ (src/net/apps/conns.ts).
        last = t.at + Math.floor(((t.conns.clients * t.conns.each - 1) * t.conns.rate.period) / t.conns.rate.count);
        break;
      default:
        return undefined;
    }
    end = Math.max(end, last);
  }
  for (const e of s.events) end = Math.max(end, e.at + (e.kind === 'block' ? (e.for ?? 0) : 0));
  for (const c of s.checkpoints) end = Math.max(end, c.at);
  return end;
}
