/**
 * The VRRP instances of a folded host state as a small table. keepalived has no command that
 * shows its instances (their states are in its log: "(VI_1) Entering MASTER STATE"); this is that
 * log's latest word per instance: state, effective priority and since when.
 */
import type { HostState } from '../../trace/state/index.js';

function seconds(ns: number): string {
  return `${(ns / 1e9).toFixed(3)}s`;
}

/** The table's lines (title row first), or none when the host runs no instance. */
export function vrrpLines(h: HostState): string[] {
  const rows = [...h.vrrp.values()].map((v) => [v.instance, String(v.vrid), v.iface, v.state, String(v.prio), seconds(v.since)]);
  if (rows.length === 0) return [];
  const head = ['INSTANCE', 'VRID', 'IFACE', 'STATE', 'PRIO', 'SINCE'];
  const widths = head.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (i === 1 || i === 4 || i === 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
