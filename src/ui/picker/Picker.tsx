/**
 * The lab picker screen: the built-in labs grouped by topic, the selected one's summary below the
 * list (or at its right on a wide terminal, with its checkpoints), key hints at the bottom. The
 * selected row is in inverse video and marked `▸`, so it reads the same without colour.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { render as renderMsg } from '../../i18n/index.js';
import { msg } from '../../i18n/message.js';
import { TOPIC_MESSAGE } from '../../scenarios/topics.js';
import { colorEnabled } from '../color.js';
import { displayWidth, fitWidth, padToWidth } from '../width.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { chordLabel, pickerActions, PICKER_BINDINGS } from './keys.js';
import type { PickerLabDetail } from './labs.js';
import { initPicker, pickerLayout, pickerRows, reducePicker, wrapText, type PickerAction, type PickerLab, type PickerState, type PickerView } from './model.js';

export interface PickerProps {
  readonly labs: readonly PickerLab[];
  /** Lay out for this many columns instead of the terminal's. */
  readonly width?: number;
  /** Lay out for this many rows instead of the terminal's. */
  readonly height?: number;
  /** Colour output; the NO_COLOR environment variable turns it off regardless. */
  readonly color: boolean;
  /** The lab to select first (e.g. the one just played). */
  readonly initial?: string;
  /** The checkpoints of a lab, shown on wide screens (read lazily, for the selected lab only). */
  readonly describe?: (name: string) => PickerLabDetail | undefined;
  readonly onChoose: (name: string) => void;
  readonly onQuit: () => void;
}

const t = (id: string, params?: Readonly<Record<string, string | number>>): string => renderMsg(msg(id, params));

/** `lvslab — choose a lab` at the left; the filter and the count at the right. */
function headerLine(state: PickerState, view: PickerView, width: number): { left: string; right: string } {
  const left = t('ui.picker.title');
  const count = view.matched === view.total ? t('ui.picker.count', { n: view.total }) : t('ui.picker.countFiltered', { shown: view.matched, n: view.total });
  const filter = state.editing ? `/${state.filter}█  ` : state.filter !== '' ? `/${state.filter}  ` : '';
  const right = fitWidth(`${filter}${count}`, Math.max(0, width - displayWidth(left) - 2));
  return { left, right };
}

/** The rule under the list, saying how much is scrolled out of view. */
function ruleLine(view: PickerView, width: number): string {
  const parts: string[] = [];
  if (view.above > 0) parts.push(t('ui.picker.above', { n: view.above }));
  if (view.below > 0) parts.push(t('ui.picker.below', { n: view.below }));
  const label = parts.length === 0 ? '' : ` ${parts.join(' · ')} `;
  return padToWidth(fitWidth(`──${label}`, width), width, '─');
}

/** `↑↓ move · Enter open · / filter · ? help · q quit`, from the bindings table. */
function footerLine(state: PickerState, width: number): string {
  if (state.editing) {
    const choose = PICKER_BINDINGS.find((b) => b.action === 'choose');
    const escape = PICKER_BINDINGS.find((b) => b.action === 'escape');
    const keys = [choose, escape].flatMap((b) => (b?.chords[0] === undefined ? [] : [`${chordLabel(b.chords[0])} ${t(`ui.picker.hint.${b.action}`)}`]));
    return fitWidth([t('ui.picker.filtering'), ...keys].join(' · '), width);
  }
  const groups = new Map<number, { keys: string; action: string }>();
  for (const b of PICKER_BINDINGS) {
    if (b.hint === undefined || b.chords[0] === undefined) continue;
    const g = groups.get(b.hint);
    const key = chordLabel(b.chords[0]);
    if (g === undefined) groups.set(b.hint, { keys: key, action: b.action });
    else g.keys += key;
  }
  const hints = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => `${g.keys} ${t(`ui.picker.hint.${g.action}`)}`);
  return fitWidth(hints.join(' · '), width);
}

/** The selected lab below the list: its title, then its summary, in `rows` lines. */
function shortDetail(lab: PickerLab | undefined, width: number, rows: number): string[] {
  if (lab === undefined || rows <= 0) return [];
  const summary = wrapText(lab.summary ?? t('ui.picker.noSummary'), width);
  const lines = [fitWidth(lab.title, width), ...summary];
  if (lines.length > rows) {
    const cut = lines.slice(0, rows);
    cut[rows - 1] = fitWidth(`${cut[rows - 1] ?? ''} …`, width);
    return cut;
  }
  return lines;
}

/** The selected lab beside the list: title, topic, summary, checkpoints, how to open it. */
function longDetail(lab: PickerLab | undefined, detail: PickerLabDetail | undefined, width: number, rows: number): string[] {
  if (lab === undefined) return [];
  const lines: string[] = [lab.title, t('ui.picker.topic', { topic: lab.topic, about: t(TOPIC_MESSAGE[lab.topic]) }), ''];
  lines.push(...wrapText(lab.summary ?? t('ui.picker.noSummary'), width), '');
  if (detail !== undefined && detail.checkpoints.length > 0) {
    lines.push(t('ui.picker.checkpoints', { n: detail.checkpoints.length }));
    detail.checkpoints.forEach((title, i) => lines.push(`  ${i + 1}. ${title}`));
    if (detail.quizzes > 0) lines.push(t('ui.picker.quizzes', { n: detail.quizzes }));
    lines.push('');
  }
  lines.push(...wrapText(t('ui.picker.open', { name: lab.name }), width));
  // An empty Text takes no line in Ink: a blank line is a space.
  return lines.slice(0, rows).map((l) => (l === '' ? ' ' : fitWidth(l, width)));
}

