/**
 * `lvslab play <scenario>`: runs the scenario, keeps its trace, and opens the terminal lab on it.
 * When standard output is not a terminal it says so and prints the text trace instead.
 */
import { runScenario } from '../scenarios/run.js';
import { formatEventLine } from '../ui/text.js';
import { colorWanted, parseFlags, parseSeed, PLAY_FLAGS, UsageError } from './args.js';
import { loadScenarioArg } from './load.js';
import { BufferedLines } from './output.js';
import { InputError } from './input-error.js';

export async function cmdPlay(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, PLAY_FLAGS);
  if (values['help'] === true) {
    process.stdout.write('Usage: lvslab play <scenario> [--seed N] [--lang en]\n\nOpens the terminal lab on a scenario (default: dr-basic). Press ? in the lab for its keys.\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('play: give one scenario');
  const lang = values['lang'] as string | undefined;
  if (lang !== undefined && lang !== 'en') throw new UsageError(`play: --lang ${lang}: only 'en' is available so far`);
  const seed = parseSeed(values['seed'] as string | undefined);
  const loaded = loadScenarioArg(positionals[0] ?? 'dr-basic');
  const run = runScenario(loaded, { seed, untilNs: undefined, sinks: [], keepTrace: true });
  if (!run.ok) throw new InputError(run.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`));
  const trace = run.trace;
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!tty) {
    process.stderr.write('lvslab play: standard output is not a terminal; printing the text trace instead\n');
    const out = new BufferedLines((chunk) => process.stdout.write(chunk));
    for (const e of trace.events) out.line(formatEventLine(e, { color: false }));
    out.flush();
    return 0;
  }
  const { runPlay } = await import('../ui/index.js');
  await runPlay(trace, { color: colorWanted(values, true) });
  return 0;
}
