/**
 * Same scenario and seed ⇒ byte-identical JSONL and pcap output; another seed ⇒ another run
 * (ephemeral ports, ISNs and timestamps come from the seeded generator, and so do FULLNAT's ISN
 * deltas, SYNPROXY's cookie secrets and the spoofed flood sources).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runOnce(lab: string, seed: string): { jsonl: string; pcaps: Map<string, Buffer> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lvslab-det-'));
  dirs.push(dir);
  const r = lvslab(['run', lab, '--json', '--seed', seed, '--pcap', dir]);
  expect(r.code, r.stderr).toBe(0);
  const pcaps = new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f))] as const));
  return { jsonl: r.stdout, pcaps };
}

describe('determinism', () => {
  for (const lab of ['dr-basic', 'fullnat-toa', 'synproxy-flood', 'keepalived-split-brain', 'keepalived-http-check']) {
    it(`${lab}: the same seed gives byte-identical JSONL and pcaps`, () => {
      const a = runOnce(lab, '7');
      const b = runOnce(lab, '7');
      expect(a.jsonl.length).toBeGreaterThan(10_000);
      expect(a.jsonl === b.jsonl).toBe(true);
      expect([...a.pcaps.keys()]).toEqual([...b.pcaps.keys()]);
      expect(a.pcaps.size).toBeGreaterThanOrEqual(2);
      for (const [name, bytes] of a.pcaps) {
        expect(bytes.length, name).toBeGreaterThan(1000);
        expect(Buffer.compare(bytes, b.pcaps.get(name) as Buffer), name).toBe(0);
      }
    });
  }

  it('another seed gives another run', () => {
    const a = runOnce('dr-basic', '7');
    const c = runOnce('dr-basic', '8');
    expect(a.jsonl === c.jsonl).toBe(false);
    expect(Buffer.compare(a.pcaps.get('lan.pcap') as Buffer, c.pcaps.get('lan.pcap') as Buffer)).not.toBe(0);
  });
});
