/**
 * wlc (§2.4), the default scheduler: smallest overhead/weight by cross-multiplication, ties to the
 * earlier server; and `ipvsadm -A` without -s now gives a working wlc service.
 */
import { describe, expect, it } from 'vitest';
import { attachIpvs, schedule } from '../../../src/ipvs/index.js';
import { findService } from '../../../src/ipvs/ctl.js';
import { formatIp4 } from '../../../src/net/wire/addr.js';
import { TCP_SYN } from '../../../src/net/wire/packet.js';
import { FakeHost, ip, tcpPacket } from '../fake-host.js';
import { nameOf, S123, serviceInListOrder } from './sched-fixtures.js';
import type { ServerSpec } from './sched-fixtures.js';

describe('wlc (§2.4)', () => {
  const cases: readonly [title: string, list: readonly ServerSpec[], want: string][] = [
    ['worked example: 266·3 > 512·1 → S2; 512·2 > 556·3 is false → S2', S123, 'S2'],
    ['equal ratios (1/1 vs 2/2 active): the earlier server keeps it', [{ name: 'A', weight: 1, active: 1 }, { name: 'B', weight: 2, active: 2 }], 'A'],
    ['weight matters: 2 active on weight 3 beats 1 active on weight 1', [{ name: 'A', weight: 1, active: 1 }, { name: 'B', weight: 3, active: 2 }], 'B'],
    ['a weight-0 idle server never wins (0 > x is false)', [{ name: 'A', weight: 1, active: 3 }, { name: 'B', weight: 0 }], 'A'],
    ['a weight-0 server is not the first candidate', [{ name: 'A', weight: 0 }, { name: 'B', weight: 1, active: 3 }], 'B'],
    ['OVERLOAD skipped as first candidate and later', [{ name: 'A', overloaded: true }, { name: 'B', active: 2 }, { name: 'C', overloaded: true }], 'B'],
    ['all idle: the first in list order', [{ name: 'A', weight: 1 }, { name: 'B', weight: 5 }], 'A'],
    ['nothing usable → null', [{ name: 'A', weight: 0 }, { name: 'B', overloaded: true }], '-'],
  ];
  for (const [title, list, want] of cases) {
    it(title, () => {
      expect(nameOf(schedule(serviceInListOrder('wlc', list)))).toBe(want);
    });
  }
});

describe('wlc is the default scheduler of ipvsadm -A', () => {
  it('-A without -s creates a wlc service that schedules: idle servers → the newest, then by load', () => {
    const host = new FakeHost();
    host.local.add(ip('192.168.1.100'));
    const ipvs = attachIpvs(host);
    for (const line of ['-A -t 192.168.1.100:80', '-a -t 192.168.1.100:80 -r 192.168.1.11 -w 2', '-a -t 192.168.1.100:80 -r 192.168.1.12']) {
      const r = ipvs.ipvsadm(line);
      expect(r.stderr, line).toBe('');
      expect(r.exitCode, line).toBe(0);
    }
    expect(ipvs.ipvsadm('-L -n').output).toContain('TCP  192.168.1.100:80 wlc\n');
    expect(findService(ipvs.state, { protocol: 6, vaddr: ip('192.168.1.100'), vport: 80, fwmark: 0 })?.schedName).toBe('wlc');
    for (let i = 0; i < 3; i++) host.receive(tcpPacket('203.0.113.10', 40000 + i, '192.168.1.100', 80, TCP_SYN));
    // Both idle: .12, the newest. Then .11 (idle, or after one connection each: oh·2 > oh·1 favours weight 2).
    expect(host.sent.map((s) => formatIp4(s.route.nextHop))).toEqual(['192.168.1.12', '192.168.1.11', '192.168.1.11']);
  });
});
