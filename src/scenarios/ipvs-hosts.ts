/**
 * IPVS per host, loaded on first use as the kernel autoloads ip_vs when ipvsadm first talks to it,
 * and the ExecContext that lets the command executor run `ipvsadm` (and `iptables`) on a host.
 */
import type { Host } from '../net/host.js';
import { attachIpvs, type Ipvs } from '../ipvs/attach.js';
import type { ExecContext, ExecResult } from './exec/types.js';
import { parseIpvsadm } from '../ipvs/ipvsadm/parse.js';
import { NetfilterHosts } from './exec/iptables.js';
import { KeepalivedHosts } from './keepalived-hosts.js';
import type { Msg } from '../i18n/message.js';

export class IpvsHosts {
  private readonly byHost = new Map<Host, Ipvs>();
  private readonly ctx: ExecContext;

  /** The hosts' iptables tables (run through the same context). */
  readonly netfilter = new NetfilterHosts();

  /** The hosts' keepalived daemons (`systemctl … keepalived` runs through the same context). */
  readonly keepalived = new KeepalivedHosts();

  constructor() {
    this.ctx = { ipvsadm: (host, line, stdin) => this.ipvsadm(host, line, stdin), iptables: (host, cmd) => this.netfilter.run(host, cmd), service: (host, cmd) => this.keepalived.service(host, cmd) };
  }

  /** The host's IPVS, attached now if it has none yet. */
  of(host: Host): Ipvs {
    let ipvs = this.byHost.get(host);
    if (ipvs === undefined) {
      ipvs = attachIpvs(host);
      this.byHost.set(host, ipvs);
    }
    return ipvs;
  }

  /** The IPVS of a host, if ipvsadm was ever run there. */
  peek(host: Host): Ipvs | undefined {
    return this.byHost.get(host);
  }

  context(): ExecContext {
    return this.ctx;
  }

  /**
   * Runs one ipvsadm command given as its own text: ipvsadm's parser reads the same words the
   * shell parser did, so its error offsets are already offsets in that text. An error in a line
   * of the here-document (`-R`) is moved by where the body starts.
   */
  private ipvsadm(host: Host, line: string, stdin?: { readonly text: string; readonly offset: number }): ExecResult {
    const r = this.of(host).ipvsadm(line, stdin?.text);
    const output = r.output + r.stderr;
    if (r.error === undefined) return { exitCode: r.exitCode, output };
    const offset = r.error.span.offset + (r.error.stdinLine !== undefined && stdin !== undefined ? stdin.offset : 0);
    return { exitCode: r.exitCode, output, error: { msg: r.error.msg, offset, kind: r.error.kind === 'notModelled' ? 'notModelled' : 'tool' } };
  }
}

/**
 * What can be known of an ipvsadm command before it runs: a syntax error or a feature the lab
 * does not model yet (so that `validate` reports an ipvsadm line of a timed event or a checkpoint).
 * `line` is the command's text; the offset is in it.
 */
export function ipvsadmStaticError(line: string): { readonly msg: Msg; readonly offset: number } | undefined {
  const r = parseIpvsadm(line);
  return r.ok ? undefined : { msg: r.error.msg, offset: r.error.span.offset };
}
