/**
 * Runs a typed shell command on a simulated host and returns what the real tool would print and
 * exit with (Debian 12: iproute2 6.1, net-tools 2.10, procps 4.0, Linux 6.1), changing the host's
 * state exactly as the kernel would. One module per tool; ipvsadm, /proc/net/ip_vs* and iptables
 * are delegated to the caller's context. A request the lab cannot answer truthfully is reported
 * as not modelled rather than approximated.
 */
import type { Host } from '../../net/host.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry } from '../commands/types.js';
import type { ExecContext, ExecResult } from './types.js';
import { argOffset, notModelled } from './result.js';
import { execIfconfig } from './ifconfig.js';
import { execIpAddr } from './ip-addr.js';
import { execIpLink } from './ip-link.js';
import { execIpRoute } from './ip-route.js';
import { execIpNeigh } from './ip-neigh.js';
import { execRoute } from './route.js';
import { execSysctl } from './sysctl.js';
import { execCat, execEcho, execProcWrite } from './proc.js';
import { execArp } from './arp.js';
import { execArping } from './arping.js';
import { execModprobe } from './modprobe.js';

export type { ExecContext, ExecError, ExecErrorKind, ExecResult } from './types.js';
export { formatIpAddr } from './ip-addr.js';
export { formatIpLink } from './ip-link.js';
export { formatRouteTable } from './route.js';
export { formatIfconfigList, formatIfconfigOne } from './ifconfig-show.js';

/** Runs one command of a script on `host`. */
export function executeCommand(host: Host, entry: CommandEntry, ctx: ExecContext): ExecResult {
  const cmd = entry.command;
  switch (cmd.kind) {
    case 'ifconfig':
      return execIfconfig(host, entry, cmd);
    case 'ip.addr':
      return execIpAddr(host, entry, cmd);
    case 'ip.link':
      return execIpLink(host, entry, cmd);
    case 'ip.route':
      return execIpRoute(host, entry, cmd);
    case 'ip.neigh':
      return execIpNeigh(host, entry, cmd);
    case 'route':
      return execRoute(host, entry, cmd);
    case 'sysctl':
      return execSysctl(host, entry, cmd);
    case 'proc.write':
      return execProcWrite(host, entry, cmd);
    case 'echo':
      return execEcho(cmd);
    case 'cat':
      return execCat(host, entry, cmd, ctx);
    case 'ipvsadm':
      return ctx.ipvsadm(host, entry.text, cmd.stdin === undefined ? undefined : { text: cmd.stdin.text, offset: cmd.stdin.offset - entry.offset });
    case 'iptables':
      return ctx.iptables !== undefined ? ctx.iptables(host, cmd) : notModelled('iptables', argOffset(entry, cmd, 0), 'scenario.exec.iptablesNotModelled');
    case 'modprobe':
      return execModprobe(host, entry, cmd);
    case 'arp':
      return execArp(host, entry, cmd);
    case 'arping':
      return execArping(host, entry, cmd);
    case 'service':
      return ctx.service !== undefined ? ctx.service(host, cmd) : notModelled(cmd.argv.join(' '), argOffset(entry, cmd, 0));
    default:
      return assertNever(cmd);
  }
}
