/**
 * The commands the lab can run for MISC_CHECK `misc_path` and vrrp_script `script` (keepalived runs
 * them with system_call / execve; the lab has no shell, so a small set is modelled, each with the
 * real tool's exit status):
 *   - `true`, `/bin/true` → 0; `false`, `/bin/false` → 1; `exit N` → N (0..255).
 *   - `nc -z [-w S] IP PORT`: a real TCP connect from the host; 0 when the handshake completes
 *     (the connection is then closed with a FIN), 1 on RST, error or after `-w` seconds.
 *   - `curl [-s] [-f] [-o /dev/null] [-m S] http://IP[:PORT]/path`: a real HTTP/1.0 GET (the
 *     request line and Host header of the lab's http client); 0 on a response (with `-f`/`--fail`
 *     only below 400), 22 on a status ≥ 400 with `-f`, 7 when the connection fails, 28 when `-m`
 *     runs out.
 *   - `ping -c N [-W S] IP`: N ICMP echo requests one second apart, each waited for at most `-W`
 *     seconds (default 10, iputils' linger); 0 if any reply came back, 1 otherwise.
 * When the caller's timeout (misc_timeout, vrrp_script timeout) runs out first, the command is
 * killed and `done` gets TIMED_OUT (keepalived's SIGTERM: the check fails, whatever the command).
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { parseIp4 } from '../../net/wire/addr.js';
import type { HostApi, Timer } from '../../net/types.js';
import { SEC } from '../../net/types.js';
import type { Msg } from '../../i18n/message.js';
import type { ConfPos, KeepalivedConfig, PosText } from '../conf/types.js';
import { msg } from '../../i18n/message.js';
import type { HttpUrl } from '../../net/apps/url.js';
import { parseHttpUrl } from '../../net/apps/url.js';
import { httpRequest } from '../../net/apps/http-client.js';
import { echoProbe } from './probe-icmp.js';
import { tcpConnectProbe, tcpRequestProbe, type ProbeHandle } from './probe-tcp.js';
import { parseHttpResponse } from './http-response.js';
import { assertNever } from '../../assert-never.js';

/** Words a shell would treat as operators. */
const SHELL_OPERATORS: ReadonlySet<string> = new Set(['&&', '||', '|', ';', '>', '>>', '<', '&', '2>&1']);

/** The exit code `done` reports when the caller's timeout killed the command (not a real status). */
export const TIMED_OUT = -1;

/** The list of modelled commands, as error messages name them. */
export const MODELLED_COMMANDS = 'true, false, /bin/true, /bin/false, exit N, nc -z [-w S] IP PORT, curl -sf [-o /dev/null] [-m S] http://IP[:PORT]/path, ping -c N [-W S] IP';

/** A parsed modelled command. */
export type ModelledCommand =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'nc'; readonly addr: Ip4; readonly port: number; readonly wait: number }
  | { readonly kind: 'curl'; readonly url: HttpUrl; readonly fail: boolean; readonly maxTime: number }
  | { readonly kind: 'ping'; readonly addr: Ip4; readonly count: number; readonly wait: number };

type Parsed = { ok: true; value: ModelledCommand } | { ok: false; msg: Msg; offset: number };

interface Word {
  readonly text: string;
  readonly offset: number;
}

/** Splits on blanks; single and double quotes group (and are removed), as the shell does. */
function words(text: string): Word[] | { readonly offset: number } {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let w = '';
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const c = text[i] as string;
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, i + 1);
        if (end < 0) return { offset: i };
        w += text.slice(i + 1, end);
        i = end + 1;
      } else {
        w += c;
        i++;
      }
    }
    out.push({ text: w, offset: start });
  }
  return out;
}

const bad = (m: Msg, offset: number): Parsed => ({ ok: false, msg: m, offset });

function seconds(w: Word | undefined, cmd: string, opt: string, atEnd: number): number | Parsed {
  if (w === undefined) return bad(msg('kacheck.cmd.missing', { cmd, what: opt }), atEnd);
  if (!/^\d+(\.\d+)?$/.test(w.text) || Number(w.text) <= 0) return bad(msg('kacheck.cmd.badValue', { cmd, opt, value: w.text }), w.offset);
  return Math.round(Number(w.text) * SEC);
}

function address(w: Word | undefined, cmd: string, atEnd: number): Ip4 | Parsed {
  if (w === undefined) return bad(msg('kacheck.cmd.missing', { cmd, what: 'IP' }), atEnd);
  const a = parseIp4(w.text);
  return a === undefined ? bad(msg('kacheck.cmd.badAddress', { cmd, value: w.text }), w.offset) : a;
}

const isParsed = (v: unknown): v is Parsed => typeof v === 'object' && v !== null && 'ok' in v;

