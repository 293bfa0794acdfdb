/**
 * IPVS per host, loaded on first use as the kernel autoloads ip_vs when ipvsadm first talks to it,
 * and the ExecContext that lets the command executor run `ipvsadm` on a host.
 */
import type { Host } from '../net/host.js';
import { attachIpvs, type Ipvs } from '../ipvs/attach.js';
import type { ExecContext, ExecResult } from './exec/types.js';

export class IpvsHosts {
  private readonly byHost = new Map<Host, Ipvs>();
  private readonly ctx: ExecContext;

  constructor() {
    this.ctx = { ipvsadm: (host, argv, argCols) => this.ipvsadm(host, argv, argCols) };
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
   * Runs `ipvsadm ARGS`: the words are joined into one line for the ipvsadm parser, and an error's
   * token index is mapped back to that token's offset in the command's own text.
   */
  private ipvsadm(host: Host, argv: readonly string[], argCols: readonly number[]): ExecResult {
    const words = argv.slice(1);
    const r = this.of(host).ipvsadm(words.join(' '));
    const output = r.output + r.stderr;
    if (r.error === undefined) return { exitCode: r.exitCode, output };
    const { tokenIndex, offset: lineOffset } = r.error.span;
    let offset = argCols[0] ?? 0;
    if (tokenIndex !== undefined && tokenIndex >= 0 && tokenIndex < words.length) {
      const joinedStart = words.slice(0, tokenIndex).reduce((n, w) => n + w.length + 1, 0);
      offset = (argCols[tokenIndex + 1] ?? offset) + Math.max(0, lineOffset - joinedStart);
    }
    return { exitCode: r.exitCode, output, error: { msg: r.error.msg, offset, kind: r.error.kind === 'notModelled' ? 'notModelled' : 'tool' } };
  }
}
