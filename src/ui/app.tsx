/**
 * The lab screen: a pure view of a trace. It holds only where the viewer is (view-state.ts);
 * stepping back lowers an index. Playing uses a real-time timer to advance the index: that is
 * the viewer's clock, never the simulation's. The one re-run is a what-if typed at `:`, which the
 * session performs; the screen then shows the new trace at the same step.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { indexState } from '../trace/state/index.js';
import type { Trace } from '../trace/trace.js';
import { colorEnabled } from './color.js';
import { EventList } from './components/EventList.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { HexPane } from './components/HexPane.js';
import { Pane } from './components/Pane.js';
import { PromptBar } from './components/PromptBar.js';
import { TopologyPane } from './components/TopologyPane.js';
import { computeLayout } from './layout.js';
import { buildScreen, listTopFor, packetAt, type ScreenModel } from './screen.js';
import type { LabSession } from './session.js';
import { useTerminalSize } from './use-terminal-size.js';
import { initialViewState, reduceView, stepInterval, type ViewAction, type ViewContext, type ViewState } from './view-state.js';

export interface LabAppProps {
  /** The lab to show: a session (quizzes, what-ifs) or, for a bare trace, just the trace. */
  readonly session?: LabSession;
  readonly trace?: Trace;
  /** Colour output (default true); the NO_COLOR environment variable turns it off regardless. */
  readonly color?: boolean;
  /** Lay out for this many columns instead of the terminal's. */
  readonly width?: number;
  /** Lay out for this many rows instead of the terminal's. */
  readonly height?: number;
  /** Called when the user quits, before the app exits. */
  readonly onQuit?: () => void;
}

/** A session for a bare trace: no quizzes, no what-ifs. */
function traceOnly(trace: Trace): LabSession {
  return {
    trace,
    quizzes: new Map(),
    hosts: trace.meta.hosts,
    checkCommand: () => undefined,
    rerun: () => ({ ok: false, message: 'no scenario' }),
  };
}

/** The lab screen for one session (or one bare trace). */
export function LabApp({ session: given, trace, color = true, width, height, onQuit }: LabAppProps) {
  const { exit } = useApp();
  const session = useMemo(() => given ?? traceOnly(trace as Trace), [given, trace]);
  const size = useTerminalSize({ columns: width, rows: height });
  const layout = useMemo(() => computeLayout(size.columns, size.rows), [size.columns, size.rows]);
  const useColor = useMemo(() => colorEnabled(color), [color]);
  const pageRows = useRef(layout.listRows);
  pageRows.current = layout.listRows;
  const wide = useRef(layout.wide);
  wide.current = layout.wide;

  const ctx = useMemo<ViewContext>(
    () => ({
      quizzes: session.quizzes,
      hosts: session.hosts,
      checkCommand: (line) => session.checkCommand(line),
      canRerun: given !== undefined,
      get pageRows() {
        return pageRows.current;
      },
      get wide() {
        return wide.current;
      },
      treeKeys: (s: ViewState) => packetAt(s).rows,
    }),
    [session, given],
  );
  const reducer = useCallback((s: ViewState, a: ViewAction) => reduceView(s, a, ctx), [ctx]);
  const [state, dispatch] = useReducer(reducer, session.trace, initialViewState);
  const stateIndex = useMemo(() => indexState(state.lab.trace), [state.lab.trace]);

  // The list scrolls only as far as needed to keep the current step visible.
  const topRef = useRef(0);
  const top = listTopFor(state, layout, topRef.current);
  useEffect(() => {
    topRef.current = top;
  }, [top]);

  useInput((input, key) => dispatch({ type: 'key', input, key }));

  // Leaving: after the state has seen the key (it may have been typed in the same burst).
  useEffect(() => {
    if (!state.quit) return;
    onQuit?.();
    exit();
  }, [state.quit, onQuit, exit]);

  const interval = stepInterval(state);
  useEffect(() => {
    if (!state.playing) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'tick' }), interval);
    return () => clearTimeout(timer);
  }, [state.playing, state.step, interval]);

  // A what-if: run the scenario again (after this frame, so "running…" shows first).
  useEffect(() => {
    const request = state.rerun;
    if (request === undefined) return undefined;
    const timer = setTimeout(() => {
      const r = session.rerun(request.whatIfs);
      dispatch(r.ok ? { type: 'replace', trace: r.trace, whatIfs: request.whatIfs } : { type: 'rerunFailed', message: r.message });
    }, 0);
    return () => clearTimeout(timer);
  }, [state.rerun, session]);

  const screen = useMemo(() => buildScreen(state, { quizzes: session.quizzes, stateIndex }, layout, top), [state, session, stateIndex, layout, top]);

  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header title={screen.headerTitle} status={screen.headerStatus} width={layout.width} />
      {screen.help !== undefined ? (
        <HelpOverlay
          title={screen.help.title}
          rows={screen.help.rows}
          close={screen.help.close}
          more={screen.help.more}
          scroll={screen.help.scroll}
          width={layout.width}
          height={layout.height - 2}
        />
      ) : (
        <>
          {layout.wide ? <WideBody screen={screen} layout={layout} color={useColor} /> : <CompactBody screen={screen} layout={layout} color={useColor} />}
          <Pane lines={screen.narration} width={layout.width} color={useColor} />
        </>
      )}
      {screen.prompt !== undefined ? (
        <PromptBar prompt={screen.prompt} width={layout.width} />
      ) : (
        <Text wrap="truncate-end" dimColor>
          {screen.footer === '' ? ' ' : screen.footer}
        </Text>
      )}
    </Box>
  );
}

