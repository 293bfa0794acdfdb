/**
 * keepalived's health checkers as timed state machines (keepalived check_api.c, check_tcp.c
 * tcp_epilog, check_http.c epilog/timeout_epilog, check_misc.c misc_check_child_thread,
 * check_ping.c icmp_epilog, HEAD of acassen/keepalived). Facts kept:
 *   - The first check runs BOOTSTRAP_DELAY (1 s) + a random time in [0, warmup] after start
 *     (register_checkers_thread; warmup defaults to delay_loop).
 *   - At start every checker has retry_it = retry (validate_check_config: "for non alpha mode, one
 *     failure is enough initially"), so a server that fails its very first check is DOWN at once;
 *     after a success, DOWN takes retry + 1 consecutive failures, retry_it counting the retries,
 *     each after delay_before_retry; every other check follows delay_loop later.
 *   - TCP_CHECK keeps alternating delay_before_retry / delay_loop while down (tcp_epilog counts
 *     retries whatever the state); PING_CHECK retries only while up (icmp_epilog).
 *   - HTTP_GET/SSL_GET check one url per round; a failure retries the same url after
 *     delay_before_retry, more than `retry` retries → DOWN and the url is remembered; while down
 *     it is re-tried every max(delay_before_retry, delay_loop); once it answers, every url is
 *     checked again (delay_loop apart) before UP, unless fast_recovery (then back to back).
 *   - MISC_CHECK: the next run is scheduled from the start of the previous one; exit 0 is success,
 *     with misc_dynamic 2..255 too (weight = exit − 2, applied when the exit code changes); a
 *     timeout (misc_timeout, default delay_loop) kills the command and counts as a failure.
 * SSL_GET is checked as plain HTTP over the same model (no TLS in the lab).
 */
import type { HostApi, Timer } from '../../net/types.js';
import { SEC, US } from '../../net/types.js';
import { formatIp4 } from '../../net/wire/addr.js';
import type { Msg } from '../../i18n/message.js';
import { msg } from '../../i18n/message.js';
import type { CheckerConf, HttpUrlConf } from '../conf/types.js';
import { TIMED_OUT, parseModelledCommand, runModelledCommand, type ModelledCommand } from './command.js';
import { parseHttpResponse } from './http-response.js';
import { md5Hex } from './md5.js';
import { echoProbe } from './probe-icmp.js';
import { tcpConnectProbe, tcpRequestProbe, type ProbeFailure, type ProbeHandle, type TcpProbeTarget } from './probe-tcp.js';
import { textBytes } from '../../net/apps/payload.js';
import { assertNever } from '../../assert-never.js';

/** register_checkers_thread's BOOTSTRAP_DELAY (TIMER_HZ: one second). */
export const BOOTSTRAP_DELAY = SEC;

/** What a checker needs from the LVS side (ipwrapper.c). */
export interface CheckerOwner {
  readonly host: HostApi;
  /** update_svr_checker_state: the checker's verdict changed (or was given for the first time). */
  checkerState(ch: Checker, up: boolean): void;
  /** update_svr_wgt (MISC_CHECK misc_dynamic). */
  dynamicWeight(ch: Checker, weight: number): void;
  /** Emits a check-ok / check-fail event about this checker. */
  emitCheck(ch: Checker, ok: boolean, m: Msg): void;
}

/** A running checker. `isUp`, `hasRun` are keepalived's checker->is_up / has_run. */
export class Checker {
  isUp: boolean;
  hasRun = false;
  retryIt: number;
  /** Consecutive failed attempts (for the narration). */
  failStreak = 0;
  /** HTTP: the url being checked (null after the last one) and the url that failed. */
  private urlIt: number | null = 0;
  private failedUrl: number | null = null;
  /** MISC: the command, its last exit code, when it last started. */
  private readonly command: ModelledCommand | null;
  private lastExitCode = 0;
  private lastRan = 0;
  private timer: Timer | undefined;
  private probe: ProbeHandle | undefined;
  private seq = 0;
  private stopped = false;

  constructor(
    readonly conf: CheckerConf,
    private readonly owner: CheckerOwner,
  ) {
    this.isUp = !conf.alpha;
    this.retryIt = conf.retry;
    if (conf.kind === 'MISC_CHECK') {
      const p = parseModelledCommand(conf.path.text);
      this.command = p.ok ? p.value : null;
    } else {
      this.command = null;
    }
  }

  /** `ip:port` the checker connects to. */
  get target(): string {
    return this.conf.kind === 'PING_CHECK' || this.conf.kind === 'MISC_CHECK'
      ? formatIp4(this.conf.connectIp)
      : `${formatIp4(this.conf.connectIp)}:${this.conf.connectPort}`;
  }

  /** Schedules the first check: BOOTSTRAP_DELAY + random [0, warmup] (µs resolution, as keepalived's timers). */
  start(): void {
    const warmupUs = Math.floor(this.conf.warmup / US);
    const jitter = warmupUs > 0 ? this.owner.host.sim.randomInt(0, warmupUs) * US : 0;
    this.schedule(BOOTSTRAP_DELAY + jitter);
  }

