/**
 * One keepalived vrrp_instance on a simulated host: the VRRP state machine (RFC 3768 §6.4,
 * RFC 5798 §6.4) as keepalived runs it (keepalived/vrrp/vrrp.c vrrp_state_backup,
 * vrrp_state_master_rx, vrrp_state_master_tx; vrrp_scheduler.c). keepalived's choices over the
 * RFC's: start in BACKUP with a full Master_Down_Interval even with `state MASTER` (only the
 * owner goes MASTER, after 1 µs); a backup ACCEPTS adverts while nopreempt, a higher/equal
 * priority or a running preempt_delay says so, and otherwise discards them leaving its timer
 * running; a master answers a lower-priority advert with its own, and (unless
 * lower_prio_no_advert) restarts its advert timer after every packet it reads; a priority change
 * moves a backup's running down timer (vrrp_set_effective_priority); FAULT from track_interface /
 * track_script (two priority-0 adverts from a master); the advert is sent BEFORE the VIPs are added
 * and the GARP bursts sent.
 * Simplified: no VMAC (use_vmac), no notify scripts, no IPv6, no AH.
 */
import type { Ip4 } from '../../net/wire/addr.js';
import { MAC_BROADCAST, formatIp4 } from '../../net/wire/addr.js';
import type { VrrpPacket } from '../../net/wire/packet.js';
import { ARP_REQUEST } from '../../net/wire/packet.js';
import type { Host } from '../../net/host.js';
import type { Skb, Timer } from '../../net/types.js';
import { US } from '../../net/types.js';
import type { Msg } from '../../i18n/message.js';
import { assertNever } from '../../assert-never.js';
import type { VrrpState } from '../../trace/events.js';
import type { VipConf, VrrpInstanceConf } from '../conf/types.js';
import { VRRP_GROUP, authData, buildAdvertIp, buildVrrp, checkAdvert } from './advert.js';
import { formatSeconds, masterDownNs, skewNs, v3IntervalNs } from './timers.js';

/** What an instance needs from its daemon (the sync group logic lives there). */
export interface InstanceOwner {
  /** This member's down timer fired: may it go MASTER now (sync groups wait for every member)? */
  canGotoMaster(inst: VrrpInstance): boolean;
  /** The instance changed state; sync group members follow. */
  transitioned(inst: VrrpInstance, from: VrrpState, to: VrrpState): void;
}

/** Why the master down timer is running: decides the words when it fires. */
type DownReason = 'start' | 'advert' | 'prio0' | 'discarding' | 'fault' | 'demoted';

const OWNER = 255;

/** A v3 advert's interval (ns) or the v2 local one. */
function advertIntervalNs(adv: VrrpPacket, localNs: number): number {
  return adv.version === 3 ? v3IntervalNs(adv.maxAdverInt) : localNs;
}

/** One vrrp_instance. */
export class VrrpInstance {
  state: VrrpState = 'INIT';
  /** Priority with track weights applied (1..254), or 255 for the owner. */
  effectivePriority: number;
  /** The sum of base priority and track weights, before clamping (keepalived's total_priority). */
  private totalPriority: number;
  /** Tracked objects currently holding the instance in FAULT (num_script_if_fault). */
  faults = 0;
  /** Master_Adver_Interval (v3 adopts the master's; v2 always the local one). */
  private masterAdverInt: number;
  masterAddr: Ip4 | undefined;
  private masterPrio = 0;
  /** keepalived's `wantstate == MASTER`: its down timer fired, waiting for the sync group. */
  wantMaster = false;
  private downTimer: Timer | null = null;
  private downAt = 0;
  private downReason: DownReason = 'start';
  /**
   * keepalived's ms_down_timer: what the down timer is re-armed with after each packet a backup
   * reads (Master_Down_Interval, Skew_Time after a priority-0 advert, or what was left when the
   * advert was ignored). A priority change moves the running timer by its change.
   */
  private msDownTimer = 0;
  private advTimer: Timer | null = null;
  /** Pending GARP rounds (delayed bursts, refresh, spaced GARPs); each removes itself when it fires. */
  private readonly garpTimers = new Set<Timer>();
  /** preempt_time: absolute ns until which lower-priority adverts are still accepted (0 = not running). */
  private preemptTime = 0;
  private vipsSet = false;
  private discardNoted = false;
  private readonly auth: Uint8Array;
  private halted = false;

