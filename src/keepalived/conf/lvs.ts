/**
 * virtual_server_group, virtual_server, real_server, the checkers and the fork's
 * local_address_group into typed, effective values. Follows keepalived's check_parser.c for the
 * keywords and check_data.c `validate_check_config` for what happens after parsing (UDP when no
 * protocol, NAT when no method, RS port forced for DR/TUN, duplicate RS removed, quorum and
 * hysteresis corrected, VS → RS → checker inheritance), with keepalived's warnings. FNAT,
 * laddr_group_name, syn_proxy and est_timeout come from the alibaba/dpvs fork.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIp4, parseIp4 } from '../../net/wire/addr.js';
import { SEC } from '../../net/types.js';
import type {
  CheckerConf, ConfPos, HttpUrlConf, LocalAddressGroupConf, LvsMethod, PosText, RealServerConf, SorryServerConf,
  VirtualServerConf, VirtualServerGroupConf, VsgEntry, VsSelector,
} from './types.js';
import type { Stmt } from './tree.js';
import type { Token } from './lexer.js';
import { Diags, posOf, textPos } from './diag.js';
import { arg, boolArg, intArg, ipArg, portArg, timeArg } from './values.js';
import { walk } from './keywords.js';
import { nameOf } from './vrrp.js';
import { assertNever } from '../../assert-never.js';

const BIG = 1_000_000 * SEC;

/** Schedulers keepalived accepts (check_parser.c lvs_schedulers, plus `twos` per the reference). */
export const LVS_SCHEDULERS: readonly string[] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'];
/** keepalived's IPVS_DEF_SCHED. */
export const DEFAULT_SCHED = 'wlc';

/** `a.b.c.d` or `a.b.c.d-e` (last octet range). */
function parseRange(d: Diags, s: Stmt, t: Token, block: string): { first: Ip4; last: Ip4 } | undefined {
  if (t.text.includes(':')) {
    d.error(posOf(s, t), 'kaconf.ipv6', { keyword: block, value: t.text });
    return undefined;
  }
  const m = /^(\d+\.\d+\.\d+\.)(\d+)-(\d+)$/.exec(t.text);
  if (m === null) {
    const ip = ipArg(d, { ...s, kw: { ...s.kw, text: block } }, t);
    return ip === undefined ? undefined : { first: ip, last: ip };
  }
  const first = parseIp4(`${m[1] as string}${m[2] as string}`);
  const lastOctet = Number(m[3]);
  if (first === undefined || lastOctet > 255 || lastOctet < (first & 255)) {
    d.error(posOf(s, t), 'kaconf.range.bad', { value: t.text });
    return undefined;
  }
  return { first, last: ((first & 0xffffff00) | lastOctet) >>> 0 };
}

/** local_address_group NAME { LIP [ifname] … } (ranges expanded). */
export function parseLaddrGroup(d: Diags, s: Stmt): LocalAddressGroupConf | undefined {
  const name = nameOf(d, s);
  const addrs: { addr: Ip4; iface?: string; pos: ConfPos }[] = [];
  for (const x of s.block ?? []) {
    const r = parseRange(d, x, x.kw, 'local_address_group');
    if (r === undefined) continue;
    const iface = x.args[0]?.text;
    for (let a = r.first; a <= r.last; a++) addrs.push({ addr: a, pos: posOf(x), ...(iface !== undefined ? { iface } : {}) });
  }
  if (name === undefined) return undefined;
  return { name, pos: posOf(s), addrs };
}

/** virtual_server_group NAME { IP PORT | IP-range PORT | fwmark N }. */
export function parseVsGroup(d: Diags, s: Stmt): VirtualServerGroupConf | undefined {
  const name = nameOf(d, s);
  const entries: VsgEntry[] = [];
  for (const x of s.block ?? []) {
    if (x.kw.text === 'fwmark') {
      const mark = intArg(d, x, arg(d, x, 0), 1, 0xffffffff);
      if (mark !== undefined) entries.push({ kind: 'fwmark', mark, pos: posOf(x) });
      continue;
    }
    const r = parseRange(d, x, x.kw, 'virtual_server_group');
    if (r === undefined) continue;
    const port = portArg(d, x, arg(d, x, 0));
    if (port !== undefined) entries.push({ kind: 'addr', first: r.first, last: r.last, port, pos: posOf(x) });
  }
  if (name === undefined) return undefined;
  return { name, pos: posOf(s), entries };
}

