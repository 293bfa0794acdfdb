// The DR lab (scenarios/dr-basic.yaml) grown for the benchmarks: its one HTTP traffic source of 4
// requests, 100 ms apart, rewritten to `requests` requests `every` apart. Every section that needs a
// long DR run takes it from here, so a change to the lab's traffic breaks all of them loudly instead
// of leaving some to measure a 4-request run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from './dist.js';

const { builtinDir } = await load('scenarios/builtins.js');
const { loadScenario } = await load('scenarios/load.js');

const TRAFFIC = 'count: 4, every: 100ms';

/** The YAML of dr-basic with `requests` requests, one every `every` (a duration: '1ms', '200ms'). */
export function drBasicText(requests, every = '1ms') {
  const text = readFileSync(path.join(builtinDir(), 'dr-basic.yaml'), 'utf8');
  if (!text.includes(TRAFFIC)) throw new Error(`dr-basic.yaml no longer has the traffic the benchmarks rewrite (${TRAFFIC})`);
  return text.replace(TRAFFIC, `count: ${requests}, every: ${every}`);
}

/** The same, loaded (in English); throws on a load error. */
export function drBasicLoaded(requests, every = '1ms') {
  const loaded = loadScenario(drBasicText(requests, every), `dr-basic (${requests} requests)`, { lang: 'en' });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded;
}