  /** Stops the checker: no more timers, the probe in flight abandoned. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.probe?.cancel();
    this.probe = undefined;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = this.owner.host.sim.after(delay, () => {
      this.timer = undefined;
      this.launch();
    });
  }

  private launch(): void {
    const c = this.conf;
    const host = this.owner.host;
    switch (c.kind) {
      case 'TCP_CHECK':
        this.probe = tcpConnectProbe(host, this.tcpTarget(), (r) => {
          this.probe = undefined;
          if (r.ok) this.tcpEpilog(true, msg('kacheck.tcp.ok', { target: this.target }));
          else this.tcpEpilog(false, this.failureMsg(r));
        });
        return;
      case 'HTTP_GET':
      case 'SSL_GET':
        this.launchHttp(c.urls, c.httpProtocol);
        return;
      case 'PING_CHECK':
        this.probe = echoProbe(host, c.connectIp, c.bindto, this.seq++, c.connectTimeout, (r) => {
          this.probe = undefined;
          if (r.ok) this.icmpEpilog(true, msg('kacheck.ping.ok', { target: this.target }));
          else
            this.icmpEpilog(
              false,
              r.why === 'timeout'
                ? msg('kacheck.ping.timeout', { target: this.target, secs: c.connectTimeout / SEC })
                : msg('kacheck.ping.unreach', { target: this.target }),
            );
        });
        return;
      case 'MISC_CHECK':
        this.launchMisc(c.timeout > 0 ? c.timeout : c.delayLoop, c.dynamic);
        return;
      default:
        assertNever(c);
    }
  }

  private tcpTarget(): TcpProbeTarget {
    const c = this.conf;
    return {
      dst: c.connectIp,
      port: c.connectPort,
      connectTimeout: c.connectTimeout,
      ...(c.bindPort === undefined ? {} : { sport: c.bindPort }),
      ...(c.bindto === undefined ? {} : { saddr: c.bindto }),
    };
  }

  private failureMsg(f: ProbeFailure): Msg {
    const p = { checker: this.conf.kind, target: this.target };
    switch (f.why) {
      case 'connectTimeout':
        return msg('kacheck.fail.connectTimeout', { ...p, secs: this.conf.connectTimeout / SEC });
      case 'refused':
        return msg('kacheck.fail.refused', p);
      case 'error':
        return msg('kacheck.fail.error', { ...p, errno: f.errno });
      case 'readTimeout':
      case 'totalTimeout':
        return msg('kacheck.fail.readTimeout', { ...p, secs: this.conf.connectTimeout / SEC });
      default:
        return assertNever(f);
    }
  }

  // ------------------------------------------------------------ TCP_CHECK (tcp_epilog)

  private tcpEpilog(success: boolean, m: Msg): void {
    this.report(success, m);
    let delay: number;
    if (success || this.retryIt >= this.conf.retry) {
      delay = this.conf.delayLoop;
      this.retryIt = 0;
      if (success && (!this.isUp || !this.hasRun)) this.owner.checkerState(this, true);
      else if (!success && (this.isUp || !this.hasRun)) this.owner.checkerState(this, false);
    } else {
      delay = this.conf.delayBeforeRetry;
      this.retryIt++;
    }
    this.hasRun = true;
    this.schedule(delay);
  }

  // ------------------------------------------------------------ PING_CHECK (icmp_epilog)

  private icmpEpilog(success: boolean, m: Msg): void {
    this.report(success, m);
    let delay = this.conf.delayLoop;
    if (success || ((this.isUp || !this.hasRun) && this.retryIt >= this.conf.retry)) {
      this.retryIt = 0;
      if (success && (!this.isUp || !this.hasRun)) this.owner.checkerState(this, true);
      else if (!success && (this.isUp || !this.hasRun)) this.owner.checkerState(this, false);
    } else if (this.isUp) {
      delay = this.conf.delayBeforeRetry;
      this.retryIt++;
    }
    this.hasRun = true;
    this.schedule(delay);
  }

  // ------------------------------------------------------------ HTTP_GET / SSL_GET

  private launchHttp(urls: readonly HttpUrlConf[], proto: '1.0' | '1.0C' | '1.1'): void {
    const c = this.conf;
    const i = this.urlIt ?? 0;
    const url = urls[i];
    if (url === undefined) {
      this.httpEpilog('new', urls.length);
      return;
    }
    // http_request_thread: the virtualhost as given, else `IP:PORT` with the port always written.
    const hostHeader = url.virtualhost ?? `${formatIp4(c.connectIp)}:${c.connectPort}`;
    const version = proto === '1.1' ? '1' : '0';
    const close = proto === '1.0' ? '' : 'Connection: close\r\n';
    const request = textBytes(`GET ${url.path} HTTP/1.${version}\r\nUser-Agent: KeepAliveClient\r\n${close}Host: ${hostHeader}\r\n\r\n`);
    const p = { checker: c.kind, target: this.target, path: url.path };
    this.probe = tcpRequestProbe(this.owner.host, { ...this.tcpTarget(), request, readTimeout: c.connectTimeout, totalTimeout: 0 }, (r) => {
      this.probe = undefined;
      if (!r.ok) {
        this.httpFailure(this.failureMsg(r), urls.length);
        return;
      }
      const resp = parseHttpResponse(r.response);
      if (resp === null) {
        this.httpFailure(msg('kacheck.http.noResponse', p), urls.length);
        return;
      }
      const ranges = url.statusCodes;
      if (!ranges.some(([lo, hi]) => resp.status >= lo && resp.status <= hi)) {
        this.httpFailure(msg('kacheck.http.status', { ...p, status: resp.status, ranges: ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(' ') }), urls.length);
        return;
      }
      if (url.digest !== undefined) {
        const got = md5Hex(resp.body);
        if (got !== url.digest.toLowerCase()) {
          this.httpFailure(msg('kacheck.http.digest', { ...p, got, want: url.digest }), urls.length);
          return;
        }
        this.report(true, msg('kacheck.http.okDigest', { ...p, status: resp.status, digest: got }));
      } else {
        this.report(true, msg('kacheck.http.ok', { ...p, status: resp.status }));
      }
      this.httpEpilog('new', urls.length);
    });
  }

  /** timeout_epilog: a retry while up (or before the first verdict), else nothing is counted. */
  private httpFailure(m: Msg, nUrls: number): void {
    this.report(false, m);
    if (this.isUp || !this.hasRun) {
      this.hasRun = true;
      this.httpEpilog('retry', nUrls);
    } else {
      this.httpEpilog('failed', nUrls);
    }
  }

