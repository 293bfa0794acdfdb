/** Reads and loads a scenario argument (built-in name or path); bad input becomes an InputError. */
import { readScenarioSource } from '../scenarios/builtins.js';
import { loadScenario, type LoadedScenario } from '../scenarios/load.js';
import { InputError } from './input-error.js';

export function loadScenarioArg(arg: string): LoadedScenario {
  const src = readScenarioSource(arg);
  if (!src.ok) throw new InputError([`lvslab: ${src.error}`]);
  const loaded = loadScenario(src.source.text, src.source.file);
  if (!loaded.ok) throw new InputError(loaded.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`));
  return loaded.scenario;
}
