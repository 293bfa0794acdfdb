// keepalived figures for `npm run bench`: how fast keepalived.conf files parse, and how fast a
// director pair with VRRP and health checks simulates (an hour of virtual time).
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fmt, load } from './dist.js';

const { parseKeepalivedConf } = await load('keepalived/conf/parse.js');
const { loadScenario } = await load('scenarios/load.js');
const { runScenario } = await load('scenarios/run.js');
const { builtinDir } = await load('scenarios/builtins.js');
const SAMPLES = new URL('../../shared/fixtures/keepalived/', import.meta.url);

/** Files parsed per second (undefined without the samples) and the failover lab's events per second. */
export function benchKeepalived() {
  let filesPerSec;
  let files = [];
  try {
    files = readdirSync(SAMPLES).filter((f) => f.startsWith('keepalived.conf')).map((f) => ({ file: f, text: readFileSync(new URL(f, SAMPLES), 'utf8') }));
  } catch {
    console.log('keepalived: the sample configurations (../shared/fixtures/keepalived) are not here; parse figure skipped');
  }
  if (files.length > 0) {
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    let parsed = 0;
    const start = performance.now();
    while (performance.now() - start < 1500) {
      for (const f of files) parseKeepalivedConf(f);
      parsed += files.length;
    }
    const secs = (performance.now() - start) / 1000;
    filesPerSec = parsed / secs;
    console.log(`keepalived: parse keepalived's ${files.length} sample configurations (${fmt(bytes)} bytes): ${fmt(parsed / secs)} files/s, ${fmt((parsed / files.length) * bytes / secs / 1e6)} MB/s`);
  }

  const text = readFileSync(`${builtinDir()}/keepalived-failover.yaml`, 'utf8').replace(/^until: .*$/m, 'until: 3600s');
  const loaded = loadScenario(text, 'keepalived-failover (1 h)');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  let events = 0;
  const counter = { emit() { events++; } };
  const t0 = performance.now();
  const r = runScenario(loaded.scenario, { seed: undefined, untilNs: undefined, sinks: [counter], keepTrace: false });
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  console.log(`keepalived: failover lab run for 1 h of virtual time (VRRP adverts, TCP_CHECKs every 5 s): ${fmt(events)} events in ${secs.toFixed(2)} s = ${fmt(events / secs)} events/s`);
  return { filesPerSec, failoverEventsPerSec: events / secs };
}
