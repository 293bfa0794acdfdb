/** How a command check reads in `lvslab check`'s table (checkText): short texts whole, long ones by line count and first difference. */
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/scenarios/check.js';

const TABLE = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  192.168.1.100:80 rr\n';

describe('checkText', () => {
  it.each([
    ['contains', 'TCP  192.168.1.100:80 rr', TABLE, true, 'contains "TCP  192.168.1.100:80 rr": yes'],
    ['matches', '^TCP .* wrr$', TABLE, false, 'matches "^TCP .* wrr$": no'],
    ['equals', TABLE, TABLE, true, 'equals (4 lines): yes'],
    ['contains', 'Prot LocalAddress:Port Scheduler Flags\nTCP', TABLE, false, 'contains (2 lines): no'],
    ['equals', TABLE, TABLE.replace(' rr', ' wrr'), false, 'equals (4 lines): no; line 4: want "TCP  192.168.1.100:80 rr", got "TCP  192.168.1.100:80 wrr"'],
    ['equals', TABLE, TABLE.split('\n').slice(0, 2).join('\n'), false, 'equals (4 lines): no; line 3: want "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn", got nothing'],
  ] as const)('%s %j', (kind, want, output, ok, shown) => {
    expect(checkText(kind, want, output, ok)).toBe(shown);
  });
});
