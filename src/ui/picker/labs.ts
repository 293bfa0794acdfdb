/**
 * The built-in labs as the picker lists them, read cheaply: only the top-level `title`, `topic`
 * and `summary` entries of each scenario file are parsed as YAML (the hosts, traffic and
 * checkpoints that make up most of a file are skipped), which keeps opening the picker fast.
 * The checkpoints of one lab are read the same way when the picker shows that lab's details.
 * A file whose header cannot be read that way is parsed whole. Texts given by language are read
 * in the language the command line set. Validation is not repeated here:
 * `lvslab check` and the tests load every built-in fully.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { listBuiltins } from '../../scenarios/builtins.js';
import { TOPICS, type Topic } from '../../scenarios/topics.js';
import type { PickerLab } from './model.js';
import { textIn } from '../../scenarios/local-text.js';
import { language } from '../../i18n/index.js';

/** What the wide picker shows beside the summary. */
export interface PickerLabDetail {
  /** The checkpoints' titles, in order. */
  readonly checkpoints: readonly string[];
  /** How many checkpoints ask a quiz question. */
  readonly quizzes: number;
}

const HEADER_KEYS: ReadonlySet<string> = new Set(['title', 'topic', 'summary']);
const CHECKPOINT_KEYS: ReadonlySet<string> = new Set(['checkpoints']);

/**
 * The top-level entries of a YAML mapping whose key is in `keys`, each with its continuation
 * lines (indented, blank, comments, or `- ` items of a sequence written at column 0), as a
 * smaller YAML text.
 */
export function topLevelEntries(text: string, keys: ReadonlySet<string>): string {
  const out: string[] = [];
  let taking = false;
  for (const line of text.split('\n')) {
    const first = line.charAt(0);
    const continues = first === '' || first === ' ' || first === '\t' || first === '#' || (first === '-' && !line.startsWith('---'));
    if (!continues) {
      const colon = line.indexOf(':');
      taking = colon > 0 && keys.has(line.slice(0, colon));
    }
    if (taking) out.push(line);
  }
  return out.join('\n');
}

/** The plain-object form of a YAML text, or undefined when it does not parse to a mapping. */
function yamlMap(text: string): Readonly<Record<string, unknown>> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS();
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function topicOf(value: unknown): Topic {
  // The schema's default for a missing topic; a wrong one is reported by validation, not here.
  return (TOPICS as readonly unknown[]).includes(value) ? (value as Topic) : 'misc';
}

/** A picker row for one scenario file's text. */
export function pickerLabOf(name: string, text: string): PickerLab {
  const lang = language();
  let header = yamlMap(topLevelEntries(text, HEADER_KEYS));
  if (header === undefined || textIn(header['title'], lang) === undefined) header = yamlMap(text) ?? {};
  const title = textIn(header['title'], lang);
  const summary = textIn(header['summary'], lang);
  const lab = { name, title: title ?? name, topic: topicOf(header['topic']) };
  return summary !== undefined ? { ...lab, summary } : lab;
}

/** Every built-in lab, by name, with its title, topic and summary. */
export function builtinPickerLabs(): PickerLab[] {
  return listBuiltins().map((b) => pickerLabOf(b.name, readFileSync(b.path, 'utf8')));
}

/** The checkpoints of one scenario file's text. */
export function labDetailOf(text: string): PickerLabDetail {
  const quick = yamlMap(topLevelEntries(text, CHECKPOINT_KEYS))?.['checkpoints'];
  const list = Array.isArray(quick) ? quick : yamlMap(text)?.['checkpoints'];
  const checkpoints: string[] = [];
  let quizzes = 0;
  if (Array.isArray(list)) {
    for (const c of list as unknown[]) {
      if (typeof c !== 'object' || c === null) continue;
      const cp = c as Record<string, unknown>;
      checkpoints.push(textIn(cp['title'], language()) ?? '');
      if (cp['quiz'] !== undefined) quizzes++;
    }
  }
  return { checkpoints, quizzes };
}

const detailCache = new Map<string, PickerLabDetail | undefined>();

/** The checkpoints of a built-in lab (read once, then remembered); undefined for an unknown name. */
export function builtinLabDetail(name: string): PickerLabDetail | undefined {
  if (detailCache.has(name)) return detailCache.get(name);
  const ref = listBuiltins().find((b) => b.name === name);
  const detail = ref === undefined ? undefined : labDetailOf(readFileSync(ref.path, 'utf8'));
  detailCache.set(name, detail);
  return detail;
}