function parseNc(ws: Word[], end: number): Parsed {
  let zero = false;
  let wait = 0;
  const rest: Word[] = [];
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i] as Word;
    if (w.text === '-z') zero = true;
    else if (w.text === '-w') {
      const s = seconds(ws[++i], 'nc', '-w', end);
      if (isParsed(s)) return s;
      wait = s;
    } else if (w.text.startsWith('-')) return bad(msg('kacheck.cmd.badOption', { cmd: 'nc', opt: w.text }), w.offset);
    else rest.push(w);
  }
  if (!zero) return bad(msg('kacheck.cmd.ncNeedsZ'), ws[0]?.offset ?? 0);
  const addr = address(rest[0], 'nc', end);
  if (isParsed(addr)) return addr;
  const p = rest[1];
  if (p === undefined) return bad(msg('kacheck.cmd.missing', { cmd: 'nc', what: 'PORT' }), end);
  if (!/^\d{1,5}$/.test(p.text) || Number(p.text) < 1 || Number(p.text) > 65535) {
    return bad(msg('kacheck.cmd.badValue', { cmd: 'nc', opt: 'PORT', value: p.text }), p.offset);
  }
  const extra = rest[2];
  if (extra !== undefined) return bad(msg('kacheck.cmd.extra', { cmd: 'nc', arg: extra.text }), extra.offset);
  return { ok: true, value: { kind: 'nc', addr, port: Number(p.text), wait } };
}

function parseCurl(ws: Word[], end: number): Parsed {
  let fail = false;
  let maxTime = 0;
  let url: Word | undefined;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i] as Word;
    const t = w.text;
    if (t === '-o' || t === '--output') {
      const o = ws[++i];
      if (o === undefined) return bad(msg('kacheck.cmd.missing', { cmd: 'curl', what: t }), end);
      if (o.text !== '/dev/null') return bad(msg('kacheck.cmd.curlOutput', { value: o.text }), o.offset);
    } else if (t === '-m' || t === '--max-time') {
      const s = seconds(ws[++i], 'curl', t, end);
      if (isParsed(s)) return s;
      maxTime = s;
    } else if (t === '--fail') fail = true;
    else if (t === '--silent') continue;
    else if (/^-[sfS]+$/.test(t)) {
      if (t.includes('f')) fail = true;
    } else if (t.startsWith('-')) return bad(msg('kacheck.cmd.badOption', { cmd: 'curl', opt: t }), w.offset);
    else if (url === undefined) url = w;
    else return bad(msg('kacheck.cmd.extra', { cmd: 'curl', arg: t }), w.offset);
  }
  if (url === undefined) return bad(msg('kacheck.cmd.missing', { cmd: 'curl', what: 'URL' }), end);
  const u = parseHttpUrl(url.text);
  if (!u.ok) return bad(u.error.msg, url.offset + (u.error.offset ?? 0));
  return { ok: true, value: { kind: 'curl', url: u.value, fail, maxTime } };
}

function parsePing(ws: Word[], end: number): Parsed {
  let count = 0;
  let wait = 10 * SEC;
  let target: Word | undefined;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i] as Word;
    if (w.text === '-c') {
      const c = ws[++i];
      if (c === undefined) return bad(msg('kacheck.cmd.missing', { cmd: 'ping', what: '-c' }), end);
      if (!/^\d+$/.test(c.text) || Number(c.text) < 1 || Number(c.text) > 100) {
        return bad(msg('kacheck.cmd.badValue', { cmd: 'ping', opt: '-c', value: c.text }), c.offset);
      }
      count = Number(c.text);
    } else if (w.text === '-W') {
      const s = seconds(ws[++i], 'ping', '-W', end);
      if (isParsed(s)) return s;
      wait = s;
    } else if (w.text.startsWith('-')) return bad(msg('kacheck.cmd.badOption', { cmd: 'ping', opt: w.text }), w.offset);
    else if (target === undefined) target = w;
    else return bad(msg('kacheck.cmd.extra', { cmd: 'ping', arg: w.text }), w.offset);
  }
  if (count === 0) return bad(msg('kacheck.cmd.pingNeedsCount'), ws[0]?.offset ?? 0);
  const addr = address(target, 'ping', end);
  if (isParsed(addr)) return addr;
  return { ok: true, value: { kind: 'ping', addr, count, wait } };
}

