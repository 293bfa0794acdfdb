/**
 * The IPv4 sysctl store of one host (net/ipv4/devinet.c and include/linux/inetdevice.h):
 * `net.ipv4.conf.{all,default,<dev>}.*`, the global `net.ipv4.*` knobs and `net.ipv4.vs.*`.
 * Raw values are what `sysctl` prints; the kernel reads per-interface knobs through a combining
 * rule (MAX, OR, AND or interface-only), which `effective` applies. Write semantics follow
 * devinet.c: writing `default` copies into interfaces never written explicitly; writing
 * `ip_forward` / `conf.all.forwarding` runs inet_forward_change (every interface, and default,
 * forwards; all.accept_redirects = !on). Simplified: only the knobs the lab reads are present.
 */
import { assertNever } from '../assert-never.js';
import type { Msg } from '../i18n/message.js';

/** How the kernel combines `conf/all/X` with `conf/<dev>/X` (inetdevice.h IN_DEV_*CONF). */
export type ConfCombine = 'max' | 'or' | 'and' | 'iface' | 'redirects';

interface ConfSpec {
  readonly combine: ConfCombine;
  /** Initial value of conf/all (ipv4_devconf). */
  readonly all: number;
  /** Initial value of conf/default (ipv4_devconf_dflt), copied into new interfaces. */
  readonly dflt: number;
}

/** The per-interface IPv4 knobs modelled, with their combining rule and Linux defaults. */
export const CONF_SPECS = {
  arp_ignore: { combine: 'max', all: 0, dflt: 0 },
  arp_announce: { combine: 'max', all: 0, dflt: 0 },
  arp_notify: { combine: 'max', all: 0, dflt: 0 },
  arp_accept: { combine: 'max', all: 0, dflt: 0 },
  rp_filter: { combine: 'max', all: 0, dflt: 0 },
  arp_filter: { combine: 'or', all: 0, dflt: 0 },
  accept_local: { combine: 'or', all: 0, dflt: 0 },
  proxy_arp: { combine: 'or', all: 0, dflt: 0 },
  send_redirects: { combine: 'or', all: 1, dflt: 1 },
  secure_redirects: { combine: 'or', all: 1, dflt: 1 },
  shared_media: { combine: 'or', all: 1, dflt: 1 },
  log_martians: { combine: 'or', all: 0, dflt: 0 },
  route_localnet: { combine: 'or', all: 0, dflt: 0 },
  promote_secondaries: { combine: 'or', all: 0, dflt: 0 },
  drop_gratuitous_arp: { combine: 'or', all: 0, dflt: 0 },
  src_valid_mark: { combine: 'or', all: 0, dflt: 0 },
  accept_source_route: { combine: 'and', all: 0, dflt: 1 },
  bootp_relay: { combine: 'and', all: 0, dflt: 0 },
  bc_forwarding: { combine: 'and', all: 0, dflt: 0 },
  forwarding: { combine: 'iface', all: 0, dflt: 0 },
  medium_id: { combine: 'iface', all: 0, dflt: 0 },
  proxy_arp_pvlan: { combine: 'iface', all: 0, dflt: 0 },
  accept_redirects: { combine: 'redirects', all: 1, dflt: 1 },
} as const satisfies Record<string, ConfSpec>;

/** A per-interface knob name (`arp_ignore`, `rp_filter` …). */
export type ConfName = keyof typeof CONF_SPECS;

const CONF_NAMES = Object.keys(CONF_SPECS) as ConfName[];

function isConfName(s: string): s is ConfName {
  return Object.hasOwn(CONF_SPECS, s);
}

