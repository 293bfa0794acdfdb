import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/net/sim.js';
import { Segment, type SegmentPort } from '../../src/net/segment.js';
import type { EthernetFrame } from '../../src/net/wire/packet.js';
import { MAC_BROADCAST } from '../../src/net/wire/addr.js';
import { Recorder } from './helpers.js';
import { SEC, US } from '../../src/net/types.js';

function port(name: string, got: string[], running = { up: true }): SegmentPort {
  return {
    hostName: name,
    name: 'eth0',
    isRunning: () => running.up,
    receiveFrame: (f) => got.push(`${name}<-${f.src}`),
  };
}

function frame(src: number, dst: number): EthernetFrame {
  return { layer: 'eth', src, dst, ethertype: 0x88b5, payload: { layer: 'raw', bytes: new Uint8Array(4) } };
}

describe('learning switch', () => {
  it('floods unknown unicast, then forwards to the learned port only', () => {
    const sim = new Simulator();
    const rec = new Recorder();
    sim.addSink(rec);
    const seg = new Segment(sim, 'lan', 10 * US);
    const got: string[] = [];
    const [a, b, c] = [port('a', got), port('b', got), port('c', got)];
    seg.attach(a);
    seg.attach(b);
    seg.attach(c);
    seg.transmit(a, frame(0xa, 0xb), 1, 1); // B unknown: flood to b and c
    sim.run();
    expect(got).toEqual(['b<-10', 'c<-10']);
    expect(sim.now).toBe(10 * US);
    got.length = 0;
    seg.transmit(b, frame(0xb, 0xa), 2, 1); // A was learned on port a
    sim.run();
    expect(got).toEqual(['a<-11']);
    got.length = 0;
    seg.transmit(a, frame(0xa, 0xb), 3, 1); // B learned now
    sim.run();
    expect(got).toEqual(['b<-10']);
    got.length = 0;
    seg.transmit(c, frame(0xc, MAC_BROADCAST), 4, 1);
    sim.run();
    expect(got).toEqual(['a<-12', 'b<-12']);
    expect(rec.of('tx').map((e) => e.pkt)).toEqual([1, 2, 3, 4]);
  });

  it('forgets a MAC after the 300 s ageing time', () => {
    const sim = new Simulator();
    const seg = new Segment(sim, 'lan');
    const got: string[] = [];
    const [a, b, c] = [port('a', got), port('b', got), port('c', got)];
    [a, b, c].forEach((p) => seg.attach(p));
    seg.transmit(b, frame(0xb, 0xa), 1, 1);
    sim.run();
    expect(seg.lookup(0xb)).toBe(b);
    sim.run({ until: sim.now + 301 * SEC });
    got.length = 0;
    seg.transmit(a, frame(0xa, 0xb), 2, 1);
    sim.run();
    expect(got).toEqual(['b<-10', 'c<-10']);
  });

  it('drops blocked frames with a drop event, and a down port neither sends nor receives', () => {
    const sim = new Simulator();
    const rec = new Recorder();
    sim.addSink(rec);
    const seg = new Segment(sim, 'lan');
    const got: string[] = [];
    const bState = { up: true };
    const [a, b] = [port('a', got), port('b', got, bState)];
    seg.attach(a);
    seg.attach(b);
    const handle = seg.block((f) => f.src === 0xa, 'eth.src == a');
    seg.transmit(a, frame(0xa, MAC_BROADCAST), 1, 1);
    sim.run();
    expect(got).toEqual([]);
    expect(rec.of('drop').map((e) => e.msg.id)).toEqual(['seg.drop.blocked']);
    expect(rec.of('tx')).toHaveLength(1);
    handle.remove();
    bState.up = false;
    expect(seg.transmit(b, frame(0xb, MAC_BROADCAST), 2, 1)).toBe(false);
    seg.transmit(a, frame(0xa, MAC_BROADCAST), 3, 1);
    sim.run();
    expect(got).toEqual([]);
    expect(rec.of('tx').map((e) => e.pkt)).toEqual([1, 3]);
  });
});