/** Parses one command line; an error names the command and lists the modelled ones. */
export function parseModelledCommand(text: string): { ok: true; value: ModelledCommand } | { ok: false; msg: Msg; offset: number } {
  const ws = words(text);
  if (!Array.isArray(ws)) return bad(msg('kacheck.cmd.quote'), ws.offset);
  const first = ws[0];
  if (first === undefined) return bad(msg('kacheck.cmd.empty', { modelled: MODELLED_COMMANDS }), 0);
  const end = text.length;
  // keepalived execs the command itself, split on spaces, with no shell in between: `&&` or `|`
  // would reach the program as arguments. Say so, rather than blame the program's options.
  const op = ws.find((w) => SHELL_OPERATORS.has(w.text));
  if (op !== undefined) return bad(msg('kacheck.cmd.shellOperator', { op: op.text }), op.offset);
  switch (first.text) {
    case 'true':
    case '/bin/true':
    case 'false':
    case '/bin/false': {
      const extra = ws[1];
      if (extra !== undefined) return bad(msg('kacheck.cmd.extra', { cmd: first.text, arg: extra.text }), extra.offset);
      return { ok: true, value: { kind: 'exit', code: first.text.endsWith('true') ? 0 : 1 } };
    }
    case 'exit': {
      const n = ws[1];
      if (n === undefined) return { ok: true, value: { kind: 'exit', code: 0 } };
      if (!/^\d{1,3}$/.test(n.text) || Number(n.text) > 255) return bad(msg('kacheck.cmd.badValue', { cmd: 'exit', opt: 'N', value: n.text }), n.offset);
      const extra = ws[2];
      if (extra !== undefined) return bad(msg('kacheck.cmd.extra', { cmd: 'exit', arg: extra.text }), extra.offset);
      return { ok: true, value: { kind: 'exit', code: Number(n.text) } };
    }
    case 'nc':
      return parseNc(ws, end);
    case 'curl':
      return parseCurl(ws, end);
    case 'ping':
      return parsePing(ws, end);
    default:
      return bad(msg('kacheck.cmd.unknown', { cmd: first.text, modelled: MODELLED_COMMANDS }), first.offset);
  }
}

/** Runs `cmd` on `host`; `done(exitCode)` once (TIMED_OUT when `timeoutNs` > 0 ran out first). */
export function runModelledCommand(host: HostApi, cmd: ModelledCommand, timeoutNs: number, done: (exitCode: number) => void): { cancel(): void } {
  const sim = host.sim;
  let finished = false;
  let inner: ProbeHandle | undefined;
  const timers: Timer[] = [];
  const finish = (code: number): void => {
    if (finished) return;
    finished = true;
    for (const t of timers) t.cancel();
    inner?.cancel();
    done(code);
  };
  if (timeoutNs > 0) timers.push(sim.after(timeoutNs, () => finish(TIMED_OUT)));
  switch (cmd.kind) {
    case 'exit':
      timers.push(sim.after(0, () => finish(cmd.code)));
      break;
    case 'nc':
      inner = tcpConnectProbe(host, { dst: cmd.addr, port: cmd.port, connectTimeout: cmd.wait }, (r) => {
        inner = undefined;
        finish(r.ok ? 0 : 1);
      });
      break;
    case 'curl':
      inner = tcpRequestProbe(
        host,
        { dst: cmd.url.addr, port: cmd.url.port, connectTimeout: 0, request: httpRequest(cmd.url), readTimeout: 0, totalTimeout: cmd.maxTime },
        (r) => {
          inner = undefined;
          if (!r.ok) {
            finish(r.why === 'totalTimeout' ? 28 : 7);
            return;
          }
          const resp = parseHttpResponse(r.response);
          if (resp === null) finish(r.response.length === 0 ? 52 : 8);
          else finish(cmd.fail && resp.status >= 400 ? 22 : 0);
        },
      );
      break;
    case 'ping': {
      let replies = 0;
      let answered = 0;
      const probes: ProbeHandle[] = [];
      const settle = (): void => {
        if (answered === cmd.count) finish(replies > 0 ? 0 : 1);
      };
      for (let k = 0; k < cmd.count; k++) {
        timers.push(
          sim.after(k * SEC, () => {
            probes.push(
              echoProbe(host, cmd.addr, undefined, k + 1, cmd.wait, (r) => {
                answered++;
                if (r.ok) replies++;
                settle();
              }),
            );
          }),
        );
      }
      inner = { cancel: () => probes.forEach((p) => p.cancel()) };
      break;
    }
    default:
      assertNever(cmd);
  }
  return {
    cancel: () => {
      if (finished) return;
      finished = true;
      for (const t of timers) t.cancel();
      inner?.cancel();
    },
  };
}

/** The commands of MISC_CHECK and vrrp_script the lab cannot run, at the character that is wrong. */
export function commandProblems(config: KeepalivedConfig): { readonly pos: ConfPos; readonly msg: Msg }[] {
  const out: { pos: ConfPos; msg: Msg }[] = [];
  const check = (t: PosText): void => {
    const r = parseModelledCommand(t.text);
    // The position is of the text's first character (inside the quotes), the offset within the text.
    if (!r.ok) out.push({ pos: { ...t.pos, col: t.pos.col + r.offset }, msg: r.msg });
  };
  for (const s of config.vrrpScripts.values()) check(s.script);
  for (const vs of config.virtualServers) for (const rs of vs.realServers) for (const c of rs.checkers) if (c.kind === 'MISC_CHECK') check(c.path);
  return out;
}
