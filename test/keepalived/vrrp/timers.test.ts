/** Skew_Time and Master_Down_Interval: the reference's worked numbers (§2.3) and keepalived's integer µs timers. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSeconds, masterDownNs, masterDownUs, skewNs, skewUs, v2WireInterval, v3WireInterval } from '../../../src/keepalived/vrrp/timers.js';
import { MS, SEC } from '../../../src/net/types.js';

describe('VRRPv2 timers (RFC 3768 §6.1, keepalived VRRP_TIMER_SKEW)', () => {
  it.each([
    [100, 609_375, 3_609_375],
    [150, 414_062, 3_414_062],
    [254, 7_812, 3_007_812],
    [255, 3_906, 3_003_906],
    [1, 996_093, 3_996_093],
    [128, 500_000, 3_500_000],
  ])('priority %i: skew %i µs, Master_Down_Interval %i µs (advert 1 s)', (prio, skew, mdi) => {
    expect(skewUs(2, prio, 1_000_000)).toBe(skew);
    expect(masterDownUs(2, prio, 1_000_000, 3)).toBe(mdi);
  });

  it('prio 100 → 0.609375 s and 3.609375 s in virtual ns', () => {
    expect(skewNs(2, 100, SEC)).toBe(609_375_000);
    expect(masterDownNs(2, 100, SEC, 3)).toBe(3_609_375_000);
    expect(formatSeconds(masterDownNs(2, 100, SEC, 3))).toBe('3.609375');
  });

  it('v2 skew does not depend on the advert interval', () => {
    expect(skewNs(2, 100, 5 * SEC)).toBe(skewNs(2, 100, SEC));
    expect(masterDownNs(2, 100, 5 * SEC, 3)).toBe(15 * SEC + 609_375_000);
  });

  it('down_timer_adverts replaces the 3', () => {
    expect(masterDownNs(2, 100, SEC, 5)).toBe(5 * SEC + 609_375_000);
  });
});

describe('VRRPv3 timers (RFC 5798 §6.1): skew scales with Master_Adver_Interval', () => {
  it('100 cs, priority 100 → skew 60.9375 cs (keepalived keeps µs: 609375 µs), MDI 3.609375 s', () => {
    expect(skewUs(3, 100, 1_000_000)).toBe(609_375);
    expect(masterDownNs(3, 100, SEC, 3)).toBe(3_609_375_000);
  });
  it('50 cs, priority 100 → skew 0.3046875 s truncated to 304687 µs, MDI 1.804687 s', () => {
    expect(skewUs(3, 100, 500_000)).toBe(304_687);
    expect(masterDownNs(3, 100, 500 * MS, 3)).toBe(1_804_687_000);
  });
  it('the interval counts in whole centiseconds', () => {
    expect(skewUs(3, 0, 1_009_999)).toBe(skewUs(3, 0, 1_000_000));
  });
  it('skew < interval and grows as the priority falls (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 4095 }), (prio, cs) => {
        const adv = cs * 10_000;
        expect(skewUs(3, prio, adv)).toBeLessThan(adv);
        if (prio > 1) expect(skewUs(3, prio - 1, adv)).toBeGreaterThanOrEqual(skewUs(3, prio, adv));
      }),
    );
  });
});

describe('wire intervals', () => {
  it('v2 whole seconds, v3 centiseconds in 12 bits', () => {
    expect(v2WireInterval(SEC)).toBe(1);
    expect(v2WireInterval(3 * SEC)).toBe(3);
    expect(v3WireInterval(SEC)).toBe(100);
    expect(v3WireInterval(250 * MS)).toBe(25);
    expect(v3WireInterval(4095 * 10 * MS)).toBe(4095);
  });
});
