/**
 * The `lvslab` command: argument parsing, wiring, exit codes (0 ok, 1 a check failed, 2 bad input).
 * Bad input is one line on standard error, never a stack trace.
 */
import { takeLangFlag, UsageError } from './args.js';
import { languageFromEnv, msg, render, setLanguage } from '../i18n/index.js';
import { InputError } from './input-error.js';
import { cmdRun } from './run.js';
import { cmdCheck } from './check.js';
import { cmdValidate } from './validate.js';
import { cmdList } from './list.js';
import { cmdSchema } from './schema.js';
import { cmdPlay } from './play.js';
import { cmdKeepalivedCheck } from './keepalived-check.js';

/** The help of `lvslab` (`lvslab --help`), in the language the command line set. */
export function helpText(): string {
  return render(msg('cli.main.help'));
}

type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  play: cmdPlay,
  run: cmdRun,
  check: cmdCheck,
  validate: cmdValidate,
  list: cmdList,
  schema: cmdSchema,
  'keepalived-check': cmdKeepalivedCheck,
};

/**
 * A reader that closes the pipe early (`lvslab run LAB | head`) ends the command as SIGPIPE
 * ends a C tool: quietly, with the shell's 128 + 13, instead of an unhandled EPIPE.
 */
function quitOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(141);
      throw e;
    });
  }
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  quitOnClosedPipe();
  try {
    // the environment's language first, so that a bad --lang is reported in it
    setLanguage(languageFromEnv(process.env));
    const { lang, rest: args } = takeLangFlag(argv);
    if (lang !== undefined) setLanguage(lang);
    const [name, ...rest] = args;
    if (name === undefined) {
      if (process.stdout.isTTY && process.stdin.isTTY) return await cmdPlay([]);
      process.stdout.write(helpText());
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(helpText());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write('lvslab 0.1.0\n');
      return 0;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw new UsageError(render(msg('cli.main.unknownCommand', { name, commands: Object.keys(COMMANDS).join(', ') })));
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`lvslab: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      return 2;
    }
    throw e;
  }
}
