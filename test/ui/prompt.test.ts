import { describe, expect, it } from 'vitest';
import { editPrompt, openPrompt, type PromptEdit, type PromptState } from '../../src/ui/prompt.js';

/** A prompt with `|` marking the cursor in `text`. */
function at(marked: string, kind: PromptState['kind'] = 'search'): PromptState {
  const cursor = marked.indexOf('|');
  const text = marked.replace('|', '');
  return { ...openPrompt(kind, 'rs1', text, 0), cursor };
}

function shown(p: PromptState): string {
  return `${p.text.slice(0, p.cursor)}|${p.text.slice(p.cursor)}`;
}

describe('editPrompt', () => {
  const table: Array<[string, PromptEdit, string]> = [
    ['|', { type: 'insert', text: 'tcp' }, 'tcp|'],
    ['ip.dst == 1|', { type: 'insert', text: '0' }, 'ip.dst == 10|'],
    ['ip.|dst', { type: 'insert', text: 'x' }, 'ip.x|dst'],
    ['tc|p', { type: 'insert', text: 'a\r\nb\u0007' }, 'tcab|p'],
    ['tcp|', { type: 'insert', text: '\u001b' }, 'tcp|'],
    ['tcp|', { type: 'backspace' }, 'tc|'],
    ['t|cp', { type: 'backspace' }, '|cp'],
    ['|tcp', { type: 'backspace' }, '|tcp'],
    ['tcp|', { type: 'left' }, 'tc|p'],
    ['|tcp', { type: 'left' }, '|tcp'],
    ['tc|p', { type: 'right' }, 'tcp|'],
    ['tcp|', { type: 'right' }, 'tcp|'],
    ['tc|p', { type: 'home' }, '|tcp'],
    ['t|cp', { type: 'end' }, 'tcp|'],
    // Ctrl-U kills from the start to the cursor, as readline's unix-line-discard
    ['ip.dst |== 1', { type: 'killLine' }, '|== 1'],
    ['tcp|', { type: 'killLine' }, '|'],
    // Ctrl-W kills the word before the cursor and the blanks after it
    ['sysctl -w net.ipv4|', { type: 'killWord' }, 'sysctl -w |'],
    ['sysctl -w  |x', { type: 'killWord' }, 'sysctl |x'],
    ['|tcp', { type: 'killWord' }, '|tcp'],
  ];
  for (const [before, edit, after] of table) {
    it(`${JSON.stringify(before)} + ${edit.type} → ${JSON.stringify(after)}`, () => {
      expect(shown(editPrompt(at(before), edit, []))).toBe(after);
    });
  }

  it('opens with the text given and the cursor at its end', () => {
    const p = openPrompt('narrow', '', 'tcp', 2);
    expect(p).toMatchObject({ kind: 'narrow', text: 'tcp', cursor: 3, historyAt: 2 });
    expect(openPrompt('command', 'rs1').host).toBe('rs1');
  });

  it('browses the history with ↑/↓ and gives back the line being typed', () => {
    const history = ['tcp', 'arp'];
    let p = openPrompt('search', '', '', history.length);
    p = editPrompt(p, { type: 'insert', text: 'ip.d' }, history);
    p = editPrompt(p, { type: 'historyUp' }, history);
    expect(shown(p)).toBe('arp|');
    p = editPrompt(p, { type: 'historyUp' }, history);
    expect(shown(p)).toBe('tcp|');
    // the oldest line: ↑ stays
    expect(editPrompt(p, { type: 'historyUp' }, history)).toBe(p);
    p = editPrompt(p, { type: 'historyDown' }, history);
    expect(shown(p)).toBe('arp|');
    p = editPrompt(p, { type: 'historyDown' }, history);
    // back to the draft, as typed
    expect(shown(p)).toBe('ip.d|');
    // below the draft: ↓ stays
    expect(editPrompt(p, { type: 'historyDown' }, history)).toBe(p);
  });

  it('an edit of a recalled line makes it the new draft', () => {
    const history = ['tcp', 'arp'];
    let p = openPrompt('search', '', 'x', history.length);
    p = editPrompt(p, { type: 'historyUp' }, history);
    p = editPrompt(p, { type: 'insert', text: '.opcode' }, history);
    expect(p.text).toBe('arp.opcode');
    p = editPrompt(p, { type: 'historyUp' }, history);
    expect(p.text).toBe('arp');
    p = editPrompt(p, { type: 'historyDown' }, history);
    expect(p.text).toBe('arp.opcode');
  });

  it('has nothing to browse with an empty history', () => {
    const p = openPrompt('command', 'rs1', 'ip', 0);
    expect(editPrompt(p, { type: 'historyUp' }, [])).toBe(p);
    expect(editPrompt(p, { type: 'historyDown' }, [])).toBe(p);
  });
});