interface BodyProps {
  readonly screen: ScreenModel;
  readonly layout: ReturnType<typeof computeLayout>;
  readonly color: boolean;
}

/** The packet pane (tree and changes, the hex under them), or the quiz when the step asks one. */
function PacketBody({ screen, layout, color }: BodyProps) {
  if (screen.quiz !== undefined) return <Pane lines={screen.quiz} width={layout.packetWidth} color={color} />;
  const hexRows = screen.hex?.lines.length ?? 0;
  return (
    <Box flexDirection="column" width={layout.packetWidth} height={layout.detailRows}>
      {layout.sideBySide ? (
        <Box flexDirection="row" width={layout.packetWidth} height={layout.detailRows - hexRows}>
          <Pane lines={screen.tree} width={layout.treeWidth} color={color} />
          <Box width={1} />
          <Pane lines={screen.changes} width={layout.changesWidth} color={color} />
        </Box>
      ) : (
        <Box flexDirection="column" width={layout.packetWidth} height={layout.detailRows - hexRows}>
          <Pane lines={screen.changes} width={layout.packetWidth} color={color} />
          <Pane lines={screen.tree} width={layout.packetWidth} color={color} />
        </Box>
      )}
      {screen.hex !== undefined ? (
        <HexPane view={screen.hex} width={layout.packetWidth} />
      ) : null}
    </Box>
  );
}

function CompactBody({ screen, layout, color }: BodyProps) {
  let detail;
  // The checkpoint takes the packet pane's place; once its quiz is answered, Tab reaches the others.
  if (screen.quizPending || screen.detail === 'packet') detail = <PacketBody screen={screen} layout={layout} color={color} />;
  else if (screen.detail === 'state') detail = <Pane lines={screen.state} width={layout.width} color={color} />;
  else detail = <TopologyPane lines={screen.topology} width={layout.width} color={color} />;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.listRows + 1 + layout.detailRows}>
      <EventList rows={screen.list} width={layout.width} color={color} focused={screen.focus === 'timeline'} />
      <Text wrap="truncate-end" dimColor>
        {screen.rule}
      </Text>
      <Box flexDirection="column" width={layout.width} height={layout.detailRows}>
        {detail}
      </Box>
    </Box>
  );
}

function WideBody({ screen, layout, color }: BodyProps) {
  return (
    <Box flexDirection="column" width={layout.width} height={layout.listRows + 1 + layout.detailRows}>
      <Box flexDirection="row" width={layout.width} height={layout.listRows}>
        <EventList rows={screen.list} width={layout.listWidth} color={color} focused={screen.focus === 'timeline'} />
        <Box width={1} />
        <Box flexDirection="column" width={layout.sideWidth} height={layout.listRows}>
          <TopologyPane lines={screen.topology} width={layout.sideWidth} color={color} />
        </Box>
      </Box>
      <Text wrap="truncate-end" dimColor>
        {screen.rule}
      </Text>
      <Box flexDirection="row" width={layout.width} height={layout.detailRows}>
        <PacketBody screen={screen} layout={layout} color={color} />
        <Box width={1} />
        <Pane lines={screen.state} width={layout.sideWidth} color={color} />
      </Box>
    </Box>
  );
}
