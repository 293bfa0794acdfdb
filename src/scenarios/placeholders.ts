/**
 * `{{…}}` placeholders in a scenario's checkpoint texts (`frames`, `contains`, `matches`,
 * `equals`, `title`, `say` and the quiz), so a trainer writes names where the lab picks numbers:
 *
 * - `{{H.I.mac}}`: the MAC of interface I of host H (its `mac:`, else the one the lab assigned);
 * - `{{H.I.ip}}`: the first address the scenario gives I (its `interfaces:` entry first, then
 *   `setup` commands in order; the implicit 127.0.0.1 of lo does not count), without the prefix;
 * - `{{H.vip}}`: the first /32 address the scenario configures on H, in the same order: the VIP
 *   of a director (`ip: [DIP/24, VIP/32]`) or of a real server (`ifconfig lo:0 VIP netmask
 *   255.255.255.255`).
 *
 * Addresses are known from the scenario alone; MACs need the built lab, hence the resolver
 * callback. Commands (`setup`, `run`, `ipvsadm`) take no placeholders: students type addresses.
 */
import { msg, type Msg } from '../i18n/message.js';
import { assertNever } from '../assert-never.js';
import { formatIp4, formatMac, type Ip4, type Mac } from '../net/wire/addr.js';
import type { HostSpec, IfaceAddr, Scenario } from './schema.js';

/** A placeholder found in a text: its path (`['rs1', 'eth0', 'mac']`) and its span, braces included. */
export interface Placeholder {
  readonly path: readonly string[];
  readonly offset: number;
  readonly end: number;
  readonly text: string;
}

/** A malformed placeholder. */
export interface PlaceholderProblem {
  readonly offset: number;
  readonly length: number;
  readonly msg: Msg;
}

const SEGMENT = /^[A-Za-z0-9_:-]+$/;

/** Every `{{…}}` in `text`, and the malformed ones (unclosed, empty, bad characters). */
export function findPlaceholders(text: string): { placeholders: Placeholder[]; errors: PlaceholderProblem[] } {
  const placeholders: Placeholder[] = [];
  const errors: PlaceholderProblem[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      errors.push({ offset: open, length: 2, msg: msg('scenario.placeholder.unclosed') });
      from = open + 2;
      continue;
    }
    const inner = text.slice(open + 2, close).trim();
    const path = inner.split('.');
    const whole = text.slice(open, close + 2);
    if (inner.length === 0 || !path.every((s) => SEGMENT.test(s))) errors.push({ offset: open, length: whole.length, msg: msg('scenario.placeholder.malformed', { text: whole }) });
    else placeholders.push({ path, offset: open, end: close + 2, text: whole });
    from = close + 2;
  }
  return { placeholders, errors };
}

/** What a placeholder names. */
export type PlaceholderRef =
  | { readonly kind: 'mac' | 'ip'; readonly host: string; readonly iface: string }
  | { readonly kind: 'vip'; readonly host: string };

/** The meaning of a placeholder path, or undefined when it has none of the three forms. */
export function placeholderRef(path: readonly string[]): PlaceholderRef | undefined {
  const [host, a, b] = path;
  if (path.length === 2 && host !== undefined && a === 'vip') return { kind: 'vip', host };
  if (path.length === 3 && host !== undefined && a !== undefined && (b === 'mac' || b === 'ip')) return { kind: b, host, iface: a };
  return undefined;
}

/** Gives the text of a placeholder path, or undefined when it cannot. */
export type PlaceholderResolver = (path: readonly string[]) => string | undefined;

