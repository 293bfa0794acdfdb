/** The closing line of a headless run: how many events, how much virtual time, why it stopped. */
import type { RunStats } from '../scenarios/run.js';

export function formatStop(stats: RunStats): string {
  const secs = (stats.endNs / 1e9).toFixed(6);
  const why =
    stats.stop === 'idle'
      ? 'nothing left to do'
      : stats.stop === 'until'
        ? 'reached --until / the scenario\'s until'
        : stats.stop === 'cap'
          ? 'stopped at the hard cap of one hour of virtual time (set until: to run longer)'
          : `stopped by the event budget (${stats.budget} events): a forwarding loop or an event storm?`;
  return `${stats.events} events, ${secs} s of virtual time, ${why}`;
}
