/**
 * Builds a Lab from a loaded scenario: segments, hosts with their interfaces, addresses, sysctls
 * and routes — the lab's topology, recorded whole before anything else and not as events —, then
 * the `setup` and `ipvsadm` commands (run in order at time 0, recorded as `cmd` events), apps,
 * traffic, timed events, and the checkpoints (each one a `checkpoint` event followed by the `cmd`
 * events of its expectations' commands, run at the checkpoint's time on the named host). The
 * trace sinks are attached once the topology is taken: the first event is the first command's.
 *
 * Problems found while building (a command that fails at time 0, an address that clashes) are
 * scenario errors with the file position of what caused them.
 */
import type { Host } from '../net/host.js';
import { Lab } from '../net/lab.js';
import { broadcastOf } from '../net/wire/addr.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planReplay, startApp, startReplay, startTraffic } from '../net/apps/index.js';
import type { CmdEvent, TraceSink } from '../trace/events.js';
import { msg, type Msg } from '../i18n/message.js';
import { render } from '../i18n/index.js';
import type { LoadedScenario, ScenarioError } from './load.js';
import type { PathSeg } from './source.js';
import type { CommandEntry, CommandScript } from './commands/types.js';
import { executeCommand, type ExecResult } from './exec/index.js';
import { resolvePlaceholders, scenarioResolver, type PlaceholderResolver } from './placeholders.js';
import { IpvsHosts } from './ipvs-hosts.js';
import { checkFramesFilter, checkLaterScript } from './later-checks.js';
import { compileFilter, type FrameFilter } from '../trace/filter/index.js';
import { startSynFlood } from '../net/apps/syn-flood.js';
import type { KeepalivedSpec, ReplayTraffic } from './schema.js';
import type { Topology } from '../trace/topology.js';
import { labTopology } from './topology.js';
import { builtinDir } from './builtins.js';
import { loadHostKeepalived, missingInterfaces } from './keepalived-hosts.js';

export interface BuiltLab {
  readonly lab: Lab;
  readonly resolver: PlaceholderResolver;
  readonly ipvs: IpvsHosts;
  /** The compiled `frames` filter of each frame expectation, by `checkpoint.index` (e.g. `0.2`). */
  readonly frameFilters: ReadonlyMap<string, FrameFilter>;
  /** The lab as configured by the scenario's `interfaces`, `sysctl` and `routes`, before its first command. */
  readonly topology: Topology;
}

/** The key of expectation `index` of checkpoint `checkpoint` in BuiltLab.frameFilters. */
export function expectationKey(checkpoint: number, index: number): string {
  return `${checkpoint}.${index}`;
}

export interface BuildOptions {
  readonly seed: number | undefined;
  readonly sinks: readonly TraceSink[];
}

export type BuildResult = { readonly ok: true; readonly built: BuiltLab } | { readonly ok: false; readonly errors: ScenarioError[] };

/** A command that ran, and what it returned. */
export interface RanCommand {
  readonly entry: CommandEntry;
  readonly result: ExecResult;
}

/**
 * Runs a script's commands on a host now, as a shell would (`a && b` runs b only if a succeeded),
 * emitting a `cmd` event per command that ran (tagged with the expectation it serves, if any).
 */
export function runScript(host: Host, script: CommandScript, ipvs: IpvsHosts, expect?: CmdEvent['expect']): RanCommand[] {
  const ran: RanCommand[] = [];
  let last: ExecResult | undefined;
  for (const entry of script.commands) {
    if (entry.sep === '&&' && last !== undefined && last.exitCode !== 0) continue;
    const r = executeCommand(host, entry, ipvs.context());
    // A line of an `ipvsadm:` block is shown as the command it is.
    const line = entry.command.kind === 'ipvsadm' && !entry.text.startsWith('ipvsadm') ? `ipvsadm ${entry.text}` : entry.text;
    const tag = expect !== undefined ? { expect } : {};
    host.emit({ kind: 'cmd', line, output: r.output, exitCode: r.exitCode, ...tag, msg: msg('scenario.cmd.ran', { line, exit: r.exitCode }) });
    // What it prints when it ends is a second event, serving the same expectation.
    r.finishesLater?.((output, exitCode, why) => host.emit({ kind: 'cmd', line, output, exitCode, ...tag, msg: why }));
    ran.push({ entry, result: r });
    last = r;
  }
  return ran;
}

/** What the build steps share. */
interface Build {
  readonly loaded: LoadedScenario;
  readonly lab: Lab;
  readonly hosts: Map<string, Host>;
  readonly ipvs: IpvsHosts;
  readonly errors: ScenarioError[];
}

