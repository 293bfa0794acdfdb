/**
 * The control side of FULLNAT local addresses (alibaba/LVS ip_vs_ctl.c: IP_VS_SO_SET_ADDLADDR,
 * IP_VS_SO_SET_DELLADDR, IP_VS_SO_GET_LADDRS). The service must exist (ESRCH); adding an address
 * the service already has is EEXIST, deleting one it lacks is ENOENT. A deleted address stays
 * referenced by the connections that use it until they expire, as the kernel's refcount keeps it.
 */
import type { Ip4 } from '../net/wire/addr.js';
import { type CtlResult, findService, type ServiceSel } from './ctl.js';
import { laddrList, type LocalAddr } from './laddr.js';
import type { Service } from './service.js';
import type { IpvsState } from './state.js';

/** ip_vs_add_laddr. */
export function addLaddr(ipvs: IpvsState, sel: ServiceSel, addr: Ip4): CtlResult<LocalAddr> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return { ok: false, errno: 'ESRCH' };
  const list = laddrList(svc);
  if (list.find(addr) !== undefined) return { ok: false, errno: 'EEXIST' };
  return { ok: true, value: list.add(addr) };
}

/** ip_vs_del_laddr. */
export function delLaddr(ipvs: IpvsState, sel: ServiceSel, addr: Ip4): CtlResult<void> {
  const svc = findService(ipvs, sel);
  if (svc === undefined) return { ok: false, errno: 'ESRCH' };
  const list = laddrList(svc);
  const l = list.find(addr);
  if (l === undefined) return { ok: false, errno: 'ENOENT' };
  list.remove(l);
  return { ok: true, value: undefined };
}

/** ipvs_get_laddrs: a service's local addresses in list order. */
export function getLaddrs(svc: Service): readonly LocalAddr[] {
  return laddrList(svc).entries;
}
