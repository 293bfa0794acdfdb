/**
 * lvslab as a library: `import { … } from 'lvslab'`.
 *
 * - Wire codecs and addresses: encode/decode frames with checksums, pcap/pcapng I/O.
 * - IPVS: the kernel's schedulers without a host (createService, addDest, schedule …), for
 *   property tests of your own, and ipvsadm's command language and output formats.
 * - Scenarios: load a lab from YAML text, run it, check its expectations; the trace it produces.
 *
 * Documented in docs/library.md.
 */
export * from './net/wire/index.js';
export { readCapture, PcapWriter, type Capture, type CapturedPacket, type CaptureError, type CaptureResult } from './net/pcap/index.js';
export * from './ipvs/index.js';
export { Lab } from './net/lab.js';
export { Host } from './net/host.js';
export { Simulator } from './net/sim.js';
export { loadScenario, type LoadedScenario, type LoadResult, type ScenarioError } from './scenarios/load.js';
export { runScenario, type RunOptions, type RunResult, type RunStats } from './scenarios/run.js';
export { checkExpectations, type ExpectationResult } from './scenarios/check.js';
export { listBuiltins, readScenarioSource } from './scenarios/builtins.js';
export { Trace, type TraceMeta } from './trace/trace.js';
export type * from './trace/events.js';
export { compileFilter, type FrameFilter } from './trace/filter/index.js';
export { summarize, summarizeIp } from './trace/summary.js';
export { dissect, type DissectedLayer, type DissectedField } from './trace/dissect.js';
export { eventJson, eventJsonLine } from './trace/json.js';
export { render, type Msg } from './i18n/index.js';
