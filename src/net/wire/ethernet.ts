/**
 * Ethernet II framing (IEEE 802.3 clause 3 with an EtherType ≥ 0x0600): destination, source,
 * EtherType, payload. The binding table: 0x0800 IPv4, 0x0806 ARP, anything else raw (802.1Q
 * tags and 802.3 length frames are not modelled). No FCS (pcaps of Ethernet carry none) and no
 * padding to the 60-byte minimum on encode; on decode, padding after an IPv4 packet or an ARP
 * packet is dropped.
 */
import { assertNever } from '../../assert-never.js';
import { get16, getMac, put16, putMac } from './bytes.js';
import { emitArp, parseArp } from './arp.js';
import { msg } from '../../i18n/message.js';
import { WireFault } from './fault.js';
import { emitIpv4, parseIpv4 } from './ipv4.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, type EthernetFrame } from './packet.js';

/** Length of the Ethernet II header. */
export const ETH_HLEN = 14;

/**
 * Writes `f` at `off` (the buffer must hold frameLength(f) bytes from there). A valid value:
 * 48-bit MACs, ethertype 0..65535 agreeing with the payload (0x0800 for ipv4, 0x0806 for arp,
 * any for raw), the payload valid as its emitter says.
 */
export function emitEthernet(f: EthernetFrame, buf: Uint8Array, off: number): void {
  putMac(buf, off, f.dst);
  putMac(buf, off + 6, f.src);
  put16(buf, off + 12, f.ethertype);
  const pl = f.payload;
  switch (pl.layer) {
    case 'ipv4':
      emitIpv4(pl, buf, off + ETH_HLEN);
      break;
    case 'arp':
      emitArp(pl, buf, off + ETH_HLEN);
      break;
    case 'raw':
      buf.set(pl.bytes, off + ETH_HLEN);
      break;
    default:
      assertNever(pl);
  }
}

/** Parses the frame in `buf[start..end)`. */
export function parseEthernet(buf: Uint8Array, start: number, end: number, verify: boolean): EthernetFrame | WireFault {
  const len = end - start;
  if (len < ETH_HLEN) return new WireFault('eth', start, msg('wire.eth.truncated', { len }));
  const ethertype = get16(buf, start + 12);
  let payload: EthernetFrame['payload'] | WireFault;
  switch (ethertype) {
    case ETHERTYPE_IPV4:
      payload = parseIpv4(buf, start + ETH_HLEN, end, verify);
      break;
    case ETHERTYPE_ARP:
      payload = parseArp(buf, start + ETH_HLEN, end);
      break;
    default:
      payload = { layer: 'raw', bytes: buf.subarray(start + ETH_HLEN, end) };
  }
  if (payload instanceof WireFault) return payload;
  return { layer: 'eth', dst: getMac(buf, start), src: getMac(buf, start + 6), ethertype, payload };
}