  constructor(
    readonly conf: VrrpInstanceConf,
    private readonly host: Host,
    private readonly owner: InstanceOwner,
  ) {
    this.totalPriority = conf.priority;
    this.effectivePriority = conf.priority;
    this.masterAdverInt = conf.advertInt;
    this.auth = authData(conf.authPass);
  }

  /** `virtual_router_id` etc. for views. */
  get name(): string {
    return this.conf.name;
  }

  /** The interface's primary address (VRRP_PKT_SADDR), or unicast_src_ip. */
  primaryAddr(): Ip4 {
    return this.conf.unicastSrcIp ?? this.host.device(this.conf.iface)?.primaryAddress()?.local ?? 0;
  }

  /** Seconds of the local timers, for messages. */
  /**
   * Seconds of the local timers, for messages. `skewUnit` is the interval Skew_Time scales with:
   * 1 s for VRRPv2 (RFC 3768 §6.1), Master_Adver_Interval for v3 (RFC 5798 §6.1).
   */
  private timing(prio: number): Record<string, string | number> {
    const adv = this.masterAdverInt;
    const n = this.conf.downTimerAdverts;
    const skew = skewNs(this.conf.version, prio, adv);
    const skewUnit = this.conf.version === 2 ? '1' : formatSeconds(adv);
    return { mdi: formatSeconds(masterDownNs(this.conf.version, prio, adv, n)), n, adv: formatSeconds(adv), skew: formatSeconds(skew), skewUnit, prio };
  }

  private emit(from: VrrpState, msg: Msg, skb?: Skb): void {
    const ev = { kind: 'vrrp' as const, msg, instance: this.conf.name, vrid: this.conf.vrid, iface: this.conf.iface, from, state: this.state, prio: this.effectivePriority };
    this.host.emit(skb === undefined ? ev : { ...ev, pkt: skb.pkt, flow: skb.flow });
  }

  private base(): Record<string, string | number> {
    return { instance: this.conf.name, vrid: this.conf.vrid, iface: this.conf.iface };
  }

  // ------------------------------------------------------------------ start / stop

  /** keepalived starts the instance (vrrp_init_state): FAULT when a tracked object is already down. */
  start(): void {
    if (this.state !== 'INIT') return;
    if (this.conf.preemptDelay > 0) this.preemptTime = this.host.sim.now + this.conf.preemptDelay;
    if (this.faults > 0) {
      this.setState('FAULT', { id: 'vrrp.start.fault', params: this.base() });
      return;
    }
    if (this.conf.priority === OWNER) {
      // vrrp_init_state: the owner goes MASTER through a 1 µs down timer.
      this.downReason = 'start';
      this.armDown(US);
      return;
    }
    this.state = 'BACKUP';
    const id = this.conf.stateWish === 'MASTER' ? 'vrrp.start.backupWishMaster' : 'vrrp.start.backup';
    this.emit('INIT', { id, params: { ...this.base(), ...this.timing(this.effectivePriority) } });
    this.downReason = 'start';
    this.setDownTimer(this.mdi());
  }

  /**
   * keepalived stops (SIGTERM): restore_vrrp_interfaces → vrrp_restore_interface(advF = true) sends
   * ONE priority-0 advert from a master and removes its VIPs; STOP.
   */
  stop(): void {
    const from = this.state;
    if (from === 'MASTER') this.sendAdvert(0);
    this.cancelTimers();
    this.removeVips();
    this.state = 'STOP';
    this.emit(from, { id: from === 'MASTER' ? 'vrrp.stop.master' : 'vrrp.stop', params: this.base() });
  }

  /** The host crashed: nothing is sent, timers die, the VIPs are gone after the reboot. */
  halt(): void {
    this.halted = true;
    this.cancelTimers();
    this.removeVips();
    this.state = 'STOP';
  }

