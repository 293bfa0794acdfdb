/**
 * One-line summaries of frames in the words of `tcpdump -n -S` (tcpdump 4.99: print-arp.c,
 * print-ip.c, print-tcp.c, print-udp.c, print-icmp.c, print-vrrp.c), without the timestamp:
 *   IP 203.0.113.10.40000 > 192.168.1.100.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 *   ARP, Request who-has 192.168.1.100 tell 192.168.1.1, length 28
 * Like `-S`, sequence and acknowledgment numbers (and SACK edges) are the raw ones; plain tcpdump
 * prints them relative to the first segment it saw of the connection. Like `-n`, addresses and
 * ports stay numeric. Application payloads are named only for HTTP (ports 80 and 8080, as
 * tcpdump does); UDP payloads are "UDP, length n" whatever the port (tcpdump would decode DNS and
 * others); a first fragment is shown like a later one, as the lab keeps its bytes undecoded.
 */
import { assertNever } from '../assert-never.js';
import { formatIp4, formatMac } from '../net/wire/addr.js';
import { frameLength, icmpLength, vrrpLength } from '../net/wire/length.js';
import type { ArpPacket, EthernetFrame, IcmpMessage, Ipv4Packet, TcpOption, TcpSegment, VrrpPacket } from '../net/wire/packet.js';
import { quotedPacket } from './filter/quoted.js';

const TCP_FLAG_CHARS: readonly (readonly [number, string])[] = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
];

/** tcpdump's flag letters (bittok2str_nosep over tcp_flag_values), "none" when no flag is set. */
export function tcpdumpFlags(flags: number): string {
  let s = '';
  for (const [bit, c] of TCP_FLAG_CHARS) if ((flags & bit) !== 0) s += c;
  return s === '' ? 'none' : s;
}

