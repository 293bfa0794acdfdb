import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema } from '../../src/scenarios/schema.js';

type Json = Record<string, unknown>;

/**
 * A validator for the JSON Schema keywords the generated schema uses (a test must not trust the
 * generator to check itself). Returns the paths that break a rule.
 */
function violations(schema: Json, value: unknown, path = '$'): string[] {
  const out: string[] = [];
  const types = schema['type'] === undefined ? undefined : ([] as unknown[]).concat(schema['type']);
  if (types !== undefined && !types.some((t) => typeOk(t as string, value))) return [`${path}: type ${types.join('|')}`];
  if ('const' in schema && schema['const'] !== value) out.push(`${path}: const`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) out.push(`${path}: enum`);
  if (typeof schema['pattern'] === 'string' && typeof value === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) out.push(`${path}: pattern`);
  if (typeof schema['minimum'] === 'number' && typeof value === 'number' && value < schema['minimum']) out.push(`${path}: minimum`);
  if (typeof schema['maximum'] === 'number' && typeof value === 'number' && value > schema['maximum']) out.push(`${path}: maximum`);
  if (typeof schema['minLength'] === 'number' && typeof value === 'string' && value.length < schema['minLength']) out.push(`${path}: minLength`);
  if (Array.isArray(schema['anyOf']) && !schema['anyOf'].some((s) => violations(s as Json, value, path).length === 0)) out.push(`${path}: anyOf`);
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) out.push(`${path}: minItems`);
    if (schema['items'] !== undefined) value.forEach((v, i) => out.push(...violations(schema['items'] as Json, v, `${path}[${i}]`)));
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Json;
    const props = (schema['properties'] ?? {}) as Record<string, Json>;
    for (const r of (schema['required'] ?? []) as string[]) if (!(r in obj)) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema['propertyNames'] !== undefined) out.push(...violations(schema['propertyNames'] as Json, k, `${path}.${k}(name)`));
      const p = props[k];
      if (p !== undefined) out.push(...violations(p, v, `${path}.${k}`));
      else if (schema['additionalProperties'] === false) out.push(`${path}.${k}: additional`);
      else if (typeof schema['additionalProperties'] === 'object') out.push(...violations(schema['additionalProperties'] as Json, v, `${path}.${k}`));
    }
  }
  return out;
}

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'integer': return Number.isInteger(v);
    case 'null': return v === null;
    default: return typeof v === t;
  }
}

describe('the JSON Schema of `lvslab schema`', () => {
  const schema = scenarioJsonSchema();
  const drBasic = parse(readFileSync('scenarios/dr-basic.yaml', 'utf8')) as Json;

  test('is a draft 2020-12 object schema that forbids unknown top-level keys', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['type']).toBe('object');
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required']).toEqual(['lvslab', 'name', 'title', 'hosts']);
    expect(Object.keys(schema['properties'] as Json)).toEqual(['lvslab', 'name', 'title', 'topic', 'summary', 'seed', 'segments', 'hosts', 'traffic', 'events', 'checkpoints', 'until', 'budget']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  test('accepts dr-basic as written', () => {
    expect(violations(schema, drBasic)).toEqual([]);
  });

  test('rejects what the loader rejects, structurally', () => {
    const host = (drBasic['hosts'] as Record<string, Json>)['rs1'] as Json;
    expect(violations(schema, { ...drBasic, hosts: { ...(drBasic['hosts'] as Json), rs1: { ...host, interface: {} } } })).toEqual(['$.hosts.rs1.interface: additional']);
    expect(violations(schema, { ...drBasic, until: '15' })).toEqual(['$.until: pattern']);
    expect(violations(schema, { ...drBasic, lvslab: 2 })).toEqual(['$.lvslab: const']);
    expect(violations(schema, { ...drBasic, topic: 'ospf' })).toEqual(['$.topic: enum']);
    expect(violations(schema, { ...drBasic, seed: -1 })).toEqual(['$.seed: minimum']);
    const { title: _t, ...untitled } = drBasic;
    expect(violations(schema, untitled)).toEqual(['$.title: required']);
  });

  test('describes leaves for editors, with input-side defaults', () => {
    const traffic = (schema['properties'] as Record<string, Json>)['traffic'] as Json;
    const item = traffic['items'] as Json;
    const at = (item['properties'] as Record<string, Json>)['at'] as Json;
    expect(at).toMatchObject({ type: 'string', default: '0s', pattern: '^\\d+(\\.\\d+)?(ns|us|µs|ms|s)$' });
    expect((schema['properties'] as Record<string, Json>)['seed']).toMatchObject({ type: 'integer', default: 1 });
  });
});
