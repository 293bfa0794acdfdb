/**
 * global_defs, vrrp_script, vrrp_sync_group and vrrp_instance into typed, effective values.
 * Follows keepalived's vrrp_parser.c for the keywords and vrrp.c `vrrp_complete_instance` for the
 * defaults and corrections made after parsing (priority from state, state from priority,
 * nopreempt / preempt_delay cleared, strict mode, advert_int rounding), each with keepalived's
 * own warning text. Simplified: IPv4 only; no track_file/track_process/track_bfd, no routes.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { SEC } from '../../net/types.js';
import type {
  ConfPos, GlobalDefs, TrackInterfaceConf, TrackScriptConf, VipConf, VrrpInstanceConf, VrrpScriptConf,
  VrrpSyncGroupConf,
} from './types.js';
import type { Stmt } from './tree.js';
import { Diags, posOf, textPos } from './diag.js';
import { arg, boolArg, intArg, ipArg, timeArg } from './values.js';
import { classify, reportUnhandled, walk, type Handlers } from './keywords.js';

const BIG = 1_000_000 * SEC;

/** global_defs (several blocks merge, as in keepalived). */
export interface GlobalRaw {
  routerId?: string;
  vrrpVersion?: 2 | 3;
  strict?: boolean;
  skipCheckAdvAddr?: boolean;
  garpInterval?: number;
  garpMasterRepeat?: number;
  garpMasterDelay?: number;
  garpMasterRefresh?: number;
  garpMasterRefreshRepeat?: number;
  garpLowerPrioRepeat?: number;
  garpLowerPrioDelay?: number;
  lowerPrioNoAdvert?: boolean;
  higherPrioSendAdvert?: boolean;
}

/** Reads a global_defs block into `g`. */
export function parseGlobalDefs(d: Diags, s: Stmt, g: GlobalRaw): void {
  const setBool = (k: 'strict' | 'skipCheckAdvAddr' | 'lowerPrioNoAdvert' | 'higherPrioSendAdvert') => (x: Stmt) => {
    const v = boolArg(d, x, x.args[0]);
    if (v !== undefined) g[k] = v;
  };
  const setTime = (k: 'garpInterval' | 'garpMasterDelay' | 'garpMasterRefresh' | 'garpLowerPrioDelay') => (x: Stmt) => {
    const v = timeArg(d, x, arg(d, x, 0), 0, BIG);
    if (v !== undefined) g[k] = v;
  };
  const setInt = (k: 'garpMasterRepeat' | 'garpMasterRefreshRepeat' | 'garpLowerPrioRepeat') => (x: Stmt) => {
    const v = intArg(d, x, arg(d, x, 0), 0, 255);
    if (v !== undefined) g[k] = v;
  };
  const h: Handlers = {
    router_id: (x) => {
      const t = arg(d, x, 0);
      if (t !== undefined) g.routerId = t.text;
      d.warn(posOf(x), 'kaconf.noEffect.routerId', { keyword: 'router_id' });
    },
    vrrp_version: (x) => {
      const v = intArg(d, x, arg(d, x, 0), 2, 3);
      if (v === 2 || v === 3) g.vrrpVersion = v;
    },
    vrrp_strict: setBool('strict'),
    vrrp_skip_check_adv_addr: setBool('skipCheckAdvAddr'),
    vrrp_lower_prio_no_advert: setBool('lowerPrioNoAdvert'),
    vrrp_higher_prio_send_advert: setBool('higherPrioSendAdvert'),
    vrrp_garp_interval: setTime('garpInterval'),
    vrrp_garp_master_delay: setTime('garpMasterDelay'),
    vrrp_garp_master_refresh: setTime('garpMasterRefresh'),
    vrrp_garp_lower_prio_delay: setTime('garpLowerPrioDelay'),
    vrrp_garp_master_repeat: setInt('garpMasterRepeat'),
    vrrp_garp_master_refresh_repeat: setInt('garpMasterRefreshRepeat'),
    vrrp_garp_lower_prio_repeat: setInt('garpLowerPrioRepeat'),
  };
  walk(d, s.block, 'global_defs', h);
}

