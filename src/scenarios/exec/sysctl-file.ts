/**
 * Whether a sysctl file exists on a host, as the shell and procps see /proc/sys: a key the host's
 * store holds exists; `net.ipv4.conf.DEV.*` of a device the host does not have does not (the
 * kernel creates conf/DEV/ with the device); any other key the command parser accepted exists on
 * Linux but is not modelled here, and is reported as such instead of being faked.
 */
import type { Host } from '../../net/host.js';
import { procPathOf } from '../../net/sysctl.js';

export type SysctlFile = 'present' | 'absent' | 'notModelled';

/** Classifies a dotted key. */
export function sysctlFile(host: Host, key: string): SysctlFile {
  if (host.sysctls.parseKey(key) !== undefined) return 'present';
  const m = /^net\.ipv4\.conf\.([^.]+)\.[a-z_]+$/.exec(key);
  const dev = m?.[1];
  if (dev !== undefined && dev !== 'all' && dev !== 'default') {
    const name = dev.replace(/\//g, '.');
    if (!host.devices.some((d) => d.name === name)) return 'absent';
  }
  return 'notModelled';
}

/** The /proc/sys file of a dotted key. */
export function sysctlPath(key: string): string {
  return procPathOf(key);
}
