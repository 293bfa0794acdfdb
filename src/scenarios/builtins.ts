/**
 * The built-in labs: the YAML files in the package's `scenarios/` folder, by name. A command-line
 * argument is a built-in name or a path to a .yaml file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's scenarios/ folder (dist/scenarios/ → ../../scenarios, src/scenarios/ likewise). */
export function builtinDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
}

export interface BuiltinRef {
  readonly name: string;
  readonly path: string;
}

/** Every built-in lab, sorted by name. */
export function listBuiltins(): BuiltinRef[] {
  const dir = builtinDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.yaml'.length), path: path.join(dir, f) }));
}

export interface ScenarioSource {
  /** The name shown in errors: the path as the user gave it, or `scenarios/<name>.yaml`. */
  readonly file: string;
  readonly text: string;
}

/** Reads a scenario given as a built-in name or a file path; a string error when neither exists. */
export function readScenarioSource(arg: string): { ok: true; source: ScenarioSource } | { ok: false; error: string } {
  const looksLikePath = arg.includes('/') || arg.endsWith('.yaml') || arg.endsWith('.yml');
  if (!looksLikePath) {
    const builtin = listBuiltins().find((b) => b.name === arg);
    if (builtin === undefined) {
      const names = listBuiltins().map((b) => b.name);
      return { ok: false, error: `no built-in scenario '${arg}' (built-ins: ${names.join(', ')}; or give a path to a .yaml file)` };
    }
    return { ok: true, source: { file: `scenarios/${builtin.name}.yaml`, text: readFileSync(builtin.path, 'utf8') } };
  }
  try {
    return { ok: true, source: { file: arg, text: readFileSync(arg, 'utf8') } };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: `${arg}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}` };
  }
}
