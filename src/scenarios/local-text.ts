/**
 * Texts in several languages. A lab's title, summary, checkpoint titles, `say` and quiz texts may
 * each be a plain string (English) or a mapping of language to text:
 *
 *     title: { en: "LVS-DR: only the MAC address changes", zh-CN: "LVS-DR：只改变 MAC 地址" }
 *
 * Before the schema sees the document, `localizeTexts` replaces each such mapping by the text of
 * the language asked for, English when it has none, so every later stage (schema, checks, build,
 * trace, views) deals in plain strings of one language. A quiz's `answer` names a choice by its
 * English text and follows that choice into the language. It also says which texts lack a zh-CN
 * version, for `lvslab validate` to warn about in a lab that has begun to be translated.
 */
import type { Lang } from '../i18n/index.js';
import { LANGS, parseLang } from '../i18n/index.js';
import { msg, type Msg } from '../i18n/message.js';
import { nearest } from '../did-you-mean.js';
import type { PathSeg } from './source.js';
import { describe } from './describe.js';

/** A problem with a text mapping, at a YAML path. */
export interface TextIssue {
  readonly path: readonly PathSeg[];
  readonly msg: Msg;
  /** Point at the key of the entry (an unknown language) rather than its value. */
  readonly atKey?: boolean;
}

export interface LocalizeResult {
  readonly errors: TextIssue[];
  /** Texts without a zh-CN version (only reported when the lab has at least one). */
  readonly untranslated: TextIssue[];
  /** For each text given as a mapping, the key of the language actually used, by field path. */
  readonly used: ReadonlyMap<string, Lang>;
}

/** The key of a path in `used`. */
export const pathKey = (path: readonly PathSeg[]): string => JSON.stringify(path);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Slot {
  readonly path: readonly PathSeg[];
  readonly get: () => unknown;
  readonly set: (v: unknown) => void;
}

/** Every translatable text of the raw document, with how to read and replace it. */
function textSlots(raw: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const field = (obj: Record<string, unknown>, key: string, path: readonly PathSeg[]): void => {
    if (obj[key] !== undefined) slots.push({ path: [...path, key], get: () => obj[key], set: (v) => (obj[key] = v) });
  };
  field(raw, 'title', []);
  field(raw, 'summary', []);
  const cps = raw['checkpoints'];
  if (!Array.isArray(cps)) return slots;
  cps.forEach((cp: unknown, i) => {
    if (!isRecord(cp)) return;
    field(cp, 'title', ['checkpoints', i]);
    field(cp, 'say', ['checkpoints', i]);
    const quiz = cp['quiz'];
    if (!isRecord(quiz)) return;
    const q: PathSeg[] = ['checkpoints', i, 'quiz'];
    field(quiz, 'ask', q);
    field(quiz, 'why', q);
    const choices = quiz['choices'];
    if (Array.isArray(choices)) {
      choices.forEach((_c: unknown, k) => slots.push({ path: [...q, 'choices', k], get: () => choices[k], set: (v) => (choices[k] = v) }));
    }
  });
  return slots;
}

/** The texts of a mapping by language, or the errors that make it no text mapping. */
function readMapping(value: Record<string, unknown>, path: readonly PathSeg[], errors: TextIssue[]): Partial<Record<Lang, string>> | undefined {
  const out: Partial<Record<Lang, string>> = {};
  let bad = false;
  for (const [key, text] of Object.entries(value)) {
    if (!(LANGS as readonly string[]).includes(key)) {
      // zh_CN, zh, en_US: a locale spelling of a language the lab has; else the nearest name.
      const guess = parseLang(key) ?? nearest(key, LANGS);
      errors.push({ path: [...path, key], atKey: true, msg: guess === undefined ? msg('scenario.text.unknownLang', { lang: key, langs: LANGS.join(', ') }) : msg('scenario.text.unknownLangDidYouMean', { lang: key, suggestion: guess }) });
      bad = true;
      continue;
    }
    if (typeof text !== 'string' && typeof text !== 'number' && typeof text !== 'boolean') {
      errors.push({ path: [...path, key], msg: msg('scenario.expected.text', { got: describe(text) }) });
      bad = true;
      continue;
    }
    out[key as Lang] = String(text);
  }
  if (out.en === undefined && !bad) {
    errors.push({ path, msg: msg('scenario.text.noEnglish') });
    bad = true;
  }
  return bad ? undefined : out;
}

/**
 * Replaces every text mapping of `raw` (the YAML document as plain values) by its text in `lang`,
 * in place; see the header. Values that are neither strings nor mappings are left for the schema
 * to reject with its own message.
 */
export function localizeTexts(raw: Record<string, unknown>, lang: Lang): LocalizeResult {
  const errors: TextIssue[] = [];
  const untranslated: TextIssue[] = [];
  const used = new Map<string, Lang>();
  let anyTranslation = false;
  // A quiz's answer is matched against the choices' English texts, before they are replaced.
  const answers = quizAnswers(raw);
  for (const slot of textSlots(raw)) {
    const value = slot.get();
    if (!isRecord(value)) {
      if (typeof value === 'string') untranslated.push({ path: slot.path, msg: msg('scenario.text.untranslated', { lang: 'zh-CN' }) });
      continue;
    }
    const texts = readMapping(value, slot.path, errors);
    if (texts === undefined) continue;
    if (texts['zh-CN'] !== undefined) anyTranslation = true;
    else untranslated.push({ path: slot.path, msg: msg('scenario.text.untranslated', { lang: 'zh-CN' }) });
    const chosen: Lang = texts[lang] !== undefined ? lang : 'en';
    used.set(pathKey(slot.path), chosen);
    slot.set(texts[chosen]);
  }
  for (const a of answers) a.apply();
  return { errors, untranslated: anyTranslation ? untranslated : [], used };
}

/** Each quiz's answer, resolved to its choice's index now and set to that choice's final text later. */
function quizAnswers(raw: Record<string, unknown>): { apply: () => void }[] {
  const cps = raw['checkpoints'];
  if (!Array.isArray(cps)) return [];
  const out: { apply: () => void }[] = [];
  for (const cp of cps) {
    const quiz = isRecord(cp) ? cp['quiz'] : undefined;
    if (!isRecord(quiz) || !Array.isArray(quiz['choices'])) continue;
    const choices = quiz['choices'] as unknown[];
    const english = (v: unknown): string | undefined => (isRecord(v) ? (v['en'] === undefined ? undefined : String(v['en'])) : v === undefined || v === null ? undefined : String(v));
    const answer = english(quiz['answer']);
    const k = choices.findIndex((c) => english(c) === answer);
    // No match: the answer stays as written (its English), and the schema says it is not a choice.
    if (k < 0) {
      if (isRecord(quiz['answer'])) quiz['answer'] = answer;
      continue;
    }
    out.push({ apply: () => (quiz['answer'] = choices[k]) });
  }
  return out;
}

/**
 * One raw text value in `lang`: a string as it is, a mapping's `lang` text or else its English;
 * undefined for anything else (for readers that skip validation, such as the picker's quick read).
 */
export function textIn(value: unknown, lang: Lang): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  const t = value[lang] ?? value['en'];
  return typeof t === 'string' ? t : undefined;
}
