import type { Msg, MsgParam } from '../i18n/message.js';

const NOTHING: Msg = { id: 'scenario.describe.nothing' };
const LIST: Msg = { id: 'scenario.describe.list' };
const MAPPING: Msg = { id: 'scenario.describe.mapping' };

/**
 * A YAML value as an error message quotes it ("got …"): a short string in quotes or a number as
 * is; a list, a mapping or nothing as a nested message (a word of our prose, rendered in the
 * user's language).
 */
export function describe(v: unknown): MsgParam {
  if (v === null || v === undefined) return NOTHING;
  if (typeof v === 'string') {
    const short = v.length > 40 ? `${v.slice(0, 37)}...` : v;
    return `'${short.replace(/\n/g, '\\n')}'`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? LIST : MAPPING;
}

const TYPE_IDS: Readonly<Record<string, string>> = {
  array: 'scenario.describe.list',
  object: 'scenario.describe.mapping',
  string: 'scenario.describe.string',
  number: 'scenario.describe.number',
  boolean: 'scenario.describe.boolean',
};

/** The kind of value a schema expected ("expected …"), from a zod type name ('array', 'string' …). */
export function describeType(type: string): Msg {
  const id = TYPE_IDS[type];
  return id !== undefined ? { id } : { id: 'scenario.describe.type', params: { type } };
}
