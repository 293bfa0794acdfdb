/**
 * IPVS and ICMP errors (ip_vs_core.c: ip_vs_in_icmp, ip_vs_out_icmp, ip_vs_forward_icmp;
 * ip_vs_xmit.c: ip_vs_icmp_xmit, ip_vs_nat_icmp; §5.7). Only types 3, 4 and 11 whose quoted header
 * (read in reverse) matches a connection are handled; all else, echo requests to the VIP included,
 * is ACCEPTed. Incoming errors count as InPkts and go to the real server (NAT: outer daddr and
 * quoted saddr:sport become the server's; DR/TUN: the connection's transmitter); errors from NAT
 * real servers get source VIP and quoted daddr:dport VIP:vport. As in the kernel the quoted TCP/UDP
 * checksum is left as it was, and errors neither re-arm the timer nor change the state.
 * Not modelled: schedule_icmp, errors about IPIP/GUE/GRE tunnel packets, SCTP, and errors about
 * FULLNAT connections (alibaba's ip_vs_fnat_icmp rewrites both the outer and the quoted addresses
 * both ways): one from the client side is dropped by the FULLNAT transmitter with a message, one
 * from the real server to the local address goes to the director's own stack.
 */
import { formatIp4 } from '../net/wire/addr.js';
import type { Ip4 } from '../net/wire/addr.js';
import type { IcmpMessage, Ipv4Packet } from '../net/wire/packet.js';
import { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../net/wire/packet.js';
import { internetChecksum } from '../net/wire/checksum.js';
import { icmpType } from '../net/icmp.js';
import type { NfHookState, Skb } from '../net/types.js';
import type { HookName, Verdict } from '../trace/events.js';
import { msg } from '../i18n/message.js';
import type { IpvsConn } from './conn.js';
import { IP_VS_CONN_F_FWD_MASK, IP_VS_CONN_F_MASQ } from './dest.js';
import type { IpvsState } from './state.js';
import { inStats, outStats } from './packet-stats.js';
import { ipVsGetOutRt } from './xmit/route.js';
import { natSendOrCont, refuseLoopbackDnat } from './xmit/nat.js';
import { packetXmit } from './xmit/xmit.js';

/** ICMP_SOURCE_QUENCH. */
export const ICMP_SOURCE_QUENCH = 4;

/** The header an ICMP error quotes, as far as IPVS reads it. */
interface Quote {
  readonly bytes: Uint8Array;
  /** Header length in bytes (IHL × 4): the ports follow it. */
  readonly hlen: number;
  readonly protocol: number;
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly sport: number;
  readonly dport: number;
}

/** The quoted bytes of an error IPVS handles (3, 4, 11), or null for any other ICMP message. */
function quotedBytes(m: IcmpMessage): Uint8Array | null {
  switch (m.kind) {
    case 'unreach':
    case 'timeExceeded':
      return m.original;
    case 'other':
      return m.type === ICMP_SOURCE_QUENCH ? m.data : null;
    case 'echo':
      return null;
  }
}

function read16(b: Uint8Array, off: number): number {
  return (((b[off] as number) << 8) | (b[off + 1] as number)) >>> 0;
}

function read32(b: Uint8Array, off: number): number {
  return (((b[off] as number) << 24) | ((b[off + 1] as number) << 16) | ((b[off + 2] as number) << 8) | (b[off + 3] as number)) >>> 0;
}

function write16(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 8) & 0xff;
  b[off + 1] = v & 0xff;
}

function write32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}

/**
 * The quoted IPv4 header and TCP/UDP ports, or null when IPVS would not look further: too short,
 * not IPv4, not TCP/UDP, or a non-first fragment (its ports are not there).
 */
function readQuote(bytes: Uint8Array): Quote | null {
  if (bytes.length < 20 || (bytes[0] as number) >>> 4 !== 4) return null;
  const hlen = ((bytes[0] as number) & 0x0f) * 4;
  if (hlen < 20 || bytes.length < hlen + 4) return null;
  const protocol = bytes[9] as number;
  if (protocol !== IPPROTO_TCP && protocol !== IPPROTO_UDP) return null;
  if ((read16(bytes, 6) & 0x1fff) !== 0) return null;
  return {
    bytes,
    hlen,
    protocol,
    src: read32(bytes, 12),
    dst: read32(bytes, 16),
    sport: read16(bytes, hlen),
    dport: read16(bytes, hlen + 2),
  };
}

/**
 * ip_vs_nat_icmp: the error with its outer and quoted addresses NATed. `dir` 'in' (to the real
 * server): outer daddr and quoted saddr:sport become the server's. 'out' (from the real server):
 * outer saddr and quoted daddr:dport become VIP:vport.
 */
