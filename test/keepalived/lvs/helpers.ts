/**
 * Test helpers for keepalived's LVS side: a hand-built KeepalivedConfig (the parser is written
 * elsewhere; these builders apply keepalived's defaults the way the typed contract promises), and a
 * small lab: a director and real servers on one segment, with IPVS on the director.
 */
import { completeGlobal } from '../../../src/keepalived/conf/vrrp.js';
import { Lab } from '../../../src/net/lab.js';
import type { Host } from '../../../src/net/host.js';
import { SEC } from '../../../src/net/types.js';
import { parseIp4, type Ip4 } from '../../../src/net/wire/addr.js';
import { attachIpvs, type Ipvs } from '../../../src/ipvs/index.js';
import { tcpStack } from '../../../src/net/tcp/stack.js';
import { textBytes } from '../../../src/net/apps/payload.js';
import type {
  CheckerCommon,
  CheckerConf,
  ConfPos,
  GlobalDefs,
  HttpUrlConf,
  KeepalivedConfig,
  RealServerConf,
  VirtualServerConf,
  VirtualServerGroupConf,
  LocalAddressGroupConf,
} from '../../../src/keepalived/conf/types.js';
import type { KeepalivedEvent, TraceEvent, TraceSink } from '../../../src/trace/events.js';

export function ip(text: string): Ip4 {
  const v = parseIp4(text);
  if (v === undefined) throw new Error(`bad IP ${text}`);
  return v;
}

export const POS: ConfPos = { file: 'keepalived.conf', line: 1, col: 1 };

/** global_defs as the parser completes an empty one: keepalived's defaults, from one place. */
const GLOBAL: GlobalDefs = completeGlobal({});

/** Checker options with keepalived's defaults for a real server `addr:port`. */
export function common(addr: string, port: number, o: Partial<CheckerCommon> = {}): CheckerCommon {
  const delayLoop = o.delayLoop ?? 60 * SEC;
  return {
    pos: POS,
    connectIp: ip(addr),
    connectPort: port,
    connectTimeout: 5 * SEC,
    retry: 1,
    delayBeforeRetry: SEC,
    delayLoop,
    warmup: 0,
    alpha: false,
    ...o,
  };
}

export function tcpCheck(addr: string, port: number, o: Partial<CheckerCommon> = {}): CheckerConf {
  return { ...common(addr, port, o), kind: 'TCP_CHECK' };
}

export function url(path: string, o: Partial<HttpUrlConf> = {}): HttpUrlConf {
  return { path, statusCodes: [[200, 299]], pos: POS, ...o };
}

export function httpGet(addr: string, port: number, urls: HttpUrlConf[], o: Partial<CheckerCommon> & { fastRecovery?: boolean } = {}): CheckerConf {
  const { fastRecovery, ...rest } = o;
  return { ...common(addr, port, { delayBeforeRetry: 3 * SEC, ...rest }), kind: 'HTTP_GET', urls, httpProtocol: '1.0', fastRecovery: fastRecovery ?? false };
}

export function miscCheck(addr: string, path: string, o: Partial<CheckerCommon> & { dynamic?: boolean; timeout?: number } = {}): CheckerConf {
  const { dynamic, timeout, ...rest } = o;
  const c = common(addr, 0, { retry: 0, ...rest });
  return { ...c, kind: 'MISC_CHECK', path: { text: path, pos: POS }, timeout: timeout ?? c.delayLoop, dynamic: dynamic ?? false };
}

export function pingCheck(addr: string, o: Partial<CheckerCommon> = {}): CheckerConf {
  return { ...common(addr, 0, o), kind: 'PING_CHECK' };
}

export function rs(addr: string, port: number, checkers: CheckerConf[], o: Partial<RealServerConf> = {}): RealServerConf {
  return { pos: POS, addr: ip(addr), port, weight: 1, method: 'NAT', inhibitOnFailure: false, uThreshold: 0, lThreshold: 0, checkers, ...o };
}

