/**
 * The C library functions ipvsadm leans on when it reads and prints addresses and ports:
 * glibc's inet_aton (which also takes `10.1`, `0x0a000001` and octal parts), strtol-based
 * string_to_number, and getservbyname/getservbyport over /etc/services. lvslab has no resolver:
 * host names do not resolve and addresses print numerically; /etc/services is a subset of
 * Debian's netbase file (the names a lab is likely to meet).
 */
import type { Ip4 } from '../../net/wire/addr.js';

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function hexValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** glibc inet_aton: `a.b.c.d`, `a.b.c` (c 16 bits), `a.b` (b 24 bits) or `a`; parts in C notation. */
export function inetAton(text: string): Ip4 | undefined {
  const parts: number[] = [];
  let i = 0;
  let val = 0;
  for (;;) {
    const c0 = text[i];
    if (c0 === undefined || !isDigit(c0)) return undefined;
    let base = 10;
    val = 0;
    if (c0 === '0') {
      i++;
      const cx = text[i];
      if (cx === 'x' || cx === 'X') {
        base = 16;
        i++;
      } else {
        base = 8;
      }
    }
    for (;;) {
      const c = text[i];
      if (c === undefined) break;
      if (isDigit(c)) {
        if (base === 8 && (c === '8' || c === '9')) return undefined;
        val = val * base + (c.charCodeAt(0) - 48);
      } else if (base === 16 && hexValue(c) >= 0) {
        val = val * 16 + hexValue(c);
      } else {
        break;
      }
      if (val > 0xffff_ffff) return undefined;
      i++;
    }
    if (text[i] === '.') {
      if (parts.length > 2 || val > 0xff) return undefined;
      parts.push(val);
      i++;
    } else {
      break;
    }
  }
  const rest = text[i];
  if (rest !== undefined && !isSpace(rest)) return undefined;
  switch (parts.length) {
    case 0:
      return val;
    case 1:
      return val > 0xffffff ? undefined : ((parts[0] as number) * 0x100_0000 + val) >>> 0;
    case 2:
      return val > 0xffff ? undefined : ((parts[0] as number) * 0x100_0000 + (parts[1] as number) * 0x1_0000 + val) >>> 0;
    default:
      return val > 0xff
        ? undefined
        : ((parts[0] as number) * 0x100_0000 + (parts[1] as number) * 0x1_0000 + (parts[2] as number) * 0x100 + val) >>> 0;
  }
}

/** strtol(s, &end, 10) that must consume the whole string; undefined when it does not. */
export function strtolWhole(s: string): number | undefined {
  let i = 0;
  while (i < s.length && isSpace(s[i] as string)) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  const start = i;
  let v = 0;
  while (i < s.length && isDigit(s[i] as string)) {
    v = v * 10 + (s.charCodeAt(i) - 48);
    i++;
  }
  if (i === start || i !== s.length) return undefined;
  return sign * v;
}

/** ipvsadm's string_to_number: the whole string as a base-10 number in [min, max], else undefined. */
export function stringToNumber(s: string, min: number, max: number): number | undefined {
  const v = strtolWhole(s);
  return v !== undefined && v >= min && v <= max ? v : undefined;
}

/** ipvsadm's str_is_digit: every character a digit (true for the empty string, as in C). */
export function strIsDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s[i] as string)) return false;
  return true;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** inet_pton(AF_INET6, …): whether the text is an IPv6 address. */
export function isIpv6(text: string): boolean {
  if (!text.includes(':')) return false;
  let s = text;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    // A trailing dotted quad stands for the last two groups.
    if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(tail) || tail.split('.').some((p) => Number(p) > 255)) return false;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | null => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => IPV6_GROUP.test(x)) ? g : null;
  };
  const left = groups(halves[0] as string);
  if (left === null) return false;
  if (halves.length === 1) return left.length === 8;
  const right = groups(halves[1] as string);
  if (right === null) return false;
  return left.length + right.length < 8;
}

interface ServEntry {
  readonly name: string;
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
  readonly aliases?: readonly string[];
}

/** A subset of Debian's /etc/services (netbase). */
const SERVICES: readonly ServEntry[] = [
  { name: 'echo', port: 7, proto: 'tcp' },
  { name: 'echo', port: 7, proto: 'udp' },
  { name: 'ftp-data', port: 20, proto: 'tcp' },
  { name: 'ftp', port: 21, proto: 'tcp' },
  { name: 'ssh', port: 22, proto: 'tcp' },
  { name: 'telnet', port: 23, proto: 'tcp' },
  { name: 'smtp', port: 25, proto: 'tcp', aliases: ['mail'] },
  { name: 'domain', port: 53, proto: 'tcp' },
  { name: 'domain', port: 53, proto: 'udp' },
  { name: 'bootps', port: 67, proto: 'udp' },
  { name: 'bootpc', port: 68, proto: 'udp' },
  { name: 'tftp', port: 69, proto: 'udp' },
  { name: 'http', port: 80, proto: 'tcp', aliases: ['www'] },
  { name: 'pop3', port: 110, proto: 'tcp', aliases: ['pop-3'] },
  { name: 'ntp', port: 123, proto: 'udp' },
  { name: 'imap2', port: 143, proto: 'tcp', aliases: ['imap'] },
  { name: 'snmp', port: 161, proto: 'tcp' },
  { name: 'snmp', port: 161, proto: 'udp' },
  { name: 'ldap', port: 389, proto: 'tcp' },
  { name: 'ldap', port: 389, proto: 'udp' },
  { name: 'https', port: 443, proto: 'tcp' },
  { name: 'submission', port: 587, proto: 'tcp' },
  { name: 'ldaps', port: 636, proto: 'tcp' },
  { name: 'imaps', port: 993, proto: 'tcp' },
  { name: 'pop3s', port: 995, proto: 'tcp' },
  { name: 'mysql', port: 3306, proto: 'tcp' },
  { name: 'postgresql', port: 5432, proto: 'tcp', aliases: ['postgres'] },
  { name: 'http-alt', port: 8080, proto: 'tcp', aliases: ['webcache'] },
];

function protoName(protocol: number): 'tcp' | 'udp' | undefined {
  return protocol === 6 ? 'tcp' : protocol === 17 ? 'udp' : undefined;
}

/** getservbyname(name, proto): the port of a service name, for TCP or UDP. */
export function serviceToPort(name: string, protocol: number): number | undefined {
  const proto = protoName(protocol);
  if (proto === undefined) return undefined;
  for (const s of SERVICES) {
    if (s.proto === proto && (s.name === name || (s.aliases?.includes(name) ?? false))) return s.port;
  }
  return undefined;
}

/** getservbyport(port, proto): the service name of a port, for TCP or UDP. */
export function portToService(port: number, protocol: number): string | undefined {
  const proto = protoName(protocol);
  if (proto === undefined) return undefined;
  for (const s of SERVICES) if (s.proto === proto && s.port === port) return s.name;
  return undefined;
}
