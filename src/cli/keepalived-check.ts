/**
 * `lvslab keepalived-check <keepalived.conf>`: reads the file as keepalived would (includes
 * relative to it), prints every problem as `file:line:col: message` (warnings as
 * `file:line:col: warning: message`) on standard error, and, when the file loads, prints the IPVS
 * table keepalived would build at start-up in `ipvsadm -L -n` form and each VRRP instance's
 * effective settings as keepalived.conf lines with the timers they imply.
 * Exit 0 when it loads (warnings allowed), 2 when it does not.
 */
import { readFileSync } from 'node:fs';
import { render } from '../i18n/index.js';
import { msg } from '../i18n/message.js';
import { Lab } from '../net/lab.js';
import { attachIpvs } from '../ipvs/attach.js';
import { parseKeepalivedConf } from '../keepalived/conf/parse.js';
import { nodeReadInclude } from '../keepalived/conf/node-include.js';
import type { ConfDiagnostic, KeepalivedConfig } from '../keepalived/conf/types.js';
import { buildIpvs } from '../keepalived/lvs/build.js';
import { commandProblems } from '../keepalived/check/command.js';
import { describeInstance } from '../keepalived/describe.js';
import { parseFlags, UsageError } from './args.js';

export async function cmdKeepalivedCheck(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.keepalivedCheck.usage')));
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(render(msg('cli.keepalivedCheck.oneFile')));
  const file = positionals[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(render(msg('cli.keepalivedCheck.cannotRead', { file, code })));
  }
  const parsed = parseKeepalivedConf({ file, text }, nodeReadInclude);
  const diagnostics: ConfDiagnostic[] = [...parsed.diagnostics];
  if (parsed.config !== null) for (const p of commandProblems(parsed.config)) diagnostics.push({ severity: 'error', pos: p.pos, msg: p.msg });
  for (const d of diagnostics) {
    const text = d.severity === 'warning' ? render(msg('cli.keepalivedCheck.warning', { message: render(d.msg) })) : render(d.msg);
    process.stderr.write(`${d.pos.file}:${d.pos.line}:${d.pos.col}: ${text}\n`);
  }
  if (parsed.config === null || diagnostics.some((d) => d.severity === 'error')) return 2;
  const out = report(parsed.config);
  if (out.errors.length > 0) {
    for (const d of out.errors) process.stderr.write(`${d.pos.file}:${d.pos.line}:${d.pos.col}: ${render(d.msg)}\n`);
    return 2;
  }
  process.stdout.write(out.text);
  return 0;
}

/** The IPVS table and the instances' settings, or the problems the IPVS build met. */
function report(config: KeepalivedConfig): { text: string; errors: readonly ConfDiagnostic[] } {
  const parts: string[] = [];
  if (config.virtualServers.length > 0) {
    // A throw-away host: the same control operations keepalived's checker process makes at start-up.
    const lab = new Lab();
    const host = lab.addHost('director');
    if ('code' in host) throw new Error('a fresh lab refused its first host');
    const ipvs = attachIpvs(host);
    const errors = buildIpvs(ipvs.state, config).filter((d) => d.severity === 'error');
    if (errors.length > 0) return { text: '', errors };
    parts.push(`# ${render(msg('keepalived.check.ipvsTitle'))}\n${ipvs.ipvsadm('-L -n').output}`);
  }
  for (const inst of config.instances) parts.push(describeInstance(inst));
  if (parts.length === 0) parts.push(`# ${render(msg('keepalived.check.empty'))}\n`);
  return { text: parts.join('\n'), errors: [] };
}
