/**
 * ARP for IPv4 over Ethernet, after net/ipv4/arp.c: arp_process (what to answer and what to
 * learn from a received ARP packet, with arp_ignore 0–8, arp_filter, proxy_arp, GARP and
 * arp_accept) and arp_solicit (the sender IP of the requests we send, chosen by arp_announce).
 * Every decision carries a message id with the values that led to it: these explanations are the
 * heart of the ARP lessons (reference: arp-vrrp-keepalived-fullnat-synproxy.md §1.2–1.7).
 * Simplified: no DAD-specific timers, no ARP over non-Ethernet devices.
 */
import type { ArpPacket, EthernetFrame } from './wire/packet.js';
import { ARP_REPLY, ARP_REQUEST, ETHERTYPE_ARP } from './wire/packet.js';
import type { Ip4, Mac } from './wire/addr.js';
import { MAC_BROADCAST, formatIp4, formatMac, isLoopback, isMulticast } from './wire/addr.js';
import type { Msg } from '../i18n/message.js';
import type { NetDevice } from './iface.js';
import type { Fib } from './route.js';
import type { ConfName } from './sysctl.js';
import type { NeighEntry } from './neigh.js';
import type { Skb, SimApi } from './types.js';
import { MS } from './types.js';
import { RT_SCOPE_HOST, RT_SCOPE_LINK, confirmAddrInDev, inetAddrOnlink, inetConfirmAddr, inetSelectAddr } from './addr-select.js';

/** How the receiving interface classified a frame (skb->pkt_type). */
export type PktType = 'host' | 'broadcast' | 'multicast';

/** The input-route verdict ARP needs (ip_route_input_noref for tip from sip, as a non-IP packet). */
export type ArpRouteKind = 'local' | 'forward' | 'none';

/** What ARP needs from its host. */
export interface ArpHost {
  readonly name: string;
  readonly sim: SimApi;
  readonly devices: readonly NetDevice[];
  readonly fib: Fib;
  /** Effective value of a per-interface knob. */
  conf(name: ConfName, dev: string): number;
  /** The input route of an ARP request: tip local, forwardable (with its output device), or neither. */
  arpInputRoute(tip: Ip4, sip: Ip4, dev: NetDevice): { readonly kind: ArpRouteKind; readonly outDev?: string };
  /** The output device of a route to `dst` from `src`, undefined without a route (for arp_filter). */
  outputDev(dst: Ip4, src: Ip4): string | undefined;
  /** Puts an ARP frame on the device's segment; `msg` explains it on the tx event. */
  sendFrame(dev: NetDevice, frame: EthernetFrame, pkt: number, flow: number, msg: Msg): void;
  /** A received frame was consumed without effect; `msg` says why. */
  dropFrame(frame: EthernetFrame, pkt: number, flow: number, msg: Msg): void;
}

/** ARP proxy_delay default: 0.8 s (replies to broadcast requests for proxied addresses wait up to this). */
export const PROXY_DELAY = 800 * MS;

function arpFrame(oper: number, dev: NetDevice, ethDst: Mac, spa: Ip4, tha: Mac, tpa: Ip4): EthernetFrame {
  const arp: ArpPacket = { layer: 'arp', oper, sha: dev.mac, spa, tha, tpa };
  return { layer: 'eth', dst: ethDst, src: dev.mac, ethertype: ETHERTYPE_ARP, payload: arp };
}

/** The arp_ignore decision for a request for `tip` from `sip` received on `dev`. */
export interface ArpIgnoreDecision {
  readonly dontSend: boolean;
  readonly msg: Msg;
}

/** arp_ignore(in_dev, sip, tip) with the reason, using the effective (max of all and dev) value. */
export function arpIgnore(host: ArpHost, dev: NetDevice, sip: Ip4, tip: Ip4): ArpIgnoreDecision {
  const value = host.conf('arp_ignore', dev.name);
  const routeLocalnet = (d: NetDevice): boolean => host.conf('route_localnet', d.name) !== 0;
  const params = { tip: formatIp4(tip), sip: formatIp4(sip), iface: dev.name, value };
  const say = (dontSend: boolean, id: string): ArpIgnoreDecision => ({ dontSend, msg: { id, params } });
  switch (value) {
    case 0:
      return say(false, 'arp.ignore.any');
    case 1:
      return confirmAddrInDev(dev, 0, tip, RT_SCOPE_HOST, routeLocalnet(dev)) !== 0
        ? say(false, 'arp.ignore.onIface')
        : say(true, 'arp.ignore.notOnIface');
    case 2:
      if (confirmAddrInDev(dev, sip, tip, RT_SCOPE_HOST, routeLocalnet(dev)) !== 0) return say(false, 'arp.ignore.sameSubnet');
      return dev.hasAddress(tip) ? say(true, 'arp.ignore.notSameSubnet') : say(true, 'arp.ignore.notOnIface');
    case 3:
      return inetConfirmAddr(undefined, host.devices, 0, tip, RT_SCOPE_LINK, routeLocalnet) !== 0
        ? say(false, 'arp.ignore.scopeOk')
        : say(true, 'arp.ignore.scopeHost');
    case 4:
    case 5:
    case 6:
    case 7:
      return say(false, 'arp.ignore.reserved');
    case 8:
      return say(true, 'arp.ignore.never');
    default:
      return say(false, 'arp.ignore.unknownValue');
  }
}

