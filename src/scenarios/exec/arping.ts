/**
 * iputils `arping` as a process over virtual time (iputils arping.c: main, send_pack, recv_pack,
 * event_loop, finish). Start-up is immediate: the device (-I, else the route's), its flags, the
 * source address (a UDP socket bound to -s, or to the target itself with -U/-A, so the address
 * must be local unless ip_nonlocal_bind; else connect() with SO_DONTROUTE picks it) and the
 * `ARPING …` line. Then probes leave at 0, INTERVAL, 2·INTERVAL…: requests with tha = the
 * broadcast address, -U requests with sip = tip, -A replies with tha = sha, -D requests from
 * 0.0.0.0. Replies are read like its AF_PACKET socket reads them (frames the interface accepted).
 *
 * The lab's commands cannot block, so what is printed later (reply lines, `Sent …`/`Received …`)
 * is reported when the process ends (ExecResult.finishesLater), which the script runner emits as a
 * second `cmd` event serving the same expectation: a checkpoint that runs arping sees the whole
 * output if the next checkpoint comes after arping ended. Commands after arping in the same script
 * do not wait for it.
 */
import type { Host } from '../../net/host.js';
import type { NetDevice, PacketTap } from '../../net/iface.js';
import { ARP_REPLY, ARP_REQUEST } from '../../net/wire/packet.js';
import type { ArpPacket } from '../../net/wire/packet.js';
import { MAC_BROADCAST, formatIp4, formatMac, type Ip4, type Mac } from '../../net/wire/addr.js';
import { RT_SCOPE_LINK, inetSelectAddr } from '../../net/addr-select.js';
import { SEC, US, type Timer } from '../../net/types.js';
import { msg } from '../../i18n/message.js';
import type { ArpingCommand, CommandEntry } from '../commands/types.js';
import type { ExecResult, LaterEnd } from './types.js';
import { argOffset, failed, printed, valueOffset, wordOffset } from './result.js';
import { exactDevice } from './link-view.js';

/** Runs `arping`: checks and prints the start at once, then sends and listens over virtual time. */
export function execArping(host: Host, entry: CommandEntry, cmd: ArpingCommand): ExecResult {
  const at0 = argOffset(entry, cmd, 0);
  let devName = cmd.dev;
  if (devName === undefined) {
    // guess_device: RTM_GETROUTE for the destination; an unroutable one comes back as NLMSG_ERROR.
    const r = host.routeOutput(cmd.dst);
    if (r.type === 'unreachable') return failed(1, 'arping: NETLINK_ROUTE unexpected iov element\n', at0);
    devName = r.dev;
  }
  const devAt = cmd.dev === undefined ? at0 : valueOffset(entry, cmd, '-I');
  const dev = exactDevice(host, devName);
  if (dev === undefined) return failed(2, `arping: Device ${devName} not available.\n`, devAt);
  // check_ifflags: down first, then NOARP or loopback.
  if (!dev.up) return failed(2, cmd.quiet ? '' : `Interface "${dev.name}" is down\n`, devAt);
  if (dev.noArp || dev.kind !== 'ether') {
    const text = cmd.quiet ? '' : `Interface "${dev.name}" is not ARPable\n`;
    return cmd.dad ? printed(text) : failed(2, text, devAt);
  }

  let gsrc: Ip4 = cmd.source ?? 0;
  if (!cmd.dad && cmd.unsolicited && cmd.source === undefined) gsrc = cmd.dst;
  if (!cmd.dad || cmd.source !== undefined) {
    if (cmd.source !== undefined || gsrc !== 0) {
      // bind(): only a local address (or any address with ip_nonlocal_bind), or INADDR_ANY.
      if (gsrc !== 0 && !host.isLocalAddress(gsrc) && host.sysctl('net.ipv4.ip_nonlocal_bind') !== 1) {
        return failed(2, 'arping: bind: Cannot assign requested address\n', wordOffset(entry, cmd, formatIp4(gsrc)));
      }
    } else {
      gsrc = connectSource(host, dev, cmd.dst);
    }
  }
  let header = '';
  if (!cmd.quiet) header = `ARPING ${formatIp4(cmd.dst)} from ${formatIp4(gsrc)} ${dev.name}\n`;
  if (cmd.source === undefined && gsrc === 0 && !cmd.dad) return failed(2, `${header}arping: no source address in not-DAD mode\n`, at0);
  const run = new ArpingRun(host, dev, cmd, gsrc);
  run.start();
  return { ...printed(header), finishesLater: (report) => run.reportTo(report) };
}

