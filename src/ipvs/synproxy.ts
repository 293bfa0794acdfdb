/**
 * SYNPROXY, the alibaba/LVS addition to IPVS (kernel/net/netfilter/ipvs/ip_vs_synproxy.c,
 * include/net/ip_vs_synproxy.h, the ip_vs_synproxy_* cookie functions of net/ipv4/syncookies.c).
 * Step 1: a SYN to a service flagged `-j enable` is turned into the SYN-ACK itself (addresses and
 * ports swapped, seq = a SYN cookie, ack = client ISN + 1, TTL 63, TOS 0, MSS clamped to 1452,
 * window scale and timestamps overwritten with NOPs, SACK-permitted kept) and sent back out the
 * receiving device; no connection entry exists yet. Step 2: a pure ACK with no entry must carry
 * cookie + 1 (count no more than 3 minutes old); then the service schedules, the entry is created in
 * SYN_SENT holding that ACK, and a SYN with the client's own ISN (window 5000, DF, TTL 64, options
 * from the cookie) goes to the real server through the normal transmitter, retransmitted up to 3
 * times when the SYN_SENT timer runs out. Step 3: the real server's SYN-ACK fixes
 * delta = cookie ISN − server ISN, the entry becomes ESTABLISHED, the held ACKs (the handshake ACK
 * plus at most 3 early ones) are flushed to the server and the SYN-ACK is dropped; from then on
 * server→client seq += delta and client→server ack and SACK edges −= delta.
 * The cookie hash: alibaba keys the kernel syncookie hash with random secrets (this 2.6.32 tree uses
 * sha_transform; the reference notes md5_transform, and dpvs uses MD5). The lab keys a 32-bit
 * murmur3-style mix with secrets drawn once from the seeded generator: what a student can observe
 * (the layout, the count per minute, the 4-minute window, which ACKs pass) does not depend on which
 * keyed hash it is, only on the secrets being unknown to the sender.
 * Simplified: the synproxy sysctls stay at their defaults (init_mss 1452, synack_ttl 63, sack 1,
 * wscale 0, timestamp 0, defer 0, store 3, syn_retry 3); the ACK check applies to services with the
 * flag only (alibaba checks any service, which would change mainline behaviour of the others); not
 * modelled: ip_vs_todrop, entry reuse by a fresh cookie ACK, the ACK-storm guard. The SYN-ACK goes
 * back out the receiving device to the MAC the SYN came from (dev_queue_xmit, no routing, no
 * hooks), as the kernel's reused skb with swapped MACs does. Like alibaba, nothing stops
 * `-j enable` on a DR/TUN service, where the server's SYN-ACK never passes the director.
 */
import type { Skb } from '../net/types.js';
import { formatIp4 } from '../net/wire/addr.js';
import { ipText } from '../net/ip-text.js';
import type { Ipv4Packet, TcpOption, TcpSegment } from '../net/wire/packet.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../net/wire/packet.js';
import type { Verdict } from '../trace/events.js';
import type { Msg } from '../i18n/message.js';
import { msg } from '../i18n/message.js';
import { connPut, type IpvsConn } from './conn.js';
import { moveTcpState } from './proto.js';
import { inStats } from './packet-stats.js';
import { IP_VS_SVC_F_SYNPROXY, serviceLabel, type Service } from './service.js';
import type { IpvsState } from './state.js';
import { IP_VS_TCP_S_CLOSE, IP_VS_TCP_S_ESTABLISHED, IP_VS_TCP_S_SYN_SENT } from './tcp-state.js';
import { packetXmit } from './xmit/xmit.js';

/** IP_VS_CONN_F_SYNPROXY: the service flag `-j enable` sets, copied onto its connections. */
export const IP_VS_CONN_F_SYNPROXY = IP_VS_SVC_F_SYNPROXY;

