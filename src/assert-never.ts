/** Ends every switch over a discriminated union: the compiler proves no case is left out. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