/** Options inherited VS → RS → checker. */
interface Inherit {
  connectTimeout?: number | undefined;
  retry?: number | undefined;
  delayBeforeRetry?: number | undefined;
  delayLoop?: number | undefined;
  warmup?: number | undefined;
  alpha?: boolean | undefined;
}

/**
 * Handlers of the inherited options. `retryMin`: keepalived's vs_retry_handler and rs_retry_handler
 * refuse 0, a checker's retry_handler takes it.
 */
function inheritHandlers(d: Diags, o: Inherit, withConnect: boolean, retryMin: 0 | 1): Record<string, (s: Stmt) => void> {
  const h: Record<string, (s: Stmt) => void> = {
    retry: (x) => { o.retry = intArg(d, x, arg(d, x, 0), retryMin, 0xffffffff) ?? o.retry; },
    delay_before_retry: (x) => { o.delayBeforeRetry = timeArg(d, x, arg(d, x, 0), 0, BIG) ?? o.delayBeforeRetry; },
    delay_loop: (x) => { o.delayLoop = timeArg(d, x, arg(d, x, 0), 1, BIG) ?? o.delayLoop; },
    warmup: (x) => { o.warmup = timeArg(d, x, arg(d, x, 0), 0, BIG) ?? o.warmup; },
    alpha: (x) => { o.alpha = boolArg(d, x, x.args[0]) ?? o.alpha; },
  };
  if (withConnect) h.connect_timeout = (x) => { o.connectTimeout = timeArg(d, x, arg(d, x, 0), 1, BIG) ?? o.connectTimeout; };
  return h;
}

function parseMethod(d: Diags, x: Stmt): LvsMethod | undefined {
  const t = arg(d, x, 0);
  if (t === undefined) return undefined;
  const m = t.text;
  if (m !== 'NAT' && m !== 'DR' && m !== 'TUN' && m !== 'FNAT') {
    if (m === 'FULLNAT') d.error(posOf(x, t), 'kaconf.vs.fullnatSpelling', { value: m });
    else d.error(posOf(x, t), 'kaconf.vs.badMethod', { keyword: x.kw.text, value: m });
    return undefined;
  }
  const rest = x.args.slice(1);
  if (rest.length > 0) {
    const ty = rest[0] as Token;
    if (m !== 'TUN' || ty.text !== 'type' || rest[1] === undefined) {
      d.error(posOf(x, ty), 'kaconf.vs.methodOption', { option: ty.text });
      return undefined;
    }
    const kind = rest[1];
    if (kind.text !== 'ipip') {
      d.error(posOf(x, kind), 'kaconf.notModelled.tunType', { keyword: `TUN type ${kind.text}` });
      return undefined;
    }
  }
  return m;
}

interface CheckerRaw extends Inherit {
  kind: CheckerConf['kind'];
  pos: ConfPos;
  connectIp?: Ip4 | undefined;
  connectPort?: number | undefined;
  bindto?: Ip4 | undefined;
  bindPort?: number | undefined;
  urls: HttpUrlConf[];
  httpProtocol: '1.0' | '1.0C' | '1.1';
  fastRecovery: boolean;
  virtualhost?: string | undefined;
  path?: PosText | undefined;
  miscTimeout?: number | undefined;
  dynamic: boolean;
}

