/** `lvslab schema`: the JSON Schema of the scenario format, generated from the loader's own zod schema. */
import { scenarioJsonSchema } from '../scenarios/schema.js';
import { parseFlags } from './args.js';
import { msg, render } from '../i18n/index.js';

export async function cmdSchema(args: readonly string[]): Promise<number> {
  const { values } = parseFlags(args, {});
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.schema.usage')));
    return 0;
  }
  process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}
