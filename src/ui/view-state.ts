/**
 * The lab screen's view state and its transitions. The state is only *where the viewer is* (a
 * step index into the trace, playing or not, how fast, whether help is open): moving back is
 * lowering an index, never re-running the simulation.
 */
import { assertNever } from '../assert-never.js';
import type { KeyAction } from './keys.js';
import { nextCheckpoint, prevCheckpoint, type TraceIndex } from './trace-index.js';

/** Playback speeds, in events per second of real time. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16, 32, 64, 128];
/** Index into SPEEDS the lab starts at. */
export const DEFAULT_SPEED = 2;

export interface ViewState {
  /** The current step (index into trace.events); 0 for an empty trace. */
  readonly step: number;
  readonly playing: boolean;
  /** Index into SPEEDS. */
  readonly speed: number;
  readonly help: boolean;
}

/** Everything a transition may change; `quit` is not here: leaving is the shell's business. */
export type ViewAction = Exclude<KeyAction, 'quit'> | 'tick';

/** The state a lab opens in. */
export function initialViewState(): ViewState {
  return { step: 0, playing: false, speed: DEFAULT_SPEED, help: false };
}

/** Milliseconds of real time between two steps while playing. */
export function stepInterval(state: ViewState): number {
  const perSecond = SPEEDS[state.speed] ?? 1;
  return Math.round(1000 / perSecond);
}

function goTo(state: ViewState, step: number, index: TraceIndex): ViewState {
  const last = Math.max(0, index.length - 1);
  const clamped = Math.min(Math.max(step, 0), last);
  return clamped === state.step ? state : { ...state, step: clamped };
}

/** The state after one action (pure). */
export function reduceView(state: ViewState, action: ViewAction, index: TraceIndex): ViewState {
  const last = Math.max(0, index.length - 1);
  switch (action) {
    case 'playPause':
      if (state.playing) return { ...state, playing: false };
      // Pressing play at the end starts over, as a media player does.
      return { ...state, playing: index.length > 0, step: state.step >= last ? 0 : state.step };
    case 'tick':
      if (!state.playing) return state;
      if (state.step >= last) return { ...state, playing: false };
      return { ...state, step: state.step + 1, playing: state.step + 1 < last };
    case 'next':
    case 'listDown':
      return goTo(state, state.step + 1, index);
    case 'prev':
    case 'listUp':
      return goTo(state, state.step - 1, index);
    case 'first':
      return goTo(state, 0, index);
    case 'last':
      return goTo(state, last, index);
    case 'nextCheckpoint': {
      const step = nextCheckpoint(index, state.step);
      return step === undefined ? state : goTo(state, step, index);
    }
    case 'prevCheckpoint': {
      const step = prevCheckpoint(index, state.step);
      return step === undefined ? state : goTo(state, step, index);
    }
    case 'faster':
      return { ...state, speed: Math.min(state.speed + 1, SPEEDS.length - 1) };
    case 'slower':
      return { ...state, speed: Math.max(state.speed - 1, 0) };
    case 'help':
      return { ...state, help: !state.help };
    case 'closeHelp':
      return state.help ? { ...state, help: false } : state;
    default:
      return assertNever(action);
  }
}