export function buildLab(loaded: LoadedScenario, opts: BuildOptions): BuildResult {
  const lab = new Lab({ seed: opts.seed ?? loaded.scenario.seed });
  const b: Build = { loaded, lab, hosts: new Map(), ipvs: new IpvsHosts(), errors: [] };
  addSegmentsAndHosts(b);
  if (b.errors.length > 0) return { ok: false, errors: b.errors };
  configureHosts(b);
  // The state so far is the trace's starting point (its meta), not events.
  const topology = labTopology(b.hosts.values());
  for (const sink of opts.sinks) lab.addSink(sink);
  runSetup(b);
  startTrafficSources(b);
  scheduleEvents(b);
  const resolver = scenarioResolver(loaded.scenario, (h, i) => b.hosts.get(h)?.ifaceMac(i));
  const frameFilters = scheduleCheckpoints(b, resolver);
  if (b.errors.length > 0) return { ok: false, errors: b.errors };
  return { ok: true, built: { lab, resolver, ipvs: b.ipvs, frameFilters, topology } };
}

/** Segments, hosts, their interfaces and the addresses the `interfaces:` key gives them. */
function addSegmentsAndHosts({ loaded, lab, hosts, errors }: Build): void {
  const s = loaded.scenario;
  s.segments.forEach((seg, i) => {
    const r = lab.addSegment({ name: seg.name, ...(seg.latency !== undefined ? { latencyNs: seg.latency } : {}) });
    if ('code' in r) errors.push(loaded.error(['segments', i, 'name'], r.msg));
  });

  for (const [name, spec] of Object.entries(s.hosts)) {
    const host = lab.addHost(name);
    if ('code' in host) {
      errors.push(loaded.error(['hosts', name], host.msg));
      continue;
    }
    hosts.set(name, host);
    for (const [ifname, iface] of Object.entries(spec.interfaces)) {
      const at: PathSeg[] = ['hosts', name, 'interfaces', ifname];
      if (ifname !== 'lo') {
        const r = host.addInterface({
          name: ifname,
          ...(iface.segment !== undefined ? { segment: iface.segment } : {}),
          ...(iface.mac !== undefined ? { mac: iface.mac } : {}),
          ...(iface.mtu !== undefined ? { mtu: iface.mtu } : {}),
        });
        if ('code' in r) {
          errors.push(loaded.error(at, r.msg));
          continue;
        }
      } else if (iface.segment !== undefined) {
        errors.push(loaded.error([...at, 'segment'], msg('scenario.build.loOnSegment')));
      }
      iface.ip.forEach((a, i) => {
        // As a distribution's network configuration does (ifupdown, netplan): a broadcast address
        // on Ethernet subnets, none on lo or on /31 and /32.
        const brd = ifname !== 'lo' && a.prefixLen < 31 ? { broadcast: broadcastOf(a.addr, a.prefixLen) } : {};
        const r = host.addAddress(ifname, a.addr, a.prefixLen, brd);
        if ('code' in r) errors.push(loaded.error([...at, 'ip', ...(Array.isArray(iface.ip) && iface.ip.length > 1 ? [i] : [])], r.msg));
      });
    }
  }
}

/** Each host's `sysctl` and `routes` (with its interfaces, the lab's configuration files). */
function configureHosts({ loaded, hosts, errors }: Build): void {
  for (const [name, spec] of Object.entries(loaded.scenario.hosts)) {
    const host = hosts.get(name) as Host;
    for (const setting of spec.sysctl) {
      const r = host.sysctlSet(setting.key, setting.value);
      if (r !== undefined) errors.push(loaded.error(['hosts', name, 'sysctl', setting.yamlKey], r.msg));
    }
    spec.routes.forEach((route, i) => {
      const r = host.addRoute(route.route);
      if ('code' in r) errors.push(loaded.error(['hosts', name, 'routes', i], r.msg));
    });
  }
}