  private cancelTimers(): void {
    this.downTimer?.cancel();
    this.downTimer = null;
    this.advTimer?.cancel();
    this.advTimer = null;
    this.cancelGarps();
  }

  private cancelGarps(): void {
    for (const t of this.garpTimers) t.cancel();
    this.garpTimers.clear();
  }

  // ------------------------------------------------------------------ timers

  private mdi(): number {
    return masterDownNs(this.conf.version, this.effectivePriority, this.masterAdverInt, this.conf.downTimerAdverts);
  }

  private armDown(delay: number): void {
    this.armDownAt(this.host.sim.now + delay);
  }

  private armDownAt(at: number): void {
    if (this.downTimer !== null && at === this.downAt) return;
    this.downTimer?.cancel();
    this.downAt = at;
    this.downTimer = this.host.sim.at(at, () => this.downTimerFired());
  }

  /** ms_down_timer = `delay`, and the down timer runs from now (vrrp_init_instance_sands). */
  private setDownTimer(delay: number): void {
    this.msDownTimer = delay;
    this.armDown(delay);
  }

  /** vrrp_state_backup's ignore_advert: ms_down_timer becomes what is left, the timer keeps running. */
  private keepDownTimer(): void {
    this.msDownTimer = Math.max(0, this.downAt - this.host.sim.now);
  }

  private downTimerFired(): void {
    this.downTimer = null;
    if (this.halted || !this.host.isRunning || (this.state !== 'BACKUP' && this.state !== 'INIT')) return;
    this.wantMaster = true;
    if (!this.owner.canGotoMaster(this)) {
      // vrrp_sync_can_goto_master: wait for the other members, re-arming a full interval.
      this.emit(this.state, { id: 'vrrp.sync.wait', params: { ...this.base(), ...this.timing(this.effectivePriority) } });
      this.setDownTimer(this.mdi());
      return;
    }
    this.gotoMaster(this.takeoverMsg());
  }

  /** Why the down timer ran out, for the takeover event. */
  private takeoverMsg(): Msg {
    const p = { ...this.base(), ...this.timing(this.effectivePriority) };
    // FAULT forgets the master (masterAddr cleared): back in BACKUP, no advert may have come since.
    const master = this.masterAddr;
    if (master === undefined && this.downReason !== 'start') return { id: 'vrrp.master.downTimerNoMaster', params: p };
    const m = formatIp4(master ?? 0);
    switch (this.downReason) {
      case 'start':
        return this.conf.priority === OWNER ? { id: 'vrrp.master.owner', params: this.base() } : { id: 'vrrp.master.startTimer', params: p };
      case 'prio0':
        return { id: 'vrrp.master.afterPrio0', params: { ...p, master: m } };
      case 'discarding':
        return { id: 'vrrp.master.preempt', params: { ...p, master: m, masterPrio: this.masterPrio } };
      case 'advert':
      case 'fault':
      case 'demoted':
        return { id: 'vrrp.master.downTimer', params: { ...p, master: m } };
      default:
        return assertNever(this.downReason);
    }
  }

  // ------------------------------------------------------------------ transitions

  private setState(to: VrrpState, msg: Msg, skb?: Skb): void {
    const from = this.state;
    this.state = to;
    this.emit(from, msg, skb);
    if (from !== to) this.owner.transitioned(this, from, to);
  }

  /** vrrp_state_goto_master + vrrp_state_master_tx: advert first, then VIPs, then GARPs. */
  gotoMaster(msg: Msg, skb?: Skb): void {
    const from = this.state;
    this.downTimer?.cancel();
    this.downTimer = null;
    this.wantMaster = false;
    this.discardNoted = false;
    this.masterAdverInt = this.conf.advertInt;
    this.masterAddr = this.primaryAddr();
    this.state = 'MASTER';
    this.emit(from, msg, skb);
    // "If we are transitioning to master the old master needs to remove the VIPs before we send
    // the gratuitous ARPs, so send the advert first" (vrrp_state_master_tx).
    this.sendAdvert(this.effectivePriority);
    this.addVips();
    this.garpBurst(this.conf.garpMasterRepeat);
    if (this.conf.garpMasterDelay > 0) this.garpLater(this.conf.garpMasterDelay, this.conf.garpMasterRepeat);
    if (this.conf.garpMasterRefresh > 0) this.garpRefresh();
    this.advTimer = this.host.sim.after(this.conf.advertInt, () => this.advertTick());
    if (from !== 'MASTER') this.owner.transitioned(this, from, 'MASTER');
  }

