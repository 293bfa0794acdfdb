/**
 * The apps and traffic sources of the scenario format (Host `apps`, `traffic`) as plain typed
 * values: the scenario loader maps YAML onto these, `startApp` / `startTraffic` run them.
 * Durations are virtual ns.
 */
import type { Ip4 } from '../wire/addr.js';
import type { Msg } from '../../i18n/message.js';

/** `http-server: { port, body?, size? }`. */
export interface HttpServerSpec {
  readonly kind: 'http-server';
  readonly port: number;
  /** The response body starts with these bytes (UTF-8). */
  readonly body?: string;
  /** Total response size in bytes, status line and headers included (default 1000). */
  readonly size?: number;
}

/** `tcp-server: { port, reply? }`. */
export interface TcpServerSpec {
  readonly kind: 'tcp-server';
  readonly port: number;
  /** Bytes sent in answer to a connection's first data (default 0). */
  readonly reply?: number;
}

export type AppSpec = HttpServerSpec | TcpServerSpec;

/** `http: { url, count, every }`. */
export interface HttpTrafficSpec {
  readonly kind: 'http';
  /** `http://IPv4[:port][/path]`. */
  readonly url: string;
  /** Number of requests (default 1). */
  readonly count?: number;
  /** Interval between request starts, ns (default 1 s). */
  readonly every?: number;
}

/** `tcp: { to: ip:port, send, receive }`. */
export interface TcpTrafficSpec {
  readonly kind: 'tcp';
  readonly to: Ip4;
  readonly port: number;
  /** Bytes to send after connecting (default 0). */
  readonly send?: number;
  /** Bytes to read before closing (default 0). */
  readonly receive?: number;
  /** The `send` bytes go out as this many writes (default 1), `gap` apart: an interactive session. */
  readonly writes?: number;
  /** Virtual ns between two writes (default 1 s). */
  readonly gap?: number;
}

/** `ping: { to, count, every? }`. */
export interface PingTrafficSpec {
  readonly kind: 'ping';
  readonly to: Ip4;
  /** Echo requests to send (default 1). */
  readonly count?: number;
  /** Interval, ns (default 1 s, as iputils ping). */
  readonly every?: number;
  /** Data bytes per request (`ping -s`, default 56: 84-byte IP packets). */
  readonly size?: number;
}

/**
 * `conns: { to, sources, clients, each, rate, ports }`: `clients` × `each` TCP connections held
 * open, from the addresses `first`, `first + 1`, … (see conns.ts).
 */
export interface ConnsTrafficSpec {
  readonly kind: 'conns';
  readonly to: Ip4;
  readonly port: number;
  /** The first client address (the others follow it). */
  readonly first: Ip4;
  /** How many client addresses. */
  readonly clients: number;
  /** Connections per client address. */
  readonly each: number;
  /** `count` connections start every `period` ns. */
  readonly count: number;
  readonly period: number;
  /** The first source port on every address; connection j of an address binds `portLow + j`. */
  readonly portLow: number;
}

export type TrafficSpec = HttpTrafficSpec | TcpTrafficSpec | PingTrafficSpec | ConnsTrafficSpec;

/** A running server app. */
export interface AppHandle {
  readonly kind: AppSpec['kind'];
  /** Connections accepted and answers sent so far. */
  summary(): AppSummary;
  /** Stops listening (connections in progress finish). */
  stop(): void;
}

export interface AppSummary {
  readonly accepted: number;
  /** Responses (http-server) or replies (tcp-server) sent. */
  readonly answered: number;
}

/** A running traffic source. */
export interface TrafficHandle {
  readonly kind: TrafficSpec['kind'];
  summary(): TrafficSummary;
  /** Cancels the requests not yet started. */
  stop(): void;
}

/**
 * What a checker counts: `started` requests (connections, echo requests), `completed` ones
 * (a full HTTP response, all `receive` bytes, an echo reply), `failed` ones (errors, short reads;
 * for ping, requests that got an ICMP error), and payload `bytes` received.
 */
export interface TrafficSummary {
  readonly started: number;
  readonly completed: number;
  readonly failed: number;
  readonly bytes: number;
}

/** Why an app or traffic source could not start; `offset` points into the offending string. */
export interface AppError {
  readonly msg: Msg;
  readonly offset?: number;
}

export type AppResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };
