/**
 * The bytes pane: the layout of Wireshark's hex dump at 80 and 60 columns (and, without the
 * group gap, exactly `tshark -x`'s lines when tshark is installed), the ASCII column, the
 * character ranges highlighted for a field's bytes, the scroll position that shows them, and the
 * bytes of each kind of event agreeing with the spans of its dissection.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFrame, encodeIpv4 } from '../../src/net/wire/frame.js';
import type { Ipv4Packet } from '../../src/net/wire/packet.js';
import { runScenario } from '../../src/scenarios/run.js';
import { dissect, dissectIp, type DissectedField, type DissectedLayer } from '../../src/trace/dissect.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { bytesOfEvent, bytesPerLine, hexDump, hexLineWidth, highlightOf, type HexLine } from '../../src/ui/hex.js';
import { loadBuiltin } from '../e2e/helpers.js';
import { CAPTURE, IPIP, SYN } from '../filter/frames.js';
import { hasTshark, tshark, writeCapture } from '../filter/tshark-helpers.js';

function field(layers: readonly DissectedLayer[], name: string, nth = 0): DissectedField {
  const out: DissectedField[] = [];
  const walk = (fs: readonly DissectedField[]): void => {
    for (const f of fs) {
      if (f.name === name) out.push(f);
      if (f.children !== undefined) walk(f.children);
    }
  };
  for (const l of layers) walk(l.fields);
  const f = out[nth];
  if (f === undefined) throw new Error(`no ${name}`);
  return f;
}

/** The highlighted text of a line: its hex part and its ASCII part. */
function marked(line: HexLine | undefined): string[] {
  return (line?.marks ?? []).map((m) => line?.text.slice(m.from, m.to) ?? '');
}

const syn = encodeFrame(SYN);

describe('layout', () => {
  it('shows 16 bytes a line at 80 columns, in two groups of eight, then ASCII', () => {
    const v = hexDump(syn, { width: 80, rows: 10 });
    expect(v.perLine).toBe(16);
    expect(v.lineCount).toBe(5);
    expect(v.lines.map((l) => l.text)).toEqual([
      '0000  02 00 00 00 00 0a 02 00  00 00 00 01 08 00 45 00   ..............E.',
      '0010  00 3c 00 01 40 00 40 06  3c a4 cb 00 71 0a c0 a8   .<..@.@.<...q...',
      '0020  01 64 9c 40 00 50 00 00  03 e8 00 00 00 00 a0 02   .d.@.P..........',
      '0030  fa f0 ae 7e 00 00 02 04  05 b4 04 02 08 0a 00 00   ...~............',
      '0040  00 01 00 00 00 00 01 03  03 07                     ..........',
    ]);
    expect(v.lines.map((l) => l.offset)).toEqual([0, 16, 32, 48, 64]);
    expect(v.lines[0]?.text.length).toBe(hexLineWidth(16));
  });

  it('shows 8 bytes a line at 60 columns, 4 below 40', () => {
    const v = hexDump(syn, { width: 60, rows: 3 });
    expect(v.perLine).toBe(8);
    expect(v.lineCount).toBe(10);
    expect(v.lines.map((l) => l.text)).toEqual([
      '0000  02 00 00 00 00 0a 02 00   ........',
      '0008  00 00 00 01 08 00 45 00   ......E.',
      '0010  00 3c 00 01 40 00 40 06   .<..@.@.',
    ]);
    expect(bytesPerLine(73)).toBe(16);
    expect(bytesPerLine(72)).toBe(8);
    expect(bytesPerLine(40)).toBe(8);
    expect(bytesPerLine(39)).toBe(4);
    expect(hexDump(syn, { width: 30, rows: 1 }).lines[0]?.text).toBe('0000  02 00 00 00   ....');
  });

  it('prints ASCII for printable bytes and a dot for the others', () => {
    const bytes = new Uint8Array([0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xff, 0x30, 0x0a]);
    expect(hexDump(bytes, { width: 80, rows: 1 }).lines[0]?.text).toBe(`0000  1f 20 41 7e 7f 80 ff 30  0a${' '.repeat(21)}   . A~...0.`);
  });

  it('widens the offset past 0xffff bytes', () => {
    const v = hexDump(new Uint8Array(0x10001), { width: 80, rows: 1, top: 0x1000 });
    expect(v.lines[0]?.text.startsWith('10000  00')).toBe(true);
    expect(v.perLine).toBe(16);
  });

  it('shows nothing for no bytes or no rows', () => {
    expect(hexDump(new Uint8Array(0), { width: 80, rows: 5 }).lines).toEqual([]);
    expect(hexDump(syn, { width: 80, rows: 0, highlight: { pos: 70, len: 2 } }).lines).toEqual([]);
  });
});