function parseUrl(d: Diags, x: Stmt): HttpUrlConf | undefined {
  let path: string | undefined;
  let digest: string | undefined;
  let virtualhost: string | undefined;
  const statusCodes: [number, number][] = [];
  walk(d, x.block, 'url', {
    path: (y) => { path = arg(d, y, 0)?.text ?? path; },
    digest: (y) => {
      const t = arg(d, y, 0);
      if (t === undefined) return;
      if (!/^[0-9a-fA-F]{32}$/.test(t.text)) d.error(posOf(y, t), 'kaconf.http.badDigest', { value: t.text });
      else digest = t.text.toLowerCase();
    },
    status_code: (y) => {
      if (y.args.length === 0) arg(d, y, 0);
      for (const t of y.args) {
        const m = /^(\d{3})(?:-(\d{3}))?$/.exec(t.text);
        const lo = m === null ? NaN : Number(m[1]);
        const hi = m === null ? NaN : m[2] === undefined ? lo : Number(m[2]);
        if (!(lo >= 100 && hi <= 599 && lo <= hi)) d.error(posOf(y, t), 'kaconf.http.badStatus', { value: t.text });
        else statusCodes.push([lo, hi]);
      }
    },
    virtualhost: (y) => { virtualhost = arg(d, y, 0)?.text ?? virtualhost; },
  });
  if (path === undefined) {
    d.error(posOf(x), 'kaconf.http.noPath');
    return undefined;
  }
  return {
    path, statusCodes: statusCodes.length > 0 ? statusCodes : [[200, 299]], pos: posOf(x),
    ...(digest !== undefined ? { digest } : {}),
    ...(virtualhost !== undefined ? { virtualhost } : {}),
  };
}

function parseChecker(d: Diags, x: Stmt, kind: CheckerConf['kind']): CheckerRaw {
  const c: CheckerRaw = { kind, pos: posOf(x), urls: [], httpProtocol: '1.0', fastRecovery: false, dynamic: false };
  const common = inheritHandlers(d, c, kind !== 'MISC_CHECK', 0);
  const h: Record<string, (s: Stmt) => void> = { ...common };
  if (kind !== 'MISC_CHECK') {
    h.connect_ip = (y) => { c.connectIp = ipArg(d, y, arg(d, y, 0)) ?? c.connectIp; };
    h.connect_port = (y) => { c.connectPort = portArg(d, y, arg(d, y, 0)) ?? c.connectPort; };
    h.bindto = (y) => { c.bindto = ipArg(d, y, arg(d, y, 0)) ?? c.bindto; };
    h.bind_port = (y) => { c.bindPort = portArg(d, y, arg(d, y, 0)) ?? c.bindPort; };
  }
  if (kind === 'HTTP_GET' || kind === 'SSL_GET') {
    h.url = (y) => {
      const u = parseUrl(d, y);
      if (u !== undefined) c.urls.push(u);
    };
    h.nb_get_retry = (y) => {
      d.warn(posOf(y), 'kaconf.http.nbGetRetry');
      c.retry = intArg(d, y, arg(d, y, 0), 0, 0xffffffff) ?? c.retry;
    };
    h.http_protocol = (y) => {
      const t = arg(d, y, 0);
      if (t === undefined) return;
      if (t.text === '1.0' || t.text === '1.0C' || t.text === '1.1') c.httpProtocol = t.text;
      else d.error(posOf(y, t), 'kaconf.http.badProtocol', { value: t.text });
    };
    h.fast_recovery = (y) => { c.fastRecovery = boolArg(d, y, y.args[0]) ?? c.fastRecovery; };
    h.virtualhost = (y) => { c.virtualhost = arg(d, y, 0)?.text ?? c.virtualhost; };
  }
  if (kind === 'MISC_CHECK') {
    h.misc_path = (y) => {
      const t = arg(d, y, 0);
      if (t !== undefined) c.path = { text: y.args.map((a) => a.text).join(' '), pos: textPos(y, t) };
    };
    h.misc_timeout = (y) => { c.miscTimeout = timeArg(d, y, arg(d, y, 0), 1, BIG) ?? c.miscTimeout; };
    h.misc_dynamic = (y) => { c.dynamic = boolArg(d, y, y.args[0]) ?? c.dynamic; };
  }
  walk(d, x.block, kind, h);
  if ((kind === 'HTTP_GET' || kind === 'SSL_GET') && c.urls.length === 0) d.error(posOf(x), 'kaconf.http.noUrl', { checker: kind });
  if (kind === 'MISC_CHECK' && c.path === undefined) d.error(posOf(x), 'kaconf.misc.noPath');
  return c;
}

interface RsRaw extends Inherit {
  pos: ConfPos;
  addr: Ip4;
  port?: number | undefined;
  /** `weight`; unset, the virtual server's `weight` (validate_check_config). */
  weight?: number | undefined;
  virtualhost?: string | undefined;
  method?: LvsMethod | undefined;
  inhibit?: boolean | undefined;
  uThreshold: number;
  lThreshold: number;
  checkers: CheckerRaw[];
}

