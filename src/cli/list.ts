/** `lvslab list`: the built-in scenarios, a line each: name, topic, summary. */
import Table from 'cli-table3';
import { listBuiltins } from '../scenarios/builtins.js';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../scenarios/load.js';
import { colorWanted, parseFlags } from './args.js';

export async function cmdList(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  if (values['help'] === true) {
    process.stdout.write('Usage: lvslab list\n\nThe built-in scenarios: name, topic and a one-line summary.\n');
    return 0;
  }
  if (positionals.length > 0) {
    process.stderr.write(`lvslab list: unexpected argument '${positionals[0]}'\n`);
    return 2;
  }
  const color = colorWanted(values, process.stdout.isTTY === true);
  const builtins = listBuiltins();
  // Names are what the user types next: never cut them. The summary takes the rest of the width.
  const nameWidth = Math.max(6, ...builtins.map((b) => b.name.length)) + 2;
  const columns = process.stdout.isTTY === true ? (process.stdout.columns ?? 100) : 100;
  const table = new Table({
    head: ['name', 'topic', 'summary'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
    colWidths: [nameWidth, 12, Math.max(30, columns - nameWidth - 12 - 4)],
  });
  for (const b of builtins) {
    const loaded = loadScenario(readFileSync(b.path, 'utf8'), `scenarios/${b.name}.yaml`);
    if (!loaded.ok) {
      table.push([b.name, '?', `(does not load: ${loaded.errors[0]?.message ?? 'error'})`]);
      continue;
    }
    const s = loaded.scenario.scenario;
    table.push([s.name ?? b.name, s.topic ?? '', s.summary ?? s.title ?? '']);
  }
  process.stdout.write(`${table.toString()}\n`);
  return 0;
}
