/**
 * keepalived's VRRP process on one simulated host (keepalived/vrrp/vrrp_daemon.c, vrrp_scheduler.c,
 * vrrp_sync.c, vrrp_track.c): starts every vrrp_instance, joins 224.0.0.18 on their interfaces,
 * receives protocol 112 and hands each advert to the instance of its VRID on that interface,
 * tracks interfaces (the instance's own one too, as keepalived does unless dont_track_primary) and
 * vrrp_scripts, and keeps vrrp_sync_group members together (one goes MASTER only when all want
 * to; one going BACKUP or FAULT takes the others along). Simplified: scripts start "up" (no
 * init_fail), no track_file/track_process/track_bfd, no notify scripts, no VMAC.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { IPPROTO_VRRP } from '../../net/wire/packet.js';
import type { Host } from '../../net/host.js';
import type { ProtocolHandler, Skb, Timer } from '../../net/types.js';
import { msg, type Msg } from '../../i18n/message.js';
import type { VrrpState } from '../../trace/events.js';
import type { KeepalivedConfig, VrrpScriptConf, VrrpSyncGroupConf } from '../conf/types.js';
import { VRRP_GROUP } from './advert.js';
import type { InstanceOwner } from './instance.js';
import { VrrpInstance } from './instance.js';

/** What the VRRP process needs from the keepalived daemon around it. */
export interface VrrpEnv {
  /** Runs a vrrp_script's command; calls done(exitCode) later in virtual time (the lead wires it to the modelled commands). */
  runScript(script: VrrpScriptConf, done: (exitCode: number) => void): void;
}

/** A read-only view of one instance (for `keepalived-check`, the UI, checkpoints). */
export interface VrrpInstanceView {
  readonly name: string;
  readonly vrid: number;
  readonly iface: string;
  readonly state: VrrpState;
  readonly effectivePriority: number;
  readonly masterAddr?: Ip4;
}

/** The running VRRP process. */
export interface VrrpHandle {
  /** keepalived stopping (systemctl stop): priority-0 adverts from masters, VIPs removed, STOP state. */
  stop(): void;
  /** The host crashed: timers cancelled, VIPs forgotten (a reboot loses them), nothing sent. */
  halt(): void;
  instances(): readonly VrrpInstanceView[];
}

/** What one tracked object contributes to an instance: FAULT, or a weight added to its priority. */
interface Contribution {
  readonly fault: boolean;
  readonly weight: number;
}

const NONE: Contribution = { fault: false, weight: 0 };

/**
 * keepalived's rule for a tracked object that is up or down (vrrp_track.c): no weight = FAULT when
 * down; weight > 0 added while up; weight < 0 added while down; `reverse` multiplies the weight
 * by −1 and, without a weight, means FAULT when up.
 */
function contribution(up: boolean, weight: number | null, reverse: boolean): Contribution {
  const m = reverse ? -1 : 1;
  if (weight === null || weight === 0) return up === !reverse ? NONE : { fault: true, weight: 0 };
  if (up) return weight > 0 ? { fault: false, weight: weight * m } : NONE;
  return weight < 0 ? { fault: false, weight: weight * m } : NONE;
}

interface Track {
  readonly inst: VrrpInstance;
  readonly weight: number | null;
  readonly reverse: boolean;
  current: Contribution;
}

interface ScriptState {
  readonly conf: VrrpScriptConf;
  up: boolean;
  okRun: number;
  failRun: number;
  readonly tracks: Track[];
  timer: Timer | null;
  /** Increments with each run, so a late exit status of a timed-out run is ignored. */
  seq: number;
}

/** The VRRP side of one keepalived daemon. */
class VrrpDaemon implements InstanceOwner {
  readonly list: VrrpInstance[] = [];
  private readonly groupOf = new Map<VrrpInstance, VrrpInstance[]>();
  private readonly groupName = new Map<VrrpInstance, string>();
  private readonly ifTracks = new Map<string, Track[]>();
  private readonly scripts = new Map<string, ScriptState>();
  private syncing = false;
  private running = true;
  private readonly handler: ProtocolHandler = (skb) => this.receive(skb);
  private readonly linkListener = (dev: string, up: boolean): void => this.linkChanged(dev, up);

  constructor(
    private readonly host: Host,
    private readonly config: KeepalivedConfig,
    private readonly env: VrrpEnv,
  ) {
    for (const c of config.instances) this.list.push(new VrrpInstance(c, host, this));
    for (const g of config.syncGroups) this.addGroup(g);
  }

  private addGroup(g: VrrpSyncGroupConf): void {
    const members: VrrpInstance[] = [];
    for (const m of g.members) {
      const inst = this.list.find((i) => i.conf.name === m.name);
      if (inst !== undefined) members.push(inst);
    }
    for (const inst of members) {
      this.groupOf.set(inst, members);
      this.groupName.set(inst, g.name);
    }
  }