/** Global `net.ipv4.*` knobs (not per interface) and their Linux defaults; vectors hold several ints. */
const GLOBAL_DEFAULTS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['net.ipv4.ip_default_ttl', [64]],
  ['net.ipv4.ip_nonlocal_bind', [0]],
  ['net.ipv4.ip_local_port_range', [32768, 60999]],
  ['net.ipv4.icmp_echo_ignore_all', [0]],
  ['net.ipv4.icmp_echo_ignore_broadcasts', [1]],
  ['net.ipv4.icmp_errors_use_inbound_ifaddr', [0]],
  // IPVS (ip_vs_ctl.c ip_vs_control_net_init_sysctl; ipvs-sysctl.rst).
  ['net.ipv4.vs.amemthresh', [1024]],
  ['net.ipv4.vs.am_droprate', [10]],
  ['net.ipv4.vs.drop_entry', [0]],
  ['net.ipv4.vs.drop_packet', [0]],
  ['net.ipv4.vs.secure_tcp', [0]],
  ['net.ipv4.vs.snat_reroute', [1]],
  ['net.ipv4.vs.sync_version', [1]],
  ['net.ipv4.vs.sync_ports', [1]],
  ['net.ipv4.vs.sync_threshold', [3, 50]],
  ['net.ipv4.vs.cache_bypass', [0]],
  ['net.ipv4.vs.expire_nodest_conn', [0]],
  ['net.ipv4.vs.sloppy_tcp', [0]],
  ['net.ipv4.vs.sloppy_sctp', [0]],
  ['net.ipv4.vs.expire_quiescent_template', [0]],
  ['net.ipv4.vs.nat_icmp_send', [0]],
  ['net.ipv4.vs.pmtu_disc', [1]],
  ['net.ipv4.vs.backup_only', [0]],
  ['net.ipv4.vs.conn_reuse_mode', [1]],
  ['net.ipv4.vs.conntrack', [0]],
  ['net.ipv4.vs.schedule_icmp', [0]],
  ['net.ipv4.vs.ignore_tunneled', [0]],
  ['net.ipv4.vs.run_estimation', [1]],
  ['net.ipv4.vs.lblc_expiration', [86400]],
  ['net.ipv4.vs.lblcr_expiration', [86400]],
  // The alibaba/LVS FULLNAT local-port range and tries (its ip_vs_ctl.c vs_vars).
  ['net.ipv4.vs.fullnat_lport_min', [5000]],
  ['net.ipv4.vs.fullnat_lport_max', [65535]],
  ['net.ipv4.vs.fullnat_lport_tries', [10000]],
];

/** Keys written through proc_dointvec_minmax, with their bounds: a value outside is EINVAL. */
const GLOBAL_BOUNDS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['net.ipv4.ip_default_ttl', [1, 255]],
  ['net.ipv4.vs.fullnat_lport_min', [1025, 65535]],
  ['net.ipv4.vs.fullnat_lport_max', [1025, 65535]],
  ['net.ipv4.vs.fullnat_lport_tries', [10, 60000]],
]);

const IP_FORWARD = 'net.ipv4.ip_forward';
const CONF_PREFIX = 'net.ipv4.conf.';

/** Every global key a host has (`net.ipv4.ip_forward`, `net.ipv4.vs.*` …), dotted. */
export const GLOBAL_SYSCTL_KEYS: readonly string[] = [IP_FORWARD, ...GLOBAL_DEFAULTS.map(([k]) => k)];

/** The per-interface knob names (`net.ipv4.conf.DEV.<name>`). */
export const CONF_SYSCTL_NAMES: readonly string[] = Object.keys(CONF_SPECS);

/** A rejected sysctl read or write, with the message the scenario layer shows (plus its position). */
export type SysctlError =
  | { readonly code: 'unknownKey'; readonly key: string; readonly msg: Msg }
  | { readonly code: 'badValue'; readonly key: string; readonly value: string; readonly msg: Msg };

/** A parsed key. */
export type SysctlKey =
  | { readonly kind: 'conf'; readonly dev: string; readonly name: ConfName }
  | { readonly kind: 'forward' }
  | { readonly kind: 'global'; readonly key: string };

function unknownKey(key: string): SysctlError {
  return { code: 'unknownKey', key, msg: { id: 'sysctl.err.unknownKey', params: { key, path: procPathOf(key) } } };
}