/** global_defs with the reference's defaults (§3.1). */
export function completeGlobal(g: GlobalRaw): GlobalDefs {
  const strict = g.strict ?? false;
  return {
    ...(g.routerId !== undefined ? { routerId: g.routerId } : {}),
    vrrpVersion: g.vrrpVersion ?? 2,
    strict,
    skipCheckAdvAddr: g.skipCheckAdvAddr ?? false,
    garpInterval: g.garpInterval ?? 0,
    garpMasterRepeat: g.garpMasterRepeat ?? 5,
    garpMasterDelay: g.garpMasterDelay ?? 5 * SEC,
    garpMasterRefresh: g.garpMasterRefresh ?? 0,
    garpMasterRefreshRepeat: g.garpMasterRefreshRepeat ?? 1,
    // Unset, they follow the master burst's settings (vrrp_complete_init: vrrp_garp_lower_prio_rep
    // = vrrp_garp_rep, vrrp_garp_lower_prio_delay = vrrp_garp_delay); strict mode clears them per instance.
    garpLowerPrioRepeat: g.garpLowerPrioRepeat ?? g.garpMasterRepeat ?? 5,
    garpLowerPrioDelay: g.garpLowerPrioDelay ?? g.garpMasterDelay ?? 5 * SEC,
    lowerPrioNoAdvert: g.lowerPrioNoAdvert ?? false,
    higherPrioSendAdvert: g.higherPrioSendAdvert ?? false,
  };
}

/** The name argument of a named block, or an error. */
export function nameOf(d: Diags, s: Stmt): string | undefined {
  const t = s.args[0];
  if (t === undefined) {
    d.error(posOf(s), 'kaconf.block.noName', { keyword: s.kw.text });
    return undefined;
  }
  return t.text;
}

/** vrrp_script NAME { script; interval; timeout; weight [reverse]; rise; fall }. */
export function parseVrrpScript(d: Diags, s: Stmt): VrrpScriptConf | undefined {
  const name = nameOf(d, s);
  let script: { text: string; pos: ConfPos } | undefined;
  let interval = SEC;
  let timeout: number | undefined;
  let weight = 0;
  let weightReverse = false;
  let rise = 1;
  let fall = 1;
  walk(d, s.block, 'vrrp_script', {
    script: (x) => {
      const t = arg(d, x, 0);
      if (t !== undefined) script = { text: x.args.map((a) => a.text).join(' '), pos: textPos(x, t) };
    },
    interval: (x) => { interval = timeArg(d, x, arg(d, x, 0), 1, BIG) ?? interval; },
    timeout: (x) => { timeout = timeArg(d, x, arg(d, x, 0), 1, BIG) ?? timeout; },
    weight: (x) => {
      weight = intArg(d, x, arg(d, x, 0), -253, 253) ?? weight;
      weightReverse = x.args[1]?.text === 'reverse';
    },
    rise: (x) => { rise = intArg(d, x, arg(d, x, 0), 1, 1_000_000) ?? rise; },
    fall: (x) => { fall = intArg(d, x, arg(d, x, 0), 1, 1_000_000) ?? fall; },
  });
  if (name === undefined) return undefined;
  if (script === undefined) {
    d.error(posOf(s), 'kaconf.script.noScript', { name });
    return undefined;
  }
  return { name, pos: posOf(s), script, interval, timeout: timeout ?? interval, weight, weightReverse, rise, fall };
}