  /** Leaves MASTER (or BACKUP) for BACKUP with a full Master_Down_Interval. */
  gotoBackup(msg: Msg, skb?: Skb, reason: DownReason = 'advert'): void {
    const wasMaster = this.state === 'MASTER';
    this.advTimer?.cancel();
    this.advTimer = null;
    this.cancelGarps();
    if (wasMaster) this.removeVips();
    this.wantMaster = false;
    this.downReason = reason;
    this.setDownTimer(this.mdi());
    this.setState('BACKUP', msg, skb);
  }

  /**
   * Enters FAULT; a master sends priority-0 adverts first, then removes its VIPs. Its own tracked
   * object down (down_instance → vrrp_state_leave_master(advF = true)): TWO adverts, one from
   * leave_master's FAULT branch and one from vrrp_restore_interface(advF). Following its sync
   * group (vrrp_sync_fault → leave_master(advF = false)): one. Nothing leaves a down interface.
   * The master is forgotten: after FAULT only a new advert names one.
   */
  gotoFault(msg: Msg, followingGroup = false): void {
    if (this.state === 'FAULT' || this.state === 'STOP') return;
    if (this.state === 'MASTER') {
      this.sendAdvert(0);
      if (!followingGroup) this.sendAdvert(0);
    }
    this.cancelTimers();
    this.removeVips();
    this.wantMaster = false;
    this.masterAddr = undefined;
    this.setState('FAULT', msg);
  }

  /** Leaves FAULT for BACKUP (keepalived's try_up_instance): a full down timer, preempt_delay restarted. */
  leaveFault(msg: Msg): void {
    if (this.state !== 'FAULT') return;
    this.masterAdverInt = this.conf.advertInt;
    if (this.conf.preemptDelay > 0) this.preemptTime = this.host.sim.now + this.conf.preemptDelay;
    if (this.conf.priority === OWNER) {
      this.gotoMaster(msg);
      return;
    }
    this.downReason = 'fault';
    this.setDownTimer(this.mdi());
    this.setState('BACKUP', msg);
  }

  // ------------------------------------------------------------------ priority and tracking

  /**
   * Adds `delta` to total_priority (a track weight came or went) and recomputes the effective
   * priority; `why` (with `old` and `prio` added) explains a change.
   */
  adjustPriority(delta: number, why: Msg): void {
    this.totalPriority += delta;
    const old = this.effectivePriority;
    // vrrp_set_effective_priority: weights never reach or leave 255.
    this.effectivePriority = this.conf.priority === OWNER ? OWNER : Math.min(254, Math.max(1, this.totalPriority));
    if (old === this.effectivePriority) return;
    this.emit(this.state, { id: why.id, params: { ...this.base(), ...why.params, old, prio: this.effectivePriority } });
    this.moveDownTimer();
  }

  /**
   * vrrp_set_effective_priority: ms_down_timer becomes the new Master_Down_Interval and a BACKUP's
   * running timer moves by the change (either way; a deadline already past fires at once). The
   * change is counted from the old ms_down_timer, which after an ignored advert is only what was
   * left, and after a priority-0 advert Skew_Time: keepalived's arithmetic, kept as it is.
   */
  private moveDownTimer(): void {
    const oldDown = this.msDownTimer;
    this.msDownTimer = this.mdi();
    if (this.state !== 'BACKUP' || this.downTimer === null) return;
    const now = this.host.sim.now;
    const at = Math.max(now, this.downAt + this.msDownTimer - oldDown);
    if (at === this.downAt) return;
    const before = this.downAt;
    this.armDownAt(at);
    const params = { ...this.base(), ...this.timing(this.effectivePriority), was: formatSeconds(oldDown), left: formatSeconds(at - now), moved: formatSeconds(Math.abs(at - before)) };
    this.emit('BACKUP', { id: at > before ? 'vrrp.backup.downTimerLater' : 'vrrp.backup.downTimerSooner', params });
  }