const CHECKERS = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'PING_CHECK'] as const;

function parseRealServer(d: Diags, s: Stmt): RsRaw | undefined {
  const addr = ipArg(d, s, arg(d, s, 0));
  const port = s.args[1] === undefined ? undefined : portArg(d, s, s.args[1]);
  const rs: RsRaw = {
    pos: posOf(s), addr: addr ?? 0, port, uThreshold: 0, lThreshold: 0, checkers: [],
  };
  // check_parser.c installs lb_kind at virtual_server level only: here it is keepalived's "Unknown keyword".
  const h: Record<string, (x: Stmt) => void> = {
    ...inheritHandlers(d, rs, true, 1),
    weight: (x) => { rs.weight = intArg(d, x, arg(d, x, 0), 0, 65535) ?? rs.weight; },
    lvs_method: (x) => { rs.method = parseMethod(d, x) ?? rs.method; },
    virtualhost: (x) => { rs.virtualhost = arg(d, x, 0)?.text ?? rs.virtualhost; },
    lb_kind: (x) => { d.error(posOf(x), 'kaconf.rs.lbKind'); },
    inhibit_on_failure: (x) => { rs.inhibit = boolArg(d, x, x.args[0]) ?? rs.inhibit; },
    uthreshold: (x) => { rs.uThreshold = intArg(d, x, arg(d, x, 0), 0, 0xffffffff) ?? rs.uThreshold; },
    lthreshold: (x) => { rs.lThreshold = intArg(d, x, arg(d, x, 0), 0, 0xffffffff) ?? rs.lThreshold; },
  };
  for (const k of CHECKERS) h[k] = (x) => { rs.checkers.push(parseChecker(d, x, k)); };
  walk(d, s.block, 'real_server', h);
  if (addr === undefined) return undefined;
  return rs;
}

/** A virtual_server and the data the cross-reference checks need. */
export interface VsResult {
  readonly conf: VirtualServerConf;
  readonly groupPos?: ConfPos;
  readonly laddrPos?: ConfPos;
}

