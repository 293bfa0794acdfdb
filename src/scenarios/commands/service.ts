/**
 * `systemctl start|stop|restart|is-active keepalived` and the older
 * `service keepalived start|stop|restart`: the way a student starts, stops and kills
 * keepalived on a director. Only the keepalived unit is modelled (the lab has no other daemons);
 * `keepalived.service` and `keepalived` name the same unit.
 */
import type { ServiceCommand, ServiceOp } from './types.js';
import type { Word } from './shell.js';
import { base, fail, type Parse } from './args.js';
import { nearest } from '../../did-you-mean.js';

const SYSTEMCTL_OPS: readonly ServiceOp[] = ['start', 'stop', 'restart', 'is-active'];
const SERVICE_OPS: readonly string[] = ['start', 'stop', 'restart'];

/** Parses `systemctl …` or `service …` (words[0] is the command name). */
export function parseService(words: readonly Word[]): Parse<ServiceCommand> {
  const tool = (words[0] as Word).text;
  const legacy = tool === 'service';
  const opWord = words[legacy ? 2 : 1];
  const unitWord = words[legacy ? 1 : 2];
  if (opWord === undefined || unitWord === undefined) return fail(words[0] as Word, 'scenario.service.usage', { tool });
  for (const w of words.slice(1)) if (w.text.startsWith('-')) return fail(w, 'scenario.cmd.optionNotModelled', { tool, word: w.text });
  const extra = words[3];
  if (extra !== undefined) return fail(extra, 'scenario.cmd.extraArg', { word: extra.text });
  const ops = legacy ? SERVICE_OPS : SYSTEMCTL_OPS;
  if (!ops.includes(opWord.text)) {
    const guess = nearest(opWord.text, ops);
    const params = { tool, op: opWord.text, modelled: ops.join(', ') };
    return guess === undefined ? fail(opWord, 'scenario.service.opNotModelled', params) : fail(opWord, 'scenario.service.opNotModelledDidYouMean', { ...params, suggestion: guess });
  }
  const unit = unitWord.text.replace(/\.service$/, '');
  if (unit !== 'keepalived') return fail(unitWord, 'scenario.service.unitNotModelled', { unit: unitWord.text });
  return { ok: true, value: { ...base(words), kind: 'service', op: opWord.text as ServiceOp, unit } };
}
