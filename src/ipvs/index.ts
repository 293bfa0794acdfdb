/**
 * lvslab's IPVS, for library users. The scheduler API (createService, addDest, editDest,
 * removeDest, setDestCounters, schedule) drives the kernel's schedulers without a host, for
 * property tests. `attachIpvs(host)` gives a simulated host its IPVS; `parseIpvsadm`,
 * `runIpvsadm` and the format functions are ipvsadm 1.31's command language and output.
 */
export {
  IpvsError,
  createService,
  addDest,
  editDest,
  removeDest,
  setDestCounters,
  destinations,
  createSchedEnv,
  type SchedSysctls,
  schedule,
  type ServiceOptions,
  type DestOptions,
  type DestCounters,
} from './api.js';
/** The scheduler contract, to read or to write a scheduler against. */
export type { SchedulerOps, SchedPacket, SchedEnv } from './sched/scheduler.js';
export { findScheduler, schedulerNames, isKernelScheduler, KERNEL_SCHEDULERS } from './sched/registry.js';
export { Service } from './service.js';
export { Dest, type DestFwd, IP_VS_DEST_F_AVAILABLE, IP_VS_DEST_F_OVERLOAD } from './dest.js';
export { Ipvs, attachIpvs } from './attach.js';
export { IpvsState, IPVS_SYSCTL_DEFAULTS, type IpvsSysctl } from './state.js';
export { parseIpvsadm, type ParseResult, type ParsedIpvsadm, type IpvsadmCommand, type IpvsadmError, type Span } from './ipvsadm/parse.js';
export { runIpvsadm, execIpvsadm, type IpvsadmResult } from './ipvsadm/exec.js';
export {
  formatListAll,
  formatListService,
  formatConnections,
  formatTimeout,
  listFormat,
  type ServiceEntry,
  type DestEntry,
  type ConnEntry,
  type FormatOptions,
} from './ipvsadm/format.js';