/** virtual_server (IP PORT | fwmark N | group NAME) { … } with keepalived's completion. */
export function parseVirtualServer(d: Diags, s: Stmt, groups: ReadonlyMap<string, VirtualServerGroupConf>): VsResult | undefined {
  const pos = posOf(s);
  let selector: VsSelector | undefined;
  let groupPos: ConfPos | undefined;
  const a0 = s.args[0];
  if (a0 === undefined) d.error(pos, 'kaconf.vs.noAddress');
  else if (a0.text === 'fwmark') {
    const mark = intArg(d, s, arg(d, s, 1), 1, 0xffffffff);
    if (mark !== undefined) selector = { kind: 'fwmark', mark };
  } else if (a0.text === 'group') {
    const t = arg(d, s, 1);
    if (t !== undefined) { selector = { kind: 'group', name: t.text }; groupPos = posOf(s, t); }
  } else {
    const vaddr = ipArg(d, s, a0);
    const vport = portArg(d, s, arg(d, s, 1));
    if (vaddr !== undefined && vport !== undefined) selector = { kind: 'addr', vaddr, vport };
  }
  const inh: Inherit = {};
  let vsWeight = 1;
  let protocol: 'TCP' | 'UDP' | undefined;
  let protocolPos: ConfPos | undefined;
  let sched: string | undefined;
  let method: LvsMethod | undefined;
  let persistenceTimeout = 0;
  let persistenceGranularity: Ip4 = 0xffffffff;
  let quorum = 1;
  let hysteresis = 0;
  let omega = false;
  let inhibit = false;
  let virtualhost: string | undefined;
  let laddrGroup: string | undefined;
  let laddrPos: ConfPos | undefined;
  let synProxy = false;
  let sorry: { addr: Ip4; port?: number | undefined; method?: LvsMethod | undefined; pos: ConfPos } | undefined;
  let sorryInhibit = false;
  const rss: RsRaw[] = [];
  const h: Record<string, (x: Stmt) => void> = {
    ...inheritHandlers(d, inh, true, 1),
    weight: (x) => { vsWeight = intArg(d, x, arg(d, x, 0), 1, 65535) ?? vsWeight; },
    protocol: (x) => {
      const t = arg(d, x, 0);
      if (t === undefined) return;
      // proto_handler compares with strcasecmp.
      const p = t.text.toUpperCase();
      if (p === 'TCP' || p === 'UDP') { protocol = p; protocolPos = posOf(x); }
      else if (p === 'SCTP') d.error(posOf(x, t), 'kaconf.notModelled.sctp', { keyword: `protocol ${t.text}` });
      else d.error(posOf(x, t), 'kaconf.vs.badProtocol', { value: t.text });
    },
    lvs_sched: (x) => { sched = schedOf(d, x) ?? sched; },
    lb_algo: (x) => { sched = schedOf(d, x) ?? sched; },
    lvs_method: (x) => { method = parseMethod(d, x) ?? method; },
    lb_kind: (x) => { method = parseMethod(d, x) ?? method; },
    persistence_timeout: (x) => {
      persistenceTimeout = x.args[0] === undefined ? 360 : intArg(d, x, x.args[0], 1, 2678400) ?? persistenceTimeout;
    },
    // pgr_handler: any IPv4 mask (keepalived, ipvsadm -M and the kernel do not require a contiguous
    // one: the template key is simply caddr & mask); it makes the service persistent (360 s) unless
    // a persistence_timeout was already given.
    persistence_granularity: (x) => {
      const m = ipArg(d, x, arg(d, x, 0));
      if (m === undefined) return;
      persistenceGranularity = m;
      if (persistenceTimeout === 0) persistenceTimeout = 360;
    },
    quorum: (x) => { quorum = intArg(d, x, arg(d, x, 0), 1, 0xffffffff) ?? quorum; },
    hysteresis: (x) => { hysteresis = intArg(d, x, arg(d, x, 0), 0, 0xffffffff) ?? hysteresis; },
    omega: (x) => { omega = boolArg(d, x, x.args[0]) ?? omega; },
    inhibit_on_failure: (x) => { inhibit = boolArg(d, x, x.args[0]) ?? inhibit; },
    virtualhost: (x) => { virtualhost = arg(d, x, 0)?.text ?? virtualhost; },
    laddr_group_name: (x) => {
      const t = arg(d, x, 0);
      if (t !== undefined) { laddrGroup = t.text; laddrPos = posOf(x, t); }
    },
    syn_proxy: () => { synProxy = true; },
    est_timeout: (x) => { if (intArg(d, x, arg(d, x, 0), 1, 0xffffffff) !== undefined) d.warn(posOf(x), 'kaconf.vs.estTimeout', { keyword: x.kw.text }); },
    establish_timeout: (x) => { if (intArg(d, x, arg(d, x, 0), 1, 0xffffffff) !== undefined) d.warn(posOf(x), 'kaconf.vs.estTimeout', { keyword: x.kw.text }); },
    sorry_server: (x) => {
      const ip = ipArg(d, x, arg(d, x, 0));
      const port = x.args[1] === undefined ? undefined : portArg(d, x, x.args[1]);
      if (ip !== undefined) sorry = { addr: ip, port, pos: posOf(x) };
    },
    sorry_server_inhibit: (x) => {
      if (sorry === undefined) d.warn(posOf(x), 'kaconf.vs.sorryInhibitFirst');
      else sorryInhibit = boolArg(d, x, x.args[0]) ?? sorryInhibit;
    },
    sorry_server_lvs_method: (x) => {
      const m = parseMethod(d, x);
      if (sorry === undefined) d.warn(posOf(x), 'kaconf.vs.sorryMethodFirst');
      else if (m !== undefined) sorry.method = m;
    },
    real_server: (x) => {
      const r = parseRealServer(d, x);
      if (r !== undefined) rss.push(r);
    },
  };
  walk(d, s.block, 'virtual_server', h);
  if (selector === undefined) return undefined;
  const vsName = selectorText(selector);
  const addrBased = selector.kind === 'addr'
    || (selector.kind === 'group' && (groups.get(selector.name)?.entries.some((e) => e.kind === 'addr') ?? true));
  const fwmarkOnly = selector.kind === 'fwmark'
    || (selector.kind === 'group' && !addrBased);
  if (addrBased && protocol === undefined) {
    d.warn(pos, 'kaconf.vs.noProtocol', { vs: vsName });
    protocol = 'UDP';
  }
  if (fwmarkOnly && protocol !== undefined) {
    d.warn(protocolPos ?? pos, 'kaconf.vs.protocolFwmark', { vs: vsName });
  }
  if (sched === undefined) {
    d.warn(pos, 'kaconf.vs.noSched', { vs: vsName, sched: DEFAULT_SCHED });
    sched = DEFAULT_SCHED;
  }
  if (rss.length === 0) {
    d.warn(pos, 'kaconf.vs.noRealServers', { vs: vsName });
    return undefined;
  }
  let methodWarned = false;
  const needMethod = (): LvsMethod => {
    if (method === undefined) {
      if (!methodWarned) d.warn(pos, 'kaconf.vs.noMethod', { vs: vsName });
      methodWarned = true;
      return 'NAT';
    }
    return method;
  };
  const vsPort = selector.kind === 'addr' ? selector.vport : 0;
  const delayLoop = inh.delayLoop ?? 60 * SEC;
  const seen: RsRaw[] = [];
  const realServers: RealServerConf[] = [];
  let weightSum = 0;
  for (const r of rss) {
    const rmethod = r.method ?? needMethod();
    let port = r.port ?? 0;
    if (selector.kind === 'addr') {
      if (r.port === undefined) port = vsPort;
      else if (rmethod !== 'NAT' && rmethod !== 'FNAT' && r.port !== vsPort) {
        d.warn(r.pos, 'kaconf.vs.portMismatch', { vs: vsName, rs: `${formatIp4(r.addr)}:${r.port}` });
        port = vsPort;
      }
    } else if (selector.kind === 'fwmark' && rmethod !== 'NAT' && rmethod !== 'FNAT' && r.port !== undefined && r.port !== 0) {
      d.warn(r.pos, 'kaconf.vs.fwmarkPort', { vs: vsName, rs: `${formatIp4(r.addr)}:${r.port}` });
      port = 0;
    }
    if (seen.some((o) => o.addr === r.addr && (o.port ?? vsPort) === port)) {
      d.warn(r.pos, 'kaconf.vs.duplicateRs', { vs: vsName, rs: `${formatIp4(r.addr)}:${port}` });
      continue;
    }
    seen.push(r);
    const rsInh: Inherit = {
      connectTimeout: r.connectTimeout ?? inh.connectTimeout,
      retry: r.retry ?? inh.retry,
      delayBeforeRetry: r.delayBeforeRetry ?? inh.delayBeforeRetry,
      delayLoop: r.delayLoop ?? delayLoop,
      warmup: r.warmup ?? inh.warmup,
      alpha: r.alpha ?? inh.alpha ?? false,
    };
    const checkers = r.checkers.map((c) => completeChecker(c, r.addr, port, rsInh, r.virtualhost ?? virtualhost, delayLoop));
    const weight = r.weight ?? vsWeight;
    weightSum += weight;
    realServers.push({
      pos: r.pos, addr: r.addr, port, weight, method: rmethod, inhibitOnFailure: r.inhibit ?? inhibit,
      uThreshold: r.uThreshold, lThreshold: r.lThreshold, checkers,
    });
  }
  let sorryServer: SorryServerConf | undefined;
  if (sorry !== undefined) {
    const sm = sorry.method ?? needMethod();
    // alloc_ssvr keeps the port given (0 when none); validate_check_config rewrites it only for
    // DR/TUN. A NAT sorry server at port 0 keeps the client's destination port (the kernel's
    // ip_vs_new_conn uses the vport when the dest port is 0).
    let sport = sorry.port ?? 0;
    if (selector.kind === 'addr' && sm !== 'NAT' && sm !== 'FNAT' && sport !== vsPort) {
      if (sport !== 0) d.warn(sorry.pos, 'kaconf.vs.sorryPortMismatch', { vs: vsName });
      sport = vsPort;
    }
    sorryServer = { addr: sorry.addr, port: sport, method: sm, inhibit: sorryInhibit, pos: sorry.pos };
  }
  if (quorum > weightSum) {
    d.warn(pos, 'kaconf.vs.quorumTooHigh', { vs: vsName, quorum, sum: weightSum });
    quorum = weightSum;
  }
  if (hysteresis >= quorum) {
    if (quorum === 0 || hysteresis > 0) d.warn(pos, 'kaconf.vs.hysteresis', { vs: vsName, hysteresis, quorum, value: Math.max(0, quorum - 1) });
    hysteresis = Math.max(0, quorum - 1);
  }
  const finalMethod = method ?? 'NAT';
  const conf: VirtualServerConf = {
    pos, selector, protocol: protocol ?? 'TCP', sched, method: finalMethod, persistenceTimeout, persistenceGranularity,
    delayLoop, quorum, hysteresis, alpha: inh.alpha ?? false, omega, inhibitOnFailure: inhibit,
    ...(sorryServer !== undefined ? { sorryServer } : {}),
    ...(virtualhost !== undefined ? { virtualhost } : {}),
    ...(laddrGroup !== undefined ? { laddrGroup } : {}),
    synProxy, realServers,
  };
  return { conf, ...(groupPos !== undefined ? { groupPos } : {}), ...(laddrPos !== undefined ? { laddrPos } : {}) };
}