/** Each host's time-0 commands (`setup`, `ipvsadm`), then its keepalived and apps. */
function runSetup(b: Build): void {
  const { loaded, hosts, ipvs, errors } = b;
  for (const [name, spec] of Object.entries(loaded.scenario.hosts)) {
    const host = hosts.get(name) as Host;
    for (const [key, script] of [['setup', spec.setup], ['ipvsadm', spec.ipvsadm]] as const) {
      if (script === undefined) continue;
      for (const { entry, result: r } of runScript(host, script, ipvs)) {
        if (r.exitCode === 0) continue;
        const m = r.error?.msg ?? msg('scenario.build.commandFailed', { line: entry.text, exit: r.exitCode, output: r.output.trim() });
        errors.push(loaded.error(['hosts', name, key], m, entry.offset + (r.error?.offset ?? 0)));
      }
    }
    if (spec.keepalived !== undefined) startKeepalived(b, name, host, spec.keepalived);
    const apps = spec.apps.map((app) =>
      app.kind === 'http-server' ? { kind: 'http-server' as const, port: app.port, size: app.size, ...(app.body !== undefined ? { body: app.body } : {}) } : { kind: 'tcp-server' as const, port: app.port, reply: app.reply },
    );
    apps.forEach((app, i) => {
      const r = startApp(host, app);
      if (!r.ok) errors.push(loaded.error(['hosts', name, 'apps', i], r.error.msg));
    });
    // A crash loses every socket; the reboot starts the host's servers again, as their units would.
    if (apps.length > 0) host.onLifecycle((e) => {
      if (e === 'restart') for (const app of apps) startApp(host, app);
    });
  }
}

/**
 * The host's keepalived, started at time 0 after its setup: keepalived's warnings go into the
 * trace (where keepalived logs them), its errors and unknown interfaces are scenario errors.
 */
function startKeepalived({ loaded, ipvs, errors }: Build, name: string, host: Host, spec: KeepalivedSpec): void {
  const k = loadHostKeepalived(loaded, name, spec);
  errors.push(...k.errors);
  if (k.config === null) return;
  const missing = missingInterfaces(host, k.config);
  if (missing.length > 0) {
    for (const m of missing) errors.push(k.place(m.pos, m.msg));
    return;
  }
  for (const w of k.warnings) host.emit({ kind: 'keepalived', op: 'config-warning', conf: w.where, msg: w.msg });
  ipvs.keepalived.add(host, ipvs.of(host).state, k.config).start();
}

/** The traffic sources, each starting at its `at`. */
function startTrafficSources({ loaded, hosts, errors }: Build): void {
  const s = loaded.scenario;
  s.traffic.forEach((t, i) => {
    const host = hosts.get(t.from) as Host;
    const at: PathSeg[] = ['traffic', i];
    switch (t.kind) {
      case 'http': {
        const r = startTraffic(host, { kind: 'http', url: t.http.url.text, count: t.http.count, every: t.http.every }, t.at);
        if (!r.ok) errors.push(loaded.error([...at, 'http'], r.error.msg));
        break;
      }
      case 'tcp': {
        for (let k = 0; k < t.tcp.count; k++) {
          const r = startTraffic(host, { kind: 'tcp', to: t.tcp.to.addr, port: t.tcp.to.port, send: t.tcp.send, receive: t.tcp.receive, writes: t.tcp.writes, gap: t.tcp.gap }, t.at + k * t.tcp.every);
          if (!r.ok) {
            errors.push(loaded.error([...at, 'tcp'], r.error.msg));
            break;
          }
        }
        break;
      }
      case 'ping': {
        const r = startTraffic(host, { kind: 'ping', to: t.ping.to, count: t.ping.count, every: t.ping.every, size: t.ping.size }, t.at);
        if (!r.ok) errors.push(loaded.error([...at, 'ping'], r.error.msg));
        break;
      }
      case 'synflood': {
        const f = t.synflood;
        const spec = { to: f.to.addr, port: f.to.port, count: f.rate.count, period: f.rate.period, duration: f.for };
        const r = startSynFlood(host, f.spoof === undefined ? spec : { ...spec, spoof: f.spoof }, t.at);
        if (!r.ok) errors.push(loaded.error([...at, 'synflood'], r.error.msg));
        break;
      }
      case 'conns': {
        const c = t.conns;
        const spec = { kind: 'conns' as const, to: c.to.addr, port: c.to.port, first: c.first, clients: c.clients, each: c.each, count: c.rate.count, period: c.rate.period, portLow: c.ports.low };
        const r = startTraffic(host, spec, t.at);
        if (!r.ok) errors.push(loaded.error([...at, 'conns', ...(r.error.msg.id === 'app.conns.notLocal' ? ['sources'] : [])], r.error.msg));
        break;
      }
      case 'replay': {
        const e = startReplayTraffic(loaded, host, t.replay, t.at);
        if (e !== null) errors.push(loaded.error([...at, 'replay', 'file'], e));
        break;
      }
    }
  });
}

