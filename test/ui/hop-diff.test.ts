import { describe, expect, it } from 'vitest';
import type { DissectedField, DissectedLayer } from '../../src/trace/dissect.js';
import { diffDissections } from '../../src/ui/hop-diff.js';

function f(name: string, display: string, children?: DissectedField[]): DissectedField {
  return children === undefined ? { name, label: name, value: display, display } : { name, label: name, value: display, display, children };
}

const eth = (dst: string, src = '02:00:00:00:00:01'): DissectedLayer => ({
  name: 'eth',
  title: 'Ethernet II',
  fields: [f('eth.dst', dst), f('eth.src', src), f('eth.type', '0x0800')],
});
const ip = (src: string, dst: string, ttl: string): DissectedLayer => ({
  name: 'ip',
  title: `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`,
  fields: [f('ip.ttl', ttl), f('ip.flags', '0x2', [f('ip.flags.df', '1')]), f('ip.src', src), f('ip.dst', dst)],
});
const tcp = (opts: string[]): DissectedLayer => ({
  name: 'tcp',
  title: 'Transmission Control Protocol',
  fields: [f('tcp.dstport', '80'), ...opts.map((o) => f('tcp.option_kind', o))],
});

describe('diffDissections', () => {
  it('lists exactly the fields whose display changed (DR: MAC and TTL, never the IP addresses)', () => {
    const before = [eth('02:00:00:00:00:05'), ip('203.0.113.10', '192.168.1.100', '64'), tcp([])];
    const after = [eth('02:00:00:00:00:0b'), ip('203.0.113.10', '192.168.1.100', '63'), tcp([])];
    expect(diffDissections(before, after)).toEqual([
      { kind: 'changed', name: 'eth.dst', label: 'eth.dst', from: '02:00:00:00:00:05', to: '02:00:00:00:00:0b', key: 'eth.dst', layer: 0 },
      { kind: 'changed', name: 'ip.ttl', label: 'ip.ttl', from: '64', to: '63', key: 'ip.ttl', layer: 1 },
    ]);
  });

  it('is empty for the same frame', () => {
    const layers = [eth('02:00:00:00:00:05'), ip('1.1.1.1', '2.2.2.2', '64'), tcp(['2'])];
    expect(diffDissections(layers, layers)).toEqual([]);
  });

  it('lists a changed field once, not again for each of its sub-fields', () => {
    const a = ip('1.1.1.1', '2.2.2.2', '64');
    const b: DissectedLayer = { ...a, fields: a.fields.map((x) => (x.name === 'ip.flags' ? f('ip.flags', '0x0', [f('ip.flags.df', '0')]) : x)) };
    expect(diffDissections([a], [b])).toEqual([{ kind: 'changed', name: 'ip.flags', label: 'ip.flags', from: '0x2', to: '0x0', key: 'ip.flags', layer: 0 }]);
  });

  it('finds a sub-field change under an unchanged parent', () => {
    const a = ip('1.1.1.1', '2.2.2.2', '64');
    const b: DissectedLayer = { ...a, fields: a.fields.map((x) => (x.name === 'ip.flags' ? f('ip.flags', '0x2', [f('ip.flags.df', '0')]) : x)) };
    expect(diffDissections([a], [b])).toEqual([{ kind: 'changed', name: 'ip.flags.df', label: 'ip.flags.df', from: '1', to: '0', key: 'ip.flags.df', layer: 0 }]);
  });

  it('keys text-only lines by their label', () => {
    const text = (label: string): DissectedField => ({ name: '', label, value: '', display: '' });
    const a: DissectedLayer = { name: 'tcp', title: 'TCP', fields: [text('Options: (4 bytes)')] };
    const b: DissectedLayer = { name: 'tcp', title: 'TCP', fields: [text('Options: (12 bytes)')] };
    expect(diffDissections([a], [b])).toEqual([
      { kind: 'added', name: '', label: 'Options: (12 bytes)', to: 'Options: (12 bytes)', key: '(Options: (12 bytes))', layer: 0 },
      { kind: 'removed', name: '', label: 'Options: (4 bytes)', from: 'Options: (4 bytes)', key: '(Options: (4 bytes))', layer: 0 },
    ]);
  });

  it('shows an IPIP encapsulation as an added outer header, the inner header unchanged', () => {
    const inner = ip('203.0.113.10', '192.168.1.100', '63');
    const outer = ip('10.0.0.1', '10.0.0.11', '64');
    const before = [eth('02:00:00:00:00:05'), ip('203.0.113.10', '192.168.1.100', '63'), tcp([])];
    const after = [eth('02:00:00:00:00:05'), outer, inner, tcp([])];
    expect(diffDissections(before, after)).toEqual([{ kind: 'layerAdded', layer: 'ip', title: outer.title }]);
    expect(diffDissections(after, before)).toEqual([{ kind: 'layerRemoved', layer: 'ip', title: outer.title }]);
  });

  it('pairs repeated fields by occurrence (a TOA option added after the others)', () => {
    const before = [tcp(['2', '4'])];
    const after = [tcp(['2', '4', '254'])];
    expect(diffDissections(before, after)).toEqual([{ kind: 'added', name: 'tcp.option_kind', label: 'tcp.option_kind', to: '254', key: 'tcp.option_kind#3', layer: 0 }]);
    expect(diffDissections(after, before)).toEqual([{ kind: 'removed', name: 'tcp.option_kind', label: 'tcp.option_kind', from: '254', key: 'tcp.option_kind#3', layer: 0 }]);
  });

  it('indexes a field change by its layer in the later dissection, a removed field by the earlier one', () => {
    const outer = ip('10.0.0.1', '10.0.0.11', '64');
    const before = [eth('02:00:00:00:00:05'), ip('203.0.113.10', '192.168.1.100', '64'), tcp(['2', '4'])];
    const after = [eth('02:00:00:00:00:05'), outer, ip('203.0.113.10', '192.168.1.100', '63'), tcp(['2'])];
    expect(diffDissections(before, after)).toEqual([
      { kind: 'layerAdded', layer: 'ip', title: outer.title },
      { kind: 'changed', name: 'ip.ttl', label: 'ip.ttl', from: '64', to: '63', key: 'ip.ttl', layer: 2 },
      { kind: 'removed', name: 'tcp.option_kind', label: 'tcp.option_kind', from: '4', key: 'tcp.option_kind#2', layer: 2 },
    ]);
  });
});
