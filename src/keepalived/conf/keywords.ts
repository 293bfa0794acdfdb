/**
 * What the lab does with keywords it has no handler for in a block. keepalived keywords whose
 * effect lies entirely outside the simulated network (mail, SNMP, notify scripts, process
 * tuning …) are accepted with a WARNING saying so; keywords that would change the simulated
 * network but are not modelled are ERRORS naming the keyword and the reason; anything else is
 * "Unknown keyword" (keepalived's own wording) with a did-you-mean from that block's keywords.
 */
import type { Stmt } from './tree.js';
import { Diags, posOf } from './diag.js';
import { nearest } from '../../did-you-mean.js';

/** Reason ids (kaconf.notModelled.<reason>) for keywords that are errors. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  SMTP_CHECK: 'checker', DNS_CHECK: 'checker', BFD_CHECK: 'checker', UDP_CHECK: 'checker', FILE_CHECK: 'checker',
  lvs_sync_daemon_interface: 'syncd', lvs_sync_daemon: 'syncd',
  static_routes: 'routes', static_rules: 'routes', static_ipaddress: 'routes', virtual_routes: 'routes',
  virtual_rules: 'routes', track_group: 'routes',
  track_file: 'track', track_process: 'track', track_bfd: 'track', vrrp_track_file: 'track',
  vrrp_track_process: 'track', bfd_instance: 'track', global_tracking: 'track',
  auth_hmac: 'authHmac',
  net_namespace: 'process', namespace_with_ipsets: 'process', instance: 'process', use_pid_dir: 'process',
  linkbeat_use_polling: 'process', garp_group: 'garpGroup',
  SSL: 'ssl',
  ha_suspend: 'haSuspend', ops: 'ops', lvs_timeouts: 'lvsTimeouts', nat_mask: 'natMask',
  garp_extra_if: 'vmacExtra', vmac_xmit_base: 'vmacExtra', use_ipvlan: 'vmacExtra',
  vrrp_mcast_group4: 'mcastGroup', mcast_group: 'mcastGroup',
  regex: 'regex', regex_no_match: 'regex', regex_options: 'regex', regex_max_offset: 'regex', regex_min_offset: 'regex',
  native_ipv6: 'ipv6', vrrp_mcast_group6: 'ipv6', vrrp_gna_interval: 'ipv6',
};

/** Reason ids (kaconf.noEffect.<reason>) for keywords that only warn. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  notification_email: 'mail', notification_email_from: 'mail', smtp_server: 'mail', smtp_helo_name: 'mail',
  smtp_connect_timeout: 'mail', smtp_alert: 'mail', smtp_alert_vrrp: 'mail', smtp_alert_checker: 'mail',
  email_faults: 'mail',
  router_id: 'routerId',
  notify: 'notify', notify_master: 'notify', notify_backup: 'notify', notify_fault: 'notify', notify_stop: 'notify',
  notify_deleted: 'notify', notify_master_rx_lower_pri: 'notify', notify_up: 'notify', notify_down: 'notify',
  quorum_up: 'notify', quorum_down: 'notify', notify_priority_changes: 'notify', notify_fifo: 'notify',
  vrrp_notify_fifo: 'notify', lvs_notify_fifo: 'notify', vrrp_notify_priority_changes: 'notify',
  enable_traps: 'snmp', enable_snmp_vrrp: 'snmp', enable_snmp_checker: 'snmp', enable_snmp_rfc: 'snmp',
  enable_snmp_rfcv2: 'snmp', enable_snmp_rfcv3: 'snmp', snmp_socket: 'snmp', enable_snmp_keepalived: 'snmp',
  script_user: 'scriptSecurity', enable_script_security: 'scriptSecurity', user: 'scriptSecurity',
  log_all_failures: 'logging', checker_log_all_failures: 'logging', debug: 'logging',
  vrrp_no_swap: 'process', checker_no_swap: 'process', vrrp_priority: 'process', checker_priority: 'process',
  vrrp_rt_priority: 'process', checker_rt_priority: 'process', vrrp_cpu_affinity: 'process',
  checker_cpu_affinity: 'process', max_auto_priority: 'process', process_names: 'process', process_name: 'process',
  vrrp_process_name: 'process', checker_process_name: 'process', dynamic_interfaces: 'process',
  lvs_flush: 'lvsFlush', lvs_flush_on_stop: 'lvsFlush', lvs_flush_onstop: 'lvsFlush',
  tls_compliant: 'ssl', enable_sni: 'ssl', sni_name: 'ssl',
};

/** How the lab treats a keyword without a handler: 'notModelled', 'noEffect' or 'unknown'. */
export function classify(kw: string): { kind: 'notModelled' | 'noEffect'; reason: string } | { kind: 'unknown' } {
  // Own properties only: a keyword such as `__proto__` or `valueOf` is unknown, not Object's.
  const nm = Object.hasOwn(NOT_MODELLED, kw) ? NOT_MODELLED[kw] : undefined;
  if (nm !== undefined) return { kind: 'notModelled', reason: nm };
  const ne = Object.hasOwn(NO_EFFECT, kw) ? NO_EFFECT[kw] : undefined;
  if (ne !== undefined) return { kind: 'noEffect', reason: ne };
  return { kind: 'unknown' };
}

