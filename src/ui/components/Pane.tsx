/** A column of pre-cut lines (the packet tree, the changes, a state view, the narration), each styled by its tone. */
import { Box, Text } from 'ink';
import { TONE_HUE } from '../color.js';
import type { PaneLine } from '../packet-view.js';

export interface PaneProps {
  readonly lines: readonly PaneLine[];
  readonly width: number;
  readonly color: boolean;
}

export function Pane({ lines, width, color }: PaneProps) {
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((line, i) => {
        const hue = color ? TONE_HUE[line.tone] : undefined;
        // Meaning never rests on colour alone: selection is inverse, titles bold, marks are in the text.
        return (
          <Text
            key={i}
            wrap="truncate-end"
            bold={line.tone === 'title' || line.tone === 'focus'}
            inverse={line.tone === 'selected'}
            {...(hue === undefined ? {} : { color: hue })}
          >
            {line.text === '' ? ' ' : line.text}
          </Text>
        );
      })}
    </Box>
  );
}
