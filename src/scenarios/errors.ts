/**
 * A problem in a scenario file, positioned the way editors and compilers do it
 * (`file:line:col: message`, both 1-based). The message id and parameters travel with the English
 * text so another language can render the same error.
 */
import { render, type Msg } from '../i18n/index.js';

/** A 1-based line and column in a file. */
export interface SourcePos {
  readonly line: number;
  readonly col: number;
}

/** One problem in a scenario file. */
export interface ScenarioError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The English text of `msg`. */
  readonly message: string;
  readonly msg: Msg;
}

/** Builds a ScenarioError at `pos`. */
export function scenarioError(file: string, pos: SourcePos, m: Msg): ScenarioError {
  return { file, line: pos.line, col: pos.col, message: render(m), msg: m };
}

/** `file:line:col: message`, the line `lvslab validate` prints. */
export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

/** Orders errors by position, then drops exact repeats. */
export function sortErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.col - b.col);
  return sorted.filter((e, i) => {
    const prev = sorted[i - 1];
    return prev === undefined || prev.line !== e.line || prev.col !== e.col || prev.message !== e.message;
  });
}
