/**
 * "Did you mean" for misspelt field names: a field of the protocol the word names wins over a
 * closer field of another protocol, abbreviations and run-together names inside the protocol
 * are recognised, and the nearest field anywhere is the fallback when the word's protocol has
 * nothing close.
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/trace/filter/index.js';
import { fieldDef, fieldNames } from '../../src/trace/filter/fields.js';
import { nearest } from '../../src/trace/filter/suggest.js';

const FIELDS = fieldNames();

describe('nearest field name', () => {
  it.each([
    // Same protocol preferred although udp.length is 1 edit away and tcp.len 3.
    ['tcp.length', 'tcp.len'],
    ['tcp.flag.syn', 'tcp.flags.syn'],
    ['ip.dest', 'ip.dst'],
    ['eth.source', 'eth.src'],
    ['eth.dest', 'eth.dst'],
    ['tcp.srcprt', 'tcp.srcport'],
    // Same-protocol abbreviation, beyond the edit bound (ip.len is 2 edits, udp.length 3).
    ['udp.len', 'udp.length'],
    ['tcp.windowsize', 'tcp.window_size_value'],
    ['TCP.Length', 'tcp.len'],
    // Nothing close in the word's protocol: the nearest field of any protocol.
    ['udp.flags.syn', 'tcp.flags.syn'],
    ['arp.ttl', 'ip.ttl'],
    // No protocol of that name: the nearest anywhere.
    ['tpc.srcport', 'tcp.srcport'],
    ['tcpp', 'tcp'],
  ] as const)('%s -> %s', (word, want) => {
    expect(fieldDef(word)).toBeUndefined();
    expect(fieldDef(want)).toBeDefined();
    expect(nearest(word, FIELDS)).toBe(want);
  });

  it.each(['zebra.stripes', 'tcp.xy', 'arp.src.ip'])('%s gets no suggestion', (word) => {
    expect(nearest(word, FIELDS)).toBeUndefined();
  });

  it('reaches the compile error message', () => {
    const r = compileFilter('tcp.length > 0');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.msg.id).toBe('filter.error.unknownFieldSuggest');
    expect(r.error.message).toContain('Did you mean "tcp.len"?');
  });
});