/**
 * arp_filter(sip, tip, dev): with arp_filter on, answer only when our route back to the requester
 * (from tip) leaves through the interface the request came in on. Undefined means "send".
 */
export function arpFilter(host: ArpHost, dev: NetDevice, sip: Ip4, tip: Ip4): Msg | undefined {
  const out = host.outputDev(sip, tip);
  const params = { tip: formatIp4(tip), sip: formatIp4(sip), iface: dev.name };
  if (out === undefined) return { id: 'arp.filter.noRoute', params };
  if (out !== dev.name) return { id: 'arp.filter.otherIface', params: { ...params, outIface: out } };
  return undefined;
}

/** arp_accept(in_dev, sip): may an unsolicited ARP create a cache entry? */
function arpAccept(host: ArpHost, dev: NetDevice, sip: Ip4): boolean {
  switch (host.conf('arp_accept', dev.name)) {
    case 0:
      return false;
    case 1:
      return true;
    case 2:
      return inetConfirmAddr(dev, host.devices, sip, 0, RT_SCOPE_LINK, (d) => host.conf('route_localnet', d.name) !== 0) !== 0;
    default:
      return false;
  }
}

/** arp_is_garp: sip == tip (and, for a reply, tha == sha) with sip a unicast address. */
function arpIsGarp(host: ArpHost, arp: ArpPacket): boolean {
  let garp = arp.spa === arp.tpa;
  if (garp && arp.oper === ARP_REPLY) garp = arp.tha === arp.sha;
  return garp && host.fib.addrType(arp.spa) === 'unicast';
}

/**
 * arp_process for a frame received on `dev`. `pktType` says whether the frame was unicast to us
 * or broadcast/multicast.
 */
export function arpProcess(host: ArpHost, dev: NetDevice, frame: EthernetFrame, pktType: PktType, pkt: number, flow: number): void {
  const arp = frame.payload as ArpPacket;
  const { oper, sha, spa: sip, tpa: tip } = arp;
  const ipParams = { sip: formatIp4(sip), tip: formatIp4(tip), iface: dev.name };
  if (oper !== ARP_REQUEST && oper !== ARP_REPLY) {
    host.dropFrame(frame, pkt, flow, { id: 'arp.drop.badOp', params: { ...ipParams, oper } });
    return;
  }
  if (isMulticast(tip) || (isLoopback(tip) && host.conf('route_localnet', dev.name) === 0)) {
    host.dropFrame(frame, pkt, flow, { id: 'arp.drop.badTarget', params: ipParams });
    return;
  }
  if (sip === tip && host.conf('drop_gratuitous_arp', dev.name) !== 0) {
    host.dropFrame(frame, pkt, flow, { id: 'arp.drop.gratuitous', params: ipParams });
    return;
  }
  const replyTo = (msg: Msg): void => {
    const reply = arpFrame(ARP_REPLY, dev, sha, tip, sha, sip);
    host.sendFrame(dev, reply, host.sim.nextPacketId(), flow, msg);
  };

  if (sip === 0) {
    // RFC 2131/5227 duplicate address detection probe: answer if the address is ours and allowed.
    if (oper === ARP_REQUEST && host.fib.addrType(tip) === 'local') {
      const d = arpIgnore(host, dev, sip, tip);
      if (d.dontSend) host.dropFrame(frame, pkt, flow, d.msg);
      else replyTo({ id: 'arp.reply.dad', params: { ...ipParams, value: host.conf('arp_ignore', dev.name) } });
    }
    return;
  }

  if (oper === ARP_REQUEST) {
    const rt = host.arpInputRoute(tip, sip, dev);
    if (rt.kind === 'local') {
      let d = arpIgnore(host, dev, sip, tip);
      if (!d.dontSend && host.conf('arp_filter', dev.name) !== 0) {
        const f = arpFilter(host, dev, sip, tip);
        if (f !== undefined) d = { dontSend: true, msg: f };
      }
      if (d.dontSend) {
        host.dropFrame(frame, pkt, flow, d.msg);
        return;
      }
      // neigh_event_ns: the requester probably wants to talk to us; cache it as STALE.
      const n = dev.neigh.lookupCreate(sip);
      dev.neigh.update(n, sha, 'STALE', { override: true }, { id: 'neigh.stale.requestForUs', params: { ip: formatIp4(sip), mac: formatMac(sha), iface: dev.name } });
      replyTo(d.msg);
      return;
    }
    if (rt.kind === 'forward' && host.conf('forwarding', dev.name) !== 0 && proxyArpAllowed(host, dev, rt.outDev)) {
      const n = dev.neigh.lookupCreate(sip);
      dev.neigh.update(n, sha, 'STALE', { override: true }, { id: 'neigh.stale.requestForUs', params: { ip: formatIp4(sip), mac: formatMac(sha), iface: dev.name } });
      const msg: Msg = { id: 'arp.proxy.reply', params: { ...ipParams, outIface: rt.outDev ?? '' } };
      if (pktType === 'host') replyTo(msg);
      else {
        const delay = host.sim.randomInt(0, PROXY_DELAY / MS - 1) * MS;
        host.sim.after(delay, () => {
          if (dev.up) replyTo(msg);
        });
      }
      return;
    }
  }

  // Update our ARP table.
  const table = dev.neigh;
  let n = table.lookup(sip);
  const accept = arpAccept(host, dev, sip);
  const isGarp = n !== undefined || accept ? arpIsGarp(host, arp) : false;
  if (accept && n === undefined && (isGarp || (oper === ARP_REPLY && host.fib.addrType(sip) === 'unicast'))) {
    n = table.lookupCreate(sip);
  }
  if (n === undefined) return;
  const override = host.sim.now > n.updated + table.parms.locktime || isGarp;
  const state = oper !== ARP_REPLY || pktType !== 'host' ? 'STALE' : 'REACHABLE';
  const id = isGarp
    ? 'neigh.garp'
    : oper === ARP_REPLY
      ? pktType === 'host'
        ? 'neigh.reachable.reply'
        : 'neigh.stale.broadcastReply'
      : 'neigh.stale.request';
  // neigh_update without NEIGH_UPDATE_F_OVERRIDE keeps a valid entry's MAC: within locktime
  // (1 s) of its last change, another answer for the address is ignored and the first one stays.
  const refused = {
    id: 'neigh.locktime',
    params: { ip: formatIp4(sip), mac: formatMac(sha), kept: n.mac === undefined ? '' : formatMac(n.mac), iface: dev.name, locktimeMs: table.parms.locktime / MS },
  };
  table.update(n, sha, state, { override, refused }, { id, params: { ip: formatIp4(sip), mac: formatMac(sha), iface: dev.name } });
}

