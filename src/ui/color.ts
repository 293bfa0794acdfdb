/**
 * Colour policy of the lab screen. Colour only ever repeats what the text already says (kind
 * labels and markers, `+`/`-`/`→` in the changes pane, inverse for the current line), so the
 * screen reads the same without it: with `color: false` or the NO_COLOR convention
 * (https://no-color.org: set and not empty) no colour is emitted at all.
 */
import type { TraceEventKind } from '../trace/events.js';
import type { Tone } from './packet-view.js';

/** Whether to colour: the caller asked for it and NO_COLOR is not set. */
export function colorEnabled(requested: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const noColor = env['NO_COLOR'];
  return requested && (noColor === undefined || noColor === '');
}

/** Ink colour names used by the lab. */
export type Hue = 'green' | 'cyan' | 'red' | 'magenta' | 'yellow' | 'blue' | 'gray';

/** A one-character marker per event kind, in front of each list line (readable without colour). */
export const KIND_MARK: Readonly<Record<TraceEventKind, string>> = {
  tx: '→',
  rx: '←',
  hook: '·',
  route: '·',
  neigh: '·',
  link: '·',
  addr: '·',
  fib: '·',
  drop: '✗',
  'ipvs.service': '◆',
  'ipvs.dest': '◆',
  'ipvs.sched': '◆',
  'ipvs.conn': '◆',
  'ipvs.xmit': '◆',
  'ipvs.synproxy': '◆',
  vrrp: '♦',
  keepalived: '♦',
  host: '✗',
  sock: '·',
  app: '·',
  cmd: '$',
  checkpoint: '★',
};

/** The colour of a kind's marker. */
export const KIND_HUE: Readonly<Record<TraceEventKind, Hue | undefined>> = {
  tx: 'green',
  rx: 'cyan',
  hook: 'blue',
  route: 'blue',
  neigh: 'blue',
  link: 'blue',
  addr: 'blue',
  fib: 'blue',
  drop: 'red',
  'ipvs.service': 'magenta',
  'ipvs.dest': 'magenta',
  'ipvs.sched': 'magenta',
  'ipvs.conn': 'magenta',
  'ipvs.xmit': 'magenta',
  'ipvs.synproxy': 'magenta',
  vrrp: 'yellow',
  keepalived: 'yellow',
  host: 'red',
  sock: undefined,
  app: undefined,
  cmd: undefined,
  checkpoint: 'yellow',
};

/** The colour of a pane line's tone (titles are bold instead; plain text keeps the default). */
export const TONE_HUE: Readonly<Record<Tone, Hue | undefined>> = {
  title: undefined,
  plain: undefined,
  dim: 'gray',
  changed: 'yellow',
  added: 'green',
  removed: 'red',
  selected: undefined,
  good: 'green',
  bad: 'red',
  focus: 'cyan',
};