  start(): void {
    const host = this.host;
    host.addProtocol(IPPROTO_VRRP, this.handler);
    host.onLinkChange(this.linkListener);
    for (const inst of this.list) {
      if (inst.conf.unicastPeers.length === 0) host.joinMulticast(inst.conf.iface, VRRP_GROUP);
      this.setupTracking(inst);
    }
    // A member starting in FAULT takes its sync group along (transitioned); those are not started again.
    for (const inst of this.list) inst.start();
    for (const s of this.scripts.values()) this.scheduleScript(s, 0);
  }

  // ------------------------------------------------------------------ tracking

  private setupTracking(inst: VrrpInstance): void {
    const own = inst.conf.iface;
    const entries: { iface: string; weight: number | null; reverse: boolean }[] = [];
    if (!inst.conf.trackInterfaces.some((t) => t.iface === own)) entries.push({ iface: own, weight: null, reverse: false });
    for (const t of inst.conf.trackInterfaces) entries.push({ iface: t.iface, weight: t.weight, reverse: t.reverse });
    for (const e of entries) {
      const up = this.host.device(e.iface)?.up ?? false;
      const track: Track = { inst, weight: e.weight, reverse: e.reverse, current: contribution(up, e.weight, e.reverse) };
      this.applyInitial(track);
      const l = this.ifTracks.get(e.iface) ?? [];
      l.push(track);
      this.ifTracks.set(e.iface, l);
    }
    for (const ts of inst.conf.trackScripts) {
      const conf = this.config.vrrpScripts.get(ts.name);
      if (conf === undefined) continue;
      let s = this.scripts.get(ts.name);
      if (s === undefined) {
        s = { conf, up: true, okRun: 0, failRun: 0, tracks: [], timer: null, seq: 0 };
        this.scripts.set(ts.name, s);
      }
      const weight = ts.weight ?? conf.weight;
      const reverse = ts.weight !== undefined ? ts.reverse : conf.weightReverse;
      const track: Track = { inst, weight, reverse, current: contribution(s.up, weight, reverse) };
      this.applyInitial(track);
      s.tracks.push(track);
    }
  }

  private applyInitial(track: Track): void {
    if (track.current.fault) track.inst.faults++;
    if (track.current.weight !== 0) track.inst.adjustPriority(track.current.weight, { id: 'vrrp.prio.initial' });
  }

  /** A tracked object changed: new contribution, priority, FAULT in or out (with the sync group). */
  private update(track: Track, up: boolean, why: Msg): void {
    const next = contribution(up, track.weight, track.reverse);
    const prev = track.current;
    track.current = next;
    const inst = track.inst;
    if (next.weight !== prev.weight) inst.adjustPriority(next.weight - prev.weight, why);
    if (next.fault === prev.fault) return;
    inst.faults += next.fault ? 1 : -1;
    if (next.fault) {
      inst.gotoFault(why);
      return;
    }
    if (inst.faults > 0 || this.groupFaulted(inst)) return;
    const members = this.groupOf.get(inst) ?? [inst];
    for (const m of members) m.leaveFault(m === inst ? { id: 'vrrp.fault.leave', params: { instance: inst.conf.name } } : this.followMsg(m, inst, 'BACKUP'));
  }

  private groupFaulted(inst: VrrpInstance): boolean {
    const members = this.groupOf.get(inst);
    if (members === undefined) return false;
    return members.some((m) => m.faults > 0);
  }

  private linkChanged(dev: string, up: boolean): void {
    if (!this.running) return;
    const tracks = this.ifTracks.get(dev);
    if (tracks === undefined) return;
    for (const t of tracks) {
      // The VRRP interface itself down: no priority-0 advert can leave it (vrrp_send_adv fails).
      const downId = dev === t.inst.conf.iface ? 'vrrp.track.vrrpIfaceDown' : 'vrrp.track.ifaceDown';
      const id = t.weight === null || t.weight === 0 ? (up ? 'vrrp.track.ifaceUp' : downId) : 'vrrp.track.ifaceWeight';
      this.update(t, up, { id, params: { instance: t.inst.conf.name, iface: dev, state: msg(up ? 'vrrp.track.iface.up' : 'vrrp.track.iface.down'), weight: t.weight ?? 0 } });
    }
  }

  private scheduleScript(s: ScriptState, delay: number): void {
    s.timer = this.host.sim.after(delay, () => this.runScript(s));
  }

  /** One run of a vrrp_script: its exit status (or its timeout) moves the rise/fall counters. */
  private runScript(s: ScriptState): void {
    s.timer = null;
    if (!this.running || !this.host.isRunning) return;
    const seq = ++s.seq;
    let settled = false;
    const finish = (code: number, timedOut: boolean): void => {
      if (settled || seq !== s.seq || !this.running) return;
      settled = true;
      timeout.cancel();
      this.scriptResult(s, code === 0, code, timedOut);
    };
    const timeout = this.host.sim.after(s.conf.timeout, () => finish(-1, true));
    this.env.runScript(s.conf, (code) => finish(code, false));
    this.scheduleScript(s, s.conf.interval);
  }