  /** check_http.c epilog(): REGISTER_CHECKER_NEW / _RETRY / _FAILED. */
  private httpEpilog(method: 'new' | 'retry' | 'failed', nUrls: number): void {
    const c = this.conf;
    if (c.kind !== 'HTTP_GET' && c.kind !== 'SSL_GET') return;
    if (method === 'new') {
      const next = (this.urlIt ?? 0) + 1;
      this.urlIt = next < nUrls ? next : null;
      this.retryIt = 0;
    } else if (method === 'retry') {
      this.retryIt++;
    }
    if (method === 'new' && this.urlIt === null && this.failedUrl === null) {
      if (!this.isUp || !this.hasRun) {
        this.owner.checkerState(this, true);
        this.hasRun = true;
      }
      this.urlIt = 0;
      this.retryIt = 0;
    } else if (method === 'retry' && this.retryIt > c.retry) {
      if (this.isUp || !this.hasRun) this.owner.checkerState(this, false);
      this.failedUrl = this.urlIt ?? 0;
    } else if (method === 'new' && this.failedUrl !== null) {
      this.failedUrl = null;
      this.urlIt = 0;
      this.retryIt = 0;
    }
    let delay: number;
    if (method === 'new') {
      delay = c.delayLoop;
      if (!this.hasRun) this.retryIt = c.retry;
    } else if (this.failedUrl !== null) {
      delay = Math.max(c.delayBeforeRetry, c.delayLoop);
    } else {
      delay = c.delayBeforeRetry;
    }
    if (c.fastRecovery && (!this.hasRun || (!this.isUp && this.failedUrl === null))) delay = 0;
    this.schedule(delay);
  }

  // ------------------------------------------------------------ MISC_CHECK

  private launchMisc(timeout: number, dynamic: boolean): void {
    const c = this.conf;
    if (c.kind !== 'MISC_CHECK') return;
    const sim = this.owner.host.sim;
    this.lastRan = sim.now;
    const cmdText = c.path.text;
    const onExit = (code: number): void => {
      this.probe = undefined;
      const success = code === 0 || (dynamic && code >= 2 && code <= 255);
      if (success) {
        this.report(true, msg(code === 0 ? 'kacheck.misc.ok' : 'kacheck.misc.okDynamic', { cmd: cmdText, code, weight: code - 2 }));
        if (code !== this.lastExitCode) {
          this.owner.dynamicWeight(this, code >= 2 ? code - 2 : -1);
          this.lastExitCode = code;
        }
        if (!this.isUp || !this.hasRun) this.owner.checkerState(this, true);
        this.retryIt = 0;
      } else {
        this.report(
          false,
          code === TIMED_OUT
            ? msg('kacheck.misc.timeout', { cmd: cmdText, secs: timeout / SEC })
            : msg('kacheck.misc.exit', { cmd: cmdText, code }),
        );
        if (this.isUp || !this.hasRun) {
          if (this.retryIt < c.retry) this.retryIt++;
          else {
            this.retryIt = 0;
            if (code !== TIMED_OUT) this.lastExitCode = code;
            this.owner.checkerState(this, false);
          }
        }
      }
      const next = this.lastRan + (this.retryIt > 0 ? c.delayBeforeRetry : c.delayLoop) - sim.now;
      this.hasRun = true;
      this.schedule(Math.max(next, US));
    };
    if (this.command === null) {
      this.timer = sim.after(0, () => onExit(127));
      return;
    }
    this.probe = runModelledCommand(this.owner.host, this.command, timeout, onExit);
  }

  private report(ok: boolean, m: Msg): void {
    this.failStreak = ok ? 0 : this.failStreak + 1;
    this.owner.emitCheck(this, ok, m);
  }
}
