/**
 * The terminal's size as React state, updated on every resize, so the layout follows the window.
 * Fixed sizes (tests, a caller that knows better) take precedence over the terminal.
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** Used when the output is not a terminal and no size is given. */
export const DEFAULT_SIZE: TerminalSize = { columns: 80, rows: 24 };

function read(stdout: NodeJS.WriteStream): TerminalSize {
  // Not a terminal: `columns`/`rows` are undefined at run time whatever the type says.
  const columns = (stdout.columns as number | undefined) ?? DEFAULT_SIZE.columns;
  const rows = (stdout.rows as number | undefined) ?? DEFAULT_SIZE.rows;
  return { columns, rows };
}

/** The size to lay out for: `fixed` parts win, the rest follows the terminal. */
export function useTerminalSize(fixed: { readonly columns?: number | undefined; readonly rows?: number | undefined }): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return { columns: fixed.columns ?? size.columns, rows: fixed.rows ?? size.rows };
}
