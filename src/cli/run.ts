/**
 * `lvslab run`: simulates headless. Default: one readable line per event; `--json`: JSONL;
 * `--pcap DIR`: one classic pcap per segment; `--quiet`: only the closing summary.
 */
import { eventJsonLine } from '../trace/json.js';
import { formatEventLine } from '../ui/text.js';
import { runScenario } from '../scenarios/run.js';
import { PcapExport } from '../trace/pcap-export.js';
import type { TraceEvent, TraceSink } from '../trace/events.js';
import { colorWanted, parseFlags, parseSeed, parseUntil, RUN_FLAGS, UsageError } from './args.js';
import { loadScenarioArg } from './load.js';
import { BufferedLines, writeStdoutSync } from './output.js';
import { InputError } from './input-error.js';
import { formatStop } from './stop.js';
import { Progress, type ProgressEnd } from './progress.js';
import { plannedEndNs } from '../scenarios/plan-end.js';
import type { Scenario } from '../scenarios/schema.js';
import { msg, render } from '../i18n/index.js';

/** The progress bar's 100%: the run's `until`, else the end of the scenario's plan. */
function progressEnd(s: Scenario, untilNs: number | undefined): ProgressEnd {
  const until = untilNs ?? s.until;
  if (until !== undefined) return { kind: 'until', ns: until };
  const planned = plannedEndNs(s);
  return planned === undefined || planned === 0 ? { kind: 'unknown' } : { kind: 'planned', ns: planned };
}

export async function cmdRun(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, RUN_FLAGS);
  if (values['help'] === true) {
    process.stdout.write(render(msg('cli.run.usage')));
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(render(msg('cli.run.oneScenario')));
  const seed = parseSeed(values['seed'] as string | undefined);
  const untilNs = parseUntil(values['until'] as string | undefined);
  const json = values['json'] === true;
  const quiet = values['quiet'] === true;
  const pcapDir = values['pcap'] as string | undefined;
  if (json && quiet) throw new UsageError(render(msg('cli.run.jsonQuiet')));
  const color = colorWanted(values, process.stdout.isTTY === true);

  const loaded = loadScenarioArg(positionals[0] as string);
  const out = new BufferedLines(writeStdoutSync);
  const sinks: TraceSink[] = [];
  if (!quiet) {
    sinks.push({
      emit: json ? (e: TraceEvent) => out.line(eventJsonLine(e)) : (e: TraceEvent) => out.line(formatEventLine(e, { color })),
    });
  }
  let pcap: PcapExport | undefined;
  if (pcapDir !== undefined) {
    try {
      pcap = new PcapExport(pcapDir, loaded.scenario.segments.map((s) => s.name));
    } catch (e) {
      throw new InputError([`lvslab run: --pcap ${pcapDir}: ${(e as Error).message}`]);
    }
    sinks.push(pcap);
  }

  const progress = process.stderr.isTTY === true ? new Progress(process.stderr, { end: progressEnd(loaded.scenario, untilNs) }) : undefined;
  if (progress !== undefined) sinks.push(progress);
  const result = runScenario(loaded, { seed, untilNs, sinks, keepTrace: false });
  progress?.done();
  if (!result.ok) {
    pcap?.abort();
    throw new InputError(result.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`));
  }
  out.flush();
  pcap?.finish();
  const summary = formatStop(result.stats);
  if (quiet) writeStdoutSync(`${summary}\n`);
  else process.stderr.write(`${summary}\n`);
  return 0;
}
