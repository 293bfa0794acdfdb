/**
 * IPVS per host, loaded on first use as the kernel autoloads ip_vs when ipvsadm first talks to it,
 * and the ExecContext that lets the command executor run `ipvsadm` on a host.
 */
import type { Host } from '../net/host.js';
import { attachIpvs, type Ipvs } from '../ipvs/attach.js';
import type { ExecContext, ExecResult } from './exec/types.js';
import { parseIpvsadm } from '../ipvs/ipvsadm/parse.js';
import type { Msg } from '../i18n/message.js';

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
   * token is mapped back to its offset in the command's own text.
   */
  private ipvsadm(host: Host, argv: readonly string[], argCols: readonly number[]): ExecResult {
    const words = argv.slice(1);
    const r = this.of(host).ipvsadm(words.join(' '));
    const output = r.output + r.stderr;
    if (r.error === undefined) return { exitCode: r.exitCode, output };
    const offset = offsetInCommand(words, argCols, r.error.span);
    return { exitCode: r.exitCode, output, error: { msg: r.error.msg, offset, kind: r.error.kind === 'notModelled' ? 'notModelled' : 'tool' } };
  }
}

/** Where in the command's text an error at `span` of the joined ipvsadm line is. */
function offsetInCommand(words: readonly string[], argCols: readonly number[], span: { readonly tokenIndex: number; readonly offset: number }): number {
  const { tokenIndex, offset: lineOffset } = span;
  const start = argCols[0] ?? 0;
  if (tokenIndex < 0 || tokenIndex >= words.length) return start;
  const joinedStart = words.slice(0, tokenIndex).reduce((n, w) => n + w.length + 1, 0);
  return (argCols[tokenIndex + 1] ?? start) + Math.max(0, lineOffset - joinedStart);
}

/**
 * What can be known of an ipvsadm command before it runs: a syntax error or a feature the lab
 * does not model yet (so that `validate` reports an ipvsadm line of a timed event or a checkpoint).
 */
export function ipvsadmStaticError(argv: readonly string[], argCols: readonly number[]): { readonly msg: Msg; readonly offset: number } | undefined {
  const words = argv.slice(1);
  const r = parseIpvsadm(words.join(' '));
  if (r.ok) return undefined;
  return { msg: r.error.msg, offset: offsetInCommand(words, argCols, r.error.span) };
}
