/**
 * The sysctls the lab models, named as sysctl(8) names them (dots) and as /proc/sys files
 * (slashes): `net.ipv4.ip_forward`, the per-interface `net.ipv4.conf.{all,default,DEV}.*` of
 * Documentation/networking/ip-sysctl.rst, and IPVS's `net.ipv4.vs.*` of ipvs-sysctl.rst. Each takes
 * one integer (proc_dointvec), so the kernel accepts any integer; the lab refuses other text as
 * the kernel does (EINVAL). A key outside this list is refused with the nearest modelled one.
 */
import { msg, type Msg } from '../../i18n/message.js';
import { nearest } from '../../did-you-mean.js';
import { CONF_SYSCTL_NAMES, GLOBAL_SYSCTL_KEYS } from '../../net/sysctl.js';

/** net.ipv4.X: the host's own list (src/net/sysctl.ts), so the loader accepts exactly what a host has. */
export const IPV4_SYSCTLS: readonly string[] = GLOBAL_SYSCTL_KEYS.filter((k) => k.split('.').length === 3).map((k) => k.slice('net.ipv4.'.length));

/** net.ipv4.conf.DEV.X (the combining rule of each is in the ARP reference, §1.1). */
export const CONF_SYSCTLS: readonly string[] = CONF_SYSCTL_NAMES;

/** net.ipv4.vs.X (IPVS sysctls). */
export const VS_SYSCTLS: readonly string[] = GLOBAL_SYSCTL_KEYS.filter((k) => k.startsWith('net.ipv4.vs.')).map((k) => k.slice('net.ipv4.vs.'.length));

/** A modelled sysctl key: its dotted name, and the device of a `conf.DEV.*` key. */
export interface SysctlKey {
  readonly key: string;
  /** The DEV of net.ipv4.conf.DEV.X when DEV is an interface (not `all` or `default`). */
  readonly dev?: string;
}

/** Every modelled key, with `conf.DEV` spelt for the given device (for suggestions and `sysctl -a`). */
export function modelledSysctls(dev = 'all'): string[] {
  return [
    ...IPV4_SYSCTLS.map((k) => `net.ipv4.${k}`),
    ...CONF_SYSCTLS.map((k) => `net.ipv4.conf.${dev}.${k}`),
    ...VS_SYSCTLS.map((k) => `net.ipv4.vs.${k}`),
  ];
}

/**
 * Checks a sysctl name given with dots (`net.ipv4.conf.all.arp_ignore`) or slashes
 * (`net/ipv4/conf/all/arp_ignore`); returns it in dotted form, or a message naming the nearest
 * modelled key. `display` is how the key is shown in that message (a /proc path for `echo`).
 */
export function checkSysctlKey(name: string, display: string = name): { ok: true; value: SysctlKey } | { ok: false; msg: Msg } {
  const parts = name.includes('/') ? name.split('/') : name.split('.');
  const dotted = parts.join('.');
  if (parts[0] === 'net' && parts[1] === 'ipv4') {
    if (parts.length === 3 && IPV4_SYSCTLS.includes(parts[2] as string)) return { ok: true, value: { key: dotted } };
    if (parts.length === 4 && parts[2] === 'vs' && VS_SYSCTLS.includes(parts[3] as string)) return { ok: true, value: { key: dotted } };
    if (parts.length === 5 && parts[2] === 'conf' && CONF_SYSCTLS.includes(parts[4] as string)) {
      const dev = parts[3] as string;
      if (dev.length > 0) return { ok: true, value: dev === 'all' || dev === 'default' ? { key: dotted } : { key: dotted, dev } };
    }
  }
  const dev = parts.length === 5 && parts[2] === 'conf' && (parts[3] as string).length > 0 ? (parts[3] as string) : 'all';
  const guess = nearest(dotted, modelledSysctls(dev));
  const shown = guess === undefined ? undefined : name.includes('/') ? guess.split('.').join('/') : guess;
  const shownFull = shown !== undefined && display !== name ? display.slice(0, display.length - name.length) + shown : shown;
  return {
    ok: false,
    msg: shownFull === undefined ? msg('scenario.sysctl.unknown', { key: display }) : msg('scenario.sysctl.unknownDidYouMean', { key: display, suggestion: shownFull }),
  };
}

/** An integer as proc_dointvec reads it (surrounding blanks and one trailing newline allowed). */
export function readSysctlValue(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d{1,10}$/.test(t)) return undefined;
  const v = Number(t);
  return v >= -2147483648 && v <= 2147483647 ? v : undefined;
}
