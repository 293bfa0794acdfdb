/**
 * The command line in Simplified Chinese: with setLanguage('zh-CN') the help and usage texts,
 * `lvslab list`, `lvslab check`, the closing summary, the progress bar and usage errors come out in
 * Chinese, keeping every command and flag literally; setLanguage('en') gives back the English
 * byte for byte.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import stringWidth from 'string-width';
import { setLanguage, type Lang } from '../../src/i18n/index.js';
import { helpText } from '../../src/cli/main.js';
import { cmdRun } from '../../src/cli/run.js';
import { cmdPlay } from '../../src/cli/play.js';
import { cmdCheck } from '../../src/cli/check.js';
import { cmdList } from '../../src/cli/list.js';
import { cmdValidate } from '../../src/cli/validate.js';
import { cmdSchema } from '../../src/cli/schema.js';
import { cmdKeepalivedCheck } from '../../src/cli/keepalived-check.js';
import { parseFlags, parseSeed, RUN_FLAGS, takeLangFlag } from '../../src/cli/args.js';
import { formatStop } from '../../src/cli/stop.js';
import { progressLine } from '../../src/cli/progress.js';
import type { RunStats } from '../../src/scenarios/run.js';

const CJK = /[\u3400-\u9fff]/;
const MS = 1_000_000;

afterEach(() => {
  setLanguage('en');
  vi.restoreAllMocks();
});

/** What a command writes to standard output. */
async function stdoutOf(command: () => Promise<number>): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await command();
  vi.restoreAllMocks();
  return out;
}

/** The message of the error a command throws. */
async function errorOf(command: () => unknown): Promise<string> {
  try {
    await command();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

const stats = (stop: RunStats['stop']): RunStats => ({ events: 1217, endNs: 120_301_600_000, stop, budget: 5_000_000 });

/** Every user-visible text this test looks at, in the language set now. */
async function texts(): Promise<Record<string, string>> {
  return {
    help: helpText(),
    runUsage: await stdoutOf(() => cmdRun(['--help'])),
    playUsage: await stdoutOf(() => cmdPlay(['--help'])),
    checkUsage: await stdoutOf(() => cmdCheck(['--help'])),
    listUsage: await stdoutOf(() => cmdList(['--help'])),
    validateUsage: await stdoutOf(() => cmdValidate(['--help'])),
    schemaUsage: await stdoutOf(() => cmdSchema(['--help'])),
    keepalivedUsage: await stdoutOf(() => cmdKeepalivedCheck(['--help'])),
    list: await stdoutOf(() => cmdList(['dr'])),
    check: await stdoutOf(() => cmdCheck(['dr-basic'])),
    stopIdle: formatStop(stats('idle')),
    stopUntil: formatStop(stats('until')),
    stopCap: formatStop(stats('cap')),
    stopBudget: formatStop(stats('budget')),
    progress: progressLine({ kind: 'until', ns: 2000 * MS }, 500 * MS, 1_234_567, 2000, 200),
    progressIdle: progressLine({ kind: 'planned', ns: 1000 * MS }, 45_200 * MS, 10, 1000, 200),
    runArgs: await errorOf(() => cmdRun(['a', 'b'])),
    jsonQuiet: await errorOf(() => cmdRun(['dr-basic', '--json', '--quiet'])),
    badSeed: await errorOf(() => parseSeed('x1')),
    ambiguous: await errorOf(() => parseFlags(['--seed', '-1'], RUN_FLAGS)),
    unknownFlag: await errorOf(() => parseFlags(['--bogus'], RUN_FLAGS)),
    badLang: await errorOf(() => takeLangFlag(['--lang', 'fr'])),
  };
}

/** Commands and flags as the user types them: they stay literal in every language. */
const literals = (text: string): string[] => [...new Set(text.match(/lvslab(?: [a-z][a-z-]+)?|--[a-z][a-z-]*/g) ?? [])];

describe('the command line in Simplified Chinese', () => {
  it('every text is Chinese, with the commands and flags of the English kept literally', async () => {
    setLanguage('en');
    const en = await texts();
    setLanguage('zh-CN');
    const zh = await texts();
    for (const [what, text] of Object.entries(zh)) {
      expect(CJK.test(text), `${what}: ${text}`).toBe(true);
      expect(text, what).not.toBe(en[what]);
      for (const literal of literals(en[what] as string)) expect(text, `${what} keeps ${literal}`).toContain(literal);
    }
    expect(zh['help']).toContain('lvslab run <scenario> [--json] [--pcap DIR] [--until TIME] [--seed N] [--quiet]');
    expect(zh['runUsage']).toMatch(/^ {2}--until TIME {2}\S/m);
    expect(zh['check']).toMatch(/4 项通过，0 项失败\n$/);
    // A command expectation names its host in Chinese; the command itself stays as typed.
    expect(zh['check']).toContain('在 director 上运行 ipvsadm -L -n');
    expect(zh['check']).not.toContain('on director:');
  });

  it('setLanguage("en") gives the English back byte for byte', async () => {
    setLanguage('en');
    const before = await texts();
    setLanguage('zh-CN');
    await texts();
    setLanguage('en');
    expect(await texts()).toEqual(before);
    expect(before['stopIdle']).toBe('1217 events, 120.301600 s of virtual time, nothing left to do');
    expect(before['help']).toMatch(/^lvslab: step through Linux Virtual Server packet by packet\n/);
    expect(before['ambiguous']).toBe(
      "Option '--seed' argument is ambiguous.\nDid you forget to specify the option argument for '--seed'?\nTo specify an option argument starting with a dash use '--seed=-XYZ'.",
    );
    expect(before['unknownFlag']).toBe("Unknown option '--bogus'");
  });

  it('the help keeps its description column: every description starts at terminal column 43', () => {
    const column = (line: string): number | undefined => {
      const m = /^( {20,}| {2}lvslab\S*(?: \S+)*? {2,})\S/.exec(line);
      return m === null ? undefined : stringWidth(m[1] as string);
    };
    for (const lang of ['en', 'zh-CN'] as const satisfies readonly Lang[]) {
      setLanguage(lang);
      const columns = helpText().split('\n').map(column).filter((c) => c !== undefined);
      expect(columns.length, lang).toBe(9);
      expect(new Set(columns), lang).toEqual(new Set([43]));
    }
  });

  it('the progress bar is cut to the terminal width in columns, a CJK character counting two', () => {
    setLanguage('zh-CN');
    const full = stringWidth(progressLine({ kind: 'until', ns: 2000 * MS }, 500 * MS, 1_234_567, 2000, 1000));
    for (let cols = 20; cols < 120; cols++) {
      const line = progressLine({ kind: 'until', ns: 2000 * MS }, 500 * MS, 1_234_567, 2000, cols);
      expect(stringWidth(line)).toBeLessThan(cols);
      // a double-width character that would cross the edge is left out whole: one column may stay empty
      expect(stringWidth(line)).toBeGreaterThanOrEqual(Math.min(full, cols - 2));
    }
  });
});
