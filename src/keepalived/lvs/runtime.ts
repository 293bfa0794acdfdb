/**
 * keepalived's LVS side in memory (keepalived check/ipwrapper.c and ipvswrapper.c, HEAD of
 * acassen/keepalived): virtual servers with their IPVS services, real servers with keepalived's
 * `alive` (all checkers up), `set` (present in IPVS) and effective weight, and the functions that
 * turn verdicts into IPVS commands:
 *   - ipvs_cmd: DELDEST of an inhibit_on_failure server becomes EDITDEST weight 0, its ADDDEST an
 *     EDITDEST back to its weight; a first ADDDEST of an inhibited server still failing is weight 0.
 *   - init_service_rs / init_service_vs: servers without a failed checker are added and alive; with
 *     `alpha` they wait for a success (inhibited ones are added at weight 0); the quorum is then
 *     evaluated once with init=true (alpha + sorry_server: the sorry server starts in the pool).
 *   - perform_svr_state, update_quorum_state (threshold quorum ± hysteresis, loss also when the
 *     live weight is 0), perform_quorum_state, update_svr_wgt, clear_services (lvs_flush_on_stop
 *     default: every server deleted, inhibited or not, then the service).
 * Each change is narrated by a `keepalived` event before the `ipvs.*` events of the change itself.
 * Simplified: quorum_up/down and notify scripts are not run; one process-wide view (no reload).
 */
import type { HostApi } from '../../net/types.js';
import type { Ip4 } from '../../net/wire/addr.js';
import { formatIp4 } from '../../net/wire/addr.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../net/wire/packet.js';
import type { Msg, MsgParam } from '../../i18n/message.js';
import { msg } from '../../i18n/message.js';
import type { KeepalivedOp } from '../../trace/events.js';
import { addDest, addService, type CtlResult, delDest, delService, editDest, type ServiceSel, type ServiceUser } from '../../ipvs/ctl.js';
import { addLaddr } from '../../ipvs/laddr-ctl.js';
import { fwdToConnFlags, type DestFwd } from '../../ipvs/dest.js';
import { IP_VS_SVC_F_PERSISTENT, serviceLabel } from '../../ipvs/service.js';
import { IP_VS_CONN_F_SYNPROXY } from '../../ipvs/synproxy.js';
import type { IpvsState } from '../../ipvs/state.js';
import type { ConfDiagnostic, ConfPos, KeepalivedConfig, LvsMethod, RealServerConf, VirtualServerConf } from '../conf/types.js';
import { Checker, type CheckerOwner } from '../check/checker.js';
import { assertNever } from '../../assert-never.js';

/** A real server (or the sorry server) as keepalived tracks it. */
export class RsRt {
  alive = false;
  /** rs->set: keepalived believes it is in IPVS. */
  set = false;
  numFailed = 0;
  effWeight: number;
  readonly checkers: Checker[] = [];

  constructor(
    readonly vs: VsRt,
    readonly addr: Ip4,
    readonly port: number,
    readonly method: LvsMethod,
    /** rs->iweight: the configured weight. */
    readonly iweight: number,
    readonly inhibit: boolean,
    readonly uThreshold: number,
    readonly lThreshold: number,
    readonly pos: ConfPos,
    readonly conf: RealServerConf | null,
  ) {
    this.effWeight = iweight;
  }

  get label(): string {
    return `${formatIp4(this.addr)}:${this.port}`;
  }
}

/** A virtual server: its IPVS services (one, or one per group entry and address) and its servers. */
export class VsRt {
  quorumUp = false;
  sorry: RsRt | null = null;
  readonly rss: RsRt[] = [];

  constructor(
    readonly conf: VirtualServerConf,
    readonly sels: readonly ServiceSel[],
    readonly label: string,
  ) {}

  /** The quorum and hysteresis as validate_check_config left them (the parser corrects them, with its warning). */
  get quorum(): number {
    return this.conf.quorum;
  }

  get hysteresis(): number {
    return this.conf.hysteresis;
  }

