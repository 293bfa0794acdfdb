// One bench case alone, CPU-profiled (the V8 profiler `node --cpu-prof` uses, started through
// node:inspector so that only the measured part is sampled, not the set-up), written to
// LVSLAB_PROFILE_OUT (default /tmp/lvslab-<case>.cpuprofile); read it with bench/cpuprofile-top.js.
// Usage:
//   node bench/profile.js <case> [arg]
// cases: sched <name> (10,000 real servers, 3 s of decisions), conntable (1,000,000 inserts and
// lookups), synflood [syns] (default 1,000,000), pcap [packets] (default 1,000,000), pcap-plan [packets]
// (planReplay alone, on bytes in memory), dr [requests]
// (trace counted, default 20,000), dr-kept [requests] (trace kept, default 20,000),
// startup (what `lvslab play dr-basic` does before Ink: import the CLI, load and run the lab, index).
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';

const [what, arg] = process.argv.slice(2);
const t0 = performance.now();
const out = process.env.LVSLAB_PROFILE_OUT ?? `/tmp/lvslab-${what}${arg === undefined ? '' : `-${arg}`}.cpuprofile`;
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });

/** Starts sampling (call once the set-up is done). */
const startProfile = () => session.post('Profiler.start');

switch (what) {
  case 'sched': {
    const { addDest, createSchedEnv, createService, schedule, setDestCounters } = await load('ipvs/api.js');
    const svc = createService({ scheduler: arg, vaddr: '192.168.1.100', vport: 80 });
    for (let i = 0; i < 10000; i++) {
      const d = addDest(svc, { daddr: 0x0a010000 + i, dport: 80, weight: 1 + (i % 5) });
      setDestCounters(d, { activeConns: (i * 7) % 13, inactConns: (i * 11) % 17 });
    }
    const env = createSchedEnv(1, 0);
    let calls = 0;
    let client = 0x0a000000;
    await startProfile();
    const s0 = performance.now();
    while (performance.now() - s0 < 3000) {
      for (let i = 0; i < 256; i++) {
        client = (client + 1) >>> 0;
        schedule(svc, { caddr: client, cport: 1024 + (client & 0x7fff), vaddr: 0xc0a80164 + (client & 0xff) }, env);
      }
      calls += 256;
    }
    console.log(`${arg}: ${fmt(calls / ((performance.now() - s0) / 1000))} decisions/s (set-up of 10,000 RS ${(s0 - t0).toFixed(0)} ms)`);
    break;
  }
  case 'conntable': {
    const { benchConnTable } = await import('./ipvs.js');
    await startProfile();
    benchConnTable();
    break;
  }
  case 'synflood': {
    const { builtinDir } = await load('scenarios/builtins.js');
    const { loadScenario } = await load('scenarios/load.js');
    const { runScenario } = await load('scenarios/run.js');
    const syns = Number(arg ?? 1_000_000);
    const text = readFileSync(path.join(builtinDir(), 'synproxy-flood.yaml'), 'utf8');
    const lab = text.slice(0, text.indexOf('\ncheckpoints:')).replace('rate: 200/s, for: 500ms', `rate: ${syns}/s, for: 1s`);
    const loaded = loadScenario(`${lab}\n`, 'synflood.yaml');
    if (!loaded.ok) throw new Error('bad flood lab');
    await startProfile();
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: 1_101_000_000, sinks: [], keepTrace: false });
    console.log(`synflood ${fmt(syns)}: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${r.ok ? fmt(r.stats.events) : '?'} events`);
    break;
  }
  case 'pcap': {
    const { benchPcapReplay } = await import('./pcap.js');
    process.env.PATH = ''; // no tshark here: only our side is profiled
    await startProfile();
    benchPcapReplay(Number(arg ?? 1_000_000));
    break;
  }
  case 'pcap-plan': {
    const { conversation } = await import('./pcap.js');
    const { planReplay } = await load('net/apps/replay.js');
    const bytes = conversation(Number(arg ?? 1_000_000));
    globalThis.gc?.();
    await startProfile();
    const p0 = performance.now();
    const plan = planReplay(bytes, { file: 'conversation.pcap' });
    console.log(`pcap-plan: ${plan.ok ? fmt(plan.value.frames) : '?'} frames planned in ${((performance.now() - p0) / 1000).toFixed(2)} s`);
    break;
  }
  case 'dr':
  case 'dr-kept': {
    const { drScaled } = await import('./sim.js');
    const { runScenario } = await load('scenarios/run.js');
    await startProfile();
    const r = runScenario(drScaled(Number(arg ?? 20_000)).scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: what === 'dr-kept' });
    console.log(`${what}: ${r.ok ? fmt(r.stats.events) : '?'} events in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    break;
  }
  case 'startup': {
    await startProfile();
    await load('cli/main.js');
    const { loadScenario } = await load('scenarios/load.js');
    const { runScenario } = await load('scenarios/run.js');
    const { builtinDir } = await load('scenarios/builtins.js');
    const { indexState } = await load('trace/state/index.js');
    const { labData } = await load('ui/view-state.js');
    const t1 = performance.now();
    const loaded = loadScenario(readFileSync(path.join(builtinDir(), 'dr-basic.yaml'), 'utf8'), 'scenarios/dr-basic.yaml');
    if (!loaded.ok) throw new Error('bad lab');
    const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!r.ok) throw new Error('run failed');
    labData(r.trace);
    indexState(r.trace);
    console.log(`startup: imports ${(t1 - t0).toFixed(0)} ms, load + run + index ${(performance.now() - t1).toFixed(0)} ms (${fmt(r.trace.length)} events)`);
    break;
  }
  default:
    console.error('usage: node --cpu-prof bench/profile.js sched <name> | conntable | synflood [syns] | pcap [packets] | pcap-plan [packets] | dr [requests] | dr-kept [requests] | startup');
    process.exitCode = 2;
}
if (process.exitCode === undefined) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(out, JSON.stringify(profile));
  console.log(`profile: ${out} (node bench/cpuprofile-top.js ${out})`);
}
session.disconnect();
