/** The footer line while a prompt is open: its prefix (`/`, `&`, `rs1# `), the text and a block cursor. */
import { Text } from 'ink';
import type { PromptLine } from '../screen.js';

export interface PromptBarProps {
  readonly prompt: PromptLine;
  readonly width: number;
}

export function PromptBar({ prompt, width }: PromptBarProps) {
  const room = Math.max(1, width - prompt.prefix.length - 1);
  // Scroll the text so the cursor stays visible on a long line.
  const start = Math.max(0, prompt.cursor - room + 1);
  const shown = prompt.text.slice(start, start + room);
  const at = prompt.cursor - start;
  const before = shown.slice(0, at);
  const under = shown.slice(at, at + 1);
  const after = shown.slice(at + 1);
  return (
    <Text wrap="truncate-end">
      <Text bold>{prompt.prefix}</Text>
      {before}
      <Text inverse>{under === '' ? ' ' : under}</Text>
      {after}
    </Text>
  );
}