/**
 * `replay`: reads the capture (relative to the scenario's folder; a built-in's `scenarios/` is the
 * package's) and starts it; a Msg when the file is missing or cannot be replayed.
 */
function startReplayTraffic(loaded: LoadedScenario, host: Host, r: ReplayTraffic, atNs: number): Msg | null {
  const dir = path.dirname(loaded.file);
  const candidates = [path.resolve(dir, r.file)];
  if (dir === 'scenarios') candidates.push(path.resolve(builtinDir(), r.file));
  let bytes: Uint8Array | undefined;
  let reason = '';
  for (const file of candidates) {
    try {
      bytes = fs.readFileSync(file);
      break;
    } catch (e) {
      reason ||= e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    }
  }
  if (bytes === undefined) return msg('replay.file.unreadable', { file: r.file, reason });
  const opts = { file: r.file, speed: r.speed, ...(r.client !== undefined ? { client: r.client } : {}), ...(r.server !== undefined ? { server: r.server } : {}), ...(r.to !== undefined ? { to: r.to } : {}) };
  const plan = planReplay(bytes, opts);
  if (!plan.ok) return plan.error.msg;
  startReplay(host, plan.value, atNs);
  return null;
}

/** Timed events: commands, crashes and restarts, blocks on a segment. */
function scheduleEvents({ loaded, lab, hosts, ipvs, errors }: Build): void {
  const s = loaded.scenario;
  s.events.forEach((e, i) => {
    const at: PathSeg[] = ['events', i];
    switch (e.kind) {
      case 'run': {
        checkLaterScript(loaded, [...at, 'run'], e.run, errors);
        const host = hosts.get(e.on) as Host;
        lab.sim.at(e.at, () => {
          runScript(host, e.run, ipvs);
        });
        break;
      }
      case 'crash':
        lab.sim.at(e.at, () => (hosts.get(e.crash) as Host).crash());
        break;
      case 'restart':
        lab.sim.at(e.at, () => (hosts.get(e.restart) as Host).restart());
        break;
      case 'block': {
        const seg = lab.segment(e.block.segment);
        const f = compileFilter(e.block.filter);
        if (!f.ok) {
          errors.push(loaded.error([...at, 'block', 'filter'], msg('scenario.filter.bad', { message: f.error.message }), f.error.offset));
          break;
        }
        if (seg === undefined) break;
        const filter = f.filter;
        const length = e.for;
        lab.sim.at(e.at, () => {
          const handle = seg.block((frame) => filter.matches(frame), filter.text);
          if (length !== undefined) lab.sim.after(length, () => handle.remove());
        });
        break;
      }
    }
  });
}

/**
 * Checkpoints: checked now (time order, filters, commands), and at their time a `checkpoint`
 * event followed by the `cmd` events of their commands, which the checker reads.
 */
function scheduleCheckpoints({ loaded, lab, hosts, ipvs, errors }: Build, resolver: PlaceholderResolver): Map<string, FrameFilter> {
  const s = loaded.scenario;
  const frameFilters = new Map<string, FrameFilter>();
  s.checkpoints.forEach((cp, index) => {
    const previous = s.checkpoints[index - 1];
    if (previous !== undefined && cp.at < previous.at) errors.push(loaded.error(['checkpoints', index, 'at'], msg('scenario.build.checkpointOrder', { index: index + 1 })));
    cp.expect.forEach((x, xi) => {
      const path: PathSeg[] = ['checkpoints', index, 'expect', xi];
      if (x.kind === 'frames') {
        const f = checkFramesFilter(loaded, [...path, 'frames'], x.frames, resolver, errors);
        if (f !== undefined) frameFilters.set(expectationKey(index, xi), f);
      }
      else checkLaterScript(loaded, [...path, 'run'], x.run, errors);
    });
    lab.sim.at(cp.at, () => {
      const say = cp.say === undefined ? undefined : resolvePlaceholders(cp.say, resolver);
      lab.sim.emit({
        t: lab.sim.now,
        host: '',
        kind: 'checkpoint',
        index,
        title: cp.title ?? render(msg('scenario.checkpoint.untitled', { n: index + 1 })),
        ...(say?.ok === true ? { say: say.text.trimEnd() } : {}),
        msg: msg('scenario.checkpoint.reached', { index: index + 1 }),
      });
      cp.expect.forEach((x, i) => {
        if (x.kind === 'command') runScript(hosts.get(x.on) as Host, x.run, ipvs, { checkpoint: index, index: i });
      });
    });
  });
  return frameFilters;
}