  /** weigh_live_realservers. */
  liveWeight(): number {
    let sum = 0;
    for (const rs of this.rss) if (rs.alive) sum += rs.effWeight;
    return sum;
  }
}

const METHOD_FWD: Readonly<Record<LvsMethod, DestFwd>> = { NAT: 'masq', DR: 'droute', TUN: 'tunnel', FNAT: 'fullnat' };

/** The IPVS services a virtual server stands for (a group expands to one per address and per fwmark). */
export function vsSelectors(vs: VirtualServerConf, config: KeepalivedConfig): { sels: ServiceSel[]; label: string } | { error: Msg } {
  const protocol = vs.protocol === 'UDP' ? IPPROTO_UDP : IPPROTO_TCP;
  const s = vs.selector;
  switch (s.kind) {
    case 'addr':
    case 'fwmark': {
      const sel: ServiceSel = s.kind === 'addr' ? { protocol, vaddr: s.vaddr, vport: s.vport, fwmark: 0 } : { protocol: IPPROTO_TCP, vaddr: 0, vport: 0, fwmark: s.mark };
      return { sels: [sel], label: serviceLabel(sel) };
    }
    case 'group': {
      const g = config.vsGroups.get(s.name);
      if (g === undefined) return { error: msg('kacheck.build.noGroup', { name: s.name }) };
      const sels: ServiceSel[] = [];
      for (const e of g.entries) {
        if (e.kind === 'fwmark') sels.push({ protocol: IPPROTO_TCP, vaddr: 0, vport: 0, fwmark: e.mark });
        else for (let a = e.first; a <= e.last; a++) sels.push({ protocol, vaddr: a >>> 0, vport: e.port, fwmark: 0 });
      }
      return { sels, label: `group ${s.name}` };
    }
    default:
      return assertNever(s);
  }
}

function errnoMsg<T>(r: CtlResult<T>, id: string, params: Readonly<Record<string, MsgParam>>): Msg | null {
  if (r.ok) return null;
  return r.msg ?? msg(id, { ...params, errno: r.errno });
}

/** The {op} of kacheck.build.dest: what keepalived asked IPVS to do with a real server. */
const DEST_OP_WORD: Readonly<Record<'add' | 'del' | 'edit', Msg>> = {
  add: { id: 'kacheck.op.add' },
  edit: { id: 'kacheck.op.edit' },
  del: { id: 'kacheck.op.del' },
};

/** keepalived's check process on one host: its virtual servers and the IPVS commands it sends. */
export class LvsRuntime implements CheckerOwner {
  readonly vss: VsRt[] = [];
  /** Problems met while building (ctl errors, unknown groups), with their config position. */
  readonly diagnostics: ConfDiagnostic[] = [];
  /** The services this runtime created (deleted on stop/halt). */
  private readonly created: ServiceSel[] = [];
  private readonly rsOfChecker = new Map<Checker, RsRt>();

  constructor(
    /** The director keepalived runs on (its checkers' probes leave from it; events are emitted there). */
    readonly host: HostApi,
    readonly ipvs: IpvsState,
    readonly config: KeepalivedConfig,
    private readonly withCheckers: boolean,
  ) {}

  private emit(op: KeepalivedOp, vs: VsRt, rs: RsRt | null, m: Msg, checker?: string): void {
    const e = {
      kind: 'keepalived' as const,
      op,
      vs: vs.label,
      msg: m,
      ...(rs === null ? {} : { rs: { daddr: rs.addr, dport: rs.port } }),
      ...(checker === undefined ? {} : { checker }),
    };
    this.host.emit(e);
  }

  private diag(pos: ConfPos, m: Msg): void {
    this.diagnostics.push({ severity: 'error', pos, msg: m });
  }

  // ------------------------------------------------------------ setup

  /** validate_check_config + init_services. */
  init(): void {
    for (const conf of this.config.virtualServers) this.initVs(conf);
  }