describe('highlight', () => {
  it("marks ip.src (26..30) in the hex and ASCII columns of the frame's second line", () => {
    const layers = dissect(SYN);
    const h = highlightOf(field(layers, 'ip.src'));
    expect(h).toEqual({ pos: 26, len: 4 });
    const v = hexDump(syn, { width: 80, rows: 5, ...(h === undefined ? {} : { highlight: h }) });
    expect(v.lines.map((l) => l.marks.length)).toEqual([0, 2, 0, 0, 0]);
    expect(marked(v.lines[1])).toEqual(['cb 00 71 0a', '..q.']);
    expect(v.lines[1]?.marks).toEqual([
      { from: 37, to: 48 },
      { from: 67, to: 71 },
    ]);
  });

  it('runs a mark across the gap between the groups, and across lines', () => {
    const eth = hexDump(syn, { width: 80, rows: 5, highlight: { pos: 6, len: 6 } });
    expect(marked(eth.lines[0])).toEqual(['02 00  00 00 00 01', '......']);
    const opts = hexDump(syn, { width: 60, rows: 10, highlight: { pos: 54, len: 20 } });
    expect(opts.lines.map((l) => marked(l)[0] ?? '')).toEqual(['', '', '', '', '', '', '02 04', '05 b4 04 02 08 0a 00 00', '00 01 00 00 00 00 01 03', '03 07']);
  });

  it('highlights the inner IPIP source address at 46..50', () => {
    const bytes = encodeFrame(IPIP);
    const h = highlightOf(field(dissect(IPIP), 'ip.src', 1));
    expect(h).toEqual({ pos: 46, len: 4 });
    const v = hexDump(bytes, { width: 80, rows: 6, ...(h === undefined ? {} : { highlight: h }) });
    expect(marked(v.lines[2])).toEqual(['cb 00', '..']);
    expect(marked(v.lines[3])).toEqual(['71 0a', 'q.']);
  });

  it('highlights a layer by its header, as Wireshark does, and nothing for a computed value', () => {
    const layers = dissect(SYN);
    expect(layers.map((l) => highlightOf(l))).toEqual([
      { pos: 0, len: 74 },
      { pos: 0, len: 14 },
      { pos: 14, len: 20 },
      { pos: 34, len: 40 },
    ]);
    expect(highlightOf(field(layers, 'tcp.len'))).toBeUndefined();
  });
});

