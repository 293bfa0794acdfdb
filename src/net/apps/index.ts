/**
 * The app factories the scenario builder calls: `startApp` for a host's `apps` entries (servers
 * that listen from time 0) and `startTraffic` for `traffic` entries (clients that start at `at`).
 * Apps emit `app` trace events; their handles summarize what a checker counts.
 */
import type { HostApi } from '../types.js';
import { assertNever } from '../../assert-never.js';
import { msg } from '../../i18n/message.js';
import type { AppHandle, AppResult, AppSpec, TrafficHandle, TrafficSpec } from './spec.js';
import { startHttpServer } from './http-server.js';
import { startTcpServer } from './tcp-server.js';
import { startHttpClient } from './http-client.js';
import { startTcpClient } from './tcp-client.js';
import { startPing } from './ping.js';
import { startConns } from './conns.js';

export type * from './spec.js';
export { parseHttpUrl, parseIpPort } from './url.js';
export type { HttpUrl } from './url.js';
export { httpResponse, HTTP_DEFAULT_SIZE } from './http-server.js';
export { httpRequest } from './http-client.js';
export { tcpClientPayload } from './tcp-client.js';
export { connsTotal } from './conns.js';
export { icmpListeners, pingRcv, pingErr, formatRtt, echoData, PING_DATA_LEN, PING_LINGER } from './ping.js';
export type { IcmpListeners, EchoReplyListener, EchoErrorListener } from './ping.js';
export { planReplay, startReplay, shiftSegment, REPLAY_STALL_WAIT } from './replay.js';
export type { ReplayOptions, ReplayPlan, ReplayPacket, CapturedFlow, ReplayError, ReplayPlanResult, ReplayHandle, ReplaySummary } from './replay.js';

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function isCount(n: number | undefined): boolean {
  return n === undefined || (Number.isInteger(n) && n >= 0);
}

/** Starts a server app on `host` (listening at once). */
export function startApp(host: HostApi, spec: AppSpec): AppResult<AppHandle> {
  if (!isPort(spec.port)) return { ok: false, error: { msg: msg('app.port.invalid', { port: spec.port }) } };
  switch (spec.kind) {
    case 'http-server':
      if (!isCount(spec.size)) return { ok: false, error: { msg: msg('app.size.invalid', { size: spec.size ?? 0 }) } };
      return startHttpServer(host, spec);
    case 'tcp-server':
      if (!isCount(spec.reply)) return { ok: false, error: { msg: msg('app.size.invalid', { size: spec.reply ?? 0 }) } };
      return startTcpServer(host, spec);
    default:
      return assertNever(spec);
  }
}

/** Starts a traffic source on `host`; its first action happens at `atNs` (absolute virtual ns). */
export function startTraffic(host: HostApi, spec: TrafficSpec, atNs: number): AppResult<TrafficHandle> {
  switch (spec.kind) {
    case 'http':
    case 'ping': {
      if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1)) {
        return { ok: false, error: { msg: msg('app.count.invalid', { count: spec.count }) } };
      }
      if (spec.every !== undefined && !(Number.isInteger(spec.every) && spec.every >= 0)) {
        return { ok: false, error: { msg: msg('app.every.invalid', { every: spec.every }) } };
      }
      return spec.kind === 'http' ? startHttpClient(host, spec, atNs) : startPing(host, spec, atNs);
    }
    case 'tcp':
      if (!isPort(spec.port)) return { ok: false, error: { msg: msg('app.port.invalid', { port: spec.port }) } };
      if (!isCount(spec.send)) return { ok: false, error: { msg: msg('app.size.invalid', { size: spec.send ?? 0 }) } };
      if (!isCount(spec.receive)) return { ok: false, error: { msg: msg('app.size.invalid', { size: spec.receive ?? 0 }) } };
      return startTcpClient(host, spec, atNs);
    case 'conns':
      return startConns(host, spec, atNs);
    default:
      return assertNever(spec);
  }
}
