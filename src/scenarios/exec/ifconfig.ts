/**
 * net-tools `ifconfig` (2.10, ifconfig.c) against devinet_ioctl (net/ipv4/devinet.c). The words
 * are applied in the order typed, each as its ioctl: an address is SIOCSIFADDR (the address with
 * that label is replaced; the new one gets the classful prefix, the classful broadcast on a
 * broadcast-capable device, scope host for 127/8 and global otherwise) followed by setting IFF_UP;
 * `netmask` is SIOCSIFNETMASK (the broadcast follows only if it was the old mask's); `broadcast`
 * SIOCSIFBRDADDR; `up`/`down` SIOCSIFFLAGS, which on an alias name (`lo:0`) never touches the
 * device: bringing an alias down deletes its address. An ADDR/LEN's mask is applied after all
 * other words. Each failing ioctl prints perror's line and the exit status is 1.
 */
import type { Host } from '../../net/host.js';
import type { NetDevice } from '../../net/iface.js';
import { broadcastOf, isLoopback, type Ip4, type Mac } from '../../net/wire/addr.js';
import { assertNever } from '../../assert-never.js';
import type { CommandEntry, IfconfigCommand, IfconfigSet } from '../commands/types.js';
import { classfulPrefixLen, readAddrPrefix, readInt, readIp4, readMac, readNetmask } from '../commands/values.js';
import type { ExecResult } from './types.js';
import { argOffset, exited, failed, notModelled, printed } from './result.js';
import { strerror, type Errno } from './errno.js';
import { IFF_BROADCAST, IFF_NOARP, IFF_RUNNING, IFF_UP, staticFlags } from './link-view.js';
import { addressOfLabel, deviceOfName, formatIfconfigList, formatIfconfigOne, ifreqFlags } from './ifconfig-show.js';

/** Runs an `ifconfig` command. */
export function execIfconfig(host: Host, entry: CommandEntry, cmd: IfconfigCommand): ExecResult {
  switch (cmd.op) {
    case 'list':
      return printed(formatIfconfigList(host, cmd.all));
    case 'show': {
      const out = formatIfconfigOne(host, cmd.ifname);
      return out !== undefined ? printed(out) : failed(1, `${cmd.ifname}: error fetching interface information: Device not found\n`, argOffset(entry, cmd, 1));
    }
    case 'set':
      return setInterface(host, entry, cmd);
    default:
      return assertNever(cmd);
  }
}

/** An ioctl's outcome: success, an errno, or a change the lab cannot make. */
type Ioctl = undefined | Errno | 'notModelled';

function hasBroadcast(dev: NetDevice): boolean {
  return (staticFlags(dev) & IFF_BROADCAST) !== 0;
}

/** Re-inserts an address with new fields (inet_del_ifa + inet_insert_ifa). */
function reinsert(host: Host, dev: NetDevice, label: string, local: Ip4, prefixLen: number, scope: 'global' | 'link' | 'host', broadcast: Ip4, oldPrefixLen: number): Ioctl {
  host.delAddress(dev.name, local, oldPrefixLen);
  const r = host.addAddress(dev.name, local, prefixLen, { label, scope, broadcast });
  return 'code' in r ? (r.code === 'exists' ? 'EEXIST' : 'EINVAL') : undefined;
}

/** SIOCSIFADDR. */
function setAddr(host: Host, name: string, addr: Ip4): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  const plen = classfulPrefixLen(addr);
  if (plen === undefined) return 'EINVAL';
  const old = addressOfLabel(dev, name);
  if (old !== undefined) {
    if (old.local === addr) return undefined;
    host.delAddress(dev.name, old.local, old.prefixLen);
  }
  // inet_insert_ifa silently drops an address of 0.0.0.0: setting it deletes the labelled address.
  if (addr === 0) return undefined;
  const broadcast = hasBroadcast(dev) && plen < 31 ? broadcastOf(addr, plen) : 0;
  const r = host.addAddress(dev.name, addr, plen, { label: name, scope: isLoopback(addr) ? 'host' : 'global', broadcast });
  if (!('code' in r)) return undefined;
  return r.code === 'exists' ? 'EEXIST' : r.code === 'noDevice' ? 'ENODEV' : 'EINVAL';
}

/** SIOCSIFNETMASK. */
function setNetmask(host: Host, name: string, plen: number): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  const ifa = addressOfLabel(dev, name);
  if (ifa === undefined) return 'EADDRNOTAVAIL';
  if (ifa.prefixLen === plen) return undefined;
  const followed = hasBroadcast(dev) && plen < 31 && ifa.broadcast === broadcastOf(ifa.local, ifa.prefixLen);
  const broadcast = followed ? broadcastOf(ifa.local, plen) : ifa.broadcast;
  return reinsert(host, dev, name, ifa.local, plen, ifa.scope, broadcast, ifa.prefixLen);
}

/** SIOCSIFBRDADDR. */
function setBroadcast(host: Host, name: string, brd: Ip4): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  const ifa = addressOfLabel(dev, name);
  if (ifa === undefined) return 'EADDRNOTAVAIL';
  if (ifa.broadcast === brd) return undefined;
  return reinsert(host, dev, name, ifa.local, ifa.prefixLen, ifa.scope, brd, ifa.prefixLen);
}

/** SIOCGIFFLAGS (dev_ioctl strips an alias suffix: an alias reports its device's flags). */
function getFlags(host: Host, name: string): number | Errno {
  const dev = deviceOfName(host, name);
  return dev === undefined ? 'ENODEV' : ifreqFlags(host, dev);
}

