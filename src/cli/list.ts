/**
 * `lvslab list [TOPIC] [--long]`: the built-in labs grouped by topic, in the order a course takes
 * them (NAT, DR, TUN, FULLNAT … misc), each group under a heading that says what it is about.
 * One line per lab: its name, what the user types next, never cut, and its title; `--long` adds
 * the summary. A topic argument shows that group only (with did-you-mean for a near miss).
 */
import { readFileSync } from 'node:fs';
import { listBuiltins } from '../scenarios/builtins.js';
import { loadScenario } from '../scenarios/load.js';
import { groupByTopic, TOPICS, TOPIC_MESSAGE } from '../scenarios/topics.js';
import { render } from '../i18n/index.js';
import { msg } from '../i18n/message.js';
import { nearest } from '../did-you-mean.js';
import { colorWanted, parseFlags } from './args.js';

interface Row {
  readonly name: string;
  readonly topic: string;
  readonly title: string;
  readonly summary: string;
}

/** Wraps `text` to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.join(`\n${indent}`);
}

export async function cmdList(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { long: { type: 'boolean' } });
  if (values['help'] === true) {
    process.stdout.write(`Usage: lvslab list [TOPIC] [--long]\n\nThe built-in labs by topic: name and title (--long: and the summary).\nTopics: ${TOPICS.join(', ')}.\n`);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`lvslab list: unexpected argument '${positionals[1]}'\n`);
    return 2;
  }
  const only = positionals[0];
  if (only !== undefined && !(TOPICS as readonly string[]).includes(only)) {
    const near = TOPICS.find((t) => t.startsWith(only)) ?? nearest(only, TOPICS);
    process.stderr.write(`lvslab list: unknown topic '${only}'${near === undefined ? '' : `, did you mean '${near}'?`} (topics: ${TOPICS.join(', ')})\n`);
    return 2;
  }
  const color = colorWanted(values, process.stdout.isTTY === true);
  const bold = (t: string): string => (color ? `\x1b[1m${t}\x1b[0m` : t);
  const rows: Row[] = listBuiltins().map((b) => {
    const loaded = loadScenario(readFileSync(b.path, 'utf8'), `scenarios/${b.name}.yaml`);
    if (!loaded.ok) return { name: b.name, topic: 'misc', title: `(does not load: ${loaded.errors[0]?.message ?? 'error'})`, summary: '' };
    const s = loaded.scenario.scenario;
    return { name: b.name, topic: s.topic, title: s.title ?? '', summary: s.summary ?? '' };
  });
  const width = process.stdout.isTTY === true ? Math.max(60, process.stdout.columns ?? 100) : 100;
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 4) + 2;
  const indent = ' '.repeat(2 + nameWidth);
  const out: string[] = [];
  for (const { topic, items: group } of groupByTopic(rows)) {
    if (only !== undefined && topic !== only) continue;
    out.push(bold(`${topic}: ${render(msg(TOPIC_MESSAGE[topic]))} (${group.length})`));
    for (const r of group) {
      out.push(`  ${r.name.padEnd(nameWidth)}${wrap(r.title, width - indent.length, indent)}`);
      if (values['long'] === true && r.summary !== '') out.push(`${indent}${wrap(r.summary, width - indent.length, indent)}`);
    }
    out.push('');
  }
  out.push(`${only === undefined ? rows.length : rows.filter((r) => r.topic === only).length} labs. Open one with 'lvslab play NAME'; 'lvslab check' runs them all.`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
