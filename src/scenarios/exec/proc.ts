/**
 * The shell's part: `echo TEXT` prints, `echo N > /proc/sys/…` writes a sysctl through procfs
 * (bash opens the file first: a missing one is "bash: PATH: No such file or directory", exit 1;
 * a value the kernel refuses is "bash: echo: write error: Invalid argument", exit 1), and `cat`
 * prints a /proc/sys file's value or, through the caller's IPVS model, /proc/net/ip_vs*.
 */
import type { Host } from '../../net/host.js';
import { assertNever } from '../../assert-never.js';
import type { CatCommand, CommandEntry, EchoCommand, ProcWrite } from '../commands/types.js';
import type { ExecContext, ExecResult } from './types.js';
import { argOffset, failed, notModelled, printed } from './result.js';
import { sysctlFile } from './sysctl-file.js';

/** `echo TEXT` without a redirection. */
export function execEcho(cmd: EchoCommand): ExecResult {
  return printed(cmd.newline ? `${cmd.text}\n` : cmd.text);
}

/** Offset of the redirection target: the entry's text ends with it. */
function pathOffset(entry: CommandEntry, path: string): number {
  const i = entry.text.lastIndexOf(path);
  return i < 0 ? 0 : i;
}

/** `echo N > /proc/sys/…`. */
export function execProcWrite(host: Host, entry: CommandEntry, cmd: ProcWrite): ExecResult {
  const at = pathOffset(entry, cmd.path);
  const file = sysctlFile(host, cmd.key);
  switch (file) {
    case 'absent':
      return failed(1, `bash: ${cmd.path}: No such file or directory\n`, at);
    case 'notModelled':
      return notModelled(cmd.path, at, 'scenario.exec.sysctlNotModelled');
    case 'present': {
      const err = host.sysctlSet(cmd.key, cmd.value);
      return err === undefined ? printed() : failed(1, 'bash: echo: write error: Invalid argument\n', argOffset(entry, cmd, 1));
    }
    default:
      return assertNever(file);
  }
}

/** `cat /proc/sys/…` or `cat /proc/net/ip_vs…`. */
export function execCat(host: Host, entry: CommandEntry, cmd: CatCommand, ctx: ExecContext): ExecResult {
  const at = argOffset(entry, cmd, 1);
  const src = cmd.source;
  switch (src.kind) {
    case 'sysctl': {
      const file = sysctlFile(host, src.key);
      if (file === 'notModelled') return notModelled(cmd.path, at, 'scenario.exec.sysctlNotModelled');
      const v = file === 'present' ? host.sysctlGet(src.key) : undefined;
      return typeof v === 'string' ? printed(`${v}\n`) : failed(1, `cat: ${cmd.path}: No such file or directory\n`, at);
    }
    case 'procNet':
      return ctx.procNet !== undefined ? ctx.procNet(host, src.file) : notModelled(cmd.path, at, 'scenario.exec.procNetNotModelled');
    default:
      return assertNever(src);
  }
}
