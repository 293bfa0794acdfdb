/**
 * Typed values of keepalived.conf arguments: integers with ranges, time values in seconds that may
 * be decimal (`advert_int 0.5`) turned into integer nanoseconds, IPv4 addresses (IPv6 is reported:
 * the lab is IPv4 only), ports. Each reader reports a precise error at the argument and returns
 * undefined; it never throws.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { parseIp4 } from '../../net/wire/addr.js';
import { SEC } from '../../net/types.js';
import type { Token } from './lexer.js';
import type { Stmt } from './tree.js';
import { Diags, posOf } from './diag.js';

const INT_RE = /^[+-]?\d+$/;
const TIME_RE = /^\d+(\.\d+)?$/;

/** The i-th argument, or an error "needs a value" at the keyword. */
export function arg(d: Diags, s: Stmt, i: number): Token | undefined {
  const t = s.args[i];
  if (t === undefined) d.error(posOf(s), 'kaconf.arg.missing', { keyword: s.kw.text });
  return t;
}

/** An integer in [min, max] (any number of digits: a long one is simply out of range). */
export function intArg(d: Diags, s: Stmt, t: Token | undefined, min: number, max: number): number | undefined {
  if (t === undefined) return undefined;
  if (!INT_RE.test(t.text)) {
    d.error(posOf(s, t), 'kaconf.arg.notInt', { keyword: s.kw.text, value: t.text });
    return undefined;
  }
  const v = Number(t.text);
  if (v < min || v > max) {
    d.error(posOf(s, t), 'kaconf.arg.range', { keyword: s.kw.text, value: t.text, min, max });
    return undefined;
  }
  return v;
}

/** Seconds (possibly decimal) as integer nanoseconds, in [minNs, maxNs]. */
export function timeArg(d: Diags, s: Stmt, t: Token | undefined, minNs: number, maxNs: number): number | undefined {
  if (t === undefined) return undefined;
  if (!TIME_RE.test(t.text) || t.text.length > 20) {
    d.error(posOf(s, t), 'kaconf.arg.notTime', { keyword: s.kw.text, value: t.text });
    return undefined;
  }
  const dot = t.text.indexOf('.');
  const whole = Number(dot < 0 ? t.text : t.text.slice(0, dot));
  const frac = dot < 0 ? 0 : Number((t.text.slice(dot + 1) + '000000000').slice(0, 9));
  const ns = whole * SEC + frac;
  if (!Number.isSafeInteger(ns) || ns < minNs || ns > maxNs) {
    d.error(posOf(s, t), 'kaconf.arg.timeRange', { keyword: s.kw.text, value: t.text, min: minNs / SEC, max: maxNs / SEC });
    return undefined;
  }
  return ns;
}

/** An IPv4 address; IPv6 gets its own error. */
export function ipArg(d: Diags, s: Stmt, t: Token | undefined): Ip4 | undefined {
  if (t === undefined) return undefined;
  const v = parseIp4(t.text);
  if (v !== undefined) return v;
  if (t.text.includes(':')) d.error(posOf(s, t), 'kaconf.ipv6', { keyword: s.kw.text, value: t.text });
  else d.error(posOf(s, t), 'kaconf.arg.notIp', { keyword: s.kw.text, value: t.text });
  return undefined;
}

/** A port 0..65535. */
export function portArg(d: Diags, s: Stmt, t: Token | undefined): number | undefined {
  return intArg(d, s, t, 0, 65535);
}

/** keepalived's boolean argument (check_true_false, case-sensitive): none = true; true/on/yes, false/off/no. */
export function boolArg(d: Diags, s: Stmt, t: Token | undefined): boolean | undefined {
  if (t === undefined) return true;
  const v = t.text;
  if (v === 'true' || v === 'on' || v === 'yes') return true;
  if (v === 'false' || v === 'off' || v === 'no') return false;
  d.error(posOf(s, t), 'kaconf.arg.notBool', { keyword: s.kw.text, value: t.text });
  return undefined;
}