describe('scrolling', () => {
  const many = new Uint8Array(200); // 13 lines of 16
  it('chooses a top that shows the highlight when none is given', () => {
    expect(hexDump(many, { width: 80, rows: 4 }).top).toBe(0);
    expect(hexDump(many, { width: 80, rows: 4, highlight: { pos: 20, len: 2 } }).top).toBe(0);
    const v = hexDump(many, { width: 80, rows: 4, highlight: { pos: 100, len: 4 } });
    expect(v.top).toBe(3);
    expect(v.lines.map((l) => l.offset)).toEqual([48, 64, 80, 96]);
    expect(v.lines[3]?.marks.length).toBe(2);
  });

  it('keeps a given top and says where to scroll, moving as little as possible', () => {
    const down = hexDump(many, { width: 80, rows: 4, top: 0, highlight: { pos: 100, len: 4 } });
    expect([down.top, down.scrollTo]).toEqual([0, 3]);
    const up = hexDump(many, { width: 80, rows: 4, top: 8, highlight: { pos: 20, len: 4 } });
    expect([up.top, up.scrollTo]).toEqual([8, 1]);
    const seen = hexDump(many, { width: 80, rows: 4, top: 5, highlight: { pos: 90, len: 4 } });
    expect([seen.top, seen.scrollTo]).toEqual([5, 5]);
  });

  it('shows a highlight taller than the pane from its start, and clamps the top', () => {
    expect(hexDump(many, { width: 80, rows: 2, highlight: { pos: 40, len: 100 } }).scrollTo).toBe(2);
    expect(hexDump(many, { width: 80, rows: 4, top: 99 }).top).toBe(9);
    expect(hexDump(many, { width: 80, rows: 4, top: -3 }).top).toBe(0);
  });
});

describe('bytes of an event', () => {
  const run = runScenario(loadBuiltin('dr-basic'), { seed: undefined, untilNs: undefined, sinks: [], keepTrace: true });
  if (!run.ok) throw new Error('dr-basic does not run');
  const events = run.trace.events;
  const first = <K extends TraceEvent['kind']>(kind: K): Extract<TraceEvent, { kind: K }> => {
    const e = events.find((x) => x.kind === kind);
    if (e === undefined) throw new Error(`no ${kind}`);
    return e as Extract<TraceEvent, { kind: K }>;
  };

  it('is the frame for tx and rx: the dissection spans read from it', () => {
    const e = first('tx');
    const bytes = bytesOfEvent(e);
    expect(bytes).toBe(encodeFrame(e.frame));
    const type = field(dissect(e.frame), 'eth.type');
    expect(((bytes?.[type.pos ?? -1] ?? 0) << 8) | (bytes?.[(type.pos ?? -1) + 1] ?? 0)).toBe(type.value);
  });

  it('is the IP packet for a hook and an IPVS transmit: dissectIp spans read from it', () => {
    for (const [e, packet] of [
      [first('hook'), first('hook').packet],
      [first('ipvs.xmit'), first('ipvs.xmit').after],
    ] as [TraceEvent, Ipv4Packet][]) {
      const bytes = bytesOfEvent(e);
      expect(bytes).toBe(encodeIpv4(packet));
      const dst = field(dissectIp(packet), 'ip.dst');
      expect(dst.pos).toBe(16);
      const at = dst.pos ?? 0;
      const read = [0, 1, 2, 3].reduce((v, i) => v * 256 + (bytes?.[at + i] ?? 0), 0);
      expect(read).toBe(dst.value);
    }
  });

  it('is nothing for an event without a packet', () => {
    const e = events.find((x) => x.kind !== 'tx' && x.kind !== 'rx' && x.kind !== 'hook' && x.kind !== 'drop' && x.kind !== 'ipvs.xmit');
    expect(e).toBeDefined();
    expect(bytesOfEvent(e as TraceEvent)).toBeUndefined();
  });
});

describe.skipIf(!hasTshark)('against tshark -x', () => {
  const capture = writeCapture(CAPTURE);
  afterAll(() => capture.remove());

  it('gives tshark\'s lines at 16 bytes, once the gap between the groups is taken out', () => {
    const r = tshark(['-r', capture.file, '-x']);
    const theirs = r.stdout.trimEnd().split('\n\n').map((block) => block.split('\n'));
    expect(theirs.length).toBe(CAPTURE.length);
    const ours = CAPTURE.map((f) => {
      const bytes = encodeFrame(f);
      // The gap is the character after the eighth byte: 4 offset digits, 2 spaces, 8 × 3 - 1.
      return hexDump(bytes, { width: 80, rows: 1000 }).lines.map((l) => l.text.slice(0, 29) + l.text.slice(30));
    });
    expect(ours).toEqual(theirs);
  });
});
