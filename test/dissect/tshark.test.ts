/**
 * Our details tree against Wireshark's: frames go through `tshark -T pdml` (MAC name resolution
 * off, as the lab shows addresses), and every named line we show — field name plus the exact
 * text of the line — must be one tshark shows for that frame, as often as we show it; every layer
 * title too. Checked over the sample frames and a few hundred random valid frames. Deliberate
 * differences (the TCP title's raw sequence numbers, SACK edges, our TOA decode, the frame title
 * without a number) are left out by name. Skipped, with the reason in its name, without tshark.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { dissect, treeLine, type DissectedField } from '../../src/trace/dissect.js';
import { CAPTURE } from '../filter/frames.js';
import { comparableFrame, hasTshark, pdmlLines, writeCapture } from '../filter/tshark-helpers.js';
import { EXTRA } from './extra-frames.js';

/** Lines that differ from Wireshark on purpose (see the header of src/trace/dissect.ts). */
function deliberate(name: string, line: string): boolean {
  if (name === 'tcp.options.experimental' && line.includes('TOA')) return true;
  // Wireshark shows SACK edges relative to the conversation's first sequence number; PDML
  // gives the Data item no text.
  return name === 'frame' || name === 'data' || name === 'tcp.options.sack' || name === 'tcp.options.sack_le' || name === 'tcp.options.sack_re';
}

function ourLines(frame: EthernetFrame): string[] {
  const out: string[] = [];
  const walk = (fields: readonly DissectedField[]): void => {
    for (const f of fields) {
      // Generated lines are bracketed in the text tree but not in PDML's showname.
      const line = f.generated === true ? treeLine(f).slice(1, -1) : treeLine(f);
      if (f.name !== '' && !deliberate(f.name, line)) out.push(`${f.name}\u0000${line}`);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const layer of dissect(frame)) {
    if (layer.name !== 'tcp' && !deliberate(layer.name, layer.title)) out.push(`${layer.name}\u0000${layer.title}`);
    walk(layer.fields);
  }
  return out;
}

/** Our lines that tshark does not show (as "name | text"). */
function missing(ours: readonly string[], theirs: readonly string[]): string[] {
  const pool = new Map<string, number>();
  for (const l of theirs) pool.set(l, (pool.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of ours) {
    const left = pool.get(l) ?? 0;
    if (left === 0) out.push(l.replace('\u0000', ' | '));
    else pool.set(l, left - 1);
  }
  return out;
}

describe.skipIf(!hasTshark)('the details tree matches tshark -V', () => {
  const frames = [...CAPTURE, ...EXTRA];
  const sample = writeCapture(frames);
  const randomFrames = fc.sample(comparableFrame, { numRuns: 500, seed: 4242 });
  const random = writeCapture(randomFrames);
  afterAll(() => {
    sample.remove();
    random.remove();
  });
  const theirs = pdmlLines(sample.file);

  it('tshark read every frame', () => {
    expect(theirs.length).toBe(frames.length);
  });

  it.each(frames.map((f, i) => [i + 1, f] as const))('frame %i', (n, frame) => {
    expect(missing(ourLines(frame), theirs[n - 1] ?? [])).toEqual([]);
  });

  it('random valid frames', () => {
    const pdml = pdmlLines(random.file);
    expect(pdml.length).toBe(randomFrames.length);
    const wrong = randomFrames.flatMap((f, i) => missing(ourLines(f), pdml[i] ?? []).map((l) => `#${i + 1} ${l}`));
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(hasTshark)('the details tree matches tshark -V (skipped: tshark is not installed)', () => {
  it('needs tshark on PATH', () => undefined);
});
