/**
 * The lab screen: a pure view of a finished trace. It holds only where the viewer is (a step
 * index, playing or not, speed, help); stepping back lowers the index. Playing uses a real-time
 * timer to advance the index: that is the viewer's clock, never the simulation's.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Trace } from '../trace/trace.js';
import { colorEnabled } from './color.js';
import { EventList } from './components/EventList.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { Pane } from './components/Pane.js';
import { actionForKey } from './keys.js';
import { computeLayout, followScroll } from './layout.js';
import { buildScreen } from './screen.js';
import { indexTrace } from './trace-index.js';
import { useTerminalSize } from './use-terminal-size.js';
import { initialViewState, reduceView, stepInterval, type ViewAction } from './view-state.js';

export interface LabAppProps {
  readonly trace: Trace;
  /** Colour output (default true); the NO_COLOR environment variable turns it off regardless. */
  readonly color?: boolean;
  /** Lay out for this many columns instead of the terminal's. */
  readonly width?: number;
  /** Lay out for this many rows instead of the terminal's. */
  readonly height?: number;
  /** Called when the user quits, before the app exits. */
  readonly onQuit?: () => void;
}

/** The lab screen for one trace. */
export function LabApp({ trace, color = true, width, height, onQuit }: LabAppProps) {
  const { exit } = useApp();
  const index = useMemo(() => indexTrace(trace), [trace]);
  const reducer = useCallback((s: ReturnType<typeof initialViewState>, a: ViewAction) => reduceView(s, a, index), [index]);
  const [state, dispatch] = useReducer(reducer, undefined, initialViewState);
  const size = useTerminalSize({ columns: width, rows: height });
  const layout = useMemo(() => computeLayout(size.columns, size.rows), [size.columns, size.rows]);
  const useColor = useMemo(() => colorEnabled(color), [color]);

  // The list scrolls only as far as needed to keep the current step visible.
  const topRef = useRef(0);
  const top = followScroll(topRef.current, state.step, layout.listRows, trace.events.length);
  useEffect(() => {
    topRef.current = top;
  }, [top]);

  useInput((input, key) => {
    // Keys typed faster than a frame (key repeat, a paste) arrive as one string: take each in turn.
    const presses = input.length > 1 && !key.ctrl && !key.meta ? [...input].map((ch) => actionForKey(ch, key)) : [actionForKey(input, key)];
    for (const action of presses) {
      if (action === undefined) continue;
      if (action === 'quit') {
        onQuit?.();
        exit();
        return;
      }
      dispatch(action);
    }
  });

  const interval = stepInterval(state);
  useEffect(() => {
    if (!state.playing) return undefined;
    const timer = setTimeout(() => dispatch('tick'), interval);
    return () => clearTimeout(timer);
  }, [state.playing, state.step, interval]);

  const screen = useMemo(
    () => buildScreen(trace, index, state, layout, top),
    [trace, index, state, layout, top],
  );
  const middleRows = layout.listRows + 1 + layout.detailRows;

  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header title={screen.headerTitle} status={screen.headerStatus} width={layout.width} />
      {screen.help !== undefined ? (
        <HelpOverlay
          title={screen.help.title}
          rows={screen.help.rows}
          close={screen.help.close}
          width={layout.width}
          height={middleRows}
        />
      ) : (
        <Box flexDirection="column" width={layout.width} height={middleRows}>
          <EventList rows={screen.list} width={layout.width} color={useColor} />
          <Text wrap="truncate-end" dimColor>
            {screen.rule}
          </Text>
          {layout.sideBySide ? (
            <Box flexDirection="row" width={layout.width} height={layout.detailRows}>
              <Pane lines={screen.tree} width={layout.treeWidth} color={useColor} />
              <Box width={1} />
              <Pane lines={screen.changes} width={layout.changesWidth} color={useColor} />
            </Box>
          ) : (
            <Box flexDirection="column" width={layout.width} height={layout.detailRows}>
              <Pane lines={screen.changes} width={layout.width} color={useColor} />
              <Pane lines={screen.tree} width={layout.width} color={useColor} />
            </Box>
          )}
        </Box>
      )}
      {screen.explanation.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {screen.footer}
      </Text>
    </Box>
  );
}