  // ------------------------------------------------------------------ sending

  /** The Adver_Timer starts again from now (vrrp_init_instance_sands of a MASTER). */
  private restartAdvertTimer(): void {
    this.advTimer?.cancel();
    this.advTimer = this.host.sim.after(this.conf.advertInt, () => this.advertTick());
  }

  private advertTick(): void {
    this.advTimer = null;
    if (this.halted || !this.host.isRunning || this.state !== 'MASTER') return;
    this.sendAdvert(this.effectivePriority);
    this.advTimer = this.host.sim.after(this.conf.advertInt, () => this.advertTick());
  }

  /** vrrp_send_adv: to 224.0.0.18 out of the interface, or to each unicast peer. */
  sendAdvert(prio: number): void {
    const host = this.host;
    if (!host.isRunning) return;
    const dev = host.device(this.conf.iface);
    if (dev === undefined || !dev.up) return;
    const src = this.primaryAddr();
    const vrrp = buildVrrp(this.conf, prio, this.auth);
    if (this.conf.unicastPeers.length === 0) {
      const route = host.routeOutput(VRRP_GROUP, { oif: this.conf.iface, src });
      if (route.type === 'unreachable') return;
      host.ipQueueXmit(host.newSkb(buildAdvertIp(src, VRRP_GROUP, vrrp, host.nextIpId())), route);
      return;
    }
    for (const peer of this.conf.unicastPeers) {
      const route = host.routeOutput(peer, { src });
      if (route.type === 'unreachable') continue;
      host.ipQueueXmit(host.newSkb(buildAdvertIp(src, peer, vrrp, host.nextIpId())), route);
    }
  }

  private allVips(): readonly VipConf[] {
    return this.conf.vipsExcluded.length === 0 ? this.conf.vips : [...this.conf.vips, ...this.conf.vipsExcluded];
  }

  private addVips(): void {
    if (this.vipsSet) return;
    this.vipsSet = true;
    for (const v of this.allVips()) {
      const scope = v.scope === 'site' ? 'global' : v.scope;
      const opts = { scope, ...(v.label !== undefined ? { label: v.label } : {}), ...(v.broadcast !== undefined ? { broadcast: v.broadcast } : {}) };
      this.host.addAddress(v.dev ?? this.conf.iface, v.addr, v.prefixLen, opts);
    }
  }

  private removeVips(): void {
    if (!this.vipsSet) return;
    this.vipsSet = false;
    for (const v of this.allVips()) this.host.delAddress(v.dev ?? this.conf.iface, v.addr, v.prefixLen);
  }

  /**
   * vrrp_send_link_update: `repeat` rounds of one GARP per VIP (excluded ones too), spaced by
   * vrrp_garp_interval, in keepalived's format (§1.6): broadcast ARP request, sha = the
   * interface MAC, sip = tip = VIP, tha = ff:ff:ff:ff:ff:ff.
   */
  private garpBurst(repeat: number): void {
    const vips = this.allVips();
    const total = repeat * vips.length;
    let k = 0;
    for (let r = 0; r < repeat; r++) {
      for (const v of vips) {
        const n = ++k;
        const send = (): void => this.sendGarp(v, n, total);
        if (this.conf.garpInterval === 0 || n === 1) send();
        else this.garpAfter((n - 1) * this.conf.garpInterval, send);
      }
    }
  }

  /** A GARP timer that forgets itself when it fires, so the set holds only pending ones. */
  private garpAfter(delay: number, fire: () => void): void {
    const t = this.host.sim.after(delay, () => {
      this.garpTimers.delete(t);
      fire();
    });
    this.garpTimers.add(t);
  }

  /** Pending GARP timers (delayed bursts, refresh, spaced GARPs), for tests. */
  get pendingGarpTimers(): number {
    return this.garpTimers.size;
  }

  private garpLater(delay: number, repeat: number): void {
    this.garpAfter(delay, () => {
      if (this.state === 'MASTER' && this.host.isRunning) this.garpBurst(repeat);
    });
  }

