/**
 * Same scenario and seed ⇒ byte-identical JSONL and pcap output; another seed ⇒ another run
 * (ephemeral ports, ISNs and timestamps come from the seeded generator).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lvslab } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runOnce(seed: string): { jsonl: string; pcaps: { internet: Buffer; lan: Buffer } } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lvslab-det-'));
  dirs.push(dir);
  const r = lvslab(['run', 'dr-basic', '--json', '--seed', seed, '--pcap', dir]);
  expect(r.code, r.stderr).toBe(0);
  return {
    jsonl: r.stdout,
    pcaps: { internet: readFileSync(path.join(dir, 'internet.pcap')), lan: readFileSync(path.join(dir, 'lan.pcap')) },
  };
}

describe('determinism', () => {
  it('the same seed gives byte-identical JSONL and pcaps', () => {
    const a = runOnce('7');
    const b = runOnce('7');
    expect(a.jsonl.length).toBeGreaterThan(10_000);
    expect(a.jsonl === b.jsonl).toBe(true);
    expect(a.pcaps.internet.length).toBeGreaterThan(1000);
    expect(Buffer.compare(a.pcaps.internet, b.pcaps.internet)).toBe(0);
    expect(Buffer.compare(a.pcaps.lan, b.pcaps.lan)).toBe(0);
  });

  it('another seed gives another run', () => {
    const a = runOnce('7');
    const c = runOnce('8');
    expect(a.jsonl === c.jsonl).toBe(false);
    expect(Buffer.compare(a.pcaps.lan, c.pcaps.lan)).not.toBe(0);
  });
});
