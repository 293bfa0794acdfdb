/**
 * The one-line editor of the lab's prompts: `/` and `&` (a display filter) and `:` (a command
 * typed on a host). Pure: the state is the text and the cursor; keys are the ones a shell's line
 * editor answers to (←/→, Home/End, Ctrl-A/E/U/W, Backspace, ↑/↓ for earlier lines).
 */
import { displayWidth } from './width.js';

export type PromptKind = 'search' | 'narrow' | 'command';

export interface PromptState {
  readonly kind: PromptKind;
  readonly text: string;
  /** Cursor position, 0..text.length. */
  readonly cursor: number;
  /** For a command: the host it runs on. */
  readonly host: string;
  /** Position in the history while browsing it with ↑/↓ (history.length: the line being typed). */
  readonly historyAt: number;
  /** The line being typed, kept while browsing the history. */
  readonly draft: string;
}

export type PromptEdit =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'left' }
  | { readonly type: 'right' }
  | { readonly type: 'home' }
  | { readonly type: 'end' }
  | { readonly type: 'killLine' }
  | { readonly type: 'killWord' }
  | { readonly type: 'historyUp' }
  | { readonly type: 'historyDown' };

/** A fresh prompt. */
export function openPrompt(kind: PromptKind, host: string, text = '', historyLength = 0): PromptState {
  return { kind, text, cursor: text.length, host, historyAt: historyLength, draft: text };
}

/** The prompt after one edit; `history` holds earlier submitted lines of the same kind, oldest first. */
export function editPrompt(p: PromptState, edit: PromptEdit, history: readonly string[]): PromptState {
  switch (edit.type) {
    case 'insert': {
      // Control characters never enter the line (a pasted newline ends nothing here).
      const clean = edit.text.replace(/[\u0000-\u001f\u007f]/g, '');
      if (clean === '') return p;
      const text = p.text.slice(0, p.cursor) + clean + p.text.slice(p.cursor);
      return { ...p, text, cursor: p.cursor + clean.length, historyAt: history.length, draft: text };
    }
    case 'backspace': {
      if (p.cursor === 0) return p;
      const text = p.text.slice(0, p.cursor - 1) + p.text.slice(p.cursor);
      return { ...p, text, cursor: p.cursor - 1, historyAt: history.length, draft: text };
    }
    case 'left':
      return { ...p, cursor: Math.max(0, p.cursor - 1) };
    case 'right':
      return { ...p, cursor: Math.min(p.text.length, p.cursor + 1) };
    case 'home':
      return { ...p, cursor: 0 };
    case 'end':
      return { ...p, cursor: p.text.length };
    case 'killLine':
      return { ...p, text: p.text.slice(p.cursor), cursor: 0, historyAt: history.length, draft: p.text.slice(p.cursor) };
    case 'killWord': {
      const before = p.text.slice(0, p.cursor).replace(/\S*\s*$/, '');
      const text = before + p.text.slice(p.cursor);
      return { ...p, text, cursor: before.length, historyAt: history.length, draft: text };
    }
    case 'historyUp': {
      if (p.historyAt === 0) return p;
      const at = p.historyAt - 1;
      const text = history[at] ?? '';
      return { ...p, text, cursor: text.length, historyAt: at };
    }
    case 'historyDown': {
      if (p.historyAt >= history.length) return p;
      const at = p.historyAt + 1;
      const text = at === history.length ? p.draft : (history[at] ?? '');
      return { ...p, text, cursor: text.length, historyAt: at };
    }
  }
}

/** Where the prompt line shows its text: columns of the text from `start`, `room` of them. */
export interface PromptWindow {
  /** First column of the text shown (a long line scrolls to keep the cursor in view). */
  readonly start: number;
  /** Columns of the text shown after the prefix. */
  readonly room: number;
  /** Column of the cursor in the text, and the character under it ('' at the end). */
  readonly cursorCol: number;
  readonly under: string;
}

/** The scroll of a prompt line `width` columns wide, in terminal columns (a CJK character is two). */
export function promptWindow(prefix: string, text: string, cursor: number, width: number): PromptWindow {
  const room = Math.max(1, width - displayWidth(prefix) - 1);
  const cursorCol = displayWidth(text.slice(0, cursor));
  const code = cursor < text.length ? text.codePointAt(cursor) : undefined;
  const under = code === undefined ? '' : String.fromCodePoint(code);
  const start = Math.max(0, cursorCol + Math.max(1, displayWidth(under)) - room);
  return { start, room, cursorCol, under };
}
