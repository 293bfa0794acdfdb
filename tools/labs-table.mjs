#!/usr/bin/env node
// Prints the built-in labs as the Markdown tables of README.md and docs/scenario-format.md
// (`--readme`: name and title, grouped by topic; default: name, topic, summary). Run it after
// adding a lab and paste the output; test/docs/labs-table.test.ts fails until the docs list
// every lab.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const TOPICS = ['nat', 'dr', 'tun', 'fullnat', 'synproxy', 'scheduling', 'persistence', 'keepalived', 'arp', 'netfilter', 'misc'];
const dir = path.join(import.meta.dirname, '..', 'scenarios');
const labs = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(readFileSync(path.join(dir, f), 'utf8')))
  .sort((a, b) => TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic) || a.name.localeCompare(b.name));
const cell = (t) => String(t ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
if (process.argv.includes('--readme')) {
  console.log('| topic | lab | what it shows |\n|---|---|---|');
  for (const l of labs) console.log(`| ${l.topic} | \`${l.name}\` | ${cell(l.title)} |`);
} else {
  console.log('| name | topic | summary |\n|---|---|---|');
  for (const l of labs) console.log(`| \`${l.name}\` | ${l.topic} | ${cell(l.summary ?? l.title)} |`);
}