  private initVs(conf: VirtualServerConf): void {
    const sel = vsSelectors(conf, this.config);
    if ('error' in sel) {
      this.diag(conf.pos, sel.error);
      return;
    }
    const vs = new VsRt(conf, sel.sels, sel.label);
    this.vss.push(vs);
    for (const r of conf.realServers) {
      const rs = new RsRt(vs, r.addr, r.port, r.method, r.weight, r.inhibitOnFailure, r.uThreshold, r.lThreshold, r.pos, r);
      for (const c of r.checkers) {
        const ch = new Checker(c, this);
        rs.checkers.push(ch);
        this.rsOfChecker.set(ch, rs);
        if (c.alpha) rs.numFailed++;
      }
      vs.rss.push(rs);
    }
    const s = conf.sorryServer;
    if (s !== undefined) vs.sorry = new RsRt(vs, s.addr, s.port, s.method, 1, s.inhibit, 0, 0, s.pos, null);
    // set_quorum_states runs before any server is alive.
    vs.quorumUp = vs.liveWeight() >= vs.quorum + vs.hysteresis;

    this.emit('start', vs, null, msg('kacheck.init.vs', { vs: vs.label, sched: conf.sched, method: conf.method, services: vs.sels.length }));
    if (!this.addServices(vs)) return;
    for (const rs of vs.rss) {
      if ((rs.numFailed === 0 && !rs.alive) || (rs.inhibit && !rs.set)) {
        if (rs.numFailed === 0) this.emit('start', vs, rs, msg('kacheck.init.rs', { vs: vs.label, rs: rs.label, weight: rs.effWeight }));
        else this.emit('start', vs, rs, msg('kacheck.init.rsAlphaInhibit', { vs: vs.label, rs: rs.label }));
        this.cmd(vs, rs, 'add');
        if (rs.numFailed === 0) rs.alive = true;
      } else {
        this.emit('start', vs, rs, msg('kacheck.init.rsAlpha', { vs: vs.label, rs: rs.label }));
      }
    }
    this.updateQuorum(vs, true);
    const sorry = vs.sorry;
    if (sorry !== null && sorry.inhibit && !sorry.set) {
      this.emit('start', vs, sorry, msg('kacheck.init.sorryInhibit', { vs: vs.label, rs: sorry.label }));
      sorry.numFailed = 1;
      this.cmd(vs, sorry, 'add');
      sorry.numFailed = 0;
    }
  }

  private serviceUser(vs: VsRt, sel: ServiceSel): ServiceUser {
    const c = vs.conf;
    let flags = 0;
    if (c.persistenceTimeout > 0) flags |= IP_VS_SVC_F_PERSISTENT;
    if (c.synProxy) flags |= IP_VS_CONN_F_SYNPROXY;
    return {
      ...sel,
      schedName: c.sched,
      flags,
      timeout: c.persistenceTimeout,
      netmask: c.persistenceTimeout > 0 ? c.persistenceGranularity : 0xffff_ffff,
    };
  }

  private addServices(vs: VsRt): boolean {
    let any = false;
    for (const sel of vs.sels) {
      const r = addService(this.ipvs, this.serviceUser(vs, sel));
      const m = errnoMsg(r, 'kacheck.build.service', { vs: vs.label });
      if (m !== null) {
        this.diag(vs.conf.pos, m);
        continue;
      }
      any = true;
      this.created.push(sel);
      const lg = vs.conf.laddrGroup;
      if (lg !== undefined) {
        const g = this.config.laddrGroups.get(lg);
        if (g === undefined) {
          this.diag(vs.conf.pos, msg('kacheck.build.noLaddrGroup', { name: lg }));
          continue;
        }
        for (const a of g.addrs) {
          const lr = addLaddr(this.ipvs, sel, a.addr);
          const lm = errnoMsg(lr, 'kacheck.build.laddr', { vs: vs.label, laddr: formatIp4(a.addr) });
          if (lm !== null) this.diag(a.pos, lm);
        }
      }
    }
    return any;
  }

  // ------------------------------------------------------------ ipvs_cmd

