/**
 * keepalived on the scenario's hosts: the `keepalived:` key read (inline, or `{ file: path }`
 * relative to the scenario), parsed as keepalived would, checked against the lab (the commands
 * of MISC_CHECK and vrrp_script must be ones the lab models; the interfaces must exist), and the
 * daemon started at time 0 after the host's setup, as systemd starts an enabled unit at boot.
 * `systemctl … keepalived` on a host then drives the same daemon.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Host } from '../net/host.js';
import { msg, type Msg } from '../i18n/message.js';
import { parseKeepalivedConf } from '../keepalived/conf/parse.js';
import { nodeReadInclude } from '../keepalived/conf/node-include.js';
import type { ConfPos, KeepalivedConfig, ParsedConf } from '../keepalived/conf/types.js';
import { commandProblems } from '../keepalived/check/command.js';
import { Keepalived } from '../keepalived/daemon.js';
import type { IpvsState } from '../ipvs/state.js';
import type { ServiceCommand } from './commands/types.js';
import type { ExecResult } from './exec/types.js';
import type { KeepalivedSpec } from './schema.js';
import { scenarioError, type ScenarioError } from './errors.js';
import type { LoadedScenario } from './load.js';
import { assertNever } from '../assert-never.js';

/** The file name positions inside an inline `keepalived: |` block carry before they are mapped to the YAML. */
const INLINE = '<inline keepalived.conf>';

/** A host's keepalived.conf, parsed, with its problems as scenario errors. */
export interface LoadedKeepalived {
  readonly config: KeepalivedConfig | null;
  readonly errors: readonly ScenarioError[];
  /** keepalived's warnings (what it would log at start-up), as messages with positions. */
  readonly warnings: readonly { readonly where: string; readonly msg: Msg }[];
  /** A scenario error at a position of this configuration. */
  place(pos: ConfPos, m: Msg): ScenarioError;
}

/** Reads and parses the `keepalived:` of host `name`, mapping every position to a file position. */
export function loadHostKeepalived(loaded: LoadedScenario, name: string, spec: KeepalivedSpec): LoadedKeepalived {
  const at = ['hosts', name, 'keepalived'];
  let parsed: ParsedConf;
  if (spec.kind === 'inline') {
    parsed = parseKeepalivedConf({ file: INLINE, text: spec.text }, nodeReadInclude);
  } else {
    const file = path.resolve(path.dirname(loaded.file), spec.file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
      const place = (p: ConfPos, m: Msg): ScenarioError => scenarioError(p.file, p, m);
      return { config: null, errors: [loaded.error([...at, 'file'], msg('scenario.build.keepalivedFile', { file: spec.file, reason }))], warnings: [], place };
    }
    // Named as the scenario was: next to it, in the same relative or absolute form.
    parsed = parseKeepalivedConf({ file: path.join(path.dirname(loaded.file), spec.file), text }, nodeReadInclude);
  }
  const filePos = (pos: ConfPos): { readonly file: string; readonly line: number; readonly col: number } =>
    pos.file === INLINE ? { file: loaded.file, ...loaded.pos(at, { line: pos.line, col: pos.col }) } : pos;
  const place = (pos: ConfPos, m: Msg): ScenarioError => {
    const p = filePos(pos);
    return scenarioError(p.file, { line: p.line, col: p.col }, m);
  };
  const where = (pos: ConfPos): string => {
    const p = filePos(pos);
    return `${p.file}:${p.line}:${p.col}`;
  };
  const errors: ScenarioError[] = [];
  const warnings: { where: string; msg: Msg }[] = [];
  for (const d of parsed.diagnostics) {
    if (d.severity === 'error') errors.push(place(d.pos, d.msg));
    else warnings.push({ where: where(d.pos), msg: d.msg });
  }
  if (parsed.config !== null) for (const c of commandProblems(parsed.config)) errors.push(place(c.pos, c.msg));
  return { config: errors.length === 0 ? parsed.config : null, errors, warnings, place };
}

/** The interfaces a configuration uses that `host` does not have. */
export function missingInterfaces(host: Host, config: KeepalivedConfig): { readonly pos: ConfPos; readonly msg: Msg }[] {
  const out: { pos: ConfPos; msg: Msg }[] = [];
  const need = (iface: string, pos: ConfPos): void => {
    if (host.device(iface) === undefined) out.push({ pos, msg: msg('keepalived.noInterface', { iface, host: host.name }) });
  };
  for (const i of config.instances) {
    need(i.iface, i.pos);
    for (const v of [...i.vips, ...i.vipsExcluded]) if (v.dev !== undefined) need(v.dev, v.pos);
    for (const t of i.trackInterfaces) need(t.iface, t.pos);
  }
  return out;
}

/** The keepalived daemons of a lab's hosts. */
export class KeepalivedHosts {
  private readonly byHost = new Map<Host, Keepalived>();

  /** Creates the daemon of `host` (not started). */
  add(host: Host, ipvs: IpvsState, config: KeepalivedConfig): Keepalived {
    const k = new Keepalived(host, ipvs, config);
    this.byHost.set(host, k);
    return k;
  }

  of(host: Host): Keepalived | undefined {
    return this.byHost.get(host);
  }

  /** `systemctl start|stop|restart|is-active keepalived` on `host`, printing what systemctl prints. */
  service(host: Host, cmd: ServiceCommand): ExecResult {
    const k = this.byHost.get(host);
    if (k === undefined) {
      if (cmd.op === 'is-active') return { exitCode: 3, output: 'inactive\n' };
      const output = `Failed to ${cmd.op} keepalived.service: Unit keepalived.service not found.\n`;
      return { exitCode: 5, output, error: { msg: msg('keepalived.noUnit', { host: host.name }), offset: 0, kind: 'tool' } };
    }
    // A command typed on a host that is down never runs: the lab says so instead of pretending.
    if (!host.isRunning) return { exitCode: 255, output: '', error: { msg: msg('keepalived.hostDown', { host: host.name }), offset: 0, kind: 'tool' } };
    switch (cmd.op) {
      case 'start':
        k.start();
        return { exitCode: 0, output: '' };
      case 'stop':
        k.stop();
        return { exitCode: 0, output: '' };
      case 'restart':
        k.stop();
        k.start();
        return { exitCode: 0, output: '' };
      case 'is-active':
        return k.state === 'active' ? { exitCode: 0, output: 'active\n' } : { exitCode: 3, output: 'inactive\n' };
      default:
        return assertNever(cmd.op);
    }
  }
}
