/**
 * alibaba ipvsadm's `-G` (get-laddr) listing (tools/ipvsadm/ipvsadm.c: list_laddrs_print_title,
 * list_laddrs_print_service, list_laddrs_print_laddr), character for character: a title line,
 * then per service `VIP:VPORT` (always numeric) and the number of local addresses, then one line
 * per local address with its port-conflict and connection counters. The title is printed once,
 * before the first service; with no service at all nothing is printed.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIp4 } from '../../net/wire/addr.js';

/** One service as `-G` shows it. */
export interface LaddrServiceEntry {
  readonly vaddr: Ip4;
  readonly vport: number;
  readonly laddrs: readonly { readonly addr: Ip4; readonly portConflict: number; readonly connCounts: number }[];
}

function left(s: string, w: number): string {
  return s.length >= w ? s : s + ' '.repeat(w - s.length);
}

/** `%-20s %-8s %-20s %-10s %-10s\n` with the column names. */
export function formatLaddrTitle(): string {
  return `${left('VIP:VPORT', 20)} ${left('TOTAL', 8)} ${left('LADDR', 20)} ${left('CONFLICTS', 10)} ${left('CONNS', 10)}\n`;
}

/** One service and its local addresses. */
export function formatLaddrService(e: LaddrServiceEntry): string {
  let out = `${left(`${formatIp4(e.vaddr)}:${e.vport}`, 20)} ${left(String(e.laddrs.length), 8)} \n`;
  for (const l of e.laddrs) {
    out += `${left('', 20)} ${left('', 8)} ${left(formatIp4(l.addr), 20)} ${left(String(l.portConflict), 10)} ${left(String(l.connCounts), 10)}\n`;
  }
  return out;
}

/** list_all_laddrs: the title before the first service, then every service. */
export function formatLaddrAll(entries: readonly LaddrServiceEntry[]): string {
  let out = '';
  entries.forEach((e, i) => {
    if (i === 0) out += formatLaddrTitle();
    out += formatLaddrService(e);
  });
  return out;
}
