/**
 * Entry point of the lab picker (`lvslab` with no argument): shows the picker on the terminal's
 * alternate screen, as the lab screen does, and resolves with the chosen lab's name, or
 * undefined when the user quit. The caller plays the lab and may open the picker again with
 * `initial` set to it.
 */
import { render } from 'ink';
import { createElement } from 'react';
import type { PickerLabDetail } from './labs.js';
import type { PickerLab } from './model.js';
import { Picker } from './Picker.js';

export { Picker, type PickerProps } from './Picker.js';
export { builtinLabDetail, builtinPickerLabs, type PickerLabDetail } from './labs.js';
export type { PickerLab } from './model.js';

/** DEC private mode 1049: switch to the alternate screen (saving the cursor) and back. */
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

export interface PickerOptions {
  readonly labs: readonly PickerLab[];
  /** Colour output; NO_COLOR in the environment turns it off regardless. */
  readonly color: boolean;
  /** The lab to select first (the one just played). */
  readonly initial?: string;
  /** The checkpoints of a lab for wide screens (builtinLabDetail for the built-ins). */
  readonly describe?: (name: string) => PickerLabDetail | undefined;
  /** Where to draw (default process.stdout); the alternate screen is used when it is a terminal. */
  readonly stdout?: NodeJS.WriteStream;
  /** Where keys come from (default process.stdin). */
  readonly stdin?: NodeJS.ReadStream;
}

/** Shows the picker; resolves with the chosen lab's name, or undefined when the user quit. */
export async function runPicker(opts: PickerOptions): Promise<string | undefined> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const alternate = stdout.isTTY === true;
  let chosen: string | undefined;
  if (alternate) stdout.write(ENTER_ALT_SCREEN);
  try {
    const element = createElement(Picker, {
      labs: opts.labs,
      color: opts.color,
      ...(opts.initial === undefined ? {} : { initial: opts.initial }),
      ...(opts.describe === undefined ? {} : { describe: opts.describe }),
      onChoose: (name: string) => {
        chosen = name;
      },
      onQuit: () => {
        chosen = undefined;
      },
    });
    // Ctrl-C is a binding of the picker (listed in help) so that leaving always goes one way.
    const instance = render(element, { stdout, stdin, exitOnCtrlC: false, patchConsole: false });
    await instance.waitUntilExit();
  } finally {
    if (alternate) stdout.write(LEAVE_ALT_SCREEN);
  }
  return chosen;
}
