/** What a state view is: the command a student would type on the host, and what it prints. */
import type { Msg } from '../../i18n/message.js';

/** The state views a host can have. */
export type StateViewKind = 'ipvs' | 'conns' | 'neigh' | 'routes' | 'addrs' | 'vrrp';

export interface StateViewText {
  /** The command line on the host (empty when no command shows this state, as for VRRP). */
  readonly command: string;
  /** Exactly the lines the command prints, without the final newline. */
  readonly lines: readonly string[];
  /** Set when the host has nothing of this kind (the lines are then what the command prints for nothing). */
  readonly empty?: Msg;
  /** For a view that is not a command's output: what it is. */
  readonly title?: Msg;
}

/** Splits a command's output into lines (no trailing empty line). */
export function outputLines(out: string): string[] {
  if (out === '') return [];
  const lines = out.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
