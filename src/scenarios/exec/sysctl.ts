/**
 * procps `sysctl` (Debian 12's procps 4.0): `-w key=value` writes /proc/sys/… and echoes
 * `key = value` with the value as typed (nothing with -q); `sysctl key` prints `key = value`,
 * `-n` the value alone; `-a` every key the host models. A missing file is "sysctl: cannot stat
 * /proc/sys/…: No such file or directory"; each failing key subtracts 1 from the exit status
 * (ReturnCode += -1), so one failure exits 255. Writes go through the host's store, which applies
 * devinet's semantics (ip_forward runs inet_forward_change, default/ copies to interfaces).
 */
import type { Host } from '../../net/host.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, SysctlCommand, SysctlRead, SysctlWrite } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, exited, notModelled, printed } from './result.js';
import { sysctlFile, sysctlPath } from './sysctl-file.js';

/** Runs a `sysctl` command. */
export function execSysctl(host: Host, entry: CommandEntry, cmd: SysctlCommand): ExecResult {
  switch (cmd.op) {
    case 'write':
      return write(host, entry, cmd);
    case 'read':
      return read(host, entry, cmd);
    case 'all': {
      let out = '';
      for (const k of host.sysctls.keys()) {
        const v = host.sysctlGet(k);
        if (typeof v !== 'string') continue;
        out += cmd.valuesOnly ? `${v}\n` : `${k} = ${v}\n`;
      }
      return printed(out);
    }
    default:
      return assertNever(cmd);
  }
}

function exitStatus(failures: number): number {
  return (256 - (failures % 256)) % 256;
}

function cannotStat(key: string): string {
  return `sysctl: cannot stat ${sysctlPath(key)}: No such file or directory\n`;
}

function write(host: Host, entry: CommandEntry, cmd: SysctlWrite): ExecResult {
  const unmodelled = cmd.assignments.find((a) => sysctlFile(host, a.key) === 'notModelled');
  if (unmodelled !== undefined) {
    return notModelled(`sysctl ${unmodelled.key}`, argOffset(entry, cmd, cmd.argCols.indexOf(unmodelled.offset)), 'scenario.exec.sysctlNotModelled');
  }
  let out = '';
  let failures = 0;
  let firstBad = -1;
  for (const a of cmd.assignments) {
    const i = cmd.argCols.indexOf(a.offset);
    const at = argOffset(entry, cmd, i);
    const word = cmd.argv[i] ?? `${a.key}=${a.value}`;
    const typed = word.slice(word.indexOf('=') + 1);
    if (sysctlFile(host, a.key) === 'absent') {
      out += cannotStat(a.key);
      failures++;
      if (firstBad < 0) firstBad = at;
      continue;
    }
    const err = host.sysctlSet(a.key, typed);
    if (err !== undefined) {
      out += `sysctl: setting key "${a.key}": Invalid argument\n`;
      failures++;
      if (firstBad < 0) firstBad = at;
      continue;
    }
    if (!cmd.quiet) out += `${a.key} = ${typed}\n`;
  }
  return exited(exitStatus(failures), out, Math.max(firstBad, 0));
}

function read(host: Host, entry: CommandEntry, cmd: SysctlRead): ExecResult {
  const operands = cmd.argv.map((w, i) => ({ w, i })).filter(({ w, i }) => i > 0 && !w.startsWith('-'));
  const offsetOf = (k: number): number => argOffset(entry, cmd, operands[k]?.i ?? 0);
  const unmodelled = cmd.keys.findIndex((key) => sysctlFile(host, key) === 'notModelled');
  if (unmodelled >= 0) return notModelled(`sysctl ${cmd.keys[unmodelled] as string}`, offsetOf(unmodelled), 'scenario.exec.sysctlNotModelled');
  let out = '';
  let failures = 0;
  let firstBad = -1;
  cmd.keys.forEach((key, k) => {
    const v = sysctlFile(host, key) === 'present' ? host.sysctlGet(key) : undefined;
    if (typeof v !== 'string') {
      out += cannotStat(key);
      failures++;
      if (firstBad < 0) firstBad = offsetOf(k);
      return;
    }
    out += cmd.valuesOnly ? `${v}\n` : `${key} = ${v}\n`;
  });
  return exited(exitStatus(failures), out, Math.max(firstBad, 0));
}
