/**
 * Durations and rates as trainers write them: `250us`, `15ms`, `2s`, `1.5s` (also `ns`, and `µs`
 * for `us`), always with a unit; and rates `2000/s`, `5/ms`, `10/100ms`. Virtual time is integer
 * nanoseconds, so a duration finer than 1 ns is refused. Minutes are not a unit: `m` would read as
 * milli to some and minutes to others, so `1m` is refused with a hint (write `60s` or `1ms`).
 */
import { msg } from '../i18n/message.js';
import { render } from '../i18n/index.js';
import type { ValueResult } from './commands/values.js';

/** Decimal exponent of each unit in nanoseconds. */
const UNIT_EXP: Readonly<Record<string, number>> = { ns: 0, us: 3, 'µs': 3, ms: 6, s: 9 };

/** The text pattern of a duration (published in the JSON Schema). */
export const DURATION_PATTERN = '^\\d+(\\.\\d+)?(ns|us|µs|ms|s)$';

/** The text pattern of a rate (published in the JSON Schema). */
export const RATE_PATTERN = '^\\d+/(\\d+(\\.\\d+)?)?(ns|us|µs|ms|s)$';

const DURATION_RE = /^(\d+)(?:\.(\d+))?(ns|us|µs|ms|s)$/;

/** A duration in integer nanoseconds, or the message saying what was expected. */
export function readDuration(text: string): ValueResult<number> {
  const m = DURATION_RE.exec(text);
  if (m === null) {
    if (/^\d+(\.\d+)?\s*(m|min|mins|minutes?)$/.test(text)) return { ok: false, msg: msg('scenario.duration.minutes', { text }) };
    if (/^\d+(\.\d+)?$/.test(text)) return { ok: false, msg: msg('scenario.duration.noUnit', { text }) };
    return { ok: false, msg: msg('scenario.duration.bad', { text }) };
  }
  const exp = UNIT_EXP[m[3] as string] as number;
  const frac = m[2] ?? '';
  if (frac.length > exp) return { ok: false, msg: msg('scenario.duration.tooFine', { text }) };
  const ns = Number(m[1]) * 10 ** exp + (frac.length > 0 ? Number(frac.padEnd(exp, '0')) : 0);
  if (!Number.isSafeInteger(ns)) return { ok: false, msg: msg('scenario.duration.tooLong', { text }) };
  return { ok: true, value: ns };
}

/** A duration in nanoseconds, or the English text of what is wrong (for the command line's `--until`). */
export function parseDuration(text: string): { readonly ok: true; readonly ns: number } | { readonly ok: false; readonly error: string } {
  const r = readDuration(text);
  return r.ok ? { ok: true, ns: r.value } : { ok: false, error: render(r.msg) };
}

/** The shortest exact text of a duration: 1500000 → `1500us`, 2000000000 → `2s`. */
export function formatDuration(ns: number): string {
  if (ns !== 0) {
    if (ns % 1_000_000_000 === 0) return `${ns / 1_000_000_000}s`;
    if (ns % 1_000_000 === 0) return `${ns / 1_000_000}ms`;
    if (ns % 1_000 === 0) return `${ns / 1_000}us`;
  }
  return `${ns}ns`;
}

/**
 * A rate: `count` events every `period` ns. Kept as a fraction so that event k can be placed at
 * exactly floor(k * period / count) without accumulating rounding.
 */
export interface Rate {
  readonly count: number;
  readonly period: number;
}

/** `N/UNIT` (`2000/s`) or `N/DURATION` (`10/100ms`). */
export function readRate(text: string): ValueResult<Rate> {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, msg: msg('scenario.rate.bad', { text }) };
  const countText = text.slice(0, slash);
  const per = text.slice(slash + 1);
  if (!/^\d{1,9}$/.test(countText) || Number(countText) === 0) return { ok: false, msg: msg('scenario.rate.bad', { text }) };
  const period = readDuration(/^\d/.test(per) ? per : `1${per}`);
  if (!period.ok || period.value === 0) return { ok: false, msg: msg('scenario.rate.bad', { text }) };
  return { ok: true, value: { count: Number(countText), period: period.value } };
}