/** The alibaba sysctl defaults (IP_VS_SYNPROXY_*_DEFAULT). */
export const SYNPROXY_INIT_MSS = 1452;
export const SYNPROXY_SYNACK_TTL = 63;
export const SYNPROXY_SKB_STORE_THRESH = 3;
export const SYNPROXY_SYN_RETRY = 3;
/** The TTL (IPDEFTTL) and window of the SYN sent to the real server. */
const RS_SYN_TTL = 64;
const RS_SYN_WINDOW = 5000;
/** MSS when the client's SYN has no MSS option (mss_clamp's initial value). */
const DEFAULT_MSS = 536;
/** COUNTER_TRIES: how many minutes (counts) a cookie stays valid. */
export const COUNTER_TRIES = 4;
const COOKIEBITS = 24;
const COOKIEMASK = (1 << COOKIEBITS) - 1;
/** One count per minute (jiffies / (HZ * 60)). */
const MINUTE_NS = 60_000_000_000;

/** msstab: the MSS values a cookie can encode (a 4-bit index). */
export const MSS_TABLE: readonly number[] = [64, 256, 512, 536, 1024, 1280, 1440, 1452, 1460, 4312];

/** The 24-bit cookie data: |21 SACK|20 TS|19-16 wscale|15-12 MSS index|11-0 zero|. */
const DATA_MSS_SHIFT = 12;
const DATA_WSCALE_SHIFT = 16;
const DATA_TSOK_BIT = 1 << 20;
const DATA_SACKOK_BIT = 1 << 21;
const DATA_OTHER_MASK = (1 << 12) - 1;
const WSCALE_MAX = 14;

/** The client's SYN options as the cookie keeps them (struct ip_vs_synproxy_opt). */
export interface SynproxyOpt {
  readonly mss: number;
  readonly sackOk: boolean;
  readonly tstampOk: boolean;
  readonly wscaleOk: boolean;
  readonly sndWscale: number;
}

/** The two hash secrets of one IPVS instance (syncookie_secret). */
interface CookieSecrets {
  readonly k: readonly [number, number, number, number];
}

const SECRETS = new WeakMap<IpvsState, CookieSecrets>();