/** `text` with every placeholder replaced, or the first one that could not be resolved. */
export function resolvePlaceholders(
  text: string,
  resolver: PlaceholderResolver,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly placeholder?: Placeholder; readonly msg: Msg; readonly offset: number } {
  const found = findPlaceholders(text);
  const problem = found.errors[0];
  if (problem !== undefined) return { ok: false, msg: problem.msg, offset: problem.offset };
  let out = '';
  let last = 0;
  for (const p of found.placeholders) {
    const value = resolver(p.path);
    if (value === undefined) return { ok: false, placeholder: p, msg: msg('scenario.placeholder.unresolved', { text: p.text }), offset: p.offset };
    out += text.slice(last, p.offset) + value;
    last = p.end;
  }
  return { ok: true, text: out + text.slice(last) };
}

/**
 * The addresses the scenario gives each interface of a host, in configuration order: the
 * `interfaces:` entries, then `ifconfig`/`ip addr add` in `setup`. An address set through an
 * alias (`lo:0`) is listed under the device (`lo`) and under the alias name.
 */
export function configuredAddresses(host: HostSpec): Map<string, IfaceAddr[]> {
  const out = new Map<string, IfaceAddr[]>();
  const add = (name: string, a: IfaceAddr): void => {
    const list = out.get(name);
    if (list === undefined) out.set(name, [a]);
    else list.push(a);
  };
  for (const [name, iface] of Object.entries(host.interfaces)) for (const a of iface.ip) add(name, a);
  for (const entry of host.setup?.commands ?? []) {
    const c = entry.command;
    if (c.kind === 'ifconfig' && c.op === 'set' && c.addr !== undefined && c.prefixLen !== undefined) {
      add(c.dev, { addr: c.addr, prefixLen: c.prefixLen });
      if (c.ifname !== c.dev) add(c.ifname, { addr: c.addr, prefixLen: c.prefixLen });
    } else if (c.kind === 'ip.addr' && c.op === 'add') {
      const a = { addr: c.addr, prefixLen: c.prefixLen ?? 32 };
      add(c.dev, a);
      if (c.label !== undefined && c.label !== c.dev) add(c.label, a);
    }
  }
  return out;
}

/** The first /32 address the scenario configures on a host (see the file comment). */
export function hostVip(host: HostSpec): Ip4 | undefined {
  for (const iface of Object.values(host.interfaces)) {
    const a = iface.ip.find((x) => x.prefixLen === 32);
    if (a !== undefined) return a.addr;
  }
  for (const entry of host.setup?.commands ?? []) {
    const c = entry.command;
    if (c.kind === 'ifconfig' && c.op === 'set' && c.addr !== undefined && c.prefixLen === 32) return c.addr;
    if (c.kind === 'ip.addr' && c.op === 'add' && c.prefixLen === 32) return c.addr;
  }
  return undefined;
}

/**
 * The resolver for a scenario: addresses from the scenario itself, MACs from the interface's
 * `mac:` or else `macOf` (the built lab's assignment).
 */
export function scenarioResolver(scenario: Scenario, macOf: (host: string, iface: string) => Mac | undefined): PlaceholderResolver {
  const addrCache = new Map<string, Map<string, IfaceAddr[]>>();
  return (path) => {
    const ref = placeholderRef(path);
    if (ref === undefined) return undefined;
    const host = Object.hasOwn(scenario.hosts, ref.host) ? scenario.hosts[ref.host] : undefined;
    if (host === undefined) return undefined;
    switch (ref.kind) {
      case 'vip': {
        const v = hostVip(host);
        return v === undefined ? undefined : formatIp4(v);
      }
      case 'ip': {
        let addrs = addrCache.get(ref.host);
        if (addrs === undefined) {
          addrs = configuredAddresses(host);
          addrCache.set(ref.host, addrs);
        }
        const first = addrs.get(ref.iface)?.[0];
        return first === undefined ? undefined : formatIp4(first.addr);
      }
      case 'mac': {
        const declared = Object.hasOwn(host.interfaces, ref.iface) ? host.interfaces[ref.iface]?.mac : undefined;
        const m = declared ?? macOf(ref.host, ref.iface);
        return m === undefined ? undefined : formatMac(m);
      }
      default:
        return assertNever(ref);
    }
  };
}