/** vrrp_sync_group NAME { group { I1 I2 … } }. */
export function parseSyncGroup(d: Diags, s: Stmt): VrrpSyncGroupConf | undefined {
  const name = nameOf(d, s);
  const members: { name: string; pos: ConfPos }[] = [];
  const h: Handlers = {
    group: (x) => {
      for (const m of x.block ?? []) {
        members.push({ name: m.kw.text, pos: posOf(m) });
        for (const a of m.args) members.push({ name: a.text, pos: posOf(m, a) });
      }
    },
  };
  for (const x of s.block ?? []) {
    const handler = Object.hasOwn(h, x.kw.text) ? h[x.kw.text] : undefined;
    if (handler !== undefined) handler(x);
    else if (x.block === null && x.args.length === 0 && classify(x.kw.text).kind === 'unknown') {
      d.error(posOf(x), 'kaconf.sync.bareMember', { name: x.kw.text });
    } else reportUnhandled(d, x, 'vrrp_sync_group', Object.keys(h));
  }
  if (name === undefined) return undefined;
  return { name, pos: posOf(s), members };
}

const SCOPES = new Set(['global', 'site', 'link', 'host']);

/** One virtual_ipaddress line: `<IP>[/mask] [dev IF] [scope S] [label L] [brd B]`. */
function parseVip(d: Diags, x: Stmt): VipConf | undefined {
  const words = [x.kw, ...x.args];
  const first = x.kw.text;
  const slash = first.indexOf('/');
  const ipText = slash < 0 ? first : first.slice(0, slash);
  if (ipText.includes(':')) {
    d.error(posOf(x), 'kaconf.ipv6', { keyword: 'virtual_ipaddress', value: first });
    return undefined;
  }
  const addr = ipArg(d, x, { ...x.kw, text: ipText });
  let prefixLen = 32;
  if (slash >= 0) {
    const p = first.slice(slash + 1);
    if (!/^\d{1,2}$/.test(p) || Number(p) > 32) {
      d.error(posOf(x), 'kaconf.vip.badMask', { value: first });
      return undefined;
    }
    prefixLen = Number(p);
  }
  let dev: string | undefined;
  let scope: VipConf['scope'] = 'global';
  let label: string | undefined;
  let broadcast: Ip4 | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as (typeof words)[number];
    const v = words[i + 1];
    if (w.text === 'dev' || w.text === 'scope' || w.text === 'label' || w.text === 'brd' || w.text === 'broadcast') {
      if (v === undefined) {
        d.error(posOf(x, w), 'kaconf.arg.missing', { keyword: w.text });
        return undefined;
      }
      i++;
      if (w.text === 'dev') dev = v.text;
      else if (w.text === 'label') label = v.text;
      else if (w.text === 'scope') {
        if (!SCOPES.has(v.text)) {
          d.error(posOf(x, v), 'kaconf.vip.badScope', { value: v.text });
          return undefined;
        }
        scope = v.text as VipConf['scope'];
      } else {
        broadcast = ipArg(d, x, v);
        if (broadcast === undefined) return undefined;
      }
    } else {
      d.error(posOf(x, w), 'kaconf.vip.option', { option: w.text });
      return undefined;
    }
  }
  if (addr === undefined) return undefined;
  return {
    addr, prefixLen, scope, pos: posOf(x),
    ...(dev !== undefined ? { dev } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(broadcast !== undefined ? { broadcast } : {}),
  };
}

function parseWeighted(d: Diags, x: Stmt): { weight: number | undefined; reverse: boolean; ok: boolean } {
  let weight: number | undefined;
  let reverse = false;
  for (let i = 0; i < x.args.length; i++) {
    const a = x.args[i] as (typeof x.args)[number];
    if (a.text === 'weight') {
      const wt = x.args[i + 1];
      if (wt === undefined) {
        d.error(posOf(x, a), 'kaconf.arg.missing', { keyword: 'weight' });
        return { weight, reverse, ok: false };
      }
      const w = intArg(d, x, wt, -253, 253);
      if (w === undefined) return { weight, reverse, ok: false };
      weight = w;
      i++;
    } else if (a.text === 'reverse') reverse = true;
    else {
      d.error(posOf(x, a), 'kaconf.track.option', { option: a.text });
      return { weight, reverse, ok: false };
    }
  }
  return { weight, reverse, ok: true };
}

