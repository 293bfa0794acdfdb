/** `lvslab validate <file…>`: loads each file without running it; every problem as file:line:col: message. */
import { readScenarioSource } from '../scenarios/builtins.js';
import { loadScenario } from '../scenarios/load.js';
import { validateAgainstLab } from '../scenarios/run.js';
import { parseFlags, UsageError } from './args.js';
import { msg, render } from '../i18n/index.js';

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
    const loaded = loadScenario(src.source.text, src.source.file);
    const errors = loaded.ok ? validateAgainstLab(loaded.scenario) : loaded.errors;
    for (const e of errors) process.stderr.write(`${e.file}:${e.line}:${e.col}: ${e.message}\n`);
    if (errors.length > 0) bad = true;
    else process.stdout.write(`${render(msg('cli.validate.ok', { file: src.source.file }))}\n`);
  }
  return bad ? 2 : 0;
}