/** The help overlay's lines: every binding with its keys. */
function helpLines(width: number): string[] {
  const rows = PICKER_BINDINGS.map((b) => ({ keys: b.chords.map(chordLabel).join(' '), text: t(b.help) }));
  let keysWidth = 0;
  for (const r of rows) keysWidth = Math.max(keysWidth, displayWidth(r.keys));
  return [t('ui.picker.help.title'), ' ', ...rows.map((r) => `  ${padToWidth(r.keys, keysWidth)}  ${r.text}`), ' ', t('ui.picker.help.close')].map((l) => fitWidth(l, width));
}

/** The lab picker. Calls `onChoose` or `onQuit` once, then ends the Ink app. */
export function Picker({ labs, width, height, color, initial, describe, onChoose, onQuit }: PickerProps) {
  const { exit } = useApp();
  const size = useTerminalSize({ columns: width, rows: height });
  const layout = pickerLayout(size.columns, size.rows);
  // The state lives in a ref as well, so that keys arriving before the next render (typing fast
  // after `/`) are read in the mode the previous key left, not the one last drawn.
  const [state, setState] = useState(() => initPicker(labs, { initial, page: layout.page }));
  const current = useRef(state);
  const apply = useCallback((actions: readonly PickerAction[]) => {
    let next = current.current;
    for (const a of actions) next = reducePicker(next, a);
    current.current = next;
    setState(next);
  }, []);
  const colored = colorEnabled(color);

  useEffect(() => {
    apply([{ kind: 'resize', page: layout.page }]);
  }, [apply, layout.page]);

  useInput((input, key) => {
    apply(pickerActions(input, key, current.current.editing));
  });

  const reported = useRef(false);
  useEffect(() => {
    const outcome = state.outcome;
    if (outcome === undefined || reported.current) return;
    reported.current = true;
    if (outcome.kind === 'choose') onChoose(outcome.name);
    else onQuit();
    exit();
  }, [state.outcome, onChoose, onQuit, exit]);

  const view = useMemo(() => pickerRows(state, layout.listWidth), [state, layout.listWidth]);
  const selectedName = view.selected?.name;
  const detail = useMemo(
    () => (layout.wide && describe !== undefined && selectedName !== undefined ? describe(selectedName) : undefined),
    [layout.wide, describe, selectedName],
  );
  const header = headerLine(state, view, size.columns);

  const listLines = state.help ? (
    helpLines(layout.listWidth).slice(0, layout.page).map((line, i) => (
      <Text key={i} wrap="truncate-end" bold={i === 0}>
        {line}
      </Text>
    ))
  ) : view.rows.length === 0 ? (
    <Text wrap="truncate-end">{fitWidth(labs.length === 0 ? t('ui.picker.noLabs') : t('ui.picker.noMatch', { filter: state.filter }), layout.listWidth)}</Text>
  ) : (
    view.rows.map((row, i) =>
      row.kind === 'topic' ? (
        <Text key={`t${i}`} wrap="truncate-end" bold {...(colored ? { color: 'cyan' } : {})}>
          {row.text}
        </Text>
      ) : (
        <Text key={row.name ?? i} wrap="truncate-end" inverse={row.selected}>
          {row.text}
        </Text>
      ),
    )
  );

  const list = (
    <Box flexDirection="column" width={layout.listWidth}>
      <Box flexDirection="column" height={layout.page} flexShrink={0}>
        {listLines}
      </Box>
      <Text wrap="truncate-end" {...(colored ? { color: 'gray' } : {})}>
        {ruleLine(state.help ? { ...view, above: 0, below: 0 } : view, layout.listWidth)}
      </Text>
    </Box>
  );

  const detailLines = layout.wide
    ? longDetail(view.selected, detail, layout.detailWidth, layout.detailRows)
    : shortDetail(view.selected, layout.detailWidth, layout.detailRows);
  const details = (
    <Box flexDirection="column" width={layout.detailWidth} height={layout.detailRows} flexShrink={0}>
      {detailLines.map((line, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0}>
          {line}
        </Text>
      ))}
    </Box>
  );

  return (
    <Box flexDirection="column" width={size.columns}>
      <Box width={size.columns}>
        <Text bold wrap="truncate-end">
          {header.left}
        </Text>
        <Box flexGrow={1} />
        <Text wrap="truncate-end" {...(colored ? { color: 'gray' } : {})}>
          {header.right}
        </Text>
      </Box>
      {layout.wide ? (
        <Box flexDirection="row">
          {list}
          <Box flexDirection="column" width={3}>
            {Array.from({ length: layout.detailRows }, (_, i) => (
              <Text key={i}>{' │ '}</Text>
            ))}
          </Box>
          {details}
        </Box>
      ) : (
        <>
          {list}
          {details}
        </>
      )}
      <Text wrap="truncate-end" dimColor={colored}>
        {footerLine(state, size.columns)}
      </Text>
    </Box>
  );
}
