/**
 * What can be known before a run of the scripts and filters that act later (timed events,
 * checkpoints), so that `lvslab validate` reports them with their positions instead of the run
 * failing or a checkpoint erroring halfway through.
 */
import { msg, type Msg } from '../i18n/message.js';
import { compileFilter, type FrameFilter } from '../trace/filter/index.js';
import type { LoadedScenario, ScenarioError } from './load.js';
import type { PathSeg } from './source.js';
import type { CommandEntry, CommandScript } from './commands/types.js';
import { ipvsadmStaticError } from './ipvs-hosts.js';
import { findPlaceholders, resolvePlaceholders, type PlaceholderResolver } from './placeholders.js';

/**
 * What can be said of a command before it runs (offsets are in the command's own text), for scripts that run later (timed events,
 * checkpoints): a tool or a feature the lab does not model yet, or an ipvsadm syntax error.
 * Commands of `setup` and `ipvsadm` run at time 0 and report their own failures.
 */
function staticProblem(entry: CommandEntry): { readonly msg: Msg; readonly offset: number } | undefined {
  const c = entry.command;
  switch (c.kind) {
    case 'iptables':
      return c.table === 'nat' ? { msg: msg('nf.notModelled.nat'), offset: 0 } : undefined;
    case 'cat':
      return c.source.kind === 'procNet' ? { msg: msg('scenario.build.notModelledYet', { what: c.path }), offset: (c.argCols[1] ?? entry.offset) - entry.offset } : undefined;
    case 'modprobe':
      return c.remove ? { msg: msg('scenario.build.notModelledYet', { what: 'modprobe -r' }), offset: 0 } : undefined;
    case 'ipvsadm':
      return ipvsadmStaticError(entry.text);
    default:
      return undefined;
  }
}

/** Each static problem of a script that runs later, as a scenario error at its token. */
export function checkLaterScript(loaded: LoadedScenario, path: readonly PathSeg[], script: CommandScript, errors: ScenarioError[]): void {
  for (const entry of script.commands) {
    const p = staticProblem(entry);
    if (p !== undefined) errors.push(loaded.error(path, p.msg, entry.offset + p.offset));
  }
}

/**
 * Compiles a checkpoint's `frames` filter with its placeholders resolved; an error points at the
 * offending character of the filter as written (offsets after a placeholder are mapped back).
 */
export function checkFramesFilter(loaded: LoadedScenario, path: readonly PathSeg[], text: string, resolver: PlaceholderResolver, errors: ScenarioError[]): FrameFilter | undefined {
  const resolved = resolvePlaceholders(text, resolver);
  if (!resolved.ok) {
    errors.push(loaded.error(path, resolved.msg, resolved.offset));
    return undefined;
  }
  const f = compileFilter(resolved.text);
  if (f.ok) return f.filter;
  let offset = f.error.offset;
  let shift = 0;
  for (const p of findPlaceholders(text).placeholders) {
    const value = resolver(p.path) ?? '';
    const startInResolved = p.offset + shift;
    if (offset < startInResolved) break;
    if (offset < startInResolved + value.length) {
      offset = p.offset + shift;
      break;
    }
    shift += value.length - p.text.length;
  }
  errors.push(loaded.error(path, msg('scenario.filter.bad', { message: f.error.message }), offset - shift));
  return undefined;
}