/**
 * The source a UDP socket bound to `dev` with SO_DONTROUTE gets when connected to `dst`: the
 * prefsrc of an on-link route through `dev`, else the device's address for the target (an oif
 * lookup without a matching route assumes the destination is on link).
 */
function connectSource(host: Host, dev: NetDevice, dst: Ip4): Ip4 {
  const r = host.fib.lookup(dst, { oif: dev.name, minScope: RT_SCOPE_LINK });
  if (r !== undefined && r.type === 'local') return dst;
  if (r !== undefined && r.src !== undefined) return r.src;
  return inetSelectAddr(dev, dst, RT_SCOPE_LINK, host.devices, host.conf('route_localnet', dev.name) !== 0);
}

/** iputils' reply time: whole ms rounded, then (µs + 500) mod 1000 as the "fraction" (sic). */
function formatRtt(ns: number): string {
  let usecs = Math.floor((ns + 500) / US);
  const msecs = Math.floor((usecs + 500) / 1000);
  usecs -= msecs * 1000 - 500;
  return `${msecs}.${String(usecs).padStart(3, '0')}ms`;
}

function hexMac(mac: Mac): string {
  return formatMac(mac).toUpperCase();
}

/** One running arping: its counters (struct run_state) and its timers. */
class ArpingRun {
  private sent = 0;
  private brdSent = 0;
  private received = 0;
  private brdRecv = 0;
  private reqRecv = 0;
  private unicasting = false;
  private heMac: Mac = MAC_BROADCAST;
  private lastSend = -1;
  private expires = 1;
  private out = '';
  private ended = false;
  private tick: Timer | null = null;
  private tickAt = 0;
  private deadline: Timer | null = null;
  /** Where the end goes, once the script runner has said; the end, if it came first. */
  private endReport: LaterEnd | undefined;
  private endedWith: Parameters<LaterEnd> | undefined;
  /** The AF_PACKET socket: frames the interface accepted. */
  private readonly tap: PacketTap = (frame, pktType) => {
    if (frame.payload.layer === 'arp' && pktType !== 'multicast') this.receive(frame.payload, pktType);
  };
  private readonly startNs: number;
  private readonly flow: number;

  constructor(
    private readonly host: Host,
    private readonly dev: NetDevice,
    private readonly cmd: ArpingCommand,
    private readonly gsrc: Ip4,
  ) {
    this.startNs = host.sim.now;
    this.flow = host.sim.nextFlowId();
  }

  /** Arms the deadline; the first probe leaves at once, after the `ARPING …` line is printed. */
  start(): void {
    this.dev.packetTaps.add(this.tap);
    if (this.cmd.deadline > 0) this.deadline = this.host.sim.after(this.cmd.deadline * SEC, () => this.onDeadline());
    this.host.sim.after(0, () => {
      if (this.ended) return;
      if (!this.host.isRunning) return this.die();
      this.send();
      if (this.unsolicitedDone()) this.finish();
      else this.arm();
    });
  }

  /** The script runner's callback for the end; an end that already happened is reported at once. */
  reportTo(report: LaterEnd): void {
    this.endReport = report;
    if (this.endedWith !== undefined) report(...this.endedWith);
  }

  private unsolicitedDone(): boolean {
    return this.cmd.unsolicited && this.sent === this.cmd.count;
  }

  private arm(): void {
    this.tickAt = this.host.sim.now + this.cmd.interval * SEC;
    this.tick = this.host.sim.after(this.cmd.interval * SEC, () => this.onTick());
  }

  /** The interval timer: after COUNT expiries arping stops, else it sends the next probe. */
  private onTick(): void {
    this.tick = null;
    if (this.ended) return;
    if (!this.host.isRunning) return this.die();
    this.expires++;
    const count = this.cmd.count;
    if (count !== undefined && count < this.expires) return this.finish();
    this.send();
    if (this.unsolicitedDone()) return this.finish();
    this.arm();
  }

  /** The -w timer; a send due at the same instant comes first (its timerfd was armed first). */
  private onDeadline(): void {
    this.deadline = null;
    if (this.ended) return;
    if (this.tick !== null && this.tickAt === this.host.sim.now) {
      this.tick.cancel();
      this.onTick();
      if (this.ended) return;
    }
    if (!this.host.isRunning) return this.die();
    this.finish();
  }

