/**
 * The pcaps of the built-in DR lab, opened by tshark with checksum validation on: no malformed
 * frame, no bad checksum; and each `frames` expectation of the lab counts exactly what
 * `tshark -Y` selects in the exported pcaps (the contract of the scenario format).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { have, loadBuiltin, lvslab } from './helpers.js';
import { runScenario } from '../../src/scenarios/run.js';
import { checkExpectations } from '../../src/scenarios/check.js';

const TSHARK = have('tshark');
const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];

function tshark(args: readonly string[]): string {
  const r = spawnSync('tshark', [...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!TSHARK)('tshark opens the dr-basic pcaps (skipped: tshark not installed)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lvslab-tshark-'));
    const r = lvslab(['run', 'dr-basic', '--quiet', '--pcap', dir]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const segment of ['internet', 'lan']) {
    it(`${segment}.pcap: every frame well-formed, every checksum good`, () => {
      const file = path.join(dir, `${segment}.pcap`);
      const total = tshark(['-r', file, '-T', 'fields', '-e', 'frame.number']).trim().split('\n').length;
      expect(total).toBeGreaterThan(20);
      const bad = tshark(['-r', file, ...CHECKS, '-Y', '_ws.malformed || _ws.expert.severity >= error || ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0', '-T', 'fields', '-e', 'frame.number']).trim();
      expect(bad).toBe('');
      const good = tshark(['-r', file, ...CHECKS, '-Y', 'ip && ip.checksum.status == 1', '-T', 'fields', '-e', 'frame.number']).trim().split('\n').filter(Boolean).length;
      const ipFrames = tshark(['-r', file, '-Y', 'ip', '-T', 'fields', '-e', 'frame.number']).trim().split('\n').filter(Boolean).length;
      expect(good).toBe(ipFrames);
    });
  }

  it('each frames expectation counts what tshark -Y selects in the pcaps', () => {
    const loaded = loadBuiltin('dr-basic');
    const run = runScenario(loaded, { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
    if (!run.ok) throw new Error('run failed');
    const results = checkExpectations(loaded, run).filter((r) => r.description.startsWith('frames '));
    expect(results.length).toBe(3);
    for (const r of results) {
      const filter = r.description.slice('frames '.length, r.description.lastIndexOf(': count'));
      let n = 0;
      for (const segment of ['internet', 'lan']) {
        n += tshark(['-r', path.join(dir, `${segment}.pcap`), '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter(Boolean).length;
      }
      expect(`counted ${n}`, filter).toBe(r.detail);
    }
  });
});
