/**
 * `lvslab validate <file…>`: loads each file without running it, in every language it speaks;
 * every problem as file:line:col: message, then a warning for each text of a lab being translated
 * that still lacks its zh-CN version (those texts show in English).
 */
import { readScenarioSource } from '../scenarios/builtins.js';
import { loadScenario, type ScenarioError } from '../scenarios/load.js';
import { sortErrors } from '../scenarios/errors.js';
import { validateAgainstLab } from '../scenarios/run.js';
import { parseFlags, UsageError } from './args.js';
import { LANGS, msg, render } from '../i18n/index.js';

export async function cmdValidate(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.validate.usage')));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(render(msg('cli.validate.noFile')));
  let bad = false;
  for (const arg of positionals) {
    const src = readScenarioSource(arg);
    if (!src.ok) {
      process.stderr.write(`lvslab: ${src.error}\n`);
      bad = true;
      continue;
    }
    // Every language the lab speaks is checked (a placeholder in the Chinese text must resolve
    // too); each problem once, in file order; then the texts still without a translation.
    const seen = new Set<string>();
    const errors: ScenarioError[] = [];
    let warnings: readonly ScenarioError[] = [];
    for (const lang of LANGS) {
      const loaded = loadScenario(src.source.text, src.source.file, { lang });
      if (loaded.ok && lang === 'en') warnings = loaded.warnings;
      for (const e of loaded.ok ? validateAgainstLab(loaded.scenario) : loaded.errors) {
        const key = `${e.line}:${e.col}:${e.message}`;
        if (!seen.has(key)) errors.push(e);
        seen.add(key);
      }
    }
    for (const e of sortErrors(errors)) process.stderr.write(`${e.file}:${e.line}:${e.col}: ${e.message}\n`);
    for (const w of warnings) process.stderr.write(`${w.file}:${w.line}:${w.col}: ${w.message}\n`);
    if (errors.length > 0) bad = true;
    else process.stdout.write(`${render(msg('cli.validate.ok', { file: src.source.file }))}\n`);
  }
  return bad ? 2 : 0;
}
