/** Bad input found while loading (scenario files, captures): the lines to print, exit code 2. */
export class InputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}