  private send(): void {
    const { host, dev, cmd } = this;
    // sendto() fails on a down or unplugged device, and the probe is not counted.
    if (!host.isRunning || !dev.up || host.segmentOf(dev.name) === null) return;
    const arp: ArpPacket = {
      layer: 'arp',
      oper: cmd.advert ? ARP_REPLY : ARP_REQUEST,
      sha: dev.mac,
      spa: this.gsrc,
      tha: cmd.advert ? dev.mac : this.heMac,
      tpa: cmd.dst,
    };
    const n = this.sent + 1;
    const params = { n, tip: formatIp4(cmd.dst), sip: formatIp4(this.gsrc), mac: formatMac(dev.mac), iface: dev.name, to: this.unicasting ? formatMac(this.heMac) : 'broadcast' };
    const id = cmd.advert ? 'arping.tx.advert' : cmd.dad ? 'arping.tx.dad' : cmd.unsolicited ? 'arping.tx.garp' : 'arping.tx.request';
    host.sendArp(dev.name, arp, this.heMac, msg(id, params), this.flow);
    this.lastSend = host.sim.now;
    this.sent++;
    if (!this.unicasting) this.brdSent++;
  }

  /** recv_pack. */
  private receive(arp: ArpPacket, pktType: 'host' | 'broadcast'): void {
    const { cmd, dev } = this;
    if (arp.oper !== ARP_REQUEST && arp.oper !== ARP_REPLY) return;
    if (arp.spa !== cmd.dst) return;
    if (!cmd.dad) {
      if (arp.tpa !== this.gsrc || arp.tha !== dev.mac) return;
    } else {
      if (arp.sha === dev.mac) return;
      if (this.gsrc !== 0 && this.gsrc !== arp.tpa) return;
    }
    if (!cmd.quiet) {
      let text = `${pktType === 'host' ? 'Unicast' : 'Broadcast'} ${arp.oper === ARP_REPLY ? 'reply' : 'request'} from ${formatIp4(arp.spa)} [${hexMac(arp.sha)}] `;
      const forIp = arp.tpa !== this.gsrc;
      if (forIp) text += `for ${formatIp4(arp.tpa)} `;
      if (arp.tha !== dev.mac) text += `${forIp ? '' : 'for '}[${hexMac(arp.tha)}]`;
      this.out += `${text} ${formatRtt(this.host.sim.now - this.lastSend)}\n`;
    }
    this.received++;
    if (cmd.deadline > 0 && this.received === cmd.count) return this.finishSoon();
    if (pktType !== 'host') this.brdRecv++;
    if (arp.oper === ARP_REQUEST) this.reqRecv++;
    if (cmd.quitOnReply) return this.finishSoon();
    if (!cmd.broadcastOnly) {
      this.heMac = arp.sha;
      this.unicasting = true;
    }
  }

  /** A reply ends the loop: the exit happens now, after the frame's delivery is done. */
  private finishSoon(): void {
    this.stopTimers();
    this.ended = true;
    this.host.sim.after(0, () => this.report());
  }

  private finish(): void {
    this.stopTimers();
    this.ended = true;
    this.report();
  }

  /** The host crashed: the process is gone and prints nothing more. */
  private die(): void {
    this.stopTimers();
    this.ended = true;
    this.dev.packetTaps.delete(this.tap);
  }

  private stopTimers(): void {
    this.tick?.cancel();
    this.tick = null;
    this.deadline?.cancel();
    this.deadline = null;
  }

  /** finish(): the summary and the exit status, as the second half of the command's output. */
  private report(): void {
    const { cmd } = this;
    this.dev.packetTaps.delete(this.tap);
    let output = this.out;
    if (!cmd.quiet) {
      output += `Sent ${this.sent} probes (${this.brdSent} broadcast(s))\n`;
      output += `Received ${this.received} response(s)`;
      if (this.brdRecv > 0 || this.reqRecv > 0) {
        const parts: string[] = [];
        if (this.reqRecv > 0) parts.push(`${this.reqRecv} request(s)`);
        if (this.brdRecv > 0) parts.push(`${this.brdRecv} broadcast(s)`);
        output += ` (${parts.join(', ')})`;
      }
      output += '\n';
    }
    let exitCode: number;
    if (cmd.dad) exitCode = this.received > 0 ? 1 : 0;
    else if (cmd.unsolicited) exitCode = 0;
    else if (cmd.deadline > 0 && cmd.count !== undefined && !cmd.quitOnReply) exitCode = cmd.count <= this.received ? 0 : 1;
    else exitCode = this.received > 0 ? 0 : 1;
    const params = { iface: this.dev.name, sent: this.sent, received: this.received, exit: exitCode, ms: Math.round((this.host.sim.now - this.startNs) / 1_000_000) };
    this.endedWith = [output, exitCode, msg('arping.finished', params)];
    this.endReport?.(...this.endedWith);
  }
}