/** Raw instance keywords before keepalived's completion. */
interface InstanceRaw {
  state?: 'MASTER' | 'BACKUP' | undefined;
  iface?: string | undefined;
  vrid?: number | undefined;
  vridPos?: ConfPos | undefined;
  priority?: number | undefined;
  advertInt?: number | undefined;
  version?: 2 | 3 | undefined;
  nopreempt: boolean;
  preemptDelay: number;
  authType?: 'PASS' | undefined;
  authPass?: string | undefined;
  vips: VipConf[];
  vipsExcluded: VipConf[];
  trackInterfaces: TrackInterfaceConf[];
  trackScripts: TrackScriptConf[];
  garp: Partial<Record<'garpMasterRepeat' | 'garpMasterDelay' | 'garpMasterRefresh' | 'garpMasterRefreshRepeat' | 'garpLowerPrioRepeat' | 'garpLowerPrioDelay', number>>;
  lowerPrioNoAdvert?: boolean | undefined;
  higherPrioSendAdvert?: boolean | undefined;
  accept?: boolean | undefined;
  strict?: boolean | undefined;
  skipCheckAdvAddr?: boolean | undefined;
  downTimerAdverts?: number | undefined;
  unicastSrcIp?: Ip4 | undefined;
  unicastPeers: Ip4[];
  checksumAsV2: boolean;
}

/** A parsed instance and where its vrid was set (for the uniqueness check). */
export interface InstanceResult {
  readonly conf: VrrpInstanceConf;
  readonly vridPos: ConfPos;
}

