/**
 * What running one typed command on a simulated host returns, and what the caller wires in for
 * the tools whose models live elsewhere (ipvsadm and /proc/net/ip_vs* in src/ipvs, iptables).
 */
import type { Host } from '../../net/host.js';
import type { Msg } from '../../i18n/message.js';
import type { IptablesCommand, ProcNetFile, ServiceCommand } from '../commands/types.js';

/**
 * Why a command did not succeed: `tool` when the real tool fails the same way (its own error text
 * is in `output`), `notModelled` when the lab cannot say what the real tool would do.
 */
export type ExecErrorKind = 'tool' | 'notModelled';

/** The explanation of a failed command and the token it blames. */
export interface ExecError {
  readonly msg: Msg;
  /** 0-based offset, in the entry's text, of the token to blame. */
  readonly offset: number;
  readonly kind: ExecErrorKind;
}

/** The outcome of one command. */
export interface ExecResult {
  readonly exitCode: number;
  /** What the tool prints on stdout and stderr, exactly, lines ending in "\n". */
  readonly output: string;
  readonly error?: ExecError;
  /**
   * A command that goes on running after it returns (`arping`: the lab's commands cannot block):
   * the caller passes where its end goes, what it printed since and its exit status.
   */
  readonly finishesLater?: (report: LaterEnd) => void;
}

/** How a command that went on running reports its end. */
export type LaterEnd = (output: string, exitCode: number, why: Msg) => void;

/** The tools the caller provides. */
export interface ExecContext {
  /**
   * `line` is the command's own text (the entry's text); error offsets are offsets in it. `stdin`
   * is its here-document, `offset` being where the body starts relative to `line`.
   */
  ipvsadm(host: Host, line: string, stdin?: { readonly text: string; readonly offset: number }): ExecResult;
  /** iptables; when absent, iptables commands are reported as not modelled. */
  iptables?(host: Host, cmd: IptablesCommand): ExecResult;
  /** `systemctl … keepalived`; when absent, not modelled. */
  service?(host: Host, cmd: ServiceCommand): ExecResult;
  /** `cat /proc/net/ip_vs`, `ip_vs_conn`, `ip_vs_stats`; when absent, not modelled. */
  procNet?(host: Host, file: ProcNetFile): ExecResult;
}