export function vs(vaddr: string, vport: number, realServers: RealServerConf[], o: Partial<VirtualServerConf> = {}): VirtualServerConf {
  return {
    pos: POS,
    selector: { kind: 'addr', vaddr: ip(vaddr), vport },
    protocol: 'TCP',
    sched: 'rr',
    method: 'NAT',
    persistenceTimeout: 0,
    persistenceGranularity: 0xffff_ffff,
    delayLoop: 60 * SEC,
    quorum: 1,
    hysteresis: 0,
    alpha: false,
    omega: false,
    inhibitOnFailure: false,
    synProxy: false,
    realServers,
    ...o,
  };
}

export function config(
  virtualServers: VirtualServerConf[],
  o: { vsGroups?: VirtualServerGroupConf[]; laddrGroups?: LocalAddressGroupConf[] } = {},
): KeepalivedConfig {
  return {
    global: GLOBAL,
    vrrpScripts: new Map(),
    syncGroups: [],
    instances: [],
    vsGroups: new Map((o.vsGroups ?? []).map((g) => [g.name, g])),
    virtualServers,
    laddrGroups: new Map((o.laddrGroups ?? []).map((g) => [g.name, g])),
  };
}

/** Keeps every event. */
export class Recorder implements TraceSink {
  readonly events: TraceEvent[] = [];
  emit(e: TraceEvent): void {
    this.events.push(e);
  }
  keepalived(): KeepalivedEvent[] {
    return this.events.filter((e): e is KeepalivedEvent => e.kind === 'keepalived');
  }
}

export interface TestLab {
  readonly lab: Lab;
  readonly rec: Recorder;
  readonly director: Host;
  readonly ipvs: Ipvs;
  readonly rs: Map<string, Host>;
  run(untilNs: number): void;
}

function must<T>(v: T): T {
  if (typeof v === 'object' && v !== null && 'code' in v && 'msg' in v) throw new Error(`lab error ${JSON.stringify(v)}`);
  return v;
}

/** A director 10.0.0.1 (VIP 192.168.1.100 on lo) and hosts at the given addresses on segment `lan`. */
export function newLab(rsAddrs: string[], seed = 1): TestLab {
  const lab = new Lab({ seed });
  const rec = new Recorder();
  lab.addSink(rec);
  must(lab.addSegment({ name: 'lan' }));
  const director = must(lab.addHost('director')) as Host;
  must(director.addInterface({ name: 'eth0', segment: 'lan' }));
  must(director.addAddress('eth0', ip('10.0.0.1'), 24));
  must(director.addAddress('lo', ip('192.168.1.100'), 32));
  const hosts = new Map<string, Host>();
  rsAddrs.forEach((a, i) => {
    const h = must(lab.addHost(`rs${i + 1}`)) as Host;
    must(h.addInterface({ name: 'eth0', segment: 'lan' }));
    must(h.addAddress('eth0', ip(a), 24));
    hosts.set(a, h);
  });
  const ipvs = attachIpvs(director);
  return { lab, rec, director, ipvs, rs: hosts, run: (untilNs) => void lab.run({ until: untilNs }) };
}

/** A TCP listener that answers every request with `response` and closes (an HTTP/1.0 server). */
export function httpServer(host: Host, port: number, response: () => string): { close(): void } {
  const r = tcpStack(host).listen(port, () => {
    let got = '';
    return {
      data(sock, data) {
        got += String.fromCharCode(...data);
        if (got.includes('\r\n\r\n')) {
          sock.send(textBytes(response()));
          sock.close();
        }
      },
    };
  });
  if (!r.ok) throw new Error(r.errno);
  return r.value;
}

/** A bare listener (TCP_CHECK only needs the handshake). */
export function listener(host: Host, port: number): { close(): void } {
  const r = tcpStack(host).listen(port, () => ({}));
  if (!r.ok) throw new Error(r.errno);
  return r.value;
}

/** The keepalived events of some ops, as [time in s, op, msg id]. */
export function timeline(rec: Recorder, ops: readonly string[]): [number, string, string][] {
  return rec
    .keepalived()
    .filter((e) => ops.includes(e.op))
    .map((e) => [e.t / SEC, e.op, e.msg.id]);
}
