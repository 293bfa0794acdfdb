/**
 * The details tree and the display filter read the same frame the same way: for any valid frame,
 * every named field the tree shows is a field the filter knows (or one it refuses with a reason),
 * the filter finds that value among the field's occurrences, as often as the tree shows it, and a
 * filter `name == value` written from the tree's value matches the frame.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp4, formatMac } from '../../src/net/wire/addr.js';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { dissect, type DissectedField } from '../../src/trace/dissect.js';
import { fieldDef, occurrences, UNSUPPORTED, type Scalar } from '../../src/trace/filter/fields.js';
import { compileFilter } from '../../src/trace/filter/index.js';
import { CAPTURE } from '../filter/frames.js';
import { ethernetFrame } from '../wire/arbitraries.js';
import { EXTRA } from './extra-frames.js';

function named(frame: EthernetFrame): DissectedField[] {
  const out: DissectedField[] = [];
  const walk = (fs: readonly DissectedField[]): void => {
    for (const f of fs) {
      if (f.name !== '') out.push(f);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const l of dissect(frame)) walk(l.fields);
  return out;
}

function asKey(v: Scalar | DissectedField['value']): string {
  if (v instanceof Uint8Array) return `bytes:${[...v].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
  if (typeof v === 'boolean') return `num:${v ? 1 : 0}`;
  if (typeof v === 'number') return `num:${v}`;
  return `str:${String(v)}`;
}

/** The tree's value written as a filter literal for the field's type. */
function literal(f: DissectedField): string | undefined {
  const def = fieldDef(f.name);
  if (def === undefined) return undefined;
  switch (def.kind) {
    case 'uint':
      return String(f.value);
    case 'bool':
      return f.value === true ? '1' : '0';
    case 'ipv4':
      return formatIp4(f.value as number);
    case 'ether':
      return formatMac(f.value as number);
    case 'string':
      return JSON.stringify(f.value);
    case 'bytes':
      return f.value === '' ? undefined : (f.value as string).replace(/(..)(?!$)/g, '$1:');
    case 'none':
      return undefined;
  }
}

function check(frame: EthernetFrame): void {
  const shown = new Map<string, string[]>();
  for (const f of named(frame)) {
    if (UNSUPPORTED.has(f.name)) continue;
    const def = fieldDef(f.name);
    expect(def, `${f.name} is not a filter field`).toBeDefined();
    if (def === undefined || def.kind === 'none') continue;
    const list = shown.get(f.name) ?? [];
    list.push(def.kind === 'bytes' ? `bytes:${f.value as string}` : asKey(f.value));
    shown.set(f.name, list);
    const lit = literal(f);
    if (lit !== undefined) {
      const r = compileFilter(`${f.name} == ${lit}`);
      expect(r.ok, `${f.name} == ${lit}`).toBe(true);
      if (r.ok) expect(r.filter.matches(frame), `${f.name} == ${lit}`).toBe(true);
    }
  }
  for (const [name, values] of shown) {
    const def = fieldDef(name);
    if (def === undefined) continue;
    const found = occurrences(def, frame).map(asKey);
    expect(found.slice().sort(), name).toEqual(values.slice().sort());
  }
}

describe('tree and filter agree', () => {
  it.each([...CAPTURE, ...EXTRA].map((f, i) => [i + 1, f] as const))('sample frame %i', (_n, frame) => check(frame));

  it('for any valid frame', () => {
    fc.assert(fc.property(ethernetFrame, (frame) => check(frame)), { numRuns: 400 });
  });
});
