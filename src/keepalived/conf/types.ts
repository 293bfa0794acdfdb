/**
 * keepalived.conf as typed values: what the parser (conf/parse.ts) produces and what the VRRP
 * instances, the checkers, the IPVS builder and `lvslab keepalived-check` read. Every value is
 * already the EFFECTIVE one: keepalived's defaults applied, inheritance resolved (global_defs →
 * vrrp_instance; virtual_server → real_server → checker), deprecated spellings mapped, and the
 * corrections keepalived makes itself (vrrp_complete_instance: `nopreempt` cleared with state
 * MASTER, priority 255 with state MASTER and no priority …) already made, each with its warning.
 *
 * Times are integer virtual nanoseconds (src/net/types.ts SEC), addresses Ip4 numbers. `pos` is
 * where the item starts in its file (1-based line and column) so that later steps (a MISC_CHECK
 * command the lab cannot run, a real server address no host has) report a precise position.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import type { Msg } from '../../i18n/message.js';

/** A position in a configuration file (1-based), as `file:line:col` prints it. */
export interface ConfPos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A problem found in a configuration: an error stops the load, a warning is what keepalived logs. */
export interface ConfDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly pos: ConfPos;
  readonly msg: Msg;
}

/** A string value with the position of its first character, inside the quotes when quoted (commands, script paths). */
export interface PosText {
  readonly text: string;
  readonly pos: ConfPos;
}

/** The whole configuration. Maps keep the order of the file. */
export interface KeepalivedConfig {
  readonly global: GlobalDefs;
  readonly vrrpScripts: ReadonlyMap<string, VrrpScriptConf>;
  readonly syncGroups: readonly VrrpSyncGroupConf[];
  readonly instances: readonly VrrpInstanceConf[];
  readonly vsGroups: ReadonlyMap<string, VirtualServerGroupConf>;
  readonly virtualServers: readonly VirtualServerConf[];
  /** The alibaba/dpvs fork's `local_address_group NAME { LIP [ifname] … }` (FULLNAT). */
  readonly laddrGroups: ReadonlyMap<string, LocalAddressGroupConf>;
}

/** global_defs, with defaults (reference §3.1). */
export interface GlobalDefs {
  /** `router_id`; absent means the host name. */
  readonly routerId?: string;
  /** `vrrp_version` (default 2). */
  readonly vrrpVersion: 2 | 3;
  /** `vrrp_strict`. */
  readonly strict: boolean;
  /** `vrrp_skip_check_adv_addr`. */
  readonly skipCheckAdvAddr: boolean;
  /** `vrrp_garp_interval` (default 0): spacing of the GARPs of one burst. */
  readonly garpInterval: number;
  /** `vrrp_garp_master_repeat` (default 5). */
  readonly garpMasterRepeat: number;
  /** `vrrp_garp_master_delay` (default 5 s; 0 = no second burst). */
  readonly garpMasterDelay: number;
  /** `vrrp_garp_master_refresh` (default 0 = none). */
  readonly garpMasterRefresh: number;
  /** `vrrp_garp_master_refresh_repeat` (default 1). */
  readonly garpMasterRefreshRepeat: number;
  /**
   * `vrrp_garp_lower_prio_repeat`, `vrrp_garp_lower_prio_delay`: the GARPs a MASTER sends when it
   * hears a lower-priority advert. Unset, they take the master burst's values (default 5 and 5 s);
   * strict mode sets them to 0.
   */
  readonly garpLowerPrioRepeat: number;
  readonly garpLowerPrioDelay: number;
  /** `vrrp_lower_prio_no_advert` (default off; forced on by strict mode). */
  readonly lowerPrioNoAdvert: boolean;
  /** `vrrp_higher_prio_send_advert` (default off). */
  readonly higherPrioSendAdvert: boolean;
}

/** One `virtual_ipaddress` (or `_excluded`) entry: `<IP>[/mask] [dev IF] [scope S] [label L]`. */
export interface VipConf {
  readonly addr: Ip4;
  /** Default 32. */
  readonly prefixLen: number;
  /** `dev`; absent means the instance's `interface`. */
  readonly dev?: string;
  /** `scope` (default global). */
  readonly scope: 'global' | 'site' | 'link' | 'host';
  /** `label` (e.g. `eth0:1`). */
  readonly label?: string;
  /** `brd` if given. */
  readonly broadcast?: Ip4;
  readonly pos: ConfPos;
}

/** A `track_interface` entry: no weight means the interface going down puts the instance in FAULT. */
export interface TrackInterfaceConf {
  readonly iface: string;
  /** −253..253, or null for "FAULT when down". */
  readonly weight: number | null;
  readonly reverse: boolean;
  readonly pos: ConfPos;
}

/** A `track_script` entry (its weight overrides the script's own when given). */
export interface TrackScriptConf {
  readonly name: string;
  readonly weight?: number;
  readonly reverse: boolean;
  readonly pos: ConfPos;
}