  /** ipvs_cmd for a destination, with keepalived's inhibit rewriting and its `set` bookkeeping. */
  private cmd(vs: VsRt, rs: RsRt, cmd: 'add' | 'del' | 'edit', force = false): void {
    let weight = rs.effWeight;
    let op = cmd;
    const inhibit = rs.inhibit && !force;
    if (op === 'del' && inhibit) {
      weight = 0;
      op = 'edit';
    } else if (op === 'add' && inhibit && rs.set) {
      op = 'edit';
    } else if (op === 'add' && !rs.set) {
      rs.set = true;
      if (inhibit && rs.numFailed > 0) weight = 0;
    } else if (op === 'del' && rs.set) {
      rs.set = false;
    }
    const connFlags = fwdToConnFlags(METHOD_FWD[rs.method]);
    for (const sel of vs.sels) {
      const nonMasq = rs.method === 'DR' || rs.method === 'TUN';
      const dport = nonMasq ? (sel.fwmark !== 0 ? 0 : sel.vport) : rs.port;
      const u = { daddr: rs.addr, dport, connFlags, weight: Math.max(0, weight), uThreshold: rs.uThreshold, lThreshold: rs.lThreshold };
      const r: CtlResult<unknown> = op === 'add' ? addDest(this.ipvs, sel, u) : op === 'edit' ? editDest(this.ipvs, sel, u) : delDest(this.ipvs, sel, rs.addr, dport);
      const m = errnoMsg(r, 'kacheck.build.dest', { vs: vs.label, rs: rs.label, op: DEST_OP_WORD[op] });
      if (m !== null) this.diag(rs.pos, m);
    }
  }

  // ------------------------------------------------------------ state changes

  /** update_quorum_state. */
  private updateQuorum(vs: VsRt, init: boolean): void {
    const sum = vs.liveWeight();
    const threshold = vs.quorum + (vs.quorumUp ? -1 : 1) * vs.hysteresis;
    const p = { vs: vs.label, sum, quorum: vs.quorum, hysteresis: vs.hysteresis, threshold };
    const sorry = vs.sorry;
    if (!vs.quorumUp && sum >= threshold) {
      vs.quorumUp = true;
      const withSorry = sorry !== null && sorry.alive;
      this.emit('quorum-up', vs, null, msg(withSorry ? 'kacheck.quorum.upSorry' : init ? 'kacheck.quorum.upInit' : 'kacheck.quorum.up', { ...p, sorry: sorry?.label ?? '' }));
      if (sorry !== null && sorry.alive) {
        this.cmd(vs, sorry, 'del');
        sorry.alive = false;
        this.performQuorum(vs, true);
      }
    } else if ((vs.quorumUp && (sum === 0 || sum < threshold)) || (init && !vs.quorumUp && sorry !== null && !sorry.alive)) {
      vs.quorumUp = false;
      const addSorry = sorry !== null && !sorry.alive;
      this.emit('quorum-down', vs, null, msg(addSorry ? 'kacheck.quorum.downSorry' : 'kacheck.quorum.down', { ...p, sorry: sorry?.label ?? '' }));
      if (sorry !== null && !sorry.alive) {
        this.performQuorum(vs, false);
        this.cmd(vs, sorry, 'add');
        sorry.alive = true;
      }
    }
  }

  /** perform_quorum_state: re-add or remove every alive server. */
  private performQuorum(vs: VsRt, add: boolean): void {
    for (const rs of vs.rss) if (rs.alive) this.cmd(vs, rs, add ? 'add' : 'del');
  }

  /** Whether IPVS changes for single servers are pushed (quorum up, or no active sorry server). */
  private pushes(vs: VsRt): boolean {
    return vs.quorumUp || vs.sorry === null || !vs.sorry.alive;
  }