function schedOf(d: Diags, x: Stmt): string | undefined {
  const t = arg(d, x, 0);
  if (t === undefined) return undefined;
  if (!LVS_SCHEDULERS.includes(t.text)) {
    d.error(posOf(x, t), 'kaconf.vs.badSched', { value: t.text, list: LVS_SCHEDULERS.join(' ') });
    return undefined;
  }
  return t.text;
}

/** How keepalived names a virtual server in its messages (format_vs). */
export function selectorText(sel: VsSelector): string {
  switch (sel.kind) {
    case 'addr': return `${formatIp4(sel.vaddr)}:${sel.vport}`;
    case 'fwmark': return `FWM ${sel.mark}`;
    case 'group': return `[${sel.name}]`;
    default: return assertNever(sel);
  }
}

/**
 * A checker with inheritance resolved. `virtualhost`: the real server's, else the virtual server's
 * (a url's own and the checker's come first). `vsDelayLoop`: MISC_CHECK's default misc_timeout
 * (check_misc.c: checker->vs->delay_loop).
 */
function completeChecker(c: CheckerRaw, rsAddr: Ip4, rsPort: number, rs: Inherit, virtualhost: string | undefined, vsDelayLoop: number): CheckerConf {
  const delayLoop = c.delayLoop ?? rs.delayLoop ?? 60 * SEC;
  const isHttp = c.kind === 'HTTP_GET' || c.kind === 'SSL_GET';
  const common = {
    pos: c.pos,
    connectIp: c.connectIp ?? rsAddr,
    connectPort: c.connectPort ?? rsPort,
    ...(c.bindto !== undefined ? { bindto: c.bindto } : {}),
    ...(c.bindPort !== undefined ? { bindPort: c.bindPort } : {}),
    connectTimeout: c.connectTimeout ?? rs.connectTimeout ?? 5 * SEC,
    retry: c.retry ?? rs.retry ?? (c.kind === 'MISC_CHECK' ? 0 : 1),
    delayBeforeRetry: c.delayBeforeRetry ?? rs.delayBeforeRetry ?? (isHttp ? 3 * SEC : SEC),
    delayLoop,
    warmup: c.warmup ?? rs.warmup ?? delayLoop,
    alpha: c.alpha ?? rs.alpha ?? false,
  };
  switch (c.kind) {
    case 'TCP_CHECK': return { ...common, kind: 'TCP_CHECK' };
    case 'PING_CHECK': return { ...common, kind: 'PING_CHECK' };
    case 'HTTP_GET':
    case 'SSL_GET': {
      const vh = c.virtualhost ?? virtualhost;
      const urls = c.urls.map((u) => (u.virtualhost === undefined && vh !== undefined ? { ...u, virtualhost: vh } : u));
      return { ...common, kind: c.kind, urls, httpProtocol: c.httpProtocol, fastRecovery: c.fastRecovery };
    }
    case 'MISC_CHECK':
      return {
        ...common, kind: 'MISC_CHECK', path: c.path ?? { text: '', pos: c.pos }, timeout: c.miscTimeout ?? vsDelayLoop,
        dynamic: c.dynamic,
      };
    default:
      return assertNever(c.kind);
  }
}