/** SIOCSIFFLAGS: devinet_ioctl for an alias, dev_change_flags for a device. */
function setFlags(host: Host, name: string, flags: number): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  if (name.includes(':')) {
    const ifa = addressOfLabel(dev, name);
    if (ifa === undefined) return 'EADDRNOTAVAIL';
    if ((flags & IFF_UP) === 0) host.delAddress(dev.name, ifa.local, ifa.prefixLen);
    return undefined;
  }
  if ((flags & IFF_NOARP) !== (staticFlags(dev) & IFF_NOARP)) return 'notModelled';
  const up = (flags & IFF_UP) !== 0;
  if (up !== dev.up) host.setLinkUp(dev.name, up);
  return undefined;
}

/** SIOCSIFMTU (dev_set_mtu's bounds: 68 minimum on Ethernet and tunnels). */
function setMtu(host: Host, name: string, mtu: number): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  if (dev.kind !== 'loopback' && mtu < 68) return 'EINVAL';
  if ((dev.kind === 'ether' && mtu > 65535) || (dev.kind === 'ipip' && mtu > 65515)) return 'EINVAL';
  host.setMtu(dev.name, mtu);
  return undefined;
}

/** SIOCSIFHWADDR (devices without ndo_set_mac_address: EOPNOTSUPP). */
function setHwAddr(host: Host, name: string, mac: Mac): Ioctl {
  const dev = deviceOfName(host, name);
  if (dev === undefined) return 'ENODEV';
  if (dev.kind !== 'ether') return 'EOPNOTSUPP';
  host.setMac(dev.name, mac);
  return undefined;
}

/** The effect of a run of ioctls: what was printed, whether one failed, and where. */
class Run {
  out = '';
  failedAt = -1;
  unmodelled: { what: string; at: number } | undefined;

  fail(line: string, at: number): void {
    this.out += line;
    if (this.failedAt < 0) this.failedAt = at;
  }

  /** perror(label) for a failed ioctl. */
  ioctl(label: string, r: Ioctl, at: number, what: string): void {
    if (r === undefined) return;
    if (r === 'notModelled') {
      this.unmodelled ??= { what, at };
      return;
    }
    this.fail(`${label}: ${strerror(r)}\n`, at);
  }

  /** set_flag / clr_flag: read the flags, change them, write them back. */
  flag(host: Host, name: string, set: number, clear: number, at: number, what: string): void {
    const f = getFlags(host, name);
    if (typeof f !== 'number') {
      this.fail(`${name}: ERROR while getting interface flags: ${strerror(f)}\n`, at);
      return;
    }
    this.ioctl('SIOCSIFFLAGS', setFlags(host, name, (f | set) & ~clear), at, what);
  }
}

function setInterface(host: Host, entry: CommandEntry, cmd: IfconfigSet): ExecResult {
  const name = cmd.ifname;
  const run = new Run();
  let maskFromAddr: number | undefined;
  let didNetmask = false;
  const argv = cmd.argv;
  for (let i = 2; i < argv.length && run.unmodelled === undefined; i++) {
    const w = argv[i] as string;
    const at = argOffset(entry, cmd, i);
    const next = (): string => argv[++i] ?? '';
    switch (w) {
      case 'up':
        run.flag(host, name, IFF_UP | IFF_RUNNING, 0, at, `ifconfig ${name} up`);
        break;
      case 'down':
        run.flag(host, name, 0, IFF_UP, at, `ifconfig ${name} down`);
        break;
      case 'arp':
        run.flag(host, name, 0, IFF_NOARP, at, `ifconfig ${name} arp`);
        break;
      case '-arp':
        run.flag(host, name, IFF_NOARP, 0, at, `ifconfig ${name} -arp`);
        break;
      case 'mtu': {
        const v = readInt(next(), 0, 65536);
        if (v.ok) run.ioctl('SIOCSIFMTU', setMtu(host, name, v.value), at, 'mtu');
        break;
      }
      case 'netmask': {
        const v = readNetmask(next());
        if (v.ok) run.ioctl('SIOCSIFNETMASK', setNetmask(host, name, v.value), at, 'netmask');
        didNetmask = true;
        break;
      }
      case 'broadcast': {
        const v = readIp4(next());
        if (v.ok) run.ioctl('SIOCSIFBRDADDR', setBroadcast(host, name, v.value), at, 'broadcast');
        run.flag(host, name, IFF_BROADCAST, 0, at, `ifconfig ${name} broadcast`);
        break;
      }
      case 'hw': {
        next();
        const v = readMac(next());
        if (v.ok) run.ioctl('SIOCSIFHWADDR', setHwAddr(host, name, v.value), at, 'hw ether');
        break;
      }
      default: {
        const hasLen = w.includes('/');
        if (hasLen && didNetmask) return notModelled(`ifconfig ${name} netmask … ${w}`, at, 'scenario.exec.notModelled.usage');
        const v = readAddrPrefix(w, 32);
        if (!v.ok) break;
        if (hasLen) maskFromAddr = v.value.prefixLen;
        run.ioctl('SIOCSIFADDR', setAddr(host, name, v.value.addr), at, 'address');
        run.flag(host, name, IFF_UP | IFF_RUNNING, 0, at, `ifconfig ${name} up`);
      }
    }
  }
  if (run.unmodelled !== undefined) return notModelled(run.unmodelled.what, run.unmodelled.at);
  if (maskFromAddr !== undefined) {
    const at = argOffset(entry, cmd, 2);
    const r = setNetmask(host, name, maskFromAddr);
    if (r !== undefined && r !== 'notModelled') run.fail(`SIOCSIFNETMASK: ${strerror(r)}\n`, at);
  }
  return exited(run.failedAt >= 0 ? 1 : 0, run.out, Math.max(run.failedAt, 0));
}
