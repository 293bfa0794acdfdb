/**
 * Classic libpcap file writer (the "pcap" format of tcpdump, documented in
 * draft-ietf-opsawg-pcap §4-5): a 24-byte file header, then a 16-byte record header and the
 * bytes of each packet. We write the nanosecond variant (magic 0xa1b23c4d, little-endian), as
 * virtual time is in ns; Wireshark, tshark and tcpdump ≥ 4.6 read it. Records are packed into
 * large chunks so that I/O happens in batches, away from the per-packet path.
 */
import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { encodeFrame, encodeFrameInto } from '../wire/frame.js';
import { frameLength } from '../wire/length.js';
import type { EthernetFrame } from '../wire/packet.js';

/** Nanosecond-resolution classic pcap magic. */
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Microsecond-resolution classic pcap magic. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
/** LINKTYPE_ETHERNET (tcpdump.org link-layer header types). */
export const LINKTYPE_ETHERNET = 1;
/** The snapshot length tcpdump uses by default. */
export const DEFAULT_SNAPLEN = 262144;

const FILE_HEADER_LEN = 24;
const RECORD_HEADER_LEN = 16;
const DEFAULT_CHUNK = 1 << 20;

/**
 * Receives each filled chunk, synchronously: the sink must be done with it when it returns, because
 * the writer then fills the same memory again (a run writing gigabytes allocates no more than its
 * first chunk).
 */
export type ChunkSink = (chunk: Uint8Array) => void;

export interface PcapWriterOptions {
  /** Default 262144. Longer packets are cut to it (the record keeps the original length). */
  readonly snaplen?: number;
  /** Default 1 (Ethernet). */
  readonly linktype?: number;
  /** Bytes per chunk, default 1 MiB. */
  readonly chunkSize?: number;
  /** Where filled chunks go (streaming). Without one, chunks are kept for `toBytes()`. */
  readonly sink?: ChunkSink;
}

/**
 * Accumulates pcap records. Without a sink, `toBytes()` gives the whole file; with a sink, each
 * filled chunk is handed to it and `flush()` hands over the rest (call it at the end).
 */
export class PcapWriter {
  private readonly snaplen: number;
  private readonly chunkSize: number;
  private readonly sink: ChunkSink | undefined;
  private readonly kept: Uint8Array[] = [];
  private chunk: Uint8Array;
  private view: DataView;
  private used = 0;
  private packets = 0;
  private total = 0;

  constructor(opts: PcapWriterOptions = {}) {
    this.snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
    this.chunkSize = Math.max(opts.chunkSize ?? DEFAULT_CHUNK, FILE_HEADER_LEN);
    this.sink = opts.sink;
    this.chunk = new Uint8Array(this.chunkSize);
    this.view = new DataView(this.chunk.buffer);
    const v = this.view;
    v.setUint32(0, PCAP_MAGIC_NS, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setInt32(8, 0, true);
    v.setUint32(12, 0, true);
    v.setUint32(16, this.snaplen, true);
    v.setUint32(20, opts.linktype ?? LINKTYPE_ETHERNET, true);
    this.used = FILE_HEADER_LEN;
    this.total = FILE_HEADER_LEN;
  }

  /** Packets written so far. */
  get packetCount(): number {
    return this.packets;
  }

  /** Bytes of file produced so far (header included). */
  get byteLength(): number {
    return this.total;
  }

  /**
   * Appends one record. `tsNs` is virtual time in nanoseconds (an integer ≥ 0, below 2^53);
   * `origLen` defaults to the length of `bytes`.
   */
  writePacket(tsNs: number, bytes: Uint8Array, origLen: number = bytes.length): void {
    const incl = Math.min(bytes.length, this.snaplen);
    const need = RECORD_HEADER_LEN + incl;
    if (this.used + need > this.chunk.length) this.seal(need);
    const at = this.used;
    this.writeRecordHeader(at, tsNs, incl, origLen);
    this.chunk.set(incl === bytes.length ? bytes : bytes.subarray(0, incl), at + RECORD_HEADER_LEN);
    this.used = at + need;
    this.total += need;
    this.packets++;
  }

  /** Appends the encoding of an Ethernet frame, written straight into the chunk. */
  writeFrame(tsNs: number, frame: EthernetFrame): void {
    const len = frameLength(frame);
    if (len > this.snaplen) {
      this.writePacket(tsNs, encodeFrame(frame));
      return;
    }
    const need = RECORD_HEADER_LEN + len;
    if (this.used + need > this.chunk.length) this.seal(need);
    const at = this.used;
    this.writeRecordHeader(at, tsNs, len, len);
    encodeFrameInto(frame, this.chunk, at + RECORD_HEADER_LEN);
    this.used = at + need;
    this.total += need;
    this.packets++;
  }

  private writeRecordHeader(at: number, tsNs: number, incl: number, origLen: number): void {
    const sec = Math.floor(tsNs / 1e9);
    const v = this.view;
    v.setUint32(at, sec, true);
    v.setUint32(at + 4, tsNs - sec * 1e9, true);
    v.setUint32(at + 8, incl, true);
    v.setUint32(at + 12, origLen, true);
  }

  /** Hands the bytes written since the last hand-over to the sink (no-op without a sink). */
  flush(): void {
    if (this.sink === undefined || this.used === 0) return;
    this.sink(this.chunk.subarray(0, this.used));
    this.used = 0;
  }

  /** The whole file so far, for a writer without a sink (one with a sink has handed its bytes on). */
  toBytes(): Uint8Array {
    if (this.sink !== undefined) throw new Error('PcapWriter.toBytes: this writer streams to a sink; call flush() instead');
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.kept) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.chunk.subarray(0, this.used), at);
    return out;
  }

  /** Closes the current chunk and starts one that can hold at least `need` bytes. */
  private seal(need: number): void {
    if (this.used > 0) {
      const done = this.chunk.subarray(0, this.used);
      if (this.sink !== undefined) this.sink(done);
      else this.kept.push(done);
    }
    // A streaming writer refills its chunk (the sink has written it out) unless a record needs more room.
    if (this.sink !== undefined && need <= this.chunk.length) this.used = 0;
    else this.fresh(Math.max(this.chunkSize, need));
  }

  private fresh(size: number): void {
    this.chunk = new Uint8Array(size);
    this.view = new DataView(this.chunk.buffer);
    this.used = 0;
  }
}

/** A sink that writes each chunk to an open file descriptor, synchronously and completely. */
export function fdSink(fd: number): ChunkSink {
  return (chunk) => {
    let off = 0;
    while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
  };
}

/**
 * A sink that writes each chunk to a Node writable stream. The stream writes later, so it is given
 * a copy (the writer refills the chunk at once).
 */
export function writableSink(stream: Writable): ChunkSink {
  return (chunk) => {
    stream.write(Buffer.from(chunk));
  };
}
