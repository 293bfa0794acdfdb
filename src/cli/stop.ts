/** The closing line of a headless run: how many events, how much virtual time, why it stopped. */
import type { RunStats } from '../scenarios/run.js';
import { msg, render, type Msg } from '../i18n/index.js';

function why(stats: RunStats): Msg {
  switch (stats.stop) {
    case 'idle':
      return msg('cli.stop.idle');
    case 'until':
      return msg('cli.stop.until');
    case 'cap':
      return msg('cli.stop.cap');
    case 'budget':
      return msg('cli.stop.budget', { budget: stats.budget });
  }
}

export function formatStop(stats: RunStats): string {
  const secs = (stats.endNs / 1e9).toFixed(6);
  return render(msg('cli.stop.summary', { events: stats.events, secs, why: render(why(stats)) }));
}
