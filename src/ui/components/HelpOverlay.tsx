/**
 * The help overlay: every key binding of the lab, straight from the binding table. A description
 * too long for the terminal wraps under itself (a Chinese one is often twice as wide as its English);
 * the overlay scrolls by lines when the terminal is short.
 */
import { Box, Text } from 'ink';
import type { HelpRow } from '../screen.js';
import { fitWidth, padToWidth, wrapToWidth } from '../width.js';

export interface HelpOverlayProps {
  readonly title: string;
  readonly rows: readonly HelpRow[];
  readonly close: string;
  /** Shown instead of the closing hint while lines are hidden below; `{n}` becomes their number. */
  readonly more: string;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

/** Width of the keys column. */
const KEYS_WIDTH = 16;

/** The bindings as screen lines: keys, then the description, wrapped under itself. */
export function helpLines(rows: readonly HelpRow[], width: number): string[] {
  const indent = 2 + KEYS_WIDTH + 1;
  const textWidth = Math.max(10, width - indent);
  const lines: string[] = [];
  for (const row of rows) {
    const parts = wrapToWidth(row.text, textWidth);
    parts.forEach((part, k) => lines.push(`  ${padToWidth(k === 0 ? row.keys : '', KEYS_WIDTH)} ${part}`));
  }
  return lines;
}

export function HelpOverlay({ title, rows, close, more, scroll, width, height }: HelpOverlayProps) {
  // Title, the bindings, a blank line and the closing hint (or how to see the rest).
  const lines = helpLines(rows, width);
  const room = Math.max(0, height - 3);
  const top = Math.max(0, Math.min(scroll, lines.length - room));
  const shown = lines.slice(top, top + room);
  const hidden = lines.length - top - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fitWidth(top > 0 ? `${title} (↑ ${top})` : title, width)}
      </Text>
      {shown.map((line, k) => (
        <Text key={top + k} wrap="truncate-end">
          {fitWidth(line, width)}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate-end">{fitWidth(hidden > 0 ? more.replace('{n}', String(hidden)) : close, width)}</Text>
    </Box>
  );
}
