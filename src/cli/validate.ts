/** `lvslab validate <file…>`: loads each file without running it; every problem as file:line:col: message. */
import { readScenarioSource } from '../scenarios/builtins.js';
import { loadScenario } from '../scenarios/load.js';
import { validateAgainstLab } from '../scenarios/run.js';
import { parseFlags, UsageError } from './args.js';

export async function cmdValidate(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  if (values['help'] === true) {
    process.stdout.write('Usage: lvslab validate <file>...\n\nChecks scenario files without running them. Exit 0 when all are valid, 2 otherwise.\n');
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('validate: give at least one scenario file');
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
    else process.stdout.write(`${src.source.file}: ok\n`);
  }
  return bad ? 2 : 0;
}