  private garpRefresh(): void {
    this.garpAfter(this.conf.garpMasterRefresh, () => {
      if (this.state !== 'MASTER' || !this.host.isRunning) return;
      this.garpBurst(this.conf.garpMasterRefreshRepeat);
      this.garpRefresh();
    });
  }

  private sendGarp(v: VipConf, n: number, total: number): void {
    if (this.state !== 'MASTER' || !this.host.isRunning) return;
    const dev = v.dev ?? this.conf.iface;
    const mac = this.host.ifaceMac(dev);
    if (mac === undefined) return;
    const arp = { layer: 'arp' as const, oper: ARP_REQUEST, sha: mac, spa: v.addr, tha: MAC_BROADCAST, tpa: v.addr };
    this.host.sendArp(dev, arp, MAC_BROADCAST, { id: 'vrrp.garp', params: { instance: this.conf.name, vip: formatIp4(v.addr), iface: dev, n, total } });
  }

  // ------------------------------------------------------------------ receiving

  /**
   * An advert for this instance arrived on its interface (already matched by VRID). As in
   * keepalived's vrrp_dispatcher_read, every packet that reaches the state handlers (even one
   * their checks drop) ends with vrrp_init_instance_sands unless the instance is (still) MASTER
   * with lower_prio_no_advert: a BACKUP's down timer runs again from now for ms_down_timer, and a
   * MASTER's advert timer restarts from now, so adverts it hears push its own next one back.
   */
  receive(skb: Skb, adv: VrrpPacket): void {
    if (this.state !== 'BACKUP' && this.state !== 'MASTER') {
      this.host.drop(skb, { id: 'vrrp.drop.notRunning', params: { ...this.base(), state: this.state } });
      return;
    }
    this.handle(skb, adv);
    if (this.state === 'BACKUP' && this.downTimer !== null) this.armDown(this.msDownTimer);
    else if (this.state === 'MASTER' && !this.conf.lowerPrioNoAdvert) this.restartAdvertTimer();
  }

  private handle(skb: Skb, adv: VrrpPacket): void {
    const host = this.host;
    const src = skb.ip.src;
    const checkAddr = this.state === 'MASTER' || !this.conf.skipCheckAdvAddr || this.masterAddr !== src;
    const bad = checkAdvert(this.conf, this.auth, skb.ip, adv, checkAddr);
    if (bad !== undefined) {
      if (this.state === 'BACKUP') this.keepDownTimer();
      host.drop(skb, bad);
      return;
    }
    if (this.conf.strict && this.conf.priority === OWNER) {
      if (this.state === 'BACKUP') this.keepDownTimer();
      host.drop(skb, { id: 'vrrp.drop.ownerStrict', params: { ...this.base(), src: formatIp4(src) } });
      return;
    }
    if (this.state === 'BACKUP') this.backupRx(skb, adv);
    else this.masterRx(skb, adv);
  }

