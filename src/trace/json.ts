/**
 * TraceEvent → JSON (one object per line: JSONL). Addresses become their text forms and packet
 * values become layered objects named like Wireshark's protocols (eth, arp, ip, tcp, udp, icmp,
 * vrrp), so that `jq` users read them without our types. Payload bytes are summarised by length.
 * The format is documented in docs/trace-format.md.
 */
import type { TraceEvent } from './events.js';
import type { EthernetFrame, Ipv4Packet, TcpOption } from '../net/wire/packet.js';
import { formatIp4, formatMac } from '../net/wire/addr.js';
import { assertNever } from '../assert-never.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function tcpOptionJson(o: TcpOption): Json {
  switch (o.kind) {
    case 'eol':
    case 'nop':
    case 'sackPermitted':
      return { kind: o.kind };
    case 'mss':
      return { kind: o.kind, value: o.value };
    case 'wscale':
      return { kind: o.kind, shift: o.shift };
    case 'sack':
      return { kind: o.kind, blocks: o.blocks.map(([l, r]) => [l, r]) };
    case 'timestamps':
      return { kind: o.kind, tsval: o.tsval, tsecr: o.tsecr };
    case 'toa':
      return { kind: o.kind, port: o.port, addr: formatIp4(o.addr) };
    case 'unknown':
      return { kind: o.kind, type: o.type, data: hex(o.data) };
    default:
      return assertNever(o);
  }
}

/** An IPv4 packet and its payload layers as JSON. */
export function ipv4Json(p: Ipv4Packet): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    ip: {
      src: formatIp4(p.src),
      dst: formatIp4(p.dst),
      proto: p.protocol,
      ttl: p.ttl,
      id: p.id,
      tos: p.tos,
      df: p.df,
      mf: p.mf,
      frag_offset: p.fragOffset,
      ...(p.options.length > 0 ? { options: hex(p.options) } : {}),
    },
  };
  const l4 = p.payload;
  switch (l4.layer) {
    case 'tcp':
      out['tcp'] = {
        srcport: l4.sport,
        dstport: l4.dport,
        seq: l4.seq,
        ack: l4.ack,
        flags: l4.flags,
        window: l4.window,
        ...(l4.urgent !== 0 ? { urgent: l4.urgent } : {}),
        options: l4.options.map(tcpOptionJson),
        len: l4.payload.length,
      };
      break;
    case 'udp':
      out['udp'] = { srcport: l4.sport, dstport: l4.dport, len: l4.payload.length };
      break;
    case 'icmp':
      switch (l4.kind) {
        case 'echo':
          out['icmp'] = { type: l4.type, code: l4.code, ident: l4.ident, seq: l4.seq, len: l4.data.length };
          break;
        case 'unreach':
          out['icmp'] = { type: 3, code: l4.code, mtu: l4.nextHopMtu, original: hex(l4.original) };
          break;
        case 'timeExceeded':
          out['icmp'] = { type: 11, code: l4.code, original: hex(l4.original) };
          break;
        case 'other':
          out['icmp'] = { type: l4.type, code: l4.code, rest: l4.rest, len: l4.data.length };
          break;
        default:
          assertNever(l4);
      }
      break;
    case 'ipv4':
      out['inner'] = ipv4Json(l4);
      break;
    case 'vrrp':
      out['vrrp'] =
        l4.version === 2
          ? { version: 2, type: l4.type, vrid: l4.vrid, prio: l4.priority, auth_type: l4.authType, adver_int: l4.adverInt, addrs: l4.addrs.map(formatIp4) }
          : { version: 3, type: l4.type, vrid: l4.vrid, prio: l4.priority, max_adver_int: l4.maxAdverInt, addrs: l4.addrs.map(formatIp4) };
      break;
    case 'raw':
      out['data'] = { len: l4.bytes.length };
      break;
    default:
      assertNever(l4);
  }
  return out;
}

/** An Ethernet frame and its layers as JSON. */
export function frameJson(f: EthernetFrame): { [key: string]: Json } {
  const eth: Json = { src: formatMac(f.src), dst: formatMac(f.dst), type: f.ethertype };
  const p = f.payload;
  switch (p.layer) {
    case 'arp':
      return {
        eth,
        arp: { opcode: p.oper, sha: formatMac(p.sha), spa: formatIp4(p.spa), tha: formatMac(p.tha), tpa: formatIp4(p.tpa) },
      };
    case 'ipv4':
      return { eth, ...ipv4Json(p) };
    case 'raw':
      return { eth, data: { len: p.bytes.length } };
    default:
      return assertNever(p);
  }
}

/** Snapshot fields that hold addresses, by name, rendered as text. */
const ADDRESS_KEYS = new Set(['vaddr', 'daddr', 'caddr', 'netmask', 'laddr', 'raddr', 'ip', 'dst', 'nextHop', 'src', 'addr', 'via', 'broadcast']);

function plain(value: unknown, key: string): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (key === 'mac') return formatMac(value);
    return ADDRESS_KEYS.has(key) ? formatIp4(value) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => plain(v, ''));
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o['layer'] === 'eth') return frameJson(value as EthernetFrame);
    if (o['layer'] === 'ipv4') return ipv4Json(value as Ipv4Packet);
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = plain(v, k);
    return out;
  }
  return String(value);
}

/** The JSON object of one event (field order: t, kind, host, then the event's own fields). */
export function eventJson(e: TraceEvent): { [key: string]: Json } {
  const out: { [key: string]: Json } = { t: e.t, kind: e.kind, host: e.host };
  for (const [k, v] of Object.entries(e)) {
    if (k === 't' || k === 'kind' || k === 'host' || v === undefined) continue;
    out[k] = plain(v, k);
  }
  return out;
}

/** One JSONL line (without the newline). */
export function eventJsonLine(e: TraceEvent): string {
  return JSON.stringify(eventJson(e));
}