function hexBytes(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** One option as print-tcp.c prints it inside `options [...]`. */
function tcpdumpOption(o: TcpOption): string {
  switch (o.kind) {
    case 'eol':
      return 'eol';
    case 'nop':
      return 'nop';
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.shift}`;
    case 'sackPermitted':
      return 'sackOK';
    case 'sack':
      return `sack ${o.blocks.length} ${o.blocks.map(([l, r]) => `{${l}:${r}}`).join('')}`;
    case 'timestamps':
      return `TS val ${o.tsval} ecr ${o.tsecr}`;
    case 'toa':
      // Kind 254 is RFC 6994's experiment: tcpdump prints the 16-bit experiment id, here the port.
      return `exp-${o.port.toString(16).padStart(4, '0')}`;
    case 'unknown':
      if (o.type === 254 && o.data.length >= 2) return `exp-${hexBytes(o.data.subarray(0, 2))}`;
      return o.data.length > 0 ? `unknown-${o.type} 0x${hexBytes(o.data)}` : `unknown-${o.type}`;
    default:
      return assertNever(o);
  }
}

function tcpdumpOptions(options: readonly TcpOption[]): string {
  const parts: string[] = [];
  for (const o of options) {
    parts.push(tcpdumpOption(o));
    if (o.kind === 'eol') break;
  }
  return parts.join(',');
}

/** Request methods tcpdump's HTTP printer recognises (print-http.c httpcmds). */
const HTTP_METHODS = new Set(
  'GET PUT COPY HEAD LOCK MOVE POLL POST BCOPY BMOVE MKCOL TRACE LABEL MERGE DELETE SEARCH UNLOCK REPORT UPDATE NOTIFY BDELETE CONNECT OPTIONS CHECKIN PROPFIND CHECKOUT CCM_POST SUBSCRIBE PROPPATCH BPROPFIND BPROPPATCH UNCHECKOUT MKACTIVITY MKWORKSPACE UNSUBSCRIBE RPC_CONNECT VERSION-CONTROL BASELINE-CONTROL'.split(' '),
);

/** ": HTTP" and, for a request or response line, ": <first line>" (util-print.c txtproto_print). */
function httpSuffix(payload: Uint8Array): string {
  let end = payload.indexOf(0x0a);
  const complete = end >= 0;
  if (!complete) end = payload.length;
  let line = '';
  for (let i = 0; i < end; i++) {
    const c = payload[i] as number;
    if (c === 0x0d && i === end - 1 && complete) break;
    if ((c < 0x20 || c > 0x7e) && c !== 0x09) return ': HTTP';
    line += String.fromCharCode(c);
  }
  const tokens = line.split(' ');
  const first = (tokens[0] ?? '').toUpperCase();
  const second = tokens[1] ?? '';
  const isReqResp = HTTP_METHODS.has(first) || /^[0-9]{3}$/.test(second);
  if (!isReqResp) return ': HTTP';
  return complete ? `: HTTP: ${line}` : `: HTTP: ${line} [|http]`;
}

function tcpSummary(ip: Ipv4Packet, s: TcpSegment): string {
  const len = s.payload.length;
  const f = s.flags & 0xff;
  let out = `${formatIp4(ip.src)}.${s.sport} > ${formatIp4(ip.dst)}.${s.dport}: Flags [${tcpdumpFlags(f)}]`;
  if (len > 0 || (f & 0x07) !== 0) {
    out += `, seq ${s.seq}`;
    if (len > 0) out += `:${(s.seq + len) % 0x1_0000_0000}`;
  }
  if ((f & 0x10) !== 0) out += `, ack ${s.ack}`;
  out += `, win ${s.window}`;
  if ((f & 0x20) !== 0) out += `, urg ${s.urgent}`;
  if (s.options.length > 0) out += `, options [${tcpdumpOptions(s.options)}]`;
  out += `, length ${len}`;
  const http = s.sport === 80 || s.dport === 80 || s.sport === 8080 || s.dport === 8080;
  if (len > 0 && http) out += httpSuffix(s.payload);
  return out;
}

const UNREACH_FORMATS: ReadonlyMap<number, string> = new Map([
  [0, 'net {dst} unreachable'],
  [1, 'host {dst} unreachable'],
  [5, '{dst} unreachable - source route failed'],
  [6, 'net {dst} unreachable - unknown'],
  [7, 'host {dst} unreachable - unknown'],
  [8, '{dst} unreachable - source host isolated'],
  [9, 'net {dst} unreachable - admin prohibited'],
  [10, 'host {dst} unreachable - admin prohibited'],
  [11, 'net {dst} unreachable - tos prohibited'],
  [12, 'host {dst} unreachable - tos prohibited'],
  [13, 'host {dst} unreachable - admin prohibited filter'],
  [14, 'host {dst} unreachable - host precedence violation'],
  [15, 'host {dst} unreachable - precedence cutoff'],
]);

const ICMP_QUERY_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'echo reply'],
  [4, 'source quench'],
  [8, 'echo request'],
  [10, 'router solicitation'],
  [13, 'time stamp request'],
  [14, 'time stamp reply'],
  [15, 'information request'],
  [16, 'information reply'],
  [17, 'address mask request'],
]);

function unreachText(m: Extract<IcmpMessage, { kind: 'unreach' }>): string {
  const q = quotedPacket(m.original);
  if (q === undefined) return `type-#3`;
  const dst = formatIp4(q.dst);
  switch (m.code) {
    case 2:
      return `${dst} protocol ${q.protocol} unreachable`;
    case 3: {
      const dport = q.transport?.layer === 'qtcp' || q.transport?.layer === 'qudp' ? q.transport.dport : undefined;
      if (q.protocol === 6 && dport !== undefined) return `${dst} tcp port ${dport} unreachable`;
      if (q.protocol === 17 && dport !== undefined) return `${dst} udp port ${dport} unreachable`;
      const raw = m.original;
      const at = q.hdrLen + 2;
      const p = raw.length >= at + 2 ? ((raw[at] as number) << 8) | (raw[at + 1] as number) : 0;
      return `${dst} protocol ${q.protocol} port ${p} unreachable`;
    }
    case 4:
      return m.nextHopMtu !== 0 ? `${dst} unreachable - need to frag (mtu ${m.nextHopMtu})` : `${dst} unreachable - need to frag`;
    default: {
      const fmt = UNREACH_FORMATS.get(m.code);
      return fmt === undefined ? `${dst} unreachable - #${m.code}` : fmt.replace('{dst}', dst);
    }
  }
}

function icmpText(m: IcmpMessage): string {
  switch (m.kind) {
    case 'echo':
      return `echo ${m.type === 8 ? 'request' : 'reply'}, id ${m.ident}, seq ${m.seq}`;
    case 'unreach':
      return unreachText(m);
    case 'timeExceeded':
      if (m.code === 0) return 'time exceeded in-transit';
      return m.code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${m.code}`;
    case 'other': {
      const id = Math.floor(m.rest / 0x10000);
      const seq = m.rest % 0x10000;
      if (m.type === 12) return m.code !== 0 ? `parameter problem - code ${m.code}` : `parameter problem - octet ${Math.floor(m.rest / 0x1000000)}`;
      if (m.type === 13) return `time stamp query id ${id} seq ${seq}`;
      if (m.type === 18 && m.data.length >= 4) {
        const mask = ((m.data[0] as number) * 0x1000000 + ((m.data[1] as number) << 16) + ((m.data[2] as number) << 8) + (m.data[3] as number));
        return `address mask is 0x${mask.toString(16).padStart(8, '0')}`;
      }
      if (m.type === 5) {
        const q = quotedPacket(m.data);
        const kinds = ['redirect {dst} to net {gw}', 'redirect {dst} to host {gw}', 'redirect-tos {dst} to net {gw}', 'redirect-tos {dst} to host {gw}'];
        const fmt = kinds[m.code] ?? `redirect-#${m.code} {dst} to {gw}`;
        return fmt.replace('{dst}', q === undefined ? '?' : formatIp4(q.dst)).replace('{gw}', formatIp4(m.rest));
      }
      return ICMP_QUERY_NAMES.get(m.type) ?? `type-#${m.type}`;
    }
    default:
      return assertNever(m);
  }
}

