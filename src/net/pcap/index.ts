/** Capture files: reading pcap and pcapng, writing pcap (ns). */
export { readCapture, scanCapture, type CaptureIndex, type CaptureIndexResult, type Capture, type CapturedPacket, type CaptureError, type CaptureResult } from './reader.js';
export {
  PcapWriter,
  fdSink,
  writableSink,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  LINKTYPE_ETHERNET,
  DEFAULT_SNAPLEN,
  type ChunkSink,
  type PcapWriterOptions,
} from './writer.js';