/** Every keyword the tables know (exported for tests and the report). */
export const NOT_MODELLED_KEYWORDS: readonly string[] = Object.keys(NOT_MODELLED);
export const NO_EFFECT_KEYWORDS: readonly string[] = Object.keys(NO_EFFECT);

const ALL_KNOWN: readonly string[] = [...NOT_MODELLED_KEYWORDS, ...NO_EFFECT_KEYWORDS];

export type Handlers = Readonly<Record<string, (s: Stmt) => void>>;

/**
 * The modelled keywords that open a block. Any other keyword followed by `{` is refused: keepalived
 * logs "Unexpected '{'" and skips what is inside, which the lab will not do silently.
 */
const BLOCK_KEYWORDS: ReadonlySet<string> = new Set([
  'global_defs', 'vrrp_instance', 'vrrp_sync_group', 'group', 'vrrp_script', 'virtual_ipaddress',
  'virtual_ipaddress_excluded', 'track_interface', 'track_script', 'authentication', 'unicast_peer',
  'virtual_server_group', 'virtual_server', 'real_server', 'TCP_CHECK', 'HTTP_GET', 'SSL_GET',
  'MISC_CHECK', 'PING_CHECK', 'url', 'local_address_group',
]);

/**
 * Runs the handler of each statement of a block; reports the others as not modelled, no effect
 * or unknown (with a suggestion from `handlers`' keywords and `extra` valid words).
 */
export function walk(d: Diags, stmts: readonly Stmt[] | null, block: string, handlers: Handlers, extra: readonly string[] = []): void {
  if (stmts === null) return;
  for (const s of stmts) {
    const kw = s.kw.text;
    const h = Object.hasOwn(handlers, kw) ? handlers[kw] : undefined;
    if (h !== undefined && !s.kw.quoted) {
      if (s.block !== null && !BLOCK_KEYWORDS.has(kw)) d.error(s.bracePos ?? posOf(s), 'kaconf.tree.unexpectedBlock', { keyword: kw });
      h(s);
      continue;
    }
    reportUnhandled(d, s, block, Object.keys(handlers).concat(extra));
  }
}

/** The diagnostic for a keyword the block has no handler for. */
export function reportUnhandled(d: Diags, s: Stmt, block: string, candidates: readonly string[]): void {
  const kw = s.kw.text;
  const c = classify(kw);
  if (c.kind === 'notModelled') {
    d.error(posOf(s), `kaconf.notModelled.${c.reason}`, { keyword: kw });
  } else if (c.kind === 'noEffect') {
    d.warn(posOf(s), `kaconf.noEffect.${c.reason}`, { keyword: kw });
  } else {
    const sug = nearest(kw, candidates) ?? nearest(kw, ALL_KNOWN);
    if (sug !== undefined) d.error(posOf(s), 'kaconf.unknownSuggest', { keyword: kw, block, suggestion: sug });
    else d.error(posOf(s), 'kaconf.unknown', { keyword: kw, block });
  }
}
