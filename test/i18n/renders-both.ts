/**
 * For tests of errors that carry a message id and its English text: the id renders as that text
 * in English, and as Chinese that keeps every number and hex value of the English.
 */
import { expect } from 'vitest';
import { render, type Msg } from '../../src/i18n/index.js';

const CJK = /[\u3400-\u9fff]/;
/** The numbers and hex values of a text, sorted: `0x9ab7`, `60`, and the 4 of `IPv4`. */
const numbers = (text: string): string[] => (text.match(/0x[0-9a-f]+|\d+/g) ?? []).sort();

export function expectRendersBoth(e: { readonly msg: Msg; readonly message: string }): void {
  expect(render(e.msg, 'en')).toBe(e.message);
  const zh = render(e.msg, 'zh-CN');
  expect(zh, zh).toMatch(CJK);
  expect(numbers(zh), `${e.message} / ${zh}`).toEqual(numbers(e.message));
}
