/**
 * Addresses as plain numbers: an IPv4 address is its 32-bit value in host order (0..2^32-1),
 * a MAC address its 48-bit value (0..2^48-1, exact in a double). Numbers make routing (masks,
 * longest-prefix match) and encoding cheap; text forms exist only at the edges (YAML, display).
 */

/** An IPv4 address, unsigned 32-bit, host byte order. */
export type Ip4 = number;
/** A 48-bit Ethernet MAC address. */
export type Mac = number;

export const MAC_BROADCAST: Mac = 0xffff_ffff_ffff;
export const MAC_ZERO: Mac = 0;
export const IP4_ANY: Ip4 = 0;
export const IP4_BROADCAST: Ip4 = 0xffff_ffff;

const IP4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad text (`192.168.1.100`); undefined when it is not one. */
export function parseIp4(text: string): Ip4 | undefined {
  const m = IP4_RE.exec(text);
  if (m === null) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string;
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Dotted-quad text of an address. */
export function formatIp4(addr: Ip4): string {
  return `${(addr >>> 24) & 255}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** The netmask of a prefix length (0..32) as an address value. */
export function prefixToMask(prefixLen: number): Ip4 {
  return prefixLen === 0 ? 0 : (0xffff_ffff << (32 - prefixLen)) >>> 0;
}

/** The prefix length of a contiguous netmask, or undefined for a non-contiguous one. */
export function maskToPrefix(mask: Ip4): number | undefined {
  let len = 0;
  while (len < 32 && ((mask >>> (31 - len)) & 1) === 1) len++;
  return prefixToMask(len) === mask >>> 0 ? len : undefined;
}

/** The network address of `addr` under a prefix length. */
export function networkOf(addr: Ip4, prefixLen: number): Ip4 {
  return (addr & prefixToMask(prefixLen)) >>> 0;
}

/** Whether `addr` lies in `net/prefixLen`. */
export function inPrefix(addr: Ip4, net: Ip4, prefixLen: number): boolean {
  // The bits that differ, under the mask, in 32-bit integers (no unsigned conversion needed).
  return prefixLen === 0 || ((addr ^ net) & (-1 << (32 - prefixLen))) === 0;
}

/** The directed broadcast address of `addr/prefixLen`. */
export function broadcastOf(addr: Ip4, prefixLen: number): Ip4 {
  return (networkOf(addr, prefixLen) | (~prefixToMask(prefixLen) >>> 0)) >>> 0;
}

/** 224.0.0.0/4 */
export function isMulticast(addr: Ip4): boolean {
  return addr >>> 28 === 0xe;
}

/** 127.0.0.0/8 */
export function isLoopback(addr: Ip4): boolean {
  return addr >>> 24 === 127;
}

const MAC_RE = /^([0-9a-fA-F]{2})([:-])([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})$/;

/** Parses `02:00:00:00:00:0a` (or with dashes, as in `00-00-5E-00-01-01`); undefined otherwise. */
export function parseMac(text: string): Mac | undefined {
  const m = MAC_RE.exec(text);
  if (m === null) return undefined;
  let value = 0;
  for (const i of [1, 3, 4, 5, 6, 7]) value = value * 256 + parseInt(m[i] as string, 16);
  return value;
}

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase colon form, as Wireshark and `ip link` print it. */
export function formatMac(mac: Mac): string {
  const hi = Math.floor(mac / 0x1_0000_0000);
  const lo = mac >>> 0;
  return `${HEX2[(hi >>> 8) & 255]}:${HEX2[hi & 255]}:${HEX2[lo >>> 24]}:${HEX2[(lo >>> 16) & 255]}:${HEX2[(lo >>> 8) & 255]}:${HEX2[lo & 255]}`;
}

/** The Ethernet multicast MAC of an IPv4 multicast group (01:00:5e + low 23 bits). */
export function multicastMac(group: Ip4): Mac {
  return 0x01005e000000 + (group & 0x7fffff);
}
