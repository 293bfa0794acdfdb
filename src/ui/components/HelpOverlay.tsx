/** The help overlay: every key binding of the lab, straight from the binding table. */
import { Box, Text } from 'ink';
import type { HelpRow } from '../screen.js';
import { fitWidth } from '../text.js';

export interface HelpOverlayProps {
  readonly title: string;
  readonly rows: readonly HelpRow[];
  readonly close: string;
  readonly width: number;
  readonly height: number;
}

/** Width of the keys column. */
const KEYS_WIDTH = 16;

export function HelpOverlay({ title, rows, close, width, height }: HelpOverlayProps) {
  // Title, the bindings, a blank line and the closing hint; bindings beyond the height are cut.
  const bindingRows = Math.max(0, Math.min(rows.length, height - 3));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fitWidth(title, width)}
      </Text>
      {rows.slice(0, bindingRows).map((row) => (
        <Text key={row.keys} wrap="truncate-end">
          {fitWidth(`  ${row.keys.padEnd(KEYS_WIDTH)} ${row.text}`, width)}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate-end">{fitWidth(close, width)}</Text>
    </Box>
  );
}
