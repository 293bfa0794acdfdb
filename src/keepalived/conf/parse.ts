/**
 * keepalived.conf → KeepalivedConfig: lexer and block tree (lexer.ts, tree.ts), the top-level
 * keywords dispatched to vrrp.ts and lvs.ts, then the cross-references keepalived checks once the
 * whole file is read (track_script, sync group members, virtual_server group, laddr_group_name,
 * VRID per interface). Pure: includes are read only through the caller's ReadInclude.
 */
import type {
  ConfSource, KeepalivedConfig, LocalAddressGroupConf, ParsedConf, ReadInclude, VirtualServerConf,
  VirtualServerGroupConf, VrrpInstanceConf, VrrpScriptConf, VrrpSyncGroupConf,
} from './types.js';
import type { ConfDiagnostic } from './types.js';
import { buildTree, type Stmt } from './tree.js';
import { Diags, posOf } from './diag.js';
import { reportUnhandled } from './keywords.js';
import { completeGlobal, parseGlobalDefs, parseInstance, parseSyncGroup, parseVrrpScript, type GlobalRaw, type InstanceResult } from './vrrp.js';
import { parseLaddrGroup, parseVirtualServer, parseVsGroup, type VsResult } from './lvs.js';

const TOP = [
  'global_defs', 'vrrp_script', 'vrrp_sync_group', 'vrrp_instance', 'virtual_server_group', 'virtual_server',
  'local_address_group',
] as const;

function needsBlock(d: Diags, s: Stmt): boolean {
  if (s.block !== null) return true;
  d.error(posOf(s), 'kaconf.block.expected', { keyword: s.kw.text });
  return false;
}

/** Parses a keepalived.conf (and its includes) into effective values and diagnostics. */
export function parseKeepalivedConf(src: ConfSource, readInclude?: ReadInclude): ParsedConf {
  const d = new Diags();
  const raw: ConfDiagnostic[] = [];
  const stmts = buildTree(src, readInclude, raw);
  d.absorb(raw);

  const globalRaw: GlobalRaw = {};
  for (const s of stmts) if (s.kw.text === 'global_defs' && needsBlock(d, s)) parseGlobalDefs(d, s, globalRaw);
  const global = completeGlobal(globalRaw);

  const vrrpScripts = new Map<string, VrrpScriptConf>();
  const syncGroups: VrrpSyncGroupConf[] = [];
  const instances: InstanceResult[] = [];
  const vsGroups = new Map<string, VirtualServerGroupConf>();
  const laddrGroups = new Map<string, LocalAddressGroupConf>();
  const vsStmts: Stmt[] = [];
  const instanceNames = new Set<string>();

  for (const s of stmts) {
    const kw = s.kw.text;
    if (s.kw.quoted) {
      reportUnhandled(d, s, 'top level', TOP);
      continue;
    }
    switch (kw) {
      case 'global_defs':
        break;
      case 'vrrp_script': {
        if (!needsBlock(d, s)) break;
        const v = parseVrrpScript(d, s);
        if (v === undefined) break;
        if (vrrpScripts.has(v.name)) d.error(v.pos, 'kaconf.dup.script', { name: v.name });
        else vrrpScripts.set(v.name, v);
        break;
      }
      case 'vrrp_sync_group': {
        if (!needsBlock(d, s)) break;
        const g = parseSyncGroup(d, s);
        if (g !== undefined) syncGroups.push(g);
        break;
      }
      case 'vrrp_instance': {
        if (!needsBlock(d, s)) break;
        const name = s.args[0]?.text;
        if (name !== undefined && instanceNames.has(name)) d.error(posOf(s, s.args[0]), 'kaconf.dup.instance', { name });
        if (name !== undefined) instanceNames.add(name);
        const r = parseInstance(d, s, global);
        if (r !== undefined) instances.push(r);
        break;
      }
      case 'virtual_server_group': {
        if (!needsBlock(d, s)) break;
        const g = parseVsGroup(d, s);
        if (g === undefined) break;
        if (vsGroups.has(g.name)) d.error(g.pos, 'kaconf.dup.vsGroup', { name: g.name });
        else vsGroups.set(g.name, g);
        break;
      }
      case 'local_address_group': {
        if (!needsBlock(d, s)) break;
        const g = parseLaddrGroup(d, s);
        if (g === undefined) break;
        if (laddrGroups.has(g.name)) d.error(g.pos, 'kaconf.dup.laddrGroup', { name: g.name });
        else laddrGroups.set(g.name, g);
        break;
      }
      case 'virtual_server':
        if (needsBlock(d, s)) vsStmts.push(s);
        break;
      default:
        reportUnhandled(d, s, 'top level', TOP);
    }
  }

  const vss: VsResult[] = [];
  for (const s of vsStmts) {
    const r = parseVirtualServer(d, s, vsGroups);
    if (r !== undefined) vss.push(r);
  }

  checkCrossRefs(d, instances, syncGroups, vrrpScripts, vss, vsGroups, laddrGroups);

  const diagnostics = inFileOrder(d.list);
  if (d.errors > 0) return { config: null, diagnostics };
  const config: KeepalivedConfig = {
    global, vrrpScripts, syncGroups, instances: instances.map((i): VrrpInstanceConf => i.conf), vsGroups,
    virtualServers: vss.map((v): VirtualServerConf => v.conf), laddrGroups,
  };
  return { config, diagnostics };
}

