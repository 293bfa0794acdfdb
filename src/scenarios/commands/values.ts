/**
 * Readers for the values that appear both in commands and in the scenario's structured keys:
 * IPv4 addresses, ADDRESS/PREFIX, dotted netmasks, MAC addresses, ports and bounded integers.
 * Each returns the value or the id of a message that says what was expected, so the caller can
 * attach a position (a word's column, a YAML value) without re-deriving why the text is wrong.
 */
import { parseIp4, parseMac, maskToPrefix, type Ip4, type Mac } from '../../net/wire/addr.js';
import { msg, type Msg } from '../../i18n/message.js';

/** A value, or the message explaining why the text is not one. */
export type ValueResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly msg: Msg };

function bad<T>(id: string, params: Record<string, string | number>): ValueResult<T> {
  return { ok: false, msg: msg(id, params) };
}

/** Why a dotted quad is not an address: a number above 255 gets its own message. */
function ip4Problem(text: string): Msg {
  const parts = text.split('.');
  if (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p))) {
    const big = parts.find((p) => Number(p) > 255);
    if (big !== undefined) return msg('scenario.value.octet', { text, octet: big });
    return msg('scenario.value.leadingZero', { text });
  }
  return msg('scenario.value.ip4', { text });
}

/** An IPv4 address in dotted-quad form. */
export function readIp4(text: string): ValueResult<Ip4> {
  const v = parseIp4(text);
  return v === undefined ? { ok: false, msg: ip4Problem(text) } : { ok: true, value: v };
}

/** An address with its prefix length. */
export interface AddrPrefix {
  readonly addr: Ip4;
  readonly prefixLen: number;
}

/**
 * `ADDR/PLEN`; when `/PLEN` is absent, `defaultLen` is used (or it is an error when undefined).
 * PLEN is 0..32 in decimal.
 */
export function readAddrPrefix(text: string, defaultLen?: number): ValueResult<AddrPrefix> {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const addr = readIp4(addrText);
  if (!addr.ok) return addr;
  if (slash < 0) {
    if (defaultLen === undefined) return bad('scenario.value.needPrefix', { text });
    return { ok: true, value: { addr: addr.value, prefixLen: defaultLen } };
  }
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32) return bad('scenario.value.prefixLen', { text, len: lenText });
  return { ok: true, value: { addr: addr.value, prefixLen: Number(lenText) } };
}

/** A dotted netmask, which must be contiguous ones then zeros; returns the prefix length. */
export function readNetmask(text: string): ValueResult<number> {
  const mask = readIp4(text);
  if (!mask.ok) return mask;
  const len = maskToPrefix(mask.value);
  return len === undefined ? bad('scenario.value.netmask', { text }) : { ok: true, value: len };
}

/** A MAC address, `02:00:00:00:00:0a` or with dashes. */
export function readMac(text: string): ValueResult<Mac> {
  const v = parseMac(text);
  return v === undefined ? bad('scenario.value.mac', { text }) : { ok: true, value: v };
}

/** A decimal integer in [min, max]. */
export function readInt(text: string, min: number, max: number): ValueResult<number> {
  if (!/^\d+$/.test(text) || text.length > 15) return bad('scenario.value.int', { text, min, max });
  const v = Number(text);
  return v < min || v > max ? bad('scenario.value.int', { text, min, max }) : { ok: true, value: v };
}

/** A TCP/UDP port, 1..65535. */
export function readPort(text: string): ValueResult<number> {
  return readInt(text, 1, 65535);
}

/** An address and port. */
export interface Endpoint {
  readonly addr: Ip4;
  readonly port: number;
}

/** `ADDR:PORT`. */
export function readEndpoint(text: string): ValueResult<Endpoint> {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return bad('scenario.value.endpoint', { text });
  const addr = readIp4(text.slice(0, colon));
  if (!addr.ok) return addr;
  const port = readPort(text.slice(colon + 1));
  if (!port.ok) return bad('scenario.value.port', { text: text.slice(colon + 1) });
  return { ok: true, value: { addr: addr.value, port: port.value } };
}

/**
 * The classful prefix length the kernel gives an address set without a mask (inet_abc_len):
 * 0 for 0.x.x.x and 255.255.255.255, 8/16/24 for classes A/B/C, 32 for class E, and undefined
 * for a multicast address, which SIOCSIFADDR refuses.
 */
export function classfulPrefixLen(addr: Ip4): number | undefined {
  const top = addr >>> 24;
  if (top === 0 || addr >>> 0 === 0xffff_ffff) return 0;
  if (top < 128) return 8;
  if (top < 192) return 16;
  if (top < 224) return 24;
  if (top < 240) return undefined;
  return 32;
}
