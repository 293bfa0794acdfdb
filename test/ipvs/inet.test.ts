import { describe, expect, it } from 'vitest';
import { inetAton, isIpv6, portToService, serviceToPort, stringToNumber } from '../../src/ipvs/ipvsadm/inet.js';
import { tokenize } from '../../src/ipvs/ipvsadm/tokenize.js';

describe('inet_aton as glibc', () => {
  it('dotted quads, short forms, hex and octal parts', () => {
    expect(inetAton('192.168.1.100')).toBe(0xc0a80164);
    expect(inetAton('10.1')).toBe(0x0a000001);
    expect(inetAton('10.1.2')).toBe(0x0a010002);
    expect(inetAton('167772161')).toBe(0x0a000001);
    expect(inetAton('0x0a000001')).toBe(0x0a000001);
    expect(inetAton('010.0.0.1')).toBe(0x08000001);
    expect(inetAton('255.255.255.255')).toBe(0xffffffff);
  });

  it('rejects what glibc rejects', () => {
    for (const bad of ['', '1.2.3.4.5', '256.1.1.1', '1.2.3.256', '09.1.1.1', '1..2', 'a.b.c.d', '1.2.3.4x', '1.16777216']) {
      expect(inetAton(bad), bad).toBeUndefined();
    }
  });
});

describe('other C helpers', () => {
  it('string_to_number takes the whole string in base 10, sign and leading blanks allowed', () => {
    expect(stringToNumber('80', 0, 65535)).toBe(80);
    expect(stringToNumber('+80', 0, 65535)).toBe(80);
    expect(stringToNumber('65536', 0, 65535)).toBeUndefined();
    expect(stringToNumber('80x', 0, 65535)).toBeUndefined();
    expect(stringToNumber('', 0, 65535)).toBeUndefined();
  });

  it('inet_pton(AF_INET6) syntax', () => {
    for (const good of ['::1', '2001:db8::1', '::', 'fe80::1:2:3:4', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8']) expect(isIpv6(good), good).toBe(true);
    for (const bad of ['1.2.3.4', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::']) expect(isIpv6(bad), bad).toBe(false);
  });

  it('/etc/services by name and port, per protocol', () => {
    expect(serviceToPort('http', 6)).toBe(80);
    expect(serviceToPort('www', 6)).toBe(80);
    expect(serviceToPort('http', 17)).toBeUndefined();
    expect(portToService(53, 17)).toBe('domain');
    expect(portToService(12345, 6)).toBeUndefined();
  });
});

describe('tokenize', () => {
  it('words with their offsets; quotes removed; # starts a comment', () => {
    const r = tokenize(`  ipvsadm -A -t "192.168.1.100:80"  -s rr # comment`);
    expect(r.ok && r.tokens.map((t) => [t.text, t.offset, t.length, t.plain])).toEqual([
      ['ipvsadm', 2, 7, true],
      ['-A', 10, 2, true],
      ['-t', 13, 2, true],
      ['192.168.1.100:80', 16, 18, false],
      ['-s', 36, 2, true],
      ['rr', 39, 2, true],
    ]);
  });
});
