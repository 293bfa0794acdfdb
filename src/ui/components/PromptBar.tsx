/** The footer line while a prompt is open: its prefix (`/`, `&`, `rs1# `), the text and a block cursor. */
import { Text } from 'ink';
import { promptWindow } from '../prompt.js';
import type { PromptLine } from '../screen.js';
import { displayWidth, sliceColumns } from '../width.js';

export interface PromptBarProps {
  readonly prompt: PromptLine;
  readonly width: number;
}

export function PromptBar({ prompt, width }: PromptBarProps) {
  // Scroll the text so the cursor stays visible on a long line (in columns: a CJK character is two).
  const { start, room, cursorCol, under } = promptWindow(prompt.prefix, prompt.text, prompt.cursor, width);
  const before = sliceColumns(prompt.text, start, cursorCol);
  const after = sliceColumns(prompt.text, cursorCol + displayWidth(under), start + room);
  return (
    <Text wrap="truncate-end">
      <Text bold>{prompt.prefix}</Text>
      {before}
      <Text inverse>{under === '' ? ' ' : under}</Text>
      {after}
    </Text>
  );
}
