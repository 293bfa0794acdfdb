/** Builds small labs and runs command scripts on their hosts through executeCommand. */
import { Lab } from '../../src/net/lab.js';
import type { Host } from '../../src/net/host.js';
import { parseIp4, type Ip4 } from '../../src/net/wire/addr.js';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { executeCommand, type ExecContext, type ExecResult } from '../../src/scenarios/exec/index.js';
import { render } from '../../src/i18n/index.js';

export function ip(text: string): Ip4 {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad IP ${text}`);
  return v;
}

type Failure = { readonly code: string; readonly msg: { readonly id: string } };

function must<T>(v: T): Exclude<T, Failure> {
  if (typeof v === 'object' && v !== null && 'code' in v && 'msg' in v) {
    const f = v as unknown as Failure;
    throw new Error(`unexpected error ${f.code} ${f.msg.id}`);
  }
  return v as Exclude<T, Failure>;
}

/**
 * A lab with segment `lan` and host `rs1` (host index 1, so eth0's MAC is 02:00:00:00:01:01):
 * eth0 192.168.1.11/24 brd 192.168.1.255, as ifupdown configures it.
 */
export function rsLab(): { lab: Lab; host: Host } {
  const lab = new Lab({ seed: 1 });
  must(lab.addSegment({ name: 'lan' }));
  const host = must(lab.addHost('rs1'));
  must(host.addInterface({ name: 'eth0', segment: 'lan' }));
  must(host.addAddress('eth0', ip('192.168.1.11'), 24, { broadcast: ip('192.168.1.255') }));
  return { lab, host };
}

/** A context whose ipvsadm records its calls. */
export function recordingContext(): ExecContext & { calls: { line: string }[] } {
  const calls: { line: string }[] = [];
  return {
    calls,
    ipvsadm(_host, line) {
      calls.push({ line });
      return { exitCode: 0, output: 'ipvsadm ran\n' };
    },
  };
}

/** Parses `text` (failing on a parse error) and runs every command; returns each result. */
export function run(host: Host, text: string, ctx: ExecContext = recordingContext()): ExecResult[] {
  const parsed = parseScript(text);
  if (parsed.errors.length > 0) throw new Error(`parse error: ${parsed.errors.map((e) => render(e.msg)).join('; ')}`);
  return parsed.script.commands.map((entry) => executeCommand(host, entry, ctx));
}

/** Runs one command and returns its result. */
export function run1(host: Host, text: string, ctx?: ExecContext): ExecResult {
  const rs = run(host, text, ctx);
  if (rs.length !== 1) throw new Error(`expected one command in ${text}`);
  return rs[0] as ExecResult;
}

/** Runs one command that must succeed and returns its output. */
export function out(host: Host, text: string): string {
  const r = run1(host, text);
  if (r.exitCode !== 0) throw new Error(`${text} failed (${r.exitCode}): ${r.output}${r.error !== undefined ? render(r.error.msg) : ''}`);
  return r.output;
}

/** Lines joined with "\n" and a final "\n". */
export function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}