  /** vrrp_state_backup. */
  private backupRx(skb: Skb, adv: VrrpPacket): void {
    const now = this.host.sim.now;
    const src = skb.ip.src;
    const p = { ...this.base(), src: formatIp4(src), got: adv.priority, prio: this.effectivePriority };
    if (adv.priority === 0) {
      // RFC 3768 §6.4.2: Master_Down_Timer = Skew_Time.
      this.downReason = 'prio0';
      this.masterAddr = src;
      this.setDownTimer(skewNs(this.conf.version, this.effectivePriority, this.masterAdverInt));
      this.emit('BACKUP', { id: 'vrrp.backup.prio0', params: { ...p, ...this.timing(this.effectivePriority) } }, skb);
      return;
    }
    const preemptRunning = this.conf.preemptDelay > 0 && (this.preemptTime === 0 || this.preemptTime > now);
    if (this.conf.nopreempt || adv.priority >= this.effectivePriority || preemptRunning) {
      if (adv.version === 3) {
        const adopted = v3IntervalNs(adv.maxAdverInt);
        if (adopted !== this.masterAdverInt) {
          const mine = this.masterAdverInt;
          this.masterAdverInt = adopted;
          this.emit('BACKUP', { id: 'vrrp.backup.v3Interval', params: { ...p, mine: formatSeconds(mine), theirs: formatSeconds(adopted), ...this.timing(this.effectivePriority) } }, skb);
        }
      }
      this.masterAddr = src;
      this.masterPrio = adv.priority;
      this.wantMaster = false;
      this.discardNoted = false;
      if (this.conf.preemptDelay > 0) {
        if (adv.priority >= this.effectivePriority) this.preemptTime = 0;
        else if (this.preemptTime === 0) {
          this.preemptTime = now + this.conf.preemptDelay;
          this.emit('BACKUP', { id: 'vrrp.backup.preemptDelay', params: { ...p, delay: formatSeconds(this.conf.preemptDelay) } }, skb);
        }
      }
      this.downReason = 'advert';
      this.setDownTimer(this.mdi());
      return;
    }
    // keepalived: "received lower priority advert - discarding"; the down timer keeps running.
    this.keepDownTimer();
    this.masterAddr = src;
    this.masterPrio = adv.priority;
    this.downReason = 'discarding';
    if (!this.discardNoted) {
      this.discardNoted = true;
      this.emit('BACKUP', { id: 'vrrp.backup.discardLower', params: { ...p, left: formatSeconds(Math.max(0, this.downAt - now)) } }, skb);
    }
    this.host.drop(skb, { id: 'vrrp.drop.lowerPriority', params: p });
  }

  /** vrrp_state_master_rx. */
  private masterRx(skb: Skb, adv: VrrpPacket): void {
    const src = skb.ip.src;
    const own = this.primaryAddr();
    // Unsigned comparison of the addresses in network byte order (RFC 9568 §6.4.3; Ip4 is host-order uint32).
    const addrCmp = src > own ? 1 : src < own ? -1 : 0;
    const p = { ...this.base(), src: formatIp4(src), got: adv.priority, prio: this.effectivePriority, own: formatIp4(own) };
    const higher = adv.priority > this.effectivePriority || (adv.priority === this.effectivePriority && addrCmp > 0);
    if (adv.priority === 0 || (this.conf.higherPrioSendAdvert && higher)) {
      this.sendAdvert(this.effectivePriority);
      if (adv.priority === 0) {
        this.emit('MASTER', { id: 'vrrp.master.prio0Rx', params: p }, skb);
        return;
      }
    }
    if (adv.priority === this.effectivePriority && addrCmp !== 0 && this.effectivePriority === OWNER) {
      // Two owners: keepalived lowers its own priority to 254 ("CONFIGURATION ERROR").
      this.totalPriority = OWNER - 1;
      this.effectivePriority = OWNER - 1;
      this.emit('MASTER', { id: 'vrrp.master.ownerConflict', params: p }, skb);
    }
    if (adv.priority < this.effectivePriority || (adv.priority === this.effectivePriority && addrCmp < 0)) {
      if (!this.conf.lowerPrioNoAdvert) {
        this.sendAdvert(this.effectivePriority);
        this.emit('MASTER', { id: 'vrrp.master.lowerAnswered', params: p }, skb);
      } else this.emit('MASTER', { id: 'vrrp.master.lowerIgnored', params: p }, skb);
      if (this.conf.garpLowerPrioRepeat > 0) {
        this.garpBurst(this.conf.garpLowerPrioRepeat);
        if (this.conf.garpLowerPrioDelay > 0) this.garpLater(this.conf.garpLowerPrioDelay, this.conf.garpLowerPrioRepeat);
      }
      return;
    }
    if (adv.priority > this.effectivePriority || (adv.priority === this.effectivePriority && addrCmp > 0)) {
      this.masterAdverInt = advertIntervalNs(adv, this.conf.advertInt);
      this.masterAddr = src;
      this.masterPrio = adv.priority;
      const id = adv.priority > this.effectivePriority ? 'vrrp.backup.higherPrio' : 'vrrp.backup.higherAddr';
      this.gotoBackup({ id, params: { ...p, ...this.timing(this.effectivePriority) } }, skb, 'demoted');
    }
  }
}