/** vrrp_instance (reference §3.2, §2.5), every value effective. */
export interface VrrpInstanceConf {
  readonly name: string;
  readonly pos: ConfPos;
  /** `state` as configured or derived from the priority: an initial wish only (§2.5). */
  readonly stateWish: 'MASTER' | 'BACKUP';
  readonly iface: string;
  readonly vrid: number;
  /** 1..255; 255 = address owner (default 100, or 255 with `state MASTER` and no priority). */
  readonly priority: number;
  /** `advert_int` in ns (default 1 s). */
  readonly advertInt: number;
  readonly version: 2 | 3;
  /** Preempt_Mode false (`nopreempt`), after keepalived's own corrections. */
  readonly nopreempt: boolean;
  /** `preempt_delay` in ns (0 = none), after keepalived's own corrections. */
  readonly preemptDelay: number;
  /** `authentication { auth_type PASS ; auth_pass … }`: the first 8 characters (v2 only). */
  readonly authPass?: string;
  readonly vips: readonly VipConf[];
  readonly vipsExcluded: readonly VipConf[];
  readonly trackInterfaces: readonly TrackInterfaceConf[];
  readonly trackScripts: readonly TrackScriptConf[];
  /** GARP settings: the instance's own, else global_defs'. */
  readonly garpMasterRepeat: number;
  readonly garpMasterDelay: number;
  readonly garpMasterRefresh: number;
  readonly garpMasterRefreshRepeat: number;
  readonly garpLowerPrioRepeat: number;
  readonly garpLowerPrioDelay: number;
  readonly garpInterval: number;
  readonly lowerPrioNoAdvert: boolean;
  readonly higherPrioSendAdvert: boolean;
  /** `accept` (keepalived's default) / `no_accept`. */
  readonly accept: boolean;
  /** `strict_mode` or global `vrrp_strict`. */
  readonly strict: boolean;
  readonly skipCheckAdvAddr: boolean;
  /** `down_timer_adverts` (default 3). */
  readonly downTimerAdverts: number;
  /** `unicast_src_ip` and `unicast_peer { … }`: adverts go unicast to the peers instead of 224.0.0.18. */
  readonly unicastSrcIp?: Ip4;
  readonly unicastPeers: readonly Ip4[];
  /** `v3_checksum_as_v2` (RFC 9568 checksum for VRRPv3 over IPv4). */
  readonly checksumAsV2: boolean;
}

/** vrrp_sync_group: instances that change state together. */
export interface VrrpSyncGroupConf {
  readonly name: string;
  readonly pos: ConfPos;
  /** Instance names, each with the position of its mention. */
  readonly members: readonly { readonly name: string; readonly pos: ConfPos }[];
}

/** vrrp_script (the command is run by the lab's small set of modelled commands, see check/). */
export interface VrrpScriptConf {
  readonly name: string;
  readonly pos: ConfPos;
  readonly script: PosText;
  /** `interval` (default 1 s). */
  readonly interval: number;
  /** `timeout` (default: the interval). */
  readonly timeout: number;
  /** `weight` (default 0 = failure means FAULT), −253..253. */
  readonly weight: number;
  readonly weightReverse: boolean;
  /** `rise` / `fall` (default 1 each). */
  readonly rise: number;
  readonly fall: number;
}

/** One line of a virtual_server_group. */
export type VsgEntry =
  /** `<IP> <PORT>` or `<IP-range> <PORT>` (`a.b.c.d-e`): first..last inclusive. */
  | { readonly kind: 'addr'; readonly first: Ip4; readonly last: Ip4; readonly port: number; readonly pos: ConfPos }
  | { readonly kind: 'fwmark'; readonly mark: number; readonly pos: ConfPos };

export interface VirtualServerGroupConf {
  readonly name: string;
  readonly pos: ConfPos;
  readonly entries: readonly VsgEntry[];
}

/** How a virtual_server is declared. */
export type VsSelector =
  | { readonly kind: 'addr'; readonly vaddr: Ip4; readonly vport: number }
  | { readonly kind: 'fwmark'; readonly mark: number }
  | { readonly kind: 'group'; readonly name: string };

/** `lvs_method` / `lb_kind` (default NAT); FNAT is the alibaba/dpvs fork's. */
export type LvsMethod = 'NAT' | 'DR' | 'TUN' | 'FNAT';

/** Options every checker has (reference §3.3, common fields), inherited VS → RS → checker. */
export interface CheckerCommon {
  readonly pos: ConfPos;
  /** `connect_ip` (default: the real server's address). */
  readonly connectIp: Ip4;
  /** `connect_port` (default: the real server's port). */
  readonly connectPort: number;
  /** `bindto`: the source address of the checks, if set. */
  readonly bindto?: Ip4;
  /** `bind_port`. */
  readonly bindPort?: number;
  /** `connect_timeout` (default 5 s). */
  readonly connectTimeout: number;
  /** `retry` (default 1; MISC 0); `nb_get_retry` is its deprecated spelling. */
  readonly retry: number;
  /** `delay_before_retry` (default 1 s; 3 s for HTTP_GET/SSL_GET). */
  readonly delayBeforeRetry: number;
  /** `delay_loop` (default: the virtual server's, itself default 60 s). */
  readonly delayLoop: number;
  /** `warmup` (default: delay_loop): the first check starts at a random time in [0, warmup]. */
  readonly warmup: number;
  /** `alpha`: start in the failed state (inherited from the virtual server). */
  readonly alpha: boolean;
}