function natIcmp(ip: Ipv4Packet, q: Quote, cp: IpvsConn, dir: 'in' | 'out'): Ipv4Packet {
  const m = ip.payload;
  if (m.layer !== 'icmp') return ip;
  const b = q.bytes.slice();
  if (dir === 'in') {
    write32(b, 12, cp.daddr);
    write16(b, q.hlen, cp.dport);
  } else {
    write32(b, 16, cp.vaddr);
    write16(b, q.hlen + 2, cp.vport);
  }
  write16(b, 10, 0);
  write16(b, 10, internetChecksum(b, 0, q.hlen));
  let payload: IcmpMessage;
  switch (m.kind) {
    case 'unreach':
    case 'timeExceeded':
      payload = { ...m, original: b };
      break;
    case 'other':
      payload = { ...m, data: b };
      break;
    case 'echo':
      return ip;
  }
  return dir === 'in' ? { ...ip, dst: cp.daddr, payload } : { ...ip, src: cp.vaddr, payload };
}

function isMasq(cp: IpvsConn): boolean {
  return (cp.flags & IP_VS_CONN_F_FWD_MASK) === IP_VS_CONN_F_MASQ;
}

/** Reads the ICMP error IPVS would handle, or returns null (ACCEPT: not for IPVS). */
function relatedQuote(skb: Skb): Quote | null {
  const m = skb.ip.payload;
  if (m.layer !== 'icmp') return null;
  const type = icmpType(m);
  if (type !== ICMP_DEST_UNREACH && type !== ICMP_SOURCE_QUENCH && type !== ICMP_TIME_EXCEEDED) return null;
  const bytes = quotedBytes(m);
  return bytes === null ? null : readQuote(bytes);
}

function connLabel(cp: IpvsConn): Record<string, string> {
  return {
    client: `${formatIp4(cp.caddr)}:${cp.cport}`,
    vip: `${formatIp4(cp.vaddr)}:${cp.vport}`,
    rs: `${formatIp4(cp.daddr)}:${cp.dport}`,
  };
}

/**
 * ip_vs_in_icmp: an ICMP message reaching IPVS's request hooks (LOCAL_IN, LOCAL_OUT) or FORWARD.
 * An error about a connection is relayed to its real server; anything else is ACCEPTed.
 */
export function ipVsInIcmp(ipvs: IpvsState, skb: Skb, hook: HookName): Verdict {
  const q = relatedQuote(skb);
  if (q === null) return 'ACCEPT';
  // The quote is a packet the director sent toward the client: VIP:vport → client:cport.
  const cp = ipvs.conns.inGet(q.protocol, q.dst, q.dport, q.src, q.sport);
  if (cp === null) return 'ACCEPT';
  inStats(ipvs, cp, skb.ip);
  if (!isMasq(cp)) {
    const verdict = packetXmit(ipvs, skb, cp);
    cp.inPkts++;
    return verdict;
  }
  const arrived = skb.ip;
  const rt = ipVsGetOutRt(ipvs, skb, cp.daddr, { local: hook !== 'FORWARD', tunnelOverhead: 0 });
  if (rt.kind === 'dropped') return 'STOLEN';
  if (refuseLoopbackDnat(ipvs, skb, cp, rt)) return 'STOLEN';
  const after = natIcmp(skb.ip, q, cp, 'in');
  skb.ip = after;
  ipvs.host.emit({
    kind: 'ipvs.xmit',
    fwd: 'masq',
    pkt: skb.pkt,
    flow: skb.flow,
    before: arrived,
    after,
    msg: msg('ipvs.icmp.relayNat', { ...connLabel(cp), type: icmpType(arrived.payload as IcmpMessage), from: formatIp4(arrived.src) }),
  });
  return natSendOrCont(ipvs, skb, rt);
}

/**
 * ip_vs_out_icmp with handle_response_icmp: an ICMP error from a real server about a client's
 * packet. For a NAT entry the error is made to come from VIP:vport; others pass untouched.
 */
export function ipVsOutIcmp(ipvs: IpvsState, skb: Skb): Verdict {
  const q = relatedQuote(skb);
  if (q === null) return 'ACCEPT';
  // The quote is the request the real server got: client:cport → server:dport.
  const cp = ipvs.conns.outGet(q.protocol, q.dst, q.dport, q.src, q.sport);
  if (cp === null || !isMasq(cp)) return 'ACCEPT';
  const before = skb.ip;
  const after = natIcmp(before, q, cp, 'out');
  skb.ip = after;
  outStats(ipvs, cp, after);
  skb.ipvsProperty = true;
  ipvs.host.emit({
    kind: 'ipvs.xmit',
    fwd: 'masq',
    pkt: skb.pkt,
    flow: skb.flow,
    before,
    after,
    msg: msg('ipvs.icmp.outNat', { ...connLabel(cp), type: icmpType(before.payload as IcmpMessage) }),
  });
  return 'ACCEPT';
}

/** ip_vs_forward_icmp (FORWARD, priority 99): ICMP passing through goes to ip_vs_in_icmp. */
export function forwardIcmp(ipvs: IpvsState, skb: Skb, st: NfHookState): Verdict {
  if (!ipvs.enable) return 'ACCEPT';
  if (skb.ip.protocol !== IPPROTO_ICMP) return 'ACCEPT';
  return ipVsInIcmp(ipvs, skb, st.hook);
}
