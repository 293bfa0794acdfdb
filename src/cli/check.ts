/**
 * `lvslab check [scenario…]`: runs each scenario and verifies its checkpoints' expectations.
 * Prints a table (checkpoint, expectation, result); exit 0 all pass, 1 any fails, 2 bad input.
 */
import Table from 'cli-table3';
import { displayWidth, wrapToWidth } from '../ui/width.js';
import { listBuiltins } from '../scenarios/builtins.js';
import { runScenario } from '../scenarios/run.js';
import { checkedEvents, checkExpectations } from '../scenarios/check.js';
import { colorWanted, parseFlags, parseSeed } from './args.js';
import { loadScenarioArg } from './load.js';
import { msg, render } from '../i18n/index.js';

const COL_WIDTHS = [26, 60, 30] as const;

/**
 * A table cell's text. cli-table3 wraps at spaces, which Chinese does not have: it would cut a
 * Chinese title instead of wrapping it. Text with double-width characters is wrapped here, by
 * terminal columns, into the cell's width (less its padding); other text is left to cli-table3.
 */
function cell(text: string, colWidth: number): string {
  return displayWidth(text) === text.length ? text : wrapToWidth(text, colWidth - 2).join('\n');
}

export async function cmdCheck(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { seed: { type: 'string' } });
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.check.usage')));
    return 0;
  }
  const seed = parseSeed(values['seed'] as string | undefined);
  const color = colorWanted(values, process.stdout.isTTY === true);
  const names = positionals.length > 0 ? positionals : listBuiltins().map((b) => b.name);
  const paint = (ok: boolean, text: string): string => (color ? `\x1b[${ok ? 32 : 31}m${text}\x1b[0m` : text);
  let failed = 0;
  let passed = 0;
  for (const name of names) {
    const loaded = loadScenarioArg(name);
    const run = runScenario(loaded, { seed, untilNs: undefined, sinks: [], keepTrace: checkedEvents(loaded) });
    if (!run.ok) {
      for (const e of run.errors) process.stderr.write(`${e.file}:${e.line}:${e.col}: ${e.message}\n`);
      return 2;
    }
    const results = checkExpectations(loaded, run);
    const table = new Table({
      head: [render(msg('cli.check.headCheckpoint')), render(msg('cli.check.headExpectation')), render(msg('cli.check.headResult'))],
      style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
      colWidths: [...COL_WIDTHS],
      wordWrap: true,
    });
    let shown = -1;
    for (const r of results) {
      const label = r.checkpoint === shown ? '' : `${r.checkpoint + 1}. ${r.title}`;
      shown = r.checkpoint;
      const result = render(r.passed ? msg('cli.check.pass', { detail: r.detail }) : msg('cli.check.fail', { detail: r.detail }));
      table.push([cell(label, COL_WIDTHS[0]), cell(r.description, COL_WIDTHS[1]), paint(r.passed, cell(result, COL_WIDTHS[2]))]);
      if (r.passed) passed++;
      else failed++;
    }
    process.stdout.write(`${loaded.file}: ${loaded.scenario.title ?? loaded.scenario.name ?? ''}\n${table.toString()}\n`);
    for (const r of results) if (!r.passed) process.stderr.write(`${r.file}:${r.line}:${r.col}: ${render(msg('cli.check.failed', { detail: r.detail }))}\n`);
  }
  process.stdout.write(`${render(msg('cli.check.summary', { passed, failed }))}\n`);
  return failed > 0 ? 1 : 0;
}