  /** perform_svr_state. */
  private performSvr(rs: RsRt, alive: boolean, ch: Checker): void {
    if (rs.alive === alive) return;
    const vs = rs.vs;
    const push = this.pushes(vs);
    const how = !push ? 'held' : rs.inhibit ? 'inhibit' : alive ? 'add' : 'delete';
    const p = { vs: vs.label, rs: rs.label, checker: ch.conf.kind, failures: ch.failStreak, retry: ch.conf.retry, weight: rs.effWeight };
    const first = !alive && ch.failStreak < ch.conf.retry + 1;
    this.emit(alive ? 'rs-up' : 'rs-down', vs, rs, msg(`kacheck.rs.${alive ? 'up' : first ? 'downFirst' : 'down'}.${how}`, p), ch.conf.kind);
    if (push) this.cmd(vs, rs, alive ? 'add' : 'del');
    rs.alive = alive;
    this.updateQuorum(vs, false);
  }

  private rsOf(ch: Checker): RsRt | undefined {
    return this.rsOfChecker.get(ch);
  }

  /** update_svr_checker_state + set_checker_state. */
  checkerState(ch: Checker, up: boolean): void {
    const rs = this.rsOf(ch);
    if (rs === undefined) return;
    if (ch.isUp === up) {
      ch.hasRun = true;
      return;
    }
    if (up) {
      if (rs.numFailed <= 1) this.performSvr(rs, true, ch);
      else this.emit('check-ok', rs.vs, rs, msg('kacheck.checker.upOthersDown', { rs: rs.label, checker: ch.conf.kind, failed: rs.numFailed - 1 }), ch.conf.kind);
    } else if (rs.numFailed === 0) {
      this.performSvr(rs, false, ch);
    } else {
      this.emit('check-fail', rs.vs, rs, msg('kacheck.checker.downAlready', { rs: rs.label, checker: ch.conf.kind }), ch.conf.kind);
    }
    ch.hasRun = true;
    ch.isUp = up;
    if (!up) rs.numFailed++;
    else if (rs.numFailed > 0) rs.numFailed--;
  }

  /** update_svr_wgt (−1: back to the configured weight). */
  dynamicWeight(ch: Checker, weight: number): void {
    const rs = this.rsOf(ch);
    if (rs === undefined) return;
    const w = weight < 0 ? rs.iweight : weight;
    if (w === rs.effWeight) return;
    const vs = rs.vs;
    const from = rs.effWeight;
    rs.effWeight = w;
    const applies = rs.set && rs.alive && this.pushes(vs);
    this.emit('check-ok', vs, rs, msg(applies ? 'kacheck.rs.weight' : 'kacheck.rs.weightLater', { rs: rs.label, from, to: w }), ch.conf.kind);
    if (applies) this.cmd(vs, rs, 'edit');
    this.updateQuorum(vs, false);
  }

  emitCheck(ch: Checker, ok: boolean, m: Msg): void {
    const rs = this.rsOf(ch);
    if (rs === undefined) return;
    this.emit(ok ? 'check-ok' : 'check-fail', rs.vs, rs, m, ch.conf.kind);
  }

  // ------------------------------------------------------------ lifecycle

  /** register_checkers_thread. */
  startCheckers(): void {
    if (!this.withCheckers) return;
    for (const vs of this.vss) for (const rs of vs.rss) for (const ch of rs.checkers) ch.start();
  }

  stopCheckers(): void {
    for (const vs of this.vss) for (const rs of vs.rss) for (const ch of rs.checkers) ch.stop();
  }

  /** clear_services with lvs_flush_on_stop's default (LVS_NO_FLUSH): servers deleted one by one, then the service. */
  clearServices(): void {
    for (const vs of this.vss) {
      this.emit('stop', vs, null, msg('kacheck.stop.vs', { vs: vs.label }));
      const sorry = vs.sorry;
      if (sorry !== null && sorry.set) {
        this.cmd(vs, sorry, 'del', true);
        sorry.alive = false;
      }
      for (const rs of vs.rss) {
        if (rs.set) this.cmd(vs, rs, 'del', true);
        rs.alive = false;
      }
      vs.quorumUp = false;
    }
    this.deleteServices();
  }

  /** The services this runtime created are deleted (the end of clear_services; a reboot for halt). */
  deleteServices(): void {
    for (const sel of this.created) delService(this.ipvs, sel);
    this.created.length = 0;
  }
}
