/** The help overlay: every key binding of the lab, straight from the binding table; it scrolls when the terminal is short. */
import { Box, Text } from 'ink';
import type { HelpRow } from '../screen.js';
import { fitWidth, padToWidth } from '../width.js';

export interface HelpOverlayProps {
  readonly title: string;
  readonly rows: readonly HelpRow[];
  readonly close: string;
  /** Shown instead of the closing hint while rows are hidden below; `{n}` becomes their number. */
  readonly more: string;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

/** Width of the keys column. */
const KEYS_WIDTH = 16;

export function HelpOverlay({ title, rows, close, more, scroll, width, height }: HelpOverlayProps) {
  // Title, the bindings, a blank line and the closing hint (or how to see the rest).
  const room = Math.max(0, height - 3);
  const top = Math.max(0, Math.min(scroll, rows.length - room));
  const shown = rows.slice(top, top + room);
  const hidden = rows.length - top - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fitWidth(top > 0 ? `${title} (↑ ${top})` : title, width)}
      </Text>
      {shown.map((row) => (
        <Text key={row.keys} wrap="truncate-end">
          {fitWidth(`  ${padToWidth(row.keys, KEYS_WIDTH)} ${row.text}`, width)}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate-end">{fitWidth(hidden > 0 ? more.replace('{n}', String(hidden)) : close, width)}</Text>
    </Box>
  );
}
