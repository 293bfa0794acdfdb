/**
 * VRRP advertisements as keepalived builds and checks them (keepalived/vrrp/vrrp.c
 * vrrp_build_ip4, vrrp_build_vrrp_v2/v3, vrrp_check_packet). Built: IPv4 TOS 0xc0 (network
 * control), TTL 255, protocol 112, no DF, source the interface's primary address (or
 * unicast_src_ip), destination 224.0.0.18 or a unicast peer; v2 carries Adver Int in seconds and,
 * with `auth_type PASS`, the first 8 characters of the password; v3 the interval in centiseconds.
 * Checked, in keepalived's order: TTL (multicast only), version, v2 auth type and password, v2
 * interval (a mismatch is DROPPED to avoid two masters in one VRID), type, address count,
 * multicast-vs-unicast, the address list. Each failure is a Msg the student reads.
 * Simplified: no IPsec AH (auth_type AH), no IPv6, no auth_hmac.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIp4, isMulticast } from '../../net/wire/addr.js';
import type { Ipv4Packet, VrrpPacket } from '../../net/wire/packet.js';
import { IPPROTO_VRRP } from '../../net/wire/packet.js';
import type { Msg } from '../../i18n/message.js';
import type { VrrpInstanceConf } from '../conf/types.js';
import { v2WireInterval, v3WireInterval } from './timers.js';

/** 224.0.0.18, the IANA VRRP group (keepalived's vrrp_mcast_group4 default). */
export const VRRP_GROUP: Ip4 = 0xe0000012;
/** VRRP_IP_TTL. */
export const VRRP_TTL = 255;
/** IPTOS_PREC_INTERNETCONTROL: keepalived's IP TOS for adverts. */
export const VRRP_TOS = 0xc0;
/** VRRP_PKT_ADVERT. */
export const VRRP_TYPE_ADVERT = 1;
/** v2 auth types (RFC 2338 values keepalived keeps). */
export const VRRP_AUTH_NONE = 0;
export const VRRP_AUTH_PASS = 1;
const VRRP_AUTH_AH = 2;

const EMPTY = new Uint8Array(0);

/** The 8 bytes of v2 authentication data: the password's first 8 characters, zero padded. */
export function authData(pass: string | undefined): Uint8Array {
  const out = new Uint8Array(8);
  if (pass !== undefined) for (let i = 0; i < 8 && i < pass.length; i++) out[i] = pass.charCodeAt(i) & 0xff;
  return out;
}

/** The addresses an advert carries: virtual_ipaddress in order (never the _excluded ones). */
export function advertAddrs(conf: VrrpInstanceConf): Ip4[] {
  return conf.vips.map((v) => v.addr);
}

/** The VRRP message of an advert with priority `prio`. */
export function buildVrrp(conf: VrrpInstanceConf, prio: number, auth: Uint8Array): VrrpPacket {
  const addrs = advertAddrs(conf);
  if (conf.version === 2) {
    return {
      layer: 'vrrp',
      version: 2,
      type: VRRP_TYPE_ADVERT,
      vrid: conf.vrid,
      priority: prio,
      authType: conf.authPass !== undefined ? VRRP_AUTH_PASS : VRRP_AUTH_NONE,
      adverInt: v2WireInterval(conf.advertInt),
      addrs,
      authData: auth,
    };
  }
  const base = { layer: 'vrrp' as const, version: 3 as const, type: VRRP_TYPE_ADVERT, vrid: conf.vrid, priority: prio, maxAdverInt: v3WireInterval(conf.advertInt), addrs };
  return conf.checksumAsV2 ? { ...base, checksumAsV2: true } : base;
}

/** The IPv4 packet around an advert (vrrp_build_ip4); `id` comes from the host's generator (keepalived leaves 0, the kernel fills it). */
export function buildAdvertIp(src: Ip4, dst: Ip4, vrrp: VrrpPacket, id: number): Ipv4Packet {
  return { layer: 'ipv4', tos: VRRP_TOS, id, df: false, mf: false, fragOffset: 0, ttl: VRRP_TTL, protocol: IPPROTO_VRRP, src, dst, options: EMPTY, payload: vrrp };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function passText(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/**
 * vrrp_check_packet for a received advert `adv` in `ip`, for instance `conf`. `checkAddr` is false
 * only for a backup with skip_check_adv_addr hearing the same master again. Undefined means OK.
 */
export function checkAdvert(conf: VrrpInstanceConf, auth: Uint8Array, ip: Ipv4Packet, adv: VrrpPacket, checkAddr: boolean): Msg | undefined {
  const base = { instance: conf.name, src: formatIp4(ip.src), vrid: conf.vrid };
  const unicast = conf.unicastPeers.length > 0;
  if (!unicast && ip.ttl !== VRRP_TTL) return { id: 'vrrp.drop.ttl', params: { ...base, ttl: ip.ttl } };
  if (adv.version !== conf.version) return { id: 'vrrp.drop.version', params: { ...base, got: adv.version, want: conf.version } };
  if (adv.version === 2) {
    const want = conf.authPass !== undefined ? VRRP_AUTH_PASS : VRRP_AUTH_NONE;
    if (adv.authType !== VRRP_AUTH_NONE && adv.authType !== VRRP_AUTH_PASS && adv.authType !== VRRP_AUTH_AH) {
      return { id: 'vrrp.drop.authTypeInvalid', params: { ...base, got: adv.authType } };
    }
    if (adv.authType !== want) return { id: 'vrrp.drop.authTypeMismatch', params: { ...base, got: adv.authType, want } };
    if (want === VRRP_AUTH_PASS && !sameBytes(adv.authData, auth)) {
      return { id: 'vrrp.drop.authPass', params: { ...base, got: passText(adv.authData), want: passText(auth) } };
    }
    const mine = v2WireInterval(conf.advertInt);
    if (adv.adverInt !== mine) return { id: 'vrrp.drop.adverInt', params: { ...base, got: adv.adverInt, want: mine } };
  }
  if (adv.type !== VRRP_TYPE_ADVERT) return { id: 'vrrp.drop.type', params: { ...base, got: adv.type } };
  const vips = advertAddrs(conf);
  if (checkAddr && adv.addrs.length !== vips.length) return { id: 'vrrp.drop.addrCount', params: { ...base, got: adv.addrs.length, want: vips.length } };
  if (isMulticast(ip.dst) === unicast) {
    return { id: unicast ? 'vrrp.drop.expectedUnicast' : 'vrrp.drop.expectedMulticast', params: { ...base, dst: formatIp4(ip.dst) } };
  }
  if (checkAddr) {
    for (const v of vips) if (!adv.addrs.includes(v)) return { id: 'vrrp.drop.addrList', params: { ...base, vip: formatIp4(v) } };
  }
  return undefined;
}
