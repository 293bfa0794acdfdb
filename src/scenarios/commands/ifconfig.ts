/**
 * net-tools `ifconfig`, the form most LVS notes use: `ifconfig lo:0 VIP netmask 255.255.255.255 up`,
 * `ifconfig eth0:1 ADDR/PLEN`, `ifconfig eth0 down`, `ifconfig -a`. An alias name (`lo:0`) is the
 * address's label on the base device. As in the kernel's SIOCSIFADDR, an address given without a
 * netmask or /PLEN gets its classful prefix (10.x → /8, 172.16.x → /16, 192.168.x → /24), the
 * classic trap of `ifconfig lo:0 VIP up`. Options the lab does not model are errors.
 */
import type { IfconfigCommand } from './types.js';
import type { Word } from './shell.js';
import { Args, aliasDevRef, at, base, fail, isIfname, type Parse } from './args.js';
import { classfulPrefixLen, readAddrPrefix, readInt, readIp4, readMac, readNetmask } from './values.js';
import type { Ip4, Mac } from '../../net/wire/addr.js';

/** net-tools keywords the lab knows but does not model. */
const UNMODELLED = new Set([
  'promisc', '-promisc', 'allmulti', '-allmulti', 'multicast', '-multicast', 'trailers', '-trailers',
  'metric', 'dstaddr', 'pointopoint', '-pointopoint', 'add', 'del', 'txqueuelen', 'tunnel', 'io_addr',
  'irq', 'mem_start', 'media', 'keepalive', 'outfill', '-broadcast', 'dynamic', '-dynamic',
]);

/** Parses `ifconfig …` (words[0] is `ifconfig`). */
export function parseIfconfig(words: readonly Word[]): Parse<IfconfigCommand> {
  const args = new Args(words);
  const first = args.next();
  if (first === undefined) return { ok: true, value: { ...base(words), kind: 'ifconfig', op: 'list', all: false } };
  if (first.text === '-a') {
    const extra = args.next();
    if (extra !== undefined) return fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
    return { ok: true, value: { ...base(words), kind: 'ifconfig', op: 'list', all: true } };
  }
  if (first.text.startsWith('-')) return fail(first, 'scenario.cmd.optionNotModelled', { tool: 'ifconfig', word: first.text });
  if (!isIfname(first.text)) return fail(first, 'scenario.cmd.badIfname', { name: first.text });
  const ifname = first.text;
  const colon = ifname.indexOf(':');
  const dev = colon < 0 ? ifname : ifname.slice(0, colon);
  const refs = [aliasDevRef(first)];
  if (args.done) return { ok: true, value: { ...base(words, refs), kind: 'ifconfig', op: 'show', ifname } };

  let addr: Ip4 | undefined;
  let cidrLen: number | undefined;
  let addrWord: Word | undefined;
  let maskLen: number | undefined;
  let broadcast: Ip4 | undefined;
  let mtu: number | undefined;
  let hwAddr: Mac | undefined;
  let arp: boolean | undefined;
  let up: boolean | undefined;
  for (let w = args.next(); w !== undefined; w = args.next()) {
    switch (w.text) {
      case 'up':
        up = true;
        break;
      case 'down':
        up = false;
        break;
      case 'arp':
        arp = true;
        break;
      case '-arp':
        arp = false;
        break;
      case 'netmask': {
        const len = args.read(w, readNetmask);
        if (!len.ok) return len;
        maskLen = len.value;
        break;
      }
      case 'broadcast': {
        const b = args.read(w, readIp4);
        if (!b.ok) return b;
        broadcast = b.value;
        break;
      }
      case 'mtu': {
        const m = args.read(w, (t) => readInt(t, 68, 65536));
        if (!m.ok) return m;
        mtu = m.value;
        break;
      }
      case 'hw': {
        const cls = args.value(w);
        if (!cls.ok) return cls;
        if (cls.value.text !== 'ether') return fail(cls.value, 'scenario.ifconfig.hwClass', { word: cls.value.text });
        const v = args.value(cls.value);
        if (!v.ok) return v;
        const m = at(v.value, readMac(v.value.text));
        if (!m.ok) return m;
        hwAddr = m.value;
        break;
      }
      default: {
        if (UNMODELLED.has(w.text) || w.text.startsWith('-')) return fail(w, 'scenario.cmd.optionNotModelled', { tool: 'ifconfig', word: w.text });
        if (addrWord !== undefined) return fail(w, 'scenario.ifconfig.twoAddresses', { word: w.text });
        const hasLen = w.text.includes('/');
        const a = at(w, readAddrPrefix(w.text, hasLen ? undefined : 32));
        if (!a.ok) return a;
        addr = a.value.addr;
        cidrLen = hasLen ? a.value.prefixLen : undefined;
        addrWord = w;
      }
    }
  }

  let prefixLen = maskLen ?? cidrLen;
  let classfulPrefix: boolean | undefined;
  if (addr !== undefined && prefixLen === undefined) {
    prefixLen = classfulPrefixLen(addr);
    if (prefixLen === undefined) return fail(addrWord as Word, 'scenario.ifconfig.multicast', { addr: (addrWord as Word).text });
    classfulPrefix = true;
  }
  const value: IfconfigCommand = {
    ...base(words, refs),
    kind: 'ifconfig',
    op: 'set',
    ifname,
    dev,
    ...(addr !== undefined ? { addr } : {}),
    ...(prefixLen !== undefined ? { prefixLen } : {}),
    ...(classfulPrefix !== undefined ? { classfulPrefix } : {}),
    ...(broadcast !== undefined ? { broadcast } : {}),
    ...(mtu !== undefined ? { mtu } : {}),
    ...(hwAddr !== undefined ? { hwAddr } : {}),
    ...(arp !== undefined ? { arp } : {}),
    ...(up !== undefined ? { up } : {}),
  };
  return { ok: true, value };
}