function checkCrossRefs(
  d: Diags, instances: readonly InstanceResult[], syncGroups: readonly VrrpSyncGroupConf[],
  scripts: ReadonlyMap<string, VrrpScriptConf>, vss: readonly VsResult[],
  vsGroups: ReadonlyMap<string, VirtualServerGroupConf>, laddrGroups: ReadonlyMap<string, LocalAddressGroupConf>,
): void {
  const names = new Set(instances.map((i) => i.conf.name));
  const byIfVrid = new Map<string, string>();
  for (const { conf, vridPos } of instances) {
    for (const t of conf.trackScripts) {
      if (!scripts.has(t.name)) d.error(t.pos, 'kaconf.ref.trackScript', { name: t.name, instance: conf.name });
    }
    const key = `${conf.iface}/${conf.vrid}`;
    const other = byIfVrid.get(key);
    if (other !== undefined) d.error(vridPos, 'kaconf.ref.vridDup', { vrid: conf.vrid, iface: conf.iface, name: conf.name, other });
    else byIfVrid.set(key, conf.name);
  }
  const inGroup = new Map<string, string>();
  for (const g of syncGroups) {
    for (const m of g.members) {
      if (!names.has(m.name)) d.error(m.pos, 'kaconf.ref.syncMember', { name: m.name, group: g.name });
      const prev = inGroup.get(m.name);
      if (prev !== undefined) d.error(m.pos, 'kaconf.ref.syncTwice', { name: m.name, group: g.name, other: prev });
      else inGroup.set(m.name, g.name);
    }
  }
  for (const v of vss) {
    const sel = v.conf.selector;
    if (sel.kind === 'group' && !vsGroups.has(sel.name)) d.error(v.groupPos ?? v.conf.pos, 'kaconf.ref.vsGroup', { name: sel.name });
    if (v.conf.laddrGroup !== undefined && !laddrGroups.has(v.conf.laddrGroup)) {
      d.error(v.laddrPos ?? v.conf.pos, 'kaconf.ref.laddrGroup', { name: v.conf.laddrGroup });
    }
    const fnat = v.conf.method === 'FNAT' || v.conf.realServers.some((r) => r.method === 'FNAT');
    if (fnat && v.conf.laddrGroup === undefined) d.error(v.conf.pos, 'kaconf.ref.fnatNoLaddr');
  }
}

/** Diagnostics sorted by position, files in the order they first appear (stable otherwise). */
function inFileOrder(list: readonly ConfDiagnostic[]): ConfDiagnostic[] {
  const fileRank = new Map<string, number>();
  for (const x of list) if (!fileRank.has(x.pos.file)) fileRank.set(x.pos.file, fileRank.size);
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => ((fileRank.get(a.x.pos.file) ?? 0) - (fileRank.get(b.x.pos.file) ?? 0))
      || a.x.pos.line - b.x.pos.line || a.x.pos.col - b.x.pos.col || a.i - b.i)
    .map((e) => e.x);
}
