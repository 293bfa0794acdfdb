/**
 * VRRP timer arithmetic as keepalived computes it (keepalived/include/vrrp.h VRRP_TIMER_SKEW_CALC,
 * VRRP_MS_DOWN_TIMER): Skew_Time = (256 − prio)/256 s for v2 (RFC 3768 §6.1, independent of the
 * advert interval) and (256 − prio) × Master_Adver_Interval/256 for v3 (RFC 5798 §6.1), each
 * truncated to whole microseconds the way keepalived's integer timers do (TIMER_HZ = 10^6; v3 uses
 * the interval in whole centiseconds × 625/16). Master_Down_Interval = down_timer_adverts (default
 * 3) × Master_Adver_Interval + Skew_Time. The priority is the EFFECTIVE one (the owner always 255).
 */
import { US } from '../../net/types.js';

/** keepalived's TIMER_HZ ticks per second (microseconds). */
const TIMER_HZ = 1_000_000;
/** keepalived's TIMER_CENTI_HZ: microseconds per centisecond. */
const TIMER_CENTI_HZ = 10_000;

/** Skew_Time in integer microseconds (VRRP_TIMER_SKEW). `masterAdverIntUs` only matters for v3. */
export function skewUs(version: 2 | 3, priority: number, masterAdverIntUs: number): number {
  const p = 256 - priority;
  if (version === 2) return Math.floor((p * TIMER_HZ) / 256);
  return Math.floor((p * Math.floor(masterAdverIntUs / TIMER_CENTI_HZ) * 625) / 16);
}

/** Master_Down_Interval in integer microseconds (VRRP_MS_DOWN_TIMER). */
export function masterDownUs(version: 2 | 3, priority: number, masterAdverIntUs: number, downTimerAdverts: number): number {
  return downTimerAdverts * masterAdverIntUs + skewUs(version, priority, masterAdverIntUs);
}

/** Skew_Time in virtual ns. */
export function skewNs(version: 2 | 3, priority: number, masterAdverIntNs: number): number {
  return skewUs(version, priority, nsToUs(masterAdverIntNs)) * US;
}

/** Master_Down_Interval in virtual ns. */
export function masterDownNs(version: 2 | 3, priority: number, masterAdverIntNs: number, downTimerAdverts: number): number {
  return masterDownUs(version, priority, nsToUs(masterAdverIntNs), downTimerAdverts) * US;
}

/** A configured time (ns) as keepalived's microsecond timer holds it. */
export function nsToUs(ns: number): number {
  return Math.floor(ns / US);
}

/** The v2 wire Adver Int: whole seconds (`adver_int / TIMER_HZ`). */
export function v2WireInterval(advertIntNs: number): number {
  return Math.floor(nsToUs(advertIntNs) / TIMER_HZ);
}

/** The v3 wire Max Adver Int: centiseconds, 12 bits (`adver_int / TIMER_CENTI_HZ & 0xFFF`). */
export function v3WireInterval(advertIntNs: number): number {
  return Math.floor(nsToUs(advertIntNs) / TIMER_CENTI_HZ) & 0x0fff;
}

/** A v3 advert's Max Adver Int (centiseconds) as a master_adver_int in ns. */
export function v3IntervalNs(centis: number): number {
  return centis * TIMER_CENTI_HZ * US;
}

/** Seconds for a message: `3.609375`, `1`, `0.5` (no trailing zeros, µs resolution). */
export function formatSeconds(ns: number): string {
  const us = Math.round(ns / US);
  const whole = Math.floor(us / TIMER_HZ);
  const frac = us % TIMER_HZ;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}