/** vrrp_instance NAME { … } with keepalived's completion (vrrp_complete_instance). */
export function parseInstance(d: Diags, s: Stmt, g: GlobalDefs): InstanceResult | undefined {
  const name = nameOf(d, s);
  const r: InstanceRaw = {
    nopreempt: false, preemptDelay: 0, vips: [], vipsExcluded: [], trackInterfaces: [], trackScripts: [], garp: {},
    unicastPeers: [], checksumAsV2: false,
  };
  const garpInt = (k: 'garpMasterRepeat' | 'garpMasterRefreshRepeat' | 'garpLowerPrioRepeat') => (x: Stmt) => {
    const v = intArg(d, x, arg(d, x, 0), 0, 255);
    if (v !== undefined) r.garp[k] = v;
  };
  const garpTime = (k: 'garpMasterDelay' | 'garpMasterRefresh' | 'garpLowerPrioDelay') => (x: Stmt) => {
    const v = timeArg(d, x, arg(d, x, 0), 0, BIG);
    if (v !== undefined) r.garp[k] = v;
  };
  const vipBlock = (into: VipConf[]) => (x: Stmt) => {
    if (x.block === null) {
      d.error(posOf(x), 'kaconf.block.expected', { keyword: x.kw.text });
      return;
    }
    for (const v of x.block) {
      const vip = parseVip(d, v);
      if (vip !== undefined) into.push(vip);
    }
  };
  const h: Handlers = {
    state: (x) => {
      const t = arg(d, x, 0);
      if (t === undefined) return;
      if (t.text === 'MASTER' || t.text === 'BACKUP') r.state = t.text;
      else d.error(posOf(x, t), 'kaconf.vrrp.badState', { value: t.text });
    },
    interface: (x) => { r.iface = arg(d, x, 0)?.text ?? r.iface; },
    virtual_router_id: (x) => {
      const v = intArg(d, x, arg(d, x, 0), 1, 255);
      if (v !== undefined) { r.vrid = v; r.vridPos = posOf(x); }
    },
    priority: (x) => { r.priority = intArg(d, x, arg(d, x, 0), 1, 255) ?? r.priority; },
    advert_int: (x) => {
      const v = timeArg(d, x, arg(d, x, 0), 0, BIG);
      if (v === 0) d.error(posOf(x, x.args[0] ?? x.kw), 'kaconf.vrrp.advertZero');
      else if (v !== undefined) r.advertInt = v;
    },
    version: (x) => {
      const v = intArg(d, x, arg(d, x, 0), 2, 3);
      if (v === 2 || v === 3) r.version = v;
    },
    nopreempt: () => { r.nopreempt = true; },
    preempt: (x) => { r.nopreempt = false; d.warn(posOf(x), 'kaconf.vrrp.preemptCompat'); },
    preempt_delay: (x) => { r.preemptDelay = timeArg(d, x, arg(d, x, 0), 0, 1000 * SEC) ?? r.preemptDelay; },
    garp_master_delay: garpTime('garpMasterDelay'),
    garp_master_refresh: garpTime('garpMasterRefresh'),
    garp_lower_prio_delay: garpTime('garpLowerPrioDelay'),
    garp_master_repeat: garpInt('garpMasterRepeat'),
    garp_master_refresh_repeat: garpInt('garpMasterRefreshRepeat'),
    garp_lower_prio_repeat: garpInt('garpLowerPrioRepeat'),
    lower_prio_no_advert: (x) => { r.lowerPrioNoAdvert = boolArg(d, x, x.args[0]) ?? r.lowerPrioNoAdvert; },
    higher_prio_send_advert: (x) => { r.higherPrioSendAdvert = boolArg(d, x, x.args[0]) ?? r.higherPrioSendAdvert; },
    authentication: (x) => {
      walk(d, x.block, 'authentication', {
        auth_type: (y) => {
          const t = arg(d, y, 0);
          if (t === undefined) return;
          if (t.text === 'PASS') r.authType = 'PASS';
          else if (t.text === 'AH') d.error(posOf(y, t), 'kaconf.notModelled.authAh', { keyword: 'auth_type AH' });
          else d.error(posOf(y, t), 'kaconf.vrrp.badAuthType', { value: t.text });
        },
        auth_pass: (y) => {
          const t = arg(d, y, 0);
          if (t === undefined) return;
          if (t.text.length > 8) d.warn(posOf(y, t), 'kaconf.vrrp.authTruncated', { value: t.text });
          r.authPass = t.text.slice(0, 8);
        },
      });
    },
    virtual_ipaddress: vipBlock(r.vips),
    virtual_ipaddress_excluded: vipBlock(r.vipsExcluded),
    track_interface: (x) => {
      for (const y of x.block ?? []) {
        const w = parseWeighted(d, y);
        if (w.ok) r.trackInterfaces.push({ iface: y.kw.text, weight: w.weight ?? null, reverse: w.reverse, pos: posOf(y) });
      }
    },
    track_script: (x) => {
      for (const y of x.block ?? []) {
        const w = parseWeighted(d, y);
        if (w.ok) {
          r.trackScripts.push({
            name: y.kw.text, reverse: w.reverse, pos: posOf(y), ...(w.weight !== undefined ? { weight: w.weight } : {}),
          });
        }
      }
    },
    // The macvlan with 00:00:5e:00:01:VRID changes what every ARP answer and GARP carries: not
    // modelled, so refused rather than run as if it were absent.
    use_vmac: (x) => { d.error(posOf(x), 'kaconf.notModelled.useVmac'); },
    unicast_src_ip: (x) => { r.unicastSrcIp = ipArg(d, x, arg(d, x, 0)) ?? r.unicastSrcIp; },
    mcast_src_ip: (x) => { r.unicastSrcIp = ipArg(d, x, arg(d, x, 0)) ?? r.unicastSrcIp; },
    unicast_peer: (x) => {
      for (const y of x.block ?? []) {
        if (y.args.length > 0) {
          d.error(posOf(y, y.args[0]), 'kaconf.vrrp.peerOption', { option: (y.args[0] as (typeof y.args)[number]).text });
          continue;
        }
        const ip = ipArg(d, y, y.kw);
        if (ip !== undefined) r.unicastPeers.push(ip);
      }
    },
    accept: () => { r.accept = true; },
    no_accept: () => { r.accept = false; },
    strict_mode: (x) => { r.strict = boolArg(d, x, x.args[0]) ?? r.strict; },
    skip_check_adv_addr: (x) => { r.skipCheckAdvAddr = boolArg(d, x, x.args[0]) ?? r.skipCheckAdvAddr; },
    down_timer_adverts: (x) => { r.downTimerAdverts = intArg(d, x, arg(d, x, 0), 1, 100) ?? r.downTimerAdverts; },
    v3_checksum_as_v2: () => { r.checksumAsV2 = true; },
  };
  walk(d, s.block, 'vrrp_instance', h);
  if (name === undefined) return undefined;
  return completeInstance(d, s, name, r, g);
}

