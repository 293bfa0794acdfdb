/**
 * Entry point of the terminal UI: `runPlay` opens the lab screen on a finished trace and resolves
 * when the user quits. The screen takes the terminal's alternate buffer (as less and vim do), so
 * quitting gives the shell back exactly as it was.
 */
import { render } from 'ink';
import { createElement } from 'react';
import { LabApp } from './app.js';
import type { LabSession } from './session.js';

export { LabApp, type LabAppProps } from './app.js';
export { createSession, type LabSession, type WhatIf } from './session.js';
export { formatEventLine, formatSeconds, formatVirtualTime, type EventLineOptions } from './text.js';
export { KEY_BINDINGS, type KeyAction, type KeyBinding } from './keys.js';

/** DEC private mode 1049: switch to the alternate screen (saving the cursor) and back. */
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

export interface PlayOptions {
  /** Colour output; NO_COLOR in the environment turns it off regardless. */
  readonly color: boolean;
  /** Where to draw (default process.stdout); the alternate screen is used when it is a terminal. */
  readonly stdout?: NodeJS.WriteStream;
  /** Where keys come from (default process.stdin). */
  readonly stdin?: NodeJS.ReadStream;
}

/** Shows the lab screen for a session on the terminal; resolves when the user quits (q, Ctrl-C). */
export async function runPlay(session: LabSession, opts: PlayOptions): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const alternate = stdout.isTTY === true;
  if (alternate) stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(createElement(LabApp, { session, color: opts.color }), {
      stdout,
      stdin,
      // Ctrl-C is a binding of the lab (listed in help) so that leaving always goes one way.
      exitOnCtrlC: false,
      // Nothing logs while the lab runs.
      patchConsole: false,
      // Whole frames, each in one write on the alternate screen: Ink 6.8's incremental mode left
      // stale lines behind when a frame fills the terminal (seen in tmux at 80×24).
      incrementalRendering: false,
    });
    await instance.waitUntilExit();
  } finally {
    if (alternate) stdout.write(LEAVE_ALT_SCREEN);
  }
}
