/**
 * `validate` finds, before anything runs, the problems of what would run later: unmodelled tools
 * (and the iptables nat table) and ipvsadm features in timed events and checkpoints, bad display filters (blamed at the
 * misspelt field even after a placeholder), checkpoints out of time order, a keepalived.conf.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { lvslab } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lvslab-later-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAB = `lvslab: 1
name: later
title: problems found before the run
segments: [{ name: lan }]
hosts:
  a:
    interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } }
    keepalived: |
      vrrp_instance VI_1 { }
  b: { interfaces: { eth0: { segment: lan, ip: 10.0.0.2/24 } } }
events:
  - { at: 1s, on: a, run: "iptables -t nat -A PREROUTING -d 10.0.0.9 -j DROP" }
checkpoints:
  - at: 2s
    title: two
    expect:
      - { on: a, run: "ipvsadm -A --sctp-service 10.0.0.9:80 -s wlc", contains: "x" }
      - frames: "eth.dst == {{b.eth0.mac}} && ip.dts == 10.0.0.2"
  - at: 1s
    title: one
    expect:
      - { on: b, run: "cat /proc/net/ip_vs", contains: "x" }
`;

it('reports each problem once, at its token', () => {
  const file = path.join(dir, 'later.yaml');
  writeFileSync(file, LAB);
  const r = lvslab(['validate', file]);
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n').map((l) => l.slice(file.length + 1));
  expect(lines).toEqual([
    '9:7: (VI_1): Unicast instances must have unicast_src_ip or interface',
    '9:7: (VI_1) the virtual router id must be set',
    '12:28: iptables -t nat is not modelled: the nat table needs connection tracking, which the lab does not have',
    '17:50: SCTP services are not modelled in lvslab',
    '18:47: bad display filter: "ip.dts" is neither a field nor a protocol name. Did you mean "ip.dst"?',
    '19:9: checkpoint 2 comes before the one listed above it: list checkpoints in the order of their `at` times',
    '22:28: /proc/net/ip_vs is not modelled yet',
  ]);
});

it('a command skipped after a failed && does not shift the blame to the wrong line', () => {
  const file = path.join(dir, 'and.yaml');
  writeFileSync(
    file,
    [
      'lvslab: 1',
      'name: and',
      'title: and',
      'segments: [{ name: lan }]',
      'hosts:',
      '  a:',
      '    interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } }',
      '    setup: |',
      '      ip addr del 10.0.0.77/32 dev lo && ip addr add 10.0.0.5/32 dev lo',
      '      ip addr add 10.0.0.1/24 dev eth0',
      '',
    ].join('\n'),
  );
  const r = lvslab(['validate', file]);
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n').map((l) => l.slice(file.length + 1));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^9:19: .*Cannot assign requested address/);
  expect(lines[1]).toMatch(/^10:19: .*File exists/);
});

it('an ipvsadm problem in the second command of a later script is blamed at its own token', () => {
  const file = path.join(dir, 'second.yaml');
  writeFileSync(
    file,
    [
      'lvslab: 1',
      'name: second',
      'title: second',
      'segments: [{ name: lan }]',
      'hosts:',
      '  a: { interfaces: { eth0: { segment: lan, ip: 10.0.0.1/24 } } }',
      'events:',
      '  - at: 1s',
      '    on: a',
      '    run: |',
      '      ip addr add 10.0.0.9/32 dev lo',
      '      ipvsadm -A --sctp-service 10.0.0.9:80 -s wlc',
      '',
    ].join('\n'),
  );
  const r = lvslab(['validate', file]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`${file}:12:33: SCTP services are not modelled in lvslab\n`);
});
