/**
 * Address selection and confirmation, as net/ipv4/devinet.c does them: inet_select_addr (the
 * preferred source address for a destination out of a device), confirm_addr_indev /
 * inet_confirm_addr (is this local address configured here, in that scope, in that subnet — the
 * core of arp_ignore) and inet_addr_onlink (arp_announce=1). Devices are scanned in ifindex order,
 * so `lo` (ifindex 1) comes first, as the kernel's comment in inet_select_addr requires.
 * Simplified: no VRF / l3mdev.
 */
import type { Ip4 } from './wire/addr.js';
import { inPrefix } from './wire/addr.js';
import type { InAddr, NetDevice } from './iface.js';
import { scopeValue } from './iface.js';

/** rt_scope values used by the callers. */
export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;

/** inet_ifa_match: `addr` lies in the subnet of `ifa`. */
export function ifaMatch(addr: Ip4, ifa: InAddr): boolean {
  return inPrefix(addr, ifa.local, ifa.prefixLen);
}

/** The effective scope of an address under route_localnet (min(ifa_scope, localnet_scope)). */
function minScope(ifa: InAddr, routeLocalnet: boolean): number {
  const s = scopeValue(ifa.scope);
  return routeLocalnet ? Math.min(s, RT_SCOPE_LINK) : s;
}

/**
 * inet_select_addr(dev, dst, scope): the first primary address of `dev` with scope ≤ `scope`
 * whose subnet contains `dst` (any qualifying one when `dst` is 0), else the first primary with
 * scope ≤ `scope`; when the device has none, the first primary address with scope neither link nor
 * narrower than `scope` on any device, lo first. Returns 0 when nothing qualifies.
 */
export function inetSelectAddr(
  dev: NetDevice,
  dst: Ip4,
  scope: number,
  allDevices: readonly NetDevice[],
  routeLocalnet = false,
): Ip4 {
  let addr = 0;
  for (const ifa of dev.addrs) {
    if (ifa.secondary) continue;
    if (minScope(ifa, routeLocalnet) > scope) continue;
    if (dst === 0 || ifaMatch(dst, ifa)) return ifa.local;
    if (addr === 0) addr = ifa.local;
  }
  if (addr !== 0) return addr;
  for (const d of allDevices) {
    for (const ifa of d.addrs) {
      if (ifa.secondary) continue;
      const s = scopeValue(ifa.scope);
      if (s !== RT_SCOPE_LINK && s <= scope) return ifa.local;
    }
  }
  return 0;
}

/**
 * confirm_addr_indev(in_dev, dst, local, scope): whether `local` (any address when 0) is
 * configured on `dev` with scope ≤ `scope`, and, when `dst` is not 0, some address prefix of the
 * device contains both. Returns the confirmed address or 0.
 */
export function confirmAddrInDev(dev: NetDevice, dst: Ip4, local: Ip4, scope: number, routeLocalnet = false): Ip4 {
  let addr = 0;
  let same = false;
  for (const ifa of dev.addrs) {
    const ms = minScope(ifa, routeLocalnet);
    if (addr === 0 && (local === ifa.local || local === 0) && ms <= scope) {
      addr = ifa.local;
      if (same) break;
    }
    if (!same) {
      same = (local === 0 || ifaMatch(local, ifa)) && (dst === 0 || ifaMatch(dst, ifa));
      if (same && addr !== 0) {
        if (local !== 0 || dst === 0) break;
        if (ifaMatch(addr, ifa)) break;
        if (ms <= scope) {
          addr = ifa.local;
          break;
        }
        same = false;
      }
    }
  }
  return same ? addr : 0;
}

/**
 * inet_confirm_addr: confirm on one device, or (dev undefined) on every device in order.
 * `routeLocalnet(dev)` gives that device's effective route_localnet.
 */
export function inetConfirmAddr(
  dev: NetDevice | undefined,
  allDevices: readonly NetDevice[],
  dst: Ip4,
  local: Ip4,
  scope: number,
  routeLocalnet: (d: NetDevice) => boolean,
): Ip4 {
  if (dev !== undefined) return confirmAddrInDev(dev, dst, local, scope, routeLocalnet(dev));
  for (const d of allDevices) {
    const a = confirmAddrInDev(d, dst, local, scope, routeLocalnet(d));
    if (a !== 0) return a;
  }
  return 0;
}

/** inet_addr_onlink(in_dev, a, b): some address of `dev` (primary or secondary) has a subnet holding `a` and `b` (b = 0: any). */
export function inetAddrOnlink(dev: NetDevice, a: Ip4, b: Ip4): boolean {
  for (const ifa of dev.addrs) {
    if (ifaMatch(a, ifa) && (b === 0 || ifaMatch(b, ifa))) return true;
  }
  return false;
}
