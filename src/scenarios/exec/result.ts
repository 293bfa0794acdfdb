/**
 * Building ExecResults: success with the tool's output, a failure the real tool reports (its
 * stderr text, its exit status, and the token to blame), or a request the lab cannot answer.
 * Offsets are relative to the entry's text, as the scenario loader expects.
 */
import type { CommandBase, CommandEntry } from '../commands/types.js';
import { msg } from '../../i18n/message.js';
import type { ExecResult } from './types.js';

/** Success, printing `output`. */
export function printed(output = ''): ExecResult {
  return { exitCode: 0, output };
}

/** The tool ran and failed: `output` is what it printed, `exitCode` its status. */
export function failed(exitCode: number, output: string, offset: number): ExecResult {
  // The cause, not the usage hint many tools print after it ("Try `iptables -h' …").
  const lines = output.trimEnd().split('\n');
  const detail = lines.filter((l) => !l.startsWith('Try ')).pop() ?? lines.pop() ?? '';
  return { exitCode, output, error: { msg: msg('scenario.exec.toolError', { detail }), offset, kind: 'tool' } };
}

/** The tool ran, printed `output` and exited with `exitCode` (0 or not), without blame. */
export function exited(exitCode: number, output: string, offset: number): ExecResult {
  return exitCode === 0 ? printed(output) : failed(exitCode, output, offset);
}

/** The lab does not model what this command asks for. */
export function notModelled(what: string, offset: number, id = 'scenario.exec.notModelled'): ExecResult {
  return { exitCode: 1, output: '', error: { msg: msg(id, { what }), offset, kind: 'notModelled' } };
}

/** Offset, in the entry's text, of word `i` of the command (the command name when out of range). */
export function argOffset(entry: CommandEntry, cmd: CommandBase, i: number): number {
  const col = cmd.argCols[i] ?? cmd.argCols[0] ?? entry.offset;
  return Math.max(0, col - entry.offset);
}

/** Offset of the first word (after the command name) equal to `text`, else of the command name. */
export function wordOffset(entry: CommandEntry, cmd: CommandBase, text: string): number {
  const i = cmd.argv.indexOf(text, 1);
  return argOffset(entry, cmd, i < 0 ? 0 : i);
}

/** Offset of the word that follows keyword `kw` (its value), else of the keyword, else 0. */
export function valueOffset(entry: CommandEntry, cmd: CommandBase, kw: string): number {
  const i = cmd.argv.indexOf(kw, 1);
  if (i < 0) return argOffset(entry, cmd, 0);
  return argOffset(entry, cmd, i + 1 < cmd.argv.length ? i + 1 : i);
}