function secretsOf(ipvs: IpvsState): CookieSecrets {
  let s = SECRETS.get(ipvs);
  if (s === undefined) {
    const r = (): number => ipvs.host.sim.randomInt(0, 0xffff) * 0x10000 + ipvs.host.sim.randomInt(0, 0xffff);
    s = { k: [r(), r(), r(), r()] };
    SECRETS.set(ipvs, s);
  }
  return s;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixWord(h: number, w: number): number {
  h ^= Math.imul(w | 0, 0xcc9e2d51);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** cookie_hash(saddr, daddr, sport, dport, count, c): a keyed 32-bit hash. */
function cookieHash(sec: CookieSecrets, saddr: number, daddr: number, sport: number, dport: number, count: number, c: 0 | 1): number {
  let h = sec.k[c * 2] as number;
  h = mixWord(h, saddr);
  h = mixWord(h, daddr);
  h = mixWord(h, ((sport << 16) | dport) >>> 0);
  h = mixWord(h, count);
  h = mixWord(h, sec.k[c * 2 + 1] as number);
  return fmix32(h);
}

/** The 4-tuple and the client ISN a cookie is bound to. */
export interface CookieKey {
  readonly saddr: number;
  readonly daddr: number;
  readonly sport: number;
  readonly dport: number;
  /** The client's ISN (the SYN's seq; the ACK's seq − 1). */
  readonly isn: number;
}

/** The minute counter at virtual time `now` (ns). */
export function cookieCount(now: number): number {
  return Math.floor(now / MINUTE_NS) >>> 0;
}

/** Rounds an MSS down to the table (the loop of cookie_v4_init_sequence); returns the index. */
export function mssIndex(mss: number): number {
  let i = 0;
  while (i + 1 < MSS_TABLE.length && mss > (MSS_TABLE[i + 1] as number) - 1) i++;
  return i;
}

/** The 24-bit data for these options. */
export function cookieData(opt: SynproxyOpt): number {
  let data = (mssIndex(opt.mss) & 0xf) << DATA_MSS_SHIFT;
  if (opt.sackOk) data |= DATA_SACKOK_BIT;
  if (opt.tstampOk) data |= DATA_TSOK_BIT;
  data |= (opt.sndWscale & 0xf) << DATA_WSCALE_SHIFT;
  return data;
}

/**
 * secure_tcp_syn_cookie: H0(tuple) + ISN + (count << 24) + ((H1(tuple, count) + data) mod 2^24),
 * for the SYN of `key` at minute `count`.
 */
export function cookieMake(ipvs: IpvsState, key: CookieKey, count: number, data: number): number {
  const sec = secretsOf(ipvs);
  const h0 = cookieHash(sec, key.saddr, key.daddr, key.sport, key.dport, 0, 0);
  const h1 = cookieHash(sec, key.saddr, key.daddr, key.sport, key.dport, count, 1);
  return (h0 + key.isn + ((count << COOKIEBITS) >>> 0) + ((h1 + data) & COOKIEMASK)) >>> 0;
}

/**
 * check_tcp_syn_cookie + ip_vs_synproxy_v4_cookie_check: the options a cookie carries, or null when
 * it was not made for this tuple and ISN, is 4 or more minutes old, or its data is malformed.
 */
export function cookieCheck(ipvs: IpvsState, key: CookieKey, cookie: number, count: number): SynproxyOpt | null {
  const sec = secretsOf(ipvs);
  const h0 = cookieHash(sec, key.saddr, key.daddr, key.sport, key.dport, 0, 0);
  const rest = (cookie - h0 - key.isn) >>> 0;
  const diff = (count - (rest >>> COOKIEBITS)) & (0xffffffff >>> COOKIEBITS);
  if (diff >= COUNTER_TRIES) return null;
  const h1 = cookieHash(sec, key.saddr, key.daddr, key.sport, key.dport, (count - diff) >>> 0, 1);
  const data = (rest - h1) & COOKIEMASK;
  const mssind = (data >>> DATA_MSS_SHIFT) & 0xf;
  if (mssind >= MSS_TABLE.length || (data & DATA_OTHER_MASK) !== 0) return null;
  const sndWscale = (data >>> DATA_WSCALE_SHIFT) & 0xf;
  if (sndWscale > WSCALE_MAX) return null;
  return {
    mss: MSS_TABLE[mssind] as number,
    sackOk: (data & DATA_SACKOK_BIT) !== 0,
    tstampOk: (data & DATA_TSOK_BIT) !== 0,
    wscaleOk: sndWscale > 0,
    sndWscale,
  };
}

// ───────────────────────────── per-connection state ─────────────────────────────

/** What a synproxy connection keeps (cp->syn_proxy_seq, cp->ack_skb, cp->syn_skb, cp->syn_retry_max). */
export class SynproxyState {
  /** syn_proxy_seq.init_seq: the cookie ISN the client acknowledged. */
  readonly initSeq: number;
  /** syn_proxy_seq.delta: cookie ISN − server ISN (mod 2^32), 0 until the server answers. */
  delta = 0;
  /** Client segments held until the server's SYN-ACK (the handshake ACK first). */
  readonly acks: Skb[] = [];
  /** The SYN sent to the server, kept for retransmission. */
  syn: Ipv4Packet | null = null;
  /** Retransmissions left (syn_retry_max). */
  synRetries = 0;

  constructor(
    private readonly ipvs: IpvsState,
    private readonly cp: IpvsConn,
    initSeq: number,
  ) {
    this.initSeq = initSeq;
  }

  /**
   * The SYN_SENT timer ran out (ip_vs_conn_expire): while retransmissions are left, send the SYN
   * again and report true (the entry lives another timeout).
   */
  retransmitOnExpire(): boolean {
    const syn = this.syn;
    if (syn === null || this.synRetries <= 0) return false;
    this.synRetries--;
    const host = this.ipvs.host;
    const skb = host.newSkb(syn);
    emitNote(this.ipvs, msg('ipvs.synproxy.synRetransmit', { rs: rsLabel(this.cp), left: this.synRetries }));
    packetXmit(this.ipvs, skb, this.cp);
    return true;
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function rsLabel(cp: IpvsConn): string {
  return `${formatIp4(cp.daddr)}:${cp.dport}`;
}

/** Synproxy's own steps, narrated (the trace has no synproxy event kind). */
function emitNote(ipvs: IpvsState, m: Msg, skb?: Skb): void {
  if (skb === undefined) ipvs.host.emit({ kind: 'ipvs.synproxy', msg: m });
  else ipvs.host.emit({ kind: 'ipvs.synproxy', msg: m, pkt: skb.pkt, flow: skb.flow });
}

function isPureAck(flags: number): boolean {
  return (flags & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) === TCP_ACK;
}

function withTcp(ip: Ipv4Packet, tcp: TcpSegment): Ipv4Packet {
  return { ...ip, payload: tcp };
}

/** NOP-fills an option in place (memset(opt, TCPOPT_NOP, len)). */
function nops(out: TcpOption[], n: number): void {
  for (let i = 0; i < n; i++) out.push({ kind: 'nop' });
}

/**
 * syn_proxy_parse_set_opts: rewrites the SYN's options for the SYN-ACK and reports what the cookie
 * must remember. MSS becomes min(client, init_mss) (536 kept when absent or 0); window scale and
 * timestamps are NOP'd out (sysctls wscale and timestamp are 0); SACK-permitted is kept.
 */
export function synackOptions(options: readonly TcpOption[]): { readonly options: TcpOption[]; readonly opt: SynproxyOpt } {
  const out: TcpOption[] = [];
  let mss = DEFAULT_MSS;
  let sackOk = false;
  for (const o of options) {
    switch (o.kind) {
      case 'eol':
        out.push(o);
        return { options: out, opt: { mss, sackOk, tstampOk: false, wscaleOk: false, sndWscale: 0 } };
      case 'mss':
        if (o.value !== 0) mss = Math.min(o.value, SYNPROXY_INIT_MSS);
        out.push({ kind: 'mss', value: mss });
        break;
      case 'wscale':
        nops(out, 3);
        break;
      case 'timestamps':
        nops(out, 10);
        break;
      case 'sackPermitted':
        sackOk = true;
        out.push(o);
        break;
      case 'nop':
      case 'sack':
      case 'toa':
      case 'unknown':
        out.push(o);
        break;
    }
  }
  return { options: out, opt: { mss, sackOk, tstampOk: false, wscaleOk: false, sndWscale: 0 } };
}

/** syn_proxy_syn_build_options: MSS, then SACK-permitted/timestamps, then window scale. */
export function rsSynOptions(opt: SynproxyOpt, now: number): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', value: opt.mss }];
  if (opt.tstampOk) {
    if (opt.sackOk) out.push({ kind: 'sackPermitted' });
    else nops(out, 2);
    out.push({ kind: 'timestamps', tsval: Math.floor(now / 1_000_000) >>> 0, tsecr: 0 });
  } else if (opt.sackOk) {
    nops(out, 2);
    out.push({ kind: 'sackPermitted' });
  }
  if (opt.wscaleOk) {
    nops(out, 1);
    out.push({ kind: 'wscale', shift: opt.sndWscale });
  }
  return out;
}

/** Whether this service answers SYNs itself. */
export function synproxyEnabled(svc: Service): boolean {
  return (svc.flags & IP_VS_CONN_F_SYNPROXY) !== 0;
}



// ───────────────────────────── step 1: the client's SYN ─────────────────────────────

/** Service labels for the SYN-ACK note (a service's protocol, address and port never change). */
const SVC_LABELS = new WeakMap<Service, string>();

/** `ipvs.synproxy.synack`: the cookie SYN-ACK answering the SYN `skb`, sent out of `dev`. */
function noteSynack(ipvs: IpvsState, svc: Service, skb: Skb, cookie: number, mss: number, dev: string): void {
  let service = SVC_LABELS.get(svc);
  if (service === undefined) {
    service = serviceLabel(svc);
    SVC_LABELS.set(svc, service);
  }
  const ip = skb.ip;
  const th = ip.payload as TcpSegment;
  emitNote(ipvs, { id: 'ipvs.synproxy.synack', params: { service, client: `${ipText(ip.src)}:${th.sport}`, cookie, isn: th.seq, mss, dev } }, skb);
}

/**
 * ip_vs_synproxy_syn_rcv: a SYN (no ACK/RST/FIN) to `svc`, a synproxy service, is answered with a
 * cookie SYN-ACK built from the SYN itself and sent back out the receiving device. Returns STOLEN
 * (DROP when no server has weight), or null when the packet is not a pure SYN.
 */
export function synproxySynRcv(ipvs: IpvsState, skb: Skb, svc: Service): Verdict | null {
  const ip = skb.ip;
  const th = ip.payload;
  if (th.layer !== 'tcp') return null;
  if ((th.flags & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) !== TCP_SYN) return null;
  const host = ipvs.host;
  // ip_vs_synproxy_syn_rcv drops the SYN outright when no real server could ever take it.
  let weight = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) weight += n.weight;
  if (weight === 0) {
    host.drop(skb, msg('ipvs.synproxy.noWeight', { service: serviceLabel(svc) }));
    return 'DROP';
  }
  const { options, opt } = synackOptions(th.options);
  const key: CookieKey = { saddr: ip.src, daddr: ip.dst, sport: th.sport, dport: th.dport, isn: th.seq };
  const cookie = cookieMake(ipvs, key, cookieCount(host.sim.now), cookieData(opt));
  // The SYN's own headers with addresses and ports swapped (every field written out: a spread of
  // the SYN costs more than the rest of the answer).
  const synack: Ipv4Packet = {
    layer: 'ipv4',
    tos: 0,
    id: ip.id,
    df: ip.df,
    mf: ip.mf,
    fragOffset: ip.fragOffset,
    ttl: SYNPROXY_SYNACK_TTL,
    protocol: ip.protocol,
    src: ip.dst,
    dst: ip.src,
    options: ip.options,
    payload: {
      layer: 'tcp',
      sport: th.dport,
      dport: th.sport,
      seq: cookie,
      ack: (th.seq + 1) >>> 0,
      flags: TCP_SYN | TCP_ACK,
      window: th.window,
      urgent: th.urgent,
      options,
      payload: th.payload,
    },
  };
  // The kernel turns the SYN's own skb into the SYN-ACK; the lab gives the answer a packet of its
  // own (same flow), so that the trace shows the SYN stolen at LOCAL_IN and the SYN-ACK sent.
  const out = host.newSkb(synack, skb.flow);
  out.ipvsProperty = true;
  if (skb.iif !== null && skb.macSrc !== null) {
    // MACs swapped and dev_queue_xmit on the receiving device: no route, no hooks. The SYN-ACK goes
    // back to whichever box sent the SYN, whatever its source address.
    noteSynack(ipvs, svc, skb, cookie, opt.mss, skb.iif);
    host.xmit(skb.iif, out, skb.macSrc);
    return 'STOLEN';
  }
  // A SYN from a local client has no mac header to swap: it is routed back like any local packet.
  const route = host.routeOutput(ip.src, { src: ip.dst });
  if (route.type === 'unreachable') {
    host.drop(skb, msg('ipvs.synproxy.noRoute', { client: formatIp4(ip.src) }));
    return 'DROP';
  }
  noteSynack(ipvs, svc, skb, cookie, opt.mss, route.dev);
  host.dstOutput(out, route);
  return 'STOLEN';
}

// ───────────────────────────── step 2: the client's ACK ─────────────────────────────

/** What core's scheduling gives back: a new entry, or the verdict when there is none. */
export type SynproxySchedule = (svc: Service) => IpvsConn | Verdict;

/**
 * ip_vs_synproxy_ack_rcv: a pure ACK with no entry, to `svc`, a synproxy service, must acknowledge
 * a valid cookie. Bad → DROP. Good → schedule, hold the ACK in a SYN_SENT entry, send the SYN to
 * the real server, STOLEN. Returns null when the packet is not a pure ACK.
 */
export function synproxyAckRcv(ipvs: IpvsState, skb: Skb, svc: Service, schedule: SynproxySchedule): Verdict | null {
  const ip = skb.ip;
  const th = ip.payload;
  if (th.layer !== 'tcp' || !isPureAck(th.flags)) return null;
  const host = ipvs.host;
  const cookie = (th.ack - 1) >>> 0;
  const key: CookieKey = { saddr: ip.src, daddr: ip.dst, sport: th.sport, dport: th.dport, isn: (th.seq - 1) >>> 0 };
  const opt = cookieCheck(ipvs, key, cookie, cookieCount(host.sim.now));
  const client = `${formatIp4(ip.src)}:${th.sport}`;
  if (opt === null) {
    host.drop(skb, msg('ipvs.synproxy.badAck', { client, ack: th.ack }));
    return 'DROP';
  }
  const made = schedule(svc);
  if (typeof made === 'string') return made;
  const cp = made;
  const sp = new SynproxyState(ipvs, cp, cookie);
  cp.synproxy = sp;
  cp.flags |= IP_VS_CONN_F_SYNPROXY;
  sp.acks.push(skb);
  moveTcpState(ipvs, cp, IP_VS_TCP_S_SYN_SENT);
  emitNote(ipvs, msg('ipvs.synproxy.goodAck', { client, cookie, mss: opt.mss, rs: rsLabel(cp) }), skb);
  const syn: Ipv4Packet = {
    layer: 'ipv4',
    tos: ip.tos,
    id: 0,
    df: true,
    mf: false,
    fragOffset: 0,
    ttl: RS_SYN_TTL,
    protocol: ip.protocol,
    src: ip.src,
    dst: ip.dst,
    options: new Uint8Array(0),
    payload: {
      layer: 'tcp',
      sport: th.sport,
      dport: th.dport,
      seq: key.isn,
      ack: 0,
      flags: TCP_SYN,
      window: RS_SYN_WINDOW,
      urgent: 0,
      options: rsSynOptions(opt, host.sim.now),
      payload: new Uint8Array(0),
    },
  };
  sp.syn = syn;
  sp.synRetries = SYNPROXY_SYN_RETRY;
  const synSkb = host.newSkb(syn, skb.flow);
  synSkb.iif = skb.iif;
  synSkb.mark = skb.mark;
  emitNote(ipvs, msg('ipvs.synproxy.rsSyn', { rs: rsLabel(cp), isn: key.isn }), synSkb);
  inStats(ipvs, cp, syn);
  packetXmit(ipvs, synSkb, cp);
  inStats(ipvs, cp, ip);
  connPut(ipvs, cp, skb);
  return 'STOLEN';
}

/**
 * ip_vs_synproxy_filter_ack: while the entry waits in SYN_SENT, a client segment without ACK is
 * dropped, an ACK is held while the queue has room (store_thresh), more are dropped. Returns the
 * verdict, or null when the entry is past SYN_SENT.
 */
export function synproxyFilterAck(ipvs: IpvsState, cp: IpvsConn, skb: Skb): Verdict | null {
  const sp = cp.synproxy;
  if (sp === null || cp.state !== IP_VS_TCP_S_SYN_SENT) return null;
  const th = skb.ip.payload;
  if (th.layer !== 'tcp') return null;
  if ((th.flags & TCP_ACK) === 0) {
    ipvs.host.drop(skb, msg('ipvs.synproxy.notAck', { rs: rsLabel(cp) }));
    return 'DROP';
  }
  if (SYNPROXY_SKB_STORE_THRESH < sp.acks.length) {
    ipvs.host.drop(skb, msg('ipvs.synproxy.queueFull', { rs: rsLabel(cp), held: sp.acks.length }));
    return 'DROP';
  }
  sp.acks.push(skb);
  emitNote(ipvs, msg('ipvs.synproxy.held', { rs: rsLabel(cp), held: sp.acks.length }), skb);
  return 'STOLEN';
}

/** ip_vs_synproxy_dnat_handler: client→server ack and SACK edges −= delta. */
export function synproxyDnat(cp: IpvsConn, skb: Skb): void {
  const sp = cp.synproxy;
  if (sp === null || sp.delta === 0) return;
  const ip = skb.ip;
  const th = ip.payload;
  if (th.layer !== 'tcp') return;
  const d = sp.delta;
  let options = th.options;
  if (options.some((o) => o.kind === 'sack')) {
    options = options.map((o) =>
      o.kind === 'sack' ? { kind: 'sack', blocks: o.blocks.map(([l, r]) => [(l - d) >>> 0, (r - d) >>> 0] as const) } : o,
    );
  }
  skb.ip = withTcp(ip, { ...th, ack: (th.ack - d) >>> 0, options });
}

// ───────────────────────────── step 3: the server's answer ─────────────────────────────

/**
 * ip_vs_synproxy_synack_rcv + ip_vs_synproxy_snat_handler for a server→client packet of a synproxy
 * entry. The SYN-ACK answering our SYN sets delta, makes the entry ESTABLISHED, flushes the held
 * client segments to the server and is dropped (DROP). A RST in SYN_SENT sets delta, closes the
 * entry and goes on to the client with seq + 1. Every other packet gets seq += delta and goes on
 * (null).
 */
export function synproxyOut(ipvs: IpvsState, cp: IpvsConn, skb: Skb): Verdict | null {
  const sp = cp.synproxy;
  const th = skb.ip.payload;
  if (sp === null || th.layer !== 'tcp') return null;
  if (cp.state === IP_VS_TCP_S_SYN_SENT) {
    const syn = (th.flags & TCP_SYN) !== 0;
    const ack = (th.flags & TCP_ACK) !== 0;
    const rst = (th.flags & TCP_RST) !== 0;
    if (syn && ack && !rst) {
      sp.delta = (sp.initSeq - th.seq) >>> 0;
      // FULLNAT's "first client data" mark (RS ISN + 1), which its SNAT of this SYN-ACK would set:
      // the held ACK completes the handshake and must carry TOA, as alibaba sets fdata_seq here.
      if (cp.fnatSeq !== null) cp.fnatSeq.fdataSeq = (th.seq + 1) >>> 0;
      moveTcpState(ipvs, cp, IP_VS_TCP_S_ESTABLISHED);
      sp.syn = null;
      const held = sp.acks.splice(0);
      emitNote(ipvs, msg('ipvs.synproxy.rsSynack', { rs: rsLabel(cp), isn: th.seq, delta: sp.delta, held: held.length }), skb);
      connPut(ipvs, cp, skb);
      for (const a of held) {
        synproxyDnat(cp, a);
        packetXmit(ipvs, a, cp);
      }
      ipvs.host.drop(skb, msg('ipvs.synproxy.synackDropped', { rs: rsLabel(cp) }));
      return 'DROP';
    }
    if (rst) {
      sp.delta = (sp.initSeq - th.seq) >>> 0;
      moveTcpState(ipvs, cp, IP_VS_TCP_S_CLOSE);
      sp.syn = null;
      sp.acks.length = 0;
      emitNote(ipvs, msg('ipvs.synproxy.rsRst', { rs: rsLabel(cp) }), skb);
      skb.ip = withTcp(skb.ip, { ...th, seq: (th.seq + 1) >>> 0 });
    }
  }
  const cur = skb.ip.payload;
  if (sp.delta !== 0 && cur.layer === 'tcp') skb.ip = withTcp(skb.ip, { ...cur, seq: (cur.seq + sp.delta) >>> 0 });
  return null;
}