/** arp_fwd_proxy: proxy_arp on the input interface, the route leaves through another one, medium_id rules. */
function proxyArpAllowed(host: ArpHost, dev: NetDevice, outDev: string | undefined): boolean {
  if (outDev === undefined || outDev === dev.name) return false;
  if (host.conf('proxy_arp', dev.name) === 0) return false;
  const imi = host.conf('medium_id', dev.name);
  if (imi === 0) return true;
  if (imi === -1) return false;
  const omi = host.conf('medium_id', outDev);
  return omi !== imi && omi !== -1;
}

/**
 * arp_solicit: sends an ARP request for `entry.ip` on `dev`. The sender IP follows arp_announce
 * (max of all and dev): 0 (and values above 2) uses the triggering packet's source when it is a
 * local address on any interface; 1 only when that source shares a subnet of `dev` with the
 * target; 2 never. Otherwise inet_select_addr(dev, target, link). `unicastTo` makes it a unicast
 * probe (PROBE state).
 */
export function arpSolicit(host: ArpHost, dev: NetDevice, entry: NeighEntry, skb: Skb | undefined, unicastTo: Mac | undefined): void {
  const target = entry.ip;
  const value = host.conf('arp_announce', dev.name);
  const pktSrc = skb === undefined ? 0 : skb.ip.src;
  let saddr = 0;
  let id: string;
  switch (value) {
    case 1:
      if (skb === undefined) id = 'arp.announce.noPacket';
      else if (host.fib.addrType(pktSrc) === 'local' && inetAddrOnlink(dev, target, pktSrc)) {
        saddr = pktSrc;
        id = 'arp.announce.1.onlink';
      } else id = 'arp.announce.1.notOnlink';
      break;
    case 2:
      id = 'arp.announce.2';
      break;
    default:
      if (skb === undefined) id = 'arp.announce.noPacket';
      else if (host.fib.addrType(pktSrc) === 'local') {
        saddr = pktSrc;
        id = 'arp.announce.0.localSrc';
      } else id = 'arp.announce.0.notLocal';
      break;
  }
  if (saddr === 0) saddr = inetSelectAddr(dev, target, RT_SCOPE_LINK, host.devices, host.conf('route_localnet', dev.name) !== 0);
  const frame = arpFrame(ARP_REQUEST, dev, unicastTo ?? MAC_BROADCAST, saddr, 0, target);
  const msg: Msg = {
    id,
    params: {
      target: formatIp4(target),
      sip: formatIp4(saddr),
      src: formatIp4(pktSrc),
      iface: dev.name,
      value,
      probe: { id: unicastTo === undefined ? 'arp.probe.broadcast' : 'arp.probe.unicast' },
    },
  };
  const flow = skb?.flow ?? (entry.flow !== 0 ? entry.flow : host.sim.nextFlowId());
  host.sendFrame(dev, frame, host.sim.nextPacketId(), flow, msg);
}

/**
 * A gratuitous ARP as Linux sends it (inetdev_send_gratuitous_arp, arp_notify): a broadcast
 * request with sip = tip = the address and tha = 0.
 */
export function garpFrame(dev: NetDevice, addr: Ip4): EthernetFrame {
  return arpFrame(ARP_REQUEST, dev, MAC_BROADCAST, addr, 0, addr);
}
