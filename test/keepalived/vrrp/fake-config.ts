/** Builders of typed keepalived configurations for the VRRP tests (what conf/parse.ts would produce). */
import { completeGlobal } from '../../../src/keepalived/conf/vrrp.js';
import type { KeepalivedConfig, VipConf, VrrpInstanceConf, VrrpScriptConf, VrrpSyncGroupConf } from '../../../src/keepalived/conf/types.js';
import { SEC } from '../../../src/net/types.js';
import { parseIp4 } from '../../../src/net/wire/addr.js';
import type { Ip4 } from '../../../src/net/wire/addr.js';

const POS = { file: 'keepalived.conf', line: 1, col: 1 };

/** A dotted quad as a number. */
export function ip(text: string): Ip4 {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad IP ${text}`);
  return v;
}

/** A `virtual_ipaddress` entry (default /32 on the instance's interface). */
export function vip(text: string, extra: Partial<VipConf> = {}): VipConf {
  return { addr: ip(text), prefixLen: 32, scope: 'global', pos: POS, ...extra };
}

/** A vrrp_instance with keepalived's defaults (priority 100, advert 1 s, v2, preempt, 5 GARPs + 5 after 5 s). */
export function instanceConf(over: Partial<VrrpInstanceConf> = {}): VrrpInstanceConf {
  return {
    name: 'VI_1',
    pos: POS,
    stateWish: 'BACKUP',
    iface: 'eth0',
    vrid: 51,
    priority: 100,
    advertInt: 1 * SEC,
    version: 2,
    nopreempt: false,
    preemptDelay: 0,
    vips: [vip('192.168.1.100')],
    vipsExcluded: [],
    trackInterfaces: [],
    trackScripts: [],
    garpMasterRepeat: 5,
    garpMasterDelay: 5 * SEC,
    garpMasterRefresh: 0,
    garpMasterRefreshRepeat: 1,
    garpLowerPrioRepeat: 0,
    garpLowerPrioDelay: 0,
    garpInterval: 0,
    lowerPrioNoAdvert: false,
    higherPrioSendAdvert: false,
    accept: true,
    strict: false,
    skipCheckAdvAddr: false,
    downTimerAdverts: 3,
    unicastPeers: [],
    checksumAsV2: false,
    ...over,
  };
}

/** A vrrp_script with keepalived's defaults (interval 1 s, weight 0, rise/fall 1). */
export function scriptConf(name: string, over: Partial<VrrpScriptConf> = {}): VrrpScriptConf {
  return { name, pos: POS, script: { text: `/bin/check_${name}`, pos: POS }, interval: 1 * SEC, timeout: 1 * SEC, weight: 0, weightReverse: false, rise: 1, fall: 1, ...over };
}

/** A whole configuration around some instances. */
export function config(instances: VrrpInstanceConf[], opts: { scripts?: VrrpScriptConf[]; groups?: { name: string; members: string[] }[] } = {}): KeepalivedConfig {
  const syncGroups: VrrpSyncGroupConf[] = (opts.groups ?? []).map((g) => ({ name: g.name, pos: POS, members: g.members.map((m) => ({ name: m, pos: POS })) }));
  return {
    global: completeGlobal({}),
    vrrpScripts: new Map((opts.scripts ?? []).map((s) => [s.name, s])),
    syncGroups,
    instances,
    vsGroups: new Map(),
    virtualServers: [],
    laddrGroups: new Map(),
  };
}
