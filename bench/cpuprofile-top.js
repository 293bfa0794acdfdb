// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
// each with its share of the samples and where it is defined. Usage:
//   node bench/cpuprofile-top.js FILE.cpuprofile [how many, default 10]
import { readFileSync } from 'node:fs';

const [file, howMany = '10'] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/cpuprofile-top.js FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node: the time deltas attributed to its samples.
const selfUs = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  total += dt;
});

// The same function appears as many nodes (one per call path): add them up by name and place.
const byFunction = new Map();
for (const [id, us] of selfUs) {
  const { callFrame: f } = byId.get(id);
  const where = f.url === '' ? '' : `${f.url.replace(/^file:\/\/.*?\/(dist|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(howMany));
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
for (const [key, us] of top) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
