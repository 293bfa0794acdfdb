import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { findPlaceholders, placeholderRef, resolvePlaceholders, scenarioResolver } from '../../src/scenarios/placeholders.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { render } from '../../src/i18n/index.js';
import { parseMac } from '../../src/net/wire/addr.js';

describe('finding placeholders', () => {
  test('paths and spans', () => {
    const text = 'eth.src == {{director.eth0.mac}} && ip.dst == {{ director.vip }}';
    const found = findPlaceholders(text);
    expect(found.errors).toEqual([]);
    expect(found.placeholders.map((p) => [p.path, text.slice(p.offset, p.end)])).toEqual([
      [['director', 'eth0', 'mac'], '{{director.eth0.mac}}'],
      [['director', 'vip'], '{{ director.vip }}'],
    ]);
  });

  test('malformed ones', () => {
    const found = findPlaceholders('a {{rs1.eth0.mac b {{}} c {{rs 1.vip}}');
    expect(found.errors.map((e) => [e.offset, render(e.msg)])).toEqual([
      [2, 'placeholder not closed: expected }} after {{'],
      [19, 'bad placeholder {{}}: expected {{HOST.IFACE.mac}}, {{HOST.IFACE.ip}} or {{HOST.vip}}'],
      [26, 'bad placeholder {{rs 1.vip}}: expected {{HOST.IFACE.mac}}, {{HOST.IFACE.ip}} or {{HOST.vip}}'],
    ]);
  });

  test('what a path means', () => {
    expect(placeholderRef(['rs1', 'eth0', 'mac'])).toEqual({ kind: 'mac', host: 'rs1', iface: 'eth0' });
    expect(placeholderRef(['rs1', 'lo:0', 'ip'])).toEqual({ kind: 'ip', host: 'rs1', iface: 'lo:0' });
    expect(placeholderRef(['director', 'vip'])).toEqual({ kind: 'vip', host: 'director' });
    expect(placeholderRef(['rs1', 'mac'])).toBeUndefined();
    expect(placeholderRef(['rs1', 'eth0', 'mtu'])).toBeUndefined();
  });

  test('text without placeholders comes back unchanged', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('{{')), (s) => {
        expect(resolvePlaceholders(s, () => undefined)).toEqual({ ok: true, text: s });
      }),
    );
  });
});

describe('resolving against dr-basic', () => {
  const r = loadScenario(readFileSync('scenarios/dr-basic.yaml', 'utf8'), 'dr-basic.yaml');
  if (!r.ok) throw new Error('dr-basic must load');
  const s = r.scenario.scenario;
  const macs: Record<string, string> = { 'rs1/eth0': '02:00:00:00:00:11', 'director/eth0': '02:00:00:00:00:05' };
  const resolve = scenarioResolver(s, (h, i) => {
    const m = macs[`${h}/${i}`];
    return m === undefined ? undefined : parseMac(m);
  });

  test.each([
    ['{{director.vip}}', '192.168.1.100'],
    ['{{rs1.vip}}', '192.168.1.100'],
    ['{{rs2.vip}}', '192.168.1.100'],
    ['{{rs1.eth0.ip}}', '192.168.1.11'],
    ['{{rs1.lo.ip}}', '192.168.1.100'],
    ['{{rs1.lo:0.ip}}', '192.168.1.100'],
    ['{{director.eth0.ip}}', '192.168.1.5'],
    ['{{rs1.eth0.mac}}', '02:00:00:00:00:11'],
  ])('%s → %s', (text, want) => {
    expect(resolvePlaceholders(text, resolve)).toEqual({ ok: true, text: want });
  });

  test('a whole filter', () => {
    const first = s.checkpoints[0]?.expect[2];
    const filter = first?.kind === 'frames' ? first.frames : '';
    expect(resolvePlaceholders(filter, resolve)).toEqual({ ok: true, text: 'eth.dst == 02:00:00:00:00:05 && ip.src == 192.168.1.100' });
  });

  test('an unresolvable placeholder is named, with its offset', () => {
    const res = resolvePlaceholders('eth.dst == {{rs2.eth0.mac}}', resolve);
    expect(res.ok).toBe(false);
    expect(res.ok ? undefined : [res.offset, render(res.msg)]).toEqual([11, 'cannot resolve {{rs2.eth0.mac}}']);
    expect(resolvePlaceholders('{{client.vip}}', resolve).ok).toBe(false);
    expect(resolvePlaceholders('{{nobody.vip}}', resolve).ok).toBe(false);
  });

  test('a declared mac wins over the lab', () => {
    const text = `lvslab: 1
name: t
title: T
segments: [{ name: lan }]
hosts:
  a:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24, mac: "02:aa:00:00:00:01" } }
`;
    const l = loadScenario(text, 't.yaml');
    if (!l.ok) throw new Error('must load');
    const res = resolvePlaceholders('{{a.eth0.mac}}', scenarioResolver(l.scenario.scenario, () => 0));
    expect(res).toEqual({ ok: true, text: '02:aa:00:00:00:01' });
  });
});