/** The /proc/sys path of a dotted key (`net.ipv4.conf.eth0/100.rp_filter` → `/proc/sys/net/ipv4/conf/eth0.100/rp_filter`). */
export function procPathOf(key: string): string {
  return '/proc/sys/' + key.split('.').map((s) => s.replace(/\//g, '.')).join('/');
}

/**
 * The dotted key of a /proc/sys path, as sysctl(8) writes it (a `.` inside a path component, as
 * in a VLAN device `eth0.100`, becomes `/`). Errors when the path is not under /proc/sys/.
 */
export function sysctlKeyFromProcPath(path: string): string | SysctlError {
  const prefix = '/proc/sys/';
  if (!path.startsWith(prefix) || path.length === prefix.length) return unknownKey(path);
  const parts = path.slice(prefix.length).split('/').filter((p) => p.length > 0);
  return parts.map((p) => p.replace(/\./g, '/')).join('.');
}

/**
 * Normalises a key as sysctl(8) accepts it: dotted (`net.ipv4.ip_forward`), slash-separated
 * (`net/ipv4/ip_forward`) or a /proc/sys path.
 */
export function normalizeSysctlKey(key: string): string | SysctlError {
  if (key.startsWith('/proc/sys/')) return sysctlKeyFromProcPath(key);
  if (key.startsWith('/')) return unknownKey(key);
  const firstDot = key.indexOf('.');
  const firstSlash = key.indexOf('/');
  if (firstSlash >= 0 && (firstDot < 0 || firstSlash < firstDot)) return sysctlKeyFromProcPath('/proc/sys/' + key);
  return key;
}

/**
 * One `conf/<x>/` directory: values by knob index (CONF_NAMES order). An array rather than a record
 * keyed by name: the packet path reads knobs on every packet, and indexed reads stay fast
 * where reads by a variable property name do not.
 */
type ConfTable = number[];

/** Each knob's index in a ConfTable. */
const CONF_INDEX: ReadonlyMap<ConfName, number> = new Map(CONF_NAMES.map((n, i) => [n, i]));
const FORWARDING = CONF_NAMES.indexOf('forwarding');
const ACCEPT_REDIRECTS = CONF_NAMES.indexOf('accept_redirects');

/** A knob's index in a ConfTable. */
function confIndex(name: ConfName): number {
  return CONF_INDEX.get(name) as number;
}

/** Each knob's combining rule, by index. */
const CONF_COMBINE: readonly ConfCombine[] = CONF_NAMES.map((n) => CONF_SPECS[n].combine);

interface DevConf {
  readonly values: ConfTable;
  /** Knobs written explicitly on this interface (devinet's per-interface `state` bits). */
  readonly written: Set<ConfName>;
}

function initialValues(pick: 'all' | 'dflt'): ConfTable {
  return CONF_NAMES.map((n) => CONF_SPECS[n][pick]);
}

/** The sysctl tree of one host. */
export class SysctlStore {
  private readonly all: ConfTable = initialValues('all');
  private readonly dflt: ConfTable = initialValues('dflt');
  private readonly devs = new Map<string, DevConf>();
  private readonly globals = new Map<string, number[]>();
  /** The device `effective` read last and its table (a packet's knobs are read on one device). */
  private lastDev: string | null = null;
  private lastConf: DevConf | undefined = undefined;

  constructor() {
    for (const [k, v] of GLOBAL_DEFAULTS) this.globals.set(k, [...v]);
  }

  /**
   * Adds a global knob owned by another module (for example `net.ipv4.tcp_syncookies`), with its
   * Linux default. Defining an existing key keeps its current value.
   */
  define(key: string, defaultValue: number | readonly number[]): void {
    if (this.globals.has(key) || key === IP_FORWARD || key.startsWith(CONF_PREFIX)) return;
    this.globals.set(key, typeof defaultValue === 'number' ? [defaultValue] : [...defaultValue]);
  }

  /** Creates `conf/<dev>/` for a new interface, copying `conf/default` (as inetdev_init does). */
  addDevice(dev: string): void {
    if (this.devs.has(dev)) return;
    this.lastDev = null;
    this.devs.set(dev, { values: this.dflt.slice(), written: new Set() });
  }

  /** Removes `conf/<dev>/` (the interface was deleted). */
  removeDevice(dev: string): void {
    this.devs.delete(dev);
    this.lastDev = null;
  }

  /** Parses a dotted key; undefined when no such knob exists on this host. */
  parseKey(key: string): SysctlKey | undefined {
    if (key === IP_FORWARD) return { kind: 'forward' };
    if (key.startsWith(CONF_PREFIX)) {
      const rest = key.slice(CONF_PREFIX.length);
      const dot = rest.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const dev = rest.slice(0, dot).replace(/\//g, '.');
      const name = rest.slice(dot + 1);
      if (!isConfName(name)) return undefined;
      if (dev !== 'all' && dev !== 'default' && !this.devs.has(dev)) return undefined;
      return { kind: 'conf', dev, name };
    }
    return this.globals.has(key) ? { kind: 'global', key } : undefined;
  }

  /** The raw value `sysctl -n key` prints (first element of a vector); undefined for an unknown key. */
  get(key: string): number | undefined {
    const k = this.parseKey(key);
    return k === undefined ? undefined : this.valueOf(k);
  }

  /** The raw value of a key `parseKey` gave (first element of a vector). */
  valueOf(k: SysctlKey): number {
    switch (k.kind) {
      case 'forward':
        return this.all[FORWARDING] as number;
      case 'conf':
        return this.confTable(k.dev)[confIndex(k.name)] as number;
      case 'global':
        return (this.globals.get(k.key) as number[])[0] as number;
      default:
        return assertNever(k);
    }
  }

  /** The value as sysctl(8) prints it (vectors tab-separated); undefined for an unknown key. */
  getText(key: string): string | undefined {
    const k = this.parseKey(key);
    if (k === undefined) return undefined;
    if (k.kind === 'global') return (this.globals.get(k.key) as number[]).join('\t');
    return String(this.get(key));
  }

  /** Writes an integer; returns an error for an unknown key or a value out of range. */
  set(key: string, value: number): SysctlError | undefined {
    return this.setValues(key, [value], String(value));
  }

  /** Writes the text of `sysctl -w key=text` / `echo text > /proc/sys/…` (whitespace-separated integers). */
  setText(key: string, text: string): SysctlError | undefined {
    const parts = text.trim().split(/\s+/);
    const values: number[] = [];
    for (const p of parts) {
      if (!/^-?\d+$/.test(p)) return { code: 'badValue', key, value: text, msg: { id: 'sysctl.err.badValue', params: { key, value: text } } };
      values.push(Number(p));
    }
    return this.setValues(key, values, text);
  }

  /** The value the kernel acts on for interface `dev` (IN_DEV_CONF_GET with its combining rule). */
  effective(name: ConfName, dev: string): number {
    return this.effectiveAt(confIndex(name), dev);
  }

  private effectiveAt(i: number, dev: string): number {
    const d = this.devConf(dev);
    const own = (d === undefined ? this.dflt[i] : d.values[i]) as number;
    const all = this.all[i] as number;
    const combine = CONF_COMBINE[i] as ConfCombine;
    switch (combine) {
      case 'max':
        return Math.max(all, own);
      case 'or':
        return all !== 0 || own !== 0 ? 1 : 0;
      case 'and':
        return all !== 0 && own !== 0 ? 1 : 0;
      case 'iface':
        return own;
      case 'redirects': {
        // IN_DEV_RX_REDIRECTS: AND when the interface forwards, OR when it does not.
        const fwd = this.effectiveAt(FORWARDING, dev) !== 0;
        return fwd ? (all !== 0 && own !== 0 ? 1 : 0) : all !== 0 || own !== 0 ? 1 : 0;
      }
      default:
        return assertNever(combine);
    }
  }

  /** Every key of this host, sorted as `sysctl -a` lists them. */
  keys(): string[] {
    const out: string[] = [IP_FORWARD, ...this.globals.keys()];
    const devNames = ['all', 'default', ...this.devs.keys()];
    for (const d of devNames) for (const n of CONF_NAMES) out.push(`${CONF_PREFIX}${d.replace(/\./g, '/')}.${n}`);
    return out.sort();
  }

  /** `conf/<dev>/` of an interface (undefined when there is none). */
  private devConf(dev: string): DevConf | undefined {
    if (dev === this.lastDev) return this.lastConf;
    const d = this.devs.get(dev);
    this.lastDev = dev;
    this.lastConf = d;
    return d;
  }

  private confTable(dev: string): ConfTable {
    if (dev === 'all') return this.all;
    if (dev === 'default') return this.dflt;
    return (this.devs.get(dev) as DevConf).values;
  }

  private setValues(key: string, values: readonly number[], text: string): SysctlError | undefined {
    const k = this.parseKey(key);
    if (k === undefined) return unknownKey(key);
    const bad = (): SysctlError => ({ code: 'badValue', key, value: text, msg: { id: 'sysctl.err.badValue', params: { key, value: text } } });
    if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < -2147483648 || v > 2147483647)) return bad();
    if (k.kind === 'global') {
      const cur = this.globals.get(k.key) as number[];
      if (values.length > cur.length) return bad();
      const bounds = GLOBAL_BOUNDS.get(k.key);
      if (bounds !== undefined && values.some((v) => v < bounds[0] || v > bounds[1])) return bad();
      for (let i = 0; i < values.length; i++) cur[i] = values[i] as number;
      return undefined;
    }
    if (values.length !== 1) return bad();
    const v = values[0] as number;
    if (k.kind === 'forward' || (k.kind === 'conf' && k.dev === 'all' && k.name === 'forwarding')) {
      const old = this.all[FORWARDING];
      this.all[FORWARDING] = v;
      if (v !== old) this.inetForwardChange();
      return undefined;
    }
    if (k.name === 'forwarding') {
      // devinet_sysctl_forward: a plain store for default and per-interface values.
      this.confTable(k.dev)[FORWARDING] = v;
      return undefined;
    }
    if (k.dev === 'default') {
      const i = confIndex(k.name);
      this.dflt[i] = v;
      // devinet_copy_dflt_conf: interfaces that never had this knob written follow default.
      for (const d of this.devs.values()) if (!d.written.has(k.name)) d.values[i] = v;
      return undefined;
    }
    if (k.dev === 'all') {
      this.all[confIndex(k.name)] = v;
      return undefined;
    }
    const d = this.devs.get(k.dev) as DevConf;
    d.values[confIndex(k.name)] = v;
    d.written.add(k.name);
    return undefined;
  }

  /** inet_forward_change: all.accept_redirects = !on, default and every interface forward = on. */
  private inetForwardChange(): void {
    const on = this.all[FORWARDING] as number;
    this.all[ACCEPT_REDIRECTS] = on !== 0 ? 0 : 1;
    this.dflt[FORWARDING] = on;
    for (const d of this.devs.values()) {
      d.values[FORWARDING] = on;
      d.written.add('forwarding');
    }
  }
}
