/**
 * IPVS statistics and the rate estimator (struct ip_vs_stats; ip_vs_est.c, ip_vs_ctl.c).
 * Live counters grow with every packet; the estimator copies them into `kstats` once every 2 s and
 * updates the rate averages; `-Z` records `kstats0`. ipvsadm shows kstats − kstats0, so what it
 * prints lags the packets by up to 2 s (§9.2). The estimator here runs lazily: before every update
 * or read at time t, the 2-s ticks up to t that have not run are applied in order, which gives the
 * kernel's numbers without a timer that would keep the event queue busy forever.
 * Simplified: ticks fall at `epoch + 2k s` (the kernel's phase depends on its kthread slots), and
 * `run_estimation=0` is not modelled.
 */
import { SEC } from '../net/types.js';

/** The estimator period (2 s). */
export const IPVS_EST_PERIOD = 2 * SEC;

/** The five counters (struct ip_vs_kstats). */
export interface StatsCounters {
  conns: number;
  inpkts: number;
  outpkts: number;
  inbytes: number;
  outbytes: number;
}

/** What ipvsadm reads (struct ip_vs_stats64 after ip_vs_copy_stats): counters and rates. */
export interface ShownStats {
  readonly conns: number;
  readonly inpkts: number;
  readonly outpkts: number;
  readonly inbytes: number;
  readonly outbytes: number;
  readonly cps: number;
  readonly inpps: number;
  readonly outpps: number;
  readonly inbps: number;
  readonly outbps: number;
}

/** All-zero shown statistics. */
export const ZERO_STATS: ShownStats = {
  conns: 0,
  inpkts: 0,
  outpkts: 0,
  inbytes: 0,
  outbytes: 0,
  cps: 0,
  inpps: 0,
  outpps: 0,
  inbps: 0,
  outbps: 0,
};

function zeroCounters(): StatsCounters {
  return { conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 };
}

function copyCounters(to: StatsCounters, from: StatsCounters): void {
  to.conns = from.conns;
  to.inpkts = from.inpkts;
  to.outpkts = from.outpkts;
  to.inbytes = from.inbytes;
  to.outbytes = from.outbytes;
}

/** `avg += (rate − avg) >> 2` with the kernel's arithmetic (floor) shift. */
function ewma(avg: number, rate: number): number {
  return avg + Math.floor((rate - avg) / 4);
}

/** One stats object (a service's, a dest's, or the totals). */
export class IpvsStats {
  /** The per-CPU counters, summed. */
  readonly live: StatsCounters = zeroCounters();
  /** The estimator's last copy of `live`. */
  readonly kstats: StatsCounters = zeroCounters();
  /** The zero point set by `-Z`. */
  readonly kstats0: StatsCounters = zeroCounters();
  /** The estimator's previous reading (est->last_*). */
  private readonly last: StatsCounters = zeroCounters();
  /** Rate averages, scaled as in the kernel: ×2^10 for cps/pps, ×2^5 for bps. */
  private cps = 0;
  private inpps = 0;
  private outpps = 0;
  private inbps = 0;
  private outbps = 0;
  private readonly epoch: number;
  private nextTick: number;
  private stopped = false;

  /** `epoch` fixes the tick phase (ticks at epoch + 2k s); `now` is the creation time. */
  constructor(epoch: number, now: number) {
    this.epoch = epoch;
    this.nextTick = this.firstTickAfter(now);
  }

  private firstTickAfter(now: number): number {
    const k = Math.floor((now - this.epoch) / IPVS_EST_PERIOD) + 1;
    return this.epoch + k * IPVS_EST_PERIOD;
  }

  /** Runs the estimator ticks due at or before `now` (each sees the updates made before it). */
  catchUp(now: number): void {
    while (this.nextTick <= now) {
      if (this.stopped) {
        this.nextTick = this.firstTickAfter(now);
        return;
      }
      this.tick();
      this.nextTick += IPVS_EST_PERIOD;
      if (this.quiescent()) {
        this.nextTick = this.firstTickAfter(now);
        return;
      }
    }
  }

  /** Nothing would change at the next tick: no new counts and every average is 0. */
  private quiescent(): boolean {
    const l = this.live;
    const k = this.kstats;
    return (
      l.conns === k.conns &&
      l.inpkts === k.inpkts &&
      l.outpkts === k.outpkts &&
      l.inbytes === k.inbytes &&
      l.outbytes === k.outbytes &&
      this.cps === 0 &&
      this.inpps === 0 &&
      this.outpps === 0 &&
      this.inbps === 0 &&
      this.outbps === 0
    );
  }

  /** ip_vs_chain_estimation for this object: refresh kstats, update the averages. */
  private tick(): void {
    copyCounters(this.kstats, this.live);
    const k = this.kstats;
    const l = this.last;
    this.cps = ewma(this.cps, (k.conns - l.conns) * 512);
    this.inpps = ewma(this.inpps, (k.inpkts - l.inpkts) * 512);
    this.outpps = ewma(this.outpps, (k.outpkts - l.outpkts) * 512);
    this.inbps = ewma(this.inbps, (k.inbytes - l.inbytes) * 16);
    this.outbps = ewma(this.outbps, (k.outbytes - l.outbytes) * 16);
    copyCounters(l, k);
  }

  /** ip_vs_conn_stats: one more connection. */
  addConn(now: number): void {
    this.catchUp(now);
    this.live.conns++;
  }

  /** ip_vs_in_stats: one more packet of `bytes` (the IP length) from the client side. */
  addIn(now: number, bytes: number): void {
    this.catchUp(now);
    this.live.inpkts++;
    this.live.inbytes += bytes;
  }

  /** ip_vs_out_stats: one more packet from the real-server side. */
  addOut(now: number, bytes: number): void {
    this.catchUp(now);
    this.live.outpkts++;
    this.live.outbytes += bytes;
  }

  /** ip_vs_zero_stats: the current kstats become the zero point, rates restart from 0. */
  zero(now: number): void {
    this.catchUp(now);
    copyCounters(this.kstats0, this.kstats);
    copyCounters(this.last, this.kstats);
    this.cps = 0;
    this.inpps = 0;
    this.outpps = 0;
    this.inbps = 0;
    this.outbps = 0;
  }

  /** ip_vs_stop_estimator / ip_vs_start_estimator (a dest in the trash has no estimator). */
  setRunning(running: boolean, now: number): void {
    this.catchUp(now);
    this.stopped = !running;
    if (running) this.nextTick = this.firstTickAfter(now);
  }

  /** What ipvsadm would read at `now` (ip_vs_copy_stats + ip_vs_read_estimator). */
  read(now: number): ShownStats {
    this.catchUp(now);
    const k = this.kstats;
    const z = this.kstats0;
    return {
      conns: k.conns - z.conns,
      inpkts: k.inpkts - z.inpkts,
      outpkts: k.outpkts - z.outpkts,
      inbytes: k.inbytes - z.inbytes,
      outbytes: k.outbytes - z.outbytes,
      cps: Math.floor((this.cps + 0x1ff) / 1024),
      inpps: Math.floor((this.inpps + 0x1ff) / 1024),
      outpps: Math.floor((this.outpps + 0x1ff) / 1024),
      inbps: Math.floor((this.inbps + 0xf) / 32),
      outbps: Math.floor((this.outbps + 0xf) / 32),
    };
  }
}
