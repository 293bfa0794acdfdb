/**
 * `lvslab list [TOPIC] [--long]`: the built-in labs grouped by topic, in the order a course takes
 * them (NAT, DR, TUN, FULLNAT … misc), each group under a heading that says what it is about.
 * One line per lab: its name, what the user types next, never cut, and its title; `--long` adds
 * the summary. A topic argument shows that group only (with did-you-mean for a near miss).
 */
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
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

/** A CJK ideograph, kana, hangul or full-width form: Chinese text breaks between any two of them. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Punctuation that never starts a line (Chinese line breaking): it stays with what precedes it. */
const NO_LINE_START = /^[，。、；：？！）》」』”’…,.;:?!)\]]/u;

interface Unit {
  text: string;
  /** Whether white space precedes it in the text (and so in a line). */
  readonly space: boolean;
}

/**
 * The units a line may break between: words of Latin text (split at white space) and single wide
 * characters (Chinese breaks between any two), closing punctuation glued to what precedes it.
 */
function breakUnits(text: string): Unit[] {
  const units: Unit[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let space = units.length > 0;
    let run = '';
    const push = (t: string): void => {
      units.push({ text: t, space });
      space = false;
    };
    for (const ch of word) {
      const last = units[units.length - 1];
      if (NO_LINE_START.test(ch) && run === '' && !space && last !== undefined) last.text += ch;
      else if (WIDE.test(ch) && !NO_LINE_START.test(ch)) {
        if (run !== '') push(run);
        run = '';
        push(ch);
      } else run += ch;
    }
    if (run !== '') push(run);
  }
  return units;
}

/** Wraps `text` to `width` terminal columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const u of breakUnits(text)) {
    const w = stringWidth(u.text);
    const sep = u.space ? 1 : 0;
    if (line === '') {
      line = u.text;
      used = w;
    } else if (used + sep + w > width) {
      out.push(line);
      line = u.text;
      used = w;
    } else {
      line = `${line}${u.space ? ' ' : ''}${u.text}`;
      used += sep + w;
    }
  }
  if (line !== '') out.push(line);
  return out.join(`\n${indent}`);
}

export async function cmdList(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { long: { type: 'boolean' } });
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.list.usage', { topics: TOPICS.join(', ') })));
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`${render(msg('cli.list.unexpectedArgument', { arg: positionals[1] as string }))}\n`);
    return 2;
  }
  const only = positionals[0];
  if (only !== undefined && !(TOPICS as readonly string[]).includes(only)) {
    const near = TOPICS.find((t) => t.startsWith(only)) ?? nearest(only, TOPICS);
    const topics = TOPICS.join(', ');
    const m = near === undefined ? msg('cli.list.unknownTopic', { topic: only, topics }) : msg('cli.list.unknownTopicNear', { topic: only, near, topics });
    process.stderr.write(`${render(m)}\n`);
    return 2;
  }
  const color = colorWanted(values, process.stdout.isTTY === true);
  const bold = (t: string): string => (color ? `\x1b[1m${t}\x1b[0m` : t);
  const rows: Row[] = listBuiltins().map((b) => {
    const loaded = loadScenario(readFileSync(b.path, 'utf8'), `scenarios/${b.name}.yaml`);
    if (!loaded.ok) return { name: b.name, topic: 'misc', title: render(msg('cli.list.doesNotLoad', { message: loaded.errors[0]?.message ?? render(msg('cli.list.loadError')) })), summary: '' };
    const s = loaded.scenario.scenario;
    return { name: b.name, topic: s.topic, title: s.title ?? '', summary: s.summary ?? '' };
  });
  const width = process.stdout.isTTY === true ? Math.max(60, process.stdout.columns ?? 100) : 100;
  const nameWidth = Math.max(...rows.map((r) => stringWidth(r.name)), 4) + 2;
  const indent = ' '.repeat(2 + nameWidth);
  const out: string[] = [];
  for (const { topic, items: group } of groupByTopic(rows)) {
    if (only !== undefined && topic !== only) continue;
    out.push(bold(render(msg('cli.list.heading', { topic, about: render(msg(TOPIC_MESSAGE[topic])), count: group.length }))));
    for (const r of group) {
      out.push(`  ${r.name}${' '.repeat(nameWidth - stringWidth(r.name))}${wrap(r.title, width - indent.length, indent)}`);
      if (values['long'] === true && r.summary !== '') out.push(`${indent}${wrap(r.summary, width - indent.length, indent)}`);
    }
    out.push('');
  }
  out.push(render(msg('cli.list.footer', { count: only === undefined ? rows.length : rows.filter((r) => r.topic === only).length })));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