/** One `url { … }` block of HTTP_GET / SSL_GET. */
export interface HttpUrlConf {
  readonly path: string;
  /** `digest`: the MD5 of the body, lower-case hex. */
  readonly digest?: string;
  /** Accepted status ranges (default [[200, 299]]). */
  readonly statusCodes: readonly (readonly [number, number])[];
  /** `virtualhost` (url's own, else the checker's, else the real server's, else the virtual server's). */
  readonly virtualhost?: string;
  readonly pos: ConfPos;
}

export type CheckerConf =
  | (CheckerCommon & { readonly kind: 'TCP_CHECK' })
  | (CheckerCommon & {
      readonly kind: 'HTTP_GET' | 'SSL_GET';
      readonly urls: readonly HttpUrlConf[];
      /** `http_protocol` (default 1.0). */
      readonly httpProtocol: '1.0' | '1.0C' | '1.1';
      readonly fastRecovery: boolean;
    })
  | (CheckerCommon & {
      readonly kind: 'MISC_CHECK';
      /** `misc_path`: the command line (quotes removed). */
      readonly path: PosText;
      /** `misc_timeout` (default: the virtual server's delay_loop, check_misc.c). */
      readonly timeout: number;
      readonly dynamic: boolean;
    })
  | (CheckerCommon & { readonly kind: 'PING_CHECK' });

export interface RealServerConf {
  readonly pos: ConfPos;
  readonly addr: Ip4;
  /** The port (forced to the VS port for DR and TUN, with keepalived's warning; 0 for fwmark services without one). */
  readonly port: number;
  /** `weight` (default: the virtual server's `weight`, itself default 1). */
  readonly weight: number;
  readonly method: LvsMethod;
  readonly inhibitOnFailure: boolean;
  /** `uthreshold` / `lthreshold` (default 0). */
  readonly uThreshold: number;
  readonly lThreshold: number;
  readonly checkers: readonly CheckerConf[];
}

export interface SorryServerConf {
  readonly addr: Ip4;
  readonly port: number;
  readonly method: LvsMethod;
  /** `sorry_server_inhibit`: weight 0 instead of a delete when quorum comes back. */
  readonly inhibit: boolean;
  readonly pos: ConfPos;
}

export interface VirtualServerConf {
  readonly pos: ConfPos;
  readonly selector: VsSelector;
  /** `protocol` (default UDP for an address-based service, with keepalived's warning; TCP for fwmark). */
  readonly protocol: 'TCP' | 'UDP';
  /** `lvs_sched` / `lb_algo`. */
  readonly sched: string;
  readonly method: LvsMethod;
  /** `persistence_timeout` in seconds (0 = not persistent; given without a value, or only `persistence_granularity`: 360). */
  readonly persistenceTimeout: number;
  /** `persistence_granularity` (default 255.255.255.255). */
  readonly persistenceGranularity: Ip4;
  /** `delay_loop` (default 60 s). */
  readonly delayLoop: number;
  /** `quorum` (default 1), `hysteresis` (default 0). */
  readonly quorum: number;
  readonly hysteresis: number;
  readonly alpha: boolean;
  readonly omega: boolean;
  readonly inhibitOnFailure: boolean;
  readonly sorryServer?: SorryServerConf;
  readonly virtualhost?: string;
  /** Fork keywords: `laddr_group_name`, `syn_proxy`. */
  readonly laddrGroup?: string;
  readonly synProxy: boolean;
  readonly realServers: readonly RealServerConf[];
}

/** The fork's `local_address_group NAME { <LIP> [<ifname>] … }` (ranges `a.b.c.d-e` expanded). */
export interface LocalAddressGroupConf {
  readonly name: string;
  readonly pos: ConfPos;
  readonly addrs: readonly { readonly addr: Ip4; readonly iface?: string; readonly pos: ConfPos }[];
}

/** One file of the configuration's text (the main file, or one `include`d). */
export interface ConfSource {
  readonly file: string;
  readonly text: string;
}

/**
 * How `include PATTERN` finds its files: the matching files (a glob may match several, sorted),
 * or a message when none can be read. `from` is the directory of the including file.
 */
export type ReadInclude = (pattern: string, fromFile: string) => readonly ConfSource[] | Msg;

/** The parser's result: the config (null when there is any error) and every diagnostic in file order. */
export interface ParsedConf {
  readonly config: KeepalivedConfig | null;
  readonly diagnostics: readonly ConfDiagnostic[];
}
