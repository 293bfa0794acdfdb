/**
 * Command-line flags, parsed at the edge into typed options. A bad flag is one line on standard
 * error and exit code 2 (the caller turns a UsageError into that).
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../scenarios/duration.js';
import { msg, parseLang, render, type Lang, type Msg } from '../i18n/index.js';

export class UsageError extends Error {}

export interface CommonFlags {
  readonly help: boolean;
  readonly color: boolean;
}

export interface RunFlags extends CommonFlags {
  readonly json: boolean;
  readonly pcapDir: string | undefined;
  readonly untilNs: number | undefined;
  readonly seed: number | undefined;
  readonly quiet: boolean;
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const COMMON: FlagSpec = {
  help: { type: 'boolean', short: 'h' },
  'no-color': { type: 'boolean' },
};

/** Parses `args` against `spec`; unknown flags and missing values become UsageErrors. */
export function parseFlags(args: readonly string[], spec: FlagSpec): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...COMMON, ...spec }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError(parseArgsMessage((e as Error).message.replace(/\. To specify a positional argument.*$/s, '')));
  }
}

/** The message ids for what Node's parseArgs says, with the option it names. */
const PARSE_ARGS_ERRORS: readonly (readonly [RegExp, string])[] = [
  [/^Unknown option '([^']+)'$/, 'cli.args.unknownOption'],
  [/^Option '([^']+) <value>' argument missing$/, 'cli.args.missingValue'],
  [/^Option '([^']+)' does not take an argument$/, 'cli.args.takesNoValue'],
  [/^Option '([^']+)' argument is ambiguous\./, 'cli.args.ambiguousValue'],
];

/**
 * A parseArgs error in the user's language: Node words it in English only, so a message that one of
 * the catalog's texts reproduces exactly is rendered from that text; any other stays Node's own.
 */
function parseArgsMessage(text: string): string {
  for (const [re, id] of PARSE_ARGS_ERRORS) {
    const option = re.exec(text)?.[1];
    if (option === undefined) continue;
    const m: Msg = msg(id, { option });
    if (render(m, 'en') === text) return render(m);
  }
  return text;
}

export function colorWanted(values: Record<string, unknown>, isTty: boolean): boolean {
  if (values['no-color'] === true) return false;
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTty;
}

/** `--seed N`: a non-negative integer. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw new UsageError(render(msg('cli.args.badSeed', { text })));
  return Number(text);
}

/** `--until TIME`: a duration with a unit (`500ms`, `2s`, `250us`). */
export function parseUntil(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = parseDuration(text);
  if (!d.ok) throw new UsageError(`--until: ${d.error}`);
  return d.ns;
}

export const RUN_FLAGS: FlagSpec = {
  json: { type: 'boolean' },
  pcap: { type: 'string' },
  until: { type: 'string' },
  seed: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

export const PLAY_FLAGS: FlagSpec = {
  seed: { type: 'string' },
};

/**
 * `--lang LANG` (or `--lang=LANG`), accepted anywhere on the command line by every command: the
 * language, and the arguments without it. A value that is not a language is a UsageError.
 */
export function takeLangFlag(argv: readonly string[]): { lang: Lang | undefined; rest: string[] } {
  const rest: string[] = [];
  let lang: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let value: string | undefined;
    if (a === '--lang') {
      value = argv[++i];
      if (value === undefined) throw new UsageError(render(msg('cli.args.langMissing')));
    } else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
    else {
      rest.push(a);
      continue;
    }
    const parsed = parseLang(value);
    if (parsed === undefined) throw new UsageError(render(msg('cli.args.langUnknown', { value })));
    lang = parsed;
  }
  return { lang, rest };
}
