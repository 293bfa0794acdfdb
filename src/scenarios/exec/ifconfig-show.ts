/**
 * What net-tools 2.10 `ifconfig` prints (lib/interface.c ife_print_long): one block per interface
 * name, the names being the devices (/proc/net/dev) and the address labels (SIOCGIFCONF) sorted
 * by nstrcmp, so `lo:0` follows `lo`. A name's flags, MTU and hardware line are its device's; its
 * `inet` line is the first address carrying exactly that label (which is why ifconfig never shows
 * a second address added by `ip addr add` without a label). Without -a only interfaces that are up
 * are listed. Aliases have no statistics. RX/TX packets and bytes are the device's counters
 * (frames with their Ethernet header, no FCS); errors, drops and collisions are always 0.
 * IPv6 is not modelled, so there are no inet6 lines.
 */
import type { Host } from '../../net/host.js';
import type { InAddr, NetDevice } from '../../net/iface.js';
import { formatIp4, formatMac, prefixToMask } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import {
  IFF_ALLMULTI, IFF_BROADCAST, IFF_DEBUG, IFF_LOOPBACK, IFF_MASTER, IFF_MULTICAST, IFF_NOARP, IFF_NOTRAILERS,
  IFF_POINTOPOINT, IFF_PROMISC, IFF_RUNNING, IFF_SLAVE, IFF_UP, TX_QUEUE_LEN, deviceFlags, exactDevice,
} from './link-view.js';

/** ife_print_long's flag order. */
const FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [IFF_UP, 'UP'],
  [IFF_BROADCAST, 'BROADCAST'],
  [IFF_DEBUG, 'DEBUG'],
  [IFF_LOOPBACK, 'LOOPBACK'],
  [IFF_POINTOPOINT, 'POINTOPOINT'],
  [IFF_NOTRAILERS, 'NOTRAILERS'],
  [IFF_RUNNING, 'RUNNING'],
  [IFF_NOARP, 'NOARP'],
  [IFF_PROMISC, 'PROMISC'],
  [IFF_ALLMULTI, 'ALLMULTI'],
  [IFF_SLAVE, 'SLAVE'],
  [IFF_MASTER, 'MASTER'],
  [IFF_MULTICAST, 'MULTICAST'],
];

/** The flags as SIOCGIFFLAGS returns them (a short: IFF_LOWER_UP and above are cut off). */
export function ifreqFlags(host: Host, dev: NetDevice): number {
  return deviceFlags(host, dev) & 0xffff;
}

function flagsText(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if ((flags & bit) !== 0) names.push(name);
  return `flags=${flags}<${names.join(',')}>`;
}

/** The hardware line: hw name, address (none for loop, empty for tunnel), queue length, title. */
function hwLine(dev: NetDevice): string {
  switch (dev.kind) {
    case 'ether':
      return `        ether ${formatMac(dev.mac)}  txqueuelen ${TX_QUEUE_LEN}  (Ethernet)\n`;
    case 'loopback':
      return `        loop  txqueuelen ${TX_QUEUE_LEN}  (Local Loopback)\n`;
    case 'ipip':
      return `        tunnel   txqueuelen ${TX_QUEUE_LEN}  (IPIP Tunnel)\n`;
    default:
      return assertNever(dev.kind);
  }
}

/** `1234 (1.2 KiB)`: ifconfig's byte count with a one-decimal binary-unit summary. */
export function formatBytes(n: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [2 ** 60, 'EiB'],
    [2 ** 50, 'PiB'],
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  let tenths = n * 10;
  let unit = 'B';
  for (const [size, name] of units) {
    if (n > size) {
      tenths = Math.floor((n * 10) / size);
      unit = name;
      break;
    }
  }
  return `${n} (${Math.floor(tenths / 10)}.${tenths % 10} ${unit})`;
}

function statsLines(dev: NetDevice): string {
  const st = dev.stats;
  return (
    `        RX packets ${st.rxPackets}  bytes ${formatBytes(st.rxBytes)}\n` +
    '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
    `        TX packets ${st.txPackets}  bytes ${formatBytes(st.txBytes)}\n` +
    '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n'
  );
}

/** The first address carrying exactly this label (SIOCGIFADDR's label match). */
export function addressOfLabel(dev: NetDevice, label: string): InAddr | undefined {
  return dev.addrs.find((a) => a.label === label);
}

/** The device of an ifconfig name: the part before the colon, as dev_ioctl strips it. */
export function deviceOfName(host: Host, name: string): NetDevice | undefined {
  const colon = name.indexOf(':');
  return exactDevice(host, colon < 0 ? name : name.slice(0, colon));
}

/** One interface block, ending with the empty line ifconfig prints after it. */
function block(host: Host, name: string, dev: NetDevice): string {
  const flags = ifreqFlags(host, dev);
  let out = `${name}: ${flagsText(flags)}  mtu ${dev.mtu}\n`;
  const ifa = addressOfLabel(dev, name);
  if (ifa !== undefined) {
    out += `        inet ${formatIp4(ifa.local)}  netmask ${formatIp4(prefixToMask(ifa.prefixLen))}`;
    if ((flags & IFF_BROADCAST) !== 0) out += `  broadcast ${formatIp4(ifa.broadcast)}`;
    out += '\n';
  }
  out += hwLine(dev);
  if (name === dev.name) out += statsLines(dev);
  return out + '\n';
}

/** nstrcmp: names compared with their trailing numbers as numbers, an alias after its device. */
export function nstrcmp(a: string, b: string): number {
  const split = (s: string): [string, string] => {
    const c = s.indexOf(':');
    return c < 0 ? [s, ''] : [s.slice(0, c), s.slice(c + 1)];
  };
  const natural = (x: string, y: string): number => {
    const mx = /^(.*?)(\d*)$/.exec(x) as RegExpExecArray;
    const my = /^(.*?)(\d*)$/.exec(y) as RegExpExecArray;
    const px = mx[1] as string;
    const py = my[1] as string;
    if (px !== py) return px < py ? -1 : 1;
    const nx = mx[2] === '' ? -1 : Number(mx[2]);
    const ny = my[2] === '' ? -1 : Number(my[2]);
    return nx - ny;
  };
  const [ba, aa] = split(a);
  const [bb, ab] = split(b);
  const c = natural(ba, bb);
  if (c !== 0) return c;
  if (aa === ab) return 0;
  if (aa === '') return -1;
  if (ab === '') return 1;
  return natural(aa, ab);
}

/** Every interface name ifconfig knows: devices and address labels, sorted, without duplicates. */
export function interfaceNames(host: Host): string[] {
  const names = new Set<string>();
  for (const d of host.devices) {
    names.add(d.name);
    for (const a of d.addrs) names.add(a.label);
  }
  return [...names].sort(nstrcmp);
}

/** `ifconfig` (only interfaces that are up) or `ifconfig -a`. */
export function formatIfconfigList(host: Host, all: boolean): string {
  let out = '';
  for (const name of interfaceNames(host)) {
    const dev = deviceOfName(host, name);
    if (dev === undefined) {
      out += `${name}: error fetching interface information: Device not found\n`;
      continue;
    }
    if (!all && !dev.up) continue;
    out += block(host, name, dev);
  }
  return out;
}

/** `ifconfig NAME`: the block, or undefined when the device does not exist. */
export function formatIfconfigOne(host: Host, name: string): string | undefined {
  const dev = deviceOfName(host, name);
  return dev === undefined ? undefined : block(host, name, dev);
}
