/**
 * `lvslab play [<scenario>]`: runs the scenario as a lab session (its trace, quizzes and
 * what-ifs) and opens the terminal lab on it; without a scenario, the picker of built-in labs.
 * When standard output is not a terminal it says so and prints the text trace instead.
 */
import { createSession } from '../ui/session.js';
import { formatEventLine } from '../ui/text.js';
import { colorWanted, parseFlags, parseSeed, PLAY_FLAGS, UsageError } from './args.js';
import { loadScenarioArg } from './load.js';
import { BufferedLines, writeStdoutSync } from './output.js';
import { InputError } from './input-error.js';
import { msg, render } from '../i18n/index.js';

export async function cmdPlay(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, PLAY_FLAGS);
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.play.usage')));
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(render(msg('cli.play.oneScenario')));
  const seed = parseSeed(values['seed'] as string | undefined);
  const color = colorWanted(values, true);
  const first = positionals[0];
  if (first !== undefined) return playOne(first, seed, color);
  return playPicked(seed, color);
}

/**
 * Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI and
 * CONTINUOUS_INTEGRATION when ink is first imported). Here standard output is a terminal, so
 * someone is looking at it: the lab is interactive whatever the environment says.
 */
function interactiveInk(): void {
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (process.env[name] !== undefined) process.env[name] = 'false';
}

/** Plays one lab; when standard output is not a terminal, prints its text trace instead. */
async function playOne(arg: string, seed: number | undefined, color: boolean): Promise<number> {
  const loaded = loadScenarioArg(arg);
  const created = createSession(loaded, seed);
  if (!created.ok) throw new InputError(created.errors);
  const session = created.session;
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!tty) {
    process.stderr.write(`${render(msg('cli.play.notTerminal'))}\n`);
    const out = new BufferedLines(writeStdoutSync);
    for (const e of session.trace.events) out.line(formatEventLine(e, { color: false }));
    out.flush();
    return 0;
  }
  interactiveInk();
  const { runPlay } = await import('../ui/index.js');
  await runPlay(session, { color });
  return 0;
}

/**
 * `lvslab` on a terminal: the picker of built-in labs; the chosen lab opens, and quitting it comes
 * back to the picker with that lab selected. Quitting the picker ends the program.
 */
async function playPicked(seed: number | undefined, color: boolean): Promise<number> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) throw new UsageError(render(msg('cli.play.noPicker')));
  interactiveInk();
  const { runPicker, builtinPickerLabs, builtinLabDetail } = await import('../ui/picker/index.js');
  const labs = builtinPickerLabs();
  let initial: string | undefined;
  for (;;) {
    const chosen = await runPicker({ labs, color, describe: builtinLabDetail, ...(initial === undefined ? {} : { initial }) });
    if (chosen === undefined) return 0;
    await playOne(chosen, seed, color);
    initial = chosen;
  }
}
