/**
 * The `lvslab` command: argument parsing, wiring, exit codes (0 ok, 1 a check failed, 2 bad input).
 * Bad input is one line on standard error, never a stack trace.
 */
import { takeLangFlag, UsageError } from './args.js';
import { languageFromEnv, setLanguage } from '../i18n/index.js';
import { InputError } from './input-error.js';
import { cmdRun } from './run.js';
import { cmdCheck } from './check.js';
import { cmdValidate } from './validate.js';
import { cmdList } from './list.js';
import { cmdSchema } from './schema.js';
import { cmdPlay } from './play.js';
import { cmdKeepalivedCheck } from './keepalived-check.js';

export const HELP = `lvslab: step through Linux Virtual Server packet by packet

Usage:
  lvslab                                   on a terminal: a picker of the built-in labs; else this help
  lvslab play [<scenario>] [--seed N]      the terminal lab, packet by packet (? lists its keys)
  lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]
                                           simulate headless: one line per event, JSONL, pcaps
  lvslab check [<scenario>...]             run scenarios and verify their expectations
  lvslab validate <file>...                check scenario files without running them
  lvslab list                              the built-in scenarios
  lvslab schema                            the JSON Schema of the scenario format
  lvslab keepalived-check <keepalived.conf>
                                           parse a keepalived.conf as keepalived would; print the
                                           IPVS table it builds and its VRRP instances' settings

A <scenario> is a built-in name (see 'lvslab list') or a path to a .yaml file.
Durations take a unit: 250us, 15ms, 2s. Every command accepts --help, --no-color and
--lang en|zh-CN (default: from LC_ALL, LC_MESSAGES or LANG; zh… is Simplified Chinese).
`;

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
    const { lang, rest: args } = takeLangFlag(argv);
    setLanguage(lang ?? languageFromEnv(process.env));
    const [name, ...rest] = args;
    if (name === undefined) {
      if (process.stdout.isTTY && process.stdin.isTTY) return await cmdPlay([]);
      process.stdout.write(HELP);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write('lvslab 0.1.0\n');
      return 0;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw new UsageError(`unknown command '${name}' (try: ${Object.keys(COMMANDS).join(', ')})`);
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
