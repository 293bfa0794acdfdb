/**
 * The pcaps of every built-in lab, opened by tshark with checksum validation on: no malformed
 * frame, no bad checksum; each `frames` expectation of a lab counts exactly what `tshark -Y`
 * selects in the exported pcaps (the contract of the scenario format); and the TOA option that
 * FULLNAT inserts is what tshark decodes on the director–real-server segment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { have, loadBuiltin, lvslab } from './helpers.js';
import { listBuiltins } from '../../src/scenarios/builtins.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';

const TSHARK = have('tshark');
const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
// An ICMP error quotes the offending packet cut to 576 bytes in all (icmp_send), so tshark cannot
// verify the quoted TCP checksum and calls it bad, as it does on real captures; that one is exempt.
const QUOTED_TCP = '(icmp && tcp.checksum.status == 0)';
const BAD = `_ws.malformed || (_ws.expert.severity >= error && !${QUOTED_TCP}) || ip.checksum.status == 0 || (tcp.checksum.status == 0 && !${QUOTED_TCP}) || udp.checksum.status == 0 || icmp.checksum.status == 0`;

function tshark(args: readonly string[]): string {
  const r = spawnSync('tshark', [...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function frameNumbers(file: string, filter: string, extra: readonly string[] = []): number {
  return tshark(['-r', file, ...extra, '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter(Boolean).length;
}

describe.skipIf(!TSHARK)('tshark opens the pcaps of every built-in lab (skipped: tshark not installed)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'lvslab-tshark-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const b of listBuiltins()) {
    describe(b.name, () => {
      const dir = path.join(root, b.name);
      let pcaps: string[] = [];
      beforeAll(() => {
        const r = lvslab(['run', b.name, '--quiet', '--pcap', dir]);
        expect(r.code, r.stderr).toBe(0);
        pcaps = readdirSync(dir).filter((f) => f.endsWith('.pcap')).map((f) => path.join(dir, f));
      });

      it('every frame well-formed, every IP/TCP/UDP/ICMP checksum good', () => {
        expect(pcaps.length).toBeGreaterThan(0);
        for (const file of pcaps) {
          expect(tshark(['-r', file, ...CHECKS, '-Y', BAD, '-T', 'fields', '-e', 'frame.number']).trim(), file).toBe('');
          const ipFrames = frameNumbers(file, 'ip');
          expect(frameNumbers(file, 'ip && ip.checksum.status == 1', CHECKS), file).toBe(ipFrames);
          // VRRP adverts: tshark verifies their checksum itself (v2: over the message; v3: with the pseudo-header).
          expect(frameNumbers(file, 'vrrp && vrrp.checksum.status == 1'), file).toBe(frameNumbers(file, 'vrrp'));
        }
      });

      it('each frames expectation counts what tshark -Y selects in the pcaps, within its checkpoint window', () => {
        const loaded = loadBuiltin(b.name);
        const run = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
        if (!run.ok) throw new Error('run failed');
        const results = checkExpectations(loaded, run).filter((r) => r.description.startsWith('frames '));
        const cps = loaded.scenario.checkpoints;
        const specs = cps.flatMap((cp, ci) => cp.expect.filter((x) => x.kind === 'frames').map((x) => ({ ci, x })));
        expect(results.length).toBe(specs.length);
        results.forEach((r, i) => {
          const { ci, x } = specs[i] as (typeof specs)[number];
          // The window a checkpoint counts over, in virtual time = the pcap timestamps (s).
          const from = x.since === 'start' || ci === 0 ? -1 : (cps[ci - 1]?.at ?? 0) / 1e9;
          const to = (cps[ci]?.at ?? 0) / 1e9;
          const filter = r.description.slice('frames '.length, r.description.lastIndexOf(x.segment !== undefined ? ` on ${x.segment}: count` : ': count'));
          const files = x.segment !== undefined ? pcaps.filter((f) => path.basename(f) === `${x.segment}.pcap`) : pcaps;
          let n = 0;
          for (const file of files) {
            const times = tshark(['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.time_epoch']).split('\n').filter(Boolean).map(Number);
            n += times.filter((t) => t > from && t <= to).length;
          }
          expect(`counted ${n}`, `${filter} (checkpoint ${ci + 1})`).toBe(r.detail);
        });
      });
    });
  }

  it('keepalived-failover: the adverts decode as VRRPv2 from each director in turn, TTL 255 to 224.0.0.18, checksum good', () => {
    const file = path.join(root, 'keepalived-failover', 'lan.pcap');
    const rows = tshark(['-r', file, '-Y', 'vrrp', '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'ip.ttl', '-e', 'ip.proto', '-e', 'vrrp.version', '-e', 'vrrp.virt_rtr_id', '-e', 'vrrp.prio', '-e', 'vrrp.checksum.status'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.slice(2)).toEqual(['224.0.0.18', '255', '112', '2', '51', r[1] === '192.168.1.5' ? '150' : '100', '1']);
    // lb1 advertises until its crash at 10 s, lb2 from its takeover at 13.023487 s.
    const lb1 = rows.filter((r) => r[1] === '192.168.1.5').map((r) => Number(r[0]));
    const lb2 = rows.filter((r) => r[1] === '192.168.1.6').map((r) => Number(r[0]));
    expect(Math.max(...lb1)).toBeLessThan(10);
    expect(Math.min(...lb2)).toBeCloseTo(13.023487, 6);
  });

  it('fullnat-toa: tshark -V shows the TOA option (kind 254, length 8) on the director–real-server segment', () => {
    const dir = path.join(root, 'fullnat-toa');
    const files = readdirSync(dir).filter((f) => f.endsWith('.pcap'));
    const withToa = files.filter((f) => frameNumbers(path.join(dir, f), 'tcp.option_kind == 254') > 0);
    expect(withToa.length).toBe(1);
    // tshark -V prints one detail tree per selected frame; the first is the SYN to the real server.
    const text = tshark(['-r', path.join(dir, withToa[0] as string), '-V', '-Y', 'tcp.option_kind == 254']);
    const first = text.split(/\n(?=Frame \d+:)/)[0] as string;
    const toa = first.split('\n').filter((l) => /TCP Option - .*\(254\)|Kind: .*\(254\)/.test(l));
    expect(toa.length, first).toBeGreaterThan(0);
    const afterKind = first.slice(first.search(/Kind: .*\(254\)/));
    expect(afterKind).toMatch(/^Kind: .*\(254\)\n\s*Length: 8\n/);
  });
});
