/**
 * An explanation as data: a message id and its parameters. The simulation emits these; only the
 * renderers in this folder turn them into sentences, in the user's language.
 */
export interface Msg {
  readonly id: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Builds a Msg (a convenience so call sites stay one line). */
export function msg(id: string, params?: Readonly<Record<string, string | number>>): Msg {
  return params === undefined ? { id } : { id, params };
}