  private scriptResult(s: ScriptState, ok: boolean, code: number, timedOut: boolean): void {
    if (ok) {
      s.failRun = 0;
      if (s.up) return;
      if (++s.okRun < s.conf.rise) return;
      s.up = true;
      s.okRun = 0;
    } else {
      s.okRun = 0;
      if (!s.up) return;
      if (++s.failRun < s.conf.fall) return;
      s.up = false;
      s.failRun = 0;
    }
    for (const t of s.tracks) {
      const weighted = t.weight !== null && t.weight !== 0;
      const id = weighted ? 'vrrp.track.scriptWeight' : s.up ? 'vrrp.track.scriptUp' : timedOut ? 'vrrp.track.scriptTimeout' : 'vrrp.track.scriptDown';
      const params = { instance: t.inst.conf.name, script: s.conf.name, code, rise: s.conf.rise, fall: s.conf.fall, weight: t.weight ?? 0, state: msg(s.up ? 'vrrp.track.script.up' : 'vrrp.track.script.down') };
      this.update(t, s.up, { id, params });
    }
  }

  // ------------------------------------------------------------------ sync groups (vrrp_sync.c)

  canGotoMaster(inst: VrrpInstance): boolean {
    const members = this.groupOf.get(inst);
    if (members === undefined) return true;
    return members.every((m) => m === inst || m.state === 'MASTER' || m.wantMaster);
  }

  private followMsg(m: VrrpInstance, leader: VrrpInstance, to: VrrpState): Msg {
    return { id: 'vrrp.sync.follow', params: { instance: m.conf.name, leader: leader.conf.name, group: this.groupName.get(m) ?? '', state: to } };
  }

  transitioned(inst: VrrpInstance, _from: VrrpState, to: VrrpState): void {
    const members = this.groupOf.get(inst);
    if (members === undefined || this.syncing) return;
    this.syncing = true;
    for (const m of members) {
      if (m === inst) continue;
      if (to === 'MASTER' && (m.state === 'BACKUP' || m.state === 'INIT')) m.gotoMaster(this.followMsg(m, inst, to));
      else if (to === 'BACKUP' && m.state === 'MASTER') m.gotoBackup(this.followMsg(m, inst, to));
      else if (to === 'FAULT') m.gotoFault(this.followMsg(m, inst, to), true);
    }
    this.syncing = false;
  }

  // ------------------------------------------------------------------ receive

  /** The raw socket of protocol 112: find the instance of the advert's VRID on the receiving interface. */
  private receive(skb: Skb): void {
    if (!this.running) return;
    const adv = skb.ip.payload;
    if (adv.layer !== 'vrrp') {
      this.host.drop(skb, { id: 'vrrp.drop.malformed', params: { iface: skb.iif ?? '' } });
      return;
    }
    const iif = skb.iif ?? '';
    for (const inst of this.list) {
      if (inst.conf.vrid === adv.vrid && inst.conf.iface === iif) {
        inst.receive(skb, adv);
        return;
      }
    }
    // vrrp_index_lookup finds nothing: keepalived ignores the packet (no log by default).
    this.host.drop(skb, { id: 'vrrp.drop.unknownVrid', params: { vrid: adv.vrid, iface: iif } });
  }

  // ------------------------------------------------------------------ stop / halt

  private detach(): void {
    this.running = false;
    const host = this.host;
    host.delProtocol(IPPROTO_VRRP, this.handler);
    host.offLinkChange(this.linkListener);
    for (const inst of this.list) if (inst.conf.unicastPeers.length === 0) host.leaveMulticast(inst.conf.iface, VRRP_GROUP);
    for (const s of this.scripts.values()) {
      s.timer?.cancel();
      s.timer = null;
      s.seq++;
    }
  }

  stop(): void {
    if (!this.running) return;
    this.syncing = true;
    for (const inst of this.list) inst.stop();
    this.detach();
  }

  halt(): void {
    if (!this.running) return;
    for (const inst of this.list) inst.halt();
    this.detach();
  }

  views(): readonly VrrpInstanceView[] {
    return this.list.map((i) => {
      const v = { name: i.conf.name, vrid: i.conf.vrid, iface: i.conf.iface, state: i.state, effectivePriority: i.effectivePriority };
      const master = i.state === 'MASTER' ? i.primaryAddr() : i.state === 'BACKUP' ? i.masterAddr : undefined;
      return master === undefined ? v : { ...v, masterAddr: master };
    });
  }
}

/** Starts keepalived's VRRP instances of `config` on `host`. */
export function startVrrp(host: Host, config: KeepalivedConfig, env: VrrpEnv): VrrpHandle {
  const d = new VrrpDaemon(host, config, env);
  d.start();
  return {
    stop: () => d.stop(),
    halt: () => d.halt(),
    instances: () => d.views(),
  };
}
