import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseScript } from '../../src/scenarios/commands/index.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { editDistance, nearest } from '../../src/did-you-mean.js';

const WORDS = ['ifconfig', 'lo:0', 'ip', 'addr', 'add', 'route', 'dev', 'eth0', '192.168.1.100', '/32', 'netmask', '255.255.255.255', 'echo', '1', '>', '>>', '/proc/sys/net/ipv4/conf/all/arp_ignore', 'sysctl', '-w', '=', ';', '&&', '|', '"', "'", '\\', '\n', '#', ' ', 'ipvsadm', '-A', '-t', 'iptables', '-j', 'MARK', 'modprobe', 'ipip', 'arp', '-s', '\u201d', '$', '-host', 'default', 'via', 'gw'];

describe('bad input never throws', () => {
  test('parseScript: errors stay inside the text, commands are in order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...WORDS)).map((w) => w.join(''))), (text) => {
        const p = parseScript(text);
        for (const e of p.errors) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(text.length);
        }
        let last = -1;
        for (const c of p.script.commands) {
          expect(c.offset).toBeGreaterThan(last);
          expect(text.slice(c.offset, c.end)).toBe(c.text);
          for (const col of c.command.argCols) expect(col).toBeGreaterThanOrEqual(c.offset);
          last = c.offset;
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('loadScenario: any edit of dr-basic gives a result with in-range positions', () => {
    const text = readFileSync('scenarios/dr-basic.yaml', 'utf8');
    const lines = text.split('\n').length;
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(8), fc.string({ maxLength: 6 }), (at, del, ins) => {
        const edited = text.slice(0, at) + ins + text.slice(at + del);
        const r = loadScenario(edited, 'x.yaml');
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines + 2);
          expect(e.col).toBeGreaterThanOrEqual(1);
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggestions', () => {
  test.each([
    ['interface', ['interfaces', 'routes'], 'interfaces'],
    ['ipvsrdm', ['ifconfig', 'ipvsadm'], 'ipvsadm'],
    ['clinet', ['client', 'router'], 'client'],
    ['lann', ['internet', 'lan'], 'lan'],
    ['nginx', ['ifconfig', 'ip', 'route'], undefined],
    ['x', ['y'], 'y'],
  ])('%s → %s', (name, candidates, want) => {
    expect(nearest(name, candidates)).toBe(want);
  });

  test('edit distance is a metric on small strings', () => {
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