const VRRP_AUTH: readonly string[] = ['none', 'simple', 'ah'];

function vrrpText(v: VrrpPacket, ttl: number): string {
  const type = v.type & 15;
  let out = `VRRPv${v.version}, ${type === 1 ? 'Advertisement' : `unknown type (${type})`}`;
  if (ttl !== 255) out += `, (ttl ${ttl})`;
  if (type !== 1) return out;
  out += `, vrid ${v.vrid}, prio ${v.priority}`;
  const len = vrrpLength(v);
  if (v.version === 2) out += `, authtype ${VRRP_AUTH[v.authType] ?? `#${v.authType}`}, intvl ${v.adverInt}s, length ${len}`;
  else out += `, intvl ${v.maxAdverInt & 0xfff}cs, length ${len}`;
  return out;
}

/**
 * The tcpdump line of an IPv4 packet ("IP a > b: …"), for events that carry a packet without
 * its Ethernet header (netfilter hooks, routing).
 */
export function summarizeIp(p: Ipv4Packet): string {
  const src = formatIp4(p.src);
  const dst = formatIp4(p.dst);
  if (p.fragOffset !== 0 || p.payload.layer === 'raw') {
    if (p.fragOffset !== 0 || p.mf) return `IP ${src} > ${dst}: ip-proto-${p.protocol}`;
    const len = p.payload.layer === 'raw' ? p.payload.bytes.length : 0;
    return `IP ${src} > ${dst}:  ip-proto-${p.protocol} ${len}`;
  }
  const pl = p.payload;
  switch (pl.layer) {
    case 'tcp':
      return `IP ${tcpSummary(p, pl)}`;
    case 'udp':
      return `IP ${src}.${pl.sport} > ${dst}.${pl.dport}: UDP, length ${pl.payload.length}`;
    case 'icmp':
      return `IP ${src} > ${dst}: ICMP ${icmpText(pl)}, length ${icmpLength(pl)}`;
    case 'vrrp':
      return `IP ${src} > ${dst}: ${vrrpText(pl, p.ttl)}`;
    case 'ipv4':
      return `IP ${src} > ${dst}: ${summarizeIp(pl)}`;
    default:
      return assertNever(pl);
  }
}

const ARP_OPS: ReadonlyMap<number, string> = new Map([
  [1, 'Request'],
  [2, 'Reply'],
  [3, 'Reverse Request'],
  [4, 'Reverse Reply'],
  [8, 'Inverse Request'],
  [9, 'Inverse Reply'],
  [10, 'NACK Reply'],
]);

function arpSummary(a: ArpPacket, length: number): string {
  const op = ARP_OPS.get(a.oper) ?? `Unknown (${a.oper})`;
  let body: string;
  switch (a.oper) {
    case 1:
      body = `who-has ${formatIp4(a.tpa)}${a.tha !== 0 ? ` (${formatMac(a.tha)})` : ''} tell ${formatIp4(a.spa)}`;
      break;
    case 2:
      body = `${formatIp4(a.spa)} is-at ${formatMac(a.sha)}`;
      break;
    case 3:
    case 8:
      body = `who-is ${formatMac(a.tha)} tell ${formatMac(a.sha)}`;
      break;
    case 4:
      body = `${formatMac(a.tha)} at ${formatIp4(a.tpa)}`;
      break;
    case 9:
      body = `${formatMac(a.sha)} at ${formatIp4(a.spa)}`;
      break;
    default:
      // tcpdump hex-dumps other operations; the one-line form stops at their name.
      return `ARP, ${op}`;
  }
  return `ARP, ${op} ${body}, length ${length}`;
}

/** The tcpdump line of a frame (without timestamp), e.g. `ARP, Reply 192.168.1.100 is-at 02:00:00:00:00:0a, length 28`. */
export function summarize(frame: EthernetFrame): string {
  const pl = frame.payload;
  switch (pl.layer) {
    case 'arp':
      return arpSummary(pl, frameLength(frame) - 14);
    case 'ipv4':
      return summarizeIp(pl);
    case 'raw': {
      const type = frame.ethertype.toString(16).padStart(4, '0');
      return `${formatMac(frame.src)} > ${formatMac(frame.dst)}, ethertype Unknown (0x${type}), length ${frameLength(frame)}`;
    }
    default:
      return assertNever(pl);
  }
}
