import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration, readDuration, readRate } from '../../src/scenarios/duration.js';
import { render } from '../../src/i18n/index.js';

describe('durations', () => {
  test.each([
    ['250us', 250_000],
    ['15ms', 15_000_000],
    ['2s', 2_000_000_000],
    ['1.5s', 1_500_000_000],
    ['0.25ms', 250_000],
    ['0s', 0],
    ['100ns', 100],
    ['1\u00b5s', 1_000],
    ['86400s', 86_400_000_000_000],
  ])('%s = %i ns', (text, ns) => {
    expect(readDuration(text)).toEqual({ ok: true, value: ns });
  });

  test.each([
    ['15', "'15' has no unit: write e.g. 15ms or 15s"],
    ['1m', "'1m': minutes are not a unit here (m could mean milli): write seconds, e.g. 60s, or ms"],
    ['2 min', "'2 min': minutes are not a unit here (m could mean milli): write seconds, e.g. 60s, or ms"],
    ['1.0001us', "'1.0001us' is finer than 1 ns, the lab's clock tick"],
    ['-1s', "'-1s' is not a duration: expected a number with a unit (ns, us, ms, s), e.g. 15ms"],
    ['2 s', "'2 s' is not a duration: expected a number with a unit (ns, us, ms, s), e.g. 15ms"],
    ['1h', "'1h' is not a duration: expected a number with a unit (ns, us, ms, s), e.g. 15ms"],
  ])('%s is refused', (text, message) => {
    const r = readDuration(text);
    expect(r.ok ? '' : render(r.msg)).toBe(message);
  });

  test('the command-line form', () => {
    expect(parseDuration('500ms')).toEqual({ ok: true, ns: 500_000_000 });
    expect(parseDuration('5')).toEqual({ ok: false, error: "'5' has no unit: write e.g. 5ms or 5s" });
  });

  test('formatDuration picks the largest exact unit and reads back', () => {
    expect([0, 999, 1_000, 1_500_000, 2_000_000_000, 2_500_000_000].map(formatDuration)).toEqual(['0ns', '999ns', '1us', '1500us', '2s', '2500ms']);
    fc.assert(
      fc.property(fc.maxSafeNat(), (ns) => {
        expect(readDuration(formatDuration(ns))).toEqual({ ok: true, value: ns });
      }),
    );
  });
});

describe('rates', () => {
  test.each([
    ['2000/s', { count: 2000, period: 1_000_000_000 }],
    ['5/ms', { count: 5, period: 1_000_000 }],
    ['10/100ms', { count: 10, period: 100_000_000 }],
    ['1/1.5s', { count: 1, period: 1_500_000_000 }],
  ])('%s', (text, rate) => {
    expect(readRate(text)).toEqual({ ok: true, value: rate });
  });

  test.each(['2000', '0/s', '2000/m', '/s', '10/0s', 'x/s'])('%s is refused', (text) => {
    const r = readRate(text);
    expect(r.ok ? '' : render(r.msg)).toBe(`'${text}' is not a rate: expected COUNT/UNIT, e.g. 2000/s, or COUNT/DURATION, e.g. 10/100ms`);
  });
});
