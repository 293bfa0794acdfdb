/**
 * An explanation as data: a message id and its parameters. The simulation emits these; only the
 * renderers in this folder turn them into sentences, in the user's language.
 */

/**
 * A parameter value: a name or number printed as is, or a nested message for a word of our own
 * prose ("broadcast", "a list"), which the renderer renders in the same language.
 */
export type MsgParam = string | number | Msg;

export interface Msg {
  readonly id: string;
  readonly params?: Readonly<Record<string, MsgParam>>;
}

/** Builds a Msg (a convenience so call sites stay one line). */
export function msg(id: string, params?: Readonly<Record<string, MsgParam>>): Msg {
  return params === undefined ? { id } : { id, params };
}