function completeInstance(d: Diags, s: Stmt, name: string, r: InstanceRaw, g: GlobalDefs): InstanceResult | undefined {
  const pos = posOf(s);
  let ok = true;
  if (r.iface === undefined) {
    d.error(pos, r.unicastSrcIp === undefined ? 'kaconf.vrrp.noInterface' : 'kaconf.vrrp.noInterfaceUnicast', { name });
    ok = false;
  }
  if (r.vrid === undefined || r.vridPos === undefined) {
    d.error(pos, 'kaconf.vrrp.noVrid', { name });
    ok = false;
  }
  const strict = r.strict ?? g.strict;
  const version = r.version ?? g.vrrpVersion;
  if (r.vips.length === 0) {
    if (version === 3 || strict) {
      d.error(pos, 'kaconf.vrrp.noVipRequired', { name });
      ok = false;
    } else d.warn(pos, 'kaconf.vrrp.noVipSensible', { name });
  }
  const priority = r.priority ?? (r.state === 'MASTER' ? 255 : 100);
  let stateWish: 'MASTER' | 'BACKUP' = r.state ?? (priority === 255 ? 'MASTER' : 'BACKUP');
  if (r.state !== undefined && strict && (r.state === 'MASTER') !== (priority === 255)) {
    d.warn(pos, 'kaconf.vrrp.strictState', { name });
    stateWish = priority === 255 ? 'MASTER' : 'BACKUP';
  }
  let authPass = r.authType === 'PASS' ? r.authPass : undefined;
  if (r.authType === 'PASS') {
    if (strict) { d.warn(pos, 'kaconf.vrrp.strictAuth', { name }); authPass = undefined; }
    else if (version === 3) { d.warn(pos, 'kaconf.vrrp.v3Auth', { name }); authPass = undefined; }
    else if (r.authPass === undefined || r.authPass === '') { d.warn(pos, 'kaconf.vrrp.authNoPass', { name }); authPass = undefined; }
  }
  let nopreempt = r.nopreempt;
  let preemptDelay = r.preemptDelay;
  if (priority === 255 && nopreempt) {
    d.warn(pos, 'kaconf.vrrp.nopreemptOwner', { name });
    nopreempt = false;
  }
  if (stateWish === 'MASTER') {
    if (nopreempt) { d.warn(pos, 'kaconf.vrrp.nopreemptMaster', { name }); nopreempt = false; }
    if (preemptDelay > 0) { d.warn(pos, 'kaconf.vrrp.preemptDelayMaster', { name }); preemptDelay = 0; }
  }
  if (preemptDelay > 0) {
    if (strict) { d.warn(pos, 'kaconf.vrrp.preemptDelayStrict', { name }); preemptDelay = 0; }
    if (nopreempt && preemptDelay > 0) { d.warn(pos, 'kaconf.vrrp.preemptDelayNopreempt', { name }); preemptDelay = 0; }
  }
  let accept = r.accept ?? (priority === 255 ? true : !strict);
  if (accept && priority !== 255 && strict && version === 2) {
    d.warn(pos, 'kaconf.vrrp.strictAccept', { name });
    accept = false;
  }
  let garpLowerPrioRepeat = r.garp.garpLowerPrioRepeat ?? (strict ? 0 : g.garpLowerPrioRepeat);
  if (strict && garpLowerPrioRepeat > 0) { d.warn(pos, 'kaconf.vrrp.strictGarpRepeat', { name }); garpLowerPrioRepeat = 0; }
  let garpLowerPrioDelay = r.garp.garpLowerPrioDelay ?? (strict ? 0 : g.garpLowerPrioDelay);
  if (strict && garpLowerPrioDelay > 0) { d.warn(pos, 'kaconf.vrrp.strictGarpDelay', { name }); garpLowerPrioDelay = 0; }
  let lowerPrioNoAdvert = r.lowerPrioNoAdvert ?? (strict ? true : g.lowerPrioNoAdvert);
  if (strict && !lowerPrioNoAdvert) { d.warn(pos, 'kaconf.vrrp.strictLowerPrio', { name }); lowerPrioNoAdvert = true; }
  let higherPrioSendAdvert = r.higherPrioSendAdvert ?? (strict ? false : g.higherPrioSendAdvert);
  if (strict && higherPrioSendAdvert) { d.warn(pos, 'kaconf.vrrp.strictHigherPrio', { name }); higherPrioSendAdvert = false; }
  let advertInt = r.advertInt ?? SEC;
  const secs = (ns: number): string => String(ns / SEC);
  if (version === 2) {
    if (advertInt >= 256 * SEC) {
      d.warn(pos, 'kaconf.vrrp.v2AdvertRange', { name, value: secs(advertInt) });
      advertInt = 255 * SEC;
    } else if (advertInt % SEC !== 0) {
      d.warn(pos, 'kaconf.vrrp.v2AdvertInteger', { name, value: secs(advertInt) });
      advertInt = advertInt + SEC / 2;
      advertInt -= advertInt % SEC;
      if (advertInt === 0) advertInt = SEC;
    }
  } else {
    const CS = SEC / 100;
    if (advertInt >= 4096 * CS) {
      d.warn(pos, 'kaconf.vrrp.v3AdvertRange', { name, value: secs(advertInt) });
      advertInt = 4095 * CS;
    } else if (advertInt % CS !== 0) {
      d.warn(pos, 'kaconf.vrrp.v3AdvertCentis', { name, value: secs(advertInt) });
      advertInt = advertInt + CS / 2;
      advertInt -= advertInt % CS;
      if (advertInt === 0) advertInt = CS;
    }
  }
  if (!ok || r.iface === undefined || r.vrid === undefined || r.vridPos === undefined) return undefined;
  const conf: VrrpInstanceConf = {
    name, pos, stateWish, iface: r.iface, vrid: r.vrid, priority, advertInt, version, nopreempt, preemptDelay,
    ...(authPass !== undefined ? { authPass } : {}),
    vips: r.vips, vipsExcluded: r.vipsExcluded, trackInterfaces: r.trackInterfaces, trackScripts: r.trackScripts,
    garpMasterRepeat: r.garp.garpMasterRepeat ?? g.garpMasterRepeat,
    garpMasterDelay: r.garp.garpMasterDelay ?? g.garpMasterDelay,
    garpMasterRefresh: r.garp.garpMasterRefresh ?? g.garpMasterRefresh,
    garpMasterRefreshRepeat: r.garp.garpMasterRefreshRepeat ?? g.garpMasterRefreshRepeat,
    garpLowerPrioRepeat, garpLowerPrioDelay,
    garpInterval: g.garpInterval,
    lowerPrioNoAdvert, higherPrioSendAdvert, accept, strict,
    skipCheckAdvAddr: r.skipCheckAdvAddr ?? g.skipCheckAdvAddr,
    downTimerAdverts: r.downTimerAdverts ?? 3,
    ...(r.unicastSrcIp !== undefined ? { unicastSrcIp: r.unicastSrcIp } : {}),
    unicastPeers: r.unicastPeers,
    checksumAsV2: r.checksumAsV2,
  };
  return { conf, vridPos: r.vridPos };
}
