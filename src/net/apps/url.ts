/**
 * The URL and address forms traffic sources accept: `http://IPv4[:port][/path]` (RFC 9110 §4.2.1
 * with an IPv4 literal host; the lab has no DNS, so a name is an error) and `IPv4:port`.
 * Errors carry a message id and the offset of the offending character.
 */
import type { Ip4 } from '../wire/addr.js';
import { parseIp4 } from '../wire/addr.js';
import { msg } from '../../i18n/message.js';
import type { AppResult } from './spec.js';

export interface HttpUrl {
  readonly addr: Ip4;
  /** The host as written in the URL, sent in the Host header (with `:port` when not 80). */
  readonly hostHeader: string;
  readonly port: number;
  /** Path and query, never empty (`/` by default); a `#fragment` is not sent. */
  readonly path: string;
}

const SCHEME = 'http://';

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Parses `http://IPv4[:port][/path]`. */
export function parseHttpUrl(url: string): AppResult<HttpUrl> {
  if (url.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    const id = url.toLowerCase().startsWith('https://') ? 'app.url.https' : 'app.url.scheme';
    return { ok: false, error: { msg: msg(id, { url }), offset: 0 } };
  }
  const rest = url.slice(SCHEME.length);
  let end = rest.search(/[/?#]/);
  if (end < 0) end = rest.length;
  const authority = rest.slice(0, end);
  if (authority.includes('@')) {
    return { ok: false, error: { msg: msg('app.url.userinfo', { url }), offset: SCHEME.length } };
  }
  const colon = authority.lastIndexOf(':');
  const hostText = colon >= 0 ? authority.slice(0, colon) : authority;
  if (hostText.length === 0) return { ok: false, error: { msg: msg('app.url.noHost', { url }), offset: SCHEME.length } };
  const addr = parseIp4(hostText);
  if (addr === undefined) {
    return { ok: false, error: { msg: msg('app.url.hostname', { host: hostText }), offset: SCHEME.length } };
  }
  let port = 80;
  if (colon >= 0) {
    const p = parsePort(authority.slice(colon + 1));
    if (p === undefined) {
      return { ok: false, error: { msg: msg('app.url.port', { port: authority.slice(colon + 1) }), offset: SCHEME.length + colon + 1 } };
    }
    port = p;
  }
  let path = rest.slice(end);
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  if (path.length === 0 || path.startsWith('?')) path = `/${path}`;
  return { ok: true, value: { addr, hostHeader: port === 80 ? hostText : `${hostText}:${port}`, port, path } };
}

/** Parses `IPv4:port`. */
export function parseIpPort(text: string): AppResult<{ readonly addr: Ip4; readonly port: number }> {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { ok: false, error: { msg: msg('app.addr.noPort', { text }), offset: text.length } };
  const addr = parseIp4(text.slice(0, colon));
  if (addr === undefined) return { ok: false, error: { msg: msg('app.addr.ip', { text: text.slice(0, colon) }), offset: 0 } };
  const port = parsePort(text.slice(colon + 1));
  if (port === undefined) return { ok: false, error: { msg: msg('app.url.port', { port: text.slice(colon + 1) }), offset: colon + 1 } };
  return { ok: true, value: { addr, port } };
}
